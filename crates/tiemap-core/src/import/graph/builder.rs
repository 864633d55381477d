//! What every graph reader shares: a node table keyed by id, the ties, what was skipped, the
//! size limits, and small value parsers (colours, numbers, community-like names).

use super::super::{ImportError, ReportLine, Skipped};
use crate::model::{AttrValue, GraphEdge, GraphFile, GraphNode};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Most nodes a graph file may hold.
pub const MAX_NODES: usize = 5_000_000;
/// Most ties a graph file may hold.
pub const MAX_EDGES: usize = 50_000_000;
/// Skipped records kept for the report (the count goes on past it).
const MAX_SKIPPED_KEPT: usize = 1_000;

/// A small, fast, deterministic hasher for id -> index maps: each 8-byte word is mixed in
/// with a folded 64x64->128-bit multiply (as in wyhash/foldhash). rustc's Fx step was tried
/// first and collided badly on ids like `person12345` (digits in a word's high bytes never
/// reach the low bits hashbrown picks buckets with). Results never depend on iteration
/// order: nodes are kept in a `Vec` in file order.
#[derive(Default, Clone, Copy)]
pub(crate) struct FoldHasher {
    hash: u64,
}

const FOLD_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FoldHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        let product = u128::from(self.hash ^ word) * u128::from(FOLD_SEED);
        self.hash = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FoldHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FoldHasher>>;

/// A node id as a hash-map key, stored inside the map's bucket when short (most ids are),
/// so a lookup touches one bucket instead of a bucket and a heap string: loading a big edge
/// list is bound by those cache misses.
#[derive(Clone, Debug)]
pub(crate) enum IdKey {
    Inline { len: u8, bytes: [u8; 22] },
    Heap(Box<str>),
}

impl IdKey {
    pub fn new(key: &str) -> Self {
        let mut bytes = [0u8; 22];
        match bytes.get_mut(..key.len()) {
            Some(slot) => {
                slot.copy_from_slice(key.as_bytes());
                IdKey::Inline {
                    len: key.len() as u8,
                    bytes,
                }
            }
            None => IdKey::Heap(key.into()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            IdKey::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            IdKey::Heap(s) => s,
        }
    }
}

impl std::hash::Hash for IdKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for IdKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for IdKey {}

impl std::borrow::Borrow<str> for IdKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// The sentence for a file over the node limit.
pub(crate) fn too_many_nodes(file: &str, line: usize) -> ImportError {
    ImportError::Malformed {
        file: file.to_string(),
        line,
        reason: format!(
            "brings the graph over {} nodes, the most tiemap reads",
            super::super::group_thousands(MAX_NODES)
        ),
    }
}

/// The sentence for a file over the tie limit.
pub(crate) fn too_many_edges(file: &str, line: usize) -> ImportError {
    ImportError::Malformed {
        file: file.to_string(),
        line,
        reason: format!(
            "brings the graph over {} ties, the most tiemap reads",
            super::super::group_thousands(MAX_EDGES)
        ),
    }
}

/// Builds a [`GraphFile`] while a reader walks its file.
pub(crate) struct Builder {
    pub file: String,
    pub nodes: Vec<GraphNode>,
    index: FxMap<IdKey, u32>,
    /// Per node: created by a tie, not (yet) by a declaration.
    from_tie: Vec<bool>,
    pub edges: Vec<GraphEdge>,
    node_skips: Vec<Skipped>,
    node_skip_count: usize,
    edge_skips: Vec<Skipped>,
    edge_skip_count: usize,
    /// Nodes created because a tie named an id that no node declaration had.
    created_by_ties: usize,
    /// Whether the format declares its nodes (so nodes created by ties are worth reporting).
    declares_nodes: bool,
    /// How the file was read where a person may want to know, for the nodes line.
    notes: Vec<String>,
}

impl Builder {
    pub fn new(file: &str) -> Self {
        Builder {
            file: file.to_string(),
            nodes: Vec::new(),
            index: FxMap::default(),
            from_tie: Vec::new(),
            edges: Vec::new(),
            node_skips: Vec::new(),
            node_skip_count: 0,
            edge_skips: Vec::new(),
            edge_skip_count: 0,
            created_by_ties: 0,
            declares_nodes: false,
            notes: Vec::new(),
        }
    }

    /// Index of the node with `key`, if any.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }

    /// Declares a node. A second declaration of the same id fills in what the first lacked
    /// and is reported.
    pub fn declare(&mut self, node: GraphNode, line: usize) -> Result<u32, ImportError> {
        self.declares_nodes = true;
        if let Some(&i) = self.index.get(node.key.as_str()) {
            let was_tie = self
                .from_tie
                .get_mut(i as usize)
                .map(|f| std::mem::replace(f, false))
                .unwrap_or(false);
            if let Some(existing) = self.nodes.get_mut(i as usize) {
                merge_node(existing, node);
            }
            if was_tie {
                // A tie named it before its declaration: not a duplicate.
                self.created_by_ties = self.created_by_ties.saturating_sub(1);
            } else {
                self.skip_node(
                    Some(line),
                    "declares a node id that was already declared".into(),
                );
            }
            return Ok(i);
        }
        self.push(node, false, line)
    }

    /// Index of `key`, creating a bare node when no node has it (counted as created by a tie).
    pub fn node_for_tie(&mut self, key: &str, line: usize) -> Result<u32, ImportError> {
        if let Some(&i) = self.index.get(key) {
            return Ok(i);
        }
        self.created_by_ties += 1;
        self.push(
            GraphNode {
                key: key.to_string(),
                ..GraphNode::default()
            },
            true,
            line,
        )
    }

    fn push(&mut self, node: GraphNode, from_tie: bool, line: usize) -> Result<u32, ImportError> {
        if self.nodes.len() >= MAX_NODES {
            return Err(too_many_nodes(&self.file, line));
        }
        let i = self.nodes.len() as u32;
        self.index.insert(IdKey::new(&node.key), i);
        self.nodes.push(node);
        self.from_tie.push(from_tie);
        Ok(i)
    }

    /// Adds a tie between two node indices. `weight` `None` means 1.0; a weight that is not a
    /// positive finite number skips the tie (reported).
    pub fn edge(
        &mut self,
        source: u32,
        target: u32,
        weight: Option<f64>,
        line: usize,
    ) -> Result<(), ImportError> {
        let weight = match weight {
            None => 1.0,
            Some(w) if w.is_finite() && w > 0.0 && (w as f32).is_finite() => w as f32,
            Some(w) => {
                self.skip_edge(
                    Some(line),
                    format!("has weight {w}, expected a positive number"),
                );
                return Ok(());
            }
        };
        if self.edges.len() >= MAX_EDGES {
            return Err(too_many_edges(&self.file, line));
        }
        self.edges.push(GraphEdge {
            source,
            target,
            weight,
        });
        Ok(())
    }

    /// Adds a tie between two node ids, creating nodes for ids no declaration named.
    pub fn edge_by_key(
        &mut self,
        source: &str,
        target: &str,
        weight: Option<f64>,
        line: usize,
    ) -> Result<(), ImportError> {
        let s = self.node_for_tie(source, line)?;
        let t = self.node_for_tie(target, line)?;
        self.edge(s, t, weight, line)
    }

    /// A few words on how the file was read, shown in brackets after its nodes line.
    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    pub fn skip_node(&mut self, line: Option<usize>, reason: String) {
        self.node_skip_count += 1;
        if self.node_skips.len() < MAX_SKIPPED_KEPT {
            self.node_skips.push(Skipped { line, reason });
        }
    }

    pub fn skip_edge(&mut self, line: Option<usize>, reason: String) {
        self.edge_skip_count += 1;
        if self.edge_skips.len() < MAX_SKIPPED_KEPT {
            self.edge_skips.push(Skipped { line, reason });
        }
    }

    /// Number of ties skipped so far.
    #[cfg(test)]
    pub fn edges_skipped(&self) -> usize {
        self.edge_skip_count
    }

    /// The graph and its report lines: one for nodes, one for ties, and one for nodes that
    /// only ties named (when the format declares nodes).
    pub fn finish(mut self, format: &str, directed: bool) -> (GraphFile, Vec<ReportLine>) {
        for (skips, count) in [
            (&mut self.node_skips, self.node_skip_count),
            (&mut self.edge_skips, self.edge_skip_count),
        ] {
            if count > skips.len() {
                let more = count - skips.len();
                skips.push(Skipped {
                    line: None,
                    reason: format!(
                        "and {} more skipped for reasons like these",
                        super::super::group_thousands(more)
                    ),
                });
            }
        }
        let mut lines = vec![
            ReportLine {
                file: self.file.clone(),
                recognised_as: format.to_string(),
                count: self.nodes.len(),
                noun: "nodes".into(),
                skipped: self.node_skips,
                notes: self.notes,
                ..ReportLine::default()
            },
            ReportLine {
                file: self.file.clone(),
                recognised_as: format.to_string(),
                count: self.edges.len(),
                noun: "ties".into(),
                skipped: self.edge_skips,
                ..ReportLine::default()
            },
        ];
        if self.declares_nodes && self.created_by_ties > 0 {
            lines.push(ReportLine {
                file: self.file.clone(),
                recognised_as: format.to_string(),
                count: self.created_by_ties,
                noun: "nodes named by ties but not declared (created)".into(),
                skipped: Vec::new(),
                ..ReportLine::default()
            });
        }
        (
            GraphFile {
                format: format.to_string(),
                directed,
                nodes: self.nodes,
                edges: self.edges,
            },
            lines,
        )
    }
}

/// Fills what `into` lacks from `from`.
fn merge_node(into: &mut GraphNode, from: GraphNode) {
    if into.label.is_none() {
        into.label = from.label;
    }
    if into.pos_in_graph.is_none() {
        into.pos_in_graph = from.pos_in_graph;
    }
    if into.color.is_none() {
        into.color = from.color;
    }
    if into.size.is_none() {
        into.size = from.size;
    }
    if into.community.is_none() {
        into.community = from.community;
    }
    for (k, v) in from.attrs {
        if !into.attrs.iter().any(|(ik, _)| *ik == k) {
            into.attrs.push((k, v));
        }
    }
}

/// Whether an attribute with this name holds a community (`modularity_class`, `community`,
/// `cluster`, `group`, `partition`, and their `_id`/`Id` forms).
pub(crate) fn is_community_name(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    let base = lower
        .trim_end_matches("_id")
        .trim_end_matches(" id")
        .trim_end_matches("id");
    lower.contains("modularity")
        || matches!(
            base,
            "community" | "communities" | "cluster" | "group" | "partition"
        )
        || matches!(
            lower.as_str(),
            "community" | "cluster" | "group" | "partition"
        )
}

/// A number in a graph file: a plain decimal (also `1,5`-free; commas are not decimals here).
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok()
}

/// A finite f32 coordinate.
pub(crate) fn parse_coord(text: &str) -> Option<f32> {
    let v = parse_number(text)? as f32;
    v.is_finite().then_some(v)
}

/// A colour: `#rrggbb`, `#rgb`, `rgb(r,g,b)`, `rgba(r,g,b,a)`, `r,g,b` (0-255 each).
pub(crate) fn parse_color(text: &str) -> Option<[u8; 3]> {
    let t = text.trim().trim_matches(|c| c == '\'' || c == '"').trim();
    if let Some(hex) = t.strip_prefix('#') {
        return parse_hex(hex);
    }
    let lower = t.to_ascii_lowercase();
    let inner = lower
        .strip_prefix("rgba(")
        .or_else(|| lower.strip_prefix("rgb("))
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(&lower);
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    if parts.len() == 3 || parts.len() == 4 {
        let mut rgb = [0u8; 3];
        for (slot, part) in rgb.iter_mut().zip(&parts) {
            *slot = parse_channel(part)?;
        }
        return Some(rgb);
    }
    if t.len() == 6 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return parse_hex(t);
    }
    None
}

fn parse_hex(hex: &str) -> Option<[u8; 3]> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    match hex.len() {
        6 | 8 => {
            let v = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
            Some([v(0)?, v(2)?, v(4)?])
        }
        3 | 4 => {
            let v = |i: usize| {
                u8::from_str_radix(hex.get(i..i + 1)?, 16)
                    .ok()
                    .map(|x| x * 17)
            };
            Some([v(0)?, v(1)?, v(2)?])
        }
        _ => None,
    }
}

/// One colour channel, 0-255 (a float is rounded and clamped).
pub(crate) fn parse_channel(text: &str) -> Option<u8> {
    let v = parse_number(text)?;
    v.is_finite().then(|| v.round().clamp(0.0, 255.0) as u8)
}

/// A value typed by a declared type name (GEXF, GraphML, GDF): numbers and booleans parsed,
/// everything else text. A value that does not parse as its type stays text.
pub(crate) fn typed_value(type_name: &str, text: &str) -> AttrValue {
    let t = type_name.to_ascii_lowercase();
    if t.contains("int")
        || t.contains("long")
        || t.contains("float")
        || t.contains("double")
        || t.contains("short")
        || t.contains("byte")
        || t.contains("real")
        || t == "number"
    {
        if let Some(v) = parse_number(text) {
            return AttrValue::Number(v);
        }
    } else if t.contains("bool") {
        match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => return AttrValue::Bool(true),
            "false" | "0" | "no" => return AttrValue::Bool(false),
            _ => {}
        }
    }
    AttrValue::Text(text.to_string())
}

/// A value whose type is not declared: a number or boolean when it reads as one.
pub(crate) fn guessed_value(text: &str) -> AttrValue {
    let t = text.trim();
    if let Some(v) = parse_number(t).filter(|v| v.is_finite()) {
        return AttrValue::Number(v);
    }
    match t {
        "true" | "TRUE" | "True" => AttrValue::Bool(true),
        "false" | "FALSE" | "False" => AttrValue::Bool(false),
        _ => AttrValue::Text(text.to_string()),
    }
}

/// How a community value is written: integers without a fraction.
pub(crate) fn community_text(value: &AttrValue) -> String {
    match value {
        AttrValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
        other => other.to_string(),
    }
}

/// Applies a named attribute to a node: label, position, colour, size and community go to
/// their fields (`x`/`y` only when both are present, via `pending_xy`), the rest to `attrs`.
pub(crate) struct NodeFields {
    x: Option<f32>,
    y: Option<f32>,
    r: Option<u8>,
    g: Option<u8>,
    b: Option<u8>,
    /// The file's y axis points up (Gephi's GEXF and GraphML): flipped, since tiemap's
    /// graph space has y down like the screen.
    y_up: bool,
}

impl NodeFields {
    pub fn new() -> Self {
        NodeFields {
            x: None,
            y: None,
            r: None,
            g: None,
            b: None,
            y_up: false,
        }
    }

    /// Fields of a format whose y axis points up (Gephi's GEXF and GraphML).
    pub fn y_up() -> Self {
        NodeFields {
            y_up: true,
            ..NodeFields::new()
        }
    }

    /// Routes one attribute. Returns nothing; the node is updated in place.
    pub fn apply(&mut self, node: &mut GraphNode, name: &str, value: AttrValue) {
        let lower = name.trim().to_ascii_lowercase();
        let text = value.to_string();
        match lower.as_str() {
            "label" | "name" if node.label.is_none() => {
                node.label = Some(text);
                return;
            }
            "x" => self.x = parse_coord(&text),
            "y" => self.y = parse_coord(&text),
            "r" | "red" => self.r = parse_channel(&text),
            "g" | "green" => self.g = parse_channel(&text),
            "b" | "blue" => self.b = parse_channel(&text),
            "size" | "viz_size" => {
                if let Some(s) = parse_coord(&text) {
                    node.size = Some(s);
                    return;
                }
            }
            "color" | "colour" | "fill" => {
                if let Some(c) = parse_color(&text) {
                    node.color = Some(c);
                    return;
                }
            }
            _ if is_community_name(&lower) && node.community.is_none() => {
                node.community = Some(community_text(&value));
                return;
            }
            _ => {}
        }
        if matches!(lower.as_str(), "x" | "y" | "r" | "g" | "b") {
            return;
        }
        node.attrs.push((name.to_string(), value));
    }

    /// Sets position and colour from the parts seen.
    pub fn finish(self, node: &mut GraphNode) {
        if let (Some(x), Some(y)) = (self.x, self.y) {
            node.pos_in_graph
                .get_or_insert([x, if self.y_up { -y } else { y }]);
        }
        if let (Some(r), Some(g), Some(b)) = (self.r, self.g, self.b) {
            node.color.get_or_insert([r, g, b]);
        }
    }
}

/// 1-based line of byte offset `pos` in `text`.
pub(crate) fn line_of(text: &[u8], pos: usize) -> usize {
    let end = pos.min(text.len());
    text.get(..end)
        .map(|s| s.iter().filter(|&&b| b == b'\n').count() + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(parse_color("#ff8000"), Some([255, 128, 0]));
        assert_eq!(parse_color("#f80"), Some([255, 136, 0]));
        assert_eq!(parse_color("rgb(1, 2, 3)"), Some([1, 2, 3]));
        assert_eq!(parse_color("'10,20,30'"), Some([10, 20, 30]));
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("#ggg"), None);
    }

    #[test]
    fn community_names() {
        for yes in [
            "modularity_class",
            "Modularity Class",
            "community",
            "Cluster",
            "group",
            "partition",
            "community_id",
        ] {
            assert!(is_community_name(yes), "{yes}");
        }
        for no in ["label", "company", "groupsize", "weight"] {
            assert!(!is_community_name(no), "{no}");
        }
    }

    #[test]
    fn id_keys_round_trip() {
        for key in [
            "",
            "a",
            "person12345",
            "exactly-twenty-two-b22",
            "a much longer id that lives on the heap",
            "é名",
        ] {
            let k = IdKey::new(key);
            assert_eq!(k.as_str(), key);
            let mut map: FxMap<IdKey, u32> = FxMap::default();
            map.insert(k, 7);
            assert_eq!(map.get(key), Some(&7));
        }
    }

    #[test]
    fn limits_are_enforced() {
        let mut b = Builder::new("f");
        b.edge_by_key("a", "b", Some(-1.0), 3).unwrap();
        assert_eq!(b.edges.len(), 0);
        assert_eq!(b.edges_skipped(), 1);
        b.edge_by_key("a", "b", Some(2.0), 4).unwrap();
        assert_eq!(b.edges.len(), 1);
        assert_eq!(b.nodes.len(), 2);
    }
}
