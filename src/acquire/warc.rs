//! WARC archives (ISO 28500, WARC/1.0 and 1.1): a streaming reader and a writer.
//!
//! [`WarcReader`] reads records one at a time from an uncompressed archive or a
//! gzip one (one gzip member per record, as the spec recommends, or any other
//! split into members); memory holds one record, whatever the archive's size.
//! Each record carries the byte offset where it starts in the file (for `.gz`,
//! where its gzip member starts) and, when it is not the first record of its
//! gzip member, where it starts in the member's decompressed bytes, so a record
//! can be found again and no two records of an archive share a place. A corrupt or
//! truncated record is an error for that record alone: the reader finds the next
//! record (the next gzip member, or the next `WARC/` version line) and goes on.
//!
//! [`parse_http_response`] reads the HTTP message inside a `response` record
//! (status, headers, chunked transfer coding, gzip/deflate/brotli content
//! coding), capped in size like every other input. [`WarcWriter`] writes
//! `warcinfo`, `request` and `response` records, each its own gzip member, with
//! `WARC-Block-Digest` and `WARC-Payload-Digest` (SHA-1, base32).
//!
//! This module knows nothing of documents or HTML; `acquire` decides which
//! records become documents.

use flate2::bufread::GzDecoder;
use sha1::{Digest, Sha1};
use std::io::{self, BufRead, BufReader, Read, Write};

/// Longest header line read, in bytes.
const MAX_HEADER_LINE: u64 = 16 * 1024;
/// Most header lines in one WARC or HTTP header block.
const MAX_HEADER_LINES: usize = 512;
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// One WARC record: its named headers and its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// Where the record starts in the archive file (its gzip member, for `.gz`).
    pub offset: u64,
    /// Where it starts in its gzip member's decompressed bytes, when that is not
    /// at the member's start (an archive compressed as one member).
    pub in_member: Option<u64>,
    /// The headers in order, names as written.
    pub headers: Vec<(String, String)>,
    /// The record block (for a `response`, the whole HTTP message).
    pub block: Vec<u8>,
}

impl WarcRecord {
    /// The first header of this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// `WARC-Type`, lower-cased.
    pub fn warc_type(&self) -> String {
        self.header("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }

    /// `WARC-Target-URI`, without the angle brackets some writers add.
    pub fn target_uri(&self) -> Option<&str> {
        self.header("WARC-Target-URI").map(|u| u.trim_start_matches('<').trim_end_matches('>'))
    }
}

/// Why a record could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("corrupt WARC record at {}: {message}", place(*offset, *in_member))]
    Corrupt { offset: u64, in_member: Option<u64>, message: String },
    #[error("truncated WARC record at {}: {message}", place(*offset, *in_member))]
    Truncated { offset: u64, in_member: Option<u64>, message: String },
    #[error("WARC record at {} ({uri}) is larger than the input limit of {limit} bytes", place(*offset, *in_member))]
    TooLarge { offset: u64, in_member: Option<u64>, uri: String, limit: u64 },
    #[error("cannot read the archive: {0}")]
    Io(#[from] io::Error),
}

impl WarcError {
    /// Where the failed record starts, when known.
    pub fn offset(&self) -> Option<u64> {
        match self {
            WarcError::Corrupt { offset, .. }
            | WarcError::Truncated { offset, .. }
            | WarcError::TooLarge { offset, .. } => Some(*offset),
            WarcError::Io(_) => None,
        }
    }

    /// Where the failed record starts in its gzip member, when not at its start.
    pub fn in_member(&self) -> Option<u64> {
        match self {
            WarcError::Corrupt { in_member, .. }
            | WarcError::Truncated { in_member, .. }
            | WarcError::TooLarge { in_member, .. } => *in_member,
            WarcError::Io(_) => None,
        }
    }
}

/// Reads one record of the gzip member that starts at `offset`, with its place in
/// the member's decompressed bytes.
fn read_member_record(
    member: &mut Counted<impl BufRead>,
    offset: u64,
    max_block: u64,
) -> Result<Option<WarcRecord>, WarcError> {
    let at = member_place(member.consumed);
    read_record(member, offset, at, max_block)
}

/// A record's place in its gzip member: none at the member's start, the usual
/// case of one record a member.
fn member_place(consumed: u64) -> Option<u64> {
    (consumed > 0).then_some(consumed)
}

/// "offset 120", or "offset 0, byte 5310 of its gzip member".
fn place(offset: u64, in_member: Option<u64>) -> String {
    match in_member {
        Some(inner) => format!("offset {offset}, byte {inner} of its gzip member"),
        None => format!("offset {offset}"),
    }
}

/// Most compressed bytes of one gzip member kept to read again after it fails.
const MAX_TAPE_BYTES: usize = 16 * 1024 * 1024;

/// A `BufRead` that counts the bytes consumed from it. While a gzip member is
/// read it can also keep them (`tape`), so that when the member turns out to be
/// cut short, the bytes the decoder took past the cut (the start of the next
/// member) are handed out again (`back`) instead of lost.
struct Counted<R> {
    inner: R,
    consumed: u64,
    /// The bytes consumed since recording began; none when not recording or
    /// when they passed [`MAX_TAPE_BYTES`].
    tape: Option<Vec<u8>>,
    /// Bytes to hand out again before `inner`'s, from `back_at` on.
    back: Vec<u8>,
    back_at: usize,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Self {
        Counted { inner, consumed: 0, tape: None, back: Vec::new(), back_at: 0 }
    }

    /// Starts keeping the bytes consumed from here on.
    fn record(&mut self) {
        self.tape = Some(Vec::new());
    }

    /// Stops keeping them and gives back what was kept, if all of it was.
    fn stop_recording(&mut self) -> Option<Vec<u8>> {
        self.tape.take()
    }

    /// Reads `bytes` again before anything else; `consumed` becomes `at`.
    fn rewind(&mut self, bytes: &[u8], at: u64) {
        let mut back = bytes.to_vec();
        back.extend_from_slice(&self.back[self.back_at..]);
        (self.back, self.back_at, self.consumed) = (back, 0, at);
    }
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // Neither handing out again nor keeping: a read straight through, which
        // lets a large read skip the inner buffer.
        if self.back_at >= self.back.len() && self.tape.is_none() {
            let n = self.inner.read(buf)?;
            self.consumed += n as u64;
            return Ok(n);
        }
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.back_at < self.back.len() {
            return Ok(&self.back[self.back_at..]);
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        let from_back = self.back_at < self.back.len();
        if let Some(tape) = &mut self.tape {
            let taken = if from_back {
                Some(&self.back[self.back_at..self.back_at + amt])
            } else {
                self.inner.fill_buf().ok().map(|buf| &buf[..amt])
            };
            match taken {
                Some(bytes) if tape.len() + bytes.len() <= MAX_TAPE_BYTES => tape.extend_from_slice(bytes),
                _ => self.tape = None,
            }
        }
        if from_back {
            self.back_at += amt;
            if self.back_at == self.back.len() {
                (self.back, self.back_at) = (Vec::new(), 0);
            }
        } else {
            self.inner.consume(amt);
        }
    }
}

enum State<R> {
    /// An uncompressed archive.
    Plain(Counted<R>),
    /// A gzip archive, between members.
    Between(Counted<R>),
    /// A gzip archive, inside the member that starts at `offset`; the member's
    /// decompressed bytes are counted.
    Member { member: Box<Counted<BufReader<GzDecoder<Counted<R>>>>>, offset: u64 },
    /// After an unrecoverable read error.
    Done,
}

/// Reads WARC records one at a time; see the module docs.
pub struct WarcReader<R> {
    state: State<R>,
    max_block_bytes: u64,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over an archive, compressed or not (told by the gzip magic bytes).
    /// Blocks longer than `max_block_bytes` are skipped as [`WarcError::TooLarge`].
    pub fn new(mut inner: R, max_block_bytes: u64) -> io::Result<Self> {
        let gzip = inner.fill_buf()?.starts_with(&GZIP_MAGIC[..2]);
        let counted = Counted::new(inner);
        let state = if gzip { State::Between(counted) } else { State::Plain(counted) };
        Ok(WarcReader { state, max_block_bytes })
    }

    fn next_record(&mut self) -> Option<Result<WarcRecord, WarcError>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(mut raw) => {
                    let offset = raw.consumed;
                    match read_record(&mut raw, offset, None, self.max_block_bytes) {
                        Ok(None) => return None,
                        // An I/O error ends the archive (the state stays Done).
                        Err(e @ WarcError::Io(_)) => return Some(Err(e)),
                        Ok(Some(record)) => {
                            self.state = State::Plain(raw);
                            return Some(Ok(record));
                        }
                        Err(e @ WarcError::TooLarge { .. }) => {
                            self.state = State::Plain(raw);
                            return Some(Err(e));
                        }
                        Err(e) => {
                            // Resynchronise at the next version line.
                            if skip_to_version_line(&mut raw).is_ok() {
                                self.state = State::Plain(raw);
                            }
                            return Some(Err(e));
                        }
                    }
                }
                State::Between(mut raw) => match raw.fill_buf() {
                    Err(e) => return Some(Err(WarcError::Io(e))),
                    Ok([]) => return None,
                    Ok(buf) if !buf.starts_with(&GZIP_MAGIC[..buf.len().min(3)]) => {
                        let offset = raw.consumed;
                        // This byte starts no member: step past it before looking for one.
                        raw.consume(1);
                        let skipped = skip_to_gzip_member(&mut raw);
                        self.state = State::Between(raw);
                        if let Err(e) = skipped {
                            self.state = State::Done;
                            return Some(Err(WarcError::Io(e)));
                        }
                        let message = "bytes between gzip members that are not a gzip member".into();
                        return Some(Err(WarcError::Corrupt { offset, in_member: None, message }));
                    }
                    Ok(_) => {
                        let offset = raw.consumed;
                        raw.record();
                        let member = Counted::new(BufReader::new(GzDecoder::new(raw)));
                        self.state = State::Member { member: Box::new(member), offset };
                    }
                },
                State::Member { mut member, offset } => match member.fill_buf() {
                    Ok([]) => self.state = State::Between(end_member(*member)),
                    Ok(_) => match read_member_record(&mut member, offset, self.max_block_bytes) {
                        Ok(None) => self.state = State::Between(end_member(*member)),
                        // Looking past the record checks the member's CRC when the record ends it.
                        Ok(Some(record)) => match member.fill_buf() {
                            Ok(_) => {
                                self.state = State::Member { member, offset };
                                return Some(Ok(record));
                            }
                            Err(e) => {
                                self.state = self.recover(*member, offset);
                                return Some(Err(bad_gzip(offset, e)));
                            }
                        },
                        Err(e @ WarcError::TooLarge { .. }) => {
                            self.state = State::Member { member, offset };
                            return Some(Err(e));
                        }
                        // The rest of this member is not to be trusted: go on at the next one.
                        Err(WarcError::Io(e)) => {
                            self.state = self.recover(*member, offset);
                            return Some(Err(bad_gzip(offset, e)));
                        }
                        Err(e) => {
                            self.state = self.recover(*member, offset);
                            return Some(Err(e));
                        }
                    },
                    Err(e) => {
                        self.state = self.recover(*member, offset);
                        return Some(Err(bad_gzip(offset, e)));
                    }
                },
            }
        }
    }

    /// After a failed member, the state that reads on from the next gzip member.
    fn recover(&self, member: Counted<BufReader<GzDecoder<Counted<R>>>>, offset: u64) -> State<R> {
        let mut raw = member.inner.into_inner().into_inner();
        // The decoder of a member cut short reads on into the next member's
        // bytes: look for a member start in what it took, past the failed start.
        if let Some(tape) = raw.stop_recording()
            && let Some(p) = tape.get(1..).and_then(|t| memchr::memmem::find(t, &GZIP_MAGIC)).map(|p| p + 1)
        {
            raw.rewind(&tape[p..], offset + p as u64);
            return State::Between(raw);
        }
        if raw.consumed == offset {
            // Make progress past the failed member's magic bytes.
            let available = raw.fill_buf().map_or(0, |b| b.len().min(1));
            raw.consume(available);
        }
        match skip_to_gzip_member(&mut raw) {
            Ok(()) => State::Between(raw),
            Err(_) => State::Done,
        }
    }
}

/// The raw reader after a member read to its end, no longer recording.
fn end_member<R>(member: Counted<BufReader<GzDecoder<Counted<R>>>>) -> Counted<R> {
    let mut raw = member.inner.into_inner().into_inner();
    raw.stop_recording();
    raw
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

fn bad_gzip(offset: u64, e: io::Error) -> WarcError {
    WarcError::Corrupt { offset, in_member: None, message: format!("bad gzip data: {e}") }
}

/// Reads one record; `Ok(None)` at a clean end of input.
fn read_record(
    r: &mut impl BufRead,
    offset: u64,
    in_member: Option<u64>,
    max_block: u64,
) -> Result<Option<WarcRecord>, WarcError> {
    let corrupt = |message: String| WarcError::Corrupt { offset, in_member, message };
    let mut line = Vec::new();
    // Records are separated by CRLF CRLF; tolerate any number of blank lines.
    loop {
        line.clear();
        if read_line(r, &mut line)? == 0 {
            return Ok(None);
        }
        if !trim_eol(&line).is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err(corrupt("the record does not start with a WARC/ version line".into()));
    }
    let headers = read_headers(r).map_err(|e| match e {
        HeaderError::Io(e) => WarcError::Io(e),
        HeaderError::Bad(m) => corrupt(m),
        HeaderError::Eof => {
            WarcError::Truncated { offset, in_member, message: "the archive ends inside the headers".into() }
        }
    })?;
    let length = header(&headers, "Content-Length")
        .ok_or_else(|| corrupt("no Content-Length".into()))?
        .trim()
        .parse::<u64>()
        .map_err(|_| corrupt("Content-Length is not a number".into()))?;
    if length > max_block {
        let uri = header(&headers, "WARC-Target-URI").unwrap_or("no target URI").to_string();
        let skipped = io::copy(&mut r.take(length), &mut io::sink())?;
        if skipped < length {
            let message = format!("the block ends after {skipped} of {length} bytes");
            return Err(WarcError::Truncated { offset, in_member, message });
        }
        return Err(WarcError::TooLarge { offset, in_member, uri, limit: max_block });
    }
    let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
    r.take(length).read_to_end(&mut block)?;
    if (block.len() as u64) < length {
        let message = format!("the block ends after {} of {length} bytes", block.len());
        return Err(WarcError::Truncated { offset, in_member, message });
    }
    skip_line_ends(r)?;
    Ok(Some(WarcRecord { offset, in_member, headers, block }))
}

enum HeaderError {
    Io(io::Error),
    Bad(String),
    Eof,
}

impl From<io::Error> for HeaderError {
    fn from(e: io::Error) -> Self {
        HeaderError::Io(e)
    }
}

/// Reads `Name: value` lines up to a blank line; continuation lines join the
/// previous value.
fn read_headers(r: &mut impl BufRead) -> Result<Vec<(String, String)>, HeaderError> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(r, &mut line)? == 0 {
            return Err(HeaderError::Eof);
        }
        let text = trim_eol(&line);
        if text.is_empty() {
            return Ok(headers);
        }
        if headers.len() >= MAX_HEADER_LINES {
            return Err(HeaderError::Bad(format!("more than {MAX_HEADER_LINES} header lines")));
        }
        let text = String::from_utf8_lossy(text);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(HeaderError::Bad(format!("a header line without a colon: {:.80}", text)));
        };
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
}

/// Reads one line, at most [`MAX_HEADER_LINE`] bytes; returns the bytes read.
fn read_line(r: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<usize> {
    r.take(MAX_HEADER_LINE).read_until(b'\n', line)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The first header of this name (case-insensitive) in a header list.
pub(crate) fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Consumes the CR and LF bytes that end a record, so the next record's offset
/// is where it starts.
fn skip_line_ends(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        let n = buf.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if n == 0 {
            return Ok(());
        }
        r.consume(n);
    }
}

/// Consumes lines up to (not including) the next line that starts with `WARC/`.
fn skip_to_version_line(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if buf.starts_with(b"WARC/") {
            return Ok(());
        }
        // Drop up to and including the next newline, within what is buffered.
        let n = buf.iter().position(|&b| b == b'\n').map_or(buf.len(), |i| i + 1);
        r.consume(n);
    }
}

/// Consumes bytes up to the next gzip magic (or the end of input).
fn skip_to_gzip_member(r: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == GZIP_MAGIC[0]) {
            // A magic split across buffer refills is taken as a candidate; if it is
            // not one, the member fails and the scan goes on past it.
            Some(i) if buf.len() - i < 3 || buf[i..].starts_with(&GZIP_MAGIC) => {
                r.consume(i);
                return Ok(());
            }
            Some(i) => r.consume(i + 1),
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// The HTTP response inside a `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body, with transfer and content codings removed.
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        self.header("Content-Type").map(media_type_of)
    }

    /// The `charset` parameter of `Content-Type`.
    pub fn charset(&self) -> Option<String> {
        charset_of(self.header("Content-Type")?)
    }
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub fn media_type_of(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"').to_string())
    })
}

/// Parses an HTTP response message; the body is decoded (chunked, gzip, deflate,
/// br) and must stay within `max_body` bytes.
pub fn parse_http_response(block: &[u8], max_body: u64) -> Result<HttpResponse, String> {
    let mut reader = block;
    let mut status_line = Vec::new();
    read_line(&mut reader, &mut status_line).map_err(|e| e.to_string())?;
    let status_line = String::from_utf8_lossy(trim_eol(&status_line)).into_owned();
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:.60}", status_line));
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("no status code in {:.60}", status_line))?;
    let headers = match read_headers(&mut reader) {
        Ok(h) => h,
        Err(HeaderError::Eof) => return Ok(HttpResponse { status, headers: Vec::new(), body: Vec::new() }),
        Err(HeaderError::Bad(m)) => return Err(m),
        Err(HeaderError::Io(e)) => return Err(e.to_string()),
    };
    let mut body = reader.to_vec();
    let chunked = header(&headers, "Transfer-Encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked && let Some(joined) = dechunk(&body) {
        body = joined;
    }
    if let Some(coding) = header(&headers, "Content-Encoding") {
        body = decode_content(&body, &coding.trim().to_ascii_lowercase(), max_body)?;
    }
    if body.len() as u64 > max_body {
        return Err(format!("the body is larger than the input limit of {max_body} bytes"));
    }
    Ok(HttpResponse { status, headers, body })
}

/// Joins the chunks of a chunked body; `None` when it is not well formed (some
/// archives keep the header but store the body already joined).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = body.iter().position(|&b| b == b'\n')?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?.trim();
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
}

fn decode_content(body: &[u8], coding: &str, max_body: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let capped = max_body.saturating_add(1);
    let result = match coding {
        "" | "identity" => return Ok(body.to_vec()),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body).take(capped).read_to_end(&mut out),
        "deflate" => {
            // Servers send zlib-wrapped or raw deflate under this name.
            let zlib = flate2::read::ZlibDecoder::new(body).take(capped).read_to_end(&mut out);
            match zlib {
                Ok(n) => Ok(n),
                Err(_) => {
                    out.clear();
                    flate2::read::DeflateDecoder::new(body).take(capped).read_to_end(&mut out)
                }
            }
        }
        "br" => brotli::Decompressor::new(body, 4096).take(capped).read_to_end(&mut out),
        other => return Err(format!("unknown content coding {other:.40}")),
    };
    result.map_err(|e| format!("cannot decode the {coding} body: {e}"))?;
    Ok(out)
}

/// Writes WARC/1.1 records, each its own gzip member.
pub struct WarcWriter<W: Write> {
    out: W,
}

/// One HTTP exchange to archive.
pub struct Exchange<'a> {
    pub url: &'a str,
    /// When the response was received (ISO 8601, UTC).
    pub date: &'a str,
    pub ip: Option<std::net::IpAddr>,
    /// The request as sent: request line and headers.
    pub request_head: &'a [u8],
    /// The response status line and headers, as they describe `body`.
    pub response_head: &'a [u8],
    pub body: &'a [u8],
}

impl<W: Write> WarcWriter<W> {
    pub fn new(out: W) -> Self {
        WarcWriter { out }
    }

    /// A `warcinfo` record naming the software.
    pub fn write_info(&mut self, date: &str, fields: &str) -> io::Result<()> {
        let headers = [
            ("WARC-Type", "warcinfo".to_string()),
            ("WARC-Date", date.to_string()),
            ("WARC-Record-ID", record_id()),
            ("Content-Type", "application/warc-fields".to_string()),
        ];
        self.write_record(&headers, &[fields.as_bytes()])
    }

    /// A `request` record and the `response` record concurrent to it.
    pub fn write_exchange(&mut self, x: &Exchange) -> io::Result<()> {
        let response_id = record_id();
        let mut common = vec![("WARC-Target-URI", x.url.to_string()), ("WARC-Date", x.date.to_string())];
        if let Some(ip) = x.ip {
            common.push(("WARC-IP-Address", ip.to_string()));
        }
        let mut request = vec![("WARC-Type", "request".to_string()), ("WARC-Record-ID", record_id())];
        request.extend(common.iter().cloned());
        request.push(("WARC-Concurrent-To", response_id.clone()));
        request.push(("Content-Type", "application/http; msgtype=request".to_string()));
        request.push(("WARC-Block-Digest", sha1_label(&[x.request_head])));
        self.write_record(&request, &[x.request_head])?;

        let mut response = vec![("WARC-Type", "response".to_string()), ("WARC-Record-ID", response_id)];
        response.extend(common);
        response.push(("Content-Type", "application/http; msgtype=response".to_string()));
        response.push(("WARC-Payload-Digest", sha1_label(&[x.body])));
        response.push(("WARC-Block-Digest", sha1_label(&[x.response_head, x.body])));
        self.write_record(&response, &[x.response_head, x.body])
    }

    fn write_record(&mut self, headers: &[(&str, String)], block: &[&[u8]]) -> io::Result<()> {
        let length: usize = block.iter().map(|part| part.len()).sum();
        let mut gz = flate2::write::GzEncoder::new(&mut self.out, flate2::Compression::default());
        gz.write_all(b"WARC/1.1\r\n")?;
        for (name, value) in headers {
            write!(gz, "{name}: {value}\r\n")?;
        }
        write!(gz, "Content-Length: {length}\r\n\r\n")?;
        for part in block {
            gz.write_all(part)?;
        }
        gz.write_all(b"\r\n\r\n")?;
        gz.finish()?;
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    pub fn into_inner(self) -> W {
        self.out
    }
}

fn record_id() -> String {
    format!("<urn:uuid:{}>", uuid::Uuid::new_v4())
}

/// `sha1:` and the base32 SHA-1 of the parts, the digest form WARC tools use.
fn sha1_label(parts: &[&[u8]]) -> String {
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    format!("sha1:{}", data_encoding::BASE32.encode(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    fn gz(text: &str) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    }

    fn read_all(bytes: &[u8]) -> Vec<Result<WarcRecord, WarcError>> {
        WarcReader::new(bytes, 1 << 20).unwrap().collect()
    }

    #[test]
    fn plain_records_with_offsets() {
        let a = record("http://a/", "HTTP/1.1 200 OK\r\n\r\nA");
        let b = record("http://b/", "HTTP/1.1 200 OK\r\n\r\nBB");
        let archive = format!("{a}{b}");
        let got = read_all(archive.as_bytes());
        assert_eq!(got.len(), 2);
        let second = got[1].as_ref().unwrap();
        assert_eq!(second.offset, a.len() as u64);
        assert_eq!(second.target_uri(), Some("http://b/"));
        assert!(second.block.ends_with(b"BB"));
    }

    #[test]
    fn gzip_members_give_member_offsets() {
        let a = gz(&record("http://a/", "x"));
        let b = gz(&record("http://b/", "y"));
        let archive = [a.clone(), b].concat();
        let got: Vec<_> = read_all(&archive).into_iter().map(Result::unwrap).collect();
        assert_eq!(got.iter().map(|r| r.offset).collect::<Vec<_>>(), [0, a.len() as u64]);
        // One member holding both records reads too.
        let one = gz(&format!("{}{}", record("http://a/", "x"), record("http://b/", "y")));
        assert_eq!(read_all(&one).into_iter().filter(Result::is_ok).count(), 2);
    }

    #[test]
    fn a_corrupt_member_is_one_error_and_the_rest_reads() {
        let good = gz(&record("http://a/", "x"));
        let mut bad = gz(&record("http://bad/", "zzzzzzzzzzzzzzzzzzzzzzzz"));
        let middle = bad.len() / 2;
        bad[middle..middle + 4].copy_from_slice(b"\xff\xff\xff\xff");
        let archive = [good.clone(), bad, good].concat();
        let got = read_all(&archive);
        assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 2, "{got:?}");
        assert!(got.iter().any(Result::is_err));
    }

    #[test]
    fn after_a_member_cut_short_the_next_member_still_reads() {
        let body = "prose of the page ".repeat(40);
        let members: Vec<Vec<u8>> = (0..6).map(|i| gz(&record(&format!("http://{i}/"), &body))).collect();
        for cut_member in 0..members.len() {
            for share in [0.2, 0.5, 0.8] {
                let mut archive = Vec::new();
                for (i, m) in members.iter().enumerate() {
                    let keep = if i == cut_member { (m.len() as f64 * share) as usize } else { m.len() };
                    archive.extend_from_slice(&m[..keep]);
                }
                let got = read_all(&archive);
                let uris: Vec<String> =
                    got.iter().filter_map(|r| r.as_ref().ok()).map(|r| r.target_uri().unwrap().to_string()).collect();
                let others: Vec<String> = (0..6).filter(|&i| i != cut_member).map(|i| format!("http://{i}/")).collect();
                assert_eq!(uris, others, "member {cut_member} cut at {share}");
                assert_eq!(got.iter().filter(|r| r.is_err()).count(), 1, "the cut is one error");
            }
        }
    }

    #[test]
    fn a_truncated_archive_ends_with_an_error() {
        let archive = [gz(&record("http://a/", "x")), gz(&record("http://b/", "yyyy"))].concat();
        let cut = &archive[..archive.len() - 10];
        let got = read_all(cut);
        assert!(got[0].is_ok());
        assert!(got.last().unwrap().is_err());
        let plain = record("http://a/", "0123456789");
        let got = read_all(&plain.as_bytes()[..plain.len() - 8]);
        assert!(matches!(got.as_slice(), [Err(WarcError::Truncated { .. })]), "{got:?}");
    }

    #[test]
    fn garbage_between_plain_records_is_skipped() {
        let archive = format!("{}junk line\r\nmore junk\r\n{}", record("http://a/", "x"), record("http://b/", "y"));
        let got = read_all(archive.as_bytes());
        assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 2);
        assert_eq!(got.iter().filter(|r| r.is_err()).count(), 1);
    }

    #[test]
    fn oversized_blocks_are_skipped_with_an_error() {
        let archive = format!("{}{}", record("http://big/", &"z".repeat(5000)), record("http://b/", "y"));
        let got: Vec<_> = WarcReader::new(archive.as_bytes(), 1000).unwrap().collect();
        assert!(matches!(&got[0], Err(WarcError::TooLarge { uri, .. }) if uri == "http://big/"));
        assert_eq!(got[1].as_ref().unwrap().target_uri(), Some("http://b/"));
    }

    #[test]
    fn http_messages_are_decoded() {
        let r =
            parse_http_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"Shift_JIS\"\r\n\r\n<p>", 100)
                .unwrap();
        assert_eq!(
            (r.status, r.charset().as_deref(), r.media_type().as_deref()),
            (200, Some("Shift_JIS"), Some("text/html"))
        );
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse_http_response(chunked, 100).unwrap().body, b"abcde");
        let mut gzipped = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        gzipped.extend(gz("hello"));
        assert_eq!(parse_http_response(&gzipped, 100).unwrap().body, b"hello");
        let mut bomb = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        bomb.extend(gz(&"0".repeat(100_000)));
        assert!(parse_http_response(&bomb, 1000).unwrap_err().contains("larger than"));
        assert!(parse_http_response(b"GET / HTTP/1.1\r\n\r\n", 100).is_err());
    }

    #[test]
    fn written_archives_read_back_with_valid_digests() {
        let mut writer = WarcWriter::new(Vec::new());
        writer.write_info("2026-01-01T00:00:00Z", "software: gleaner\r\n").unwrap();
        let exchange = Exchange {
            url: "http://example.com/a",
            date: "2026-01-01T00:00:01Z",
            ip: Some("127.0.0.1".parse().unwrap()),
            request_head: b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
            response_head: b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n",
            body: b"<p>x!",
        };
        writer.write_exchange(&exchange).unwrap();
        let bytes = writer.into_inner();
        let records: Vec<_> = read_all(&bytes).into_iter().map(Result::unwrap).collect();
        let types: Vec<String> = records.iter().map(WarcRecord::warc_type).collect();
        assert_eq!(types, ["warcinfo", "request", "response"]);
        let response = &records[2];
        assert_eq!(response.header("WARC-Block-Digest").unwrap(), sha1_label(&[&response.block]));
        assert_eq!(response.header("WARC-Payload-Digest").unwrap(), sha1_label(&[b"<p>x!"]));
        assert_eq!(records[1].header("WARC-Concurrent-To"), response.header("WARC-Record-ID"));
        assert_eq!(parse_http_response(&response.block, 100).unwrap().body, b"<p>x!");
    }

    #[test]
    fn records_of_one_gzip_member_each_have_a_place_in_it() {
        let mut writer = WarcWriter::new(Vec::new());
        for _ in 0..3 {
            writer.write_info("2026-12-03T00:00:00Z", "software: gleaner\r\n").unwrap();
        }
        let per_record = writer.into_inner();
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(&per_record[..]).read_to_end(&mut plain).unwrap();
        let mut one = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        one.write_all(&plain).unwrap();
        let places = |bytes: &[u8]| -> Vec<(u64, Option<u64>)> {
            read_all(bytes).into_iter().map(|r| r.unwrap()).map(|r| (r.offset, r.in_member)).collect()
        };
        let got = places(&one.finish().unwrap());
        let record = plain.len() as u64 / 3;
        assert_eq!(got, [(0, None), (0, Some(record)), (0, Some(2 * record))]);
        let got = places(&per_record);
        assert!(got.iter().all(|&(_, inner)| inner.is_none()) && got[1].0 > 0, "{got:?}");
        assert_eq!(places(&plain), [(0, None), (record, None), (2 * record, None)]);
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::*;

    /// Inputs the fuzzer (fuzz/, target warc_reader) found, kept so they stay fixed.
    #[test]
    fn a_stray_byte_after_a_member_ends_the_archive() {
        // Two bytes after a broken member, the first 0x1f: the reader once
        // reported them forever without moving on.
        let data = include_bytes!("../../tests/fuzz_regressions/warc_reader-1.warc.gz");
        let got: Vec<_> = WarcReader::new(&data[..], 1 << 20).unwrap().take(100).collect();
        assert!(got.len() < 10, "{} items from {} bytes", got.len(), data.len());
        let tail = [GZIP_MAGIC[0], b'x'];
        assert_eq!(WarcReader::new(&tail[..], 1 << 20).unwrap().take(10).count(), 1);
    }
}
