//! gleaner turns news pages into facts: one normalised JSON record per article.
//!
//! Data flows one way through the stages, each a module:
//!
//! ```text
//! acquire  -> decode -> clean            -> extract          -> emit
//! Document    text      text + metadata     counts, countries   JSONL
//! ```
//!
//! [`Pipeline::process`] takes one [`Document`] (bytes and where they came from)
//! to one [`Record`] (the `gleaner.article/1` schema) or a [`DocError`];
//! [`batch`] runs many in parallel and writes them in input order. Knowledge
//! (word lists, patterns) lives in rule files under `rules/`, loaded by
//! [`rules`]; thresholds live in [`Config`].
//!
//! The public surface for library users: [`Pipeline`] (with [`Rules`] and
//! [`Config`]), [`Document`] in, [`Record`] or [`ErrorRecord`] out, the
//! [`record`] types and their schemas, [`tables`] for warehouse DDL, and
//! [`acquire`], [`batch`] and [`emit`] for reading inputs and writing JSON Lines
//! the way the `gleaner` command does.
//!
//! ```
//! use gleaner::{Config, Document, DocumentKind, Origin, Pipeline, Rules};
//!
//! let pipeline = Pipeline::new(Rules::embedded(), Config::default());
//! let page = "<html><body><article><p>The port authority in Norway said on Monday that \
//!     14 new berths would open in 2025, after three years of work on the pier.</p></article></body></html>";
//! let doc = Document { origin: Origin::from_path("page.html"), kind: DocumentKind::Html, bytes: page.into() };
//! let record = pipeline.process(&doc).expect("an article");
//! assert_eq!(record.schema, "gleaner.article/1");
//! assert!(record.text.starts_with("The port authority"));
//! assert!(record.countries.iter().any(|c| c.iso2 == "NO"));
//! ```
//!
//! The library sets no global allocator. The `gleaner` binary allocates with
//! mimalloc (the default feature `mimalloc`; `jemalloc` instead, opt-in); a
//! library user who does not want it built depends on gleaner with
//! `default-features = false`.

pub mod acquire;
pub mod batch;
pub mod clean;
pub mod config;
pub mod decode;
pub mod document;
pub mod emit;
pub mod extract;
pub mod ids;
pub mod record;
pub mod rules;
pub mod tables;

pub use config::Config;
pub use document::{Document, DocumentKind, Origin};
pub use record::{ErrorRecord, Record};
pub use rules::Rules;

use acquire::{AcquireError, WorkItem};
use clean::CleanError;
use decode::DecodeError;
use extract::Extractor;
use record::Source;
use sha2::{Digest, Sha256};

/// Why one input gave no record.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error(transparent)]
    Acquire(#[from] AcquireError),
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Clean(#[from] CleanError),
    #[error("internal error: {0}")]
    Panic(String),
    #[error("over the time budget of {budget:?} after the {stage} stage")]
    TimeBudget { stage: &'static str, budget: std::time::Duration },
}

impl DocError {
    /// The short kind written to error records.
    pub fn kind(&self) -> &'static str {
        match self {
            DocError::Acquire(e) => e.kind(),
            DocError::Decode(DecodeError::Empty) => "empty",
            DocError::Decode(DecodeError::Binary(_)) => "binary",
            DocError::Clean(e) => e.kind(),
            DocError::Panic(_) => "panic",
            DocError::TimeBudget { .. } => "time_budget",
        }
    }
}

/// The stages, configured once and shared by every worker (it is `Sync`:
/// share one `&Pipeline` across threads).
///
/// ```
/// use gleaner::{Config, Document, DocumentKind, Origin, Pipeline, Rules};
///
/// let pipeline = Pipeline::new(Rules::embedded(), Config::default());
/// let doc = Document { origin: Origin::from_path("-"), kind: DocumentKind::Text, bytes: b"".to_vec() };
/// let error = pipeline.process(&doc).unwrap_err();
/// assert_eq!(error.kind(), "empty");
/// ```
pub struct Pipeline {
    pub rules: Rules,
    pub config: Config,
    extractors: Vec<Box<dyn Extractor>>,
}

impl Pipeline {
    /// Compiles the extractors for these rules.
    pub fn new(rules: Rules, config: Config) -> Pipeline {
        let extractors = extract::extractors(&rules);
        Pipeline { rules, config, extractors }
    }

    /// Reads a work item and processes it. Never panics: a panic in any stage
    /// becomes a [`DocError::Panic`] for this input alone.
    pub fn process_item(&self, item: WorkItem) -> Result<Record, Box<ErrorRecord>> {
        self.process_item_unless(item, |_| false).expect("nothing is passed over")
    }

    /// Like [`Pipeline::process_item`], but passes over (returns `None` for) an
    /// input whose source, once read (content hash included), `done` accepts.
    pub fn process_item_unless(
        &self,
        item: WorkItem,
        done: impl Fn(&Source) -> bool,
    ) -> Option<Result<Record, Box<ErrorRecord>>> {
        let origin = item.origin();
        let run = || -> Option<Result<Record, Box<ErrorRecord>>> {
            let doc = match acquire::read(item, &self.config) {
                Ok(doc) => doc,
                Err(e) => {
                    let source = origin.to_source();
                    return (!done(&source)).then(|| Err(error_record(source, &DocError::Acquire(e))));
                }
            };
            let source = source_of(&doc);
            if done(&source) {
                return None;
            }
            Some(self.process_from(&doc, source.clone()).map_err(|e| error_record(source, &e)))
        };
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            Some(Err(error_record(origin.to_source(), &DocError::Panic(message))))
        })
    }

    /// One document to one record: decode, clean, extract. Unlike
    /// [`Pipeline::process_item`] a panic is not caught here.
    pub fn process(&self, doc: &Document) -> Result<Record, DocError> {
        self.process_from(doc, source_of(doc))
    }

    /// [`Pipeline::process`] with the record's `source` already made.
    fn process_from(&self, doc: &Document, mut source: Source) -> Result<Record, DocError> {
        let started = std::time::Instant::now();
        let budget = self.config.time_budget;
        let within_budget = |stage: &'static str| {
            if started.elapsed() > budget { Err(DocError::TimeBudget { stage, budget }) } else { Ok(()) }
        };
        let decoded = decode::decode(&doc.bytes, doc.origin.http_charset.as_deref(), doc.kind)?;
        let cleaned = match doc.kind {
            DocumentKind::Html => clean::clean_html_by(
                &decoded.text,
                doc.origin.url.as_deref(),
                &self.rules,
                &self.config,
                started.checked_add(budget),
            )?,
            DocumentKind::Text => clean::clean_plain_text(&decoded.text, &self.config)?,
        };
        within_budget("clean")?;
        source.encoding = Some(decoded.encoding.name().to_string());
        let mut warnings = decoded.warnings();
        warnings.extend(cleaned.warnings);
        let meta = cleaned.metadata;
        let id = ids::record_id(meta.url.as_deref(), &doc.bytes, &self.rules.urls);
        let mut record = Record {
            schema: record::ARTICLE_SCHEMA.to_string(),
            id,
            source,
            url: meta.url,
            site: cleaned.site,
            credit: meta.credit,
            title: meta.title,
            authors: meta.authors,
            published: meta.published.as_ref().map(|d| d.value.clone()),
            published_precision: meta.published.as_ref().map(|d| d.precision),
            section: meta.section,
            language: cleaned.language,
            text: cleaned.text,
            captions: cleaned.captions,
            counts: Vec::new(),
            countries: Vec::new(),
            regions: Vec::new(),
            organizations: Vec::new(),
            industries: Vec::new(),
            warnings,
        };
        for extractor in &self.extractors {
            extractor.extract(&mut record);
            within_budget(extractor.name())?;
        }
        Ok(record)
    }
}

/// The record's `source`, with the hash of the raw bytes.
fn source_of(doc: &Document) -> Source {
    let mut source = doc.origin.to_source();
    source.content_sha256 = Some(ids::hex(&Sha256::digest(&doc.bytes)));
    source
}

/// The error record for an input that gave no record.
pub fn error_record(source: Source, error: &DocError) -> Box<ErrorRecord> {
    Box::new(ErrorRecord {
        schema: record::ERROR_SCHEMA.to_string(),
        source,
        kind: error.kind().to_string(),
        error: error.to_string(),
        attempts: match error {
            DocError::Acquire(e) => e.attempts(),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Panicking;

    impl Extractor for Panicking {
        fn name(&self) -> &'static str {
            "panicking"
        }
        fn extract(&self, _: &mut Record) {
            panic!("an extractor bug");
        }
    }

    #[test]
    fn a_panic_in_a_stage_is_an_error_record_for_that_input() {
        let mut pipeline = Pipeline::new(Rules::embedded(), Config::default());
        pipeline.extractors.push(Box::new(Panicking));
        let page = "<html><body><article><p>The harbour authority said on Monday that 14 new berths would open in 2025, after three years of work on the pier.</p></article></body></html>";
        let doc = Document { origin: Origin::from_path("p.html"), kind: DocumentKind::Html, bytes: page.into() };
        let error = pipeline.process_item(WorkItem::Loaded(Box::new(doc))).unwrap_err();
        assert_eq!(error.kind, "panic");
        assert!(error.error.contains("an extractor bug"), "{}", error.error);
        assert_eq!(error.source.path.as_deref(), Some("p.html"));
    }
}
