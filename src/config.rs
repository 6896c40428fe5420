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
    /// Deepest element nesting of a page (estimated before parsing, then measured).
    pub max_dom_depth: usize,
    /// Most elements and other nodes in a page.
    pub max_dom_nodes: usize,
    /// Most attributes on one tag (counted by `=` signs, so a little over).
    pub max_attributes: usize,
    /// Longest time one document may take; checked between stages.
    pub time_budget: std::time::Duration,
    /// Main text shorter than this (in characters) gets a warning, and makes the
    /// cleaner try its fallbacks.
    pub min_text_chars: usize,
    /// A block of fewer characters than this does not score as a paragraph.
    pub min_paragraph_chars: usize,
    /// The main-text scorer's weights and ratios.
    pub content: ContentThresholds,
    /// A language guess below this confidence (and not marked reliable) is not reported.
    pub min_language_confidence: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_input_bytes: 64 * 1024 * 1024,
            // News pages nest 20 to 60 deep and hold a few thousand nodes.
            max_dom_depth: 1_000,
            max_dom_nodes: 250_000,
            max_attributes: 2_000,
            time_budget: std::time::Duration::from_secs(10),
            min_text_chars: 250,
            min_paragraph_chars: 25,
            content: ContentThresholds::default(),
            min_language_confidence: 0.5,
        }
    }
}

/// Weights and ratios of the main-text scorer (`clean::content`), readability's
/// figures where it has them.
#[derive(Debug, Clone)]
pub struct ContentThresholds {
    /// How many ancestor levels receive a paragraph's score.
    pub score_levels: usize,
    /// A class/id hint word moves a block's weight by this much.
    pub class_weight: f64,
    /// Candidates within this share of the best one...
    pub alternative_ratio: f64,
    /// ...when there are at least this many, make their common ancestor the article.
    pub alternatives_needed: usize,
    /// Climbing from the best candidate stops at a parent scoring under this share of it.
    pub climb_ratio: f64,
    /// A sibling joins the article when it scores this share of the container...
    pub sibling_share: f64,
    /// ...and at least this much.
    pub sibling_min_score: f64,
    /// A longer `<p>` beside the container joins it below this link density.
    pub prose_max_link_density: f64,
    /// A box inside the article is a widget above this link density...
    pub widget_link_density: f64,
    /// ...or, for lists and hinted boxes, above this one.
    pub widget_list_link_density: f64,
    /// A box with this many commas is prose, never a widget.
    pub widget_prose_commas: u32,
    /// A dateline paragraph has at most this many words...
    pub max_dateline_words: usize,
    /// ...and at most this many letters beside its date ("at", "AM", "時").
    pub max_letters_beside_date: usize,
}

impl Default for ContentThresholds {
    fn default() -> Self {
        ContentThresholds {
            score_levels: 5,
            class_weight: 25.0,
            alternative_ratio: 0.75,
            alternatives_needed: 3,
            climb_ratio: 1.0 / 3.0,
            sibling_share: 0.2,
            sibling_min_score: 10.0,
            prose_max_link_density: 0.25,
            widget_link_density: 0.2,
            widget_list_link_density: 0.5,
            widget_prose_commas: 10,
            max_dateline_words: 8,
            max_letters_beside_date: 6,
        }
    }
}
