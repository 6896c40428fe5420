//! Limits on a page's shape, checked before and after parsing.
//!
//! The HTML parser's tree builder scans its stack of open elements for many
//! tags, so a page of 100,000 nested `<div>`s costs it time that grows with the
//! square of the depth (tens of seconds). [`check_markup`] estimates nesting and
//! counts tags with one byte scan before parsing, so such a page is refused in
//! microseconds; [`check_tree`] measures the parsed tree exactly.
//!
//! The estimate counts start tags against end tags, leaving out void elements
//! and those the parser closes by themselves (`p`, `li`, `td`...), and skips
//! comments and the raw text of `script`, `style`, `textarea` and `title`. It is
//! not the parser's answer, only a bound that real pages stay far below. The
//! same scan bounds the attributes of one tag (by its `=` signs outside quoted
//! values), which the parser also checks pairwise for duplicates.

use super::CleanError;
use super::dom::{Dom, Edge};
use crate::config::Config;

/// Elements without end tags, or closed by the parser when a sibling opens:
/// they never deepen the tree by more than one level at a time. `name` is lower-case.
fn is_not_nesting(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"tr"
            | b"td"
            | b"th"
            | b"rp"
            | b"rt"
    )
}

/// Elements whose content is raw text, not markup. `name` is lower-case.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(name, b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noembed" | b"plaintext")
}

/// The longest tag name either list holds; longer names are in neither.
const LONGEST_LISTED_NAME: usize = 9;

/// Refuses a page whose estimated nesting or tag count is over the limits.
///
/// One pass, each byte looked at a bounded number of times: after a start tag the
/// scan goes on past its `>` (quoted values stepped over), so `<` signs inside
/// attribute values are not read as tags, and a tag left open to the end of the
/// page ends the scan.
pub fn check_markup(page: &str, config: &Config) -> Result<(), CleanError> {
    let bytes = page.as_bytes();
    let (mut depth, mut deepest, mut tags) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let mut lower = [0u8; LONGEST_LISTED_NAME];
        let listed = name_len <= LONGEST_LISTED_NAME;
        if listed {
            lower[..name_len].copy_from_slice(&bytes[name_start..name_start + name_len]);
            lower.make_ascii_lowercase();
        }
        let name = &lower[..if listed { name_len } else { 0 }];
        i = name_start + name_len;
        if closing {
            if !is_not_nesting(name) {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        tags += 1;
        if tags > config.max_dom_nodes {
            return Err(limit("max_dom_nodes", tags, config.max_dom_nodes));
        }
        if is_raw_text(name) {
            i = find_end_tag(bytes, i, name).unwrap_or(bytes.len());
            continue;
        }
        let (end, attributes) = scan_tag(bytes, i);
        if attributes > config.max_attributes {
            return Err(limit("max_attributes", attributes, config.max_attributes));
        }
        let self_closed = end.is_some_and(|end| end > 0 && bytes[end - 1] == b'/');
        if !self_closed && !is_not_nesting(name) {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > config.max_dom_depth {
                return Err(limit("max_dom_depth", deepest, config.max_dom_depth));
            }
        }
        match end {
            Some(end) => i = end + 1,
            None => break,
        }
    }
    Ok(())
}

/// Refuses a parsed page with more nodes, or deeper nesting, than the limits.
pub fn check_tree(dom: &Dom, config: &Config) -> Result<(), CleanError> {
    let (mut depth, mut deepest, mut nodes) = (0usize, 0usize, 0usize);
    for edge in dom.root().traverse() {
        match edge {
            Edge::Open(_) => {
                nodes += 1;
                depth += 1;
                deepest = deepest.max(depth);
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    if nodes > config.max_dom_nodes {
        return Err(limit("max_dom_nodes", nodes, config.max_dom_nodes));
    }
    if deepest > config.max_dom_depth {
        return Err(limit("max_dom_depth", deepest, config.max_dom_depth));
    }
    Ok(())
}

fn limit(name: &'static str, found: usize, max: usize) -> CleanError {
    CleanError::Limit { limit: name, found, max }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|p| from + p)
}

/// Reads the rest of a start tag from `from` (just past its name): where it ends
/// (the index of its `>`, none when the page ends first) and how many attributes
/// it has, by its `=` signs. A quoted value is stepped over whole, so a `>`, `<`
/// or `=` inside it is text, as the tokenizer reads it.
fn scan_tag(bytes: &[u8], from: usize) -> (Option<usize>, usize) {
    let mut attributes = 0;
    let mut i = from;
    while let Some(p) = memchr::memchr2(b'>', b'=', &bytes[i..]) {
        let at = i + p;
        if bytes[at] == b'>' {
            return (Some(at), attributes);
        }
        attributes += 1;
        let value = at + 1 + bytes[at + 1..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        i = match bytes.get(value) {
            Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[value + 1..]) {
                Some(q) => value + 1 + q + 1,
                None => return (None, attributes),
            },
            _ => value,
        };
    }
    (None, attributes)
}

/// The index just past `</name` (any case; `name` lower-case), searching from `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find(bytes, i, b"</") {
        let after = p + 2;
        if bytes.len() >= after + name.len() && bytes[after..after + name.len()].eq_ignore_ascii_case(name) {
            return Some(after + name.len());
        }
        i = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Config {
        Config { max_dom_depth: 50, max_dom_nodes: 400, max_attributes: 100, ..Config::default() }
    }

    #[test]
    fn a_tag_with_too_many_attributes_is_refused() {
        let tag = format!("<div {}>x</div>", (0..200).map(|i| format!("a{i}=\"1\"")).collect::<Vec<_>>().join(" "));
        assert!(matches!(check_markup(&tag, &small()), Err(CleanError::Limit { limit: "max_attributes", .. })));
        check_markup("<a href=\"/x?a=1&b=2&c=3\">link</a>", &small()).unwrap();
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("<html><body>{}<p>x</p></body></html>", "<div>".repeat(100));
        let err = check_markup(&deep, &small()).unwrap_err();
        assert!(matches!(err, CleanError::Limit { limit: "max_dom_depth", .. }), "{err}");
        assert!(err.to_string().contains("max_dom_depth"));
    }

    #[test]
    fn flat_pages_pass_however_many_unclosed_paragraphs() {
        let flat = format!(
            "<html><head><script>if (a<b) {{ document.write('<div><div><div>') }}</script></head><body>{}<br><img src=x/></body></html>",
            "<div><p>text<li>item<br/></div>".repeat(40)
        );
        check_markup(&flat, &small()).unwrap();
        check_tree(&Dom::parse(&flat), &small()).unwrap();
    }

    #[test]
    fn too_many_tags_are_refused() {
        let many = "<span>x</span>".repeat(500);
        assert!(matches!(check_markup(&many, &small()), Err(CleanError::Limit { limit: "max_dom_nodes", .. })));
        let html = Dom::parse(&many);
        assert!(matches!(check_tree(&html, &small()), Err(CleanError::Limit { limit: "max_dom_nodes", .. })));
    }

    #[test]
    fn tags_inside_attribute_values_do_not_count() {
        let page = format!(r#"<p title="{}">x</p>"#, "<div>".repeat(100));
        check_markup(&page, &small()).unwrap();
    }

    #[test]
    fn a_tag_open_to_the_end_ends_the_scan() {
        // Each of these would otherwise search the rest of the page for its `>`.
        let page = format!("<p>x</p>{}", "<br x ".repeat(2_000));
        check_markup(&page, &Config { max_dom_nodes: 1_000, ..small() }).unwrap();
    }

    #[test]
    fn comments_and_odd_brackets_do_not_count() {
        let page = format!("<p>a <!-- {} --> b < c <3 </ >", "<div>".repeat(100));
        check_markup(&page, &small()).unwrap();
    }
}
