//! Main text: finds the article's container in the DOM and reads its paragraphs,
//! leaving navigation, share bars, related links, captions and footers out.
//!
//! The method is readability's, with its rules kept as data (`rules/clean/`):
//! 1. drop elements that never hold article text (tags, hidden elements) and
//!    blocks whose class/id words mark chrome (`drop_hints.txt`), unless such a
//!    block holds most of the page's text;
//! 2. score every paragraph-like block by its length and commas, and credit the
//!    score to its ancestors (parent in full, grandparent half, ...); weigh
//!    ancestors by tag and class/id words; discount by link density;
//! 3. take the best container, move up when its ancestors hold several good
//!    candidates, and add siblings that score well;
//! 4. read its text block by block, cleaning conditionally (link-heavy lists and
//!    widgets go), captions apart, chrome lines dropped.
//!
//! When a pass finds too little text, a looser pass follows (no class/id drops,
//! then no conditional cleaning), and the longest result wins.
//!
//! Every walk is iterative (`dom::Traverse`), so deep nesting cannot overflow
//! the stack. Per-node facts (dropped, statistics, scores) live in tables
//! indexed by node id, one entry per node of the page. This module does not read
//! metadata (see `metadata.rs`).

use super::dates::find_date;
use super::dom::{Dom, Edge, Element, NodeData, NodeId, NodeRef};
use super::text::{collapse_whitespace, visible_chars, visible_chars_and_commas};
use crate::config::Config;
use crate::rules::{CleanRules, Rules};
use foldhash::{HashMap, HashSet};

/// Elements that start a new block of text (HTML's block-level and table elements).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Blocks whose own (inline) text is scored as a paragraph.
const PARAGRAPH_TAGS: &[&str] = &["p", "pre", "td", "blockquote", "div", "section", "article", "dd", "center", "font"];
/// Containers that are removed inside the article when they look like widgets.
const CONDITIONAL_TAGS: &[&str] = &["div", "section", "ul", "ol", "table", "form", "dl", "center", "aside"];
/// Containers never dropped for their class/id words.
const NEVER_DROPPED: &[&str] = &["html", "body", "main"];

/// The article's paragraphs and image captions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MainText {
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
}

impl MainText {
    fn visible_len(&self) -> u32 {
        self.paragraphs.iter().map(|p| visible_chars(p)).sum()
    }
}

/// How strict one extraction pass is.
#[derive(Debug, Clone, Copy)]
struct Pass {
    drop_by_hints: bool,
    clean_conditionally: bool,
}

const PASSES: &[Pass] = &[
    Pass { drop_by_hints: true, clean_conditionally: true },
    Pass { drop_by_hints: false, clean_conditionally: true },
    Pass { drop_by_hints: false, clean_conditionally: false },
];

/// Extracts the main text of a parsed page. `title` is the headline, which is
/// not repeated in the text.
pub fn extract_main_text(dom: &Dom, title: Option<&str>, rules: &Rules, config: &Config) -> MainText {
    let mut best = MainText::default();
    // Passes that drop the same nodes share one analysis; only the reading differs.
    let mut analysis: Option<Extraction> = None;
    for pass in PASSES {
        let extraction = analysis
            .take()
            .filter(|a| a.drop_by_hints == pass.drop_by_hints)
            .unwrap_or_else(|| Extraction::analyse(dom, rules, config, pass.drop_by_hints));
        let found = extraction.read(pass.clean_conditionally, title);
        analysis = Some(extraction);
        let enough = found.visible_len() as usize >= config.min_text_chars;
        if found.visible_len() > best.visible_len() || enough {
            best = found;
        }
        if enough {
            break;
        }
    }
    best
}

/// How much text a block holds, summed over its subtree (dropped parts excluded).
#[derive(Debug, Clone, Copy, Default)]
struct Stats {
    text: u32,
    links: u32,
    commas: u32,
    /// Text not inside a nested block: what this block says itself.
    inline_text: u32,
    inline_commas: u32,
    paragraphs: u32,
    images: u32,
    inputs: u32,
    figures: u32,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.text == 0 { 0.0 } else { f64::from(self.links) / f64::from(self.text) }
    }
}

/// One analysis of a parsed page: what is dropped, the scores, and the chosen
/// container with its siblings.
struct Extraction<'a> {
    rules: &'a CleanRules,
    months: &'a HashMap<String, u32>,
    config: &'a Config,
    drop_by_hints: bool,
    /// `<body>`, or the document when there is none.
    body: NodeRef<'a>,
    /// Per node: removed with its subtree.
    dropped: Vec<bool>,
    /// Per element outside dropped subtrees.
    stats: Vec<Option<Stats>>,
    /// Per scored ancestor of a paragraph.
    scores: Vec<Option<f64>>,
    /// The container and the siblings that join it, in document order.
    parts: Vec<NodeRef<'a>>,
}

impl<'a> Extraction<'a> {
    fn analyse(dom: &'a Dom, rules: &'a Rules, config: &'a Config, drop_by_hints: bool) -> Self {
        let root = dom.root();
        let body = root.descendants().find(|n| n.tag() == Some("body")).unwrap_or(root);
        let mut this = Extraction {
            rules: &rules.clean,
            months: &rules.months,
            config,
            drop_by_hints,
            body,
            dropped: vec![false; dom.len()],
            stats: Vec::new(),
            scores: vec![None; dom.len()],
            parts: Vec::new(),
        };
        this.drop_by_tag(root);
        this.stats = this.compute_stats(root);
        if drop_by_hints {
            this.drop_by_hints(root);
            this.drop_related_blocks(root);
            this.stats = this.compute_stats(root);
        }
        this.score_paragraphs(root);
        let top = this.top_candidate(body).unwrap_or(body);
        this.parts = this.with_siblings(top);
        this
    }

    fn read(&self, clean_conditionally: bool, title: Option<&str>) -> MainText {
        let mut out = MainText::default();
        for part in &self.parts {
            self.read_text(*part, clean_conditionally, title, &mut out);
        }
        out
    }

    // ---- step 1: what is dropped --------------------------------------------------

    fn is_dropped(&self, node: NodeRef<'a>) -> bool {
        self.dropped[node.id().index()]
    }

    fn drop_node(&mut self, node: NodeRef<'a>) {
        self.dropped[node.id().index()] = true;
    }

    fn stats_of(&self, node: NodeRef<'a>) -> Option<&Stats> {
        self.stats[node.id().index()].as_ref()
    }

    fn text_len(&self, node: NodeRef<'a>) -> u32 {
        self.stats_of(node).map_or(0, |s| s.text)
    }

    fn drop_by_tag(&mut self, root: NodeRef<'a>) {
        for node in root.descendants() {
            let Some(el) = node.as_element() else { continue };
            if self.rules.drop_tags.contains(el.name()) || is_hidden(el) {
                self.drop_node(node);
            }
        }
    }

    fn drop_by_hints(&mut self, root: NodeRef<'a>) {
        let page_text = self.text_len(self.body);
        for node in self.walk_kept(root) {
            let Some(el) = node.as_element() else { continue };
            if NEVER_DROPPED.contains(&el.name()) || !any_hint_word(el, &self.rules.drop_hints) {
                continue;
            }
            // A block holding most of the page's text is the article, whatever its class.
            if self.text_len(node) * 2 < page_text {
                self.drop_node(node);
            }
        }
    }

    /// A heading such as "Related stories" or "Você pode gostar...": the block it opens
    /// is links to other articles. When the heading is its block's first element, the
    /// block goes; otherwise the heading and what follows it in the block.
    fn drop_related_blocks(&mut self, root: NodeRef<'a>) {
        let page_text = self.text_len(self.body);
        for node in self.walk_kept(root) {
            if !node.tag().is_some_and(|t| matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")) {
                continue;
            }
            let heading = text_of(node);
            let heading = heading.trim().trim_end_matches(['.', '…', ':', '!', ' ']).to_lowercase();
            if !self.rules.related_headings.contains(&heading) {
                continue;
            }
            let Some(parent) = node.parent().filter(|p| p.is_element()) else { continue };
            let opens_block = parent.children().find(|c| c.is_element()) == Some(node);
            let droppable =
                !parent.tag().is_some_and(|t| NEVER_DROPPED.contains(&t)) && self.text_len(parent) * 2 < page_text;
            if opens_block && droppable {
                self.drop_node(parent);
            } else {
                self.drop_node(node);
                for sibling in node.next_siblings().filter(|s| s.is_element()) {
                    self.drop_node(sibling);
                }
            }
        }
    }

    /// Nodes in document order, skipping dropped subtrees.
    fn walk_kept(&self, root: NodeRef<'a>) -> Vec<NodeRef<'a>> {
        let mut out = Vec::new();
        let mut skipping: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => {
                    if self.is_dropped(node) {
                        skipping = Some(node.id());
                    } else {
                        out.push(node);
                    }
                }
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                _ => {}
            }
        }
        out
    }

    // ---- step 2: statistics and scores ------------------------------------------

    fn compute_stats(&self, root: NodeRef<'a>) -> Vec<Option<Stats>> {
        let mut stats: Vec<Option<Stats>> = vec![None; self.dropped.len()];
        let mut skipping: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() && self.is_dropped(node) => {
                    skipping = Some(node.id());
                }
                Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
                Edge::Close(node) if skipping.is_none() => {
                    if let Some(el) = node.as_element() {
                        stats[node.id().index()] = Some(element_stats(el.name(), node, &stats));
                    }
                }
                _ => {}
            }
        }
        stats
    }

    fn score_paragraphs(&mut self, root: NodeRef<'a>) {
        for node in self.walk_kept(root) {
            let Some(name) = node.tag() else { continue };
            if !PARAGRAPH_TAGS.contains(&name) {
                continue;
            }
            let Some(st) = self.stats_of(node).copied() else { continue };
            if (st.inline_text as usize) < self.config.min_paragraph_chars {
                continue;
            }
            let score = 1.0 + f64::from(st.inline_commas) + f64::from((st.inline_text / 100).min(3));
            let ancestors = node.ancestors().filter(|a| a.is_element()).take(self.config.content.score_levels);
            for (level, ancestor) in ancestors.enumerate() {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    n => n as f64 * 3.0,
                };
                let initial = self.initial_score(ancestor);
                *self.scores[ancestor.id().index()].get_or_insert(initial) += score / divider;
            }
        }
        for (index, score) in self.scores.iter_mut().enumerate() {
            if let Some(score) = score {
                let density = self.stats[index].as_ref().map_or(0.0, Stats::link_density);
                *score *= 1.0 - density;
            }
        }
    }

    fn initial_score(&self, node: NodeRef<'a>) -> f64 {
        let base = node.tag().and_then(|t| self.rules.tag_weights.get(t)).copied().unwrap_or(0.0);
        base + self.class_weight(node)
    }

    fn class_weight(&self, node: NodeRef<'a>) -> f64 {
        let Some(el) = node.as_element() else { return 0.0 };
        let mut weight = 0.0;
        for value in [el.class(), el.id()].into_iter().flatten() {
            if any_word_in(value, &self.rules.negative_hints) {
                weight -= self.config.content.class_weight;
            }
            if any_word_in(value, &self.rules.positive_hints) {
                weight += self.config.content.class_weight;
            }
        }
        weight
    }

    fn score(&self, node: NodeRef<'a>) -> Option<f64> {
        self.scores[node.id().index()]
    }

    // ---- step 3: the container ----------------------------------------------------

    fn top_candidate(&self, body: NodeRef<'a>) -> Option<NodeRef<'a>> {
        let mut ranked: Vec<(NodeRef<'a>, f64)> =
            self.walk_kept(body).into_iter().filter_map(|n| self.score(n).map(|s| (n, s))).collect();
        // Stable sort: equal scores keep document order, so output is deterministic.
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (mut top, top_score) = *ranked.first()?;

        // Several good candidates under one ancestor: the ancestor is the article.
        let limits = &self.config.content;
        let alternatives: Vec<NodeRef<'a>> = ranked
            .iter()
            .skip(1)
            .take(limits.alternatives_needed + 1)
            .filter(|(_, s)| *s >= limits.alternative_ratio * top_score)
            .map(|(n, _)| *n)
            .collect();
        if alternatives.len() >= limits.alternatives_needed {
            for ancestor in top.ancestors().take_while(|a| *a != body) {
                let inside = alternatives.iter().filter(|alt| alt.ancestors().any(|x| x == ancestor)).count();
                if inside >= limits.alternatives_needed {
                    top = ancestor;
                    break;
                }
            }
        }
        top = self.climb_while_parents_score(top, body);
        // An only child says no more than its parent.
        while let Some(parent) = top.parent() {
            if parent == body || parent.children().filter(|c| c.is_element()).count() != 1 {
                break;
            }
            top = parent;
        }
        Some(top)
    }

    fn climb_while_parents_score(&self, mut top: NodeRef<'a>, body: NodeRef<'a>) -> NodeRef<'a> {
        let mut last = self.score(top).unwrap_or(0.0);
        let threshold = last * self.config.content.climb_ratio;
        let mut parent = top.parent();
        while let Some(p) = parent {
            if p == body || !p.is_element() {
                break;
            }
            if let Some(score) = self.score(p) {
                if score < threshold {
                    break;
                }
                if score > last {
                    top = p;
                    break;
                }
                last = score;
            }
            parent = p.parent();
        }
        top
    }

    /// The container and those of its siblings that hold article text too.
    fn with_siblings(&self, top: NodeRef<'a>) -> Vec<NodeRef<'a>> {
        let Some(parent) = top.parent().filter(|p| p.is_element()) else { return vec![top] };
        let top_score = self.score(top).unwrap_or(0.0);
        let limits = &self.config.content;
        let threshold = (top_score * limits.sibling_share).max(limits.sibling_min_score);
        let top_class = top.as_element().and_then(Element::class);
        let mut out = Vec::new();
        for sibling in parent.children() {
            if sibling == top {
                out.push(sibling);
                continue;
            }
            let Some(el) = sibling.as_element() else { continue };
            if self.is_dropped(sibling) {
                continue;
            }
            let bonus = if top_class.is_some_and(|c| !c.is_empty() && el.class() == Some(c)) {
                top_score * limits.sibling_share
            } else {
                0.0
            };
            let scored = self.score(sibling).is_some_and(|s| s + bonus >= threshold);
            if scored || (el.name() == "p" && self.is_prose(sibling)) {
                out.push(sibling);
            }
        }
        out
    }

    fn is_prose(&self, node: NodeRef<'a>) -> bool {
        let Some(st) = self.stats_of(node) else { return false };
        let density = st.link_density();
        if st.text > 80 {
            return density < self.config.content.prose_max_link_density;
        }
        st.text > 0 && density == 0.0 && {
            let text = collapse_whitespace(&text_of(node));
            text.ends_with('.') || text.contains(". ")
        }
    }

    // ---- step 4: the text ---------------------------------------------------------

    fn read_text(&self, root: NodeRef<'a>, clean_conditionally: bool, title: Option<&str>, out: &mut MainText) {
        let mut block = Block::default();
        let mut skipping: Option<NodeId> = None;
        let mut link_depth = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) if skipping.is_none() => match node.data() {
                    NodeData::Text(t) => block.push(t, link_depth > 0),
                    NodeData::Element(el) => {
                        let name = el.name();
                        if self.is_dropped(node)
                            || name == "h1"
                            || (clean_conditionally && node != root && self.is_widget(node))
                        {
                            skipping = Some(node.id());
                        } else if name == "figure" || any_hint_word(el, &self.rules.caption_hints) {
                            push_caption(out, node);
                            skipping = Some(node.id());
                        } else if is_block(name) {
                            self.flush(&mut block, title, out);
                        } else if name == "a" {
                            link_depth += 1;
                        }
                    }
                    _ => {}
                },
                Edge::Close(node) if skipping == Some(node.id()) => {
                    skipping = None;
                    if node.tag().is_some_and(is_block) {
                        self.flush(&mut block, title, out);
                    }
                }
                Edge::Close(node) if skipping.is_none() => match node.tag() {
                    Some("a") => link_depth = link_depth.saturating_sub(1),
                    Some(name) if is_block(name) => self.flush(&mut block, title, out),
                    _ => {}
                },
                _ => {}
            }
        }
        self.flush(&mut block, title, out);
    }

    /// A list or box inside the article that holds links, forms or images rather
    /// than prose (readability's conditional cleaning).
    fn is_widget(&self, node: NodeRef<'a>) -> bool {
        let Some(name) = node.tag() else { return false };
        if !CONDITIONAL_TAGS.contains(&name) {
            return false;
        }
        let Some(st) = self.stats_of(node) else { return false };
        let weight = self.class_weight(node);
        if weight + self.score(node).unwrap_or(0.0) < 0.0 {
            return true;
        }
        let limits = &self.config.content;
        if st.commas >= limits.widget_prose_commas {
            return false;
        }
        let is_list = matches!(name, "ul" | "ol");
        let density = st.link_density();
        let (low, high) = (limits.widget_link_density, limits.widget_list_link_density);
        (st.images > 1 && st.paragraphs * 2 < st.images && st.figures == 0)
            || (!is_list && st.inputs > st.paragraphs / 3)
            || (!is_list && st.text < 25 && (st.images == 0 || st.images > 2) && st.figures == 0)
            || (weight < limits.class_weight && density > low && (!is_list || density > high))
            || (weight >= limits.class_weight && density > high)
    }

    fn flush(&self, block: &mut Block, title: Option<&str>, out: &mut MainText) {
        let text = collapse_whitespace(&block.text);
        let links = block.link_chars;
        *block = Block::default();
        if text.is_empty() {
            return;
        }
        let visible = visible_chars(&text);
        if links * 2 > visible || title.is_some_and(|t| t.eq_ignore_ascii_case(&text)) || self.is_chrome_line(&text) {
            return;
        }
        out.paragraphs.push(text);
    }

    /// "2024年1月23日 18時05分", "Nov 19, 2019 at 5:04 AM": a date and little else.
    fn is_date_only(&self, text: &str) -> bool {
        let Some(found) = find_date(text, self.months) else { return false };
        let rest = format!("{} {}", &text[..found.start], &text[found.end..]);
        rest.chars().filter(|c| c.is_alphabetic()).count() <= self.config.content.max_letters_beside_date
    }

    fn is_chrome_line(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        let bare = lower.trim_end_matches(|c: char| c.is_whitespace() || ":.!›»|-".contains(c));
        if self.rules.boilerplate_lines.contains(bare) {
            return true;
        }
        let words = lower.split_whitespace().count();
        if words <= self.config.content.max_dateline_words && self.is_date_only(text) {
            return true;
        }
        self.rules.boilerplate_prefixes.iter().any(|(prefix, max_words)| {
            words <= *max_words
                && lower.starts_with(prefix.as_str())
                && lower[prefix.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() || !prefix.ends_with(char::is_alphanumeric))
        })
    }
}

/// The text of one block being read, and how much of it sits inside links.
#[derive(Default)]
struct Block {
    text: String,
    link_chars: u32,
}

impl Block {
    fn push(&mut self, text: &str, in_link: bool) {
        self.text.push_str(text);
        if in_link {
            self.link_chars += visible_chars(text);
        }
    }
}

fn element_stats(name: &str, node: NodeRef, stats: &[Option<Stats>]) -> Stats {
    let mut own = Stats::default();
    for child in node.children() {
        match child.data() {
            NodeData::Text(t) => {
                let (chars, commas) = visible_chars_and_commas(t);
                own.text += chars;
                own.commas += commas;
                own.inline_text += chars;
                own.inline_commas += commas;
            }
            NodeData::Element(el) => {
                let Some(c) = &stats[child.id().index()] else { continue };
                own.text += c.text;
                own.links += c.links;
                own.commas += c.commas;
                own.paragraphs += c.paragraphs;
                own.images += c.images;
                own.inputs += c.inputs;
                own.figures += c.figures;
                if !is_block(el.name()) {
                    own.inline_text += c.inline_text;
                    own.inline_commas += c.inline_commas;
                }
            }
            _ => {}
        }
    }
    match name {
        "a" => own.links = own.text,
        "p" => own.paragraphs += 1,
        "img" => own.images += 1,
        "input" | "select" | "textarea" | "button" => own.inputs += 1,
        "figure" => own.figures += 1,
        _ => {}
    }
    own
}

fn push_caption(out: &mut MainText, node: NodeRef) {
    let caption_node = node.descendants().find(|d| d.tag() == Some("figcaption")).unwrap_or(node);
    let caption = collapse_whitespace(&text_of(caption_node));
    if !caption.is_empty() && !out.captions.contains(&caption) {
        out.captions.push(caption);
    }
}

fn text_of(node: NodeRef) -> String {
    node.texts().collect::<Vec<_>>().join(" ")
}

fn is_hidden(el: &Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || el.attr("style").is_some_and(|style| {
            let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

/// Whether one of the element's class/id words is in `words`: the words of its
/// class and id ("article-share__bar" gives "article", "share", "bar") and each
/// whole class name, lower-cased.
fn any_hint_word(el: &Element, words: &HashSet<String>) -> bool {
    let class = el.class();
    class.is_some_and(|c| c.split_whitespace().any(|name| contains_ascii_lowercase(words, name)))
        || [class, el.id()].into_iter().flatten().any(|value| any_word_in(value, words))
}

/// Whether one of the alphanumeric words of `value`, lower-cased, is in `words`.
pub(super) fn any_word_in(value: &str, words: &HashSet<String>) -> bool {
    value.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).any(|w| contains_lowercase(words, w))
}

/// `words.contains(&word.to_lowercase())`, without a copy when the word is already
/// lower-case ASCII (nearly every class name).
fn contains_lowercase(words: &HashSet<String>, word: &str) -> bool {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        words.contains(word)
    } else {
        words.contains(&word.to_lowercase())
    }
}

/// `words.contains(&word.to_ascii_lowercase())`, without a copy when there is
/// nothing to lower.
fn contains_ascii_lowercase(words: &HashSet<String>, word: &str) -> bool {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        words.contains(&word.to_ascii_lowercase())
    } else {
        words.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn main_text(page: &str) -> MainText {
        let rules = Rules::embedded();
        extract_main_text(&Dom::parse(page), Some("The headline"), &rules, &Config::default())
    }

    const PARA: &str =
        "The council approved the plan on Tuesday, after a long debate, and the work starts in spring next year.";

    #[test]
    fn picks_the_article_and_leaves_chrome() {
        let page = format!(
            r##"<body><ul class="nav"><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul>
            <div class="story"><h1>The headline</h1><div class="share">Share <a href="#">Facebook</a></div>
            <p>{PARA}</p><p>{PARA}</p><figure><img src="x.jpg"><figcaption>A photo, taken here.</figcaption></figure>
            <p>{PARA}</p><ul class="related"><li><a href="/a">Other story one</a></li><li><a href="/b">Two</a></li></ul></div>
            <div class="footer"><p>Copyright 2024 Example. All rights reserved.</p></div></body>"##
        );
        let got = main_text(&page);
        assert_eq!(got.paragraphs, vec![PARA; 3]);
        assert_eq!(got.captions, ["A photo, taken here."]);
    }

    #[test]
    fn article_inside_a_hinted_wrapper_is_kept() {
        let page =
            format!(r#"<body><div class="page-with-sidebar"><p>{PARA}</p><p>{PARA}</p><p>{PARA}</p></div></body>"#);
        assert_eq!(main_text(&page).paragraphs.len(), 3);
    }

    #[test]
    fn chrome_lines_and_link_lines_are_dropped() {
        let page = format!(
            r#"<body><article><p>{PARA}</p><p>Advertisement</p><p>By Jane Doe</p><p>By the end of the decade, the
            council expects, with some confidence, that the new line will carry a million riders a year.</p>
            <p>Read more: <a href="/x">A linked headline of another story</a></p><p>Nov 19, 2019 at 5:04 AM</p>
            <p>{PARA}</p></article></body>"#
        );
        let got = main_text(&page);
        assert_eq!(got.paragraphs.len(), 3, "{:?}", got.paragraphs);
        assert!(got.paragraphs[1].starts_with("By the end"));
    }

    #[test]
    fn text_with_br_breaks_and_cjk_commas() {
        let page = "<body><div id='main'><div class='txt'>烟台市与23个国家和地区的47个城市建立了友好关系，合作领域包括海洋渔业、葡萄酒和港口建设。<br><br>\
                    今年以来，烟台市进一步深化与友城的国际交流与合作，推动务实合作。</div></div></body>";
        let got = main_text(page);
        assert_eq!(got.paragraphs.len(), 2, "{:?}", got.paragraphs);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 20_000;
        let page = format!("{}<p>{PARA}</p>{}", "<div>".repeat(depth), "</div>".repeat(depth));
        let got = main_text(&page);
        assert_eq!(got.paragraphs, [PARA]);
    }

    #[test]
    fn hidden_elements_are_not_text() {
        let page = format!(
            r#"<body><article><p>{PARA}</p><p style="display: none">Secret text here for robots, long enough.</p><p hidden>Also hidden text that is long enough</p></article></body>"#
        );
        assert_eq!(main_text(&page).paragraphs, [PARA]);
    }
}
