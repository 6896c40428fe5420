//! What goes into the pipeline: the raw bytes of one page and where they came from.
//!
//! A [`Document`] is made by the acquire stage and read by every later stage; it
//! holds no parsed or decoded state of its own.

use crate::record::{Source, WarcLocation};

/// How the bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// An HTML page: decoded, parsed, and cleaned of boilerplate.
    Html,
    /// Plain text: decoded, and the whole of it is the article text.
    Text,
}

/// Where a document's bytes came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The input path as given (or found below a given folder); `-` for stdin.
    pub path: Option<String>,
    /// The URL the page was fetched from, or its WARC target URI.
    pub url: Option<String>,
    /// The archive and record offset, for WARC records.
    pub warc: Option<WarcLocation>,
    /// When the page was fetched (ISO 8601).
    pub fetched_at: Option<String>,
    /// HTTP status of the fetch.
    pub http_status: Option<u16>,
    /// The `charset` parameter of the HTTP `Content-Type`, when there was one.
    pub http_charset: Option<String>,
}

impl Origin {
    /// An origin for a local file.
    pub fn from_path(path: impl Into<String>) -> Self {
        Origin { path: Some(path.into()), ..Origin::default() }
    }

    /// The record's `source` object, before content hash and encoding are known.
    pub fn to_source(&self) -> Source {
        Source {
            path: self.path.clone(),
            url: self.url.clone(),
            warc: self.warc.clone(),
            fetched_at: self.fetched_at.clone(),
            http_status: self.http_status,
            content_sha256: None,
            encoding: None,
        }
    }
}

/// The raw bytes of one page (already decompressed) and where they came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub origin: Origin,
    pub kind: DocumentKind,
    pub bytes: Vec<u8>,
}
