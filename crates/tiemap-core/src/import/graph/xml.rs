//! GEXF (1.1-1.3) and GraphML, read with quick-xml's streaming pull parser.
//!
//! Safety: a DOCTYPE that declares entities (billion laughs, external entities) is refused;
//! nothing is ever fetched; only the five predefined entities and numeric character
//! references are expanded; element nesting is bounded ([`MAX_DEPTH`]).

use super::super::{ImportError, ReportLine};
use super::builder::{
    community_text, guessed_value, is_community_name, parse_channel, parse_color, parse_coord,
    parse_number, typed_value, Builder, NodeFields,
};
use crate::model::{AttrValue, GraphFile, GraphNode};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// Deepest element nesting read (real files use under 10).
pub const MAX_DEPTH: usize = 256;

/// One event, reduced to what the readers use.
enum Ev<'a> {
    /// An element opens; `empty` when it also closes (`<a/>`).
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        empty: bool,
    },
    End(String),
    Text(Cow<'a, str>),
    Eof,
}

/// A bounded, entity-refusing pull reader that also knows the current line.
struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    file: &'a str,
    bytes: &'a [u8],
    depth: usize,
    line_pos: usize,
    line: usize,
}

fn local(name: &str) -> String {
    match name.rfind(':') {
        Some(i) => name.get(i + 1..).unwrap_or(name).to_string(),
        None => name.to_string(),
    }
}

impl<'a> Xml<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        Xml {
            reader: Reader::from_str(text),
            file,
            bytes: text.as_bytes(),
            depth: 0,
            line_pos: 0,
            line: 1,
        }
    }

    /// The line the reader is on (counted incrementally).
    fn line(&mut self) -> usize {
        let pos = (self.reader.buffer_position() as usize).min(self.bytes.len());
        if pos > self.line_pos {
            let newlines = self
                .bytes
                .get(self.line_pos..pos)
                .map(|s| s.iter().filter(|&&b| b == b'\n').count())
                .unwrap_or(0);
            self.line += newlines;
            self.line_pos = pos;
        }
        self.line
    }

    fn malformed(&mut self, reason: String) -> ImportError {
        ImportError::Malformed {
            file: self.file.to_string(),
            line: self.line(),
            reason,
        }
    }

    fn attrs(&mut self, e: &BytesStart<'_>) -> Result<Vec<(String, String)>, ImportError> {
        let mut out = Vec::new();
        for a in e.attributes() {
            let a =
                a.map_err(|err| self.malformed(format!("has a malformed attribute ({err})")))?;
            let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| {
                self.malformed(format!(
                    "has an attribute with an entity tiemap does not expand ({err})"
                ))
            })?;
            out.push((local(a.key.as_ref()), value.into_owned()));
        }
        Ok(out)
    }

    fn next(&mut self) -> Result<Ev<'a>, ImportError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(err) => {
                    let pos = (self.reader.error_position() as usize).min(self.bytes.len());
                    let line = super::builder::line_of(self.bytes, pos);
                    return Err(ImportError::Malformed {
                        file: self.file.to_string(),
                        line,
                        reason: format!("is not well-formed XML ({err})"),
                    });
                }
            };
            match event {
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::DocType(d) => {
                    if d.as_ref().contains("<!ENTITY") {
                        return Err(self.malformed(
                            "declares entities in its DOCTYPE; tiemap never expands custom or \
                             external entities (they can blow up in size or reach outside the \
                             file), so it refuses the file"
                                .into(),
                        ));
                    }
                }
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > MAX_DEPTH {
                        return Err(
                            self.malformed(format!("nests elements more than {MAX_DEPTH} deep"))
                        );
                    }
                    let attrs = self.attrs(&e)?;
                    return Ok(Ev::Start {
                        name: local(e.name().as_ref()),
                        attrs,
                        empty: false,
                    });
                }
                Event::Empty(e) => {
                    let attrs = self.attrs(&e)?;
                    return Ok(Ev::Start {
                        name: local(e.name().as_ref()),
                        attrs,
                        empty: true,
                    });
                }
                Event::End(e) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(Ev::End(local(e.name().as_ref())));
                }
                Event::Text(t) => return Ok(Ev::Text(t.xml10_content())),
                Event::CData(c) => return Ok(Ev::Text(Cow::Owned(c.into_inner().into_owned()))),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => {
                            let name = r.as_ref().to_string();
                            match name.as_str() {
                                "lt" => Some("<".into()),
                                "gt" => Some(">".into()),
                                "amp" => Some("&".into()),
                                "apos" => Some("'".into()),
                                "quot" => Some("\"".into()),
                                _ => None,
                            }
                            .ok_or_else(|| {
                                self.malformed(format!(
                                    "uses the entity &{name}; which tiemap does not expand \
                                     (only &lt; &gt; &amp; &apos; &quot; and &#...; are)"
                                ))
                            })
                            .map(Some)?
                        }
                        Err(err) => {
                            return Err(
                                self.malformed(format!("has a bad character reference ({err})"))
                            )
                        }
                    };
                    if let Some(s) = resolved {
                        return Ok(Ev::Text(Cow::Owned(s)));
                    }
                }
                Event::Eof => return Ok(Ev::Eof),
            }
        }
    }
}

fn get<'v>(attrs: &'v [(String, String)], name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A declared attribute (GEXF `<attribute>`, GraphML `<key>`).
#[derive(Clone, Debug)]
struct AttrDecl {
    id: String,
    name: String,
    type_name: String,
    default: Option<String>,
}

/// A node being read, with its attribute values by declaration id, in file order.
struct PendingNode {
    node: GraphNode,
    values: Vec<(String, String)>,
    parts: NodeFields,
    line: usize,
}

impl PendingNode {
    fn new(key: String, line: usize) -> Self {
        PendingNode {
            node: GraphNode {
                key,
                ..GraphNode::default()
            },
            values: Vec::new(),
            parts: NodeFields::y_up(),
            line,
        }
    }

    /// Applies the values (and the defaults of declarations not given) and declares it.
    fn finish(mut self, decls: &[AttrDecl], b: &mut Builder) -> Result<(), ImportError> {
        let mut seen: Vec<&str> = Vec::new();
        for (id, text) in &self.values {
            let decl = decls.iter().find(|d| d.id == *id);
            let (name, value) = match decl {
                Some(d) => (d.name.as_str(), typed_value(&d.type_name, text)),
                None => (id.as_str(), guessed_value(text)),
            };
            seen.push(id);
            route(&mut self.node, &mut self.parts, name, value);
        }
        for d in decls {
            if let Some(def) = &d.default {
                if !seen.contains(&d.id.as_str()) {
                    route(
                        &mut self.node,
                        &mut self.parts,
                        &d.name,
                        typed_value(&d.type_name, def),
                    );
                }
            }
        }
        self.parts.finish(&mut self.node);
        b.declare(self.node, self.line).map(|_| ())
    }
}

fn route(node: &mut GraphNode, parts: &mut NodeFields, name: &str, value: AttrValue) {
    if is_community_name(name) && node.community.is_none() {
        node.community = Some(community_text(&value));
        return;
    }
    parts.apply(node, name, value);
}

/// An edge being read (GraphML edges carry their weight in `<data>`).
struct PendingEdge {
    source: String,
    target: String,
    weight: Option<String>,
    line: usize,
}

fn add_edge(b: &mut Builder, e: PendingEdge) -> Result<(), ImportError> {
    let weight = match e.weight.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(w) => match parse_number(w) {
            Some(v) => Some(v),
            None => {
                b.skip_edge(
                    Some(e.line),
                    format!("has weight \"{w}\", expected a number"),
                );
                return Ok(());
            }
        },
    };
    b.edge_by_key(&e.source, &e.target, weight, e.line)
}

/// Reads a GEXF file.
pub(crate) fn read_gexf(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut xml = Xml::new(file, text);
    let mut b = Builder::new(file);
    let mut directed = false;
    let mut node_decls: Vec<AttrDecl> = Vec::new();
    // Which class the current <attributes> block declares (node or edge).
    let mut attr_class_node = true;
    let mut in_default: Option<usize> = None;
    let mut default_text = String::new();
    let mut stack: Vec<PendingNode> = Vec::new();
    let mut saw_root = false;
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Start { name, attrs, empty } => match name.as_str() {
                "gexf" => saw_root = true,
                "graph" => {
                    directed = get(&attrs, "defaultedgetype") == Some("directed");
                }
                "attributes" => {
                    attr_class_node = get(&attrs, "class").is_none_or(|c| c == "node");
                }
                "attribute" if attr_class_node && stack.is_empty() => {
                    let id = get(&attrs, "id").unwrap_or("").to_string();
                    node_decls.push(AttrDecl {
                        name: get(&attrs, "title").unwrap_or(&id).to_string(),
                        type_name: get(&attrs, "type").unwrap_or("string").to_string(),
                        default: None,
                        id,
                    });
                }
                "default" if attr_class_node && !empty && stack.is_empty() => {
                    in_default = node_decls.len().checked_sub(1);
                    default_text.clear();
                }
                "node" => {
                    let line = xml.line();
                    let Some(id) = get(&attrs, "id") else {
                        b.skip_node(Some(line), "has a node without an id".into());
                        if !empty {
                            stack.push(PendingNode::new(String::new(), line));
                        }
                        continue;
                    };
                    let mut p = PendingNode::new(id.to_string(), line);
                    p.node.label = get(&attrs, "label").map(str::to_string);
                    if empty {
                        p.finish(&node_decls, &mut b)?;
                    } else {
                        stack.push(p);
                    }
                }
                "attvalue" => {
                    if let Some(p) = stack.last_mut() {
                        let id = get(&attrs, "for").or_else(|| get(&attrs, "id"));
                        if let (Some(id), Some(v)) = (id, get(&attrs, "value")) {
                            if !p.values.iter().any(|(k, _)| k == id) {
                                p.values.push((id.to_string(), v.to_string()));
                            }
                        }
                    }
                }
                "color" => {
                    if let Some(p) = stack.last_mut() {
                        let rgb = match (get(&attrs, "r"), get(&attrs, "g"), get(&attrs, "b")) {
                            (Some(r), Some(g), Some(b)) => {
                                match (parse_channel(r), parse_channel(g), parse_channel(b)) {
                                    (Some(r), Some(g), Some(b)) => Some([r, g, b]),
                                    _ => None,
                                }
                            }
                            _ => get(&attrs, "hex").and_then(parse_color),
                        };
                        if rgb.is_some() {
                            p.node.color = rgb;
                        }
                    }
                }
                "size" => {
                    if let Some(p) = stack.last_mut() {
                        if let Some(s) = get(&attrs, "value").and_then(parse_coord) {
                            p.node.size = Some(s);
                        }
                    }
                }
                "position" => {
                    if let Some(p) = stack.last_mut() {
                        let x = get(&attrs, "x").and_then(parse_coord);
                        let y = get(&attrs, "y").and_then(parse_coord);
                        // GEXF's y axis points up (Gephi); tiemap's points down, like the screen.
                        if let (Some(x), Some(y)) = (x, y) {
                            p.node.pos_in_graph = Some([x, -y]);
                        }
                    }
                }
                "edge" => {
                    let line = xml.line();
                    let (Some(s), Some(t)) = (get(&attrs, "source"), get(&attrs, "target")) else {
                        b.skip_edge(
                            Some(line),
                            "has an edge without a source or a target".into(),
                        );
                        continue;
                    };
                    add_edge(
                        &mut b,
                        PendingEdge {
                            source: s.to_string(),
                            target: t.to_string(),
                            weight: get(&attrs, "weight").map(str::to_string),
                            line,
                        },
                    )?;
                }
                _ => {}
            },
            Ev::Text(t) => {
                if in_default.is_some() {
                    default_text.push_str(&t);
                }
            }
            Ev::End(name) => match name.as_str() {
                "default" => {
                    if let Some(d) = in_default.take().and_then(|i| node_decls.get_mut(i)) {
                        d.default = Some(default_text.trim().to_string());
                    }
                }
                "node" => {
                    if let Some(p) = stack.pop() {
                        if !p.node.key.is_empty() {
                            p.finish(&node_decls, &mut b)?;
                        }
                    }
                }
                _ => {}
            },
        }
    }
    if !saw_root {
        return Err(ImportError::UnknownFormat {
            file: file.to_string(),
            hint: Some("it mentions <gexf but has no <gexf> root element".into()),
        });
    }
    Ok(b.finish("GEXF", directed))
}

/// Where text goes while reading GraphML.
enum Sink {
    None,
    Default(usize),
    NodeData(String),
    EdgeData(String),
    YedLabel,
}

/// Reads a GraphML file (plain, Gephi's x/y/r/g/b/size/label keys, yEd's node graphics).
pub(crate) fn read_graphml(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut xml = Xml::new(file, text);
    let mut b = Builder::new(file);
    let mut directed = false;
    let mut node_keys: Vec<AttrDecl> = Vec::new();
    let mut weight_keys: Vec<String> = Vec::new();
    let mut weight_default: Option<String> = None;
    let mut key_for_node = false;
    let mut key_is_weight = false;
    let mut stack: Vec<PendingNode> = Vec::new();
    let mut edge: Option<PendingEdge> = None;
    let mut sink = Sink::None;
    let mut buf = String::new();
    let mut saw_root = false;
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Start { name, attrs, empty } => match name.as_str() {
                "graphml" => saw_root = true,
                "graph" if stack.is_empty() => {
                    directed = get(&attrs, "edgedefault") == Some("directed");
                }
                "key" => {
                    let id = get(&attrs, "id").unwrap_or("").to_string();
                    let name = get(&attrs, "attr.name").unwrap_or(&id).to_string();
                    let target = get(&attrs, "for").unwrap_or("all");
                    key_for_node = matches!(target, "node" | "all");
                    key_is_weight =
                        matches!(target, "edge" | "all") && name.eq_ignore_ascii_case("weight");
                    if key_is_weight {
                        weight_keys.push(id.clone());
                    }
                    if key_for_node {
                        node_keys.push(AttrDecl {
                            id,
                            name,
                            type_name: get(&attrs, "attr.type").unwrap_or("string").to_string(),
                            default: None,
                        });
                    }
                }
                "default" if !empty && stack.is_empty() && edge.is_none() => {
                    sink = Sink::Default(node_keys.len());
                    buf.clear();
                }
                "node" => {
                    let line = xml.line();
                    let key = match get(&attrs, "id") {
                        Some(id) => id.to_string(),
                        None => {
                            b.skip_node(Some(line), "has a node without an id".into());
                            String::new()
                        }
                    };
                    let p = PendingNode::new(key, line);
                    if empty {
                        if !p.node.key.is_empty() {
                            p.finish(&node_keys, &mut b)?;
                        }
                    } else {
                        stack.push(p);
                    }
                }
                "edge" => {
                    let line = xml.line();
                    let pending = match (get(&attrs, "source"), get(&attrs, "target")) {
                        (Some(s), Some(t)) => Some(PendingEdge {
                            source: s.to_string(),
                            target: t.to_string(),
                            weight: weight_default.clone(),
                            line,
                        }),
                        _ => {
                            b.skip_edge(
                                Some(line),
                                "has an edge without a source or a target".into(),
                            );
                            None
                        }
                    };
                    if empty {
                        if let Some(e) = pending {
                            add_edge(&mut b, e)?;
                        }
                    } else {
                        edge = pending;
                    }
                }
                "data" if !empty => {
                    let key = get(&attrs, "key").unwrap_or("").to_string();
                    buf.clear();
                    sink = if edge.is_some() {
                        Sink::EdgeData(key)
                    } else if !stack.is_empty() {
                        Sink::NodeData(key)
                    } else {
                        Sink::None
                    };
                }
                // yEd node graphics.
                "Geometry" => {
                    if let Some(p) = stack.last_mut() {
                        let x = get(&attrs, "x").and_then(parse_coord);
                        let y = get(&attrs, "y").and_then(parse_coord);
                        if let (Some(x), Some(y)) = (x, y) {
                            p.node.pos_in_graph.get_or_insert([x, y]);
                        }
                        if let Some(w) = get(&attrs, "width").and_then(parse_coord) {
                            p.node.size.get_or_insert(w);
                        }
                    }
                }
                "Fill" => {
                    if let Some(p) = stack.last_mut() {
                        if let Some(c) = get(&attrs, "color").and_then(parse_color) {
                            p.node.color.get_or_insert(c);
                        }
                    }
                }
                "NodeLabel" if !empty && !stack.is_empty() => {
                    sink = Sink::YedLabel;
                    buf.clear();
                }
                _ => {}
            },
            Ev::Text(t) => {
                if !matches!(sink, Sink::None) {
                    buf.push_str(&t);
                }
            }
            Ev::End(name) => match name.as_str() {
                "default" => {
                    if let Sink::Default(i) = sink {
                        let value = buf.trim().to_string();
                        if key_for_node {
                            if let Some(d) = i.checked_sub(1).and_then(|i| node_keys.get_mut(i)) {
                                d.default = Some(value.clone());
                            }
                        }
                        if key_is_weight {
                            weight_default = Some(value);
                        }
                    }
                    sink = Sink::None;
                }
                "data" => match std::mem::replace(&mut sink, Sink::None) {
                    Sink::NodeData(key) => {
                        if let Some(p) = stack.last_mut() {
                            p.values.push((key, buf.trim().to_string()));
                        }
                    }
                    Sink::EdgeData(key) => {
                        if let Some(e) = edge.as_mut() {
                            if weight_keys.contains(&key) {
                                e.weight = Some(buf.trim().to_string());
                            }
                        }
                    }
                    other => sink = other,
                },
                "NodeLabel" => {
                    if let (Sink::YedLabel, Some(p)) = (&sink, stack.last_mut()) {
                        let label = buf.trim();
                        if p.node.label.is_none() && !label.is_empty() {
                            p.node.label = Some(label.to_string());
                        }
                        sink = Sink::None;
                    }
                }
                "node" => {
                    if let Some(p) = stack.pop() {
                        if !p.node.key.is_empty() {
                            p.finish(&node_keys, &mut b)?;
                        }
                    }
                }
                "edge" => {
                    if let Some(e) = edge.take() {
                        add_edge(&mut b, e)?;
                    }
                }
                _ => {}
            },
        }
    }
    if !saw_root {
        return Err(ImportError::UnknownFormat {
            file: file.to_string(),
            hint: Some("it mentions <graphml but has no <graphml> root element".into()),
        });
    }
    Ok(b.finish("GraphML", directed))
}
