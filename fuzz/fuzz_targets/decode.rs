//! The decoder on any bytes, with and without an HTTP charset, as HTML and as text.
#![no_main]

use gleaner::DocumentKind;
use libfuzzer_sys::fuzz_target;

const CHARSETS: &[&str] = &["utf-8", "windows-1252", "shift_jis", "gb18030", "big5", "euc-kr", "utf-16le", "koi8-r", "x-bogus"];

fuzz_target!(|data: &[u8]| {
    let declared = data.first().map(|b| CHARSETS[*b as usize % CHARSETS.len()]);
    for kind in [DocumentKind::Html, DocumentKind::Text] {
        if let Ok(decoded) = gleaner::decode::decode(data, None, kind) {
            assert!(!decoded.text.is_empty() || data.is_empty() || decoded.text.is_empty());
        }
        let _ = gleaner::decode::decode(data, declared, kind);
    }
});
