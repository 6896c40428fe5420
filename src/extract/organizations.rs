//! Named organisations: a cascade of rules over capitalised names, in the manner of
//! GATE's ANNIE, with every word list in `rules/orgs/`.
//!
//! 1. Names: runs of capitalised words with connectors between them ("Department of
//!    Social Services", "Norwegian Embassy in China"; "in" only after a head that
//!    takes a place). A run breaks at punctuation, line breaks, lower-case words and
//!    possessives ("South Dakota's Department of ..." gives "Department of ...").
//! 2. Evidence for: a head word ("Embassy", "Ministry", "University", "Inc.") makes a
//!    run an organisation, from its first word to the head and any "of ..."/"for ..."
//!    after it; "A and B" splits when both sides hold a head. A well-known name or
//!    alias (`known.tsv`) is an organisation wherever it stands. A CamelCase brand
//!    ("WeWork", "MarketAxess") or a short name next to a business cue ("Ascom shares",
//!    "a stake in Meetup") is a company.
//! 3. Evidence against: a run that opens with a person's title ("President", "Mr"),
//!    a name that is only a place (the places gazetteer), a product or event
//!    (`not_orgs.txt`), words that open sentences (`not_names.txt`).
//! 4. Mentions: an acronym in brackets after a name ("World Health Organization
//!    (WHO)"), a known alias, or the name without its legal suffix ("SoftBank" for
//!    "SoftBank Group Corp") is a mention of the same organisation wherever it stands.
//!
//! `type` is the last head word's (or the known entry's); `country` is the first
//! country named inside the name, a combining form ("Sino-") only when no other is.
//! It reads only `record.text`, English only, and does not find persons.

use foldhash::{HashMap, HashMapExt, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::offsets::CharOffsets;
use super::places::{PlaceSpan, PlacesExtractor};
use super::spans::{leftmost_longest, overlapping};
use super::tokens::{Token, TokenKind, on_word_boundaries, opens_sentence, tokenize};
use super::{Extractor, reads_english};
use crate::record::{Mention, Organization, OrganizationType, Record};
use crate::rules::Rules;
use crate::rules::orgs::OrgRules;

/// Words a name may open with in running text ("The Guardian"), left out of lookups.
const ARTICLES: [&str; 3] = ["The", "A", "An"];

/// The most words (connectors included) an organisation's name may have; a longer
/// span is a title-case headline or a list, not a name.
const MAX_NAME_WORDS: usize = 16;

/// Finds organisations; built once per process from the rules.
pub struct OrganizationsExtractor {
    rules: OrgRules,
    places: PlacesExtractor,
    known: AhoCorasick,
    /// Known organisation index per pattern id.
    known_of_pattern: Vec<usize>,
    /// Every form of a gazetteer organisation, as written, and what it stands for.
    listed_forms: HashMap<String, ListedForm>,
    /// The most words a listed form has: no longer span is looked up.
    listed_max_words: usize,
    /// Currency signs, codes and words after a number: "USD" is no organisation.
    currencies: crate::rules::counts::PhraseTable,
}

/// A gazetteer form: the organisation (index into `OrgRules::listed`) and whether
/// the form is also an everyday word, given name or place, taken only with context.
#[derive(Debug, Clone, Copy)]
struct ListedForm {
    org: usize,
    needs_context: bool,
}

/// One word of a capitalised run: a name word or a connector.
#[derive(Debug, Clone, Copy)]
struct RunWord {
    start: usize,
    end: usize,
    connector: bool,
}

/// A mention's byte span and the index of the organisation it names.
type MentionSpan = (usize, usize, usize);

/// An organisation found at one place in the text.
#[derive(Debug, Clone)]
struct Found {
    start: usize,
    end: usize,
    kind: OrganizationType,
    /// A known organisation's index, which fixes name, type and country.
    known: Option<usize>,
    /// A gazetteer organisation's index, likewise.
    listed: Option<usize>,
}

impl OrganizationsExtractor {
    pub fn new(rules: &Rules) -> OrganizationsExtractor {
        let org_rules = rules.orgs.clone();
        let mut patterns: Vec<String> = Vec::new();
        let mut known_of_pattern = Vec::new();
        for (i, org) in org_rules.known.iter().enumerate() {
            for name in std::iter::once(&org.name).chain(&org.aliases) {
                patterns.push(name.clone());
                known_of_pattern.push(i);
                if name.contains('\'') {
                    patterns.push(name.replace('\'', "’"));
                    known_of_pattern.push(i);
                }
            }
        }
        let known = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("known organisation names are plain strings and build");
        let (listed_forms, listed_max_words) = listed_forms(&org_rules.listed);
        OrganizationsExtractor {
            rules: org_rules,
            places: PlacesExtractor::new(&rules.places),
            known,
            known_of_pattern,
            listed_forms,
            listed_max_words,
            currencies: rules.counts.currencies_after.clone(),
        }
    }

    /// Every organisation mention in `text`, in text order, without overlaps.
    fn find(&self, text: &str, places: &[PlaceSpan]) -> Vec<Found> {
        let tokens = tokenize(text);
        let starts = sentence_starts(text, &tokens);
        let mut found = self.known_matches(text, &starts);
        // "British Red Cross", "Chinese Communist Party": a country word before a known name.
        for f in &mut found {
            let before = f.start.saturating_sub(2);
            if let Some(place) = overlapping(places, place_bounds, before, f.start)
                .iter()
                .find(|p| p.end + 1 == f.start && p.country.is_some() && !p.prefix)
                && text[place.end..f.start] == *" "
            {
                f.start = place.start;
            }
        }
        let runs = self.runs(text, &tokens);
        for run in &runs {
            let teams = self.teams_in_run(text, run);
            found.extend(self.orgs_in_run(text, run, places, &teams));
            found.extend(teams);
        }
        let surnames = self.surnames(text, &runs, places);
        found.extend(self.listed_in_runs(text, &starts, &runs, places, &surnames));
        found.extend(self.brands_and_cued(text, &tokens, &starts, places, &surnames));
        let spans = found.into_iter().enumerate().map(|(i, f)| (f.start, f.end, i, f)).collect();
        leftmost_longest(spans)
    }

    /// Known names and aliases, as written, on word boundaries.
    fn known_matches(&self, text: &str, sentence_starts: &[usize]) -> Vec<Found> {
        self.known
            .find_overlapping_iter(text)
            .filter(|m| on_word_boundaries(text, m.start(), m.end()))
            .filter_map(|m| {
                let index = self.known_of_pattern[m.pattern().as_usize()];
                let org = &self.rules.known[index];
                // "Harrison Ford", "Mr Ford": a common name after a given name or title is a person's.
                let person = word_before(text, m.start())
                    .is_some_and(|w| self.rules.given_names.contains(w) || self.rules.person_titles.contains(w));
                if org.common && (person || sentence_starts.binary_search(&m.start()).is_ok()) {
                    return None;
                }
                Some(Found { start: m.start(), end: m.end(), kind: org.kind, known: Some(index), listed: None })
            })
            .collect()
    }

    /// Gazetteer names inside capitalised runs: at each name word, the longest form
    /// the gazetteer lists, taken when the evidence around it allows.
    fn listed_in_runs(
        &self,
        text: &str,
        starts: &[usize],
        runs: &[Vec<RunWord>],
        places: &[PlaceSpan],
        surnames: &HashSet<&str>,
    ) -> Vec<Found> {
        if self.listed_forms.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for run in runs {
            let mut i = 0;
            while i < run.len() {
                // A name does not open with a sentence opener ("The Carlyle"), unless the
                // article is part of a listed name that needs no context and ends the run
                // ("The Guardian", not "The Union of ...").
                let opener = run[i].connector || self.rules.not_names.contains(&text[run[i].start..run[i].end]);
                let hit = if opener {
                    let word = &text[run[i].start..run[i].end];
                    ARTICLES
                        .contains(&word)
                        .then(|| self.longest_listed(text, run, i))
                        .flatten()
                        .filter(|(j, form)| *j > i && *j + 1 == run.len() && !form.needs_context)
                        // "The Chronicle" after "San Francisco Chronicle" is that paper's.
                        .filter(|_| !text[..run[i].start].contains(&text[run[i + 1].start..run[run.len() - 1].end]))
                } else {
                    self.longest_listed(text, run, i)
                };
                match hit {
                    Some((j, form)) if self.listed_evidence(text, run, i, j, form, places, surnames, starts) => {
                        let org = &self.rules.listed[form.org];
                        // The article is the evidence, not part of the mention ("Guardian").
                        let first = if opener { i + 1 } else { i };
                        let (start, end) = (run[first].start, run[j].end);
                        out.push(Found { start, end, kind: org.kind, known: None, listed: Some(form.org) });
                        i = j + 1;
                    }
                    _ => i += 1,
                }
            }
        }
        out
    }

    /// The longest listed form that starts at `run[i]`: its last word and the form.
    fn longest_listed(&self, text: &str, run: &[RunWord], i: usize) -> Option<(usize, ListedForm)> {
        let last = run.len().min(i + self.listed_max_words) - 1;
        (i..=last)
            .rev()
            .filter(|&j| !run[j].connector)
            .find_map(|j| self.listed_forms.get(&text[run[i].start..run[j].end]).map(|f| (j, *f)))
    }

    /// Whether a listed form found at `run[i..=j]` is the organisation here. Against:
    /// a person's given name or title before it ("Harrison Ford", "Mr Ford"), a
    /// place's span, a known surname. A form that is also an everyday word, given
    /// name or place needs more: no other name word glued on either side ("Chelsea
    /// Clinton"), and a context cue ("shares of Apple", "Liverpool beat").
    #[allow(clippy::too_many_arguments)]
    fn listed_evidence(
        &self,
        text: &str,
        run: &[RunWord],
        i: usize,
        j: usize,
        form: ListedForm,
        places: &[PlaceSpan],
        surnames: &HashSet<&str>,
        sentence_starts: &[usize],
    ) -> bool {
        let word = |w: &RunWord| &text[w.start..w.end];
        let (start, end) = (run[i].start, run[j].end);
        let name = &text[start..end];
        let before = (i > 0 && !run[i - 1].connector).then(|| word(&run[i - 1]));
        let after = run.get(j + 1).filter(|w| !w.connector).map(word);
        let handle = after_handle(text, start);
        // "the gross domestic product (GDP)": initials the text defines for a long form
        // are that long form's, which the gazetteer's own (a party's "GDP") is not.
        let defined_here = is_acronym(name) && defined_in_brackets(text, name);
        if before.is_some_and(|b| self.rules.given_names.contains(b) || self.rules.person_titles.contains(b))
            || handle
            || defined_here
            || covered_by_places(places, start, end)
            || self.rules.not_orgs.contains(name)
            || (i == j && surnames.contains(name))
        {
            return false;
        }
        // Part of a longer name the lists do not hold ("New York City", "Europa
        // League"): that name is something else.
        let glued_before = before.is_some_and(|b| !ARTICLES.contains(&b));
        if glued_before || (i == j && after.is_some()) {
            return false;
        }
        if !form.needs_context {
            // A one-word form opening a sentence may be a capitalised common word
            // the lists missed; two words or more are a name.
            return i < j || sentence_starts.binary_search(&start).is_err() || self.listed_cue(text, start, end);
        }
        after.is_none() && self.listed_cue(text, start, end)
    }

    /// A context cue next to a name: the business cues and `orgs/context_cues.tsv`,
    /// before the name or its article ("a spokesman for the PLO").
    fn listed_cue(&self, text: &str, start: usize, end: usize) -> bool {
        let article_start = text[..start].strip_suffix("the ").map_or(start, |b| b.len());
        self.cue_after(text, end)
            || phrase_after(text, end, &self.rules.context_after)
            || [start, article_start]
                .into_iter()
                .any(|s| self.cue_before(text, s) || phrase_before(text, s, &self.rules.context_before))
    }

    /// Runs of capitalised words and the connectors between them.
    fn runs(&self, text: &str, tokens: &[Token]) -> Vec<Vec<RunWord>> {
        let mut runs = Vec::new();
        let mut run: Vec<RunWord> = Vec::new();
        let mut k = 0;
        while k < tokens.len() {
            let (word, next) = compound(text, tokens, k, &self.rules);
            let continues = !tokens[k].newline_before && (tokens[k].space_before || run.is_empty());
            if !continues || word.is_none() {
                close_run(&mut run, &mut runs);
                if word.is_none() {
                    k = next.max(k + 1);
                    continue;
                }
            }
            let (start, end) = word.expect("checked above");
            let raw = &text[start..end];
            let (end, possessive) = match raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")) {
                Some(_) if self.rules.possessive_names.contains(&raw.replace('’', "'")) => (end, false),
                Some(stem) => (start + stem.len(), true),
                None => (end, false),
            };
            let capitalised = is_name_word(raw);
            // "Main St. The ...": an abbreviation after a name word ends a sentence as
            // often as it opens the next word, so it opens a run of its own.
            if self.rules.name_abbreviations.contains(raw) && run.last().is_some_and(|w| !w.connector) {
                close_run(&mut run, &mut runs);
            }
            if capitalised {
                run.push(RunWord { start, end, connector: false });
            } else if self.rules.connectors.contains(raw) && !run.is_empty() && self.connector_fits(text, &run, raw) {
                run.push(RunWord { start, end, connector: true });
            } else {
                close_run(&mut run, &mut runs);
            }
            if possessive {
                close_run(&mut run, &mut runs);
            }
            k = next;
        }
        close_run(&mut run, &mut runs);
        runs
    }

    /// "in" joins a name only after a head that takes a place ("Embassy in China");
    /// "the" only after another connector ("Department of the Interior").
    fn connector_fits(&self, text: &str, run: &[RunWord], connector: &str) -> bool {
        let last = run.last();
        match connector {
            "in" => last.is_some_and(|w| !w.connector && self.head_at(text, w).is_some_and(|h| h.takes_place)),
            "the" => last.is_some_and(|w| w.connector),
            _ => true,
        }
    }

    /// The organisations a run holds by its head words.
    fn orgs_in_run(&self, text: &str, run: &[RunWord], places: &[PlaceSpan], teams: &[Found]) -> Vec<Found> {
        let word = |w: &RunWord| &text[w.start..w.end];
        let head: Vec<bool> = run.iter().map(|w| !w.connector && self.head_at(text, w).is_some()).collect();
        // heads_before[i]: heads among run[..i]; so any side's heads count in O(1).
        let mut heads_before = Vec::with_capacity(run.len() + 1);
        heads_before.push(0usize);
        for &h in &head {
            heads_before.push(heads_before[heads_before.len() - 1] + usize::from(h));
        }
        let total = heads_before[run.len()];
        // next_name[i]: the first name word at or after i.
        let mut next_name = vec![run.len(); run.len() + 1];
        for i in (0..run.len()).rev() {
            next_name[i] = if run[i].connector { next_name[i + 1] } else { i };
        }
        // "A and B": two organisations when both sides hold a head.
        let mut parts: Vec<&[RunWord]> = Vec::new();
        let mut from = 0;
        for (i, w) in run.iter().enumerate() {
            if w.connector && matches!(word(w), "and" | "&") {
                let left_has_head = heads_before[i] > heads_before[from];
                let right_has_head = total > heads_before[i + 1];
                // "Securities and Exchange Commission" is one name: the right side opens
                // with a head. "Wistron and Global Lighting Technologies", "Braun and the
                // Carlyle Group" are two.
                let right_first = next_name[i + 1];
                let new_phrase = run.get(i + 1).is_some_and(|w| w.connector)
                    || (right_first < run.len() && !head[right_first])
                    || left_has_head;
                // "Sierra Nevada Corporation and SpaceX": a name that ends in its head is complete.
                let left_complete = i > from && head[i - 1];
                if (right_has_head && new_phrase) || left_complete {
                    parts.push(&run[from..i]);
                    from = i + 1;
                }
            }
        }
        parts.push(&run[from..]);
        parts.into_iter().filter_map(|part| self.org_in_part(text, part, places, teams)).collect()
    }

    /// One part of a run: from its first name word to its last head and the
    /// "of ..."/"for ..." after it, unless what follows is a team ("the American
    /// Hockey League for the St. Louis Eagles").
    fn org_in_part(&self, text: &str, part: &[RunWord], places: &[PlaceSpan], teams: &[Found]) -> Option<Found> {
        let word = |w: &RunWord| &text[w.start..w.end];
        let mut first = 0;
        // "New" opens sentences and "New York": with the next word a town's name, it stays.
        let opens_town = |k: usize| {
            part.get(k + 1)
                .is_some_and(|next| !next.connector && self.rules.cities.contains(&text[part[k].start..next.end]))
        };
        while first < part.len()
            && (part[first].connector || (self.rules.not_names.contains(word(&part[first])) && !opens_town(first)))
        {
            first += 1;
        }
        // "Chairman of the Australian Centre for ...": a title and its "of the" go.
        let title_end = part[first..].iter().position(|w| w.connector || !self.rules.person_titles.contains(word(w)));
        if let Some(t) = title_end
            && t > 0
            && part.get(first + t).is_some_and(|w| w.connector)
        {
            first += t;
            while first < part.len() && part[first].connector {
                first += 1;
            }
        }
        let part = &part[first..];
        // "Banco Bilbao Vizcaya Argentaria", "Ministerio de Salud": a head that opens
        // the name takes every name word of the run after it.
        if let Some(head) = part.first().and_then(|w| self.head_at(text, w)).filter(|h| h.leading) {
            let last = part.iter().rposition(|w| !w.connector)?;
            return (last > 0 && last < MAX_NAME_WORDS)
                .then(|| self.found_span(text, &part[..=last], head.kind, places))
                .flatten();
        }
        let last_head = part.iter().rposition(|w| !w.connector && self.head_at(text, w).is_some())?;
        // "President Donald Trump" has no head and is gone; "General Assembly" has one.
        if part.first().is_some_and(|w| self.rules.person_titles.contains(word(w))) && last_head == 0 {
            return None;
        }
        // A bare head word ("Office", "Court") names no one in particular; see below.
        let mut end = last_head;
        let mut k = last_head + 1;
        while k + 1 < part.len() && part[k].connector {
            let mut j = k;
            while j < part.len() && part[j].connector {
                j += 1;
            }
            if j >= part.len()
                || self.rules.not_names.contains(word(&part[j]))
                || teams.iter().any(|t| t.start == part[j].start)
            {
                break;
            }
            while j < part.len() && !part[j].connector {
                j += 1;
            }
            end = j - 1;
            k = j;
        }
        if end == 0 {
            return None;
        }
        let span = &part[..=end];
        if span.len() > MAX_NAME_WORDS {
            return None;
        }
        let kind = self.head_at(text, &part[last_head]).map(|h| h.kind)?;
        self.found_span(text, span, kind, places)
    }

    /// The name `span` covers, unless the rules say it is no organisation or a place covers it.
    fn found_span(&self, text: &str, span: &[RunWord], kind: OrganizationType, places: &[PlaceSpan]) -> Option<Found> {
        let (start, stop) = (span[0].start, span[span.len() - 1].end);
        if self.rules.not_orgs.contains(&text[start..stop]) || covered_by_places(places, start, stop) {
            return None;
        }
        Some(Found { start, end: stop, kind, known: None, listed: None })
    }

    /// "Boston Bruins", "New York Yankees", "Toronto Maple Leafs": a part of a run between
    /// connectors ("the Vancouver Canucks of the PCHL", "the Eagles and Boston Bruins")
    /// that is a town, city or state and then one or two words ending in a capitalised
    /// plural is a sports team's name. Not "Niagara Falls" or "Tokyo Games"
    /// (orgs/not_team_names.txt), nor a town named like a person ("George Soros") unless
    /// "the" stands before it. A part before "and" is a team only when the part after it
    /// is one too: "the Hong Kong Human Rights and Democracy Act" is one name.
    fn teams_in_run(&self, text: &str, run: &[RunWord]) -> Vec<Found> {
        let mut parts: Vec<(&[RunWord], Option<&str>)> = Vec::new();
        let mut from = 0;
        for (i, w) in run.iter().enumerate() {
            if w.connector {
                parts.push((&run[from..i], Some(&text[w.start..w.end])));
                from = i + 1;
            }
        }
        parts.push((&run[from..], None));
        // "the St. Louis Eagles and Boston Bruins": the "the" before the first team
        // stands for every team coordinated with it.
        let mut teams: Vec<Option<Found>> = Vec::with_capacity(parts.len());
        for (i, (part, _)) in parts.iter().enumerate() {
            let coordinated = i > 0
                && matches!(parts[i - 1].1, Some("and" | "&"))
                && teams[i - 1].as_ref().is_some_and(|t: &Found| text[..t.start].ends_with("the "));
            teams.push(self.team_in_part(text, part, coordinated));
        }
        let mut out = Vec::new();
        for (i, team) in teams.iter().enumerate() {
            let Some(team) = team else { continue };
            let joins_next = matches!(parts[i].1, Some("and" | "&"));
            // "the Bruins and the Canucks": an article alone is a part of its own.
            let next =
                (i + 1..parts.len()).find(|&k| !parts[k].0.iter().all(|w| ARTICLES.contains(&&text[w.start..w.end])));
            if joins_next && next.is_none_or(|k| teams[k].is_none()) {
                continue;
            }
            out.push(team.clone());
        }
        out
    }

    /// The team a connector-free part of a run names (see [`Self::teams_in_run`]).
    fn team_in_part(&self, text: &str, part: &[RunWord], coordinated: bool) -> Option<Found> {
        let first = part.iter().position(|w| !ARTICLES.contains(&&text[w.start..w.end]))?;
        let part = &part[first..];
        if !(2..=5).contains(&part.len()) {
            return None;
        }
        let name = &text[part[0].start..part[part.len() - 1].end];
        // "the Boston Bruins", but "investor George Soros": a town named like a person
        // makes a team only after "the".
        let after_the = first > 0 || coordinated || text[..part[0].start].ends_with("the ");
        self.team_nickname(name, after_the)?;
        Some(Found {
            start: part[0].start,
            end: part[part.len() - 1].end,
            kind: OrganizationType::Other,
            known: None,
            listed: None,
        })
    }

    /// The nickname of a team's name (see [`Self::teams_in_run`]): "Bruins" of "Boston Bruins".
    fn team_nickname<'n>(&self, name: &'n str, town_may_be_a_given_name: bool) -> Option<&'n str> {
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut at = 0;
        for word in name.split(' ') {
            words.push((at, word));
            at += word.len() + 1;
        }
        let last = words.last()?.1;
        let plural = last.len() >= 4
            && last.ends_with('s')
            && !last.ends_with("ss")
            && !last.ends_with("us")
            && !last.ends_with("is")
            && last.chars().all(char::is_alphabetic)
            && !self.rules.not_team_names.contains(last);
        if !plural {
            return None;
        }
        (1..words.len()).rev().filter(|&k| words.len() - k <= 2).find_map(|k| {
            let (at, _) = words[k];
            let place = &name[..at - 1];
            let nickname = &name[at..];
            let named = nickname.split(' ').all(|w| w.chars().next().is_some_and(char::is_uppercase));
            let town = self.rules.cities.contains(place)
                && (town_may_be_a_given_name || !self.rules.given_names.contains(place));
            (named && town && !self.rules.cities.contains(nickname)).then_some(nickname)
        })
    }

    /// The head a word is, also as the second word of a two-word head ("Central Bank").
    fn head_at(&self, text: &str, w: &RunWord) -> Option<crate::rules::orgs::Head> {
        self.rules.heads.get(&text[w.start..w.end]).copied()
    }

    /// Last words of two- or three-word names without a head, a known name or a place:
    /// persons' surnames ("Adam Neumann"), which a business cue must not make a company.
    fn surnames<'t>(&self, text: &'t str, runs: &[Vec<RunWord>], places: &[PlaceSpan]) -> HashSet<&'t str> {
        // "Caitlyn Smith and Kate York": a name word right after a given name.
        let after_given = runs.iter().flat_map(|run| {
            run.windows(2)
                .filter(|w| !w[0].connector && !w[1].connector)
                .filter(|w| self.rules.given_names.contains(&text[w[0].start..w[0].end]))
                .map(|w| &text[w[1].start..w[1].end])
        });
        let mut out: HashSet<&str> = after_given.collect();
        // The last words of two- or three-word runs with no head, known name or place.
        let short_names = runs
            .iter()
            .filter(|run| (2..=3).contains(&run.len()) && run.iter().all(|w| !w.connector))
            .filter(|run| {
                let first = &text[run[0].start..run[0].end];
                !self.rules.not_names.contains(first)
                    && run.iter().all(|w| self.head_at(text, w).is_none())
                    && overlapping(places, place_bounds, run[0].start, run[run.len() - 1].end).is_empty()
            })
            .map(|run| &text[run[run.len() - 1].start..run[run.len() - 1].end]);
        out.extend(short_names);
        out
    }

    /// CamelCase brands anywhere, and short names next to a business cue.
    fn brands_and_cued(
        &self,
        text: &str,
        tokens: &[Token],
        starts: &[usize],
        places: &[PlaceSpan],
        surnames: &HashSet<&str>,
    ) -> Vec<Found> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < tokens.len() {
            let at = k;
            let (word, next) = compound(text, tokens, k, &self.rules);
            k = next.max(k + 1);
            let Some((start, end)) = word else { continue };
            let raw = &text[start..end];
            let end = raw.strip_suffix("'s").or_else(|| raw.strip_suffix("’s")).map_or(end, |s| start + s.len());
            let name = &text[start..end];
            let handle = after_handle(text, start);
            if !is_name_word(name)
                || handle
                || self.rules.not_orgs.contains(name)
                || self.rules.not_names.contains(name)
                || self.rules.person_titles.contains(name)
                || covered_by_places(places, start, end)
            {
                continue;
            }
            let business = self.cue_after(text, end) || self.cue_before(text, start);
            // "the DEA says", "a spokesman for the PLO": initials are no one's surname,
            // so the wider context cues hold for them; what kind of body is unknown.
            // One the text defines in brackets is left to that definition: "the Attorney
            // General (NYAG)" is an organisation only if its long name is one.
            let acronym = is_acronym(name) && self.currencies.get(name).is_none() && !defined_in_brackets(text, name);
            let cued = business
                || (acronym && (self.listed_cue(text, start, end) || self.initials_after_the(text, start, end)));
            let kind = if business { OrganizationType::Company } else { OrganizationType::Other };
            let brand = is_camel_case(name, &self.rules.surname_prefixes);
            let mid_sentence = starts.binary_search(&start).is_err();
            // "Adam Neumann's shares": a capitalised word before makes it a surname.
            let after_name = at > 0 && {
                let t = &tokens[at - 1];
                t.kind == TokenKind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
            };
            if brand || (cued && (mid_sentence || acronym) && !after_name && !surnames.contains(name)) {
                let kind = if brand { OrganizationType::Company } else { kind };
                out.push(Found { start, end, kind, known: None, listed: None });
            }
        }
        out
    }

    /// "the NHL", "by the RIAA": three to six capitals after "the", not the initials of
    /// a thing (`orgs/not_org_initials.txt`), a Roman numeral or the first word of a
    /// longer name ("the NBA Finals"), and followed here and wherever else they stand
    /// by punctuation or a word of `orgs/after_initials.txt`, not by another word as a
    /// product's or a standard's initials are ("the SLS rocket", "the HDMI port").
    fn initials_after_the(&self, text: &str, start: usize, end: usize) -> bool {
        let name = &text[start..end];
        let after_the = text[..start].ends_with("the ") || text[..start].ends_with("The ");
        after_the
            && name.len() >= 3
            && !self.rules.not_org_initials.contains(name)
            && !name.bytes().all(|b| b"IVXLCDM".contains(&b))
            && text
                .match_indices(name)
                .filter(|(at, _)| on_word_boundaries(text, *at, at + name.len()))
                .all(|(at, _)| self.org_follows(&text[at + name.len()..]))
    }

    /// What follows initials naming an organisation: punctuation, "'s", the end of the
    /// text or a word of `orgs/after_initials.txt`, but no name word or number.
    fn org_follows(&self, rest: &str) -> bool {
        match rest.strip_prefix(' ') {
            None => !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-'),
            Some(next) => {
                let word = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
                self.rules.after_initials.contains(word)
            }
        }
    }

    /// A business cue right after a name (after its "'s", if any): "Ascom shares".
    fn cue_after(&self, text: &str, end: usize) -> bool {
        phrase_after(text, end, &self.rules.cues_after)
    }

    /// A business cue right before a name: "shares of Ascom".
    fn cue_before(&self, text: &str, start: usize) -> bool {
        phrase_before(text, start, &self.rules.cues_before)
    }

    /// Names to look for again: acronyms in brackets after a name, known aliases, and
    /// names without their legal suffix; each with the name it stands for.
    fn aliases(&self, text: &str, found: &[Found]) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for (i, f) in found.iter().enumerate() {
            let name = &text[f.start..f.end];
            out.push((name.to_string(), i));
            if let Some(known) = f.known {
                let org = &self.rules.known[known];
                out.push((org.name.clone(), i));
                out.extend(org.aliases.iter().map(|a| (a.clone(), i)));
            }
            // A listed organisation's other forms, but not those that are also
            // everyday words: "Union" is no mention of Union Berlin wherever it stands.
            if let Some(listed) = f.listed {
                let org = &self.rules.listed[listed];
                let forms = std::iter::once(&org.name).chain(&org.aliases);
                out.extend(forms.filter(|a| !org.context_forms.contains(a)).map(|a| (a.clone(), i)));
            }
            // "Movimento 5 Stelle (M5S)", "the Italian Episcopal Conference (CEI)": initials
            // in brackets right after a name are its short form, also in the order of the
            // name in another language (Conferenza Episcopale Italiana).
            let rest = &text[f.end..];
            if let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|(a, _)| a)
                && (is_acronym_of(inner, name)
                    || initials_in_any_order(inner, name)
                    || f.listed.is_some_and(|l| self.rules.listed[l].aliases.iter().any(|a| a == inner)))
            {
                out.push((inner.to_string(), i));
            }
            // "CEI (Italian Episcopal Conference)": initials with the name in brackets after them.
            if text[f.end..].starts_with(')')
                && let Some(before) = text[..f.start].strip_suffix(" (")
            {
                let from = before
                    .char_indices()
                    .rev()
                    .find(|(_, c)| !c.is_alphanumeric())
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let initials = &before[from..];
                if initials_in_any_order(initials, name) {
                    out.push((initials.to_string(), i));
                }
            }
            // "the Bruins" after "Boston Bruins".
            if f.known.is_none()
                && f.listed.is_none()
                && let Some(nickname) = self.team_nickname(name, true)
            {
                out.push((nickname.to_string(), i));
            }
            let words: Vec<&str> = name.split(' ').collect();
            let kept = words.iter().rposition(|w| !self.rules.legal_suffixes.contains(*w)).map_or(0, |p| p + 1);
            if kept > 0 && kept < words.len() {
                let short = words[..kept].join(" ");
                if !self.rules.not_names.contains(&short) && !self.rules.heads.contains_key(&short) {
                    out.push((short, i));
                }
            }
        }
        out
    }

    /// "the Court" after "the Supreme Court", "The League" after "the Australian League
    /// of Rights": a capitalised head word after "the", standing alone, that one
    /// organisation found earlier holds, is a short mention of it. Where two earlier
    /// organisations hold the head, it is no one's; legal endings ("the Company") are
    /// never short forms. Each as (start, end, index into `found`).
    fn head_references(&self, text: &str, found: &[Found]) -> Vec<(usize, usize, usize)> {
        // head word -> (first holder, its start, whether another organisation holds it too)
        let mut holders: HashMap<&str, (usize, usize, bool)> = HashMap::new();
        for (i, f) in found.iter().enumerate() {
            let name = &text[f.start..f.end];
            if !name.contains(' ') {
                continue;
            }
            for word in name.split(' ') {
                if self.rules.heads.contains_key(word) && !self.rules.legal_suffixes.contains(word) {
                    let key = normalise(name);
                    holders
                        .entry(word)
                        .and_modify(|h| h.2 |= normalise(&text[found[h.0].start..found[h.0].end]) != key)
                        .or_insert((i, f.start, false));
                }
            }
        }
        let mut out = Vec::new();
        for (head, (holder, from, shared)) in holders {
            if shared {
                continue;
            }
            for (at, _) in text[from..].match_indices(head).map(|(a, m)| (a + from, m)) {
                let end = at + head.len();
                let after_the = text[..at].ends_with("the ") || text[..at].ends_with("The ");
                let next = text[end..].split_whitespace().next().unwrap_or("");
                // "the League of Nations", "the Court House": a longer name of its own.
                let alone = !next.starts_with(char::is_uppercase) && !matches!(next, "of" | "for" | "in" | "on");
                if after_the && alone && on_word_boundaries(text, at, end) && at > found[holder].end {
                    out.push((at, end, holder));
                }
            }
        }
        out
    }

    /// Groups mentions per organisation, also where an alias stands, in order of first mention.
    fn group(&self, record: &mut Record, found: Vec<Found>, places: &[PlaceSpan]) {
        let text = &record.text;
        let aliases = self.aliases(text, &found);
        // A later name that is an earlier organisation's alias ("SoftBank" after
        // "SoftBank Group Corp") is a mention of that organisation.
        let mut alias_owner: HashMap<&str, usize> = HashMap::new();
        for (alias, i) in &aliases {
            alias_owner.entry(alias.as_str()).or_insert(*i);
        }
        let owner: Vec<usize> = found
            .iter()
            .enumerate()
            .map(|(i, f)| match alias_owner.get(&text[f.start..f.end]) {
                Some(&o) if found[o].start < f.start => o,
                _ => i,
            })
            .collect();
        let mut spans: Vec<(usize, usize, usize, usize)> =
            found.iter().enumerate().map(|(i, f)| (f.start, f.end, 0, owner[i])).collect();
        // Each alias once, with its first owner: a name repeated a thousand times is one
        // pattern, not a thousand that all match at every place it stands.
        let mut unique: Vec<(&str, usize)> = alias_owner.iter().map(|(a, o)| (*a, *o)).collect();
        unique.sort_unstable();
        if !unique.is_empty() {
            let patterns: Vec<&str> = unique.iter().map(|(a, _)| *a).collect();
            // Built for one scan of one text: the NFA builds fastest, and a DFA's
            // faster search would not repay its construction here.
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .build(&patterns);
            if let Ok(automaton) = automaton {
                for m in automaton.find_overlapping_iter(text.as_str()) {
                    if on_word_boundaries(text, m.start(), m.end()) {
                        // "The Guardian": the article is no part of the mention.
                        let alias = unique[m.pattern().as_usize()].0;
                        let start = m.start() + if alias.starts_with("The ") && alias.len() > 4 { 4 } else { 0 };
                        spans.push((start, m.end(), 1, owner[unique[m.pattern().as_usize()].1]));
                    }
                }
            }
        }
        spans.extend(self.head_references(text, &found).into_iter().map(|(s, e, o)| (s, e, 2, owner[o])));
        let mentions: Vec<MentionSpan> =
            leftmost_longest(spans.into_iter().map(|(s, e, p, i)| (s, e, p, (s, e, i))).collect());
        let offsets = CharOffsets::new(text);
        let mut orgs: Vec<Organization> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::new();
        for (start, end, i) in mentions {
            let f = &found[i];
            // The name as the article first writes it ("World Health Organisation", "Fed").
            let entry = f.known.map(|k| &self.rules.known[k]).or_else(|| f.listed.map(|k| &self.rules.listed[k]));
            let (kind, country) = match entry {
                Some(org) => (org.kind, org.country.clone().or_else(|| country_in(places, f.start, f.end))),
                None => (f.kind, country_in(places, f.start, f.end)),
            };
            let name = text[f.start..f.end].to_string();
            // A known organisation is one, whatever its names here ("Fed", "Federal Reserve").
            let key = match (f.known, f.listed) {
                (Some(k), _) => format!("known {k}"),
                (None, Some(k)) => format!("listed {k}"),
                (None, None) => normalise(&name),
            };
            let index = *slot.entry(key).or_insert_with(|| {
                orgs.push(Organization { name, kind, country, mentions: Vec::new() });
                orgs.len() - 1
            });
            orgs[index].mentions.push(Mention {
                text: text[start..end].to_string(),
                start: offsets.chars(start),
                end: offsets.chars(end),
            });
        }
        record.organizations = orgs;
    }
}

impl Extractor for OrganizationsExtractor {
    fn name(&self) -> &'static str {
        "organizations"
    }

    fn extract(&self, record: &mut Record) {
        if !reads_english(record) {
            return;
        }
        let places = self.places.place_spans(&record.text);
        let found = self.find(&record.text, &places);
        self.group(record, found, &places);
    }
}

/// The word at token `k` with the tokens glued to it ("Sino-Norway", "AT&T", "U.S.",
/// "Co."), as a byte span, and the token after it; `None` when it is not a word.
fn compound(text: &str, tokens: &[Token], k: usize, rules: &OrgRules) -> (Option<(usize, usize)>, usize) {
    let first = &tokens[k];
    if first.kind != TokenKind::Word && first.kind != TokenKind::Number {
        return (None, k + 1);
    }
    let mut j = k + 1;
    while let Some(t) = tokens.get(j) {
        let joins = t.glued() && (t.kind != TokenKind::Symbol || matches!(t.text(text), "-" | "&" | "." | "+"));
        if !joins {
            break;
        }
        j += 1;
    }
    // A trailing dot is kept only on legal suffixes' abbreviations ("Co.", "Inc.") and
    // on the abbreviations that open a name's word ("St. Louis").
    while j > k + 1 && tokens[j - 1].kind == TokenKind::Symbol {
        let dotted = &text[first.start..tokens[j - 1].end];
        if tokens[j - 1].text(text) == "."
            && (rules.legal_suffixes.contains(dotted) || rules.name_abbreviations.contains(dotted))
        {
            break;
        }
        j -= 1;
    }
    if first.kind == TokenKind::Number && (j == k + 1 || tokens[k + 1].kind != TokenKind::Word) {
        return (None, j);
    }
    (Some((first.start, tokens[j - 1].end)), j)
}

/// Every form of every listed organisation, mapped to it; the first organisation to
/// list a form keeps it. Also the most words a form has.
fn listed_forms(listed: &[crate::rules::orgs::KnownOrg]) -> (HashMap<String, ListedForm>, usize) {
    let mut forms = HashMap::with_capacity(listed.len() * 2);
    let mut max_words = 0;
    for (org, entry) in listed.iter().enumerate() {
        for form in std::iter::once(&entry.name).chain(&entry.aliases) {
            let needs_context = entry.context_forms.contains(form);
            max_words = max_words.max(form.split(' ').count());
            // Lists write "Macy's"; news text as often "Macy’s".
            if form.contains('\'') {
                forms.entry(form.replace('\'', "’")).or_insert(ListedForm { org, needs_context });
            }
            forms.entry(form.clone()).or_insert(ListedForm { org, needs_context });
        }
    }
    (forms, max_words.min(MAX_NAME_WORDS))
}

/// ".SPX", "@Apple", "/Tesla": a ticker, handle or path, not the name in prose.
fn after_handle(text: &str, start: usize) -> bool {
    text[..start].ends_with(['@', '/', '#', '.'])
}

/// The word right before `start`, across one space.
fn word_before(text: &str, start: usize) -> Option<&str> {
    let before = text[..start].strip_suffix(' ')?;
    let from = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '.')
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(&before[from..]).filter(|w| !w.is_empty())
}

/// One of `phrases` starts right after `end` (after a "'s", if any), as whole words.
fn phrase_after<'p>(text: &str, end: usize, phrases: impl IntoIterator<Item = &'p String>) -> bool {
    let rest = &text[end..];
    let rest = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s")).unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(' ') else { return false };
    phrases
        .into_iter()
        .any(|p| rest.starts_with(p.as_str()) && !rest[p.len()..].chars().next().is_some_and(char::is_alphanumeric))
}

/// One of `phrases` ends right before `start`, as whole words.
fn phrase_before<'p>(text: &str, start: usize, phrases: impl IntoIterator<Item = &'p String>) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else { return false };
    phrases.into_iter().any(|p| {
        before.ends_with(p.as_str())
            && !before[..before.len() - p.len()].chars().next_back().is_some_and(char::is_alphanumeric)
    })
}

/// Ends a run: connectors at its end are dropped; a run with a name word is kept.
fn close_run(run: &mut Vec<RunWord>, runs: &mut Vec<Vec<RunWord>>) {
    while run.last().is_some_and(|w| w.connector) {
        run.pop();
    }
    if !run.is_empty() {
        runs.push(std::mem::take(run));
    }
}

/// Byte offsets where sentences start, sorted.
fn sentence_starts(text: &str, tokens: &[Token]) -> Vec<usize> {
    (0..tokens.len()).filter(|&k| opens_sentence(text, tokens, k)).map(|k| tokens[k].start).collect()
}

/// A place word's byte span, for [`overlapping`].
fn place_bounds(place: &PlaceSpan) -> (usize, usize) {
    (place.start, place.end)
}

/// A place word covers the whole span: "East China", "European Union".
fn covered_by_places(places: &[PlaceSpan], start: usize, end: usize) -> bool {
    overlapping(places, place_bounds, start, end).iter().any(|p| p.start <= start && p.end >= end)
}

/// The first country named inside a span; a combining form only when no other is.
fn country_in(places: &[PlaceSpan], start: usize, end: usize) -> Option<String> {
    let near = overlapping(places, place_bounds, start, end);
    let inside = || near.iter().filter(move |p| p.start >= start && p.end <= end && p.country.is_some());
    inside().find(|p| !p.prefix).or_else(|| inside().next()).and_then(|p| p.country.clone())
}

/// A capitalised name word; "New York-listed", "Shenzhen-based" are adjectives.
fn is_name_word(word: &str) -> bool {
    let last_part = word.rsplit('-').next().unwrap_or(word);
    word.chars().next().is_some_and(char::is_uppercase) && !last_part.chars().next().is_some_and(char::is_lowercase)
}

/// "WeWork", "MarketAxess": capitalised parts run together ("We"+"Work"), not a
/// surname's opening (`surname_prefixes.txt`: "McDonald"), nor a random code ("XpXUJuYiAc").
fn is_camel_case(word: &str, surname_prefixes: &[String]) -> bool {
    if surname_prefixes.iter().any(|p| word.starts_with(p.as_str())) {
        return false;
    }
    let mut parts = 0;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_uppercase() {
            return false;
        }
        let mut lower = 0;
        while chars.peek().is_some_and(|c| c.is_lowercase()) {
            chars.next();
            lower += 1;
        }
        if lower < 1 {
            return false;
        }
        parts += 1;
    }
    parts >= 2 && word.chars().count() >= 5
}

/// Whether `text` defines `acronym` in brackets after a long form: "Attorney General (NYAG)".
fn defined_in_brackets(text: &str, acronym: &str) -> bool {
    text.match_indices(acronym).any(|(at, _)| text[..at].ends_with(" (") && text[at + acronym.len()..].starts_with(')'))
}

/// Initials of an organisation: two to six capitals ("ECB", "PLO"), no other letter.
fn is_acronym(word: &str) -> bool {
    (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// "WHO" for "World Health Organization": the initials of the name's capitalised words.
fn is_acronym_of(acronym: &str, name: &str) -> bool {
    let letters: String = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let initials: String =
        name.split([' ', '-']).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    initials == letters || (initials.len() > letters.len() && initials.starts_with(&letters))
}

/// "CEI" for "Italian Episcopal Conference", "UAAR" for "Union of Rationalist Atheists
/// and Agnostics": the initials of the name's capitalised words, in any order, as the
/// initials of a name in another language are. Two to six capitals, no other letter.
fn initials_in_any_order(acronym: &str, name: &str) -> bool {
    if !(2..=6).contains(&acronym.len()) || !acronym.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return false;
    }
    let mut letters: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
    let mut initials: Vec<char> =
        name.split([' ', '-']).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
    letters.sort_unstable();
    initials.sort_unstable();
    letters.len() >= 2 && letters == initials
}

/// The key organisations are grouped by: case-folded, no leading "the", no dots.
fn normalise(name: &str) -> String {
    let lower = name.to_lowercase().replace('.', "");
    lower.strip_prefix("the ").unwrap_or(&lower).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs(text: &str) -> Vec<(String, OrganizationType, Option<String>, Vec<String>)> {
        let extractor = OrganizationsExtractor::new(&Rules::embedded());
        let mut record = Record { text: text.to_string(), ..Record::default() };
        extractor.extract(&mut record);
        for m in record.organizations.iter().flat_map(|o| &o.mentions) {
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(slice, m.text, "offsets hold");
        }
        record
            .organizations
            .into_iter()
            .map(|o| (o.name, o.kind, o.country, o.mentions.into_iter().map(|m| m.text).collect()))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        orgs(text).into_iter().map(|(n, ..)| n).collect()
    }

    #[test]
    fn the_seed_organisations() {
        let text = "Supported by the Norwegian Embassy in China and the Norwegian National Agency for Innovation, \
                    the Sino-Norway Center for International Cooperation is now under construction. In the future, \
                    the Sino-Norway Marine Innovation Center will open in Yantai, East China.";
        let found = orgs(text);
        let names: Vec<&str> = found.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Norwegian Embassy in China",
                "Norwegian National Agency for Innovation",
                "Sino-Norway Center for International Cooperation",
                "Sino-Norway Marine Innovation Center"
            ]
        );
        assert_eq!(found[0].1, OrganizationType::Embassy);
        assert_eq!(found[0].2.as_deref(), Some("NO"));
        assert_eq!(found[2].1, OrganizationType::Center);
    }

    #[test]
    fn heads_possessives_and_persons() {
        assert_eq!(names("South Dakota's Department of Social Services said"), ["Department of Social Services"]);
        assert_eq!(names("the U.S. Securities and Exchange Commission"), ["U.S. Securities and Exchange Commission"]);
        assert!(names("President Donald Trump and Mr Wang met. Since then, East China grew.").is_empty());
        assert_eq!(names("He studied at Tufts University in Boston."), ["Tufts University"]);
        assert!(names("its founder, Adam Neumann, sold Neumann's shares").is_empty(), "a surname with a cue");
        assert_eq!(names("It sold Ascom shares."), ["Ascom"]);
        assert_eq!(names("Sierra Nevada Corporation and SpaceX won"), ["Sierra Nevada Corporation", "SpaceX"]);
        assert_eq!(names("said Founder of Ceres Robotics Inc. John Doe"), ["Ceres Robotics Inc."]);
    }

    #[test]
    fn news_outlets_are_media() {
        let found = orgs("The Pittsburgh Post-Gazette and Rolling Stone reported it first.");
        let kinds: Vec<(&str, OrganizationType)> = found.iter().map(|(n, k, ..)| (n.as_str(), *k)).collect();
        assert_eq!(
            kinds,
            [("Pittsburgh Post-Gazette", OrganizationType::Media), ("Rolling Stone", OrganizationType::Media)]
        );
    }

    #[test]
    fn listed_names_match_with_either_apostrophe() {
        let found = orgs("Shoppers at Macy’s and Macy's stores spent more.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].3, ["Macy’s", "Macy's"]);
    }

    #[test]
    fn known_names_acronyms_and_short_forms() {
        let found = orgs("The World Health Organization (WHO) said the WHO would act. Apple and Reuters agreed.");
        assert_eq!(found[0].0, "World Health Organization");
        assert_eq!(found[0].3, ["World Health Organization", "WHO", "WHO"]);
        let found = orgs("SoftBank Group Corp owns WeWork. SoftBank said MarketAxess shares rose.");
        let names: Vec<&str> = found.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(names, ["SoftBank Group Corp", "WeWork", "MarketAxess"]);
        assert_eq!(found[0].3, ["SoftBank Group Corp", "SoftBank"]);
    }

    #[test]
    fn heads_that_open_a_name() {
        let found = names("Banco Santander and the Partido Popular met the Ministerio de Salud Pública in Madrid.");
        assert_eq!(found, ["Banco Santander", "Partido Popular", "Ministerio de Salud Pública"]);
        assert_eq!(orgs("He joined Universidad de Chile.")[0].1, OrganizationType::University);
        // A leading head alone names no one; an English word that opens phrases is no head.
        assert!(names("It was a Banco. Real GDP rose.").is_empty(), "{:?}", names("It was a Banco. Real GDP rose."));
    }

    #[test]
    fn initials_in_brackets_in_another_language_order() {
        // Unione degli Atei e degli Agnostici Razionalisti.
        let found = orgs("The Union of Rationalist Atheists and Agnostics (UAAR) objected. Later UAAR said no.");
        assert_eq!(found[0].0, "Union of Rationalist Atheists and Agnostics");
        assert_eq!(found[0].3, ["Union of Rationalist Atheists and Agnostics", "UAAR", "UAAR"]);
        let found = orgs("The head of UAAR (Union of Rationalist Atheists and Agnostics) spoke.");
        assert_eq!(found[0].3, ["UAAR", "Union of Rationalist Atheists and Agnostics"]);
        let found = orgs("It said—UAAR (Union of Rationalist Atheists and Agnostics) spoke.");
        assert_eq!(found[0].3, ["UAAR", "Union of Rationalist Atheists and Agnostics"], "after a wide character");
        // A dateline is no acronym of the agency after it, nor a ticker of the company.
        let found = orgs("NEW YORK (Reuters) - Oil fell. Peer Lowe's (LOW) fell too.");
        let mentions: Vec<&String> = found.iter().flat_map(|(.., m)| m).collect();
        assert!(!mentions.iter().any(|m| *m == "YORK" || *m == "LOW"), "{mentions:?}");
    }

    #[test]
    fn a_head_after_the_names_the_one_organisation_that_holds_it() {
        let found = orgs("The Australian League of Rights was formed in 1960. The League describes itself as loyal.");
        assert_eq!(found[0].3, ["Australian League of Rights", "League"]);
        // Two organisations with the head: "the Court" is neither's.
        let found = orgs("The Supreme Court and the Constitutional Court differ. The Court ruled.");
        assert!(found.iter().all(|(.., m)| m.len() == 1), "{found:?}");
        // A longer name of its own, and a legal ending, are no short forms.
        let found = orgs("Acme Widgets Corporation grew. The Corporation of London did not.");
        assert!(found.iter().all(|(.., m)| !m.contains(&"Corporation".to_string())), "{found:?}");
    }

    #[test]
    fn a_town_that_opens_with_a_sentence_opener() {
        assert_eq!(names("The owner of the New York Daily News sold it."), ["New York Daily News"]);
        assert_eq!(names("New Daily News staff met."), ["Daily News"]);
    }

    #[test]
    fn a_listed_name_that_opens_with_its_article() {
        assert_eq!(orgs("The Guardian cited examples.")[0].3, ["Guardian"]);
        assert_eq!(names("Critics said The Guardian cited them."), ["Guardian"]);
        assert_eq!(orgs("The Guardian cited examples.")[0].1, OrganizationType::Media);
        // After a longer name with the word, "The Chronicle" is that name's.
        let found = orgs("The San Francisco Chronicle ran it. The Chronicle says so.");
        assert_eq!(found.len(), 1, "{found:?}");
        // "The" before a form that needs context stays an article.
        assert!(names("The Sun rose over the hills.").is_empty());
    }

    #[test]
    fn a_town_and_a_capitalised_plural_name_a_team() {
        let found = orgs("The Boston Bruins beat the New York Islanders 3-2. The Bruins led early.");
        assert_eq!(found[0].0, "Boston Bruins");
        assert_eq!(found[0].3, ["Boston Bruins", "Bruins"]);
        assert_eq!(found[1].0, "New York Islanders");
        // Landforms, events, party members, persons named like towns: no teams.
        for text in [
            "They saw Niagara Falls.",
            "He went to the Tokyo Games.",
            "Virginia Democrats won.",
            "Investor George Soros spoke.",
        ] {
            assert!(!names(text).iter().any(|n| n.contains(' ')), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn teams_inside_longer_runs_and_coordinations() {
        // A team before "of" and after "and", inside one capitalised run.
        let found =
            names("He joined the Vancouver Canucks of the PCHL, then Toronto Maple Leafs and Chicago Blackhawks.");
        for team in ["Vancouver Canucks", "Toronto Maple Leafs", "Chicago Blackhawks"] {
            assert!(found.iter().any(|n| n == team), "{team}: {found:?}");
        }
        // Before "and", a part is a team only when the part after it is one too.
        let found = names("The Hong Kong Human Rights and Democracy Act passed.");
        assert!(!found.iter().any(|n| n == "Hong Kong Human Rights"), "{found:?}");
    }

    #[test]
    fn name_abbreviations_and_teams_after_a_league() {
        // "St." keeps its dot inside a name; a league's "for ..." stops at a team; the
        // "the" before the first team stands for the team coordinated with it, even
        // when that team's town is also a given name.
        let found = names("He played in the American Hockey League for the St. Louis Eagles and Boston Bruins.");
        assert_eq!(found, ["American Hockey League", "St. Louis Eagles", "Boston Bruins"]);
        // A sentence that ends on an abbreviation is not glued to the next one.
        let found = names("The shop is on Main St. The Boston Globe reported it.");
        assert!(found.iter().all(|n| !n.contains("St.")), "{found:?}");
    }

    #[test]
    fn listed_companies_of_other_exchanges() {
        let found = orgs("Shares of Glencore fell while Sandvik and Adyen rose.");
        let names: Vec<&str> = found.iter().map(|(n, ..)| n.as_str()).collect();
        assert_eq!(names, ["Glencore", "Sandvik", "Adyen"]);
        assert_eq!(found[1].2.as_deref(), Some("SE"));
        assert_eq!(found[2].2.as_deref(), Some("NL"));
    }

    #[test]
    fn political_parties_and_their_cues() {
        let found = orgs("Voters backed Alternative for Germany in the east, and the Five Star Movement gained.");
        let got: Vec<(&str, Option<&str>)> = found.iter().map(|(n, _, c, _)| (n.as_str(), c.as_deref())).collect();
        assert_eq!(got, [("Alternative for Germany", Some("DE")), ("Five Star Movement", Some("IT"))]);
        // Short initials need a political cue; a faith's name is no party.
        assert!(names("ANEL is a word here.").is_empty());
        assert_eq!(names("He is a leader of ANEL now."), ["ANEL"]);
        assert!(names("She is one of the first Muslim women elected.").is_empty());
        // The gazetteer's initials in brackets after the name, though they are no initials of it.
        let found = orgs("Independent Greeks (ANEL) left. ANEL said so.");
        assert_eq!(found[0].3, ["Independent Greeks", "ANEL", "ANEL"]);
    }

    #[test]
    fn public_bodies_by_name_and_initials() {
        // A body with no head word and its initials, from the public-bodies list, with its country.
        let found = orgs("HMRC said it would pursue the claims, and Bundeskartellamt fined the firm.");
        let got: Vec<(&str, Option<&str>)> = found.iter().map(|(n, _, c, _)| (n.as_str(), c.as_deref())).collect();
        assert_eq!(got, [("HMRC", Some("GB")), ("Bundeskartellamt", Some("DE"))]);
        // An office a person holds is no body; a name many countries share names no country.
        assert!(names("Minister of Education Stefania Giannini said so.").is_empty());
        let found = orgs("Agents of Customs and Border Protection said so.");
        let got: Vec<(&str, Option<&str>)> = found.iter().map(|(n, _, c, _)| (n.as_str(), c.as_deref())).collect();
        assert_eq!(got, [("Customs and Border Protection", None)]);
    }

    #[test]
    fn initials_after_the_that_stand_as_a_name() {
        assert_eq!(names("It faces a review by the NHL, and the NHL said so."), ["NHL"]);
        assert_eq!(names("Advocates urge the PUC to act."), ["PUC"]);
        // A thing's initials, a modifier anywhere in the text, a longer name, a numeral.
        for text in [
            "The CEO said the SUV sold well.",
            "The SLS will fly. The SLS rocket is late.",
            "He sat through the QRVT Finals.",
            "He was the XVI in line.",
            "They connect the HDMI port.",
        ] {
            assert!(names(text).is_empty(), "{text}: {:?}", names(text));
        }
    }

    #[test]
    fn gazetteer_names_with_the_evidence_they_need() {
        let found = orgs("Real Madrid beat Sevilla, and Roku shares rose while Wells Fargo Bank cut jobs.");
        let first: Vec<&str> = found.iter().map(|(n, ..)| n.as_str()).collect();
        assert!(first.contains(&"Real Madrid") && first.contains(&"Roku"), "{first:?}");
        assert!(!first.contains(&"Wells Fargo"), "a longer name is read by its head: {first:?}");
        // A town that is also a club's short name needs a sports or business cue.
        assert!(names("They moved to Mainz in May.").is_empty());
        assert_eq!(names("Fans saw Mainz beat them."), ["Mainz"]);
        // A given name, a title or a longer unlisted name around a form: a person, a place.
        assert!(names("The actor Harrison Ford and Mr Roku met in New York City.").is_empty());
        assert!(names("Caitlyn Smith and Kate York wrote it. York said it was new.").is_empty());
        assert!(names("the S&P 500 .SPX lost ground").is_empty(), "a ticker after a dot");
        assert_eq!(word_before("“Harrison Ford", "“Harrison ".len()), Some("Harrison"), "after a wide character");
        assert_eq!(word_before("—Ford", "—".len()), None);
    }

    #[test]
    fn initials_with_a_context_cue_are_organisations() {
        let found = orgs("Officials said the DEA says the border is busy. A spokesman for the PLO agreed.");
        let found: Vec<(&str, OrganizationType)> = found.iter().map(|(n, k, ..)| (n.as_str(), *k)).collect();
        assert_eq!(found, [("DEA", OrganizationType::Other), ("PLO", OrganizationType::Other)]);
        assert!(names("It cost 5 USD said nobody.").is_empty(), "a currency code is no organisation");
        assert!(
            names("The gross domestic product (GDP) grew. Analysts said the GDP says little.").is_empty(),
            "initials the text defines are what their long form is"
        );
    }

    #[test]
    fn products_places_and_sentence_openers_are_not_organisations() {
        assert!(names("The iPhone sold well in the European Union. Shell shocked, they left.").is_empty());
    }
}
