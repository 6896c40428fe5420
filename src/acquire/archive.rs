//! Which archive records and fetched responses become documents.
//!
//! A WARC `response` record whose HTTP payload is an HTML page (by
//! `Content-Type`, or by its first bytes when it has none) with a 2xx status
//! becomes a document whose origin names the archive, the record's offset, its
//! target URI, date, status and charset; a `resource` record holding HTML does
//! too. Other records are skipped and counted by reason; a record that cannot
//! be read is an error for it alone. A fetched response becomes a document on
//! the same terms, or an error naming its status.
//!
//! The WARC format itself is in [`super::warc`]; fetching in [`super::fetch`].

use super::fetch::{FetchError, Fetched};
use super::warc::{self, HttpResponse, WarcReader, WarcRecord};
use super::{AcquireError, Expanded, InputError, WorkItem};
use crate::document::{Document, DocumentKind, Origin};
use crate::record::WarcLocation;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

/// Skip reasons, as counted in the run summary.
pub const SKIP_NOT_RESPONSE: &str = "warc: not a response record";
pub const SKIP_REVISIT: &str = "warc: revisit record";
pub const SKIP_NOT_HTML: &str = "warc: not HTML";
pub const SKIP_STATUS: &str = "warc: status not 2xx";

/// The documents of one WARC archive, streamed record by record.
pub fn documents(path: PathBuf, max_bytes: u64) -> impl Iterator<Item = Expanded> {
    let shown = path.display().to_string();
    let opened = std::fs::File::open(&path).map(BufReader::new);
    from_opened(opened, shown, max_bytes)
}

/// The documents of an archive read from a stream (standard input), shown as `shown`.
pub fn documents_from(reader: impl BufRead + 'static, shown: String, max_bytes: u64) -> impl Iterator<Item = Expanded> {
    from_opened(Ok(reader), shown, max_bytes)
}

fn from_opened<R: BufRead>(opened: io::Result<R>, shown: String, max_bytes: u64) -> impl Iterator<Item = Expanded> {
    // Where a failure is reported: the record's place when known, else the archive.
    let at = |shown: &str, offset: Option<u64>, offset_in_member: Option<u64>| Origin {
        warc: offset.map(|offset| WarcLocation { file: shown.to_string(), offset, offset_in_member }),
        path: offset.is_none().then(|| shown.to_string()),
        ..Origin::default()
    };
    let opened = opened.and_then(|reader| WarcReader::new(reader, max_bytes));
    let (reader, failure) = match opened {
        Ok(reader) => (Some(reader), None),
        Err(source) => {
            let error = AcquireError::Io { path: shown.clone(), source };
            (None, Some(Expanded::Failed(InputError::boxed(at(&shown, None, None), error))))
        }
    };
    let records = reader.into_iter().flatten().map(move |record| match record {
        Ok(record) => record_item(record, &shown, max_bytes),
        Err(error) => {
            let origin = at(&shown, error.offset(), error.in_member());
            Expanded::Failed(InputError::boxed(origin, error))
        }
    });
    failure.into_iter().chain(records)
}

fn record_item(record: WarcRecord, archive: &str, max_bytes: u64) -> Expanded {
    let origin = Origin {
        url: record.target_uri().map(str::to_string),
        warc: Some(WarcLocation {
            file: archive.to_string(),
            offset: record.offset,
            offset_in_member: record.in_member,
        }),
        fetched_at: record.header("WARC-Date").map(str::to_string),
        ..Origin::default()
    };
    match record.warc_type().as_str() {
        "response" => {}
        "revisit" => return Expanded::Skipped(SKIP_REVISIT),
        "resource" => return resource_item(record, origin),
        _ => return Expanded::Skipped(SKIP_NOT_RESPONSE),
    }
    let is_http = record.header("Content-Type").is_none_or(|t| t.to_ascii_lowercase().starts_with("application/http"));
    if !is_http {
        return Expanded::Skipped(SKIP_NOT_RESPONSE);
    }
    let response = match warc::parse_http_response(&record.block, max_bytes) {
        Ok(response) => response,
        Err(message) => {
            let error = warc::WarcError::Corrupt { offset: record.offset, in_member: record.in_member, message };
            return Expanded::Failed(InputError::boxed(origin, error));
        }
    };
    if !(200..300).contains(&response.status) {
        return Expanded::Skipped(SKIP_STATUS);
    }
    let Some(kind) = page_kind(response.media_type().as_deref(), &response.body) else {
        return Expanded::Skipped(SKIP_NOT_HTML);
    };
    let origin = Origin { http_status: Some(response.status), http_charset: response.charset(), ..origin };
    let HttpResponse { body, .. } = response;
    Expanded::Work(WorkItem::Loaded(Box::new(Document { origin, kind, bytes: body })))
}

/// A `resource` record is the page itself, typed by the record's Content-Type.
fn resource_item(record: WarcRecord, origin: Origin) -> Expanded {
    let content_type = record.header("Content-Type").map(str::to_string);
    let media_type = content_type.as_deref().map(warc::media_type_of);
    match page_kind(media_type.as_deref(), &record.block) {
        Some(DocumentKind::Html) => {
            let origin = Origin { http_charset: content_type.as_deref().and_then(warc::charset_of), ..origin };
            Expanded::Work(WorkItem::Loaded(Box::new(Document {
                origin,
                kind: DocumentKind::Html,
                bytes: record.block,
            })))
        }
        _ => Expanded::Skipped(SKIP_NOT_HTML),
    }
}

/// HTML by media type; without one, by the first non-blank byte being `<`.
/// Plain text only when declared so.
fn page_kind(media_type: Option<&str>, body: &[u8]) -> Option<DocumentKind> {
    match media_type {
        Some("text/html" | "application/xhtml+xml") => Some(DocumentKind::Html),
        Some("text/plain") => Some(DocumentKind::Text),
        Some("") | None => (super::files::sniff_kind(body) == DocumentKind::Html).then_some(DocumentKind::Html),
        Some(_) => None,
    }
}

/// A fetched response as an item: a document for a 2xx page, else an error.
pub fn fetched_document(result: Result<Fetched, FetchError>, max_bytes: u64) -> Expanded {
    let fetched = match result {
        Ok(fetched) => fetched,
        Err(error) => {
            let origin = Origin { url: Some(error.url.clone()), http_status: error.status, ..Origin::default() };
            return Expanded::Failed(InputError::boxed(origin, error));
        }
    };
    let content_type = fetched.header("content-type").map(str::to_string);
    let origin = Origin {
        url: Some(fetched.url.clone()),
        fetched_at: Some(fetched.fetched_at.clone()),
        http_status: Some(fetched.status),
        http_charset: content_type.as_deref().and_then(warc::charset_of),
        ..Origin::default()
    };
    if !(200..300).contains(&fetched.status) {
        let error = AcquireError::HttpStatus { url: fetched.url, status: fetched.status, attempts: fetched.attempts };
        return Expanded::Failed(InputError::boxed(origin, error));
    }
    if fetched.body.len() as u64 > max_bytes {
        let error = AcquireError::TooLarge { path: fetched.url, limit: max_bytes };
        return Expanded::Failed(InputError::boxed(origin, error));
    }
    let media_type = content_type.as_deref().map(warc::media_type_of);
    match page_kind(media_type.as_deref(), &fetched.body) {
        Some(kind) => Expanded::Work(WorkItem::Loaded(Box::new(Document { origin, kind, bytes: fetched.body }))),
        None => {
            let media_type = media_type.unwrap_or_default();
            let error = AcquireError::NotAPage { url: fetched.url, media_type, attempts: Some(fetched.attempts) };
            Expanded::Failed(InputError::boxed(origin, error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(uri: &str, http: &str) -> Vec<u8> {
        let text = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-01-02T03:04:05Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn html_responses_become_documents_and_the_rest_is_skipped() {
        let html =
            response("http://a/1", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>hi");
        let image = response("http://a/i.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG");
        let missing = response("http://a/404", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>no");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.warc.gz");
        std::fs::write(&path, [html.clone(), image, missing].concat()).unwrap();
        let items: Vec<Expanded> = documents(path.clone(), 1 << 20).collect();
        assert_eq!(items.len(), 3);
        let Expanded::Work(WorkItem::Loaded(doc)) = &items[0] else { panic!("{:?}", items[0]) };
        assert_eq!(doc.bytes, b"<p>hi");
        assert_eq!(doc.origin.url.as_deref(), Some("http://a/1"));
        assert_eq!(doc.origin.http_charset.as_deref(), Some("windows-1252"));
        assert_eq!(doc.origin.fetched_at.as_deref(), Some("2026-01-02T03:04:05Z"));
        assert_eq!(
            doc.origin.warc,
            Some(WarcLocation { file: path.display().to_string(), offset: 0, offset_in_member: None })
        );
        assert!(matches!(items[1], Expanded::Skipped(SKIP_NOT_HTML)));
        assert!(matches!(items[2], Expanded::Skipped(SKIP_STATUS)));
    }

    #[test]
    fn a_missing_archive_is_one_error() {
        let items: Vec<Expanded> = documents(PathBuf::from("/no/such.warc.gz"), 100).collect();
        assert!(matches!(&items[..], [Expanded::Failed(e)] if e.error.kind() == "io"));
    }
}
