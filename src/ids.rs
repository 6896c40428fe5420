//! Record ids: the hash of the page's canonical URL, made canonical first so
//! that the same article read through different links gets the same id.
//!
//! Canonical here means: the fragment dropped, and the query parameters that
//! track a visit rather than name a page (`utm_*`, `fbclid`, `gclid`... from
//! `rules/urls/tracking_params.txt`) removed; the rest of the URL, the order of
//! the other parameters and their encoding are kept byte for byte. The record's
//! `url` field keeps the URL as the page states it; only the id uses this form.
//! Without a URL the id is the hash of the raw content.
//!
//! This module does not fetch, resolve or follow URLs.

use crate::rules::UrlRules;
use sha2::{Digest, Sha256};

/// The record id: 32 hex digits of the SHA-256 of the canonical URL when known,
/// else of the content.
pub fn record_id(url: Option<&str>, bytes: &[u8], rules: &UrlRules) -> String {
    let digest = match url {
        Some(url) => Sha256::digest(canonical_url(url, rules).as_bytes()),
        None => Sha256::digest(bytes),
    };
    hex(&digest[..16])
}

/// The URL without fragment and tracking parameters (see the module docs).
pub fn canonical_url(url: &str, rules: &UrlRules) -> String {
    let without_fragment = url.split_once('#').map_or(url, |(before, _)| before);
    let Some((base, query)) = without_fragment.split_once('?') else {
        return without_fragment.to_string();
    };
    let kept: Vec<&str> =
        query.split('&').filter(|pair| !pair.is_empty() && !rules.is_tracking(&parameter_name(pair))).collect();
    if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) }
}

/// A query pair's name, percent-decoded and lower-cased.
fn parameter_name(pair: &str) -> String {
    let raw = pair.split_once('=').map_or(pair, |(name, _)| name);
    let decoded: String = url::form_urlencoded::parse(raw.as_bytes()).map(|(name, _)| name.into_owned()).collect();
    decoded.to_lowercase()
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn tracking_parameters_and_fragments_do_not_change_the_id() {
        let rules = Rules::embedded().urls;
        let id = |u: &str| record_id(Some(u), b"", &rules);
        let plain = id("https://example.com/news/a.html?page=2");
        for variant in [
            "https://example.com/news/a.html?page=2#comments",
            "https://example.com/news/a.html?utm_source=x&page=2&utm_medium=email",
            "https://example.com/news/a.html?page=2&fbclid=IwAR0abc",
            "https://example.com/news/a.html?GCLID=1&page=2",
            "https://example.com/news/a.html?page=2&utm_campaign=spring#top",
        ] {
            assert_eq!(id(variant), plain, "{variant}");
        }
        assert_ne!(id("https://example.com/news/a.html?page=3"), plain, "other parameters still count");
        assert_eq!(id("https://example.com/a?utm_source=x"), id("https://example.com/a"));
    }

    #[test]
    fn canonical_urls_keep_the_rest_byte_for_byte() {
        let rules = Rules::embedded().urls;
        assert_eq!(canonical_url("https://e.com/a?q=a%20b&utm_source=x&z=1", &rules), "https://e.com/a?q=a%20b&z=1");
        assert_eq!(canonical_url("https://e.com/a?utm_term=k#x", &rules), "https://e.com/a");
        assert_eq!(canonical_url("https://e.com/a?utmost=1", &rules), "https://e.com/a?utmost=1");
        assert_eq!(
            canonical_url("https://e.com/a?%75tm_source=1", &rules),
            "https://e.com/a",
            "decoded before matching"
        );
    }

    #[test]
    fn ids_are_stable_and_prefer_the_url() {
        let rules = Rules::embedded().urls;
        let a = record_id(Some("https://example.com/a"), b"x", &rules);
        assert_eq!(a, record_id(Some("https://example.com/a"), b"y", &rules));
        assert_ne!(record_id(None, b"x", &rules), record_id(None, b"y", &rules));
        assert_eq!(a.len(), 32);
    }
}
