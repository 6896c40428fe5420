//! Acquire: turns the command line's inputs into [`Document`]s (bytes + origin).
//!
//! Inputs are expanded lazily into [`WorkItem`]s (a folder is walked in sorted
//! order, one directory listing at a time, so a corpus is never collected), and
//! each work item is read into a `Document` by the worker that processes it, so
//! reading does not serialise the batch.
//!
//! Here: local files (`.html`, `.htm`, `.xhtml`, `.txt`, each also `.gz`),
//! folders, and standard input. URL and WARC inputs are recognised and reported
//! as not yet supported; they belong to modules of their own beside `files`.

pub mod files;

use crate::config::Config;
use crate::document::{Document, Origin};
use std::path::PathBuf;

pub use files::{FileKind, walk};

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
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// One unit of work: becomes one document (or, for archives, several later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkItem {
    File(PathBuf),
    Stdin,
    Url(String),
}

impl WorkItem {
    /// The origin to report for this item, before it is read.
    pub fn origin(&self) -> Origin {
        match self {
            WorkItem::File(path) => Origin::from_path(path.display().to_string()),
            WorkItem::Stdin => Origin::from_path("-"),
            WorkItem::Url(url) => Origin { url: Some(url.clone()), ..Origin::default() },
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
    #[error("{what} inputs are not supported yet: {input}")]
    Unsupported { what: &'static str, input: String },
}

impl AcquireError {
    /// The short kind written to error records.
    pub fn kind(&self) -> &'static str {
        match self {
            AcquireError::Io { .. } => "io",
            AcquireError::Gzip { .. } => "gzip",
            AcquireError::TooLarge { .. } => "too_large",
            AcquireError::Unsupported { .. } => "unsupported",
        }
    }
}

/// A folder that could not be listed while inputs were expanded.
#[derive(Debug)]
pub struct ListingError {
    pub origin: Origin,
    pub error: AcquireError,
}

/// Expands inputs into work items, lazily and in a stable order. A folder that
/// cannot be listed yields an error for it, and the walk goes on.
pub fn expand(inputs: Vec<Input>) -> impl Iterator<Item = Result<WorkItem, Box<ListingError>>> {
    inputs.into_iter().flat_map(|input| -> Box<dyn Iterator<Item = _>> {
        match input {
            Input::Stdin => Box::new(std::iter::once(Ok(WorkItem::Stdin))),
            Input::Url(url) => Box::new(std::iter::once(Ok(WorkItem::Url(url)))),
            Input::Path(path) if path.is_dir() => Box::new(walk(path).map(|entry| {
                entry.map(WorkItem::File).map_err(|(path, source)| {
                    let shown = path.display().to_string();
                    let origin = Origin::from_path(shown.clone());
                    Box::new(ListingError { origin, error: AcquireError::Io { path: shown, source } })
                })
            })),
            Input::Path(path) => Box::new(std::iter::once(Ok(WorkItem::File(path)))),
        }
    })
}

/// Reads one work item into a document.
pub fn read(item: &WorkItem, config: &Config) -> Result<Document, AcquireError> {
    match item {
        WorkItem::File(path) => files::read_file(path, config),
        WorkItem::Stdin => files::read_stdin(config),
        WorkItem::Url(url) => Err(AcquireError::Unsupported { what: "URL", input: url.clone() }),
    }
}
