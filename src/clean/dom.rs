//! The parsed page: html5ever's tree builder writing into a compact arena.
//!
//! Every node lives in one `Vec`, linked to its parent and siblings by index, so
//! building the tree is one push per node and a walk is index arithmetic. Elements
//! keep html5ever's interned names and its attribute list as the tokenizer made it;
//! text nodes keep the tokenizer's tendrils, which share the page's buffer. The tree
//! is the one the HTML standard prescribes (html5ever builds it, this module only
//! stores it); comments, the doctype and processing instructions stay as nodes
//! without their content, since nothing downstream reads them.
//!
//! Walks ([`NodeRef::traverse`], [`NodeRef::descendants`], ...) are iterative, so
//! deep nesting cannot overflow the stack. This module does not decide what is
//! article text (see `content.rs`) nor what is metadata (see `metadata.rs`).

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName, expanded_name, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::num::NonZeroU32;
use std::time::Instant;

/// How much of the page the parser is handed at a time: between two pieces the
/// parse checks its limits and its deadline, so no page runs long past either.
const PARSE_PIECE_BYTES: usize = 16 * 1024;

/// Bounds on one parse, checked while the tree builder works, not after it.
#[derive(Debug, Clone, Copy)]
pub struct ParseLimits {
    /// Most nodes the arena may hold (detached ones included).
    pub max_nodes: usize,
    /// Deepest nesting an appended node may have.
    pub max_depth: usize,
    /// When the parse must give up, if ever.
    pub deadline: Option<Instant>,
}

impl ParseLimits {
    /// No bounds: for trusted markup (tests, fixtures).
    pub fn none() -> Self {
        ParseLimits { max_nodes: usize::MAX, max_depth: usize::MAX, deadline: None }
    }
}

/// Why a bounded parse stopped before the end of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseStop {
    /// A limit was passed: `max_dom_nodes` or `max_dom_depth`, with the count found.
    Limit { limit: &'static str, found: usize },
    /// The deadline passed.
    Deadline,
}

/// A node's place in its [`Dom`]: an index into the arena, also usable as an
/// index into per-node tables of `Dom::len()` entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    fn from_index(index: usize) -> Self {
        // The limits (`clean::limits`) keep pages far below four billion nodes.
        let raw = u32::try_from(index + 1).expect("fewer than 2^32 nodes");
        NodeId(NonZeroU32::new(raw).expect("index + 1 is not zero"))
    }

    /// The node's index in the arena.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// What a node is.
#[derive(Debug)]
pub enum NodeData {
    Document,
    /// The contents of a `<template>`, kept as the template element's only child.
    Fragment,
    Element(Element),
    Text(StrTendril),
    /// A comment, the doctype or a processing instruction.
    Other,
}

/// An element: its name and attributes.
#[derive(Debug)]
pub struct Element {
    name: QualName,
    attrs: Vec<Attribute>,
}

impl Element {
    /// The local name, lower-cased by the parser for HTML elements ("div").
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The value of the attribute of that (local) name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
    }

    /// The `id` attribute.
    pub fn id(&self) -> Option<&str> {
        self.interned_attr(&local_name!("id"))
    }

    /// The `class` attribute.
    pub fn class(&self) -> Option<&str> {
        self.interned_attr(&local_name!("class"))
    }

    /// An attribute by its interned name: one integer comparison per attribute.
    fn interned_attr(&self, name: &LocalName) -> Option<&str> {
        self.attrs.iter().find(|a| a.name.local == *name).map(|a| &*a.value)
    }
}

#[derive(Debug)]
struct Node {
    parent: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    prev_sibling: Option<NodeId>,
    next_sibling: Option<NodeId>,
    /// Nesting when last placed (documents 0): what the depth limit reads while
    /// the tree grows. A moved subtree's inner nodes keep their old depth.
    depth: u32,
    data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            depth: 0,
            data,
        }
    }
}

/// A parsed HTML document.
#[derive(Debug)]
pub struct Dom {
    nodes: Vec<Node>,
}

impl Dom {
    /// Parses a page as a browser would (html5ever, scripting on), with no bounds.
    pub fn parse(page: &str) -> Dom {
        Dom::parse_within(page, ParseLimits::none()).expect("an unbounded parse runs to the end")
    }

    /// Parses a page within `limits`. The nodes and their depth are counted as the
    /// tree builder makes them and the deadline is read between pieces of the page,
    /// so markup that makes the builder's work grow faster than the page (stray end
    /// tags over deep nesting, formatting elements reopened by every block) stops
    /// at the limit instead of after the whole parse.
    pub fn parse_within(page: &str, limits: ParseLimits) -> Result<Dom, ParseStop> {
        // About one node per 64 bytes of markup on news pages: reserving that up
        // front spares most of the arena's regrowth.
        let mut nodes = Vec::with_capacity(page.len() / 64 + 16);
        nodes.push(Node::new(NodeData::Document));
        let sink = Builder { dom: RefCell::new(Dom { nodes }), limits, stop: Cell::new(None), sunk: Cell::new(None) };
        let mut parser = html5ever::parse_document(sink, Default::default());
        let mut rest = page;
        while !rest.is_empty() {
            let mut cut = rest.len().min(PARSE_PIECE_BYTES);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (piece, after) = rest.split_at(cut);
            parser.process(StrTendril::from_slice(piece));
            rest = after;
            if let Some(stop) = parser.tokenizer.sink.sink.stop.get() {
                return Err(stop);
            }
            if limits.deadline.is_some_and(|d| Instant::now() > d) {
                return Err(ParseStop::Deadline);
            }
        }
        parser.finish()
    }

    /// The document node.
    pub fn root(&self) -> NodeRef<'_> {
        NodeRef { dom: self, id: NodeId::from_index(0) }
    }

    /// The document's first element (`<html>`).
    pub fn root_element(&self) -> Option<NodeRef<'_>> {
        self.root().children().find(|c| c.is_element())
    }

    /// How many nodes the arena holds, detached ones included: the size of a
    /// per-node table.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a document has its document node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        self.nodes.push(Node::new(data));
        NodeId::from_index(self.nodes.len() - 1)
    }

    /// Takes a node out of its parent's children.
    fn detach(&mut self, id: NodeId) {
        let Node { parent, prev_sibling, next_sibling, .. } = *self.node(id);
        let Some(parent) = parent else { return };
        match prev_sibling {
            Some(prev) => self.node_mut(prev).next_sibling = next_sibling,
            None => self.node_mut(parent).first_child = next_sibling,
        }
        match next_sibling {
            Some(next) => self.node_mut(next).prev_sibling = prev_sibling,
            None => self.node_mut(parent).last_child = prev_sibling,
        }
        let node = self.node_mut(id);
        (node.parent, node.prev_sibling, node.next_sibling) = (None, None, None);
    }

    /// Makes a detached node the last child of `parent`.
    fn append_child(&mut self, parent: NodeId, child: NodeId) {
        let last = self.node(parent).last_child;
        let depth = self.node(parent).depth.saturating_add(1);
        {
            let node = self.node_mut(child);
            (node.parent, node.prev_sibling, node.next_sibling) = (Some(parent), last, None);
            node.depth = depth;
        }
        match last {
            Some(last) => self.node_mut(last).next_sibling = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
    }

    /// Puts a detached node just before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: NodeId, new: NodeId) {
        let Node { parent, prev_sibling, depth, .. } = *self.node(sibling);
        {
            let node = self.node_mut(new);
            (node.parent, node.prev_sibling, node.next_sibling) = (parent, prev_sibling, Some(sibling));
            node.depth = depth;
        }
        match prev_sibling {
            Some(prev) => self.node_mut(prev).next_sibling = Some(new),
            None => {
                if let Some(parent) = parent {
                    self.node_mut(parent).first_child = Some(new);
                }
            }
        }
        self.node_mut(sibling).prev_sibling = Some(new);
    }

    /// Adds text after `prev` (a node or none) under `parent`: merged into `prev`
    /// when that is text, as the standard's tree has no adjacent text nodes.
    fn text_merged_into(&mut self, prev: Option<NodeId>, text: &StrTendril) -> bool {
        match prev.map(|p| &mut self.node_mut(p).data) {
            Some(NodeData::Text(t)) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

/// A node and the document it belongs to: what walks hand out.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && std::ptr::eq(self.dom, other.dom)
    }
}

impl Eq for NodeRef<'_> {}

impl<'a> NodeRef<'a> {
    pub fn id(self) -> NodeId {
        self.id
    }

    pub fn data(self) -> &'a NodeData {
        &self.dom.node(self.id).data
    }

    pub fn as_element(self) -> Option<&'a Element> {
        match self.data() {
            NodeData::Element(el) => Some(el),
            _ => None,
        }
    }

    pub fn as_text(self) -> Option<&'a str> {
        match self.data() {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_element(self) -> bool {
        matches!(self.data(), NodeData::Element(_))
    }

    /// The element's local name; none for other nodes.
    pub fn tag(self) -> Option<&'a str> {
        self.as_element().map(Element::name)
    }

    fn link(self, pick: impl Fn(&Node) -> Option<NodeId>) -> Option<NodeRef<'a>> {
        pick(self.dom.node(self.id)).map(|id| NodeRef { dom: self.dom, id })
    }

    pub fn parent(self) -> Option<NodeRef<'a>> {
        self.link(|n| n.parent)
    }

    pub fn first_child(self) -> Option<NodeRef<'a>> {
        self.link(|n| n.first_child)
    }

    pub fn next_sibling(self) -> Option<NodeRef<'a>> {
        self.link(|n| n.next_sibling)
    }

    pub fn children(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.first_child(), |n| n.next_sibling())
    }

    /// The siblings after this node, in order.
    pub fn next_siblings(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.next_sibling(), |n| n.next_sibling())
    }

    /// Parent, grandparent, ... up to the document node.
    pub fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// This node and everything under it, in document order.
    pub fn descendants(self) -> Descendants<'a> {
        Descendants { root: self, next: Some(self) }
    }

    /// Opening and closing edges of this node and everything under it, in order.
    pub fn traverse(self) -> Traverse<'a> {
        Traverse { root: self, next: Some(Edge::Open(self)) }
    }

    /// The text nodes under this node, in document order.
    pub fn texts(self) -> impl Iterator<Item = &'a str> {
        self.descendants().filter_map(NodeRef::as_text)
    }

    /// The text directly inside this node (not inside its child elements).
    pub fn own_texts(self) -> impl Iterator<Item = &'a str> {
        self.children().filter_map(NodeRef::as_text)
    }
}

/// See [`NodeRef::descendants`].
pub struct Descendants<'a> {
    root: NodeRef<'a>,
    next: Option<NodeRef<'a>>,
}

impl<'a> Iterator for Descendants<'a> {
    type Item = NodeRef<'a>;

    fn next(&mut self) -> Option<NodeRef<'a>> {
        let current = self.next?;
        self.next = current.first_child().or_else(|| {
            let mut node = current;
            loop {
                if node == self.root {
                    return None;
                }
                if let Some(sibling) = node.next_sibling() {
                    return Some(sibling);
                }
                node = node.parent()?;
            }
        });
        Some(current)
    }
}

/// An edge of a walk: entering a node, or leaving it after its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

/// See [`NodeRef::traverse`].
pub struct Traverse<'a> {
    root: NodeRef<'a>,
    next: Option<Edge<'a>>,
}

impl<'a> Iterator for Traverse<'a> {
    type Item = Edge<'a>;

    fn next(&mut self) -> Option<Edge<'a>> {
        let current = self.next?;
        self.next = match current {
            Edge::Open(node) => Some(node.first_child().map_or(Edge::Close(node), Edge::Open)),
            Edge::Close(node) if node == self.root => None,
            Edge::Close(node) => match node.next_sibling() {
                Some(sibling) => Some(Edge::Open(sibling)),
                None => node.parent().map(Edge::Close),
            },
        };
        Some(current)
    }
}

/// html5ever's tree builder writes through this. The trait hands out shared
/// references only, hence the `RefCell`; no borrow outlives a call.
///
/// Once a limit is passed (`stop` set) the builder keeps nothing more: every new
/// node is one shared stand-in element (`sunk`) and every change to the tree is
/// dropped, so the rest of the piece being parsed costs no memory.
struct Builder {
    dom: RefCell<Dom>,
    limits: ParseLimits,
    stop: Cell<Option<ParseStop>>,
    sunk: Cell<Option<NodeId>>,
}

impl Builder {
    fn stopped(&self) -> bool {
        self.stop.get().is_some()
    }

    fn halt(&self, limit: &'static str, found: usize) {
        if !self.stopped() {
            self.stop.set(Some(ParseStop::Limit { limit, found }));
        }
    }

    /// A new node, or the stand-in once the parse has stopped.
    fn new_node(&self, data: NodeData) -> NodeId {
        if self.stopped() {
            return self.stand_in();
        }
        self.push_counted(&mut self.dom.borrow_mut(), data)
    }

    /// Pushes a node into `dom` (this builder's, borrowed by the caller) and
    /// stops the parse when the arena passes the node limit.
    fn push_counted(&self, dom: &mut Dom, data: NodeData) -> NodeId {
        let id = dom.push(data);
        if dom.len() > self.limits.max_nodes {
            self.halt("max_dom_nodes", id.index() + 1);
        }
        id
    }

    /// A new text node for `text`, to be placed after `prev`; none when `prev`
    /// is text and takes it instead.
    fn new_text(&self, dom: &mut Dom, prev: Option<NodeId>, text: StrTendril) -> Option<NodeId> {
        if dom.text_merged_into(prev, &text) {
            return None;
        }
        Some(self.push_counted(dom, NodeData::Text(text)))
    }

    fn stand_in(&self) -> NodeId {
        if let Some(id) = self.sunk.get() {
            return id;
        }
        let name = QualName::new(None, ns!(html), local_name!("div"));
        let id = self.dom.borrow_mut().push(NodeData::Element(Element { name, attrs: Vec::new() }));
        self.sunk.set(Some(id));
        id
    }

    /// After a node was placed: stops the parse when it sits too deep.
    fn check_depth(&self, dom: &Dom, id: NodeId) {
        let depth = dom.node(id).depth as usize;
        if depth > self.limits.max_depth {
            self.halt("max_dom_depth", depth);
        }
    }
}

impl TreeSink for Builder {
    type Handle = NodeId;
    type Output = Result<Dom, ParseStop>;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Result<Dom, ParseStop> {
        match self.stop.get() {
            Some(stop) => Err(stop),
            None => Ok(self.dom.into_inner()),
        }
    }

    // Parse errors are the norm on real pages and change nothing we read.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::from_index(0)
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.dom.borrow(), |dom| match &dom.node(*target).data {
            NodeData::Element(el) => &el.name,
            // The tree builder asks only for the names of elements it made.
            _ => unreachable!("elem_name of a node that is not an element"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> NodeId {
        let template = name.expanded() == expanded_name!(html "template");
        let id = self.new_node(NodeData::Element(Element { name, attrs }));
        if template && !self.stopped() {
            let contents = self.new_node(NodeData::Fragment);
            if !self.stopped() {
                self.dom.borrow_mut().append_child(id, contents);
            }
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.new_node(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.new_node(NodeData::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if self.stopped() {
            return;
        }
        let mut dom = self.dom.borrow_mut();
        let placed = match child {
            NodeOrText::AppendNode(id) => {
                dom.detach(id);
                dom.append_child(*parent, id);
                id
            }
            NodeOrText::AppendText(text) => {
                let last = dom.node(*parent).last_child;
                let Some(id) = self.new_text(&mut dom, last, text) else { return };
                dom.append_child(*parent, id);
                id
            }
        };
        self.check_depth(&dom, placed);
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        let has_parent = self.dom.borrow().node(*element).parent.is_some();
        if has_parent { self.append_before_sibling(element, child) } else { self.append(prev_element, child) }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {
        let id = self.new_node(NodeData::Other);
        if !self.stopped() {
            self.dom.borrow_mut().append_child(NodeId::from_index(0), id);
        }
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // create_element gave every template its contents as first child.
        self.dom.borrow().node(*target).first_child.unwrap_or(*target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if self.stopped() {
            return;
        }
        let mut dom = self.dom.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            dom.detach(id);
        }
        if dom.node(*sibling).parent.is_none() {
            return;
        }
        let placed = match new_node {
            NodeOrText::AppendNode(id) => {
                dom.insert_before(*sibling, id);
                id
            }
            NodeOrText::AppendText(text) => {
                let prev = dom.node(*sibling).prev_sibling;
                let Some(id) = self.new_text(&mut dom, prev, text) else { return };
                dom.insert_before(*sibling, id);
                id
            }
        };
        self.check_depth(&dom, placed);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if self.stopped() {
            return;
        }
        let mut dom = self.dom.borrow_mut();
        if let NodeData::Element(el) = &mut dom.node_mut(*target).data {
            for attr in attrs {
                if !el.attrs.iter().any(|a| a.name == attr.name) {
                    el.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        if !self.stopped() {
            self.dom.borrow_mut().detach(*target);
        }
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        if self.stopped() {
            return;
        }
        let mut dom = self.dom.borrow_mut();
        while let Some(child) = dom.node(*node).first_child {
            dom.detach(child);
            dom.append_child(*new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(dom: &Dom) -> String {
        let mut out = String::new();
        for edge in dom.root().traverse() {
            match edge {
                Edge::Open(n) => match n.data() {
                    NodeData::Element(el) => out.push_str(&format!("<{}>", el.name())),
                    NodeData::Text(t) => out.push_str(t),
                    _ => {}
                },
                Edge::Close(n) => {
                    if let Some(name) = n.tag() {
                        out.push_str(&format!("</{name}>"));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn a_bounded_parse_stops_at_its_limits_and_deadline() {
        let limits = |max_nodes, max_depth| ParseLimits { max_nodes, max_depth, deadline: None };
        let stray = format!("<p>x</p>{}", "<div></x>".repeat(5_000));
        let stop = Dom::parse_within(&stray, limits(usize::MAX, 100)).unwrap_err();
        assert_eq!(stop, ParseStop::Limit { limit: "max_dom_depth", found: 101 });
        let opened: String = (0..50).map(|i| format!("<b class=c{i}>")).collect();
        let reopened = format!("<div>{opened}</div>{}", "<div>x</div>".repeat(2_000));
        let stop = Dom::parse_within(&reopened, limits(10_000, usize::MAX)).unwrap_err();
        assert_eq!(stop, ParseStop::Limit { limit: "max_dom_nodes", found: 10_001 });
        let past = Some(Instant::now() - std::time::Duration::from_millis(1));
        let stop = Dom::parse_within(&stray, ParseLimits { deadline: past, ..ParseLimits::none() }).unwrap_err();
        assert_eq!(stop, ParseStop::Deadline);
        // Within its limits a page parses as a whole, across the pieces it is fed in.
        let long = format!("<p>{}</p>", "ü word ".repeat(10_000));
        let dom = Dom::parse_within(&long, limits(100, 10)).unwrap();
        assert_eq!(dom.root().texts().collect::<String>(), "ü word ".repeat(10_000));
    }

    #[test]
    fn builds_the_standard_tree() {
        let dom = Dom::parse("<!DOCTYPE html><title>T</title><p>one<p>two <b>bold</b><!-- c --> end");
        assert_eq!(
            outline(&dom),
            "<html><head><title>T</title></head><body><p>one</p><p>two <b>bold</b> end</p></body></html>"
        );
    }

    #[test]
    fn misnested_tags_are_repaired_as_browsers_do() {
        // The adoption agency moves nodes after they were appended, and foster
        // parenting puts text before a table: both exercise detach and insert_before.
        let dom = Dom::parse("<p><b>1<i>2</b>3</i>4</p><table>x<tr><td>y</td></tr></table>");
        assert_eq!(
            outline(&dom),
            "<html><head></head><body><p><b>1<i>2</i></b><i>3</i>4</p>x<table><tbody><tr><td>y</td></tr></tbody></table></body></html>"
        );
    }

    #[test]
    fn adjacent_text_is_one_node() {
        let dom = Dom::parse("<div>a&amp;b<!-- gone -->c</div>");
        let div = dom.root().descendants().find(|n| n.tag() == Some("div")).unwrap();
        let texts: Vec<&str> = div.own_texts().collect();
        assert_eq!(texts, ["a&b", "c"], "a comment splits text nodes");
        let dom = Dom::parse("<table><tr><td>x</td></tr>a<b>b</b>c</table>");
        let body = dom.root().descendants().find(|n| n.tag() == Some("body")).unwrap();
        assert_eq!(body.texts().collect::<Vec<_>>(), ["a", "b", "c", "x"]);
    }

    #[test]
    fn attributes_and_walks() {
        let dom = Dom::parse(r#"<html lang="en"><body><div id="x" class="a b"><span>t</span></div></body></html>"#);
        assert_eq!(dom.root_element().unwrap().as_element().unwrap().attr("lang"), Some("en"));
        let div = dom.root().descendants().find(|n| n.tag() == Some("div")).unwrap();
        let el = div.as_element().unwrap();
        assert_eq!((el.id(), el.class(), el.attr("title")), (Some("x"), Some("a b"), None));
        let names: Vec<&str> = div.ancestors().filter_map(NodeRef::tag).collect();
        assert_eq!(names, ["body", "html"]);
        let span = div.first_child().unwrap();
        assert_eq!(span.descendants().count(), 2);
        assert_eq!(span.traverse().count(), 4);
        assert!(span.next_siblings().next().is_none());
    }

    #[test]
    fn template_contents_are_kept_apart() {
        let dom = Dom::parse("<body><template><p>inert</p></template><p>live</p></body>");
        let template = dom.root().descendants().find(|n| n.tag() == Some("template")).unwrap();
        let contents = template.first_child().unwrap();
        assert!(matches!(contents.data(), NodeData::Fragment));
        assert_eq!(contents.texts().collect::<String>(), "inert");
    }

    #[test]
    fn deep_nesting_walks_without_recursion() {
        let depth = 50_000;
        let dom = Dom::parse(&format!("{}x{}", "<span>".repeat(depth), "</span>".repeat(depth)));
        assert_eq!(dom.root().texts().collect::<String>(), "x");
        assert_eq!(dom.root().traverse().filter(|e| matches!(e, Edge::Close(_))).count(), dom.len());
    }
}
