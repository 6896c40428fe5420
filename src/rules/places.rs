//! Parses the place rule files under `rules/places/`: the country table, the words
//! that name countries, the region wordings, the phrases that block a place match
//! and the words that may stand next to a country that is also a person's name.
//!
//! This module only reads and checks the files; matching them against text is the
//! places extractor's job (`extract::places`). Texts are kept exactly as written,
//! because place matching is case-sensitive ("US" is a country, "us" is not).

use foldhash::{HashMap, HashSet};

use super::{RulesError, columns, entries, parse_error};

/// One ISO 3166-1 country as a record reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryInfo {
    pub iso2: String,
    pub iso3: String,
    /// English short name ("South Korea", "Russia").
    pub name: String,
}

/// What sort of word names a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountryWordKind {
    /// Short, official or usual name ("Norway", "PRC").
    Name,
    /// An old name of the same state ("Burma", "Swaziland").
    Former,
    /// Adjective or word for its people ("Norwegian", "Filipinos").
    Demonym,
    /// Combining form with its hyphen ("Sino-"); only counts before another word.
    Prefix,
}

/// One word or phrase that names a country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryWord {
    pub text: String,
    /// Index into [`PlaceRules::countries`].
    pub country: usize,
    pub kind: CountryWordKind,
    /// Also a person's given name or surname ("Jordan", "Chad").
    pub person: bool,
}

/// One wording of a supranational region or group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionWord {
    pub text: String,
    /// The region's name as reported ("Northern Europe").
    pub name: String,
    /// UN M49 code, when the region is an M49 area.
    pub m49: Option<String>,
}

/// Rules for the countries and regions extractor.
#[derive(Debug, Clone, Default)]
pub struct PlaceRules {
    pub countries: Vec<CountryInfo>,
    pub country_words: Vec<CountryWord>,
    pub region_words: Vec<RegionWord>,
    /// Phrases that contain a place word without mentioning the place.
    pub not_places: Vec<String>,
    /// Capitalised words that are not part of a person's name next to a `person` country word.
    pub not_name_words: HashSet<String>,
}

/// `places/countries.tsv`: iso2, iso3, name.
pub(super) fn parse_countries(file: &str, text: &str) -> Result<Vec<CountryInfo>, RulesError> {
    let mut out: Vec<CountryInfo> = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 3)?;
        if cols[0].len() != 2 || cols[1].len() != 3 {
            return Err(parse_error(file, line, "expected a 2-letter and a 3-letter code"));
        }
        if out.iter().any(|c| c.iso2 == cols[0]) {
            return Err(parse_error(file, line, "country listed twice"));
        }
        out.push(CountryInfo { iso2: cols[0].to_string(), iso3: cols[1].to_string(), name: cols[2].to_string() });
    }
    Ok(out)
}

/// A country word line before its code is checked against the country table.
#[derive(Debug, Clone)]
pub(super) struct RawCountryWord {
    line: usize,
    text: String,
    iso2: String,
    kind: CountryWordKind,
    person: bool,
}

/// `places/country_names.tsv`: text, iso2, kind, optional flags.
pub(super) fn parse_country_words(file: &str, text: &str) -> Result<Vec<RawCountryWord>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 3)?;
        let kind = match cols[2] {
            "name" => CountryWordKind::Name,
            "former" => CountryWordKind::Former,
            "demonym" => CountryWordKind::Demonym,
            "prefix" => CountryWordKind::Prefix,
            _ => return Err(parse_error(file, line, "kind must be name, former, demonym or prefix")),
        };
        if kind == CountryWordKind::Prefix && !cols[0].ends_with('-') {
            return Err(parse_error(file, line, "a prefix ends with its hyphen"));
        }
        let person = match cols.get(3).copied().unwrap_or("") {
            "" => false,
            "person" => true,
            _ => return Err(parse_error(file, line, "the only flag is person")),
        };
        out.push(RawCountryWord { line, text: cols[0].to_string(), iso2: cols[1].to_string(), kind, person });
    }
    Ok(out)
}

/// Ties country words to the country table; an unknown code is an error.
pub(super) fn resolve_country_words(
    file: &str,
    countries: &[CountryInfo],
    raw: Vec<RawCountryWord>,
) -> Result<Vec<CountryWord>, RulesError> {
    let index: HashMap<&str, usize> = countries.iter().enumerate().map(|(i, c)| (c.iso2.as_str(), i)).collect();
    raw.into_iter()
        .map(|w| {
            let country = *index
                .get(w.iso2.as_str())
                .ok_or_else(|| parse_error(file, w.line, "country code not in places/countries.tsv"))?;
            Ok(CountryWord { text: w.text, country, kind: w.kind, person: w.person })
        })
        .collect()
}

/// `places/regions.tsv`: text, name, optional M49 code.
pub(super) fn parse_region_words(file: &str, text: &str) -> Result<Vec<RegionWord>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let m49 = match cols.get(2).copied().unwrap_or("") {
            "" => None,
            code if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) => Some(code.to_string()),
            _ => return Err(parse_error(file, line, "an M49 code has three digits")),
        };
        out.push(RegionWord { text: cols[0].to_string(), name: cols[1].to_string(), m49 });
    }
    Ok(out)
}

/// A `.txt` list kept exactly as written (no lower-casing).
pub(super) fn verbatim_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    entries(text).map(|(_, line)| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_words_check_kind_flag_and_code() {
        let countries = parse_countries("c", "NO\tNOR\tNorway\n").unwrap();
        let raw = parse_country_words("w", "Norwegian\tNO\tdemonym\nJordan\tNO\tname\tperson\n").unwrap();
        let words = resolve_country_words("w", &countries, raw).unwrap();
        assert_eq!(words[0].kind, CountryWordKind::Demonym);
        assert!(words[1].person);

        let err = parse_country_words("w", "Sino\tCN\tprefix\n").unwrap_err();
        assert_eq!(err.to_string(), "w:1: a prefix ends with its hyphen");
        let raw = parse_country_words("w", "# x\nChina\tCN\tname\n").unwrap();
        let err = resolve_country_words("w", &countries, raw).unwrap_err();
        assert_eq!(err.to_string(), "w:2: country code not in places/countries.tsv");
    }

    #[test]
    fn regions_take_an_optional_m49_code() {
        let words = parse_region_words("r", "Northern Europe\tNorthern Europe\t154\nEU\tEuropean Union\n").unwrap();
        assert_eq!(words[0].m49.as_deref(), Some("154"));
        assert_eq!(words[1].m49, None);
        assert!(parse_region_words("r", "Asia\tAsia\t14x\n").is_err());
    }
}
