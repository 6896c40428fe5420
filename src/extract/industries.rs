//! Industry fields named in the clean text, coded to ISIC Rev.4: "marine fishery"
//! (0311), "port construction" (4291), "e-commerce" (4791), "education" (P).
//!
//! One Aho-Corasick automaton holds the lexicon terms, the trigger words and the
//! phrases that are not fields; its matches, on word boundaries and leftmost-longest,
//! drive three rules:
//! - a list trigger ("industries such as", "fields such as") reads the list after it,
//!   item by item, splitting "A and B" unless a lexicon term spans the "and"
//!   ("culture and tourism", "iron and steel");
//! - a head trigger reads the words right before it: "the music industry", "media
//!   companies", "e-commerce giant", "bank stocks"; "industry" and "sector" keep a
//!   field the lexicon lacks, without a code; "companies", "giant" and the like need a
//!   lexicon term there;
//! - a company description ("a maker of", "a provider of") reads the list after it
//!   like a list trigger, keeping only items with a lexicon term;
//! - a lexicon term marked `field` counts alone ("automakers", "aviation"), and so
//!   does a manufactured product word with a "-maker" suffix ("chipmaker",
//!   "toy-makers": single-word terms coded in ISIC section C).
//!
//! The lexicon is the hand-written terms, the market sector names and the terms
//! compiled from the NAICS index (rules/industries/), merged so the hand-written win.
//!
//! Each field's code comes from the rightmost lexicon term inside it (the head:
//! "green and low-carbon construction" is construction, F); a field with no term gets
//! no code rather than a guess. Kinds of cooperation and exchange ("cultural
//! exchanges", "technology transfer") are never fields. Reads only `record.text`, and
//! English only: a record whose language is known and not English gets no fields.

use foldhash::{HashMap, HashMapExt};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::offsets::CharOffsets;
use super::spans::{leftmost_longest, overlapping};
use super::tokens::{is_word_char, on_word_boundaries};
use super::{Extractor, reads_english};
use crate::record::{Industry, Mention, Record};
use crate::rules::industries::{IndustryRules, IndustryTerm, TriggerKind, is_manufacturing};

/// The most words one field may have; a longer list item is prose, not a field.
const MAX_FIELD_WORDS: usize = 6;
/// The most bytes a list of fields after a list trigger may run to.
const MAX_LIST_BYTES: usize = 600;
/// The most words a head trigger looks back over.
const MAX_HEAD_WORDS: usize = 4;
/// The most words of a field the lexicon has no term for; longer ones are prose.
const MAX_UNKNOWN_FIELD_WORDS: usize = 3;

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// A lexicon term, by index.
    Term(usize),
    /// A lexicon term with a "-maker" suffix, by the term's index: a field alone.
    Maker(usize),
    Trigger(TriggerKind),
    /// A phrase that is not a field.
    Blocked,
}

/// A pattern match on word boundaries, in bytes.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    pattern: Pattern,
}

/// A field found in the text: its byte span and code.
#[derive(Debug, Clone)]
struct Field {
    start: usize,
    end: usize,
    isic4: Option<String>,
}

impl Pattern {
    /// The lexicon term a pattern stands for, if any.
    fn term(self) -> Option<usize> {
        match self {
            Pattern::Term(i) | Pattern::Maker(i) => Some(i),
            _ => None,
        }
    }
}

/// A hit's byte span, for [`overlapping`].
fn bounds(hit: &Hit) -> (usize, usize) {
    (hit.start, hit.end)
}

/// Finds industry fields; built once per process from the rules.
pub struct IndustriesExtractor {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Pattern texts that must match exactly as written ("IT", "AI").
    exact_case: Vec<Option<String>>,
    rules: IndustryRules,
}

impl IndustriesExtractor {
    pub fn new(rules: &IndustryRules) -> IndustriesExtractor {
        let mut texts: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        // Ties of equal span go to the earlier pattern: blocks, then triggers, then terms.
        for phrase in &rules.not_industries {
            texts.push(phrase.clone());
            patterns.push(Pattern::Blocked);
        }
        for (trigger, kind) in &rules.triggers {
            texts.push(trigger.clone());
            patterns.push(Pattern::Trigger(*kind));
        }
        for (i, term) in rules.terms.iter().enumerate() {
            texts.push(term.text.clone());
            patterns.push(Pattern::Term(i));
        }
        for (i, term) in rules.terms.iter().enumerate().filter(|(_, t)| takes_maker_suffix(rules, t)) {
            for suffix in &rules.maker_suffixes {
                for joint in ["", "-", " "] {
                    texts.push(format!("{}{joint}{suffix}", term.text));
                    patterns.push(Pattern::Maker(i));
                }
            }
        }
        let exact_case = texts
            .iter()
            .map(|t| (t.chars().any(char::is_uppercase) && !t.chars().any(char::is_lowercase)).then(|| t.to_string()))
            .collect();
        // Thousands of compiled terms over lower-cased patterns (the text is
        // lower-cased to search, which keeps byte offsets; case folding in the
        // automaton would double its states). A contiguous NFA: its overlapping search
        // over AEB costs about a ninth of the sparse NFA's, and its start-up no more.
        let lowered: Vec<String> = texts.iter().map(|t| t.to_ascii_lowercase()).collect();
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&lowered)
            .expect("industry patterns are plain strings and build");
        IndustriesExtractor { automaton, patterns, exact_case, rules: rules.clone() }
    }

    /// Pattern matches on word boundaries, leftmost-longest, in text order.
    fn hits(&self, text: &str) -> Vec<Hit> {
        let lowered = text.to_ascii_lowercase();
        let all = self
            .automaton
            .find_overlapping_iter(&lowered)
            .filter(|m| {
                let bounded = on_word_boundaries(text, m.start(), m.end());
                let case_ok =
                    self.exact_case[m.pattern().as_usize()].as_deref().is_none_or(|t| &text[m.start()..m.end()] == t);
                bounded && case_ok
            })
            .map(|m| {
                let id = m.pattern().as_usize();
                (m.start(), m.end(), id, Hit { start: m.start(), end: m.end(), pattern: self.patterns[id] })
            })
            .collect();
        leftmost_longest(all)
    }

    /// Every field, in text order, without overlaps.
    fn fields(&self, text: &str) -> Vec<Field> {
        let hits = self.hits(text);
        let mut fields: Vec<Field> = Vec::new();
        // Where the last list read to: a list trigger inside a list already read starts
        // no second reading of the same items.
        let mut list_read_to = 0;
        for hit in &hits {
            match hit.pattern {
                Pattern::Trigger(TriggerKind::ListAfter) if hit.start >= list_read_to => {
                    let items = self.list_after(text, hit.end, &hits, true);
                    list_read_to = items.last().map_or(hit.end, |f| f.end);
                    fields.extend(items);
                }
                Pattern::Trigger(TriggerKind::ListAfter) => {}
                Pattern::Trigger(TriggerKind::OfAfter) => {
                    let items = self.list_after(text, hit.end, &hits, false);
                    list_read_to = list_read_to.max(items.last().map_or(0, |f| f.end));
                    fields.extend(items);
                }
                Pattern::Trigger(kind) => fields.extend(self.head_before(text, hit.start, kind, &hits)),
                Pattern::Term(i) | Pattern::Maker(i)
                    if (self.rules.terms[i].field || hit.pattern == Pattern::Maker(i))
                        && !in_capitalised_name(text, hit.start, hit.end) =>
                {
                    fields.push(Field { start: hit.start, end: hit.end, isic4: self.rules.terms[i].isic4.clone() })
                }
                _ => {}
            }
        }
        leftmost_longest(fields.into_iter().enumerate().map(|(i, f)| (f.start, f.end, i, f)).collect())
    }

    /// The items of a list after a list trigger, up to the end of the clause; items
    /// without a lexicon term only when `keep_unknown`.
    fn list_after(&self, text: &str, from: usize, hits: &[Hit], keep_unknown: bool) -> Vec<Field> {
        // A list of fields fits in a sentence: look no further than MAX_LIST_BYTES.
        let mut window_end = (from + MAX_LIST_BYTES).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let rest = &text[from..window_end];
        let clause_end = rest.find(['.', ';', ':', '!', '?', '\n', '(', ')']).map_or(window_end, |i| from + i);
        let mut out = Vec::new();
        let mut item_start = from;
        for piece in text[from..clause_end].split(',') {
            let span = (item_start, item_start + piece.len());
            item_start = span.1 + 1;
            let (span, ended) = self.cut_at_list_stop(text, span);
            let words = text[span.0..span.1].split_whitespace().count();
            if words > MAX_FIELD_WORDS + 2 {
                break;
            }
            for part in self.split_coordination(text, span, hits) {
                if let Some(field) = self.field_in(text, part, hits, keep_unknown) {
                    out.push(field);
                }
            }
            if ended {
                break;
            }
        }
        out
    }

    /// The item up to its first list-ending word ("C to boost growth" -> "C"), and
    /// whether the list ends there.
    fn cut_at_list_stop(&self, text: &str, (start, end): (usize, usize)) -> ((usize, usize), bool) {
        let mut offset = start;
        for word in text[start..end].split(' ') {
            if !word.is_empty() && self.rules.list_stops.contains(&word.to_lowercase()) {
                return ((start, offset), true);
            }
            offset += word.len() + 1;
        }
        ((start, end), false)
    }

    /// "A and B" as two parts, unless one lexicon term spans the "and"; leading "and",
    /// "or", "the" and "as well as" dropped.
    fn split_coordination(&self, text: &str, (start, end): (usize, usize), hits: &[Hit]) -> Vec<(usize, usize)> {
        let (mut start, end) = trim_span(text, start, end);
        for lead in &self.rules.item_openers {
            let opening = text[start..end].get(..lead.len());
            if end - start > lead.len() && opening.is_some_and(|o| o.eq_ignore_ascii_case(lead.as_str())) {
                start += lead.len();
            }
        }
        let mut parts = Vec::new();
        let mut part_start = start;
        let item = &text[start..end];
        for (i, _) in item.match_indices(" and ").chain(item.match_indices(" or ")) {
            let at = start + i;
            let spanned = overlapping(hits, bounds, at, at + 1)
                .iter()
                .any(|h| h.pattern.term().is_some() && h.start < at && h.end > at + 1);
            if !spanned && at > part_start {
                parts.push((part_start, at));
                part_start = at + if text[at..].starts_with(" and ") { 5 } else { 4 };
            }
        }
        parts.push((part_start, end));
        parts.sort();
        parts.into_iter().map(|(s, e)| trim_span(text, s, e)).filter(|(s, e)| e > s).collect()
    }

    /// The field a span holds: not a blocked phrase, not only filler words, at most
    /// [`MAX_FIELD_WORDS`] words; its code from the rightmost lexicon term inside.
    fn field_in(&self, text: &str, (start, end): (usize, usize), hits: &[Hit], keep_unknown: bool) -> Option<Field> {
        let phrase = text[start..end].to_lowercase();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if words.is_empty() || words.len() > MAX_FIELD_WORDS {
            return None;
        }
        if words.iter().all(|w| self.rules.not_field_words.contains(*w)) {
            return None;
        }
        let inside = |h: &&Hit| h.start >= start && h.end <= end;
        let near = overlapping(hits, bounds, start, end);
        if near.iter().filter(inside).any(|h| h.pattern == Pattern::Blocked) {
            return None;
        }
        let head =
            near.iter().filter(inside).filter_map(|h| h.pattern.term().map(|i| (h.end, h.end - h.start, i))).max();
        let isic4 = head.and_then(|(_, _, i)| self.rules.terms[i].isic4.clone());
        let unknown_ok = keep_unknown && words.len() <= MAX_UNKNOWN_FIELD_WORDS;
        (head.is_some() || unknown_ok).then_some(Field { start, end, isic4 })
    }

    /// The field right before a head trigger: "the traditional pay-TV industry" ->
    /// "pay-TV"; "Bank and financial stocks" -> "Bank", "financial".
    fn head_before(&self, text: &str, trigger_start: usize, kind: TriggerKind, hits: &[Hit]) -> Vec<Field> {
        let term_at = |s: usize, e: usize| {
            overlapping(hits, bounds, s, e).iter().any(|h| h.pattern.term().is_some() && h.start <= s && h.end >= e)
        };
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut end = trigger_start;
        while words.len() < MAX_HEAD_WORDS + 1 {
            let Some(before) = text[..end].strip_suffix(' ') else { break };
            // Apostrophes belong to the word, so "China's" stops the field as a name.
            let start = before
                .rfind(|c: char| !(is_word_char(c) || matches!(c, '-' | '&' | '\'' | '’')))
                .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
            let word = &before[start..];
            if word.is_empty() {
                break;
            }
            let lower = word.to_lowercase();
            let is_term = term_at(start, before.len());
            // A participle further from the head than its own word is a verb or a
            // judgement ("by interconnecting media groups", "a thriving tech sector"),
            // not part of the field, unless the lexicon knows it ("mining").
            if !is_term && !words.is_empty() && lower.ends_with("ing") {
                break;
            }
            let joins = lower == "and" && !words.is_empty();
            let allowed = joins
                || is_term
                || (!self.rules.not_field_words.contains(&lower)
                    && word.chars().next().is_some_and(char::is_lowercase)
                    && !word.chars().any(|c| c.is_ascii_digit()));
            if !allowed {
                break;
            }
            words.push((start, before.len()));
            end = start;
        }
        while words.last().is_some_and(|&(s, e)| text[s..e].eq_ignore_ascii_case("and")) {
            words.pop();
        }
        if words.is_empty() {
            return Vec::new();
        }
        words.reverse();
        let span = (words[0].0, words[words.len() - 1].1);
        let keep_unknown = kind == TriggerKind::HeadStrong;
        if kind == TriggerKind::HeadWeak && !term_at(words[words.len() - 1].0, span.1) {
            return Vec::new();
        }
        self.split_coordination(text, span, hits)
            .into_iter()
            .filter_map(|part| self.field_in(text, part, hits, keep_unknown))
            .collect()
    }

    /// Fields grouped by name (case and a plural "s" aside), in order of first mention.
    fn group(&self, record: &mut Record, fields: Vec<Field>) {
        let offsets = CharOffsets::new(&record.text);
        let mut industries: Vec<Industry> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        for field in fields {
            let words = &record.text[field.start..field.end];
            let key = words.to_lowercase().trim_end_matches('s').to_string();
            let mention =
                Mention { text: words.to_string(), start: offsets.chars(field.start), end: offsets.chars(field.end) };
            let index = *slot.entry(key).or_insert_with(|| {
                industries.push(Industry { name: words.to_string(), isic4: None, label: None, mentions: Vec::new() });
                industries.len() - 1
            });
            let industry = &mut industries[index];
            if industry.isic4.is_none()
                && let Some(code) = field.isic4
            {
                industry.label = self.rules.isic.get(&code).map(|c| c.title.clone());
                industry.isic4 = Some(code);
            }
            industry.mentions.push(mention);
        }
        record.industries = industries;
    }
}

impl Extractor for IndustriesExtractor {
    fn name(&self) -> &'static str {
        "industries"
    }

    fn extract(&self, record: &mut Record) {
        if !reads_english(record) {
            return;
        }
        let fields = self.fields(&record.text);
        self.group(record, fields);
    }
}

/// Whether a term takes the "-maker" suffixes: one word, coded in manufacturing.
/// A term written with a capital inside a run of capitalised words is part of a
/// name ("Farming Simulator 2019", "the Energy Department"), not a field: the
/// next word is capitalised, or the one before is and does not open the sentence.
fn in_capitalised_name(text: &str, start: usize, end: usize) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    if !capitalised(&text[start..end]) {
        return false;
    }
    let next = text[end..].strip_prefix(' ').map(|rest| rest.split(' ').next().unwrap_or(""));
    if next.is_some_and(capitalised) {
        return true;
    }
    let Some(before) = text[..start].strip_suffix(' ') else { return false };
    let word_start = before.rfind([' ', '\n']).map_or(0, |i| i + 1);
    let previous = &before[word_start..];
    let earlier = text[..word_start].trim_end();
    let opens_sentence = earlier.is_empty() || earlier.ends_with(['.', '!', '?', ':']);
    capitalised(previous) && !opens_sentence && !previous.ends_with(['.', '!', '?', ':'])
}

fn takes_maker_suffix(rules: &IndustryRules, term: &IndustryTerm) -> bool {
    !term.text.contains([' ', '-']) && term.isic4.as_deref().is_some_and(|code| is_manufacturing(&rules.isic, code))
}

/// The span without white space or quotes at its edges.
fn trim_span(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let edge = |c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’');
    while let Some(c) = text[start..end].chars().next().filter(|&c| edge(c)) {
        start += c.len_utf8();
    }
    while let Some(c) = text[start..end].chars().next_back().filter(|&c| edge(c)) {
        end -= c.len_utf8();
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn industries(text: &str) -> Vec<(String, Option<String>)> {
        let extractor = IndustriesExtractor::new(&Rules::embedded().industries);
        let mut record = Record { text: text.to_string(), ..Record::default() };
        extractor.extract(&mut record);
        for m in record.industries.iter().flat_map(|i| &i.mentions) {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "offsets hold");
        }
        record.industries.into_iter().map(|i| (i.name, i.isic4)).collect()
    }

    fn pairs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        list.iter().map(|(n, c)| (n.to_string(), c.map(str::to_string))).collect()
    }

    #[test]
    fn lists_after_triggers() {
        let found = industries(
            "ties in fields such as marine fishery, ocean engineering equipment, green and low-carbon construction, \
             intelligent manufacturing, and digitization. It is under construction.",
        );
        assert_eq!(
            found,
            pairs(&[
                ("marine fishery", Some("0311")),
                ("ocean engineering equipment", Some("30")),
                ("green and low-carbon construction", Some("F")),
                ("intelligent manufacturing", Some("C")),
                ("digitization", Some("J")),
            ])
        );
        let found = industries(
            "cooperation in industries such as wine, port construction, culture and tourism, education and other fields.",
        );
        assert_eq!(
            found,
            pairs(&[
                ("wine", Some("1102")),
                ("port construction", Some("4291")),
                ("culture and tourism", Some("R")),
                ("education", Some("P"))
            ])
        );
    }

    #[test]
    fn heads_and_fields_alone() {
        assert_eq!(industries("the traditional pay-TV industry"), pairs(&[("pay-TV", Some("60"))]));
        assert_eq!(
            industries("Bank and financial stocks rose."),
            pairs(&[("Bank", Some("6419")), ("financial", Some("K"))])
        );
        assert_eq!(industries("The Chinese e-commerce giant"), pairs(&[("e-commerce", Some("4791"))]));
        assert_eq!(industries("the German automaker and other automakers"), pairs(&[("automaker", Some("2910"))]));
        assert_eq!(
            industries("the quantum sensing industry"),
            pairs(&[("quantum sensing", None)]),
            "kept without a code"
        );
        assert!(industries("Chinese companies and many firms; the private sector; she drank wine").is_empty());
        assert_eq!(industries("China's financial services industry"), pairs(&[("financial services", Some("64"))]));
        assert_eq!(industries("the two tech giants"), pairs(&[("tech", Some("J"))]));
    }

    #[test]
    fn company_descriptions_read_lexicon_terms() {
        assert_eq!(
            industries("Acme, a maker of solar cells and semiconductor devices, said"),
            pairs(&[("solar cells", Some("2610")), ("semiconductor devices", Some("2610"))])
        );
        assert!(industries("a provider of services to banks in the region").is_empty(), "no term, no field");
        assert!(industries("the developer of the new mall").is_empty());
    }

    #[test]
    fn maker_suffixes_make_product_words_fields() {
        assert_eq!(
            industries("the steelmaker and two toy-makers"),
            pairs(&[("steelmaker", Some("241")), ("toy-makers", Some("3240"))])
        );
        assert!(industries("lawmakers and filmmakers met a policymaker").is_empty(), "not manufactured products");
    }

    #[test]
    fn isic_note_terms() {
        // Found only through industries/isic_terms.tsv (ISIC Rev.4 inclusion notes).
        assert_eq!(
            industries("The town lives on microprocessor manufacturing."),
            pairs(&[("microprocessor manufacturing", Some("2610"))])
        );
        assert_eq!(industries("the wind turbines industry"), pairs(&[("wind turbines", Some("2811"))]));
    }

    #[test]
    fn compiled_and_sector_terms() {
        assert_eq!(industries("its media buying arm"), pairs(&[("media buying", Some("7310"))]));
        assert_eq!(
            industries("Consumer staples and financials led the gains."),
            pairs(&[("Consumer staples", None), ("financials", Some("K"))]),
            "a market sector without an honest ISIC code keeps none"
        );
        assert_eq!(industries("the software industry"), pairs(&[("software", Some("62"))]), "hand terms win");
        assert_eq!(industries("gold mining companies"), pairs(&[("gold mining", Some("0729"))]));
    }

    #[test]
    fn terms_inside_names_and_participles_before_a_head_are_not_fields() {
        assert!(industries("He played Farming Simulator 2019 all night.").is_empty());
        assert!(industries("The Energy Department said so.").is_empty());
        assert_eq!(industries("Farming is hard work.").len(), 1, "a sentence opener is still a field");
        let found = industries("It scales by interconnecting media groups with buyers.");
        assert!(found.iter().all(|(name, _)| !name.contains("interconnecting")), "{found:?}");
        let found = industries("Drivers in the ride-hailing industry protested.");
        assert_eq!(found.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["ride-hailing"]);
    }

    #[test]
    fn cooperation_is_not_a_field() {
        assert!(
            industries("sectors such as cultural exchanges, technology transfer and economic cooperation.").is_empty()
        );
    }
}
