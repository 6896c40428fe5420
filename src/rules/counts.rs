//! Parses the count rule files under `rules/counts/`: number words and scales, hedge
//! words, measure units, currencies, the words that end a counted phrase, irregular
//! plurals and the contexts that make a number a label rather than a count.
//!
//! This module only reads and checks the files; the number grammar that uses them is
//! `extract::counts`.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::{RulesError, columns, entries, parse_error};
use crate::record::Qualifier;

/// The grammatical role of a number word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberWordKind {
    /// 0 to 19: added to the group.
    Unit,
    /// 20 to 90: added to the group.
    Tens,
    /// Multiplies the group ("two hundred").
    Hundred,
    /// Closes a group ("two hundred thousand").
    Scale,
    /// Multiplies by its value ("two dozen"); "a couple" is one too.
    Dozen,
    /// Glued after digits ("100k", "2bn").
    Suffix,
    /// One, before a scale or a dozen ("a million", "an hundred").
    Article,
    /// A number only after an article, and a hedged one ("a couple").
    Vague,
    /// Makes the number after it negative ("minus", "negative").
    Sign,
    /// The decimal point between number words ("two point two").
    Point,
    /// A denominator, valued as its divisor ("thirds" 3, "half" 2).
    Fraction,
    /// A fraction sign ("¾"), valued as the fraction.
    Vulgar,
}

/// A table of phrases (one or more words or signs) and what they stand for. An entry
/// written all in capitals, or of a single letter ("m" is not "M"), matches only as
/// written; others match in any casing.
#[derive(Debug, Clone, Default)]
pub struct PhraseTable {
    exact: HashMap<String, String>,
    folded: HashMap<String, String>,
    /// The most words an entry has.
    pub max_words: usize,
}

impl PhraseTable {
    fn insert(&mut self, phrase: &str, value: &str) {
        let words = phrase.split(' ').count();
        self.max_words = self.max_words.max(words);
        let single_letter = phrase.chars().count() == 1 && phrase.chars().all(char::is_alphabetic);
        let capitals = phrase.chars().any(char::is_alphabetic) && !phrase.chars().any(char::is_lowercase);
        if single_letter || capitals {
            self.exact.insert(phrase.to_string(), value.to_string());
        } else {
            self.folded.entry(phrase.to_lowercase()).or_insert_with(|| value.to_string());
            // An entry with capitals ("Hong Kong dollars") also matches as written.
            self.exact.entry(phrase.to_string()).or_insert_with(|| value.to_string());
        }
    }

    /// Like `insert`, but a phrase already listed keeps what it stands for: a
    /// compiled table fills in what the hand-written one leaves open.
    fn insert_new(&mut self, phrase: &str, value: &str) {
        if self.get(phrase).is_none() {
            self.insert(phrase, value);
        }
    }

    /// What `phrase` (single spaces between words) stands for, if listed.
    pub fn get(&self, phrase: &str) -> Option<&str> {
        if let Some(value) = self.exact.get(phrase) {
            return Some(value);
        }
        self.folded.get(&phrase.to_lowercase()).map(String::as_str)
    }
}

/// Rules for the counts extractor.
#[derive(Debug, Clone, Default)]
pub struct CountRules {
    /// Number words (lower case) with value and role; suffixes are in `suffixes`.
    pub number_words: HashMap<String, (f64, NumberWordKind)>,
    /// Scale suffixes glued after digits, as written ("k", "bn", "M").
    pub suffixes: HashMap<String, f64>,
    /// Scale abbreviations that may also stand apart from the digits, as written
    /// ("3.5 mln", "2.5 bn"); each is a suffix too.
    pub scale_abbrevs: HashMap<String, f64>,
    /// Hedge phrases (lower-case words), longest first.
    pub qualifiers: Vec<(Vec<String>, Qualifier)>,
    /// Measure units to the unit reported.
    pub units: PhraseTable,
    /// Currency signs, codes and words before a number, to ISO 4217 codes.
    pub currencies_before: PhraseTable,
    /// Currency signs, codes and words after a number, to ISO 4217 codes.
    pub currencies_after: PhraseTable,
    /// Words that end a counted phrase (lower case).
    pub phrase_stops: HashSet<String>,
    /// Irregular and invariant plurals (lower case) to their singular.
    pub plurals: HashMap<String, String>,
    /// Words left out of a unit ("other").
    pub dropped_modifiers: HashSet<String>,
    /// Words after "of" that let a count reach its noun ("the", "those").
    pub of_determiners: HashSet<String>,
    /// Words after a hyphen that make a fraction or multiplier ("thirds", "fold").
    pub not_measure: HashSet<String>,
    /// Words that may follow a coordinated unit ("in", "of").
    pub coordination_ends: HashSet<String>,
    /// Words before an amount in pounds that make it a weight ("weighs", "lost").
    pub weight_before: HashSet<String>,
    /// Words after "pounds" that make it a weight ("of", "heavier").
    pub weight_after: HashSet<String>,
    /// Phrases that may stand between a hedge and its number ("an additional").
    pub fillers: Vec<String>,
    /// Words for a currency's hundredth part ("cents", "sen"), lower case.
    pub minor_units: HashSet<String>,
    /// Words right before a number that make it a label, each as its words.
    pub not_count_before: Vec<Vec<String>>,
    /// Words right after a number or its phrase that make it a non-count (lower case).
    pub not_count_after: HashSet<String>,
}

/// `counts/number_words.tsv`: word, value, kind.
pub(super) fn parse_number_words(file: &str, text: &str, rules: &mut CountRules) -> Result<(), RulesError> {
    rules.number_words.clear();
    rules.suffixes.clear();
    rules.scale_abbrevs.clear();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 3)?;
        let value: f64 = cols[1].parse().map_err(|_| parse_error(file, line, "value must be a number"))?;
        let kind = match cols[2] {
            "unit" => NumberWordKind::Unit,
            "tens" => NumberWordKind::Tens,
            "hundred" => NumberWordKind::Hundred,
            "scale" => NumberWordKind::Scale,
            "dozen" => NumberWordKind::Dozen,
            "suffix" | "abbrev" => NumberWordKind::Suffix,
            "article" => NumberWordKind::Article,
            "vague" => NumberWordKind::Vague,
            "sign" => NumberWordKind::Sign,
            "point" => NumberWordKind::Point,
            "fraction" => NumberWordKind::Fraction,
            "vulgar" => NumberWordKind::Vulgar,
            _ => {
                return Err(parse_error(
                    file,
                    line,
                    "kind must be unit, tens, hundred, scale, dozen, suffix, abbrev, article, vague, sign, point, fraction or vulgar",
                ));
            }
        };
        if cols[2] == "abbrev" {
            rules.scale_abbrevs.insert(cols[0].to_string(), value);
        }
        if kind == NumberWordKind::Suffix {
            rules.suffixes.insert(cols[0].to_string(), value);
        } else {
            rules.number_words.insert(cols[0].to_lowercase(), (value, kind));
        }
    }
    Ok(())
}

/// `counts/qualifiers.tsv`: phrase, qualifier.
pub(super) fn parse_qualifiers(file: &str, text: &str) -> Result<Vec<(Vec<String>, Qualifier)>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let qualifier = match cols[1] {
            "more_than" => Qualifier::MoreThan,
            "less_than" => Qualifier::LessThan,
            "about" => Qualifier::About,
            "at_least" => Qualifier::AtLeast,
            "up_to" => Qualifier::UpTo,
            _ => {
                return Err(parse_error(
                    file,
                    line,
                    "qualifier must be more_than, less_than, about, at_least or up_to",
                ));
            }
        };
        out.push((cols[0].to_lowercase().split_whitespace().map(str::to_string).collect::<Vec<_>>(), qualifier));
    }
    out.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    Ok(out)
}

/// `counts/units.tsv`: text, unit.
pub(super) fn parse_units(file: &str, text: &str) -> Result<PhraseTable, RulesError> {
    let mut table = PhraseTable::default();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        table.insert(cols[0], cols[1]);
    }
    Ok(table)
}

/// Whether `code` may stand in a currency table's code column: an ISO 4217 code
/// (three capitals), or a lower-case noun for money whose currency the text does
/// not settle ("cent", "unknown", "dinar").
fn is_money_code(code: &str) -> bool {
    let iso = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
    let noun = !code.is_empty() && code.chars().all(|c| c.is_lowercase() || c == ' ');
    iso || noun
}

/// `counts/currencies.tsv`: text, ISO 4217 code (or a lower-case noun), before/after/both/minor.
pub(super) fn parse_currencies(file: &str, text: &str, rules: &mut CountRules) -> Result<(), RulesError> {
    parse_currency_rows(file, text, rules, false)
}

/// `counts/currency_names.tsv`, compiled from CLDR: as `currencies.tsv`, read after
/// it; a phrase `currencies.tsv` lists keeps its code there.
pub(super) fn parse_currency_names(file: &str, text: &str, rules: &mut CountRules) -> Result<(), RulesError> {
    parse_currency_rows(file, text, rules, true)
}

fn parse_currency_rows(file: &str, text: &str, rules: &mut CountRules, fill_in: bool) -> Result<(), RulesError> {
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 3)?;
        let code = cols[1];
        if cols[2] == "minor" {
            rules.minor_units.insert(cols[0].to_lowercase());
            continue;
        }
        if !is_money_code(code) {
            return Err(parse_error(file, line, "code must be an ISO 4217 code or a lower-case noun"));
        }
        let (before, after) = match cols[2] {
            "before" => (true, false),
            "after" => (false, true),
            "both" => (true, true),
            _ => return Err(parse_error(file, line, "position must be before, after, both or minor")),
        };
        for (wanted, table) in [(before, &mut rules.currencies_before), (after, &mut rules.currencies_after)] {
            match (wanted, fill_in) {
                (false, _) => {}
                (true, false) => table.insert(cols[0], code),
                (true, true) => table.insert_new(cols[0], code),
            }
        }
    }
    Ok(())
}

/// `counts/iso_codes.txt`: ISO 4217 codes, usable on both sides of a number.
pub(super) fn parse_iso_codes(file: &str, text: &str, rules: &mut CountRules) -> Result<(), RulesError> {
    for (line, entry) in entries(text) {
        if !(entry.len() == 3 && entry.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(parse_error(file, line, "an ISO 4217 code is three capital letters"));
        }
        rules.currencies_before.insert(entry, entry);
        rules.currencies_after.insert(entry, entry);
    }
    Ok(())
}

/// `counts/phrase_words.tsv`: word, role.
pub(super) fn parse_phrase_words(file: &str, text: &str, rules: &mut CountRules) -> Result<(), RulesError> {
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let word = cols[0].to_lowercase();
        match cols[1] {
            "dropped" => rules.dropped_modifiers.insert(word),
            "of_determiner" => rules.of_determiners.insert(word),
            "not_measure" => rules.not_measure.insert(word),
            "coordination_end" => rules.coordination_ends.insert(word),
            "weight_before" => rules.weight_before.insert(word),
            "weight_after" => rules.weight_after.insert(word),
            "filler" => {
                rules.fillers.push(word);
                true
            }
            _ => return Err(parse_error(file, line, "unknown role")),
        };
    }
    Ok(())
}

/// `counts/plurals.tsv`: plural, singular.
pub(super) fn parse_plurals(file: &str, text: &str) -> Result<HashMap<String, String>, RulesError> {
    let mut out = HashMap::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        out.insert(cols[0].to_lowercase(), cols[1].to_lowercase());
    }
    Ok(out)
}

/// `counts/not_count_before.txt`: one label a line, as written.
pub(super) fn parse_word_sequences(text: &str) -> Vec<Vec<String>> {
    entries(text).map(|(_, line)| line.split_whitespace().map(str::to_string).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_tables_match_capitals_exactly_and_words_in_any_case() {
        let mut table = PhraseTable::default();
        table.insert("RM", "MYR");
        table.insert("Hong Kong dollars", "HKD");
        table.insert("euros", "EUR");
        assert_eq!(table.get("RM"), Some("MYR"));
        assert_eq!(table.get("rm"), None);
        assert_eq!(table.get("hong kong dollars"), Some("HKD"));
        assert_eq!(table.get("Euros"), Some("EUR"));
        assert_eq!(table.max_words, 3);
        table.insert("m", "m");
        assert_eq!(table.get("M"), None, "one letter keeps its case");
    }

    #[test]
    fn compiled_currency_names_fill_in_and_never_override() {
        let mut rules = CountRules::default();
        parse_currencies("c", "dollars\tUSD\tafter\n", &mut rules).unwrap();
        parse_currency_names("n", "dollars\tdollar\tafter\ndinars\tdinar\tafter\nzł\tPLN\tboth\n", &mut rules).unwrap();
        assert_eq!(rules.currencies_after.get("dollars"), Some("USD"), "the hand-written entry wins");
        assert_eq!(rules.currencies_after.get("Dinars"), Some("dinar"));
        assert_eq!(rules.currencies_before.get("zł"), Some("PLN"));
        assert_eq!(rules.currencies_before.get("dinars"), None, "names stand after the amount");
    }

    #[test]
    fn bad_lines_are_reported() {
        let mut rules = CountRules::default();
        let err = parse_number_words("n", "seven\t7\tdigit\n", &mut rules).unwrap_err();
        assert!(err.to_string().starts_with("n:1: kind must be"));
        let err = parse_currencies("c", "$\tDollar\tbefore\n", &mut rules).unwrap_err();
        assert_eq!(err.to_string(), "c:1: code must be an ISO 4217 code or a lower-case noun");
        let qualifiers = parse_qualifiers("q", "over\tmore_than\nmore than\tmore_than\n").unwrap();
        assert_eq!(qualifiers[0].0, ["more", "than"], "longest first");
    }
}
