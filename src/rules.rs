//! Loads the rule files: the knowledge the stages use, kept as data a user can read
//! and edit.
//!
//! Every file under `rules/` is embedded in the binary. `--rules DIR` overrides
//! them file by file: `DIR/clean/drop_hints.txt` replaces the embedded
//! `clean/drop_hints.txt`, unless its first entry line is `@extend`, in which case
//! its lines are added to the embedded ones. Files are parsed and compiled once per
//! process; stages receive a shared `&Rules`.
//!
//! Formats: `.txt` files hold one entry a line; `.tsv` files hold tab-separated
//! columns. In both, `#` starts a comment line and blank lines are ignored.
//!
//! To add a rule file: add it under `rules/`, list it in [`RULE_FILES`], and parse
//! it in [`Rules::from_sources`].

use foldhash::{HashMap, HashMapExt, HashSet};
use std::path::{Path, PathBuf};

pub mod counts;
pub mod industries;
pub mod orgs;
pub mod places;

pub use counts::CountRules;
pub use industries::IndustryRules;
pub use orgs::OrgRules;
pub use places::PlaceRules;

/// Every embedded rule file, by its path relative to the rules folder.
pub const RULE_FILES: &[(&str, &str)] = &[
    ("clean/drop_tags.txt", include_str!("../rules/clean/drop_tags.txt")),
    ("clean/drop_hints.txt", include_str!("../rules/clean/drop_hints.txt")),
    ("clean/positive_hints.txt", include_str!("../rules/clean/positive_hints.txt")),
    ("clean/negative_hints.txt", include_str!("../rules/clean/negative_hints.txt")),
    ("clean/caption_hints.txt", include_str!("../rules/clean/caption_hints.txt")),
    ("clean/tag_weights.tsv", include_str!("../rules/clean/tag_weights.tsv")),
    ("clean/title_separators.tsv", include_str!("../rules/clean/title_separators.tsv")),
    ("clean/credit_prefixes.txt", include_str!("../rules/clean/credit_prefixes.txt")),
    ("clean/boilerplate_lines.txt", include_str!("../rules/clean/boilerplate_lines.txt")),
    ("clean/boilerplate_prefixes.tsv", include_str!("../rules/clean/boilerplate_prefixes.tsv")),
    ("clean/meta.tsv", include_str!("../rules/clean/meta.tsv")),
    ("clean/date_words.txt", include_str!("../rules/clean/date_words.txt")),
    ("clean/modified_words.txt", include_str!("../rules/clean/modified_words.txt")),
    ("clean/date_hints.txt", include_str!("../rules/clean/date_hints.txt")),
    ("clean/related_headings.txt", include_str!("../rules/clean/related_headings.txt")),
    ("clean/index_pages.tsv", include_str!("../rules/clean/index_pages.tsv")),
    ("clean/author_junk.txt", include_str!("../rules/clean/author_junk.txt")),
    ("clean/byline_words.tsv", include_str!("../rules/clean/byline_words.tsv")),
    ("months.tsv", include_str!("../rules/months.tsv")),
    ("weekdays.txt", include_str!("../rules/weekdays.txt")),
    ("places/countries.tsv", include_str!("../rules/places/countries.tsv")),
    ("places/country_names.tsv", include_str!("../rules/places/country_names.tsv")),
    ("places/regions.tsv", include_str!("../rules/places/regions.tsv")),
    ("places/not_places.txt", include_str!("../rules/places/not_places.txt")),
    ("places/not_name_words.txt", include_str!("../rules/places/not_name_words.txt")),
    ("counts/number_words.tsv", include_str!("../rules/counts/number_words.tsv")),
    ("counts/qualifiers.tsv", include_str!("../rules/counts/qualifiers.tsv")),
    ("counts/units.tsv", include_str!("../rules/counts/units.tsv")),
    ("counts/currencies.tsv", include_str!("../rules/counts/currencies.tsv")),
    ("counts/iso_codes.txt", include_str!("../rules/counts/iso_codes.txt")),
    ("counts/currency_names.tsv", include_str!("../rules/counts/currency_names.tsv")),
    ("counts/phrase_stops.txt", include_str!("../rules/counts/phrase_stops.txt")),
    ("counts/plurals.tsv", include_str!("../rules/counts/plurals.tsv")),
    ("counts/phrase_words.tsv", include_str!("../rules/counts/phrase_words.tsv")),
    ("counts/not_count_before.txt", include_str!("../rules/counts/not_count_before.txt")),
    ("counts/not_count_after.txt", include_str!("../rules/counts/not_count_after.txt")),
    ("industries/isic4.tsv", include_str!("../rules/industries/isic4.tsv")),
    ("industries/terms.tsv", include_str!("../rules/industries/terms.tsv")),
    ("industries/sector_names.tsv", include_str!("../rules/industries/sector_names.tsv")),
    ("industries/naics_terms.tsv", include_str!("../rules/industries/naics_terms.tsv")),
    ("industries/isic_terms.tsv", include_str!("../rules/industries/isic_terms.tsv")),
    ("industries/maker_suffixes.txt", include_str!("../rules/industries/maker_suffixes.txt")),
    ("industries/triggers.tsv", include_str!("../rules/industries/triggers.tsv")),
    ("industries/not_industries.txt", include_str!("../rules/industries/not_industries.txt")),
    ("industries/not_field_words.txt", include_str!("../rules/industries/not_field_words.txt")),
    ("industries/list_stops.txt", include_str!("../rules/industries/list_stops.txt")),
    ("orgs/heads.tsv", include_str!("../rules/orgs/heads.tsv")),
    ("orgs/known.tsv", include_str!("../rules/orgs/known.tsv")),
    ("orgs/connectors.txt", include_str!("../rules/orgs/connectors.txt")),
    ("orgs/not_names.txt", include_str!("../rules/orgs/not_names.txt")),
    ("orgs/person_titles.txt", include_str!("../rules/orgs/person_titles.txt")),
    ("orgs/cues_after.txt", include_str!("../rules/orgs/cues_after.txt")),
    ("orgs/cues_before.txt", include_str!("../rules/orgs/cues_before.txt")),
    ("orgs/not_orgs.txt", include_str!("../rules/orgs/not_orgs.txt")),
    ("orgs/possessive_names.txt", include_str!("../rules/orgs/possessive_names.txt")),
    ("orgs/legal_suffixes.txt", include_str!("../rules/orgs/legal_suffixes.txt")),
    ("orgs/surname_prefixes.txt", include_str!("../rules/orgs/surname_prefixes.txt")),
    ("orgs/context_cues.tsv", include_str!("../rules/orgs/context_cues.tsv")),
    ("orgs/given_names.txt", include_str!("../rules/orgs/given_names.txt")),
    ("places/cities.txt", include_str!("../rules/places/cities.txt")),
    ("orgs/not_team_names.txt", include_str!("../rules/orgs/not_team_names.txt")),
    ("orgs/not_org_initials.txt", include_str!("../rules/orgs/not_org_initials.txt")),
    ("orgs/after_initials.txt", include_str!("../rules/orgs/after_initials.txt")),
    ("orgs/name_abbreviations.txt", include_str!("../rules/orgs/name_abbreviations.txt")),
    ("orgs/gazetteer/companies.tsv", include_str!("../rules/orgs/gazetteer/companies.tsv")),
    ("orgs/gazetteer/universities.tsv", include_str!("../rules/orgs/gazetteer/universities.tsv")),
    ("orgs/gazetteer/clubs.tsv", include_str!("../rules/orgs/gazetteer/clubs.tsv")),
    ("orgs/gazetteer/international.tsv", include_str!("../rules/orgs/gazetteer/international.tsv")),
    ("orgs/gazetteer/media.tsv", include_str!("../rules/orgs/gazetteer/media.tsv")),
    ("orgs/gazetteer/world_companies.tsv", include_str!("../rules/orgs/gazetteer/world_companies.tsv")),
    ("orgs/gazetteer/parties.tsv", include_str!("../rules/orgs/gazetteer/parties.tsv")),
    ("orgs/gazetteer/government.tsv", include_str!("../rules/orgs/gazetteer/government.tsv")),
    ("industries/item_openers.txt", include_str!("../rules/industries/item_openers.txt")),
    ("urls/tracking_params.txt", include_str!("../rules/urls/tracking_params.txt")),
];

/// A rule file that could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("rules folder {0} is not a readable directory")]
    NotADirectory(PathBuf),
    #[error("cannot read rule file {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {message}")]
    Parse { file: String, line: usize, message: String },
    #[error("{path} is not a rule file gleaner reads (did you mean {hint}? `gleaner rules` lists them)")]
    UnknownFile { path: PathBuf, hint: String },
}

/// Metadata fields that `clean/meta.tsv` maps meta tags to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaField {
    Title,
    Url,
    Published,
    /// A last-modified date: used for `published` only when nothing else dates the page.
    Modified,
    Author,
    Section,
    SiteName,
}

impl MetaField {
    fn parse(name: &str) -> Option<MetaField> {
        Some(match name {
            "title" => MetaField::Title,
            "url" => MetaField::Url,
            "published" => MetaField::Published,
            "modified" => MetaField::Modified,
            "author" => MetaField::Author,
            "section" => MetaField::Section,
            "site_name" => MetaField::SiteName,
            _ => return None,
        })
    }
}

/// Rules for the clean stage (boilerplate removal and metadata).
#[derive(Debug, Clone, Default)]
pub struct CleanRules {
    /// Elements dropped with everything inside them.
    pub drop_tags: HashSet<String>,
    /// class/id words that mark a boilerplate block (share bars, related links...).
    pub drop_hints: HashSet<String>,
    /// class/id words that raise a block's content score.
    pub positive_hints: HashSet<String>,
    /// class/id words that lower a block's content score.
    pub negative_hints: HashSet<String>,
    /// class/id words that mark an image caption.
    pub caption_hints: HashSet<String>,
    /// Starting content score of a candidate container, by tag.
    pub tag_weights: HashMap<String, f64>,
    /// Separators between headline and site parts of a `<title>`, as they stand
    /// in it (" | ", "_"), in the order they are tried.
    pub title_separators: Vec<String>,
    /// Words before an outlet's name in a credit ("source:"), lower-cased.
    pub credit_prefixes: Vec<String>,
    /// Whole lines that are page chrome ("Advertisement", "Share this"), lower-cased.
    pub boilerplate_lines: HashSet<String>,
    /// Paragraph openings that mark chrome ("By ...", "Copyright ..."), lower-cased,
    /// each with the most words such a paragraph may have.
    pub boilerplate_prefixes: Vec<(String, usize)>,
    /// Meta tag keys (name, property or itemprop, lower-cased) per field, in priority order.
    pub meta: Vec<(MetaField, String)>,
    /// Words that introduce a visible date line ("Updated:", "Published").
    pub date_words: Vec<String>,
    /// Words that mark a date as a modification, not the publication ("updated",
    /// "aktualisiert"), in date lines and in class/id/itemprop values; lower-cased.
    pub modified_words: Vec<String>,
    /// class/id words that mark an element holding the article's date ("date",
    /// "timestamp"), lower-cased.
    pub date_hints: HashSet<String>,
    /// Headings that open a block of links to other articles, lower-cased.
    pub related_headings: HashSet<String>,
    /// Signs of an index, tag, search or home page, by kind.
    pub index_pages: IndexPageRules,
    /// Words that make an author line junk ("email", "follow"), lower-cased.
    pub author_junk: Vec<String>,
    /// The words of bylines: labels, joiners between names, class/id hints.
    pub byline: BylineWords,
}

/// The words of bylines (`clean/byline_words.tsv`), lower-cased.
#[derive(Debug, Clone, Default)]
pub struct BylineWords {
    /// Phrases that introduce the author's name at a byline's start, as words.
    pub labels: Vec<Vec<String>>,
    /// Labels that may follow a few other words ("Analysis by", "Texte et photos par").
    pub late_labels: Vec<Vec<String>>,
    /// Words between two names.
    pub joiners: HashSet<String>,
    /// Words that open a picture credit ("Foto:"): such a line names no author.
    pub credits: Vec<Vec<String>>,
    /// Phrases after a name that end it ("All articles"), as words.
    pub tails: Vec<Vec<String>>,
    /// class/id words that mark a byline element.
    pub hints: HashSet<String>,
}

/// Signs that a page is not an article (`clean/index_pages.tsv`), lower-cased.
#[derive(Debug, Clone, Default)]
pub struct IndexPageRules {
    pub article_types: HashSet<String>,
    pub listing_types: HashSet<String>,
    pub weak_types: HashSet<String>,
    pub paths: HashSet<String>,
}

/// Query parameters that track a visit (`urls/tracking_params.txt`), lower-cased:
/// removed from a URL before its record id is hashed.
#[derive(Debug, Clone, Default)]
pub struct UrlRules {
    /// Whole parameter names.
    pub tracking_names: HashSet<String>,
    /// Name prefixes (`utm_` for `utm_*`).
    pub tracking_prefixes: Vec<String>,
}

impl UrlRules {
    /// Whether a (lower-cased) parameter name tracks a visit.
    pub fn is_tracking(&self, name: &str) -> bool {
        self.tracking_names.contains(name) || self.tracking_prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }

    fn parse(text: &str) -> UrlRules {
        let mut rules = UrlRules::default();
        for (_, entry) in entries(text) {
            let entry = entry.to_lowercase();
            match entry.strip_suffix('*') {
                Some(prefix) => rules.tracking_prefixes.push(prefix.to_string()),
                None => {
                    rules.tracking_names.insert(entry);
                }
            }
        }
        rules
    }
}

/// All rules, compiled once per process.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub clean: CleanRules,
    /// Month names and abbreviations (lower-case) to month numbers.
    pub months: HashMap<String, u32>,
    /// Weekday names and abbreviations (lower-case).
    pub weekdays: HashSet<String>,
    /// Countries, regions and the words that name them.
    pub places: PlaceRules,
    /// Number words, units, currencies and hedges for counts.
    pub counts: CountRules,
    /// ISIC Rev.4, industry terms and triggers.
    pub industries: IndustryRules,
    /// Head words, known organisations and name grammar for organisations.
    pub orgs: OrgRules,
    /// What makes a URL canonical for record ids.
    pub urls: UrlRules,
}

impl Rules {
    /// The rules embedded in the binary.
    pub fn embedded() -> Rules {
        let sources = RULE_FILES.iter().map(|(name, text)| (*name, text.to_string()));
        Rules::from_sources(sources).expect("embedded rules parse (checked by tests)")
    }

    /// The embedded rules, overridden by the files of `dir` where it has them.
    /// A file in `dir` that is no rule file (a misspelt name) is an error, and
    /// so is a bad line: errors name the user's file and line, in an `@extend`
    /// file too.
    pub fn load(dir: Option<&Path>) -> Result<Rules, RulesError> {
        let Some(dir) = dir else { return Ok(Rules::embedded()) };
        if !dir.is_dir() {
            return Err(RulesError::NotADirectory(dir.to_path_buf()));
        }
        check_no_unknown_files(dir)?;
        let mut sources = Vec::with_capacity(RULE_FILES.len());
        let mut overrides = Vec::new();
        for (name, embedded) in RULE_FILES {
            let path = dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(user) => {
                    let merged = merge_override(embedded, &user);
                    overrides.push(Override { name, path: path.clone(), lines_before_user: merged.lines_before_user });
                    merged.text
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => embedded.to_string(),
                Err(source) => return Err(RulesError::Io { path, source }),
            };
            sources.push((*name, text));
        }
        Rules::from_sources(sources).map_err(|e| at_users_line(e, &overrides))
    }

    /// Parses rule files given as (relative name, content) pairs.
    pub fn from_sources<'a>(sources: impl IntoIterator<Item = (&'a str, String)>) -> Result<Rules, RulesError> {
        let mut rules = Rules::default();
        let mut country_words = Vec::new();
        // The industry lexicons in order of precedence: hand-written terms, market
        // sector names, terms compiled from the NAICS index, terms compiled from the
        // ISIC Rev.4 explanatory notes.
        let mut lexicons: [(&str, Vec<_>); 4] = Default::default();
        for (name, text) in sources {
            let clean = &mut rules.clean;
            match name {
                "clean/drop_tags.txt" => clean.drop_tags = word_set(&text),
                "clean/drop_hints.txt" => clean.drop_hints = word_set(&text),
                "clean/positive_hints.txt" => clean.positive_hints = word_set(&text),
                "clean/negative_hints.txt" => clean.negative_hints = word_set(&text),
                "clean/caption_hints.txt" => clean.caption_hints = word_set(&text),
                "clean/tag_weights.tsv" => clean.tag_weights = parse_tag_weights(name, &text)?,
                "clean/title_separators.tsv" => clean.title_separators = parse_title_separators(name, &text)?,
                "clean/credit_prefixes.txt" => {
                    clean.credit_prefixes = entries(&text).map(|(_, l)| l.to_lowercase()).collect()
                }
                "clean/boilerplate_lines.txt" => clean.boilerplate_lines = word_set(&text),
                "clean/related_headings.txt" => clean.related_headings = word_set(&text),
                "clean/index_pages.tsv" => clean.index_pages = parse_index_pages(name, &text)?,
                "clean/author_junk.txt" => clean.author_junk = entries(&text).map(|(_, l)| l.to_lowercase()).collect(),
                "clean/byline_words.tsv" => clean.byline = parse_byline_words(name, &text)?,
                "clean/date_words.txt" => clean.date_words = entries(&text).map(|(_, l)| l.to_lowercase()).collect(),
                "clean/modified_words.txt" => {
                    clean.modified_words = entries(&text).map(|(_, l)| l.to_lowercase()).collect()
                }
                "clean/date_hints.txt" => clean.date_hints = word_set(&text),
                "clean/boilerplate_prefixes.tsv" => clean.boilerplate_prefixes = parse_prefixes(name, &text)?,
                "clean/meta.tsv" => clean.meta = parse_meta(name, &text)?,
                "months.tsv" => rules.months = parse_months(name, &text)?,
                "weekdays.txt" => rules.weekdays = entries(&text).map(|(_, l)| l.to_lowercase()).collect(),
                "places/countries.tsv" => rules.places.countries = places::parse_countries(name, &text)?,
                "places/country_names.tsv" => country_words = places::parse_country_words(name, &text)?,
                "places/regions.tsv" => rules.places.region_words = places::parse_region_words(name, &text)?,
                "places/not_places.txt" => rules.places.not_places = places::verbatim_lines(&text).collect(),
                "places/not_name_words.txt" => rules.places.not_name_words = places::verbatim_lines(&text).collect(),
                "counts/number_words.tsv" => counts::parse_number_words(name, &text, &mut rules.counts)?,
                "counts/qualifiers.tsv" => rules.counts.qualifiers = counts::parse_qualifiers(name, &text)?,
                "counts/units.tsv" => rules.counts.units = counts::parse_units(name, &text)?,
                "counts/currencies.tsv" => counts::parse_currencies(name, &text, &mut rules.counts)?,
                "counts/iso_codes.txt" => counts::parse_iso_codes(name, &text, &mut rules.counts)?,
                "counts/currency_names.tsv" => counts::parse_currency_names(name, &text, &mut rules.counts)?,
                "counts/phrase_stops.txt" => rules.counts.phrase_stops = word_set(&text),
                "counts/plurals.tsv" => rules.counts.plurals = counts::parse_plurals(name, &text)?,
                "counts/phrase_words.tsv" => counts::parse_phrase_words(name, &text, &mut rules.counts)?,
                "counts/not_count_before.txt" => rules.counts.not_count_before = counts::parse_word_sequences(&text),
                "counts/not_count_after.txt" => rules.counts.not_count_after = word_set(&text),
                "industries/isic4.tsv" => rules.industries.isic = industries::parse_isic(name, &text)?,
                "industries/terms.tsv" => lexicons[0] = (name, industries::parse_terms(name, &text)?),
                "industries/sector_names.tsv" => lexicons[1] = (name, industries::parse_terms(name, &text)?),
                "industries/naics_terms.tsv" => lexicons[2] = (name, industries::parse_terms(name, &text)?),
                "industries/isic_terms.tsv" => lexicons[3] = (name, industries::parse_terms(name, &text)?),
                "industries/maker_suffixes.txt" => {
                    rules.industries.maker_suffixes = entries(&text).map(|(_, l)| l.to_lowercase()).collect()
                }
                "industries/triggers.tsv" => rules.industries.triggers = industries::parse_triggers(name, &text)?,
                "industries/not_industries.txt" => {
                    rules.industries.not_industries = entries(&text).map(|(_, l)| l.to_lowercase()).collect()
                }
                "industries/not_field_words.txt" => rules.industries.not_field_words = word_set(&text),
                "industries/list_stops.txt" => rules.industries.list_stops = word_set(&text),
                "orgs/heads.tsv" => rules.orgs.heads = orgs::parse_heads(name, &text)?,
                "orgs/known.tsv" => rules.orgs.known = orgs::parse_known(name, &text)?,
                "orgs/connectors.txt" => rules.orgs.connectors = orgs::verbatim_set(&text),
                "orgs/not_names.txt" => rules.orgs.not_names = orgs::verbatim_set(&text),
                "orgs/person_titles.txt" => rules.orgs.person_titles = orgs::verbatim_set(&text),
                "orgs/cues_after.txt" => rules.orgs.cues_after = orgs::verbatim_set(&text),
                "orgs/cues_before.txt" => rules.orgs.cues_before = entries(&text).map(|(_, l)| l.to_string()).collect(),
                "orgs/not_orgs.txt" => rules.orgs.not_orgs = orgs::verbatim_set(&text),
                "orgs/possessive_names.txt" => rules.orgs.possessive_names = orgs::verbatim_set(&text),
                "orgs/legal_suffixes.txt" => rules.orgs.legal_suffixes = orgs::verbatim_set(&text),
                "orgs/surname_prefixes.txt" => {
                    rules.orgs.surname_prefixes = entries(&text).map(|(_, l)| l.to_string()).collect()
                }
                "orgs/context_cues.tsv" => orgs::parse_context_cues(name, &text, &mut rules.orgs)?,
                "orgs/given_names.txt" => rules.orgs.given_names = orgs::verbatim_set(&text),
                "places/cities.txt" => rules.orgs.cities = orgs::verbatim_set(&text),
                "orgs/not_team_names.txt" => rules.orgs.not_team_names = orgs::verbatim_set(&text),
                "orgs/not_org_initials.txt" => rules.orgs.not_org_initials = orgs::verbatim_set(&text),
                "orgs/after_initials.txt" => rules.orgs.after_initials = orgs::verbatim_set(&text),
                "orgs/name_abbreviations.txt" => rules.orgs.name_abbreviations = orgs::verbatim_set(&text),
                _ if name.starts_with("orgs/gazetteer/") => {
                    let listed = orgs::parse_listed(name, &text)?;
                    orgs::check_countries(name, &listed, &rules.places.countries)?;
                    rules.orgs.listed.extend(listed);
                }
                "urls/tracking_params.txt" => rules.urls = UrlRules::parse(&text),
                "industries/item_openers.txt" => {
                    rules.industries.item_openers =
                        entries(&text).map(|(_, l)| format!("{} ", l.to_lowercase())).collect()
                }
                _ => {}
            }
        }
        rules.places.country_words =
            places::resolve_country_words("places/country_names.tsv", &rules.places.countries, country_words)?;
        let mut checked = Vec::new();
        for (file, terms) in lexicons {
            checked.push(industries::check_terms(file, &rules.industries.isic, terms)?);
        }
        rules.industries.terms = industries::merge_lexicons(checked);
        orgs::check_countries("orgs/known.tsv", &rules.orgs.known, &rules.places.countries)?;
        Ok(rules)
    }
}

/// A rule file as parsed: the user's text, or for `@extend` the embedded text
/// followed by the user's.
struct Merged {
    text: String,
    /// Lines of the merged text before the user's first line (0 when the user's
    /// file replaces the embedded one).
    lines_before_user: usize,
}

/// A user's file replaces the embedded one, or extends it when it starts with
/// `@extend`. The user's lines keep their order and count (the `@extend` line
/// becomes a comment), so an error's line maps back to the user's file.
fn merge_override(embedded: &str, user: &str) -> Merged {
    match entries(user).next() {
        Some((line, "@extend")) => {
            let mut text = embedded.to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            let lines_before_user = text.lines().count();
            for (i, user_line) in user.lines().enumerate() {
                text.push_str(if i + 1 == line { "# @extend" } else { user_line });
                text.push('\n');
            }
            Merged { text, lines_before_user }
        }
        _ => Merged { text: user.to_string(), lines_before_user: 0 },
    }
}

/// A rule file of the user's folder that overrides an embedded one.
struct Override {
    name: &'static str,
    path: PathBuf,
    lines_before_user: usize,
}

/// Names the user's file and line in an error about a file they override.
fn at_users_line(error: RulesError, overrides: &[Override]) -> RulesError {
    let RulesError::Parse { file, line, message } = error else { return error };
    match overrides.iter().find(|o| o.name == file) {
        Some(o) if line > o.lines_before_user => {
            RulesError::Parse { file: o.path.display().to_string(), line: line - o.lines_before_user, message }
        }
        Some(o) => RulesError::Parse {
            file: format!("{} (embedded, extended by {})", o.name, o.path.display()),
            line,
            message,
        },
        None => RulesError::Parse { file, line, message },
    }
}

/// Files of a rules folder that gleaner reads, besides the rule files: the
/// guide `rules --export` writes, and the folder's own bookkeeping.
fn is_known_extra(relative: &str) -> bool {
    relative == "README.md" || relative.split('/').any(|part| part.starts_with('.'))
}

/// Every file under `dir` must be a rule file (or [`is_known_extra`]): a
/// misspelt name would otherwise be silently ignored.
fn check_no_unknown_files(dir: &Path) -> Result<(), RulesError> {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| RulesError::Io { path: folder.clone(), source })?;
        for entry in entries {
            let path = entry.map_err(|source| RulesError::Io { path: folder.clone(), source })?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            if RULE_FILES.iter().any(|(name, _)| *name == relative) || is_known_extra(&relative) {
                continue;
            }
            return Err(RulesError::UnknownFile { path: path.clone(), hint: closest_rule_file(&relative) });
        }
    }
    Ok(())
}

/// The rule file whose name is closest to `name`, as a hint for a typo.
fn closest_rule_file(name: &str) -> String {
    let distance = |a: &str, b: &str| -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut previous = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let substitution = previous + usize::from(ca != *cb);
                previous = row[j + 1];
                row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
            }
        }
        row[b.len()]
    };
    RULE_FILES.iter().map(|(n, _)| *n).min_by_key(|n| distance(name, n)).unwrap_or_default().to_string()
}

/// The entry lines of a rule file with their 1-based line numbers, trimmed.
fn entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

fn parse_byline_words(file: &str, text: &str) -> Result<BylineWords, RulesError> {
    let mut out = BylineWords::default();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let words: Vec<String> = cols[1].split_whitespace().map(str::to_lowercase).collect();
        match cols[0] {
            "label" => out.labels.push(words),
            "late_label" => out.late_labels.push(words),
            "tail" => out.tails.push(words),
            "credit" => out.credits.push(words),
            "joiner" => {
                out.joiners.insert(words.join(" "));
            }
            "hint" => {
                out.hints.insert(words.join(" "));
            }
            other => {
                return Err(RulesError::Parse {
                    file: file.to_string(),
                    line,
                    message: format!("unknown kind {other:?} (label, late_label, joiner, credit, tail or hint)"),
                });
            }
        }
    }
    Ok(out)
}

fn word_set(text: &str) -> HashSet<String> {
    entries(text).map(|(_, line)| line.to_lowercase()).collect()
}

fn columns<'a>(file: &str, line: usize, entry: &'a str, want: usize) -> Result<Vec<&'a str>, RulesError> {
    let cols: Vec<&str> = entry.split('\t').map(str::trim).collect();
    if cols.len() < want || cols[..want].iter().any(|c| c.is_empty()) {
        return Err(RulesError::Parse {
            file: file.to_string(),
            line,
            message: format!("expected {want} tab-separated columns"),
        });
    }
    Ok(cols)
}

fn parse_index_pages(file: &str, text: &str) -> Result<IndexPageRules, RulesError> {
    let mut out = IndexPageRules::default();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let value = cols[1].to_lowercase();
        match cols[0] {
            "article_type" => out.article_types.insert(value),
            "listing_type" => out.listing_types.insert(value),
            "weak_type" => out.weak_types.insert(value),
            "path" => out.paths.insert(value),
            _ => return Err(parse_error(file, line, "kind must be article_type, listing_type, weak_type or path")),
        };
    }
    Ok(out)
}

fn parse_meta(file: &str, text: &str) -> Result<Vec<(MetaField, String)>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let field = MetaField::parse(cols[0]).ok_or_else(|| RulesError::Parse {
            file: file.to_string(),
            line,
            message: format!("unknown field {:?}", cols[0]),
        })?;
        out.push((field, cols[1].to_lowercase()));
    }
    Ok(out)
}

fn parse_error(file: &str, line: usize, message: &str) -> RulesError {
    RulesError::Parse { file: file.to_string(), line, message: message.to_string() }
}

fn parse_tag_weights(file: &str, text: &str) -> Result<HashMap<String, f64>, RulesError> {
    let mut out = HashMap::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let weight = cols[1].parse().map_err(|_| parse_error(file, line, "weight must be a number"))?;
        out.insert(cols[0].to_lowercase(), weight);
    }
    Ok(out)
}

fn parse_title_separators(file: &str, text: &str) -> Result<Vec<String>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        out.push(match cols[1] {
            "spaced" => format!(" {} ", cols[0]),
            "bare" => cols[0].to_string(),
            _ => return Err(parse_error(file, line, "second column must be spaced or bare")),
        });
    }
    Ok(out)
}

fn parse_prefixes(file: &str, text: &str) -> Result<Vec<(String, usize)>, RulesError> {
    let mut out = Vec::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let max_words = cols[1].parse().map_err(|_| RulesError::Parse {
            file: file.to_string(),
            line,
            message: "max_words must be a whole number".into(),
        })?;
        out.push((cols[0].to_lowercase(), max_words));
    }
    Ok(out)
}

fn parse_months(file: &str, text: &str) -> Result<HashMap<String, u32>, RulesError> {
    let mut out = HashMap::new();
    for (line, entry) in entries(text) {
        let cols = columns(file, line, entry, 2)?;
        let month: u32 = cols[1].parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(|| RulesError::Parse {
            file: file.to_string(),
            line,
            message: "month must be 1 to 12".into(),
        })?;
        out.insert(cols[0].to_lowercase(), month);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse_and_are_not_empty() {
        let rules = Rules::from_sources(RULE_FILES.iter().map(|(n, t)| (*n, t.to_string()))).unwrap();
        assert!(rules.clean.drop_tags.contains("script"));
        assert!(rules.clean.drop_hints.contains("share"));
        assert!(rules.clean.meta.iter().any(|(f, _)| *f == MetaField::Published));
        assert_eq!(rules.months.get("jul"), Some(&7));
        assert_eq!(rules.months.get("september"), Some(&9));
        assert_eq!(rules.clean.tag_weights.get("div"), Some(&5.0));
        assert_eq!(rules.clean.title_separators.first().map(String::as_str), Some(" | "));
        assert!(rules.clean.title_separators.contains(&"_".to_string()));
        assert!(rules.clean.credit_prefixes.contains(&"来源：".to_string()));
        let places = &rules.places;
        let norway = places.countries.iter().position(|c| c.iso2 == "NO").unwrap();
        assert!(places.country_words.iter().any(|w| w.text == "Norwegian" && w.country == norway));
        assert!(places.region_words.iter().any(|r| r.text == "Northern Europe" && r.m49.as_deref() == Some("154")));
        assert!(places.not_places.contains(&"South China Sea".to_string()));
        assert!(places.not_name_words.contains("In"), "kept as written, not lower-cased");
    }

    #[test]
    fn user_file_replaces_or_extends() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("clean")).unwrap();
        std::fs::write(dir.path().join("clean/drop_tags.txt"), "# mine\nmarquee\n").unwrap();
        std::fs::write(dir.path().join("clean/drop_hints.txt"), "@extend\nmy-widget\n").unwrap();
        let rules = Rules::load(Some(dir.path())).unwrap();
        assert!(rules.clean.drop_tags.contains("marquee"));
        assert!(!rules.clean.drop_tags.contains("script"), "replaced, not extended");
        assert!(rules.clean.drop_hints.contains("my-widget"));
        assert!(rules.clean.drop_hints.contains("share"), "extended keeps the embedded words");
    }

    #[test]
    fn a_misspelt_rule_file_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("clean")).unwrap();
        std::fs::write(dir.path().join("clean/drop_tag.txt"), "marquee\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("clean/drop_tag.txt is not a rule file"), "{err}");
        assert!(err.contains("did you mean clean/drop_tags.txt"), "{err}");
        std::fs::remove_file(dir.path().join("clean/drop_tag.txt")).unwrap();
        std::fs::write(dir.path().join("README.md"), "my notes").unwrap();
        assert!(Rules::load(Some(dir.path())).is_ok(), "the exported README is no rule file, and no error");
    }

    #[test]
    fn errors_in_extend_files_are_at_the_users_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("months.tsv"), "# my months\n@extend\njanvier\t1\nfoo\t13\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        let user_file = dir.path().join("months.tsv").display().to_string();
        assert_eq!(err, format!("{user_file}:4: month must be 1 to 12"));
        std::fs::write(dir.path().join("months.tsv"), "jan\t1\nfoo\t13\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        assert_eq!(err, format!("{user_file}:2: month must be 1 to 12"), "a replacing file too");
    }

    #[test]
    fn an_unknown_country_code_in_known_organisations_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("orgs")).unwrap();
        std::fs::write(dir.path().join("orgs/known.tsv"), "@extend\nAcme Corp\tcompany\tXX\n").unwrap();
        let err = Rules::load(Some(dir.path())).unwrap_err().to_string();
        let user_file = dir.path().join("orgs/known.tsv").display().to_string();
        assert_eq!(err, format!("{user_file}:2: country XX is not in places/countries.tsv"));
    }

    #[test]
    fn bad_rule_lines_name_file_and_line() {
        let err = Rules::from_sources([("months.tsv", "jan\t1\nfoo\t13\n".to_string())]).unwrap_err();
        assert_eq!(err.to_string(), "months.tsv:2: month must be 1 to 12");
        assert!(Rules::load(Some(Path::new("/nonexistent/rules"))).is_err());
    }
}
