//! Counts: numbers of things in the clean text, with value, counted unit and hedge:
//! "47 cities", "more than 3,300 projects", "$4.69 billion", "1.5 percent",
//! "forty-seven delegates", "10-15 minutes" (a range: lower bound, `at_least`).
//!
//! A small grammar over tokens: an optional hedge ("more than"), an optional currency
//! before ("$", "Rs", "CHF"), a number (digits with separators, glued scales "2bn",
//! number words "two hundred and five", scales "1.2 million", fractions "1/5"), an
//! optional range, then what is counted: a currency after ("yuan", "Hong Kong
//! dollars"), a measure unit ("km", "%", "per cent"), a hyphenated measure ("2-liter"),
//! or the noun phrase up to its plural head ("16 key industrial chains"). All words
//! come from `rules/counts/`. Numbers may be fractions ("two thirds of", "7 1/2",
//! "¾", "six and a half million"); money may carry its scale after the currency
//! ("40 USD million", "MUSD 3"); "pounds" is a weight next to a weight word.
//!
//! What it leaves out: years (four plain digits from 1000 to 2100 without a unit of
//! measure or money), dates and times, ordinals, numbers glued into names ("G20",
//! "COVID-19") or right after a capitalised word that is not at a sentence start
//! ("Boeing 737"), labels ("No. 5", "page 12"), ages, and numbers with nothing
//! counted next to them ("grew from 16 to 80"). It does not read the title or captions,
//! and it reads English only: a record whose language is known and not English gets
//! no counts, since the grammar and word lists are English.

use foldhash::HashSet;

use super::offsets::CharOffsets;
use super::tokens::{Token, TokenKind, opens_sentence, starts_upper, tokenize};
use super::{Extractor, reads_english};
use crate::record::{Count, Qualifier, Record};
use crate::rules::counts::{CountRules, NumberWordKind};

/// The most words a counted phrase may have before its head.
const MAX_PHRASE_WORDS: usize = 6;

/// Finds counts; built once per process from the rules.
pub struct CountsExtractor {
    rules: CountRules,
    /// Month names, capitalised as written in text ("July", "Jul").
    months: HashSet<String>,
}

/// A number as read from the tokens.
#[derive(Debug, Clone, Copy)]
struct Number {
    value: f64,
    /// Index of the token after the number (and its scale words).
    next: usize,
    /// A scale word or suffix multiplied it ("million", "bn").
    scale: Option<f64>,
    /// Written in digits, without separators, decimals or scale: a year candidate.
    plain_digits: bool,
    /// Came from "a dozen" or "a couple", which may take "of" before the noun.
    from_dozen: bool,
}

/// What a count counts, and the token after it.
#[derive(Debug, Clone)]
struct Unit {
    unit: String,
    /// Money or a measure unit (not a noun phrase): years may carry these.
    measure: bool,
    /// Money: a currency code, or a noun for money of a currency not settled ("riyal").
    money: bool,
    next: usize,
}

impl CountsExtractor {
    pub fn new(rules: &CountRules, months: impl IntoIterator<Item = String>) -> CountsExtractor {
        let months = months.into_iter().map(|m| capitalise(&m)).collect();
        CountsExtractor { rules: rules.clone(), months }
    }

    /// Every count in `text`, in text order, as (start byte, end byte, value, unit, qualifier).
    fn find(&self, text: &str) -> Vec<(usize, usize, f64, String, Option<Qualifier>)> {
        let tokens = tokenize(text);
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match self.count_at(text, &tokens, i) {
                Attempt::Count { start, end, value, unit, qualifier, next } => {
                    found.push((start, end, value, unit, qualifier));
                    i = next;
                }
                Attempt::NotACount { next } => i = next.max(i + 1),
                Attempt::NoNumber => i += 1,
            }
        }
        found
    }

    /// Tries to read a count whose number starts at token `i`.
    fn count_at(&self, text: &str, tokens: &[Token], i: usize) -> Attempt {
        if !self.may_start_number(text, &tokens[i]) {
            return Attempt::NoNumber;
        }
        let Some(plain) = self.number_at(text, tokens, i, false) else { return Attempt::NoNumber };
        let (currency_before, code_scale) = match self.currency_before(text, tokens, i) {
            Some(found) => (Some(found), None),
            None => {
                self.scaled_code_before(text, tokens, i).map_or((None, None), |(c, at, m)| (Some((c, at)), Some(m)))
            }
        };
        // "$3.5m" is millions, "3m" alone is metres, "2.3m visitors" millions again.
        let mut number = match currency_before {
            Some(_) => self.number_at(text, tokens, i, true).unwrap_or(plain),
            None => self.m_million(text, tokens, i, plain),
        };
        if let Some(m) = code_scale.filter(|_| number.scale.is_none()) {
            number = Number { value: number.value * m, scale: Some(m), ..number };
        }
        let reject = Attempt::NotACount { next: number.next };
        let first = currency_before.as_ref().map_or(i, |(_, at)| *at);
        let qualifier = self.qualifier_before(text, tokens[first].start);
        let context = if currency_before.is_some() {
            Context::Free
        } else {
            self.label_or_name(text, tokens, i, qualifier.is_some())
        };
        if context == Context::Label {
            return reject;
        }
        let mut qualifier = qualifier;
        let mut value = number.value;
        let mut j = number.next;
        if self.is_date_or_time(text, tokens, j) {
            return reject;
        }
        // A percent sign or currency glued to the first number of a range: "80% to 90%".
        let mut unit = self.sign_unit_at(text, tokens, j);
        if let Some(u) = &unit {
            j = u.next;
        }
        if let Some((second, after)) = self.range_after(text, tokens, j)
            && !self.sides_differ(text, tokens, unit.as_ref(), after)
        {
            if number.scale.is_none()
                && let Some(scale) = second.scale
            {
                value *= scale;
            }
            // "from zero to 60 mph" counts the 60; "787-10" is a model, not a range.
            if value <= 0.0 || value > second.value {
                return reject;
            }
            qualifier = Some((Qualifier::AtLeast, qualifier.map_or(tokens[first].start, |(_, at)| at)));
            j = after;
            unit = None;
        } else if word_is(text, tokens, j, "or") && word_is(text, tokens, j + 1, "more") {
            qualifier = Some((Qualifier::AtLeast, qualifier.map_or(tokens[first].start, |(_, at)| at)));
            j += 2;
        }
        let has_currency_before = currency_before.is_some();
        let unit = match (currency_before, unit) {
            (Some((code, _)), _) => Some(Unit { unit: code, measure: true, money: true, next: j }),
            (None, Some(u)) => Some(u),
            (None, None) => self.unit_after(text, tokens, j, &number, value),
        };
        let Some(mut unit) = unit else { return reject };
        if context == Context::AfterName && !unit.measure {
            return reject;
        }
        // "€ 99,99", "1.234,56 EUR": a decimal comma, which an amount's two decimals
        // make plain (a thousands group has three digits).
        if unit.money
            && number.scale.is_none()
            && number.next == i + 1
            && let Some(decimal) = decimal_comma(tokens[i].text(text))
        {
            value = decimal;
        }
        if unit.money && unit.unit == "GBP" && !has_currency_before && self.weight_before(text, tokens, first) {
            unit = Unit { unit: "pound".into(), money: false, ..unit };
        }
        if unit.money && number.scale.is_none() {
            // "40 USD million", "5 euros billion": the scale after the currency.
            let (scaled, after, scale) = self.scale_words(text, tokens, unit.next, value, None);
            if scale.is_some() {
                value = scaled;
                unit.next = after;
            }
        }
        if unit.money
            && unit.unit != "cent"
            && value.fract() == 0.0
            && let Some((cents, after)) = self.cents_after(text, tokens, unit.next)
        {
            value += cents;
            unit.next = after;
        }
        // "a year and a half": the fraction after the counted noun.
        if !unit.measure
            && value.fract() == 0.0
            && let Some((fraction, after)) = self.and_fraction(text, tokens, unit.next)
        {
            value += fraction;
            unit.next = after;
        }
        if number.plain_digits && !unit.measure && (1000.0..=2100.0).contains(&number.value) {
            return reject;
        }
        if self.is_after_word_not_count(text, tokens, unit.next) {
            return reject;
        }
        let start = qualifier.map_or(tokens[first].start, |(_, at)| at);
        let end = tokens[unit.next - 1].end;
        Attempt::Count { start, end, value, unit: unit.unit, qualifier: qualifier.map(|(q, _)| q), next: unit.next }
    }

    /// A cheap test, before any parsing: digits, a minus sign, or a word that can open
    /// a number ("forty", "a", "minus"). Most tokens fail it without allocating.
    fn may_start_number(&self, text: &str, token: &Token) -> bool {
        match token.kind {
            TokenKind::Number => true,
            // "-5", ".45", "¾".
            TokenKind::Symbol => {
                token.is_symbol(text, '-') || token.is_symbol(text, '.') || self.vulgar(text, token).is_some()
            }
            TokenKind::Word => {
                let word = token.text(text);
                let mut key = [0u8; 16];
                if word.len() > key.len() || !word.is_ascii() {
                    return false;
                }
                key[..word.len()].copy_from_slice(word.as_bytes());
                key[..word.len()].make_ascii_lowercase();
                let lower = std::str::from_utf8(&key[..word.len()]).unwrap_or_default();
                // Every number word but "point" and "couple", which open nothing alone.
                self.rules
                    .number_words
                    .get(lower)
                    .is_some_and(|(_, kind)| !matches!(kind, NumberWordKind::Point | NumberWordKind::Vague))
            }
        }
    }

    /// A currency sign, code or word right before token `i` ("$", "US$ ", "Rs. "), with
    /// the index of its first token.
    fn currency_before(&self, text: &str, tokens: &[Token], i: usize) -> Option<(String, usize)> {
        if i == 0 || tokens[i].newline_before {
            return None;
        }
        let table = &self.rules.currencies_before;
        let longest = (table.max_words * 2).min(i);
        (1..=longest).rev().find_map(|n| {
            let from = i - n;
            if from > 0 && tokens[from].glued() && tokens[from - 1].kind != TokenKind::Symbol {
                return None;
            }
            let phrase = phrase_text(text, &tokens[from..i])?;
            table.get(&phrase).map(|code| (code.to_string(), from))
        })
    }

    /// "MUSD 3", "kEUR 20": a scale letter glued before an ISO 4217 code, right
    /// before the number; the code, its token and the scale.
    fn scaled_code_before(&self, text: &str, tokens: &[Token], i: usize) -> Option<(String, usize, f64)> {
        let word = tokens.get(i.checked_sub(1)?).filter(|t| t.kind == TokenKind::Word && !tokens[i].newline_before)?;
        let written = word.text(text);
        let (letter, code) = (written.get(..1)?, written.get(1..)?);
        let scale = match letter {
            "k" | "K" => 1e3,
            "M" => 1e6,
            _ => return None,
        };
        let is_code = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
        let found = self.rules.currencies_before.get(code).filter(|c| is_code && *c == code)?;
        Some((found.to_string(), i - 1, scale))
    }

    /// The hedge right before byte `start` ("more than ", "some "), with its start byte.
    fn qualifier_before(&self, text: &str, start: usize) -> Option<(Qualifier, usize)> {
        let mut before = text[..start].strip_suffix(' ')?;
        // "up to an additional 15 per cent": a filler may stand between hedge and number.
        for filler in &self.rules.fillers {
            let n = filler.len();
            if before.len() > n
                && before.is_char_boundary(before.len() - n)
                && before[before.len() - n..].eq_ignore_ascii_case(filler)
                && let Some(rest) = before[..before.len() - n].strip_suffix(' ')
            {
                before = rest;
                break;
            }
        }
        let lower_tail: String = {
            let from = before.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
            before[from..].to_lowercase()
        };
        self.rules.qualifiers.iter().find_map(|(words, qualifier)| {
            let phrase = words.join(" ");
            let head = lower_tail.strip_suffix(&phrase)?;
            if head.chars().next_back().is_some_and(char::is_alphanumeric) {
                return None;
            }
            // Lower-casing may change byte lengths; count back in the original by characters.
            let chars = phrase.chars().count();
            let at = before.char_indices().rev().nth(chars - 1).map(|(i, _)| i)?;
            Some((*qualifier, at))
        })
    }

    /// "G20", "COVID-19", "No. 5", "24/7": the number is part of a label; "Boeing 737":
    /// it follows a name, which matters unless a measure or money follows.
    fn label_or_name(&self, text: &str, tokens: &[Token], i: usize, hedged: bool) -> Context {
        if i == 0 {
            return Context::Free;
        }
        let previous = &tokens[i - 1];
        if tokens[i].glued() && !previous.is_symbol(text, '(') && !is_quote(previous.text(text)) {
            return Context::Label;
        }
        let before = text[..tokens[i].start].trim_end();
        let labelled = self.rules.not_count_before.iter().any(|words| {
            let label = words.join(" ");
            before
                .strip_suffix(label.as_str())
                .is_some_and(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric))
        });
        if labelled {
            return Context::Label;
        }
        if hedged {
            return Context::Free;
        }
        // "Zero Gravity Seats", "Three Gorges Dam": a capitalised number word inside a name.
        if tokens[i].kind == TokenKind::Word {
            let named = starts_upper(tokens[i].text(text))
                && !opens_clause(text, tokens, i)
                && tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Word && starts_upper(t.text(text)));
            return if named { Context::Label } else { Context::Free };
        }
        if tokens[i].newline_before || previous.kind != TokenKind::Word {
            return Context::Free;
        }
        let word = previous.text(text);
        if self.months.contains(word.trim_end_matches('.')) {
            return Context::Label;
        }
        if starts_upper(word) && !opens_clause(text, tokens, i - 1) { Context::AfterName } else { Context::Free }
    }

    /// A month name or clock mark right after the number: "25 July", "10:30", "5 p.m.".
    fn is_date_or_time(&self, text: &str, tokens: &[Token], j: usize) -> bool {
        let Some(next) = tokens.get(j) else { return false };
        if next.glued() && next.is_symbol(text, ':') && tokens.get(j + 1).is_some_and(|t| t.kind == TokenKind::Number) {
            return true;
        }
        next.kind == TokenKind::Word && self.months.contains(next.text(text).trim_end_matches('.'))
            || self.is_after_word_not_count(text, tokens, j)
    }

    /// `plain` read again with its "m" as million where a plural noun follows the
    /// "m" ("2.3m visitors", "1.5m tonnes", "1.2 M people"): metres take no plural
    /// ("a 3m wall"), and events named by distance are listed in
    /// `not_count_after.txt` ("400m hurdles").
    fn m_million(&self, text: &str, tokens: &[Token], i: usize, plain: Number) -> Number {
        let Some(m) = tokens.get(plain.next).filter(|_| plain.scale.is_none()) else { return plain };
        let written = m.text(text);
        let glued_m = m.glued() && written == "m";
        let spaced_m = m.space_before && !m.newline_before && written == "M";
        let plural_follows = tokens.get(plain.next + 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.space_before
                && !t.newline_before
                && self.is_plural(&t.text(text).to_lowercase())
                && !self.is_after_word_not_count(text, tokens, plain.next + 1)
        });
        if m.kind != TokenKind::Word || !plural_follows {
            return plain;
        }
        if glued_m {
            return self.number_at(text, tokens, i, true).unwrap_or(plain);
        }
        if spaced_m {
            let (value, next, scale) = self.scale_words(text, tokens, plain.next + 1, plain.value * 1e6, Some(1e6));
            return Number { value, next, scale, plain_digits: false, ..plain };
        }
        plain
    }

    /// A word from `not_count_after.txt` at token `j` ("old", "a.m.").
    fn is_after_word_not_count(&self, text: &str, tokens: &[Token], j: usize) -> bool {
        let Some(next) = tokens.get(j) else { return false };
        let word = next.text(text).to_lowercase();
        if next.kind == TokenKind::Word && self.rules.not_count_after.contains(&word) {
            return true;
        }
        // "12-year-old" ends in "-old"; "5-year-old" likewise.
        next.is_symbol(text, '-')
            && next.glued()
            && tokens.get(j + 1).is_some_and(|t| t.glued() && t.text(text).eq_ignore_ascii_case("old"))
    }

    /// "%" or a currency glued or next to the first number of a range.
    fn sign_unit_at(&self, text: &str, tokens: &[Token], j: usize) -> Option<Unit> {
        let token = tokens.get(j)?;
        if token.kind != TokenKind::Symbol || token.newline_before {
            return None;
        }
        let sign = token.text(text);
        if let Some(code) = self.rules.currencies_after.get(sign) {
            return Some(Unit { unit: code.to_string(), measure: true, money: true, next: j + 1 });
        }
        let unit = self.rules.units.get(sign)?;
        Some(Unit { unit: unit.to_string(), measure: true, money: false, next: j + 1 })
    }

    /// "12% to 4,500 metric tons": the first side has its own sign unit and the second
    /// another unit, so the two are separate counts, not a range.
    fn sides_differ(&self, text: &str, tokens: &[Token], first: Option<&Unit>, after: usize) -> bool {
        let Some(first) = first else { return false };
        self.table_phrase_at(text, tokens, after, true).is_some_and(|second| second.unit != first.unit)
    }

    /// A word right before the amount (or its hedge) that makes pounds a weight.
    fn weight_before(&self, text: &str, tokens: &[Token], first: usize) -> bool {
        let start = self.qualifier_before(text, tokens[first].start).map_or(tokens[first].start, |(_, at)| at);
        let Some(k) = tokens[..first].iter().rposition(|t| t.end <= start) else { return false };
        tokens[k].kind == TokenKind::Word && self.rules.weight_before.contains(&tokens[k].text(text).to_lowercase())
    }

    /// A word right after "pounds" that makes it a weight ("of", "heavier").
    fn weight_follows(&self, text: &str, tokens: &[Token], k: usize) -> bool {
        tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.space_before
                && !t.newline_before
                && self.rules.weight_after.contains(&t.text(text).to_lowercase())
        })
    }

    /// "and a half", "and a quarter" at token `k`: the fraction and the token after it.
    fn and_fraction(&self, text: &str, tokens: &[Token], k: usize) -> Option<(f64, usize)> {
        if !word_is(text, tokens, k, "and") {
            return None;
        }
        let article = tokens.get(k + 1).filter(|t| t.kind == TokenKind::Word && t.space_before)?;
        if self.kind_of(&article.text(text).to_lowercase()) != Some(NumberWordKind::Article) {
            return None;
        }
        let word = tokens.get(k + 2).filter(|t| t.kind == TokenKind::Word && t.space_before)?;
        let lower = word.text(text).to_lowercase();
        match self.rules.number_words.get(&lower) {
            Some(&(d, NumberWordKind::Fraction)) if !lower.ends_with('s') => Some((1.0 / d, k + 3)),
            _ => None,
        }
    }

    /// "to 15", "-15", "–15" after a number: the second number and the token after it.
    fn range_after(&self, text: &str, tokens: &[Token], j: usize) -> Option<(Number, usize)> {
        let joint = tokens.get(j)?;
        let hyphen = joint.is_symbol(text, '-');
        // "10-20" and "10 - 20" are ranges; "10- 20" and "10 -20" are not one.
        let spaced_hyphen =
            hyphen && !joint.glued() && tokens.get(j + 1).is_some_and(|t| t.space_before && !t.newline_before);
        let is_joint =
            word_is(text, tokens, j, "to") || hyphen && joint.glued() || spaced_hyphen || joint.is_symbol(text, '–');
        if !is_joint || joint.newline_before {
            return None;
        }
        let mut k = j + 1;
        let allow_m = self.currency_at(text, tokens, k).is_some();
        if let Some(next) = self.currency_at(text, tokens, k) {
            k = next;
        }
        let token = tokens.get(k)?;
        let glued_after_hyphen = hyphen && !spaced_hyphen && !token.glued();
        if glued_after_hyphen || token.kind == TokenKind::Symbol {
            return None;
        }
        let second = self.number_at(text, tokens, k, allow_m)?;
        let mut after = second.next;
        if let Some(unit) = self.sign_unit_at(text, tokens, after)
            && self.rules.units.get(tokens[after].text(text)).is_some()
        {
            // "80% to 90%": the second percent sign belongs to the range; the unit is read again.
            after = unit.next - 1;
        }
        Some((second, after))
    }

    /// A currency sign or code at token `k` (for "$40-$50"): the token after it.
    fn currency_at(&self, text: &str, tokens: &[Token], k: usize) -> Option<usize> {
        let token = tokens.get(k)?;
        self.rules.currencies_before.get(token.text(text)).filter(|_| token.kind == TokenKind::Symbol).map(|_| k + 1)
    }

    /// What is counted after the number: money, a measure, a hyphenated measure or a noun phrase.
    fn unit_after(&self, text: &str, tokens: &[Token], j: usize, number: &Number, value: f64) -> Option<Unit> {
        let token = tokens.get(j)?;
        if token.newline_before {
            return None;
        }
        if let Some(unit) = self.table_phrase_at(text, tokens, j, true) {
            return Some(unit);
        }
        if token.glued() && token.is_symbol(text, '-') {
            return self.hyphen_measure(text, tokens, j, number);
        }
        if token.glued() {
            // A glued word that is neither a unit nor money: "7th", "4G", "1980s".
            return None;
        }
        self.noun_phrase(text, tokens, j, value, number.from_dozen)
    }

    /// The longest currency (first) or measure unit starting at token `j`.
    fn table_phrase_at(&self, text: &str, tokens: &[Token], j: usize, currencies: bool) -> Option<Unit> {
        let max = self.rules.currencies_after.max_words.max(self.rules.units.max_words) * 2;
        for n in (1..=max.min(tokens.len().saturating_sub(j))).rev() {
            let span = &tokens[j..j + n];
            if span.iter().skip(1).any(|t| t.newline_before) {
                continue;
            }
            // A phrase ends at a word's end: "km" must not match the start of "kmh".
            if tokens.get(j + n).is_some_and(|t| t.glued() && t.kind == TokenKind::Word) {
                continue;
            }
            let Some(phrase) = phrase_text(text, span) else { continue };
            if currencies && let Some(code) = self.rules.currencies_after.get(&phrase) {
                // "pounds of meat", "5 pounds heavier": a weight.
                if code == "GBP" && span[0].kind == TokenKind::Word && self.weight_follows(text, tokens, j + n) {
                    return Some(Unit { unit: "pound".into(), measure: true, money: false, next: j + n });
                }
                return Some(Unit { unit: code.to_string(), measure: true, money: true, next: j + n });
            }
            if let Some(unit) = self.rules.units.get(&phrase) {
                return Some(Unit { unit: unit.to_string(), measure: true, money: false, next: j + n });
            }
        }
        None
    }

    /// The hundredths after an amount: "43 cents", "and 43", "43c", "and fourteen"; the
    /// bare form ("$20 43") only when no counted noun follows it.
    fn cents_after(&self, text: &str, tokens: &[Token], j: usize) -> Option<(f64, usize)> {
        let mut k = j;
        let joined = word_is(text, tokens, k, "and");
        if joined {
            k += 1;
        }
        let token = tokens.get(k).filter(|t| t.space_before && !t.newline_before)?;
        let number = match token.kind {
            TokenKind::Number if token.end - token.start <= 2 => self.digits_at(text, tokens, k, false)?,
            TokenKind::Word => self.words_at(text, tokens, k)?,
            _ => return None,
        };
        if number.scale.is_some() || !(0.0..100.0).contains(&number.value) || number.value.fract() != 0.0 {
            return None;
        }
        let mut next = number.next;
        // "20 dollar 20 dollar": a second amount, not cents.
        if self.table_phrase_at(text, tokens, next, true).is_some_and(|unit| unit.money && unit.unit != "cent") {
            return None;
        }
        let minor = tokens
            .get(next)
            .filter(|t| t.kind == TokenKind::Word && self.rules.minor_units.contains(&t.text(text).to_lowercase()));
        if minor.is_some() {
            next += 1;
        } else if let Some(t) = tokens.get(next).filter(|t| t.kind == TokenKind::Word && !t.newline_before) {
            // "$20 and 43 people": the number counts something else.
            let word = t.text(text).to_lowercase();
            if self.is_plural(&word) || starts_upper(t.text(text)) || self.rules.units.get(&word).is_some() {
                return None;
            }
        }
        Some((number.value / 100.0, next))
    }

    /// "2-liter", "four-cylinder", "275-horsepower": the word after the hyphen is the unit.
    fn hyphen_measure(&self, text: &str, tokens: &[Token], j: usize, number: &Number) -> Option<Unit> {
        let word = tokens.get(j + 1).filter(|t| t.kind == TokenKind::Word && t.glued())?;
        let lower = word.text(text).to_lowercase();
        if self.rules.not_measure.contains(&lower) || (number.value == 1.0 && !number.plain_digits) {
            return None;
        }
        let next = j + 2;
        // "16-inch MacBook": a size that names a model.
        if tokens.get(next).is_some_and(|t| t.kind == TokenKind::Word && starts_upper(t.text(text))) {
            return None;
        }
        if tokens.get(next).is_some_and(|t| t.glued() && t.kind != TokenKind::Symbol) {
            return None;
        }
        let unit = self.rules.units.get(&lower).map_or_else(|| self.singular(&lower), str::to_string);
        Some(Unit { unit, measure: false, money: false, next })
    }

    /// The noun phrase after the number, up to its plural head (or its one word for
    /// "one woman"), with "and"/"or" coordination kept: "countries and regions".
    fn noun_phrase(&self, text: &str, tokens: &[Token], j: usize, value: f64, from_dozen: bool) -> Option<Unit> {
        let mut k = j;
        if word_is(text, tokens, k, "of") {
            let determiner = tokens.get(k + 1).map(|t| t.text(text).to_lowercase());
            if from_dozen {
                // "a dozen of the ports", "two thirds of the voters".
                k += if determiner.is_some_and(|d| self.rules.of_determiners.contains(&d)) { 2 } else { 1 };
            } else if value >= 2.0 && determiner.is_some_and(|d| self.rules.of_determiners.contains(&d)) {
                k += 2;
            } else {
                return None;
            }
        }
        let singular = value == 1.0;
        // "two thirds of voters", "0.75 cup", "1-1/2 year": a plural
        // head ends the phrase, and a singular one may stand.
        let fraction = value > 0.0 && value < 2.0 && value.fract() != 0.0;
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut head = None;
        while words.len() < MAX_PHRASE_WORDS {
            let Some((from, to)) = self.compound_at(text, tokens, k) else { break };
            let lower = text[tokens[from].start..tokens[to - 1].end].to_lowercase();
            if self.rules.phrase_stops.contains(&lower) || self.rules.not_count_after.contains(&lower) {
                break;
            }
            if (singular || fraction) && !words.is_empty() && (lower.ends_with("ed") || lower.ends_with("ing")) {
                break;
            }
            // "1 – 0 Korea Republic": one of a name is a score or a label, not a count.
            if singular && words.is_empty() && starts_upper(tokens[from].text(text)) {
                return None;
            }
            words.push((from, to));
            k = to;
            if (!singular || fraction) && self.is_plural(&lower) {
                // "United States service members": a capitalised plural inside a name goes on.
                let inside_name = words.len() >= 2 && starts_upper(tokens[words[words.len() - 2].0].text(text));
                let goes_on = inside_name
                    && starts_upper(tokens[from].text(text))
                    && self.compound_at(text, tokens, k).is_some_and(|(f, t)| {
                        let next = &text[tokens[f].start..tokens[t - 1].end];
                        !starts_upper(next) && !self.rules.phrase_stops.contains(&next.to_lowercase())
                    });
                if !goes_on {
                    head = Some(words.len() - 1);
                    break;
                }
            }
        }
        let head = match head {
            Some(h) => h,
            None if singular && !words.is_empty() => words.len().min(3) - 1,
            // "½ cup feta", "1-1/2 year trade war": a measure of one word.
            None if fraction && !words.is_empty() => 0,
            None if words.len() == 1 && self.rules.plurals.contains_key(&self.lower(text, tokens, words[0])) => 0,
            None => return None,
        };
        words.truncate(head + 1);
        let mut next = words[head].1;
        let mut unit = self.unit_words(text, tokens, &words);
        if !singular && let Some((other, after)) = self.coordinated_head(text, tokens, next) {
            unit = format!("{unit} {} {}", self.lower(text, tokens, (next, next + 1)), other);
            next = after;
        }
        (!unit.is_empty()).then_some(Unit { unit, measure: false, money: false, next })
    }

    /// "and regions" after a plural head: the coordinated plural, singular, and the token after.
    fn coordinated_head(&self, text: &str, tokens: &[Token], k: usize) -> Option<(String, usize)> {
        if !(word_is(text, tokens, k, "and") || word_is(text, tokens, k, "or")) {
            return None;
        }
        let (from, to) = self.compound_at(text, tokens, k + 1)?;
        let lower = self.lower(text, tokens, (from, to));
        if !self.is_plural(&lower) || self.rules.phrase_stops.contains(&lower) {
            return None;
        }
        // Only when the phrase ends there: "countries and regions.", not "cars and drivers said".
        let ends = match tokens.get(to) {
            None => true,
            Some(t) => {
                (t.kind == TokenKind::Symbol && ends_phrase(t.text(text)))
                    || self.rules.coordination_ends.contains(&t.text(text).to_lowercase())
            }
        };
        ends.then(|| (self.singular(&lower), to))
    }

    /// The words of a phrase, lower-cased, the last one singular, modifiers left out.
    fn unit_words(&self, text: &str, tokens: &[Token], words: &[(usize, usize)]) -> String {
        let last = words.len() - 1;
        let mut out: Vec<String> = Vec::with_capacity(words.len());
        for (n, &span) in words.iter().enumerate() {
            let lower = self.lower(text, tokens, span);
            if n < last && self.rules.dropped_modifiers.contains(&lower) {
                continue;
            }
            out.push(if n == last { self.singular(&lower) } else { lower });
        }
        out.join(" ")
    }

    /// A run of glued word, number and hyphen tokens starting at `k` with a space before
    /// it ("low-carbon", "A350-900", "U.S."); a number only when a capitalised word
    /// follows it ("400 737 Max jets").
    fn compound_at(&self, text: &str, tokens: &[Token], k: usize) -> Option<(usize, usize)> {
        let first = tokens.get(k)?;
        if !first.space_before || first.newline_before {
            return None;
        }
        let mut to = k + 1;
        while let Some(t) = tokens.get(to) {
            let joins = t.glued() && (t.kind != TokenKind::Symbol || t.is_symbol(text, '-') || t.is_symbol(text, '&'));
            if !joins {
                break;
            }
            to += 1;
        }
        while to > k + 1 && tokens[to - 1].kind == TokenKind::Symbol {
            to -= 1;
        }
        match first.kind {
            TokenKind::Word => Some((k, to)),
            TokenKind::Number => {
                let after = tokens.get(to)?;
                (after.kind == TokenKind::Word && after.space_before && starts_upper(after.text(text)))
                    .then_some((k, to))
            }
            TokenKind::Symbol => None,
        }
    }

    fn lower(&self, text: &str, tokens: &[Token], (from, to): (usize, usize)) -> String {
        text[tokens[from].start..tokens[to - 1].end].to_lowercase()
    }

    /// Plural by the table or by its ending ("cities", "chains"; not "glass", "bus").
    fn is_plural(&self, lower: &str) -> bool {
        let last = lower.rsplit('-').next().unwrap_or(lower);
        if self.rules.plurals.contains_key(last) {
            return true;
        }
        last.len() > 2
            && last.ends_with('s')
            && !["ss", "us", "sis", "xis", "'s", "’s"].iter().any(|e| last.ends_with(e))
            && last.chars().all(char::is_alphabetic)
    }

    /// The singular of a lower-case noun (its last hyphen part).
    fn singular(&self, lower: &str) -> String {
        let (stem, last) = match lower.rfind('-') {
            Some(i) => lower.split_at(i + 1),
            None => ("", lower),
        };
        if let Some(one) = self.rules.plurals.get(last) {
            return format!("{stem}{one}");
        }
        if !self.is_plural(last) {
            return lower.to_string();
        }
        let one = if let Some(base) = last.strip_suffix("ies").filter(|b| b.len() > 1) {
            format!("{base}y")
        } else if ["sses", "shes", "ches", "xes", "zzes"].iter().any(|e| last.ends_with(e)) {
            last[..last.len() - 2].to_string()
        } else {
            last[..last.len() - 1].to_string()
        };
        format!("{stem}{one}")
    }

    /// A number starting at token `i`: digits or words, with sign, scales and suffixes.
    fn number_at(&self, text: &str, tokens: &[Token], i: usize, allow_m_million: bool) -> Option<Number> {
        let token = tokens.get(i)?;
        let word = token.text(text);
        let lower = word.to_lowercase();
        if token.kind == TokenKind::Word && self.kind_of(&lower) == Some(NumberWordKind::Sign) {
            let inner = self.number_at(text, tokens, i + 1, allow_m_million)?;
            return Some(Number { value: -inner.value, ..inner });
        }
        if token.is_symbol(text, '-')
            && (i == 0 || token.space_before)
            && tokens.get(i + 1).is_some_and(|t| t.kind == TokenKind::Number && t.glued())
        {
            let inner = self.digits_at(text, tokens, i + 1, allow_m_million)?;
            return Some(Number { value: -inner.value, plain_digits: false, ..inner });
        }
        if self.spaced_minus(text, tokens, i) {
            let inner = self.digits_at(text, tokens, i + 1, allow_m_million)?;
            return Some(Number { value: -inner.value, plain_digits: false, ..inner });
        }
        match token.kind {
            TokenKind::Number => self.digits_at(text, tokens, i, allow_m_million),
            TokenKind::Word => self.words_at(text, tokens, i),
            TokenKind::Symbol if token.is_symbol(text, '.') => self.point_digits_at(text, tokens, i, allow_m_million),
            TokenKind::Symbol => {
                let value = self.vulgar(text, token)?;
                let (value, next, scale) = self.scale_words(text, tokens, i + 1, value, None);
                Some(Number { value, next, scale, plain_digits: false, from_dozen: false })
            }
        }
    }

    /// "fell to - 3,500": a minus sign with a space on both sides, inside a line and
    /// after a word. Not a bullet (first on its line), nor "10 - 20" (after a number),
    /// nor a dash before a word.
    fn spaced_minus(&self, text: &str, tokens: &[Token], i: usize) -> bool {
        let token = &tokens[i];
        let after_word = i > 0 && tokens[i - 1].kind == TokenKind::Word;
        token.is_symbol(text, '-')
            && token.space_before
            && !token.newline_before
            && after_word
            && tokens.get(i + 1).is_some_and(|t| {
                t.kind == TokenKind::Number && t.space_before && !t.newline_before && text[token.end..t.start] == *" "
            })
    }

    /// The value of a fraction sign ("¾"), if `token` is one.
    fn vulgar(&self, text: &str, token: &Token) -> Option<f64> {
        if token.kind != TokenKind::Symbol {
            return None;
        }
        match self.rules.number_words.get(token.text(text)) {
            Some(&(value, NumberWordKind::Vulgar)) => Some(value),
            _ => None,
        }
    }

    /// ".45", ".75 cups": a decimal written without its leading zero, the point not
    /// glued to a word or number before it ("1.5" is one token; "No.45" a label).
    fn point_digits_at(&self, text: &str, tokens: &[Token], i: usize, allow_m_million: bool) -> Option<Number> {
        let point = &tokens[i];
        let digits = tokens.get(i + 1).filter(|t| t.kind == TokenKind::Number && t.glued())?;
        if (i > 0 && point.glued()) || digits.text(text).contains([',', '.']) {
            return None;
        }
        let fraction: f64 = format!("0.{}", digits.text(text)).parse().ok()?;
        let (value, next, scale) = self.suffix_and_scale(text, tokens, i + 2, fraction, allow_m_million);
        Some(Number { value, next, scale, plain_digits: false, from_dozen: false })
    }

    /// "3,300", "1.5", "3 300", "1/5", "2bn", "1.2 million", "2 dozen".
    fn digits_at(&self, text: &str, tokens: &[Token], i: usize, allow_m_million: bool) -> Option<Number> {
        let raw = tokens[i].text(text);
        let mut value: f64 = match raw.replace(',', "").parse() {
            Ok(value) => value,
            Err(_) => dotted_thousands(raw)?,
        };
        let mut plain = !raw.contains([',', '.']);
        let ungrouped = plain;
        let mut k = i + 1;
        // "3 300", "1 000 000": thousands set apart by spaces.
        while ungrouped
            && raw.len() <= 3
            && tokens.get(k).is_some_and(|t| {
                t.kind == TokenKind::Number && t.space_before && !t.newline_before && t.end - t.start == 3
            })
            && !tokens.get(k + 1).is_some_and(|t| t.glued() && t.kind == TokenKind::Number)
            // "400 737 Max jets": a model number, not thousands.
            && !tokens.get(k + 1).is_some_and(|t| t.kind == TokenKind::Word && starts_upper(t.text(text)))
        {
            value = value * 1000.0 + tokens[k].text(text).parse::<f64>().ok()?;
            k += 1;
            plain = false;
        }
        // "1/5": a fraction, unless a date goes on ("7/25/2023").
        if tokens.get(k).is_some_and(|t| t.glued() && t.is_symbol(text, '/'))
            && let Some(denominator) = tokens.get(k + 1).filter(|t| t.glued() && t.kind == TokenKind::Number)
        {
            if tokens.get(k + 2).is_some_and(|t| t.glued() && t.is_symbol(text, '/')) {
                return None;
            }
            let d: f64 = denominator.text(text).replace(',', "").parse().ok()?;
            if d == 0.0 {
                return None;
            }
            value /= d;
            plain = false;
            k += 2;
        }
        if plain && let Some((fraction, after)) = self.mixed_fraction(text, tokens, k) {
            value += fraction;
            plain = false;
            k = after;
        }
        if let Some((exponent, after)) = exponent_at(text, tokens, k) {
            value *= 10f64.powi(exponent);
            plain = false;
            k = after;
        }
        let (value, k, scale) = self.suffix_and_scale(text, tokens, k, value, allow_m_million);
        let plain_digits = plain && scale.is_none();
        Some(Number { value, next: k, scale, plain_digits, from_dozen: false })
    }

    /// A scale suffix glued to the digits ("2bn", "$3.5m") and scale words after them.
    fn suffix_and_scale(
        &self,
        text: &str,
        tokens: &[Token],
        mut k: usize,
        mut value: f64,
        allow_m_million: bool,
    ) -> (f64, usize, Option<f64>) {
        let mut scale = None;
        if let Some(t) = tokens.get(k).filter(|t| t.glued() && t.kind == TokenKind::Word) {
            let suffix = t.text(text);
            if let Some(&m) = self.rules.suffixes.get(suffix).filter(|_| suffix != "m" || allow_m_million) {
                value *= m;
                scale = Some(m);
                k += 1;
            }
        }
        self.scale_words(text, tokens, k, value, scale)
    }

    /// The fraction of a mixed number after its whole part at token `k`: "7 1/2",
    /// "1-1/2", "7½", "7 ½", "2 and a half". A fraction "n/d" must be proper (n < d)
    /// and not go on as a date ("1/2/2023").
    fn mixed_fraction(&self, text: &str, tokens: &[Token], k: usize) -> Option<(f64, usize)> {
        let token = tokens.get(k)?;
        if token.newline_before {
            return None;
        }
        if let Some(value) = self.vulgar(text, token) {
            return Some((value, k + 1));
        }
        if let Some(found) = self.and_fraction(text, tokens, k) {
            return Some(found);
        }
        let numerator_at = match token.kind {
            TokenKind::Number if token.space_before => k,
            TokenKind::Symbol if token.glued() && token.is_symbol(text, '-') => k + 1,
            _ => return None,
        };
        let numerator = tokens.get(numerator_at).filter(|t| t.kind == TokenKind::Number)?;
        if numerator_at > k && !numerator.glued() {
            return None;
        }
        let slash = tokens.get(numerator_at + 1).filter(|t| t.glued() && t.is_symbol(text, '/'))?;
        let denominator = tokens.get(numerator_at + 2).filter(|t| t.glued() && t.kind == TokenKind::Number)?;
        if tokens.get(numerator_at + 3).is_some_and(|t| t.glued() && t.is_symbol(text, '/')) || slash.space_before {
            return None;
        }
        let n: f64 = numerator.text(text).parse().ok()?;
        let d: f64 = denominator.text(text).parse().ok()?;
        (d > 0.0 && n > 0.0 && n < d).then_some((n / d, numerator_at + 3))
    }

    /// Scale words after a number: "million", "dozen", "crore", "hundred thousand".
    fn scale_words(
        &self,
        text: &str,
        tokens: &[Token],
        mut k: usize,
        mut value: f64,
        mut scale: Option<f64>,
    ) -> (f64, usize, Option<f64>) {
        while let Some(t) = tokens.get(k).filter(|t| t.kind == TokenKind::Word && t.space_before && !t.newline_before) {
            let m = match self.rules.scale_abbrevs.get(t.text(text)) {
                Some(&m) => m,
                None => match self.rules.number_words.get(&t.text(text).to_lowercase()) {
                    Some(&(m, NumberWordKind::Scale | NumberWordKind::Hundred | NumberWordKind::Dozen)) => m,
                    _ => break,
                },
            };
            value *= m;
            scale = Some(scale.unwrap_or(1.0) * m);
            k += 1;
        }
        (value, k, scale)
    }

    /// Number words: "forty-seven", "two hundred and five", "a dozen", "a couple",
    /// "two point two million", "three crore twelve lakh".
    fn words_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<Number> {
        let word_at = |k: usize| -> Option<(String, bool)> {
            let t = tokens.get(k).filter(|t| t.kind == TokenKind::Word)?;
            Some((t.text(text).to_lowercase(), t.glued()))
        };
        let (first, _) = word_at(i)?;
        let mut k = i;
        let mut group = 0.0;
        let mut total = 0.0;
        let mut any = false;
        let mut from_dozen = false;
        let mut last_kind: Option<NumberWordKind> = None;
        if let Some(half) = self.half_a_scale(text, tokens, i) {
            return Some(half);
        }
        if self.kind_of(&first) == Some(NumberWordKind::Article) {
            let (next, _) = word_at(i + 1)?;
            let &(value, kind) = self.rules.number_words.get(&next)?;
            if kind == NumberWordKind::Vague {
                return Some(Number { value, next: i + 2, scale: None, plain_digits: false, from_dozen: true });
            }
            // "a third of the vote": a singular fraction needs its "of".
            if kind == NumberWordKind::Fraction {
                let of = !next.ends_with('s') && word_is(text, tokens, i + 2, "of");
                return of.then_some(Number {
                    value: 1.0 / value,
                    next: i + 2,
                    scale: None,
                    plain_digits: false,
                    from_dozen: true,
                });
            }
            if !matches!(kind, NumberWordKind::Scale | NumberWordKind::Hundred | NumberWordKind::Dozen) {
                return None;
            }
            group = 1.0;
            k += 1;
        }
        while let Some((w, glued)) = word_at(k) {
            if k > i && tokens[k].newline_before {
                break;
            }
            // "six and a half million": the fraction joins the group, a scale may follow.
            if w == "and"
                && any
                && matches!(last_kind, Some(NumberWordKind::Unit | NumberWordKind::Tens))
                && let Some((fraction, after)) = self.and_fraction(text, tokens, k)
            {
                group += fraction;
                k = after;
                continue;
            }
            // "two thirds of", "one-quarter of": a numerator over a denominator word.
            if any
                && total == 0.0
                && matches!(last_kind, Some(NumberWordKind::Unit | NumberWordKind::Tens))
                && group.fract() == 0.0
                && let Some(&(d, NumberWordKind::Fraction)) = self.rules.number_words.get(&w)
            {
                let plural = w.ends_with('s');
                if plural != (group > 1.0) || !word_is(text, tokens, k + 1, "of") {
                    return None;
                }
                return Some(Number {
                    value: group / d,
                    next: k + 1,
                    scale: None,
                    plain_digits: false,
                    from_dozen: true,
                });
            }
            if w == "and" && any && matches!(last_kind, Some(NumberWordKind::Hundred | NumberWordKind::Scale)) {
                let joins = word_at(k + 1).and_then(|(n, _)| self.rules.number_words.get(&n).copied());
                if joins.is_some_and(|(_, kind)| matches!(kind, NumberWordKind::Unit | NumberWordKind::Tens)) {
                    k += 1;
                    continue;
                }
                break;
            }
            let Some(&(v, kind)) = self.rules.number_words.get(&w) else { break };
            if glued && k > i && !tokens[k - 1].is_symbol(text, '-') {
                break;
            }
            // "thousands of", "hundreds more": a scale alone is vague, not a number.
            if !any && group == 0.0 && !matches!(kind, NumberWordKind::Unit | NumberWordKind::Tens) {
                return None;
            }
            match kind {
                NumberWordKind::Unit | NumberWordKind::Tens => {
                    let fits = match last_kind {
                        None | Some(NumberWordKind::Hundred | NumberWordKind::Scale) => true,
                        Some(NumberWordKind::Tens) => kind == NumberWordKind::Unit && v < 10.0,
                        _ => false,
                    };
                    if !fits {
                        break;
                    }
                    group += v;
                }
                NumberWordKind::Hundred => group = group.max(1.0) * v,
                // "three thousand millions": a larger scale right after a scale
                // multiplies all before it.
                NumberWordKind::Scale if group == 0.0 && last_kind == Some(NumberWordKind::Scale) => total *= v,
                NumberWordKind::Scale => {
                    total += group.max(1.0) * v;
                    group = 0.0;
                }
                NumberWordKind::Dozen => {
                    group = group.max(1.0) * v;
                    from_dozen = true;
                }
                NumberWordKind::Suffix
                | NumberWordKind::Article
                | NumberWordKind::Vague
                | NumberWordKind::Sign
                | NumberWordKind::Point
                | NumberWordKind::Fraction
                | NumberWordKind::Vulgar => break,
            }
            any = true;
            last_kind = Some(kind);
            k += 1;
            // "forty-five": a hyphen between two number words.
            if tokens.get(k).is_some_and(|t| t.glued() && t.is_symbol(text, '-'))
                && word_at(k + 1).is_some_and(|(n, g)| {
                    g && self.kind_of(&n).is_some_and(|kind| {
                        matches!(
                            kind,
                            NumberWordKind::Unit
                                | NumberWordKind::Tens
                                | NumberWordKind::Hundred
                                | NumberWordKind::Scale
                                | NumberWordKind::Dozen
                                | NumberWordKind::Fraction
                        )
                    })
                })
            {
                k += 1;
            }
            if let Some(decimals) = self.point_decimals(text, tokens, k) {
                group += decimals.0;
                k = decimals.1;
            }
        }
        if !any || last_kind.is_none() {
            return None;
        }
        let value = total + group;
        let k = self.skip_repeated_digits(text, tokens, k, value);
        let (value, k, scale) = self.scale_words(text, tokens, k, value, None);
        Some(Number { value, next: k, scale, plain_digits: false, from_dozen: from_dozen && scale.is_none() })
    }

    /// "half a million", "half a dozen": half of the scale after the article.
    fn half_a_scale(&self, text: &str, tokens: &[Token], i: usize) -> Option<Number> {
        let lower = |k: usize| tokens.get(k).filter(|t| t.kind == TokenKind::Word).map(|t| t.text(text).to_lowercase());
        if lower(i)? != "half" || self.kind_of(&lower(i + 1)?) != Some(NumberWordKind::Article) {
            return None;
        }
        let &(m, kind) = self.rules.number_words.get(&lower(i + 2)?)?;
        if !matches!(kind, NumberWordKind::Scale | NumberWordKind::Dozen) || !tokens[i + 2].space_before {
            return None;
        }
        let (value, next, scale) = self.scale_words(text, tokens, i + 3, 0.5 * m, Some(m));
        Some(Number { value, next, scale, plain_digits: false, from_dozen: kind == NumberWordKind::Dozen })
    }

    /// The role of a lower-case word in the number grammar, if it has one.
    fn kind_of(&self, lower: &str) -> Option<NumberWordKind> {
        self.rules.number_words.get(lower).map(|&(_, kind)| kind)
    }

    /// "point two" after number words: the decimals and the token after them.
    fn point_decimals(&self, text: &str, tokens: &[Token], k: usize) -> Option<(f64, usize)> {
        let is_point = tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.space_before
                && self.kind_of(&t.text(text).to_lowercase()) == Some(NumberWordKind::Point)
        });
        if !is_point {
            return None;
        }
        let mut decimals = 0.0;
        let mut place = 0.1;
        let mut j = k + 1;
        while let Some(t) = tokens.get(j).filter(|t| t.kind == TokenKind::Word) {
            match self.rules.number_words.get(&t.text(text).to_lowercase()) {
                Some(&(v, NumberWordKind::Unit)) if v < 10.0 => {
                    decimals += v * place;
                    place /= 10.0;
                    j += 1;
                }
                _ => break,
            }
        }
        (j > k + 1).then_some((decimals, j))
    }

    /// "forty-five (45)": the same number again in digits, in brackets.
    fn skip_repeated_digits(&self, text: &str, tokens: &[Token], k: usize, value: f64) -> usize {
        let open = tokens.get(k).is_some_and(|t| t.is_symbol(text, '('));
        let digits = tokens.get(k + 1).and_then(|t| t.text(text).replace(',', "").parse::<f64>().ok());
        let close = tokens.get(k + 2).is_some_and(|t| t.is_symbol(text, ')'));
        if open && close && digits == Some(value) { k + 3 } else { k }
    }
}

/// What stands before a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Free,
    /// A label or a name the number belongs to: never a count.
    Label,
    /// Right after a capitalised word: a count only with a measure or money.
    AfterName,
}

/// The outcome of reading at one token.
enum Attempt {
    Count {
        start: usize,
        end: usize,
        value: f64,
        unit: String,
        qualifier: Option<Qualifier>,
        next: usize,
    },
    /// A number that is not a count; go on after it.
    NotACount {
        next: usize,
    },
    NoNumber,
}

impl Extractor for CountsExtractor {
    fn name(&self) -> &'static str {
        "counts"
    }

    fn extract(&self, record: &mut Record) {
        if !reads_english(record) {
            return;
        }
        let found = self.find(&record.text);
        let offsets = CharOffsets::new(&record.text);
        record.counts = found
            .into_iter()
            .map(|(start, end, value, unit, qualifier)| Count {
                value,
                unit,
                text: record.text[start..end].to_string(),
                start: offsets.chars(start),
                end: offsets.chars(end),
                qualifier,
            })
            .collect();
    }
}

/// Whether a symbol closes a phrase: punctuation, not a sign that opens an amount
/// ("people and needs $5", "needs ¾ cup": there "needs" is a verb).
fn ends_phrase(symbol: &str) -> bool {
    symbol.chars().next().is_some_and(|c| {
        (c.is_ascii_punctuation() && !matches!(c, '$' | '#' | '+' | '%' | '&' | '@'))
            || matches!(c, '—' | '–' | '”' | '’' | '»' | '…')
    })
}

/// "99,99", "1.234,56": an amount with a decimal comma and two decimals, thousands
/// set apart by points if at all.
fn decimal_comma(raw: &str) -> Option<f64> {
    let (whole, decimals) = raw.split_once(',')?;
    if decimals.len() != 2 || !decimals.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = point_grouped(whole, 0)?;
    Some(whole + decimals.parse::<f64>().ok()? / 100.0)
}

/// "1.000.000": thousands set apart by points, as much of Europe writes them; only
/// with two points or more, since "1.500" could be either.
fn dotted_thousands(raw: &str) -> Option<f64> {
    point_grouped(raw, 2)
}

/// The value of digits in groups of three set apart by points ("1.234.567"), with at
/// least `min_points` points, or of plain digits when `min_points` is 0.
fn point_grouped(raw: &str, min_points: usize) -> Option<f64> {
    let mut groups = raw.split('.');
    let head = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let well_formed = digits(head)
        && (rest.is_empty() || head.len() <= 3)
        && rest.len() >= min_points
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    if !well_formed {
        return None;
    }
    raw.replace('.', "").parse().ok()
}

/// "1.2e6", "3E-4": a power of ten glued after the digits, its exponent and the
/// token after it. The "e" must be glued on both sides.
fn exponent_at(text: &str, tokens: &[Token], k: usize) -> Option<(i32, usize)> {
    let e = tokens.get(k).filter(|t| t.glued() && t.kind == TokenKind::Word)?;
    if !matches!(e.text(text), "e" | "E") {
        return None;
    }
    let (negative, at) = match tokens.get(k + 1) {
        Some(t) if t.glued() && (t.is_symbol(text, '-') || t.is_symbol(text, '+')) => (t.is_symbol(text, '-'), k + 2),
        _ => (false, k + 1),
    };
    let digits = tokens.get(at).filter(|t| t.glued() && t.kind == TokenKind::Number)?;
    let exponent: i32 = digits.text(text).parse().ok().filter(|e: &i32| *e <= 15)?;
    // "3e" then a word glued on ("1.2e6m") is no longer a plain number.
    if tokens.get(at + 1).is_some_and(|t| t.glued() && t.kind == TokenKind::Word) {
        return None;
    }
    Some((if negative { -exponent } else { exponent }, at + 1))
}

/// The tokens' text with each run of white space as one space; `None` across a line break.
fn phrase_text(text: &str, span: &[Token]) -> Option<String> {
    let mut out = String::new();
    for (n, t) in span.iter().enumerate() {
        if n > 0 && t.newline_before {
            return None;
        }
        if n > 0 && t.space_before {
            out.push(' ');
        }
        out.push_str(t.text(text));
    }
    Some(out)
}

/// A sentence start, or the start of a clause after a dash or semicolon ("Group F —
/// Sweden 1 – 0"), where a capital proves nothing about a name.
fn opens_clause(text: &str, tokens: &[Token], k: usize) -> bool {
    opens_sentence(text, tokens, k) || (k > 0 && matches!(tokens[k - 1].text(text), ";" | "—" | "–" | "-"))
}

fn word_is(text: &str, tokens: &[Token], k: usize, word: &str) -> bool {
    tokens
        .get(k)
        .is_some_and(|t| t.kind == TokenKind::Word && t.space_before && t.text(text).eq_ignore_ascii_case(word))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "“" | "'" | "‘" | "[")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn counts(text: &str) -> Vec<(String, f64, String, Option<Qualifier>)> {
        let rules = Rules::embedded();
        let extractor = CountsExtractor::new(&rules.counts, rules.months.keys().cloned());
        let mut record = Record { text: text.to_string(), ..Record::default() };
        extractor.extract(&mut record);
        record
            .counts
            .into_iter()
            .map(|c| {
                let slice: String = text.chars().skip(c.start).take(c.end - c.start).collect();
                assert_eq!(slice, c.text, "offsets hold");
                (c.text, c.value, c.unit, c.qualifier)
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, String, Option<Qualifier>) {
        let found = counts(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn the_seed_counts() {
        let found = counts(
            "Yantai has established ties with 47 cities in 23 countries and regions, and built 16 key industrial chains.",
        );
        let simple: Vec<(&str, f64, &str)> = found.iter().map(|(t, v, u, _)| (t.as_str(), *v, u.as_str())).collect();
        assert_eq!(
            simple,
            [
                ("47 cities", 47.0, "city"),
                ("23 countries and regions", 23.0, "country and region"),
                ("16 key industrial chains", 16.0, "key industrial chain")
            ]
        );
    }

    #[test]
    fn numbers_in_digits_and_words() {
        assert_eq!(one("more than 3,300 projects").1, 3300.0);
        assert_eq!(one("forty-seven delegates").1, 47.0);
        assert_eq!(one("two hundred and five rooms").1, 205.0);
        assert_eq!(one("a dozen ports").1, 12.0);
        assert_eq!(
            one("about 6 million visitors"),
            ("about 6 million visitors".into(), 6e6, "visitor".into(), Some(Qualifier::About))
        );
        assert_eq!(one("three crore twelve lakh fifty-six thousand seven hundred twenty-one people").1, 31256721.0);
        assert_eq!(one("minus 1,200,000 units").1, -1_200_000.0);
        assert_eq!(one("the balance fell to - 3,500 dollars"), ("- 3,500 dollars".into(), -3500.0, "USD".into(), None));
        assert_eq!(one("it cost 10 - 20 dollars").1, 10.0, "after a number: a range, not a minus");
        assert_eq!(
            one("the score was 3 -1 today, with 40 people").1,
            40.0,
            "a hyphen glued to one side only is no range"
        );
        assert_eq!(one("- 3,500 people came").1, 3500.0, "first on its line: a bullet");
        assert_eq!(one("He paid 50Rs for it").2, "INR");
        assert_eq!(one("5 000 tons of steel").1, 5000.0);
        assert_eq!(one("two point two million people").1, 2_200_000.0);
    }

    #[test]
    fn money_percent_and_measures() {
        assert_eq!(one("it raised $4.69 billion."), ("$4.69 billion".into(), 4.69e9, "USD".into(), None));
        assert_eq!(one("up to $12.9bn").2, "USD");
        assert_eq!(
            one("at least 88 billion Hong Kong dollars"),
            ("at least 88 billion Hong Kong dollars".into(), 88e9, "HKD".into(), Some(Qualifier::AtLeast))
        );
        assert_eq!(one("Rs 24 lakh").1, 2_400_000.0);
        assert_eq!(one("3 yuan each").2, "CNY");
        assert_eq!(one("20 euros").2, "EUR");
        assert_eq!(one("1.5 percent").2, "percent");
        assert_eq!(one("2.8 per cent").2, "percent");
        assert_eq!(one("0.35%").2, "percent");
        assert_eq!(one("13,500 km of roads"), ("13,500 km".into(), 13500.0, "km".into(), None));
        assert_eq!(one("a 2-liter engine").2, "liter");
        assert_eq!(one("four-cylinder").2, "cylinder");
        assert_eq!(one("90 miles per gallon").2, "mile per gallon");
        assert_eq!(one("20 ringgit and 43 sen").1, 20.43);
        assert_eq!(one("twenty dollars 43 cents").1, 20.43);
        assert_eq!(counts("$20 and 43 people").len(), 2, "a count after an amount is its own");
    }

    #[test]
    fn ranges_give_the_lower_bound() {
        assert_eq!(one("10-15 minutes"), ("10-15 minutes".into(), 10.0, "minute".into(), Some(Qualifier::AtLeast)));
        assert_eq!(one("four to six services").1, 4.0);
        assert_eq!(one("$40-50 billion").1, 40e9);
        assert_eq!(one("80% to 90%"), ("80% to 90%".into(), 80.0, "percent".into(), Some(Qualifier::AtLeast)));
        assert_eq!(one("a million or more Uighurs").3, Some(Qualifier::AtLeast));
    }

    #[test]
    fn currencies_by_name_sign_code_and_subunit() {
        assert_eq!(one("100 Chinese yuan").2, "CNY");
        assert_eq!(one("12 Kuwaiti dinars").2, "KWD");
        assert_eq!(one("300 Egyptian pounds").2, "EGP");
        assert_eq!(one("40 turkish lira").2, "TRY");
        assert_eq!(one("35 usd").2, "USD");
        assert_eq!(one("8 rmb").2, "CNY");
        assert_eq!(one("Rs.50").1, 50.0);
        assert_eq!(one("42 L.E.").2, "EGP");
        for (sign, code) in [("₡", "CRC"), ("₾", "GEL"), ("₭", "LAK"), ("元", "CNY"), ("zł", "PLN")] {
            assert_eq!(one(&format!("{sign}100")).2, code, "{sign}");
        }
        assert_eq!(one("₿2").2, "BTC");
        assert_eq!(one("0.5 bitcoin").2, "BTC");
        assert_eq!(one("5,000 pesetas").2, "peseta", "a noun two historic currencies share");
        assert_eq!(one("1,000 Spanish pesetas").2, "ESP");
        assert_eq!(one("10 riyals").2, "riyal", "Saudi, Qatari or Omani");
        assert_eq!(one("30 bucks"), ("30 bucks".into(), 30.0, "unknown".into(), None));
        assert_eq!(one("390 pence").2, "cent");
        assert_eq!(one("five pennies").2, "cent");
    }

    #[test]
    fn scales_after_codes_and_numbers() {
        assert_eq!(one("40 USD million").1, 40e6);
        assert_eq!(one("US$ 2MM").1, 2e6);
        assert_eq!(one("MUSD 3"), ("MUSD 3".into(), 3e6, "USD".into(), None));
        assert_eq!(one("EUR 2.5bn").1, 2.5e9);
        assert_eq!(one("€3.2 trillion").1, 3.2e12);
        assert_eq!(one("$3.5 mln"), ("$3.5 mln".into(), 3.5e6, "USD".into(), None));
        assert_eq!(one("EUR 2.5 bn").1, 2.5e9);
        assert_eq!(one("Rs 4 bln").1, 4e9);
        assert!(counts("a 55 MN road").iter().all(|c| c.1 == 55.0), "a capitalised abbreviation is not a scale");
    }

    #[test]
    fn m_is_million_before_a_plural_and_metres_otherwise() {
        assert_eq!(one("2.3m visitors"), ("2.3m visitors".into(), 2.3e6, "visitor".into(), None));
        assert_eq!(one("1.5m tonnes of grain").1, 1.5e6);
        assert_eq!(one("1.2 M people").1, 1.2e6);
        assert_eq!(one("a 3m wall"), ("3m".into(), 3.0, "m".into(), None));
        assert!(counts("she won the 400m hurdles").is_empty(), "an event named by its distance");
    }

    #[test]
    fn number_forms_of_any_notation() {
        assert_eq!(one("1 000 000 visitors").1, 1e6);
        assert_eq!(one("1.000.000 euros").1, 1e6);
        assert_eq!(one("1.2e6 visitors").1, 1.2e6);
        assert_eq!(one("-1.2e6 visitors").1, -1.2e6);
        assert_eq!(one("three thousand millions people").1, 3e9);
        assert_eq!(one("nought visitors").1, 0.0);
        assert_eq!(one("€ 99,99").1, 99.99);
        assert_eq!(one("1.234,56 EUR").1, 1234.56);
        assert_eq!(one("€ 1,500").1, 1500.0, "three digits after a comma are thousands");
        assert_eq!(one("3 quid").2, "GBP");
        assert_eq!(one("6 million Russian roubles").2, "RUB");
        assert_eq!(one("L.E. 200").2, "EGP");
    }

    #[test]
    fn coordination_needs_a_noun_on_both_sides() {
        assert_eq!(one("47 cities and regions.").2, "city and region");
        let got = counts("six million people and needs $5");
        assert_eq!(got[0].2, "person", "{got:?}");
    }

    #[test]
    fn pounds_of_weight_and_pounds_sterling() {
        assert_eq!(one("5 pounds of beef").2, "pound");
        assert_eq!(one("the bear weighs 300 pounds").2, "pound");
        assert_eq!(one("a 300-pound bear").2, "pound");
        assert_eq!(one("it cost 300 pounds").2, "GBP");
    }

    #[test]
    fn fractions_and_mixed_numbers() {
        let close = |text: &str, want: f64| {
            let got = one(text).1;
            assert!((got - want).abs() < 1e-9, "{text}: {got}");
        };
        close("two thirds of voters", 2.0 / 3.0);
        close("two-thirds of the voters", 2.0 / 3.0);
        close("a third of the population", 1.0 / 3.0);
        close("7 1/2 miles", 7.5);
        close("near 1-1/2 year", 1.5);
        close("six and a half million people", 6.5e6);
        close("half a million people", 5e5);
        close("¾ cup", 0.75);
        close("2½ cups", 2.5);
        close(".45 percent", 0.45);
        close(".75 cups", 0.75);
        assert_eq!(one("a pair of shoes").1, 2.0);
        assert_eq!(one("two thirds of voters").2, "voter");
        assert!(counts("a third term").is_empty(), "an ordinal, not a fraction");
        assert!(counts("on 1/2/2023 it rained").is_empty(), "a date");
    }

    #[test]
    fn ranges_of_different_things_and_repeated_amounts() {
        let found = counts("rose 12% to 4,500 metric tons");
        let simple: Vec<(f64, &str)> = found.iter().map(|(_, v, u, _)| (*v, u.as_str())).collect();
        assert_eq!(simple, [(12.0, "percent"), (4500.0, "ton")]);
        assert_eq!(one("a 70-200mm lens"), ("70-200mm".into(), 70.0, "mm".into(), Some(Qualifier::AtLeast)));
        let found = counts("it was 20 dollar 20 dollar");
        assert_eq!(found.iter().map(|c| c.1).collect::<Vec<_>>(), [20.0, 20.0]);
    }

    #[test]
    fn other_languages_get_no_counts() {
        let rules = Rules::embedded();
        let extractor = CountsExtractor::new(&rules.counts, rules.months.keys().cloned());
        let text = "Il y avait 200 visiteurs.";
        let mut record = Record { text: text.into(), language: Some("fr".into()), ..Record::default() };
        extractor.extract(&mut record);
        assert!(record.counts.is_empty());
        record.language = None;
        extractor.extract(&mut record);
        assert!(!record.counts.is_empty(), "unknown language: the English rules still run");
    }

    #[test]
    fn context_decides_edge_cases() {
        assert_eq!(one("go from zero to 60 mph").0, "60 mph");
        assert_eq!(one("the RAV4 Hybrid’s 176 hp engine").2, "hp", "a name before a measure is fine");
        assert_eq!(one("up to an additional 15 per cent").3, Some(Qualifier::UpTo));
        assert_eq!(one("More than 600,000 Israelis live there").2, "israeli");
        assert_eq!(one("lasts 10-15 minutes and leaves you calm").2, "minute");
    }

    #[test]
    fn phrases_and_plurals() {
        assert_eq!(one("two other patients").2, "patient");
        assert_eq!(one("964,000 people").2, "person");
        assert_eq!(one("one woman said").2, "woman");
        assert_eq!(one("Two United States service members died").2, "united states service member");
        assert_eq!(one("roughly 400 737 Max jets").2, "737 max jet");
        assert_eq!(one("three of those companies").2, "company");
        assert_eq!(one("some 200 U.S. military personnel").2, "u.s. military personnel");
    }

    #[test]
    fn what_is_not_a_count() {
        for text in [
            "In 2023 the city grew.",
            "On Jul 25, 2023 and 25 July.",
            "At 10:30 and 5 p.m. sharp.",
            "The 7th and 21st floors.",
            "The G20 and COVID-19 and Boeing 737 jets.",
            "See No. 5 and page 12 of Article 370.",
            "It will grow from 16 to 80.",
            "A 12-year-old boy and a man 40 years old.",
            "Sweden 1 – 0 Korea Republic.",
            "the 16-inch MacBook Pro",
            "one of the best",
            "a one-time fee",
            "but no one knows",
            "tens of thousands more residents",
            "passes a Boeing Co. 787-10 passenger aircraft",
            "NASA-inspired Zero Gravity Seats",
            "an 18-fold rise",
        ] {
            assert!(counts(text).is_empty(), "{text}: {:?}", counts(text));
        }
    }
}
