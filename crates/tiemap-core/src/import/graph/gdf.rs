//! GDF (GUESS, Gephi): `nodedef>name VARCHAR,label VARCHAR,x DOUBLE,color VARCHAR,...` then
//! node rows, then `edgedef>node1 VARCHAR,node2 VARCHAR,weight DOUBLE,directed BOOLEAN,...`
//! and edge rows. Strings may be quoted with `'` or `"`; colours are `'r,g,b'`.

use super::super::{ImportError, ReportLine};
use super::builder::{
    community_text, is_community_name, parse_color, parse_coord, parse_number, typed_value, Builder,
};
use crate::model::{GraphFile, GraphNode};
use std::borrow::Cow;

/// Splits a GDF row on commas outside `'` or `"` quotes (a doubled quote escapes itself).
fn split_row(line: &str) -> Vec<Cow<'_, str>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        match bytes.get(i) {
            Some(&q) if q == b'\'' || q == b'"' => {
                i += 1;
                let mut s = String::new();
                let mut seg = i;
                while i < bytes.len() {
                    if bytes[i] == q {
                        if bytes.get(i + 1) == Some(&q) {
                            s.push_str(line.get(seg..=i).unwrap_or(""));
                            i += 2;
                            seg = i;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
                s.push_str(line.get(seg..i.min(bytes.len())).unwrap_or(""));
                out.push(Cow::Owned(s));
                while i < bytes.len() && bytes[i] != b',' {
                    i += 1;
                }
            }
            _ => {
                let start = i;
                while i < bytes.len() && bytes[i] != b',' {
                    i += 1;
                }
                out.push(Cow::Borrowed(line.get(start..i).unwrap_or("").trim()));
            }
        }
        if i >= bytes.len() {
            return out;
        }
        i += 1;
    }
}

/// Column names and types of a `nodedef>` / `edgedef>` line.
fn columns(def: &str) -> Vec<(String, String)> {
    split_row(def)
        .iter()
        .map(|c| {
            let mut parts = c.split_ascii_whitespace();
            let name = parts.next().unwrap_or("").to_string();
            let ty = parts.next().unwrap_or("VARCHAR").to_string();
            (name, ty)
        })
        .collect()
}

#[derive(PartialEq)]
enum Part {
    None,
    Nodes,
    Edges,
}

/// Reads a GDF file.
pub(crate) fn read_gdf(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let mut part = Part::None;
    let mut cols: Vec<(String, String)> = Vec::new();
    let mut lower: Vec<String> = Vec::new();
    let (mut directed_rows, mut edge_rows) = (0usize, 0usize);
    let mut has_directed_col = false;
    let mut names_with_commas = 0usize;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let tl = t.get(..8).unwrap_or("").to_ascii_lowercase();
        if tl == "nodedef>" || tl == "edgedef>" {
            cols = columns(t.get(8..).unwrap_or(""));
            lower = cols.iter().map(|(n, _)| n.to_ascii_lowercase()).collect();
            part = if tl == "nodedef>" {
                Part::Nodes
            } else {
                has_directed_col = lower.iter().any(|c| c == "directed");
                Part::Edges
            };
            continue;
        }
        let row = split_row(t);
        match part {
            Part::None => {
                return Err(ImportError::Malformed {
                    file: file.to_string(),
                    line,
                    reason: "comes before nodedef>, expected nodedef>name VARCHAR,...".into(),
                })
            }
            Part::Nodes => {
                let key_col = lower.iter().position(|c| c == "name").unwrap_or(0);
                let row = match join_unquoted_commas(row, &cols, &lower, key_col) {
                    Ok(row) => row,
                    Err(row) => {
                        names_with_commas += 1;
                        row
                    }
                };
                let key = row.get(key_col).map(|k| k.trim()).unwrap_or("");
                if key.is_empty() {
                    b.skip_node(Some(line), "has no name".into());
                    continue;
                }
                let mut node = GraphNode {
                    key: key.to_string(),
                    ..GraphNode::default()
                };
                let (mut x, mut y) = (None, None);
                for (c, value) in row.iter().enumerate() {
                    let (Some((name, ty)), Some(l)) = (cols.get(c), lower.get(c)) else {
                        continue;
                    };
                    if c == key_col || value.is_empty() {
                        continue;
                    }
                    match l.as_str() {
                        "label" => node.label = Some(value.to_string()),
                        "x" => x = parse_coord(value),
                        "y" => y = parse_coord(value),
                        "color" => node.color = parse_color(value),
                        "width" | "size" => node.size = parse_coord(value),
                        "height" | "visible" | "labelvisible" | "style" | "fixed" => {}
                        _ if is_community_name(l) && node.community.is_none() => {
                            node.community = Some(community_text(&typed_value(ty, value)))
                        }
                        _ => node.attrs.push((name.clone(), typed_value(ty, value))),
                    }
                }
                if let (Some(x), Some(y)) = (x, y) {
                    node.pos_in_graph = Some([x, y]);
                }
                b.declare(node, line)?;
            }
            Part::Edges => {
                let s_col = lower.iter().position(|c| c == "node1").unwrap_or(0);
                let t_col = lower.iter().position(|c| c == "node2").unwrap_or(1);
                let s = row.get(s_col).map(|k| k.trim()).unwrap_or("");
                let tg = row.get(t_col).map(|k| k.trim()).unwrap_or("");
                if s.is_empty() || tg.is_empty() {
                    b.skip_edge(Some(line), "has no node1 or no node2".into());
                    continue;
                }
                let weight = match lower
                    .iter()
                    .position(|c| c == "weight")
                    .and_then(|c| row.get(c))
                    .map(|w| w.trim())
                {
                    None | Some("") => None,
                    Some(w) => match parse_number(w) {
                        Some(v) => Some(v),
                        None => {
                            b.skip_edge(
                                Some(line),
                                format!("has weight \"{w}\", expected a number"),
                            );
                            continue;
                        }
                    },
                };
                if let Some(d) = lower
                    .iter()
                    .position(|c| c == "directed")
                    .and_then(|c| row.get(c))
                {
                    if d.trim().eq_ignore_ascii_case("true") {
                        directed_rows += 1;
                    }
                }
                edge_rows += 1;
                b.edge_by_key(s, tg, weight, line)?;
            }
        }
    }
    let directed = has_directed_col && edge_rows > 0 && directed_rows == edge_rows;
    if names_with_commas > 0 {
        b.note(format!(
            "{} held commas without quotes, as Netvizz writes them, and {} read whole",
            if names_with_commas == 1 {
                "1 label".to_string()
            } else {
                format!(
                    "{} labels",
                    super::super::group_thousands(names_with_commas)
                )
            },
            if names_with_commas == 1 {
                "was"
            } else {
                "were"
            }
        ));
    }
    Ok(b.finish("GDF", directed))
}

/// A node row with more fields than its `nodedef>` has columns: a text column held commas
/// without quotes (Netvizz writes `1001,Ann Lee, Jr.,female`). The extra fields are joined
/// back into the label column (or else the first text column after the key), and the row is
/// returned as `Err` to count it. Rows of the right length come back as `Ok` unchanged.
fn join_unquoted_commas<'a>(
    row: Vec<Cow<'a, str>>,
    cols: &[(String, String)],
    lower: &[String],
    key_col: usize,
) -> Result<Vec<Cow<'a, str>>, Vec<Cow<'a, str>>> {
    let extra = row.len().saturating_sub(cols.len());
    let text_col = lower.iter().position(|c| c == "label").or_else(|| {
        (0..cols.len()).find(|&c| c != key_col && cols[c].1.eq_ignore_ascii_case("VARCHAR"))
    });
    let (true, Some(at)) = (extra > 0 && !cols.is_empty(), text_col) else {
        return Ok(row);
    };
    let mut fields = row.into_iter();
    let mut out: Vec<Cow<'a, str>> = fields.by_ref().take(at).collect();
    let joined: Vec<Cow<'a, str>> = fields.by_ref().take(extra + 1).collect();
    out.push(Cow::Owned(joined.join(", ")));
    out.extend(fields);
    Err(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_both_quotes() {
        let r = split_row("s1,'Site ''one''',\"a,b\", 3");
        assert_eq!(r, ["s1", "Site 'one'", "a,b", "3"]);
    }
}
