//! The two other CSV shapes Gephi reads and writes besides an edge list (its spreadsheet
//! importer and CSV exporter, `;` by default):
//!
//! - an adjacency list: each row a node, then the nodes it is tied to (`A;B;C` is A-B and
//!   A-C), with no header;
//! - an adjacency matrix: a header row of ids after an empty cell (`;A;B;C`), then one row
//!   per id with a weight per column (`A;0;1;0`). A symmetric matrix is read as undirected
//!   ties, each once; any other as directed ties.

use super::super::{ImportError, ReportLine};
use super::builder::{parse_number, Builder};
use super::csv_edges::{guess_delimiter, split_record, Records};
use super::id_ok;
use crate::model::{GraphFile, GraphNode};
use std::borrow::Cow;

/// The ids of a matrix header: its fields after the empty corner cell (the corner may have
/// been trimmed away with the line's leading whitespace).
fn matrix_ids<'a>(header: &'a [Cow<'a, str>]) -> &'a [Cow<'a, str>] {
    match header.first() {
        Some(corner) if corner.trim().is_empty() => header.get(1..).unwrap_or(&[]),
        _ => header,
    }
}

/// Whether sampled lines (first line first) read as a matrix: at least two ids in the
/// header, and every following row an id of the header followed by one number per id.
pub(crate) fn looks_like_matrix(sample: &[&str], delimiter: u8) -> bool {
    let Some((first, rows)) = sample.split_first() else {
        return false;
    };
    let header = split_record(first.as_bytes(), delimiter);
    let ids = matrix_ids(&header);
    if ids.len() < 2 || !ids.iter().all(|id| id_ok(id)) || rows.is_empty() {
        return false;
    }
    rows.iter().all(|row| {
        let fields = split_record(row.as_bytes(), delimiter);
        fields.len() == ids.len() + 1
            && fields
                .first()
                .is_some_and(|id| ids.iter().any(|h| h.trim() == id.trim()))
            && fields
                .iter()
                .skip(1)
                .all(|cell| parse_number(cell.trim()).is_some())
    })
}

/// Whether sampled lines read as an adjacency list: every field an id, some row longer than
/// an edge list's `u,v,weight` (or with a third field that is no weight), and the rows
/// naming each other (some node listed after a row's first field starts a row of its own),
/// as the rows of one network do.
pub(crate) fn looks_like_adjacency_list(sample: &[&str], delimiter: u8) -> bool {
    let rows: Vec<Vec<Cow<'_, str>>> = sample
        .iter()
        .map(|l| split_record(l.as_bytes(), delimiter))
        .collect();
    let all_ids = rows
        .iter()
        .all(|r| r.len() >= 2 && r.iter().all(|f| id_ok(f)));
    let beyond_edge_list = rows.iter().any(|r| {
        r.len() > 3 || (r.len() == 3 && r.get(2).is_some_and(|w| parse_number(w.trim()).is_none()))
    });
    let heads: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.first().map(|f| f.trim()))
        .collect();
    let cross_named = rows
        .iter()
        .any(|r| r.iter().skip(1).any(|f| heads.contains(&f.trim())));
    all_ids && beyond_edge_list && cross_named
}

/// A builder for `file` and the records of `text`, split on its first line's delimiter.
fn start<'a>(file: &str, text: &'a str) -> (Builder, Records<'a>) {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let delimiter = guess_delimiter(first).unwrap_or(b';');
    (Builder::new(file), Records::new(text, delimiter))
}

/// Reads an adjacency list: a tie from each row's first node to every other node on it.
pub(crate) fn read_adjacency_list(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let (mut b, mut records) = start(file, text);
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(8);
    while let Some(line) = records.next_into(&mut fields) {
        let mut ids = fields.iter().map(|f| f.trim()).filter(|f| !f.is_empty());
        let Some(head) = ids.next() else { continue };
        let source = b.node_for_tie(head, line)?;
        for target in ids {
            let target = b.node_for_tie(target, line)?;
            b.edge(source, target, None, line)?;
        }
    }
    b.note(
        "read as an adjacency list, as Gephi writes it: each row a node, then the nodes it is tied to"
            .into(),
    );
    Ok(b.finish("CSV adjacency list", false))
}

/// Reads an adjacency matrix: nodes from the header, a tie for each non-zero cell (once per
/// pair when the matrix is symmetric, then undirected).
pub(crate) fn read_matrix(
    file: &str,
    text: &str,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let (mut b, mut records) = start(file, text);
    let mut fields: Vec<Cow<'_, str>> = Vec::with_capacity(8);
    let mut header_line = 0;
    while let Some(line) = records.next_into(&mut fields) {
        if fields.iter().any(|f| !f.trim().is_empty()) {
            header_line = line;
            break;
        }
    }
    let ids: Vec<String> = matrix_ids(&fields)
        .iter()
        .map(|f| f.trim().to_string())
        .collect();
    for id in &ids {
        b.declare(
            GraphNode {
                key: id.clone(),
                ..GraphNode::default()
            },
            header_line,
        )?;
    }
    // Every non-zero cell as (row node, column node, weight, line), then one pass decides
    // whether the matrix is symmetric.
    let mut cells: Vec<(u32, u32, f64, usize)> = Vec::new();
    while let Some(line) = records.next_into(&mut fields) {
        let Some(head) = fields.first().map(|f| f.trim()) else {
            continue;
        };
        if head.is_empty() && fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let Some(row) = b.get(head) else {
            b.skip_edge(
                Some(line),
                format!("starts with \"{head}\", which is not in the header row"),
            );
            continue;
        };
        for (col, cell) in fields.iter().skip(1).enumerate() {
            let cell = cell.trim();
            match parse_number(cell) {
                Some(w) if w != 0.0 => {
                    if let Some(column) = ids.get(col).and_then(|id| b.get(id)) {
                        cells.push((row, column, w, line));
                    }
                }
                Some(_) => {}
                None if cell.is_empty() => {}
                None => b.skip_edge(
                    Some(line),
                    format!("has cell \"{cell}\", expected a number"),
                ),
            }
        }
    }
    let mut sorted: Vec<(u32, u32, u64)> = cells
        .iter()
        .map(|&(r, c, w, _)| (r, c, w.to_bits()))
        .collect();
    sorted.sort_unstable();
    let symmetric = cells
        .iter()
        .all(|&(r, c, w, _)| sorted.binary_search(&(c, r, w.to_bits())).is_ok());
    for &(r, c, w, line) in &cells {
        if !symmetric || r <= c {
            b.edge(r, c, Some(w), line)?;
        }
    }
    b.note(if symmetric {
        "read as an adjacency matrix, as Gephi writes it; symmetric, so each tie is read once"
            .into()
    } else {
        "read as an adjacency matrix, as Gephi writes it; each row's ties go out of its node".into()
    });
    Ok(b.finish("CSV matrix", !symmetric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edge_list_with_weights_is_not_an_adjacency_list() {
        assert!(!looks_like_adjacency_list(&["a;b;2", "b;c;1"], b';'));
        assert!(looks_like_adjacency_list(&["a;b;c", "b;c"], b';'));
        // Rows that never name each other are a table, not a network.
        assert!(!looks_like_adjacency_list(
            &["apple;pear;plum;fig", "kiwi;lime"],
            b';'
        ));
    }

    #[test]
    fn an_asymmetric_matrix_is_directed() {
        let (g, _) = read_matrix("m.csv", ";a;b\na;0;1\nb;0;0\n").unwrap();
        assert!(g.directed);
        assert_eq!(g.edges.len(), 1);
        assert_eq!((g.edges[0].source, g.edges[0].target), (0, 1));
    }
}
