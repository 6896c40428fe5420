//! Every threshold of the pipeline in one place, with its default.
//!
//! The command line fills a [`Config`]; library users build one with
//! `Config::default()` and change what they need. Word lists and patterns are not
//! here: they are rules (see `rules.rs`).

/// Limits and thresholds for one run.
#[derive(Debug, Clone)]
pub struct Config {
    /// Largest input accepted, in bytes, also after gzip decompression.
    pub max_input_bytes: u64,
    /// Main text shorter than this (in characters) gets a warning, and makes the
    /// cleaner try its fallbacks.
    pub min_text_chars: usize,
    /// A block of fewer characters than this does not score as a paragraph.
    pub min_paragraph_chars: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { max_input_bytes: 64 * 1024 * 1024, min_text_chars: 250, min_paragraph_chars: 25 }
    }
}
