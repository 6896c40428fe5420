//! Small text helpers shared by the clean stage: whitespace folding and counting.

/// Folds every run of whitespace (including no-break and ideographic spaces)
/// into one space and trims the ends; drops zero-width characters that carry
/// nothing (see [`is_zero_width`]) and keeps the joiners.
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

/// Zero-width characters that carry nothing (the zero-width space, a stray
/// byte-order mark, the soft hyphen), which `collapse_whitespace` drops. The
/// zero-width non-joiner and joiner (U+200C, U+200D) are not among them: they
/// are part of the spelling in Persian, Hindi, Kurdish and other scripts (and
/// of emoji sequences), so they are kept.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}')
}

/// Characters that are not whitespace: the measure of "how much text".
pub fn visible_chars(s: &str) -> u32 {
    visible_chars_and_commas(s).0
}

/// [`visible_chars`] and the commas of the Latin and CJK scripts, in one pass, bytewise when the text is ASCII
/// (most text nodes of most pages, where a `char` walk costs several times more).
pub fn visible_chars_and_commas(s: &str) -> (u32, u32) {
    let (mut visible, mut commas) = (0u32, 0u32);
    if s.is_ascii() {
        for &b in s.as_bytes() {
            // `char::is_whitespace` on ASCII, vertical tab included.
            visible += u32::from(!matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'));
            commas += u32::from(b == b',');
        }
    } else {
        for c in s.chars() {
            visible += u32::from(!c.is_whitespace());
            commas += u32::from(matches!(c, ',' | '，' | '、'));
        }
    }
    (visible, commas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_are_kept_and_empty_marks_dropped() {
        // Persian "mi-khaham" (I want) is written with a zero-width non-joiner.
        assert_eq!(
            collapse_whitespace(" \u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645} "),
            "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}"
        );
        assert_eq!(collapse_whitespace("\u{915}\u{94d}\u{200d}\u{937}"), "\u{915}\u{94d}\u{200d}\u{937}");
        assert_eq!(collapse_whitespace("in\u{ad}ter\u{200b}na\u{feff}tional"), "international");
    }

    #[test]
    fn folds_whitespace() {
        assert_eq!(collapse_whitespace("  a\u{a0}\n b\t\u{3000}c\u{200b}d "), "a b cd");
        assert_eq!(collapse_whitespace(" \n "), "");
        assert_eq!(visible_chars(" a b\u{a0}c "), 3);
        assert_eq!(visible_chars_and_commas("a, b，c、d").1, 3);
        assert_eq!(visible_chars_and_commas("a,\u{b} b,\r\n"), (4, 2), "ASCII, vertical tab as whitespace");
        assert_eq!(visible_chars_and_commas("é,\u{3000}x，"), (4, 2));
    }
}
