//! Bytes to text, choosing the character encoding the way browsers do.
//!
//! Order of evidence: a byte-order mark; the `charset` of the HTTP `Content-Type`
//! when the page was fetched; for HTML, a `<meta charset>` or `<meta http-equiv>`
//! in the first bytes of the page; last, a guess by `chardetng`. The conversion
//! itself is `encoding_rs`, which replaces malformed sequences with U+FFFD and
//! never fails. A guess, and malformed bytes, are reported as warnings.
//!
//! One check overrides a declaration: bytes that are valid UTF-8 and not all
//! ASCII, declared as another encoding (a `gb2312` or `Shift_JIS` label left on
//! a page re-saved as UTF-8), are read as UTF-8, the decoding that loses nothing,
//! with a warning. Text in a legacy multi-byte or 8-bit encoding is valid UTF-8
//! only by rare accident (and then it is the mojibake of UTF-8 itself).
//!
//! This stage does not parse HTML and does not clean text.

use crate::document::DocumentKind;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How many leading bytes are searched for a `<meta>` charset declaration.
/// Browsers look at 1024; pages with long inline scripts in `<head>` need more.
const META_PRESCAN_BYTES: usize = 4096;
/// How many leading bytes are inspected to tell text from binary data.
const BINARY_SNIFF_BYTES: usize = 8192;

/// Where the encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    ByteOrderMark,
    HttpHeader,
    MetaTag,
    Guessed,
    /// A declared (HTTP or `<meta>`) encoding overruled: the bytes are valid UTF-8.
    ValidUtf8Overrides(&'static Encoding),
}

/// Decoded text and how it was decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub source: EncodingSource,
    /// True when some bytes were malformed in that encoding and were replaced.
    pub had_errors: bool,
}

impl Decoded {
    /// Warnings for the record: a guessed encoding, replaced bytes.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.source == EncodingSource::Guessed && self.encoding != UTF_8 {
            out.push(format!("encoding guessed: {}", self.encoding.name()));
        }
        if let EncodingSource::ValidUtf8Overrides(declared) = self.source {
            out.push(format!("declared charset {} ignored: the bytes are valid UTF-8", declared.name()));
        }
        if self.had_errors {
            out.push(format!("malformed bytes for {} replaced", self.encoding.name()));
        }
        out
    }
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty input")]
    Empty,
    #[error("binary data, not text ({0})")]
    Binary(&'static str),
}

/// Decodes a document's bytes.
pub fn decode(bytes: &[u8], http_charset: Option<&str>, kind: DocumentKind) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let (encoding, source, body) = choose_encoding(bytes, http_charset, kind);
    if encoding != UTF_16LE && encoding != UTF_16BE {
        check_not_binary(body)?;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded { text: text.into_owned(), encoding, source, had_errors })
}

/// The encoding, where it came from, and the bytes to decode (without a BOM).
fn choose_encoding<'a>(
    bytes: &'a [u8],
    http_charset: Option<&str>,
    kind: DocumentKind,
) -> (&'static Encoding, EncodingSource, &'a [u8]) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return (encoding, EncodingSource::ByteOrderMark, &bytes[bom_len..]);
    }
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .map(|e| (e, EncodingSource::HttpHeader))
        .or_else(|| {
            let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
            (kind == DocumentKind::Html)
                .then(|| prescan_meta_charset(head))
                .flatten()
                .map(|e| (e, EncodingSource::MetaTag))
        });
    if let Some((encoding, source)) = declared {
        if encoding != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
            return (UTF_8, EncodingSource::ValidUtf8Overrides(encoding), bytes);
        }
        return (encoding, source, bytes);
    }
    // Valid UTF-8 with non-ASCII bytes is what chardetng would answer too (UTF-8
    // detection is allowed below); checking validity is many times cheaper than
    // running the detector over the whole page.
    if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, EncodingSource::Guessed, bytes);
    }
    // Scripts never run here, so ISO-2022-JP may be guessed; UTF-8 is allowed since
    // archived pages are often unlabelled UTF-8.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    (detector.guess(None, chardetng::Utf8Detection::Allow), EncodingSource::Guessed, bytes)
}

/// Rejects bytes that are plainly not text: NUL bytes, or many control characters.
fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if head.contains(&0) {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    if controls * 20 > head.len() {
        return Err(DecodeError::Binary("control characters"));
    }
    Ok(())
}

/// Finds a charset declared by a `<meta>` element, as the HTML prescan does.
fn prescan_meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while let Some(found) = find_ascii_ci(&head[pos..], b"<meta") {
        let start = pos + found + 5;
        let after = *head.get(start)?;
        pos = start;
        if !(after.is_ascii_whitespace() || after == b'/') {
            continue;
        }
        let (attrs, end) = parse_attributes(&head[start..]);
        pos = start + end;
        let mut charset = None;
        let mut http_equiv_content_type = false;
        let mut content = None;
        for (name, value) in attrs {
            match name.as_str() {
                "charset" => charset = Some(value),
                "http-equiv" => http_equiv_content_type = value.eq_ignore_ascii_case("content-type"),
                "content" => content = Some(value),
                _ => {}
            }
        }
        let label = charset.or_else(|| {
            if http_equiv_content_type { content.as_deref().and_then(charset_from_content_type) } else { None }
        });
        if let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
            // The HTML standard: a UTF-16 declaration in the page itself means UTF-8.
            return Some(match encoding {
                e if e == UTF_16LE || e == UTF_16BE => UTF_8,
                e if e == X_USER_DEFINED => WINDOWS_1252,
                e => e,
            });
        }
    }
    None
}

/// The `charset=` parameter of a Content-Type value.
pub fn charset_from_content_type(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then(|| label.to_string())
}

/// Parses `name=value` attributes up to the closing `>`; returns them (names
/// lower-cased) and the index just past the `>`.
fn parse_attributes(bytes: &[u8]) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = 0;
    let n = bytes.len();
    loop {
        while i < n && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= n || bytes[i] == b'>' {
            return (attrs, (i + 1).min(n));
        }
        let name_start = i;
        while i < n && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&bytes[name_start..i]).to_ascii_lowercase();
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let value_start = i + 1;
                i = value_start;
                while i < n && bytes[i] != quote {
                    i += 1;
                }
                value = String::from_utf8_lossy(&bytes[value_start..i]).into_owned();
                i = (i + 1).min(n);
            } else {
                let value_start = i;
                while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&bytes[value_start..i]).into_owned();
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_utf8_shortcut_agrees_with_chardetng() {
        for text in ["Café über straße", "北京 2023 年", "Москва — столица", "서울 뉴스", "a\u{00A0}b"]
        {
            let page = format!("<html><body><p>{text}</p></body></html>");
            let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
            detector.feed(page.as_bytes(), true);
            assert_eq!(detector.guess(None, chardetng::Utf8Detection::Allow), UTF_8, "{text}");
            let decoded = decode(page.as_bytes(), None, DocumentKind::Html).unwrap();
            assert_eq!((decoded.encoding, decoded.source), (UTF_8, EncodingSource::Guessed));
        }
    }
    use super::*;

    fn html(bytes: &[u8]) -> Decoded {
        decode(bytes, None, DocumentKind::Html).unwrap()
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=\"gbk\"><p>café</p>".as_bytes());
        let d = html(&bytes);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.source, EncodingSource::ByteOrderMark);
        assert!(d.text.starts_with("<meta"), "BOM is not part of the text");
    }

    #[test]
    fn http_charset_wins_over_meta() {
        let d = decode(b"<meta charset=utf-8><p>caf\xe9</p>", Some("ISO-8859-1"), DocumentKind::Html).unwrap();
        assert_eq!(d.encoding, WINDOWS_1252);
        assert_eq!(d.source, EncodingSource::HttpHeader);
        assert!(d.text.contains("café"));
    }

    #[test]
    fn meta_charset_forms() {
        let cases: &[(&[u8], &str)] = &[
            (b"<html><head><meta charset='gb2312'>", "GBK"),
            (b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">", "Shift_JIS"),
            (b"<meta content=\"text/html;charset=big5\" http-equiv=\"content-type\" />", "Big5"),
            (b"<meta charset=\"utf-16\">", "UTF-8"),
        ];
        for (bytes, want) in cases {
            let mut page = bytes.to_vec();
            page.extend_from_slice(b"<p>text</p>");
            assert_eq!(html(&page).encoding.name(), *want, "{}", String::from_utf8_lossy(bytes));
            assert_eq!(html(&page).source, EncodingSource::MetaTag);
        }
    }

    #[test]
    fn valid_utf8_overrides_a_wrong_declaration() {
        for label in ["gb2312", "Shift_JIS", "iso-8859-1"] {
            let page = format!("<meta charset='{label}'><p>烟台市与47个城市建立了友好关系 — café</p>");
            let d = html(page.as_bytes());
            assert_eq!(d.encoding, UTF_8, "{label}");
            assert!(d.text.contains("烟台市与47个城市") && d.text.contains("café"), "{label}");
            let declared = Encoding::for_label(label.as_bytes()).unwrap().name();
            assert_eq!(d.warnings(), vec![format!("declared charset {declared} ignored: the bytes are valid UTF-8")]);
        }
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset='gb2312'><p>烟台市与47个城市建立了友好关系</p>");
        let d = html(&gbk);
        assert_eq!((d.encoding.name(), d.source), ("GBK", EncodingSource::MetaTag), "real GBK stays GBK");
        let d = decode(b"<p>plain ASCII</p>", Some("Shift_JIS"), DocumentKind::Html).unwrap();
        assert_eq!(d.source, EncodingSource::HttpHeader, "ASCII bytes give no reason to overrule");
    }

    #[test]
    fn guess_without_declaration_is_a_warning() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("<p>烟台市与47个城市建立了友好关系，合作领域包括海洋渔业和葡萄酒。</p>");
        let d = html(&bytes);
        assert_eq!(d.source, EncodingSource::Guessed);
        assert!(d.text.contains("烟台市"), "{}", d.text);
        assert_eq!(d.warnings(), vec!["encoding guessed: GBK".to_string()]);
    }

    #[test]
    fn plain_utf8_without_declaration_has_no_warning() {
        let d = html("<p>Café au lait</p>".as_bytes());
        assert_eq!(d.encoding, UTF_8);
        assert!(d.warnings().is_empty());
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        assert_eq!(decode(b"  \n", None, DocumentKind::Html).unwrap_err(), DecodeError::Empty);
        assert!(matches!(decode(b"\x89PNG\r\n\x1a\n\0\0\0", None, DocumentKind::Html), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn content_type_charset_parameter() {
        assert_eq!(charset_from_content_type("text/html; charset=\"UTF-8\"").as_deref(), Some("utf-8"));
        assert_eq!(charset_from_content_type("text/html").as_deref(), None);
    }
}
