//! JSON graphs: node-link (d3 `nodes` + `links`, source/target as ids or indices; NetworkX
//! `directed`, `multigraph`, `graph`, `nodes` with `id`, `links` or `edges`), graphology
//! (`options`, `nodes: [{key, attributes}]`, `edges: [{source, target, attributes}]`) and
//! Cytoscape (`elements: {nodes, edges}` or a flat elements array, `data` + `position`).
//!
//! serde_json refuses nesting past 128 levels with an error, so a hostile file cannot
//! overflow the stack.

use super::super::{ImportError, ReportLine};
use super::builder::{Builder, NodeFields};
use crate::model::{AttrValue, GraphFile, GraphNode};
use serde_json::{Map, Value};

fn unknown(file: &str, hint: &str) -> ImportError {
    ImportError::UnknownFormat {
        file: file.to_string(),
        hint: Some(hint.to_string()),
    }
}

/// Reads a JSON graph file.
pub(crate) fn read_json(
    file: &str,
    bytes: &[u8],
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    if crate::import::json_depth::nests_deeper_than(
        bytes,
        crate::import::json_depth::MAX_JSON_DEPTH,
    ) {
        return Err(ImportError::Malformed {
            file: file.to_string(),
            line: 1,
            reason: "nests JSON more than 128 levels deep, deeper than any graph file needs"
                .to_string(),
        });
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let message = e.to_string();
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        ImportError::Malformed {
            file: file.to_string(),
            line: e.line(),
            reason: format!("is not valid JSON ({message})"),
        }
    })?;
    match &value {
        Value::Array(items) => read_cytoscape(file, items, &[], false),
        Value::Object(root) => {
            if let Some(elements) = root.get("elements") {
                return match elements {
                    Value::Array(items) => read_cytoscape(file, items, &[], false),
                    Value::Object(parts) => read_cytoscape(
                        file,
                        as_slice(parts.get("nodes")),
                        as_slice(parts.get("edges")),
                        true,
                    ),
                    _ => Err(unknown(
                        file,
                        "its \"elements\" is neither a list nor an object",
                    )),
                };
            }
            let nodes = as_slice(root.get("nodes"));
            let graphology = root.contains_key("options")
                || nodes
                    .first()
                    .and_then(Value::as_object)
                    .is_some_and(|n| n.contains_key("key") && !n.contains_key("id"));
            if graphology && root.get("nodes").is_some() {
                return read_graphology(file, root);
            }
            if root.get("nodes").is_some_and(Value::is_array) {
                return read_node_link(file, root);
            }
            Err(unknown(
                file,
                "it is JSON but has no \"nodes\" list (node-link, graphology) or \"elements\" (Cytoscape)",
            ))
        }
        _ => Err(unknown(file, "it is JSON but not a graph")),
    }
}

fn as_slice(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A JSON scalar as a key (`"a"` -> a, `3` -> 3).
fn key_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn attr_of(v: &Value) -> Option<AttrValue> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(AttrValue::Text(s.clone())),
        Value::Number(n) => n.as_f64().map(AttrValue::Number),
        Value::Bool(b) => Some(AttrValue::Bool(*b)),
        other => Some(AttrValue::Text(other.to_string())),
    }
}

/// Fields d3-force adds to nodes, not worth keeping as attributes.
const SIMULATION_FIELDS: &[&str] = &["index", "vx", "vy", "fx", "fy"];

/// Routes an object's fields to a node (skipping `skip` keys).
fn fill_node(node: &mut GraphNode, fields: &Map<String, Value>, skip: &[&str]) {
    let mut parts = NodeFields::new();
    for (k, v) in fields {
        if skip.contains(&k.as_str()) || SIMULATION_FIELDS.contains(&k.as_str()) {
            continue;
        }
        if let Some(a) = attr_of(v) {
            parts.apply(node, k, a);
        }
    }
    parts.finish(node);
}

fn weight_of(fields: &Map<String, Value>, record: usize, b: &mut Builder) -> Option<Option<f64>> {
    let w = fields
        .get("weight")
        .or_else(|| fields.get("Weight"))
        .or_else(|| fields.get("value"));
    match w {
        None | Some(Value::Null) => Some(None),
        Some(Value::Number(n)) => Some(n.as_f64()),
        Some(Value::String(s)) => match s.trim().parse::<f64>() {
            Ok(v) => Some(Some(v)),
            Err(_) => {
                b.skip_edge(
                    None,
                    format!("tie {record} has weight \"{s}\", expected a number"),
                );
                None
            }
        },
        Some(other) => {
            b.skip_edge(
                None,
                format!("tie {record} has weight {other}, expected a number"),
            );
            None
        }
    }
}

/// d3 / NetworkX node-link.
fn read_node_link(
    file: &str,
    root: &Map<String, Value>,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let directed = root
        .get("directed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let nodes = as_slice(root.get("nodes"));
    for (i, n) in nodes.iter().enumerate() {
        let record = i + 1;
        let mut node = GraphNode::default();
        match n {
            Value::Object(fields) => {
                node.key = fields
                    .get("id")
                    .and_then(key_of)
                    .unwrap_or_else(|| i.to_string());
                fill_node(&mut node, fields, &["id"]);
            }
            other => match key_of(other) {
                Some(k) => node.key = k,
                None => {
                    b.skip_node(
                        None,
                        format!("node {record} is neither an object nor an id"),
                    );
                    continue;
                }
            },
        }
        b.declare(node, record)?;
    }
    let links = root
        .get("links")
        .or_else(|| root.get("edges"))
        .map(|v| as_slice(Some(v)))
        .unwrap_or(&[]);
    let node_count = nodes.len();
    for (i, l) in links.iter().enumerate() {
        let record = i + 1;
        let Some(fields) = l.as_object() else {
            b.skip_edge(None, format!("tie {record} is not an object"));
            continue;
        };
        let (Some(s), Some(t)) = (fields.get("source"), fields.get("target")) else {
            b.skip_edge(None, format!("tie {record} has no source or no target"));
            continue;
        };
        let (Some(s), Some(t)) = (
            endpoint(&mut b, s, node_count, record)?,
            endpoint(&mut b, t, node_count, record)?,
        ) else {
            b.skip_edge(
                None,
                format!("tie {record} names a node by neither id nor index"),
            );
            continue;
        };
        if let Some(w) = weight_of(fields, record, &mut b) {
            b.edge(s, t, w, record)?;
        }
    }
    Ok(b.finish("JSON node-link", directed))
}

/// A link end: an id, an index into `nodes` (d3), or a node object with an `id`.
fn endpoint(
    b: &mut Builder,
    v: &Value,
    node_count: usize,
    record: usize,
) -> Result<Option<u32>, ImportError> {
    let v = match v {
        Value::Object(o) => match o.get("id").or_else(|| o.get("index")) {
            Some(id) => id,
            None => return Ok(None),
        },
        other => other,
    };
    let Some(key) = key_of(v) else {
        return Ok(None);
    };
    if let Some(i) = b.get(&key) {
        return Ok(Some(i));
    }
    if let Some(i) = v.as_u64().filter(|&i| (i as usize) < node_count) {
        return Ok(Some(i as u32));
    }
    b.node_for_tie(&key, record).map(Some)
}

/// graphology's serialised format.
fn read_graphology(
    file: &str,
    root: &Map<String, Value>,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let directed = root
        .get("options")
        .and_then(|o| o.get("type"))
        .and_then(Value::as_str)
        .is_some_and(|t| t == "directed");
    let empty = Map::new();
    for (i, n) in as_slice(root.get("nodes")).iter().enumerate() {
        let record = i + 1;
        let Some(key) = n.get("key").and_then(key_of) else {
            b.skip_node(None, format!("node {record} has no key"));
            continue;
        };
        let mut node = GraphNode {
            key,
            ..GraphNode::default()
        };
        let attrs = n
            .get("attributes")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        fill_node(&mut node, attrs, &[]);
        b.declare(node, record)?;
    }
    for (i, e) in as_slice(root.get("edges")).iter().enumerate() {
        let record = i + 1;
        let (Some(s), Some(t)) = (
            e.get("source").and_then(key_of),
            e.get("target").and_then(key_of),
        ) else {
            b.skip_edge(None, format!("tie {record} has no source or no target"));
            continue;
        };
        let attrs = e
            .get("attributes")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        if let Some(w) = weight_of(attrs, record, &mut b) {
            let si = b.node_for_tie(&s, record)?;
            let ti = b.node_for_tie(&t, record)?;
            b.edge(si, ti, w, record)?;
        }
    }
    Ok(b.finish("graphology JSON", directed))
}

/// Cytoscape: `nodes` and `edges` lists, or one flat list (`split` false) sorted by `group`
/// or by whether `data` has a source and a target.
fn read_cytoscape(
    file: &str,
    first: &[Value],
    edges: &[Value],
    split: bool,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let is_edge = |el: &Value| match el.get("group").and_then(Value::as_str) {
        Some(g) => g == "edges",
        None => el
            .get("data")
            .is_some_and(|d| d.get("source").is_some() && d.get("target").is_some()),
    };
    let (node_els, edge_els): (Vec<&Value>, Vec<&Value>) = if split {
        (first.iter().collect(), edges.iter().collect())
    } else {
        if first.iter().all(|el| el.get("data").is_none()) && !first.is_empty() {
            return Err(unknown(
                file,
                "it is a JSON list, but not of Cytoscape elements with \"data\"",
            ));
        }
        first.iter().partition(|el| !is_edge(el))
    };
    let empty = Map::new();
    for (i, el) in node_els.iter().enumerate() {
        let record = i + 1;
        let data = el.get("data").and_then(Value::as_object).unwrap_or(&empty);
        let Some(key) = data.get("id").and_then(key_of) else {
            b.skip_node(None, format!("node {record} has no data.id"));
            continue;
        };
        let mut node = GraphNode {
            key,
            ..GraphNode::default()
        };
        fill_node(&mut node, data, &["id", "shared_name", "SUID", "selected"]);
        if let Some(p) = el.get("position") {
            if let (Some(x), Some(y)) = (
                p.get("x").and_then(Value::as_f64),
                p.get("y").and_then(Value::as_f64),
            ) {
                let (x, y) = (x as f32, y as f32);
                if x.is_finite() && y.is_finite() {
                    node.pos_in_graph = Some([x, y]);
                }
            }
        }
        b.declare(node, record)?;
    }
    for (i, el) in edge_els.iter().enumerate() {
        let record = i + 1;
        let data = el.get("data").and_then(Value::as_object).unwrap_or(&empty);
        let (Some(s), Some(t)) = (
            data.get("source").and_then(key_of),
            data.get("target").and_then(key_of),
        ) else {
            b.skip_edge(
                None,
                format!("tie {record} has no data.source or no data.target"),
            );
            continue;
        };
        if let Some(w) = weight_of(data, record, &mut b) {
            let si = b.node_for_tie(&s, record)?;
            let ti = b.node_for_tie(&t, record)?;
            b.edge(si, ti, w, record)?;
        }
    }
    Ok(b.finish("Cytoscape JSON", false))
}
