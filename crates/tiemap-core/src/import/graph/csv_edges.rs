//! CSV edge lists as Gephi writes them (`Source,Target,Type,Id,Label,Weight`; also
//! `from`/`to`; `,` `;` or tab), headerless `u,v[,weight]` rows, and the node table dropped
//! beside an edge list (`Id,Label,...`).
//!
//! The splitter works on bytes and borrows every field that needs no unescaping, so a
//! million-row file is read without a per-field allocation.

use super::super::{ImportError, ReportLine};
use super::builder::{guessed_value, parse_number, Builder, NodeFields};
use crate::model::{GraphFile, GraphNode};
use std::borrow::Cow;

/// The delimiter of a header or first row: the most frequent of tab, `;` and `,` outside
/// quotes (tab, then `;`, wins a tie). `None` when the line has none.
pub(crate) fn guess_delimiter(line: &str) -> Option<u8> {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return None;
    }
    [b'\t', b';', b',']
        .into_iter()
        .zip(counts)
        .find(|&(_, c)| c == best)
        .map(|(d, _)| d)
}

/// The source and target columns of a lower-cased header: `source`/`target` or `from`/`to`.
pub(crate) fn edge_columns(cols: &[String]) -> Option<(usize, usize)> {
    let find = |name: &str| cols.iter().position(|c| c == name);
    match (find("source"), find("target")) {
        (Some(s), Some(t)) => Some((s, t)),
        _ => match (find("from"), find("to")) {
            (Some(s), Some(t)) => Some((s, t)),
            _ => None,
        },
    }
}

/// Splits one line (no embedded newlines) into fields.
pub(crate) fn split_record(line: &[u8], delimiter: u8) -> Vec<Cow<'_, str>> {
    let text = String::from_utf8_lossy(line);
    match text {
        Cow::Borrowed(s) => {
            let mut records = Records::new(s, delimiter);
            let mut out = Vec::new();
            records.next_into(&mut out);
            out
        }
        Cow::Owned(s) => {
            let mut records = Records::new(&s, delimiter);
            let mut out = Vec::new();
            records.next_into(&mut out);
            out.into_iter()
                .map(|c| Cow::Owned(c.into_owned()))
                .collect()
        }
    }
}

/// Reads CSV records from text, quotes (`"`, doubled to escape) spanning lines allowed.
pub(crate) struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
}

impl<'a> Records<'a> {
    pub fn new(text: &'a str, delimiter: u8) -> Self {
        Records {
            text,
            pos: 0,
            line: 1,
            delimiter,
        }
    }

    /// Reads the next record into `out` (cleared first); returns the 1-based line it starts
    /// on, or `None` at the end.
    pub fn next_into(&mut self, out: &mut Vec<Cow<'a, str>>) -> Option<usize> {
        out.clear();
        let bytes = self.text.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start_line = self.line;
        loop {
            // One field.
            let field_start = self.pos;
            if bytes.get(self.pos) == Some(&b'"') {
                self.pos += 1;
                let inner_start = self.pos;
                let mut owned: Option<String> = None;
                let mut seg_start = inner_start;
                loop {
                    match bytes.get(self.pos) {
                        None => break,
                        Some(b'"') => {
                            if bytes.get(self.pos + 1) == Some(&b'"') {
                                let o = owned.get_or_insert_with(String::new);
                                o.push_str(self.text.get(seg_start..self.pos + 1).unwrap_or(""));
                                self.pos += 2;
                                seg_start = self.pos;
                            } else {
                                break;
                            }
                        }
                        Some(b'\n') => {
                            self.line += 1;
                            self.pos += 1;
                        }
                        Some(_) => self.pos += 1,
                    }
                }
                let inner_end = self.pos.min(bytes.len());
                let field = match owned {
                    Some(mut o) => {
                        o.push_str(self.text.get(seg_start..inner_end).unwrap_or(""));
                        Cow::Owned(o)
                    }
                    None => Cow::Borrowed(self.text.get(inner_start..inner_end).unwrap_or("")),
                };
                self.pos = (inner_end + 1).min(bytes.len());
                // Anything between the closing quote and the delimiter is dropped.
                while let Some(&b) = bytes.get(self.pos) {
                    if b == self.delimiter || b == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
                out.push(field);
            } else {
                while let Some(&b) = bytes.get(self.pos) {
                    if b == self.delimiter || b == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
                let raw = self.text.get(field_start..self.pos).unwrap_or("");
                out.push(Cow::Borrowed(raw.strip_suffix('\r').unwrap_or(raw)));
            }
            match bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                Some(_) => {
                    // Newline.
                    self.pos += 1;
                    self.line += 1;
                    return Some(start_line);
                }
                None => return Some(start_line),
            }
        }
    }
}

fn blank(fields: &[Cow<'_, str>]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// Reads a CSV edge list, with an optional node table `(name, text)` read first.
pub(crate) fn read_csv_edges(
    file: &str,
    text: &str,
    node_table: Option<(&str, Cow<'_, str>)>,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let mut extra_lines = Vec::new();
    if let Some((name, table)) = &node_table {
        let (nodes, line) = read_node_table(name, table)?;
        for (node, at) in nodes {
            b.declare(node, at)?;
        }
        extra_lines.push(line);
    }
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let delimiter = guess_delimiter(first).unwrap_or(b',');
    let mut records = Records::new(text, delimiter);
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(8);
    // Header (or the first row of a headerless file).
    let mut first_row = None;
    let (src, tgt, weight_col, type_col) = loop {
        let Some(line) = records.next_into(&mut fields) else {
            return Err(ImportError::HeaderOnly {
                file: file.to_string(),
                recognised_as: "a CSV edge list".into(),
            });
        };
        if blank(&fields) {
            continue;
        }
        let cols: Vec<String> = fields
            .iter()
            .map(|f| f.trim().to_ascii_lowercase())
            .collect();
        match edge_columns(&cols) {
            Some((s, t)) => {
                let w = cols.iter().position(|c| c == "weight");
                let ty = cols.iter().position(|c| c == "type");
                break (s, t, w, ty);
            }
            None => {
                first_row = Some(line);
                break (0, 1, Some(2), None);
            }
        }
    };
    let mut directed_rows = 0usize;
    let mut rows = 0usize;
    let mut handle = |b: &mut Builder, fields: &[Cow<'_, str>], line: usize| {
        let s = fields.get(src).map(|f| f.trim()).unwrap_or("");
        let t = fields.get(tgt).map(|f| f.trim()).unwrap_or("");
        if s.is_empty() || t.is_empty() {
            b.skip_edge(Some(line), "has no source or no target".into());
            return Ok(());
        }
        let weight = match weight_col.and_then(|c| fields.get(c)).map(|f| f.trim()) {
            None | Some("") => None,
            Some(w) => match parse_number(w) {
                Some(v) => Some(v),
                None => {
                    b.skip_edge(Some(line), format!("has weight \"{w}\", expected a number"));
                    return Ok(());
                }
            },
        };
        rows += 1;
        if let Some(ty) = type_col.and_then(|c| fields.get(c)) {
            if ty.trim().eq_ignore_ascii_case("directed") {
                directed_rows += 1;
            }
        }
        b.edge_by_key(s, t, weight, line)
    };
    if let Some(line) = first_row {
        let row: Vec<Cow<'_, str>> = fields.clone();
        handle(&mut b, &row, line)?;
    }
    while let Some(line) = records.next_into(&mut fields) {
        if blank(&fields) {
            continue;
        }
        handle(&mut b, &fields, line)?;
    }
    let directed = type_col.is_some() && rows > 0 && directed_rows == rows;
    let (graph, mut lines) = b.finish("CSV edge list", directed);
    lines.extend(extra_lines);
    Ok((graph, lines))
}

/// Reads a node table: `Id` (the key), `Label`, and other columns routed by name (x, y,
/// colour, size, community) or kept as attributes.
fn read_node_table(
    file: &str,
    text: &str,
) -> Result<(Vec<(GraphNode, usize)>, ReportLine), ImportError> {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let delimiter = guess_delimiter(first).unwrap_or(b',');
    let mut records = Records::new(text, delimiter);
    let mut fields = Vec::new();
    let mut header: Vec<String> = Vec::new();
    while records.next_into(&mut fields).is_some() {
        if !blank(&fields) {
            header = fields.iter().map(|f| f.trim().to_string()).collect();
            break;
        }
    }
    let id_col = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("id"))
        .ok_or_else(|| ImportError::UnknownFormat {
            file: file.to_string(),
            hint: Some("a node table needs an Id column".into()),
        })?;
    let mut nodes = Vec::new();
    let mut skipped = Vec::new();
    while let Some(line) = records.next_into(&mut fields) {
        if blank(&fields) {
            continue;
        }
        let key = fields.get(id_col).map(|f| f.trim()).unwrap_or("");
        if key.is_empty() {
            skipped.push(super::super::Skipped {
                line: Some(line),
                reason: "has no Id".into(),
            });
            continue;
        }
        let mut node = GraphNode {
            key: key.to_string(),
            ..GraphNode::default()
        };
        let mut parts = NodeFields::new();
        for (i, (name, value)) in header.iter().zip(fields.iter()).enumerate() {
            let value = value.trim();
            if i == id_col || value.is_empty() {
                continue;
            }
            if name.eq_ignore_ascii_case("label") {
                node.label = Some(value.to_string());
                continue;
            }
            parts.apply(&mut node, name, guessed_value(value));
        }
        parts.finish(&mut node);
        nodes.push((node, line));
    }
    let report = ReportLine {
        file: file.to_string(),
        recognised_as: "CSV node table".into(),
        count: nodes.len(),
        noun: "nodes".into(),
        skipped,
        ..ReportLine::default()
    };
    Ok((nodes, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quotes() {
        let f = split_record(br#"a,"b, c","d ""e""",f"#, b',');
        assert_eq!(f, ["a", "b, c", "d \"e\"", "f"]);
    }

    #[test]
    fn delimiters() {
        assert_eq!(guess_delimiter("Source;Target;Weight"), Some(b';'));
        assert_eq!(guess_delimiter("Source\tTarget"), Some(b'\t'));
        assert_eq!(guess_delimiter("Source,Target"), Some(b','));
        assert_eq!(guess_delimiter("a b"), None);
    }

    #[test]
    fn reads_gephi_csv() {
        let text = "Source,Target,Type,Id,Weight\r\nA,B,Undirected,0,2\r\nB,C,Undirected,1,\r\n";
        let (g, lines) = read_csv_edges("e.csv", text, None).unwrap();
        assert_eq!(g.nodes.len(), 3);
        assert_eq!(g.edges.len(), 2);
        assert_eq!(g.edges[0].weight, 2.0);
        assert_eq!(g.edges[1].weight, 1.0);
        assert_eq!(lines[1].count, 2);
    }
}
