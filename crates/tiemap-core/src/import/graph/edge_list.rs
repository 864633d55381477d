//! The plain whitespace edge list: `u v [weight]` per line, `#` (or `%`) comments, and a
//! `# nodes N` comment (also SNAP's `# Nodes: N Edges: M`) declaring N nodes, isolated ones
//! included. A line with a single id declares an isolated node; tokens after the third are
//! ignored (timestamps in temporal lists).
//!
//! When every id is a non-negative integer, nodes are created in numeric order
//! `0..=max(id, N-1)`, so node index == id (the CLI writes results indexed by id). Otherwise
//! (or when the largest id would pass the node limit) nodes come in first-seen order.

use super::super::{ImportError, ReportLine};
use super::builder::{too_many_nodes, Builder, FxMap, MAX_NODES};
use crate::model::{GraphFile, GraphNode};

/// The node count a `# nodes N` comment declares, if `text` has one among its comments.
pub(crate) fn declared_nodes(text: &str) -> Option<usize> {
    text.lines()
        .map(str::trim_start)
        .filter_map(|l| l.strip_prefix('#').or_else(|| l.strip_prefix('%')))
        .find_map(nodes_in_comment)
}

fn nodes_in_comment(comment: &str) -> Option<usize> {
    let mut tokens = comment
        .split(|c: char| c.is_ascii_whitespace() || c == ':' || c == '=' || c == ',')
        .filter(|t| !t.is_empty());
    while let Some(t) = tokens.next() {
        if t.eq_ignore_ascii_case("nodes") || t.eq_ignore_ascii_case("vertices") {
            return tokens.next()?.parse().ok();
        }
    }
    None
}

/// Splits a line into at most 3 whitespace-separated tokens; returns how many were found
/// (counting all of them).
#[inline]
fn tokens(line: &str) -> ([&str; 3], usize) {
    let bytes = line.as_bytes();
    let mut out = [""; 3];
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if n < 3 {
            out[n] = line.get(start..i).unwrap_or("");
        }
        n += 1;
    }
    (out, n)
}

/// A non-negative integer id made only of ASCII digits (no sign, no leading `+`).
#[inline]
fn int_id(token: &str) -> Option<u64> {
    let bytes = token.as_bytes();
    if bytes.is_empty() || bytes.len() > 18 {
        return None;
    }
    let mut v: u64 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(b - b'0');
    }
    Some(v)
}

/// One parsed line.
enum Line<'a> {
    Blank,
    Comment(&'a str),
    Node(&'a str),
    Edge(&'a str, &'a str, Option<&'a str>),
}

#[inline]
fn parse_line(line: &str) -> Line<'_> {
    let t = line.trim_start();
    if t.is_empty() {
        return Line::Blank;
    }
    if let Some(c) = t.strip_prefix('#').or_else(|| t.strip_prefix('%')) {
        return Line::Comment(c);
    }
    let (tok, n) = tokens(t);
    match n {
        1 => Line::Node(tok[0]),
        2 => Line::Edge(tok[0], tok[1], None),
        _ => Line::Edge(tok[0], tok[1], Some(tok[2])),
    }
}

/// The weight of a line: `Some(None)` when absent, `None` (and the tie skipped) when it is
/// not a number.
fn weight(b: &mut Builder, token: Option<&str>, line: usize) -> Option<Option<f64>> {
    match token {
        None => Some(None),
        Some(t) => match t.parse::<f64>() {
            Ok(w) => Some(Some(w)),
            Err(_) => {
                b.skip_edge(
                    Some(line),
                    format!("has weight \"{t}\", expected a number after the two ids"),
                );
                None
            }
        },
    }
}

/// Reads a whitespace edge list.
pub(crate) fn read_edge_list(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    if let Some(done) = read_integer_ids(file, text)? {
        return Ok(done);
    }
    read_named_ids(file, text)
}

/// Integer mode; `None` when some id is not a non-negative integer or is too large.
fn read_integer_ids(
    file: &str,
    text: &str,
) -> Result<Option<(GraphFile, Vec<ReportLine>)>, ImportError> {
    let mut b = Builder::new(file);
    let mut declared = 0usize;
    let mut max_id: Option<u64> = None;
    let limit = MAX_NODES as u64;
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        match parse_line(raw) {
            Line::Blank => {}
            Line::Comment(c) => {
                if let Some(n) = nodes_in_comment(c) {
                    declared = declared.max(n);
                }
            }
            Line::Node(id) => {
                let Some(v) = int_id(id).filter(|&v| v < limit) else {
                    return Ok(None);
                };
                max_id = Some(max_id.map_or(v, |m| m.max(v)));
            }
            Line::Edge(s, t, w) => {
                let (Some(s), Some(t)) = (int_id(s), int_id(t)) else {
                    return Ok(None);
                };
                if s >= limit || t >= limit {
                    return Ok(None);
                }
                max_id = Some(max_id.map_or(s.max(t), |m| m.max(s).max(t)));
                if let Some(w) = weight(&mut b, w, line) {
                    b.edge(s as u32, t as u32, w, line)?;
                }
            }
        }
    }
    let count = match max_id {
        Some(m) => (m as usize + 1).max(declared),
        None => declared,
    };
    if count > MAX_NODES {
        return Err(too_many_nodes(file, 1));
    }
    b.nodes = (0..count)
        .map(|i| GraphNode {
            key: i.to_string(),
            ..GraphNode::default()
        })
        .collect();
    Ok(Some(b.finish("edge list", false)))
}

/// Named mode: nodes in first-seen order, then `# nodes N` padding with numbered nodes that
/// no line named.
fn read_named_ids(file: &str, text: &str) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let mut index: FxMap<&str, u32> = FxMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut declared = 0usize;
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        match parse_line(raw) {
            Line::Blank => {}
            Line::Comment(c) => {
                if let Some(n) = nodes_in_comment(c) {
                    declared = declared.max(n);
                }
            }
            Line::Node(id) => {
                intern_key(file, id, &mut index, &mut keys, line)?;
            }
            Line::Edge(s, t, w) => {
                let s = intern_key(file, s, &mut index, &mut keys, line)?;
                let t = intern_key(file, t, &mut index, &mut keys, line)?;
                if let Some(w) = weight(&mut b, w, line) {
                    b.edge(s, t, w, line)?;
                }
            }
        }
    }
    if declared > MAX_NODES {
        return Err(too_many_nodes(file, 1));
    }
    let mut nodes: Vec<GraphNode> = keys
        .iter()
        .map(|k| GraphNode {
            key: (*k).to_string(),
            ..GraphNode::default()
        })
        .collect();
    // Declared but never named: numbered keys not already taken.
    let mut next = 0usize;
    while nodes.len() < declared {
        let key = next.to_string();
        next += 1;
        if !index.contains_key(key.as_str()) {
            nodes.push(GraphNode {
                key,
                ..GraphNode::default()
            });
        }
    }
    b.nodes = nodes;
    Ok(b.finish("edge list", false))
}

fn intern_key<'a>(
    file: &str,
    key: &'a str,
    index: &mut FxMap<&'a str, u32>,
    keys: &mut Vec<&'a str>,
    line: usize,
) -> Result<u32, ImportError> {
    if let Some(&i) = index.get(key) {
        return Ok(i);
    }
    if keys.len() >= MAX_NODES {
        return Err(too_many_nodes(file, line));
    }
    let i = keys.len() as u32;
    index.insert(key, i);
    keys.push(key);
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_ids_give_index_equal_id() {
        let (g, _) = read_edge_list("e.txt", "# nodes 6\n3 1\n1 2 2.5\n").unwrap();
        assert_eq!(g.nodes.len(), 6);
        for (i, n) in g.nodes.iter().enumerate() {
            assert_eq!(n.key, i.to_string());
        }
        assert_eq!(g.edges[0].source, 3);
        assert_eq!(g.edges[1].weight, 2.5);
    }

    #[test]
    fn named_ids_first_seen() {
        let (g, _) = read_edge_list("e.txt", "b a\na c 2\n").unwrap();
        let keys: Vec<&str> = g.nodes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys, ["b", "a", "c"]);
        assert_eq!(g.edges.len(), 2);
    }

    #[test]
    fn snap_header() {
        assert_eq!(nodes_in_comment(" Nodes: 4039 Edges: 88234"), Some(4039));
        assert_eq!(nodes_in_comment(" nodes 5"), Some(5));
        assert_eq!(nodes_in_comment(" a comment"), None);
    }
}
