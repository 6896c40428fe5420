//! Parses the industry rule files under `rules/industries/`: the ISIC Rev.4 table, the
//! lexicon of industry terms with their codes (the hand-written terms, the market
//! sector names and the terms compiled from the NAICS index, merged in that order of
//! precedence), the trigger words around fields, the "-maker" suffixes, and the
//! phrases and words that are not fields.
//!
//! This module only reads and checks the files (every lexicon code must be an ISIC
//! code); matching them is the industries extractor's job (`extract::industries`).

use foldhash::{HashMap, HashMapExt, HashSet};

use super::{RulesError, columns, entries, parse_error};

/// One ISIC Rev.4 code with its official title and parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsicCode {
    pub title: String,
    pub parent: Option<String>,
}

/// One lexicon term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndustryTerm {
    pub text: String,
    /// None for a field that no ISIC level holds honestly ("consumer staples"): written
    /// `-` in the file.
    pub isic4: Option<String>,
    /// Names a field by itself ("automakers"), not only next to a trigger ("wine").
    pub field: bool,
}

/// How a trigger marks the fields around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    /// A list of fields follows: "industries such as".
    ListAfter,
    /// The field stands before it, with or without a lexicon term: "industry", "sector".
    HeadStrong,
    /// The field stands before it and must be a lexicon term: "companies", "giant".
    HeadWeak,
    /// A list of lexicon terms follows: "a maker of", "a provider of".
    OfAfter,
}

/// Rules for the industries extractor.
#[derive(Debug, Clone, Default)]
pub struct IndustryRules {
    /// ISIC Rev.4 by code.
    pub isic: HashMap<String, IsicCode>,
    pub terms: Vec<IndustryTerm>,
    /// Trigger phrases (lower case) and their kind.
    pub triggers: Vec<(String, TriggerKind)>,
    /// Phrases that are not fields (lower case): "cultural exchanges".
    pub not_industries: Vec<String>,
    /// Words that are never a field by themselves (lower case): "many", "the".
    pub not_field_words: HashSet<String>,
    /// Words that end a list of fields (lower case).
    pub list_stops: HashSet<String>,
    /// Words that open a list item without being part of it ("and", "the"), lower case.
    pub item_openers: Vec<String>,
    /// Suffixes that make a product word a field ("maker": "chipmaker", "toy-maker").
    pub maker_suffixes: Vec<String>,
}

/// `industries/isic4.tsv`: code, level, title, parent.
pub(super) fn parse_isic(file: &str, text: &str) -> Result<HashMap<String, IsicCode>, RulesError> {
    let mut out = HashMap::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 3)?;
        let parent = cols.get(3).filter(|p| !p.is_empty()).map(|p| p.to_string());
        out.insert(cols[0].to_string(), IsicCode { title: cols[2].to_string(), parent });
    }
    Ok(out)
}

/// `industries/terms.tsv` (and the other lexicons): term, ISIC code or `-`, field or
/// trigger.
pub(super) fn parse_terms(file: &str, text: &str) -> Result<Vec<(usize, IndustryTerm)>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 3)?;
        let field = match cols[2] {
            "field" => true,
            "trigger" => false,
            _ => return Err(parse_error(file, line, "use must be field or trigger")),
        };
        let isic4 = (cols[1] != "-").then(|| cols[1].to_string());
        out.push((line, IndustryTerm { text: cols[0].to_string(), isic4, field }));
    }
    Ok(out)
}

/// Keeps the terms whose code is in the ISIC table (or that have none); an unknown
/// code is an error.
pub(super) fn check_terms(
    file: &str,
    isic: &HashMap<String, IsicCode>,
    terms: Vec<(usize, IndustryTerm)>,
) -> Result<Vec<IndustryTerm>, RulesError> {
    terms
        .into_iter()
        .map(|(line, term)| {
            if term.isic4.as_ref().is_none_or(|code| isic.contains_key(code)) {
                Ok(term)
            } else {
                Err(parse_error(file, line, "code not in industries/isic4.tsv"))
            }
        })
        .collect()
}

/// The lexicons merged in order of precedence: a term (in any casing) that an earlier
/// lexicon holds is left out of the later ones, so hand-written terms win over
/// compiled ones.
pub(super) fn merge_lexicons(lexicons: Vec<Vec<IndustryTerm>>) -> Vec<IndustryTerm> {
    let mut seen = HashSet::default();
    lexicons.into_iter().flatten().filter(|term| seen.insert(term.text.to_lowercase())).collect()
}

/// Whether `code` lies in ISIC section C (manufacturing): the codes whose products
/// take a "-maker" suffix.
pub fn is_manufacturing(isic: &HashMap<String, IsicCode>, code: &str) -> bool {
    let mut code = code;
    // The parent chain is at most four steps; the bound guards a cyclic table.
    for _ in 0..8 {
        match isic.get(code).and_then(|c| c.parent.as_deref()) {
            Some(parent) => code = parent,
            None => return code == "C",
        }
    }
    false
}

/// `industries/triggers.tsv`: trigger, kind.
pub(super) fn parse_triggers(file: &str, text: &str) -> Result<Vec<(String, TriggerKind)>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let kind = match cols[1] {
            "list_after" => TriggerKind::ListAfter,
            "head_strong" => TriggerKind::HeadStrong,
            "head_weak" => TriggerKind::HeadWeak,
            "of_after" => TriggerKind::OfAfter,
            _ => return Err(parse_error(file, line, "kind must be list_after, head_strong, head_weak or of_after")),
        };
        out.push((cols[0].to_lowercase(), kind));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_must_carry_known_codes() {
        let isic = parse_isic("i", "C\tsection\tManufacturing\n1102\tclass\tManufacture of wines\t110\n").unwrap();
        assert_eq!(isic["1102"].parent.as_deref(), Some("110"));
        let terms = parse_terms("t", "wine\t1102\ttrigger\nsteel\t241\ttrigger\n").unwrap();
        let err = check_terms("t", &isic, terms).unwrap_err();
        assert_eq!(err.to_string(), "t:2: code not in industries/isic4.tsv");
        assert!(parse_terms("t", "wine\t1102\tsometimes\n").is_err());
        let uncoded = parse_terms("t", "consumer staples\t-\tfield\n").unwrap();
        assert_eq!(uncoded[0].1.isic4, None);
        assert_eq!(check_terms("t", &isic, uncoded).unwrap().len(), 1);
        assert!(parse_triggers("g", "industry\thead\n").is_err());
        assert_eq!(parse_triggers("g", "a maker of\tof_after\n").unwrap()[0].1, TriggerKind::OfAfter);
    }

    #[test]
    fn earlier_lexicons_win() {
        let term = |text: &str, code: &str| IndustryTerm { text: text.into(), isic4: Some(code.into()), field: false };
        let merged = merge_lexicons(vec![vec![term("steel", "241")], vec![term("Steel", "2410"), term("tin", "2420")]]);
        assert_eq!(merged, vec![term("steel", "241"), term("tin", "2420")]);
    }

    #[test]
    fn manufacturing_is_found_through_parents() {
        let isic = parse_isic("i", "C\tsection\tM\n\n26\tdivision\tX\tC\n2610\tclass\tY\t26\nJ\tsection\tI\n").unwrap();
        assert!(is_manufacturing(&isic, "2610"));
        assert!(is_manufacturing(&isic, "C"));
        assert!(!is_manufacturing(&isic, "J"));
        assert!(!is_manufacturing(&isic, "9999"));
    }
}
