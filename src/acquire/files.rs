//! Local files, folders and standard input.
//!
//! A file's kind comes from its name (`.html`, `.htm`, `.xhtml`, `.txt`, `.warc`,
//! each optionally `.gz`) and from its first bytes ([`sniff`]): gzip by its magic
//! bytes, a WARC archive by its `WARC/` version line (also inside gzip), HTML by
//! markup. Standard input, files named on the command line and files of a folder
//! whose names say nothing (a wget mirror's `story`, `a.shtml`, `b.php`) are
//! sniffed; a folder's files that are neither pages nor archives by name or
//! content are passed over and counted. Sizes are capped before and after
//! decompression, so a gzip bomb costs at most the limit.
//!
//! This module does not decode bytes to text.

use super::AcquireError;
use crate::config::Config;
use crate::document::{Document, DocumentKind, Origin};
use flate2::read::MultiGzDecoder;
use std::io::Read;
use std::path::{Path, PathBuf};

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// How much of an input is read to tell what it holds.
pub(super) const SNIFF_BYTES: usize = 64 * 1024;

/// What a file holds, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Html,
    Text,
    Warc,
}

impl FileKind {
    /// The kind of a file by its extension (after removing `.gz`), if it is one
    /// gleaner reads.
    pub fn of(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "html" | "htm" | "xhtml" => Some(FileKind::Html),
            "txt" => Some(FileKind::Text),
            "warc" => Some(FileKind::Warc),
            _ => None,
        }
    }
}

/// What a folder's file is to gleaner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A page, a text or an archive, by name or by content.
    Input(PathBuf),
    /// Neither by name nor by content (an image, a style sheet...): passed over.
    PassedOver(PathBuf),
}

/// Walks a folder depth-first, entries sorted by name, yielding every file, told
/// apart into inputs and files passed over. Only one directory listing is held
/// per level of depth.
pub fn walk(root: PathBuf) -> impl Iterator<Item = Result<Found, (PathBuf, std::io::Error)>> {
    // Each stack level holds one folder's remaining entries, reversed for pop().
    let mut stack: Vec<Vec<PathBuf>> = Vec::new();
    let mut pending_error = None;
    match sorted_entries(&root) {
        Ok(entries) => stack.push(entries),
        Err(e) => pending_error = Some((root, e)),
    }
    std::iter::from_fn(move || {
        if let Some(err) = pending_error.take() {
            return Some(Err(err));
        }
        loop {
            let level = stack.last_mut()?;
            let Some(path) = level.pop() else {
                stack.pop();
                continue;
            };
            // Symlinked folders are not followed (no cycles); symlinked files are.
            let found = std::fs::symlink_metadata(&path);
            if found.as_ref().is_ok_and(|m| m.is_dir()) {
                match sorted_entries(&path) {
                    Ok(entries) => stack.push(entries),
                    Err(e) => return Some(Err((path, e))),
                }
            } else if let Err(e) = regular_file(&path, found) {
                // A FIFO would block the reader forever; a device could be endless.
                return Some(Err((path, e)));
            } else if FileKind::of(&path).is_some() || sniff_file(&path).is_some_and(|kind| kind != Sniffed::Text) {
                return Some(Ok(Found::Input(path)));
            } else {
                return Some(Ok(Found::PassedOver(path)));
            }
        }
    })
}

/// Whether a path found in a folder, its own metadata `found`, is a regular file
/// (symlinks followed): a FIFO, socket or device is an error, not an input.
fn regular_file(path: &Path, found: std::io::Result<std::fs::Metadata>) -> std::io::Result<()> {
    let meta = match found? {
        link if link.file_type().is_symlink() => std::fs::metadata(path)?,
        meta => meta,
    };
    if meta.is_file() {
        return Ok(());
    }
    Err(std::io::Error::other("not a regular file (a FIFO, socket or device): not read"))
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries =
        std::fs::read_dir(dir)?.map(|entry| entry.map(|e| e.path())).collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    entries.reverse();
    Ok(entries)
}

/// What an input holds, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A WARC archive (`WARC/` first, plain or inside gzip).
    Warc,
    /// Markup: `<` first, after blanks and a byte-order mark.
    Html,
    /// Anything else.
    Text,
}

/// Tells what an input holds from its first bytes (up to [`SNIFF_BYTES`]); a
/// gzip head is decompressed as far as it goes.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(&GZIP_MAGIC) {
        let mut inner = Vec::with_capacity(1024);
        // A head cut inside the stream ends with an error after the bytes it
        // gave; those bytes are what is sniffed.
        let _ = flate2::read::GzDecoder::new(head).take(1024).read_to_end(&mut inner);
        return if inner.starts_with(&GZIP_MAGIC) { Sniffed::Text } else { sniff(&inner) };
    }
    if head.starts_with(b"WARC/") {
        return Sniffed::Warc;
    }
    match sniff_kind(head) {
        DocumentKind::Html => Sniffed::Html,
        DocumentKind::Text => Sniffed::Text,
    }
}

/// Sniffs a file's first bytes; `None` when it cannot be read (the worker that
/// reads it reports why).
pub fn sniff_file(path: &Path) -> Option<Sniffed> {
    let file = std::fs::File::open(path).ok()?;
    let mut head = Vec::with_capacity(4096);
    file.take(SNIFF_BYTES as u64).read_to_end(&mut head).ok()?;
    Some(sniff(&head))
}

/// Reads a file (decompressing gzip) into a document.
pub fn read_file(path: &Path, config: &Config) -> Result<Document, AcquireError> {
    let shown = path.display().to_string();
    let io_err = |source| AcquireError::Io { path: shown.clone(), source };
    if FileKind::of(path) == Some(FileKind::Warc) {
        // Archives hold many pages: `acquire::expand` reads them with `archive::documents`.
        return Err(AcquireError::NotAPage { url: shown, media_type: "a WARC archive".into(), attempts: None });
    }
    let file = std::fs::File::open(path).map_err(io_err)?;
    let len = file.metadata().map_err(io_err)?.len();
    if len > config.max_input_bytes {
        return Err(AcquireError::TooLarge { path: shown, limit: config.max_input_bytes });
    }
    let raw = read_capped(file, config.max_input_bytes, usize::try_from(len).unwrap_or(0)).map_err(io_err)?;
    let bytes = gunzip_if_compressed(raw, &shown, config.max_input_bytes)?;
    let kind = match FileKind::of(path) {
        Some(FileKind::Text) => DocumentKind::Text,
        Some(FileKind::Html) => DocumentKind::Html,
        _ => sniff_kind(&bytes),
    };
    Ok(Document { origin: Origin::from_path(shown), kind, bytes })
}

/// Reads a stream (standard input) into one document, decompressing gzip.
pub fn read_stream(reader: impl Read, shown: &str, config: &Config) -> Result<Document, AcquireError> {
    let shown = shown.to_string();
    let raw = read_capped(reader, config.max_input_bytes, 0)
        .map_err(|source| AcquireError::Io { path: shown.clone(), source })?;
    if raw.len() as u64 > config.max_input_bytes {
        return Err(AcquireError::TooLarge { path: shown, limit: config.max_input_bytes });
    }
    let bytes = gunzip_if_compressed(raw, &shown, config.max_input_bytes)?;
    let kind = sniff_kind(&bytes);
    Ok(Document { origin: Origin::from_path(shown), kind, bytes })
}

/// Reads at most `limit + 1` bytes, so that an input over the limit is seen as such.
/// `expected` sizes the buffer up front (a hint, never trusted beyond the limit).
fn read_capped(reader: impl Read, limit: u64, expected: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(expected.min(usize::try_from(limit).unwrap_or(usize::MAX)).saturating_add(1));
    reader.take(limit.saturating_add(1)).read_to_end(&mut out)?;
    Ok(out)
}

/// The uncompressed size a gzip stream's trailer states (of its last member,
/// modulo 4 GiB), bounded by a generous ratio to the compressed size, since a
/// damaged or hostile trailer may state anything.
fn gzip_size_hint(raw: &[u8]) -> usize {
    const MAX_RATIO: usize = 32;
    let stated = raw.len().checked_sub(4).map_or(0, |at| {
        let trailer: [u8; 4] = raw[at..].try_into().expect("four bytes");
        u32::from_le_bytes(trailer) as usize
    });
    stated.min(raw.len().saturating_mul(MAX_RATIO))
}

fn gunzip_if_compressed(raw: Vec<u8>, shown: &str, limit: u64) -> Result<Vec<u8>, AcquireError> {
    if !raw.starts_with(&GZIP_MAGIC) {
        return Ok(raw);
    }
    let out = read_capped(MultiGzDecoder::new(raw.as_slice()), limit, gzip_size_hint(&raw))
        .map_err(|e| AcquireError::Gzip { path: shown.to_string(), message: e.to_string() })?;
    if out.len() as u64 > limit {
        return Err(AcquireError::TooLarge { path: shown.to_string(), limit });
    }
    Ok(out)
}

/// HTML when the content starts like markup (after blanks and a UTF-8 BOM),
/// else plain text.
pub(super) fn sniff_kind(bytes: &[u8]) -> DocumentKind {
    let head = &bytes[..bytes.len().min(1024)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    match start {
        Some(i) if head[i] == b'<' => DocumentKind::Html,
        _ => DocumentKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn kinds_by_name() {
        assert_eq!(FileKind::of(Path::new("a/b.HTML")), Some(FileKind::Html));
        assert_eq!(FileKind::of(Path::new("x.html.gz")), Some(FileKind::Html));
        assert_eq!(FileKind::of(Path::new("x.xhtml")), Some(FileKind::Html));
        assert_eq!(FileKind::of(Path::new("x.txt.gz")), Some(FileKind::Text));
        assert_eq!(FileKind::of(Path::new("x.warc.gz")), Some(FileKind::Warc));
        assert_eq!(FileKind::of(Path::new("x.gz")), None);
        assert_eq!(FileKind::of(Path::new("notes.md")), None);
    }

    #[test]
    fn walk_is_sorted_recursive_and_sniffs_files_named_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let files: [(&str, &[u8]); 8] = [
            ("b.html", b"x"),
            ("a.txt", b"x"),
            ("sub/c.htm.gz", b"x"),
            ("sub/z.png", b"\x89PNG\r\n"),
            ("aa/d.html", b"x"),
            ("mirror/story", b"\n<!doctype html><p>hi"),
            ("mirror/a.shtml", b"<html>"),
            ("mirror/styles.css", b"body { color: red }"),
        ];
        for (name, bytes) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let relative = |p: &Path| p.strip_prefix(dir.path()).unwrap().display().to_string();
        let (mut inputs, mut passed) = (Vec::new(), Vec::new());
        for found in walk(dir.path().to_path_buf()) {
            match found.unwrap() {
                Found::Input(p) => inputs.push(relative(&p)),
                Found::PassedOver(p) => passed.push(relative(&p)),
            }
        }
        assert_eq!(inputs, ["a.txt", "aa/d.html", "b.html", "mirror/a.shtml", "mirror/story", "sub/c.htm.gz"]);
        assert_eq!(passed, ["mirror/styles.css", "sub/z.png"]);
    }

    #[test]
    fn sniffing_tells_archives_pages_and_the_rest_apart_also_in_gzip() {
        let gz = |bytes: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(bytes).unwrap();
            e.finish().unwrap()
        };
        assert_eq!(sniff(b"WARC/1.1\r\nWARC-Type: warcinfo"), Sniffed::Warc);
        assert_eq!(sniff(&gz(b"WARC/1.0\r\n")), Sniffed::Warc);
        assert_eq!(sniff(&gz(b"WARC/1.0\r\n")[..12]), Sniffed::Text, "too little of the stream to tell");
        assert_eq!(sniff(b"\xef\xbb\xbf  <html>"), Sniffed::Html);
        assert_eq!(sniff(&gz(b"<p>hello")), Sniffed::Html);
        assert_eq!(sniff(b"plain words"), Sniffed::Text);
        assert_eq!(sniff(b""), Sniffed::Text);
    }

    #[test]
    fn gzip_is_read_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&vec![b'a'; 10_000]).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let config = Config::default();
        assert_eq!(read_file(&path, &config).unwrap().bytes.len(), 10_000);
        let small = Config { max_input_bytes: 1000, ..Config::default() };
        assert!(matches!(read_file(&path, &small), Err(AcquireError::TooLarge { .. })));
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.html.gz");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>hello world, this is a page</p>").unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let err = read_file(&path, &Config::default()).unwrap_err();
        assert_eq!(err.kind(), "gzip", "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_a_folder_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.html"), "<p>x</p>").unwrap();
        let fifo = dir.path().join("b.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("SKIPPED a_fifo_in_a_folder_is_an_error_not_a_hang: mkfifo is not available");
            return;
        }
        let found: Vec<_> = walk(dir.path().to_path_buf()).collect();
        assert!(matches!(&found[0], Ok(Found::Input(p)) if p.ends_with("a.html")), "{found:?}");
        match &found[1] {
            Err((path, e)) => {
                assert_eq!(path, &fifo);
                assert!(e.to_string().contains("not a regular file"), "{e}");
            }
            other => panic!("the FIFO is an error: {other:?}"),
        }
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_file(Path::new("/no/such/page.html"), &Config::default()).unwrap_err();
        assert_eq!(err.kind(), "io");
        assert!(err.to_string().starts_with("cannot read /no/such/page.html"));
    }
}
