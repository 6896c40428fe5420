//! Byte offsets to code-point offsets. Extractors match on `&str` byte ranges; the
//! record reports mentions in Unicode code points (what Python's `text[start:end]`
//! and most consumers index by). Built once per text, then every lookup is O(1).
//!
//! It does not check that a byte offset falls on a character boundary: callers pass
//! offsets that came from matching on the same `&str`.

/// Converts byte offsets of one text to code-point offsets.
pub struct CharOffsets {
    /// Code points before each byte offset; empty when the text is ASCII (identity).
    before: Vec<u32>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets { before: Vec::new() };
        }
        let mut before = Vec::with_capacity(text.len() + 1);
        let mut chars = 0u32;
        for (i, _) in text.char_indices() {
            // Bytes inside the previous character are never looked up; they get its end.
            before.resize(i, chars);
            before.push(chars);
            chars += 1;
        }
        before.resize(text.len() + 1, chars);
        CharOffsets { before }
    }

    /// The code-point offset of byte offset `byte`.
    pub fn chars(&self, byte: usize) -> usize {
        if self.before.is_empty() { byte } else { self.before[byte] as usize }
    }
}

#[cfg(test)]
mod tests {
    use super::CharOffsets;

    #[test]
    fn counts_code_points_before_each_byte() {
        let text = "Côte d’Ivoire and 中国";
        let offsets = CharOffsets::new(text);
        let start = text.find("中国").unwrap();
        let (s, e) = (offsets.chars(start), offsets.chars(text.len()));
        let as_chars: Vec<char> = text.chars().collect();
        assert_eq!(as_chars[s..e].iter().collect::<String>(), "中国");
        assert_eq!(offsets.chars(0), 0);
        let ascii = CharOffsets::new("plain");
        assert_eq!(ascii.chars(3), 3);
    }
}
