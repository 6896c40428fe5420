//! Clean: from decoded text to the article's own words and metadata.
//!
//! For HTML, the page is parsed once (html5ever, into `dom`) and both halves of
//! this stage read the same tree: `metadata` (title, URL, date, credit, ...) and
//! `content` (main text and captions). Plain-text inputs skip boilerplate
//! removal: the whole text is the article. The language is detected here, from
//! the main text, with the page's `lang` attribute as the fallback.
//!
//! This stage does not look for entities (see `extract`).

pub mod content;
pub mod dates;
pub mod dom;
pub mod limits;
pub mod metadata;
pub mod text;

use crate::config::Config;
use crate::rules::{IndexPageRules, Rules};
use dom::{Dom, ParseLimits, ParseStop};
use metadata::Metadata;
use std::time::Instant;

/// How much of the text language detection reads: a first sample, and a longer
/// one when whatlang is not sure of the first (detection costs time in
/// proportion to the text read, and a paragraph usually settles it).
const LANGUAGE_SAMPLES: [usize; 2] = [1024, 4096];

/// The article's text and metadata.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub metadata: Metadata,
    /// Registrable domain of the canonical URL.
    pub site: Option<String>,
    pub language: Option<String>,
    /// Paragraphs joined by a blank line.
    pub text: String,
    pub captions: Vec<String>,
    pub warnings: Vec<String>,
}

/// Why no article could be made of a page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    #[error("not HTML: no markup found")]
    NotHtml,
    #[error("no article text found")]
    NoText,
    #[error("the page is over the {limit} limit ({found} found, {max} allowed)")]
    Limit { limit: &'static str, found: usize, max: usize },
    #[error("over the time budget of {budget:?} while parsing the page")]
    TimeBudget { budget: std::time::Duration },
}

impl CleanError {
    /// The short kind written to error records.
    pub fn kind(&self) -> &'static str {
        match self {
            CleanError::NotHtml => "not_html",
            CleanError::NoText => "no_text",
            CleanError::Limit { .. } => "limit",
            CleanError::TimeBudget { .. } => "time_budget",
        }
    }
}

/// Cleans an HTML page. `fetched_url` is where it came from, if known. The parse
/// gets the whole time budget from now.
pub fn clean_html(
    page: &str,
    fetched_url: Option<&str>,
    rules: &Rules,
    config: &Config,
) -> Result<Cleaned, CleanError> {
    clean_html_by(page, fetched_url, rules, config, Instant::now().checked_add(config.time_budget))
}

/// [`clean_html`] with the parse stopped at `deadline` (the document's whole
/// budget, counted from when its pipeline began; none when that is past any clock).
pub fn clean_html_by(
    page: &str,
    fetched_url: Option<&str>,
    rules: &Rules,
    config: &Config,
    deadline: Option<Instant>,
) -> Result<Cleaned, CleanError> {
    if !has_markup(page) {
        return Err(CleanError::NotHtml);
    }
    limits::check_markup(page, config)?;
    let bounds = ParseLimits { max_nodes: config.max_dom_nodes, max_depth: config.max_dom_depth, deadline };
    let dom = Dom::parse_within(page, bounds).map_err(|stop| match stop {
        ParseStop::Limit { limit: "max_dom_depth", found } => {
            CleanError::Limit { limit: "max_dom_depth", found, max: config.max_dom_depth }
        }
        ParseStop::Limit { limit, found } => CleanError::Limit { limit, found, max: config.max_dom_nodes },
        ParseStop::Deadline => CleanError::TimeBudget { budget: config.time_budget },
    })?;
    limits::check_tree(&dom, config)?;
    let metadata = metadata::read_metadata(&dom, fetched_url, rules);
    let main = content::extract_main_text(&dom, metadata.title.as_deref(), rules, config);
    let text = main.paragraphs.join("\n\n");
    if text.is_empty() {
        return Err(CleanError::NoText);
    }
    let mut warnings = length_warnings(&text, config);
    let page_url = metadata.url.as_deref().or(fetched_url);
    warnings.extend(not_an_article(&metadata.page_types, page_url, !warnings.is_empty(), &rules.clean.index_pages));
    let (language, unsure) = detect_language(&text, metadata.declared_language.as_deref(), config);
    warnings.extend(unsure);
    let site = metadata.url.as_deref().and_then(metadata::registrable_domain);
    Ok(Cleaned { metadata, site, language, text, captions: main.captions, warnings })
}

/// A plain-text input: the whole text is the article (line ends normalised).
pub fn clean_plain_text(input: &str, config: &Config) -> Result<Cleaned, CleanError> {
    let text = input.replace("\r\n", "\n").replace('\r', "\n").trim().to_string();
    if text.is_empty() {
        return Err(CleanError::NoText);
    }
    let mut warnings = length_warnings(&text, config);
    let (language, unsure) = detect_language(&text, None, config);
    warnings.extend(unsure);
    Ok(Cleaned { language, text, warnings, ..Cleaned::default() })
}

/// A warning when the page is an index, tag, search or home page rather than an
/// article: by its declared type, or by its URL's path. A declared article type wins.
fn not_an_article(types: &[String], url: Option<&str>, short: bool, signs: &IndexPageRules) -> Option<String> {
    if types.iter().any(|t| signs.article_types.contains(t)) {
        return None;
    }
    if let Some(t) = types.iter().find(|t| signs.listing_types.contains(*t) || (short && signs.weak_types.contains(*t)))
    {
        return Some(format!("not an article: page type {t}"));
    }
    let path = url.and_then(|u| url::Url::parse(u).ok()).map(|u| u.path().to_lowercase())?;
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    if first.is_empty() {
        return Some("not an article: home page".to_string());
    }
    signs.paths.contains(first).then(|| format!("not an article: index path /{first}/"))
}

/// A warning when the article text is suspiciously short.
fn length_warnings(text: &str, config: &Config) -> Vec<String> {
    if text.chars().count() < config.min_text_chars { vec!["text very short".to_string()] } else { Vec::new() }
}

/// True when the text contains at least one tag (`<a`, `</p`, `<!DOCTYPE`).
fn has_markup(page: &str) -> bool {
    page.as_bytes().windows(2).any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// ISO 639-1 code of the text's language: whatlang's guess when it is reliable (or,
/// for English, confident), else the page's declared language, else none. With
/// neither, an unsure guess of another language comes back as a warning instead:
/// short English texts full of foreign names are often taken for German or
/// Javanese, and a record without a language is read by the English rules.
fn detect_language(text: &str, declared: Option<&str>, config: &Config) -> (Option<String>, Option<String>) {
    let mut info = None;
    for sample in LANGUAGE_SAMPLES {
        let mut end = text.len().min(sample);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        info = whatlang::detect(&text[..end]);
        if end == text.len() || info.as_ref().is_some_and(whatlang::Info::is_reliable) {
            break;
        }
    }
    let guess = info.as_ref().and_then(|i| iso_639_1(i.lang().code()));
    match (info, declared) {
        (Some(i), _) if guess.is_some() && i.is_reliable() => (guess.map(str::to_string), None),
        (Some(i), _) if guess == Some("en") && i.confidence() >= config.min_language_confidence => {
            (Some("en".to_string()), None)
        }
        (_, Some(declared)) => (Some(declared.to_string()), None),
        // An unreliable guess on a short text is often wrong ("af" or "de" for an
        // English sentence); no language is better than a wrong one.
        (Some(i), None) if guess.is_some_and(|g| g != "en") && i.confidence() >= config.min_language_confidence => {
            let warning = format!(
                "language unsure (guessed {} at {:.2}): entities read as English",
                guess.unwrap_or_default(),
                i.confidence()
            );
            (None, Some(warning))
        }
        _ => (None, None),
    }
}

/// ISO 639-1 for whatlang's ISO 639-3 code. whatlang names some languages by
/// an individual language's code where ISO 639-1 has only the macrolanguage's:
/// Mandarin `cmn` is `zh`, Iranian Persian `pes` is `fa`. A language with no
/// ISO 639-1 code at all keeps its ISO 639-3 code.
fn iso_639_1(code: &str) -> Option<&'static str> {
    match code {
        "cmn" => Some("zh"),
        "pes" => Some("fa"),
        _ => {
            let language = isolang::Language::from_639_3(code)?;
            language.to_639_1().or_else(|| Some(language.to_639_3()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whatlang_language_has_a_code() {
        for lang in whatlang::Lang::all() {
            let code = iso_639_1(lang.code()).unwrap_or_else(|| panic!("{lang:?} ({}) has no code", lang.code()));
            assert!(code.len() == 2 || code.len() == 3, "{lang:?}: {code}");
            assert!(code.bytes().all(|b| b.is_ascii_lowercase()), "{lang:?}: {code}");
        }
        assert_eq!(iso_639_1("pes"), Some("fa"));
        assert_eq!(iso_639_1("cmn"), Some("zh"));
        assert_eq!(iso_639_1("eng"), Some("en"));
    }

    #[test]
    fn index_pages_are_flagged_and_articles_are_not() {
        let signs = Rules::embedded().clean.index_pages;
        let flag = |types: &[&str], url: &str, short: bool| {
            let types: Vec<String> = types.iter().map(|t| t.to_string()).collect();
            not_an_article(&types, Some(url), short, &signs)
        };
        assert_eq!(flag(&[], "https://x.com/tag/china/", false).as_deref(), Some("not an article: index path /tag/"));
        assert_eq!(flag(&[], "https://x.com/", false).as_deref(), Some("not an article: home page"));
        assert_eq!(
            flag(&["collectionpage"], "https://x.com/a/b", false).as_deref(),
            Some("not an article: page type collectionpage")
        );
        assert_eq!(flag(&["website"], "https://x.com/a/b", false), None, "a weak type alone says nothing");
        assert!(flag(&["website"], "https://x.com/a/b", true).is_some());
        assert_eq!(flag(&["newsarticle", "collectionpage"], "https://x.com/", false), None, "an article type wins");
        assert_eq!(flag(&[], "https://x.com/2019/11/05/story.html", false), None);
    }

    #[test]
    fn plain_text_is_the_article() {
        let c = clean_plain_text("Officials from Norway attended the meeting.\r\n", &Config::default()).unwrap();
        assert_eq!(c.text, "Officials from Norway attended the meeting.");
        assert_eq!(c.warnings, ["text very short"]);
    }

    #[test]
    fn markup_is_required_for_html() {
        let err = clean_html("just words, no tags", None, &Rules::embedded(), &Config::default()).unwrap_err();
        assert_eq!(err, CleanError::NotHtml);
        let err = clean_html("<html><body><nav>Home</nav></body></html>", None, &Rules::embedded(), &Config::default());
        assert_eq!(err.unwrap_err(), CleanError::NoText);
    }

    #[test]
    fn language_from_text_or_declaration() {
        let english =
            "The coastal city has established international ties and cooperative relationships with many cities.";
        let language = |text: &str, declared: Option<&str>| detect_language(text, declared, &Config::default()).0;
        assert_eq!(language(english, Some("fr")).as_deref(), Some("en"));
        assert_eq!(language("ok", Some("fr")).as_deref(), Some("fr"));
        assert_eq!(language("Organisers said sixteen visitors came to the fair.", None), None, "unsure");
        let chinese =
            "今年上半年，青岛港完成集装箱吞吐量1420万标准箱，同比增长12.5%，增速在全国沿海主要港口中位居前列。";
        assert_eq!(language(chinese, None).as_deref(), Some("zh"));
        let german = "Die Stadt hat internationale Beziehungen und Partnerschaften mit vielen Städten in der Welt \
                      aufgebaut, und die Zusammenarbeit wächst jedes Jahr weiter.";
        assert_eq!(detect_language(german, None, &Config::default()), (Some("de".to_string()), None));
    }

    #[test]
    fn an_unsure_guess_is_read_as_english_with_a_warning() {
        // A short English line of Indonesian names, which whatlang takes for Indonesian.
        let text = "Wahyu Setiawan and Dewi Kartika spoke at Universitas Gadjah Mada.";
        let (language, warning) = detect_language(text, None, &Config::default());
        assert_eq!(language, None);
        let warning = warning.expect("a warning");
        assert!(warning.starts_with("language unsure (guessed id at "), "{warning}");
        assert!(warning.ends_with("entities read as English"), "{warning}");
        let (declared, none) = detect_language(text, Some("id"), &Config::default());
        assert_eq!((declared.as_deref(), none), (Some("id"), None), "a declared language stands");
    }
}
