//! Parses the organisation rule files under `rules/orgs/`: head words with their type,
//! well-known organisations with aliases, the connectors inside names, the words that
//! do not begin a name, person titles, and the context cues around a name.
//!
//! This module only reads and checks the files; the name grammar that uses them is
//! `extract::organizations`. All texts are kept as written: capitals are the evidence.

use foldhash::{HashMap, HashMapExt, HashSet};

use super::{RulesError, columns, entries, parse_error};
use crate::record::OrganizationType;

/// A head word's type, and whether it may take "in" + a place ("Embassy in China").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub kind: OrganizationType,
    pub takes_place: bool,
    /// The head opens the name and the words after it complete it, as in the
    /// languages that put the head first ("Banco Santander", "Partido Popular").
    pub leading: bool,
}

/// One well-known organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownOrg {
    pub name: String,
    pub kind: OrganizationType,
    /// ISO 3166-1 alpha-2 when the name carries a country.
    pub country: Option<String>,
    pub aliases: Vec<String>,
    /// Also an everyday word or surname: not taken at a sentence start.
    pub common: bool,
    /// Forms (the name or aliases) that are also an everyday word, a given name or
    /// a place: a gazetteer entry is taken by one of these only with context.
    pub context_forms: Vec<String>,
    /// Its line in `orgs/known.tsv`, for errors found after parsing.
    pub line: usize,
}

/// Rules for the organisations extractor.
#[derive(Debug, Clone, Default)]
pub struct OrgRules {
    /// Head words (one or two words, as written).
    pub heads: HashMap<String, Head>,
    pub known: Vec<KnownOrg>,
    pub connectors: HashSet<String>,
    pub not_names: HashSet<String>,
    pub person_titles: HashSet<String>,
    /// Words right after a name that mark it as an organisation ("shares", "CEO").
    pub cues_after: HashSet<String>,
    /// Words right before a name that mark it as an organisation ("shares of").
    pub cues_before: Vec<String>,
    /// Capitalised words that are products or platforms, never organisations ("iPhone").
    pub not_orgs: HashSet<String>,
    /// Possessives that belong inside names ("People's"), with a straight apostrophe.
    pub possessive_names: HashSet<String>,
    /// Words that end a company's name in law ("Inc.", "Group").
    pub legal_suffixes: HashSet<String>,
    /// Abbreviations that keep their dot inside a name ("St.", "Mt."; `orgs/name_abbreviations.txt`).
    pub name_abbreviations: HashSet<String>,
    /// Surname openings with an inner capital ("Mc", "De"), not brands.
    pub surname_prefixes: Vec<String>,
    /// Organisations compiled from open lists (`orgs/gazetteer/*.tsv`), looked up by
    /// their forms in capitalised runs rather than searched for everywhere.
    pub listed: Vec<KnownOrg>,
    /// Phrases right before a name that make an everyday-word form an organisation.
    pub context_before: Vec<String>,
    /// Phrases right after a name (or its "'s") that do the same.
    pub context_after: Vec<String>,
    /// Given names: a name right after one is a person's surname.
    pub given_names: HashSet<String>,
    /// Initials that after "the" stand for a thing, not an organisation (`orgs/not_org_initials.txt`).
    pub not_org_initials: HashSet<String>,
    /// Words that may follow initials naming an organisation (`orgs/after_initials.txt`).
    pub after_initials: HashSet<String>,
    /// Towns, cities and their states (`places/cities.txt`): a place's name before a
    /// capitalised plural is a team's ("Boston Bruins").
    pub cities: HashSet<String>,
    /// Plurals after a place's name that make no team (`orgs/not_team_names.txt`):
    /// "Falls", "Islands", "Games".
    pub not_team_names: HashSet<String>,
}

/// Parses a type name of the record's closed list.
pub fn parse_type(name: &str) -> Option<OrganizationType> {
    Some(match name {
        "government" => OrganizationType::Government,
        "embassy" => OrganizationType::Embassy,
        "company" => OrganizationType::Company,
        "university" => OrganizationType::University,
        "ngo" => OrganizationType::Ngo,
        "international" => OrganizationType::International,
        "center" => OrganizationType::Center,
        "media" => OrganizationType::Media,
        "other" => OrganizationType::Other,
        _ => return None,
    })
}

const TYPE_ERROR: &str =
    "type must be government, embassy, company, university, ngo, international, center, media or other";

/// `orgs/heads.tsv`: word, type, optional `place` flag.
pub(super) fn parse_heads(file: &str, text: &str) -> Result<HashMap<String, Head>, RulesError> {
    let mut out = HashMap::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let kind = parse_type(cols[1]).ok_or_else(|| parse_error(file, line, TYPE_ERROR))?;
        let (takes_place, leading) = match cols.get(2).copied().unwrap_or("") {
            "" => (false, false),
            "place" => (true, false),
            "leading" => (false, true),
            _ => return Err(parse_error(file, line, "the flag is place or leading")),
        };
        out.insert(cols[0].to_string(), Head { kind, takes_place, leading });
    }
    Ok(out)
}

/// `orgs/known.tsv`: name, type, country, aliases, flags.
pub(super) fn parse_known(file: &str, text: &str) -> Result<Vec<KnownOrg>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let kind = parse_type(cols[1]).ok_or_else(|| parse_error(file, line, TYPE_ERROR))?;
        let country = cols.get(2).filter(|c| !c.is_empty()).map(|c| c.to_string());
        if country.as_ref().is_some_and(|c| c.len() != 2) {
            return Err(parse_error(file, line, "country must be an ISO 3166-1 alpha-2 code"));
        }
        let aliases =
            cols.get(3).map(|a| a.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect());
        let common = match cols.get(4).copied().unwrap_or("") {
            "" => false,
            "common" => true,
            _ => return Err(parse_error(file, line, "the only flag is common")),
        };
        let context_forms = cols
            .get(5)
            .map(|a| a.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect())
            .unwrap_or_default();
        out.push(KnownOrg {
            name: cols[0].to_string(),
            kind,
            country,
            aliases: aliases.unwrap_or_default(),
            common,
            context_forms,
            line,
        });
    }
    Ok(out)
}

/// `orgs/gazetteer/*.tsv`: the columns of `known.tsv` and the forms taken only with
/// context; every context form must be the name or one of its aliases.
pub(super) fn parse_listed(file: &str, text: &str) -> Result<Vec<KnownOrg>, RulesError> {
    let listed = parse_known(file, text)?;
    for org in &listed {
        if let Some(form) = org.context_forms.iter().find(|f| **f != org.name && !org.aliases.contains(f)) {
            return Err(parse_error(file, org.line, &format!("context form {form:?} is not the name or an alias")));
        }
    }
    Ok(listed)
}

/// `orgs/context_cues.tsv`: side (`before` or `after`) and phrase.
pub(super) fn parse_context_cues(file: &str, text: &str, rules: &mut OrgRules) -> Result<(), RulesError> {
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        match cols[0] {
            "before" => rules.context_before.push(cols[1].to_string()),
            "after" => rules.context_after.push(cols[1].to_string()),
            _ => return Err(parse_error(file, line, "side must be before or after")),
        }
    }
    Ok(())
}

/// Every known organisation's country must be one of `places/countries.tsv`.
/// The error names the organisation's line in `file`.
pub(super) fn check_countries(
    file: &str,
    known: &[KnownOrg],
    countries: &[super::places::CountryInfo],
) -> Result<(), RulesError> {
    // A set, not a scan of the ~250 countries per row: the gazetteers have tens of thousands.
    let codes: HashSet<&str> = countries.iter().map(|c| c.iso2.as_str()).collect();
    for org in known {
        let Some(code) = org.country.as_deref() else { continue };
        if !codes.contains(code) {
            return Err(parse_error(file, org.line, &format!("country {code} is not in places/countries.tsv")));
        }
    }
    Ok(())
}

/// A `.txt` list kept as written.
pub(super) fn verbatim_set(text: &str) -> HashSet<String> {
    entries(text).map(|(_, line)| line.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_known_organisations_parse() {
        let heads = parse_heads("h", "Embassy\tembassy\tplace\nBank\tcompany\nBanco\tcompany\tleading\n").unwrap();
        assert!(heads["Embassy"].takes_place && !heads["Bank"].takes_place);
        assert!(heads["Banco"].leading && !heads["Bank"].leading && !heads["Embassy"].leading);
        assert!(parse_heads("h", "Banco\tcompany\tfirst\n").is_err());
        assert!(parse_heads("h", "Bank\tbusiness\n").is_err());
        let known = parse_known("k", "United Nations\tinternational\t\tUN|U.N.\nShell\tcompany\t\t\tcommon\n").unwrap();
        assert_eq!(known[0].aliases, ["UN", "U.N."]);
        assert!(known[1].common);
        let listed = parse_listed("g", "Apple\tcompany\tUS\tApple Inc.\t\tApple\n").unwrap();
        assert_eq!(listed[0].context_forms, ["Apple"]);
        assert!(parse_listed("g", "Apple\tcompany\t\t\t\tPear\n").is_err(), "a context form must be a form");
        let mut rules = OrgRules::default();
        parse_context_cues("c", "before\tshares of\nafter\tbeat\n", &mut rules).unwrap();
        assert_eq!((rules.context_before.len(), rules.context_after.len()), (1, 1));
        assert!(parse_context_cues("c", "beside\tx\n", &mut rules).is_err());
        assert_eq!(
            parse_known("k", "X\tcompany\tNOR\n").unwrap_err().to_string(),
            "k:1: country must be an ISO 3166-1 alpha-2 code"
        );
    }
}
