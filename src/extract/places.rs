//! Countries (ISO 3166-1) and regions (UN M49 areas and groups such as the EU): every
//! mention in the clean text, by name, demonym or combining form, grouped per place
//! in order of first mention.
//!
//! Countries and regions share one Aho-Corasick automaton with the blocking phrases of
//! `places/not_places.txt`, because they compete for the same words: "Latin American"
//! is a region, not the US; "South China Sea" is neither. All matches are found, those
//! that do not stand on word boundaries are dropped, and the leftmost-longest of the
//! rest win. Matching is case-sensitive, as the rule files are written in news casing.
//!
//! It does not resolve cities or provinces to countries ("Beijing said" is not China),
//! and it does not read the title or captions, only `record.text`.

use foldhash::{HashMap, HashMapExt, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::Extractor;
use super::offsets::CharOffsets;
use super::spans::leftmost_longest;
use super::tokens::{is_word_char, starts_upper};
use crate::record::{Country, Mention, Record, Region};
use crate::rules::places::{CountryInfo, CountryWordKind, PlaceRules};

/// What a gazetteer pattern stands for.
#[derive(Debug, Clone, Copy)]
enum Target {
    Country {
        country: usize,
        prefix: bool,
        person: bool,
    },
    Region(usize),
    /// A phrase that hides the place words inside it.
    Blocked,
}

/// A place word in a text, in bytes: a country (with its code) or a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceSpan {
    pub start: usize,
    pub end: usize,
    /// ISO 3166-1 alpha-2 for a country; `None` for a region.
    pub country: Option<String>,
    /// A combining form ("Sino-").
    pub prefix: bool,
}

/// A region as reported: name and M49 code.
#[derive(Debug, Clone)]
struct RegionInfo {
    name: String,
    m49: Option<String>,
}

/// Finds countries and regions; built once per process from the rules.
pub struct PlacesExtractor {
    automaton: AhoCorasick,
    /// The target of each pattern, by pattern id.
    targets: Vec<Target>,
    countries: Vec<CountryInfo>,
    regions: Vec<RegionInfo>,
    not_name_words: HashSet<String>,
}

/// Gazetteer patterns and their targets, by pattern id.
#[derive(Default)]
struct Patterns {
    texts: Vec<String>,
    targets: Vec<Target>,
}

impl Patterns {
    /// Adds `text`, and with `shouted` its all-capitals form too ("BAAR, SWITZERLAND"
    /// datelines, headlines in capitals) when that differs and is not a short word
    /// that capitals would make an acronym of.
    fn add(&mut self, text: &str, target: Target, shouted: bool) {
        self.texts.push(text.to_string());
        self.targets.push(target);
        let upper = text.to_uppercase();
        if shouted && upper != text && text.chars().count() >= 4 {
            self.texts.push(upper);
            self.targets.push(target);
        }
    }
}

/// A match that stands on word boundaries, in bytes.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    target: Target,
}

impl PlacesExtractor {
    pub fn new(rules: &PlaceRules) -> PlacesExtractor {
        let mut patterns = Patterns::default();
        // Order matters for ties of equal span: blocks, then countries, then regions.
        for phrase in &rules.not_places {
            patterns.add(phrase, Target::Blocked, true);
        }
        for word in &rules.country_words {
            let prefix = word.kind == CountryWordKind::Prefix;
            patterns.add(&word.text, Target::Country { country: word.country, prefix, person: word.person }, !prefix);
        }
        let mut regions: Vec<RegionInfo> = Vec::new();
        let mut region_index: HashMap<&str, usize> = HashMap::new();
        for word in &rules.region_words {
            let index = *region_index.entry(&word.name).or_insert_with(|| {
                regions.push(RegionInfo { name: word.name.clone(), m49: word.m49.clone() });
                regions.len() - 1
            });
            patterns.add(&word.text, Target::Region(index), true);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns.texts)
            .expect("place patterns are plain strings and build");
        PlacesExtractor {
            automaton,
            targets: patterns.targets,
            countries: rules.countries.clone(),
            regions,
            not_name_words: rules.not_name_words.clone(),
        }
    }

    /// Every place mention in `text` as byte spans, for extractors that judge names
    /// by the places in them (organisations: "Norwegian Embassy in China" is NO's).
    pub fn place_spans(&self, text: &str) -> Vec<PlaceSpan> {
        self.hits(text)
            .into_iter()
            .map(|h| {
                let (country, prefix) = match h.target {
                    Target::Country { country, prefix, .. } => (Some(self.countries[country].iso2.clone()), prefix),
                    _ => (None, false),
                };
                PlaceSpan { start: h.start, end: h.end, country, prefix }
            })
            .collect()
    }

    /// Every place mention in `text`, in text order, without overlaps.
    fn hits(&self, text: &str) -> Vec<Hit> {
        let hits = self
            .automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let hit = Hit { start: m.start(), end: m.end(), target: self.targets[m.pattern().as_usize()] };
                self.stands_alone(text, &hit).then_some((hit.start, hit.end, m.pattern().as_usize(), hit))
            })
            .collect();
        let mut chosen = leftmost_longest(hits);
        chosen.retain(|h| !matches!(h.target, Target::Blocked));
        let starts: HashSet<usize> = chosen.iter().map(|h| h.start).collect();
        chosen.retain(|h| !self.is_part_of_person_name(text, h, &starts));
        chosen
    }

    /// Word boundaries on both sides; a prefix must run on into a capitalised word.
    fn stands_alone(&self, text: &str, hit: &Hit) -> bool {
        let before = text[..hit.start].chars().next_back();
        if before.is_some_and(is_word_char) {
            return false;
        }
        let after = text[hit.end..].chars().next();
        match hit.target {
            Target::Country { prefix: true, .. } => after.is_some_and(char::is_uppercase),
            // "US$" and "HK$" name a currency, not the country.
            Target::Country { .. } => !after.is_some_and(|c| is_word_char(c) || c == '$'),
            _ => !after.is_some_and(is_word_char),
        }
    }

    /// "Chad Smith", "Michael Jordan": a country word that is also a person's name,
    /// with a capitalised word right next to it that is neither a known opener nor a place.
    fn is_part_of_person_name(&self, text: &str, hit: &Hit, place_starts: &HashSet<usize>) -> bool {
        if !matches!(hit.target, Target::Country { person: true, .. }) {
            return false;
        }
        let next = text[hit.end..].strip_prefix(' ').map(|rest| (hit.end + 1, first_word(rest)));
        let next_is_name = next.is_some_and(|(at, word)| {
            starts_upper(word) && !self.not_name_words.contains(word) && !place_starts.contains(&at)
        });
        let previous = text[..hit.start].strip_suffix(' ').map(last_word);
        let previous_is_name = previous.is_some_and(|word| {
            let word = word.trim_end_matches('.');
            starts_upper(word) && !self.not_name_words.contains(word)
        });
        next_is_name || previous_is_name
    }

    /// Groups hits per country and per region, in order of first mention.
    fn fill(&self, record: &mut Record, hits: &[Hit]) {
        let offsets = CharOffsets::new(&record.text);
        let mut countries: Vec<Country> = Vec::new();
        let mut country_slot: HashMap<usize, usize> = HashMap::new();
        let mut regions: Vec<Region> = Vec::new();
        let mut region_slot: HashMap<usize, usize> = HashMap::new();
        for hit in hits {
            let mention = Mention {
                text: record.text[hit.start..hit.end].to_string(),
                start: offsets.chars(hit.start),
                end: offsets.chars(hit.end),
            };
            match hit.target {
                Target::Country { country, .. } => {
                    let slot = *country_slot.entry(country).or_insert_with(|| {
                        let info = &self.countries[country];
                        countries.push(Country {
                            iso2: info.iso2.clone(),
                            iso3: info.iso3.clone(),
                            name: info.name.clone(),
                            mentions: Vec::new(),
                        });
                        countries.len() - 1
                    });
                    countries[slot].mentions.push(mention);
                }
                Target::Region(region) => {
                    let slot = *region_slot.entry(region).or_insert_with(|| {
                        let info = &self.regions[region];
                        regions.push(Region { name: info.name.clone(), m49: info.m49.clone(), mentions: Vec::new() });
                        regions.len() - 1
                    });
                    regions[slot].mentions.push(mention);
                }
                Target::Blocked => {}
            }
        }
        record.countries = countries;
        record.regions = regions;
    }
}

impl Extractor for PlacesExtractor {
    fn name(&self) -> &'static str {
        "places"
    }

    fn extract(&self, record: &mut Record) {
        let hits = self.hits(&record.text);
        self.fill(record, &hits);
    }
}

fn first_word(text: &str) -> &str {
    let end = text.find(|c: char| !is_word_char(c)).unwrap_or(text.len());
    &text[..end]
}

fn last_word(text: &str) -> &str {
    // The boundary character may be several bytes long (an em dash): step over
    // all of it, never into it.
    let start =
        text.char_indices().rev().find(|&(_, c)| !(is_word_char(c) || c == '.')).map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    /// Countries as (iso2, mention texts) and regions as (name, m49).
    type Found = (Vec<(String, Vec<String>)>, Vec<(String, Option<String>)>);

    #[test]
    fn word_edges_step_over_multibyte_boundaries() {
        assert_eq!(last_word("TAYLORVILLE \u{2014}Illinois"), "Illinois");
        assert_eq!(last_word("said \u{2014}"), "");
        assert_eq!(last_word("U.S."), "U.S.");
        assert_eq!(first_word("Ohio\u{2014}based"), "Ohio");
    }

    fn places(text: &str) -> Found {
        let extractor = PlacesExtractor::new(&Rules::embedded().places);
        let mut record = Record { text: text.to_string(), ..Record::default() };
        extractor.extract(&mut record);
        for m in
            record.countries.iter().flat_map(|c| &c.mentions).chain(record.regions.iter().flat_map(|r| &r.mentions))
        {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "offsets hold");
        }
        let countries =
            record.countries.into_iter().map(|c| (c.iso2, c.mentions.into_iter().map(|m| m.text).collect())).collect();
        let regions = record.regions.into_iter().map(|r| (r.name, r.m49)).collect();
        (countries, regions)
    }

    fn codes(text: &str) -> Vec<String> {
        places(text).0.into_iter().map(|(code, _)| code).collect()
    }

    #[test]
    fn names_demonyms_and_prefixes_in_order_of_first_mention() {
        let (countries, _) =
            places("The Norwegian Embassy in China and the Sino-Norway Center met Chinese and Norwegians.");
        assert_eq!(countries[0], ("NO".to_string(), vec!["Norwegian".into(), "Norway".into(), "Norwegians".into()]));
        assert_eq!(countries[1], ("CN".to_string(), vec!["China".into(), "Sino-".into(), "Chinese".into()]));
        assert_eq!(codes("U.S. and UK firms, the US and Britain"), ["US", "GB"]);
    }

    #[test]
    fn case_and_word_boundaries_decide() {
        assert!(codes("fine china and a roast turkey for us").is_empty());
        assert!(codes("Chinatown, Omanis? no: Romania").contains(&"RO".to_string()));
        assert_eq!(codes("Romania"), ["RO"]);
        assert!(codes("Sino-").is_empty(), "a prefix needs a following word");
        assert!(codes("It costs US$5.").is_empty());
        assert_eq!(codes("BAAR, SWITZERLAND - Ascom, a Swiss firm"), ["CH"]);
        assert!(codes("SANTA FE, NEW MEXICO").is_empty(), "blocking phrases are shouted too");
    }

    #[test]
    fn blocking_phrases_and_person_names_hide_countries() {
        assert!(codes("Inner Mongolia and the South China Sea; a Guinea pig in New Mexico").is_empty());
        assert!(codes("Chad Smith and Michael Jordan spoke.").is_empty());
        assert_eq!(codes("In Jordan, officials from Chad met."), ["JO", "TD"]);
        assert_eq!(codes("Flights from Georgia to Kenya Airways hubs."), ["GE", "KE"]);
    }

    #[test]
    fn regions_win_over_countries_inside_them() {
        let (countries, regions) = places("Latin American and Nordic countries, Northern Europe and the EU");
        assert!(countries.is_empty());
        let names: Vec<&str> = regions.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Latin America and the Caribbean", "Nordic countries", "Northern Europe", "European Union"]);
        assert_eq!(regions[2].1.as_deref(), Some("154"));
        assert_eq!(regions[3].1, None);
    }

    #[test]
    fn offsets_count_code_points() {
        let (countries, _) = places("Über Côte d'Ivoire — 中国 und Deutschland; China");
        assert_eq!(
            countries,
            vec![("CI".to_string(), vec!["Côte d'Ivoire".to_string()]), ("CN".into(), vec!["China".into()])]
        );
    }
}
