//! Splits clean text into word, number and symbol tokens with byte spans, for the rule
//! grammars of the extractors (counts). One pass, no allocation per token.
//!
//! A word is a run of letters, with apostrophes inside ("Boeing's") and dotted
//! abbreviations ("U.S.", "p.m."); hyphens are symbols of their own, so "forty-seven"
//! is three tokens glued together (no space between them). A number is a run of
//! digits with `,` or `.` between digits ("3,300", "1.5"). Everything else that is not
//! white space is a one-character symbol. It does not split sentences.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Symbol,
}

/// One token: its kind, byte span and the white space before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// White space stands between this token and the one before.
    pub space_before: bool,
    /// That white space holds a line break (a paragraph boundary in clean text).
    pub newline_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Whether it is the symbol `c`.
    pub fn is_symbol(&self, text: &str, c: char) -> bool {
        self.kind == TokenKind::Symbol && text[self.start..].starts_with(c)
    }

    /// Whether it follows the token before it with no space between.
    pub fn glued(&self) -> bool {
        !self.space_before
    }
}

/// A letter, digit or underscore: what a word is made of, for boundary checks.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a word begins with a capital.
pub fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `text[start..end]` stands on word boundaries.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

/// Whether token `k` opens a sentence or paragraph: the first token, after a line
/// break, or after closing punctuation, a quote or a bracket.
pub fn opens_sentence(text: &str, tokens: &[Token], k: usize) -> bool {
    k == 0 || tokens[k].newline_before || {
        let before = tokens[k - 1].text(text);
        matches!(before, "." | "!" | "?" | ":" | "\"" | "“" | "”" | "(" | "'" | "‘")
    }
}

/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    let (mut space, mut newline) = (false, false);
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n';
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            (TokenKind::Number, number_end(text, start))
        } else if c.is_alphabetic() {
            (TokenKind::Word, word_end(text, start))
        } else {
            (TokenKind::Symbol, start + c.len_utf8())
        };
        while chars.peek().is_some_and(|&(i, _)| i < end) {
            chars.next();
        }
        tokens.push(Token { kind, start, end, space_before: space, newline_before: newline });
        space = false;
        newline = false;
    }
    tokens
}

/// End of the digits run at `start`: digits, with `,` or `.` only between digits.
fn number_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let b = bytes[end];
        let separator_between_digits =
            (b == b',' || b == b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) && end > start;
        if b.is_ascii_digit() || separator_between_digits {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// End of the word at `start`: letters, inner apostrophes, dotted one-letter abbreviations.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut segment_chars = 0;
    let mut dotted = false;
    let mut chars = text[start..].char_indices().map(|(i, c)| (start + i, c)).peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_alphabetic() {
            segment_chars += 1;
            end = i + c.len_utf8();
        } else if (c == '\'' || c == '’') && next.is_some_and(char::is_alphabetic) && segment_chars > 0 {
            end = i + c.len_utf8();
        } else if c == '.' && segment_chars == 1 && next.is_some_and(char::is_alphabetic) {
            // "U.S": a one-letter segment, a dot, another letter.
            dotted = true;
            segment_chars = 0;
            end = i + 1;
        } else if c == '.' && segment_chars == 1 && dotted {
            // The closing dot of "U.S." or "p.m.".
            return i + 1;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokenize(text).iter().map(|t| format!("{}{}", if t.space_before { " " } else { "" }, t.text(text))).collect()
    }

    #[test]
    fn words_numbers_and_symbols() {
        assert_eq!(show("47 cities, 3,300 projects"), ["47", " cities", ",", " 3,300", " projects"]);
        assert_eq!(show("forty-seven $4.69bn"), ["forty", "-", "seven", " $", "4.69", "bn"]);
        assert_eq!(show("the U.S. and Boeing's 5 p.m."), ["the", " U.S.", " and", " Boeing's", " 5", " p.m."]);
        assert_eq!(show("Mr. Li, 1. 2"), ["Mr", ".", " Li", ",", " 1", ".", " 2"]);
        assert_eq!(show("中国 20%"), ["中国", " 20", "%"]);
    }

    #[test]
    fn line_breaks_are_marked() {
        let tokens = tokenize("end.\n\nNext 5");
        assert!(tokens[2].newline_before && tokens[2].space_before);
        assert!(!tokens[3].newline_before);
    }
}
