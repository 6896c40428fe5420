//! The article record (`gleaner.article/1`) and the error record (`gleaner.error/1`).
//!
//! These types are the contract with downstream users and scorers, spelled exactly
//! as `spec/record.md` names the fields. The JSON Schema in
//! `schema/article.schema.json` is generated from them (`gleaner schema`) and a test
//! keeps the two in step. Fields may be added; names and meanings do not change
//! without a new schema version.
//!
//! This module only describes data: no stage logic lives here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

/// The value of `schema` in every article record.
pub const ARTICLE_SCHEMA: &str = "gleaner.article/1";
/// The value of `schema` in every error record.
pub const ERROR_SCHEMA: &str = "gleaner.error/1";

/// Where the published schemas live; their `$id`s are this base and the file name.
pub const SCHEMA_BASE_URI: &str = "https://gleaner.invalid/schema/";
/// A full date, `YYYY-MM-DD` (the `date` format checks the calendar).
const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// An RFC 3339 date-time with its offset (the `date-time` format checks the calendar).
const DATE_TIME_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

/// One article: its source, metadata, main text and the facts found in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "gleaner article record")]
pub struct Record {
    /// Always `gleaner.article/1`.
    #[schemars(extend("const" = ARTICLE_SCHEMA))]
    pub schema: String,
    /// Stable id: hash of the canonical URL when known (tracking parameters and
    /// fragment removed), else of the raw content; 32 lower-case hex digits.
    #[schemars(extend("pattern" = "^[0-9a-f]{32}$"))]
    pub id: String,
    /// Where the article came from.
    pub source: Source,
    /// Canonical URL (`<link rel=canonical>`, `og:url`, or the fetched URL), as
    /// the page states it.
    #[schemars(extend("format" = "uri"))]
    pub url: Option<String>,
    /// Registrable domain of `url`.
    pub site: Option<String>,
    /// The outlet credited in the byline area.
    pub credit: Option<String>,
    /// The article headline, without the site suffix.
    pub title: Option<String>,
    /// Bylines, when given.
    pub authors: Vec<String>,
    /// Publication date: `YYYY-MM-DD`, or an RFC 3339 instant with its UTC offset
    /// (`2023-07-25T08:30:00+08:00`) when the page gives the time and its zone.
    #[schemars(extend("anyOf" = [
        {"type": "null"},
        {"type": "string", "format": "date", "pattern": DATE_PATTERN},
        {"type": "string", "format": "date-time", "pattern": DATE_TIME_PATTERN}
    ]))]
    pub published: Option<String>,
    /// How much of `published` the page gave: `day`, `minute` or `second`; null
    /// when `published` is.
    pub published_precision: Option<DatePrecision>,
    /// Section or category.
    pub section: Option<String>,
    /// ISO 639-1 code of the main text's language (ISO 639-3 where a language
    /// has no 639-1 code).
    #[schemars(extend("pattern" = "^[a-z]{2,3}$"))]
    pub language: Option<String>,
    /// Main article text, paragraphs joined by a blank line.
    pub text: String,
    /// Image captions of the article, kept apart from `text`.
    pub captions: Vec<String>,
    /// Numbers of things.
    pub counts: Vec<Count>,
    /// Countries mentioned, in order of first mention.
    pub countries: Vec<Country>,
    /// Supranational regions mentioned.
    pub regions: Vec<Region>,
    /// Named organisations.
    pub organizations: Vec<Organization>,
    /// Industry fields and sectors mentioned.
    pub industries: Vec<Industry>,
    /// What went wrong without stopping the record.
    pub warnings: Vec<String>,
}

/// The precision of a publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A calendar day, `YYYY-MM-DD`.
    Day,
    /// An instant given to the minute (its seconds written as `00`).
    Minute,
    /// An instant given to the second.
    Second,
}

/// Where a record came from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The input file as given on the command line (or found below a given folder);
    /// `-` for standard input.
    pub path: Option<String>,
    /// The URL the page was fetched from.
    pub url: Option<String>,
    /// Archive file and record offset, for pages read from a WARC archive.
    pub warc: Option<WarcLocation>,
    /// When the page was fetched (ISO 8601).
    pub fetched_at: Option<String>,
    /// HTTP status of the fetch.
    #[schemars(range(min = 100, max = 599))]
    pub http_status: Option<u16>,
    /// SHA-256 of the raw bytes (after gzip decompression), lower-case hex.
    #[schemars(extend("pattern" = "^[0-9a-f]{64}$"))]
    pub content_sha256: Option<String>,
    /// The character encoding the bytes were decoded with (WHATWG name).
    pub encoding: Option<String>,
}

/// A record's place in a WARC archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct WarcLocation {
    /// The archive file.
    pub file: String,
    /// Byte offset of the WARC record in the file (for a gzip archive, of the gzip
    /// member it is in).
    pub offset: u64,
    /// For a record that is not the first of its gzip member (an archive
    /// compressed as one member): where it starts in the member's decompressed
    /// bytes. With `offset`, it names one record of the archive.
    /// Null otherwise. (Read as null where missing, as in outputs written before it.)
    #[serde(default)]
    pub offset_in_member: Option<u64>,
}

/// One place in `text` where an entity is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// The words as they stand in `text`.
    pub text: String,
    /// Start, in Unicode code points into `text`.
    pub start: usize,
    /// End (exclusive), in Unicode code points into `text`.
    pub end: usize,
}

/// How a count's number is hedged by the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    MoreThan,
    LessThan,
    About,
    AtLeast,
    UpTo,
}

/// A number of things: `47 cities`, `$4.69 billion`, `1.5 percent`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Count {
    /// The number (`forty-seven` gives 47, `1.2 million` gives 1200000).
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// The counted noun phrase, lower-cased and singular; an ISO 4217 code for
    /// money; `percent` for percentages.
    pub unit: String,
    /// The count as it stands in `text`.
    pub text: String,
    /// Start, in Unicode code points into `text`.
    pub start: usize,
    /// End (exclusive), in Unicode code points into `text`.
    pub end: usize,
    /// `more than`, `about`, ... or null.
    pub qualifier: Option<Qualifier>,
}

/// A country, ISO 3166-1, with every mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    #[schemars(extend("pattern" = "^[A-Z]{2}$"))]
    pub iso2: String,
    /// ISO 3166-1 alpha-3.
    #[schemars(extend("pattern" = "^[A-Z]{3}$"))]
    pub iso3: String,
    /// English short name.
    pub name: String,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// A supranational region or group of countries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Region {
    /// The region's name.
    pub name: String,
    /// UN M49 code (three digits), when the region is one of the M49 areas.
    #[schemars(extend("pattern" = "^[0-9]{3}$"))]
    pub m49: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// The kind of a named organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationType {
    Government,
    Embassy,
    Company,
    University,
    Ngo,
    International,
    Center,
    Media,
    Other,
}

/// A named organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Organization {
    /// The longest proper name as written.
    pub name: String,
    /// The kind of organisation.
    #[serde(rename = "type")]
    pub kind: OrganizationType,
    /// ISO 3166-1 alpha-2 of the organisation's country, when the name makes it clear.
    #[schemars(extend("pattern" = "^[A-Z]{2}$"))]
    pub country: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// An industry field, coded in ISIC Rev.4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Industry {
    /// The field as the text words it.
    pub name: String,
    /// ISIC Rev.4 section letter, 2-digit division, 3-digit group or 4-digit class.
    #[schemars(extend("pattern" = "^([A-U]|[0-9]{2,4})$"))]
    pub isic4: Option<String>,
    /// Official title of that ISIC level.
    pub label: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// An input that could not be turned into an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "gleaner error record")]
pub struct ErrorRecord {
    /// Always `gleaner.error/1`.
    #[schemars(extend("const" = ERROR_SCHEMA))]
    pub schema: String,
    /// What the input was.
    pub source: Source,
    /// Short machine-readable kind: `io`, `gzip`, `too_large`, `binary`,
    /// `not_html`, `empty`, `no_text`, `panic`, ...
    pub kind: String,
    /// What went wrong, for people.
    pub error: String,
    /// Requests made, for inputs fetched over HTTP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
}

/// Writes whole numbers without a fraction (`47`, not `47.0`).
fn serialize_number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    if value.fract() == 0.0 && value.abs() < EXACT_INTEGER_LIMIT {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// The JSON Schema of [`Record`], as written to `schema/article.schema.json`.
pub fn article_schema_json() -> String {
    schema_json(article_schema(), "article.schema.json")
}

/// The JSON Schema of [`ErrorRecord`], as written to `schema/error.schema.json`.
pub fn error_schema_json() -> String {
    schema_json(error_schema(), "error.schema.json")
}

/// The strict JSON Schema of [`Record`] as a value (see [`strict`]).
pub fn article_schema() -> serde_json::Value {
    strict(schemars::schema_for!(Record).to_value())
}

/// The strict JSON Schema of [`ErrorRecord`] as a value (see [`strict`]).
pub fn error_schema() -> serde_json::Value {
    strict(schemars::schema_for!(ErrorRecord).to_value())
}

fn schema_json(mut schema: serde_json::Value, file: &str) -> String {
    if let Some(root) = schema.as_object_mut() {
        // `$id` right after `$schema`, so the file reads top-down.
        let mut ordered = serde_json::Map::new();
        for (key, value) in std::mem::take(root) {
            let is_schema = key == "$schema";
            ordered.insert(key, value);
            if is_schema {
                ordered.insert("$id".into(), format!("{SCHEMA_BASE_URI}{file}").into());
            }
        }
        *root = ordered;
    }
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    out.push('\n');
    out
}

/// Makes a generated schema a contract: every object lists all its properties as
/// required (absent facts are `null` or `[]`, never missing) and allows no other
/// property. Fields that are left out when empty (`attempts` of an error
/// record) stay optional.
fn strict(mut schema: serde_json::Value) -> serde_json::Value {
    fn visit(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                    let optional = ["attempts"];
                    let required: Vec<serde_json::Value> = properties
                        .keys()
                        .filter(|k| !optional.contains(&k.as_str()))
                        .map(|k| k.clone().into())
                        .collect();
                    map.insert("required".into(), required.into());
                    map.insert("additionalProperties".into(), false.into());
                }
                map.values_mut().for_each(visit);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(visit),
            _ => {}
        }
    }
    visit(&mut schema);
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_serialise_without_fraction() {
        let count =
            Count { value: 47.0, unit: "city".into(), text: "47 cities".into(), start: 0, end: 9, qualifier: None };
        let json = serde_json::to_string(&count).unwrap();
        assert!(json.contains("\"value\":47,"), "{json}");
        let half = Count { value: 1.5, ..count };
        assert!(serde_json::to_string(&half).unwrap().contains("\"value\":1.5,"));
    }

    #[test]
    fn qualifier_and_type_names_follow_the_spec() {
        assert_eq!(serde_json::to_string(&Qualifier::MoreThan).unwrap(), "\"more_than\"");
        assert_eq!(serde_json::to_string(&OrganizationType::Ngo).unwrap(), "\"ngo\"");
    }
}

/// Checks that every span in a record names what its offsets cut from `text`
/// (in code points): the invariant every extractor keeps. The first span that
/// does not hold is the error.
pub fn check_offsets(record: &Record) -> Result<(), String> {
    let starts: Vec<usize> = record.text.char_indices().map(|(i, _)| i).chain([record.text.len()]).collect();
    let cut = |start: usize, end: usize| -> Option<&str> {
        (start <= end).then_some(())?;
        Some(&record.text[*starts.get(start)?..*starts.get(end)?])
    };
    let counts = record.counts.iter().map(|c| (c.text.as_str(), c.start, c.end));
    let mentions = record
        .countries
        .iter()
        .flat_map(|c| &c.mentions)
        .chain(record.regions.iter().flat_map(|r| &r.mentions))
        .chain(record.organizations.iter().flat_map(|o| &o.mentions))
        .chain(record.industries.iter().flat_map(|i| &i.mentions))
        .map(|m| (m.text.as_str(), m.start, m.end));
    for (text, start, end) in counts.chain(mentions) {
        if cut(start, end) != Some(text) {
            return Err(format!("{text:?} at {start}..{end} does not match the text there"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    #[test]
    fn offsets_are_checked_in_code_points() {
        let mut record = Record { text: "Café in Brazil".into(), ..Record::default() };
        record.countries.push(Country {
            iso2: "BR".into(),
            iso3: "BRA".into(),
            name: "Brazil".into(),
            mentions: vec![Mention { text: "Brazil".into(), start: 8, end: 14 }],
        });
        assert_eq!(check_offsets(&record), Ok(()));
        record.countries[0].mentions[0].start = 9;
        assert!(check_offsets(&record).is_err());
        record.countries[0].mentions[0].end = 99;
        assert!(check_offsets(&record).is_err());
    }
}
