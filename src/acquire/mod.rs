//! Acquire: turns the command line's inputs into [`Document`]s (bytes + origin).
//!
//! Inputs are expanded lazily into a stream of [`Expanded`] items in input order
//! (a folder is walked in sorted order, one directory listing at a time; an
//! archive is read one record at a time; URLs are fetched ahead, a bounded window
//! at a time), so no corpus is ever collected. A local file becomes a
//! [`WorkItem::File`] that the worker processing it reads, so reading does not
//! serialise the batch; an archive record or a fetched page arrives already read.
//!
//! Here: local files (`.html`, `.htm`, `.xhtml`, `.txt`, each also `.gz`, and
//! any file whose content is a page or an archive), folders, standard input
//! ([`files`]), WARC archives ([`warc`], [`archive`]) and http(s) URLs
//! ([`fetch`]). Standard input and the files named on the command line are
//! sniffed by content, so a WARC archive (plain or gzip) piped in is read record
//! by record. Nothing here decodes bytes to text.

pub mod archive;
pub mod fetch;
pub mod files;
pub mod proxy;
pub mod warc;

use crate::config::Config;
use crate::document::{Document, Origin};
use std::path::PathBuf;

pub use files::{FileKind, Found, Sniffed, walk};
use std::io::Read;

/// One input as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder.
    Path(PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
    /// `-`: one document from standard input.
    Stdin,
}

impl Input {
    /// Reads a command-line argument as an input.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else if looks_like_url(arg) {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// `scheme://...`: a URL (only http and https are fetched; others are errors).
fn looks_like_url(arg: &str) -> bool {
    arg.split_once("://").is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// One unit of work: becomes one document.
#[derive(Debug, Clone)]
pub enum WorkItem {
    File(PathBuf),
    /// A document already read: standard input, an archive record or a fetched page.
    Loaded(Box<Document>),
}

/// What expanding the inputs gives, one item per document or failure.
#[derive(Debug)]
pub enum Expanded {
    Work(WorkItem),
    /// An input that failed before any worker saw it: a folder that cannot be
    /// listed, an archive record that cannot be read, a URL that gave no page.
    Failed(Box<InputError>),
    /// An archive record that is not an article page (counted, not reported).
    Skipped(&'static str),
    /// A folder's file that is neither a page nor an archive, by name or by
    /// content (counted and reported in the summary).
    PassedOver(PathBuf),
}

impl WorkItem {
    /// The origin to report for this item, before it is read.
    pub fn origin(&self) -> Origin {
        match self {
            WorkItem::File(path) => Origin::from_path(path.display().to_string()),
            WorkItem::Loaded(doc) => doc.origin.clone(),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AcquireError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("cannot decompress {path}: {message}")]
    Gzip { path: String, message: String },
    #[error("{path} is larger than the input limit of {limit} bytes")]
    TooLarge { path: String, limit: u64 },
    #[error("{0}")]
    Warc(#[from] warc::WarcError),
    #[error("{0}")]
    Fetch(#[from] fetch::FetchError),
    #[error("HTTP status {status} ({attempts} attempt{s})", s = if *attempts == 1 { "" } else { "s" })]
    HttpStatus { url: String, status: u16, attempts: u32 },
    #[error("not a page ({media_type})")]
    NotAPage { url: String, media_type: String, attempts: Option<u32> },
}

impl AcquireError {
    /// The short kind written to error records.
    pub fn kind(&self) -> &'static str {
        match self {
            AcquireError::Io { .. } => "io",
            AcquireError::Gzip { .. } => "gzip",
            AcquireError::TooLarge { .. } => "too_large",
            AcquireError::Warc(warc::WarcError::TooLarge { .. }) => "too_large",
            AcquireError::Warc(warc::WarcError::Truncated { .. }) => "warc_truncated",
            AcquireError::Warc(_) => "warc",
            AcquireError::Fetch(e) => e.kind,
            AcquireError::HttpStatus { .. } => "http_status",
            AcquireError::NotAPage { .. } => "not_html",
        }
    }

    /// Requests made, for fetch errors.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            AcquireError::Fetch(e) => Some(e.attempts),
            AcquireError::HttpStatus { attempts, .. } => Some(*attempts),
            AcquireError::NotAPage { attempts, .. } => *attempts,
            _ => None,
        }
    }
}

/// An input that failed while inputs were expanded.
#[derive(Debug)]
pub struct InputError {
    pub origin: Origin,
    pub error: AcquireError,
}

impl InputError {
    fn boxed(origin: Origin, error: impl Into<AcquireError>) -> Box<InputError> {
        Box::new(InputError { origin, error: error.into() })
    }
}

/// Expands inputs into work items, lazily and in input order. URL inputs are
/// fetched with `fetch_options` ahead of the consumer; a folder that cannot be
/// listed or an archive record that cannot be read yields an error for it, and
/// the rest goes on.
pub fn expand(
    inputs: Vec<Input>,
    config: &Config,
    fetch_options: &fetch::FetchOptions,
) -> impl Iterator<Item = Expanded> + use<> {
    let urls: Vec<String> =
        inputs.iter().filter_map(|i| if let Input::Url(u) = i { Some(u.clone()) } else { None }).collect();
    let mut fetched = (!urls.is_empty()).then(|| fetch::fetch_all(urls.into_iter(), fetch_options.clone()));
    let config = config.clone();
    inputs.into_iter().flat_map(move |input| -> Box<dyn Iterator<Item = Expanded>> {
        match input {
            Input::Stdin => stdin_items(&config),
            Input::Url(url) => {
                let next = fetched.as_mut().and_then(Iterator::next);
                Box::new(std::iter::once(match next {
                    Some(result) => archive::fetched_document(result, config.max_input_bytes),
                    None => {
                        let message = "the fetcher stopped early".to_string();
                        let error =
                            fetch::FetchError { url: url.clone(), kind: "runtime", message, attempts: 0, status: None };
                        Expanded::Failed(InputError::boxed(Origin { url: Some(url), ..Origin::default() }, error))
                    }
                }))
            }
            Input::Path(path) if path.is_dir() => {
                let config = config.clone();
                Box::new(walk(path).flat_map(move |entry| -> Box<dyn Iterator<Item = Expanded>> {
                    match entry {
                        Ok(Found::Input(file)) => folder_file_items(file, &config),
                        Ok(Found::PassedOver(file)) => Box::new(std::iter::once(Expanded::PassedOver(file))),
                        Err((path, source)) => {
                            let shown = path.display().to_string();
                            let origin = Origin::from_path(shown.clone());
                            Box::new(std::iter::once(Expanded::Failed(InputError::boxed(
                                origin,
                                AcquireError::Io { path: shown, source },
                            ))))
                        }
                    }
                }))
            }
            Input::Path(path) => file_items(path, &config),
        }
    })
}

/// A file named on the command line: an archive's records when its name or its
/// content says it is one, else the file itself.
fn file_items(path: PathBuf, config: &Config) -> Box<dyn Iterator<Item = Expanded>> {
    let is_archive = FileKind::of(&path) == Some(FileKind::Warc) || files::sniff_file(&path) == Some(Sniffed::Warc);
    one_file_or_archive(path, is_archive, config)
}

/// A folder's file: named files are trusted by name (no extra read); a file
/// found by sniffing is an archive when its content says so.
fn folder_file_items(path: PathBuf, config: &Config) -> Box<dyn Iterator<Item = Expanded>> {
    let is_archive = match FileKind::of(&path) {
        Some(kind) => kind == FileKind::Warc,
        None => files::sniff_file(&path) == Some(Sniffed::Warc),
    };
    one_file_or_archive(path, is_archive, config)
}

fn one_file_or_archive(path: PathBuf, is_archive: bool, config: &Config) -> Box<dyn Iterator<Item = Expanded>> {
    if is_archive {
        Box::new(archive::documents(path, config.max_input_bytes))
    } else {
        Box::new(std::iter::once(Expanded::Work(WorkItem::File(path))))
    }
}

/// Standard input, sniffed: a WARC archive (plain or gzip) is read record by
/// record as it streams in; anything else is one document.
fn stdin_items(config: &Config) -> Box<dyn Iterator<Item = Expanded>> {
    stream_items(std::io::stdin().lock(), "-", config)
}

/// A stream's items (see [`stdin_items`]); its first bytes are read to sniff it
/// and then read again as part of it.
pub fn stream_items(
    mut reader: impl Read + 'static,
    shown: &str,
    config: &Config,
) -> Box<dyn Iterator<Item = Expanded>> {
    let mut head = Vec::with_capacity(files::SNIFF_BYTES);
    if let Err(source) = (&mut reader).take(files::SNIFF_BYTES as u64).read_to_end(&mut head) {
        let error = AcquireError::Io { path: shown.to_string(), source };
        return Box::new(std::iter::once(Expanded::Failed(InputError::boxed(Origin::from_path(shown), error))));
    }
    let kind = files::sniff(&head);
    let whole = std::io::Cursor::new(head).chain(reader);
    if kind == Sniffed::Warc {
        return Box::new(archive::documents_from(
            std::io::BufReader::new(whole),
            shown.to_string(),
            config.max_input_bytes,
        ));
    }
    let item = match files::read_stream(whole, shown, config) {
        Ok(doc) => Expanded::Work(WorkItem::Loaded(Box::new(doc))),
        Err(error) => Expanded::Failed(InputError::boxed(Origin::from_path(shown), error)),
    };
    Box::new(std::iter::once(item))
}

/// Reads one work item into a document.
pub fn read(item: WorkItem, config: &Config) -> Result<Document, AcquireError> {
    match item {
        WorkItem::File(path) => files::read_file(&path, config),
        WorkItem::Loaded(doc) => Ok(*doc),
    }
}
