//! Small text helpers shared by the clean stage: whitespace folding and counting.

/// Folds every run of whitespace (including no-break and ideographic spaces)
/// into one space and trims the ends; drops zero-width characters.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !is_zero_width(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Zero-width characters (and the soft hyphen), which `collapse_whitespace` drops.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}')
}

/// Characters that are not whitespace: the measure of "how much text".
pub fn visible_chars(s: &str) -> u32 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u32
}

/// Commas of the Latin and CJK scripts.
pub fn commas(s: &str) -> u32 {
    s.chars().filter(|c| matches!(c, ',' | '，' | '、')).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace() {
        assert_eq!(collapse_whitespace("  a\u{a0}\n b\t\u{3000}c\u{200b}d "), "a b cd");
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(visible_chars(" a b\u{a0}c "), 3);
        assert_eq!(commas("a, b，c、d"), 3);
    }
}
