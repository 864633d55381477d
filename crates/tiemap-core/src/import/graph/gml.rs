//! GML: `graph [ directed 0 node [ id 1 label "a" graphics [ x 1.0 y 2.0 fill "#ff0000" ] ]
//! edge [ source 1 target 2 value 3 ] ]`. Nesting is bounded ([`MAX_DEPTH`]); an unclosed
//! bracket is an error naming the line where it opened.

use super::super::{ImportError, ReportLine};
use super::builder::{community_text, guessed_value, parse_number, Builder, NodeFields};
use crate::model::{GraphFile, GraphNode};

/// Deepest list nesting read (real files use 3).
pub const MAX_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'a> {
    Open,
    Close,
    Str(&'a str),
    Word(&'a str),
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer {
            text,
            pos: 0,
            line: 1,
        }
    }

    /// The next token and the line it starts on; `Err` for an unclosed string.
    fn next(&mut self) -> Result<Option<(Tok<'a>, usize)>, usize> {
        let bytes = self.text.as_bytes();
        loop {
            match bytes.get(self.pos) {
                None => return Ok(None),
                Some(b'\n') => {
                    self.line += 1;
                    self.pos += 1;
                }
                Some(b) if b.is_ascii_whitespace() => self.pos += 1,
                Some(b'#') => {
                    while let Some(&b) = bytes.get(self.pos) {
                        if b == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                Some(_) => break,
            }
        }
        let line = self.line;
        let start = self.pos;
        match bytes.get(self.pos) {
            Some(b'[') => {
                self.pos += 1;
                Ok(Some((Tok::Open, line)))
            }
            Some(b']') => {
                self.pos += 1;
                Ok(Some((Tok::Close, line)))
            }
            Some(b'"') => {
                self.pos += 1;
                let inner = self.pos;
                loop {
                    match bytes.get(self.pos) {
                        None => return Err(line),
                        Some(b'"') => break,
                        Some(b'\n') => self.line += 1,
                        Some(_) => {}
                    }
                    self.pos += 1;
                }
                let s = self.text.get(inner..self.pos).unwrap_or("");
                self.pos += 1;
                Ok(Some((Tok::Str(s), line)))
            }
            Some(_) => {
                while let Some(&b) = bytes.get(self.pos) {
                    if b.is_ascii_whitespace() || b == b'[' || b == b']' || b == b'"' {
                        break;
                    }
                    self.pos += 1;
                }
                Ok(Some((
                    Tok::Word(self.text.get(start..self.pos).unwrap_or("")),
                    line,
                )))
            }
            None => Ok(None),
        }
    }
}

/// Whether `text` starts like GML: key-value pairs at the top level, one of them `graph [`.
pub(crate) fn looks_like_gml(text: &str) -> bool {
    let mut lexer = Lexer::new(text);
    let mut expect_key = true;
    let mut key = "";
    for _ in 0..64 {
        let Ok(Some((tok, _))) = lexer.next() else {
            return false;
        };
        if expect_key {
            match tok {
                Tok::Word(w) if w.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
                    key = w;
                    expect_key = false;
                }
                _ => return false,
            }
        } else {
            match tok {
                Tok::Open => return key.eq_ignore_ascii_case("graph"),
                Tok::Close => return false,
                Tok::Str(_) | Tok::Word(_) => expect_key = true,
            }
        }
    }
    false
}

/// A parsed value.
#[derive(Debug)]
enum Value<'a> {
    Scalar(&'a str),
    List(Vec<Entry<'a>>),
}

#[derive(Debug)]
struct Entry<'a> {
    key: &'a str,
    value: Value<'a>,
    line: usize,
}

fn malformed(file: &str, line: usize, reason: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        file: file.to_string(),
        line,
        reason: reason.into(),
    }
}

/// Parses key-value pairs until `]` (when `open_line` is set) or the end.
fn parse_list<'a>(
    file: &str,
    lexer: &mut Lexer<'a>,
    depth: usize,
    open_line: Option<usize>,
) -> Result<Vec<Entry<'a>>, ImportError> {
    let mut entries = Vec::new();
    let unclosed_string =
        |line: usize| malformed(file, line, "opens a string with \" that is never closed");
    loop {
        let Some((tok, line)) = lexer.next().map_err(unclosed_string)? else {
            return match open_line {
                Some(at) => Err(malformed(
                    file,
                    at,
                    "opens a list with [ that is never closed",
                )),
                None => Ok(entries),
            };
        };
        let key = match tok {
            Tok::Word(w) => w,
            Tok::Close => {
                return match open_line {
                    Some(_) => Ok(entries),
                    None => Err(malformed(
                        file,
                        line,
                        "closes a list with ] that was never opened",
                    )),
                }
            }
            Tok::Open => return Err(malformed(file, line, "has [ where a key was expected")),
            Tok::Str(_) => {
                return Err(malformed(
                    file,
                    line,
                    "has a string where a key was expected",
                ))
            }
        };
        let Some((tok, vline)) = lexer.next().map_err(unclosed_string)? else {
            return Err(malformed(
                file,
                line,
                format!("has the key {key} without a value"),
            ));
        };
        let value = match tok {
            Tok::Word(w) | Tok::Str(w) => Value::Scalar(w),
            Tok::Open => {
                if depth + 1 > MAX_DEPTH {
                    return Err(malformed(
                        file,
                        vline,
                        format!("nests lists more than {MAX_DEPTH} deep"),
                    ));
                }
                Value::List(parse_list(file, lexer, depth + 1, Some(vline))?)
            }
            Tok::Close => {
                return Err(malformed(
                    file,
                    vline,
                    format!("has the key {key} without a value"),
                ))
            }
        };
        entries.push(Entry { key, value, line });
    }
}

fn scalar<'a>(entries: &'a [Entry<'a>], key: &str) -> Option<&'a str> {
    entries.iter().find_map(|e| match &e.value {
        Value::Scalar(s) if e.key.eq_ignore_ascii_case(key) => Some(*s),
        _ => None,
    })
}

/// Reads a GML file.
pub(crate) fn read_gml(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut lexer = Lexer::new(text);
    let top = parse_list(file, &mut lexer, 0, None)?;
    let graph = top
        .iter()
        .find_map(|e| match &e.value {
            Value::List(l) if e.key.eq_ignore_ascii_case("graph") => Some(l),
            _ => None,
        })
        .ok_or_else(|| ImportError::UnknownFormat {
            file: file.to_string(),
            hint: Some("it looks like GML but has no graph [ ... ] list".into()),
        })?;
    let directed = scalar(graph, "directed").is_some_and(|d| d.trim() == "1");
    let mut b = Builder::new(file);
    for e in graph {
        let Value::List(items) = &e.value else {
            continue;
        };
        if !e.key.eq_ignore_ascii_case("node") {
            continue;
        }
        let Some(id) = scalar(items, "id") else {
            b.skip_node(Some(e.line), "has a node without an id".into());
            continue;
        };
        let mut node = GraphNode {
            key: id.trim().to_string(),
            ..GraphNode::default()
        };
        let mut parts = NodeFields::new();
        for item in items {
            match &item.value {
                Value::Scalar(v) => {
                    let k = item.key;
                    if k.eq_ignore_ascii_case("id") {
                        continue;
                    }
                    if k.eq_ignore_ascii_case("label") {
                        node.label = Some((*v).to_string());
                        continue;
                    }
                    parts.apply(&mut node, k, guessed_value(v));
                }
                Value::List(g) if item.key.eq_ignore_ascii_case("graphics") => {
                    let x = scalar(g, "x").and_then(super::builder::parse_coord);
                    let y = scalar(g, "y").and_then(super::builder::parse_coord);
                    if let (Some(x), Some(y)) = (x, y) {
                        node.pos_in_graph = Some([x, y]);
                    }
                    if let Some(c) = scalar(g, "fill").and_then(super::builder::parse_color) {
                        node.color = Some(c);
                    }
                    let w = scalar(g, "w").and_then(super::builder::parse_coord);
                    let h = scalar(g, "h").and_then(super::builder::parse_coord);
                    if let Some(s) = w.or(h) {
                        node.size.get_or_insert(s);
                    }
                }
                Value::List(_) => {}
            }
        }
        parts.finish(&mut node);
        if let Some(c) = node.community.take() {
            node.community = Some(community_text(&guessed_value(&c)));
        }
        b.declare(node, e.line)?;
    }
    for e in graph {
        let Value::List(items) = &e.value else {
            continue;
        };
        if !e.key.eq_ignore_ascii_case("edge") {
            continue;
        }
        let (Some(s), Some(t)) = (scalar(items, "source"), scalar(items, "target")) else {
            b.skip_edge(
                Some(e.line),
                "has an edge without a source or a target".into(),
            );
            continue;
        };
        let w = scalar(items, "weight").or_else(|| scalar(items, "value"));
        let weight = match w {
            None => None,
            Some(w) => match parse_number(w) {
                Some(v) => Some(v),
                None => {
                    b.skip_edge(
                        Some(e.line),
                        format!("has weight \"{w}\", expected a number"),
                    );
                    continue;
                }
            },
        };
        b.edge_by_key(s.trim(), t.trim(), weight, e.line)?;
    }
    Ok(b.finish("GML", directed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        assert!(looks_like_gml("Creator \"x\"\ngraph [\n node [ id 1 ] ]"));
        assert!(looks_like_gml("# c\ngraph\n[\n]"));
        assert!(!looks_like_gml("a b\nc d\n"));
        assert!(!looks_like_gml("First Name,Last Name\n"));
    }

    #[test]
    fn unclosed_bracket_names_its_line() {
        let err = read_gml("g.gml", "graph [\n node [ id 1\n").unwrap_err();
        assert!(
            matches!(err, ImportError::Malformed { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("graph {}", "[ a ".repeat(10_000));
        assert!(read_gml("g.gml", &text).is_err());
    }
}
