//! Pajek `.net`: `*Vertices n` with optional `id "label" x y [z]` lines, then `*Arcs`
//! (directed), `*Edges` (undirected), `*Arcslist`/`*Edgeslist` (`u v w ...`) or `*Matrix`
//! sections; `%` comments. A `.clu` partition dropped beside it (`*Vertices n` then one class
//! per line) gives each vertex its community.
//!
//! Vertices are numbered 1..=n; node keys are those numbers. A tie naming a number outside
//! 1..=n is skipped and reported.

use super::super::{ImportError, ReportLine, Skipped};
use super::builder::{parse_coord, parse_number, too_many_nodes, Builder, MAX_NODES};
use crate::model::{GraphFile, GraphNode};
use std::borrow::Cow;

/// Splits a line into tokens; a `"quoted label"` is one token.
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'"' {
            let start = i + 1;
            i = start;
            while i < bytes.len() && bytes[i] != b'"' {
                i += 1;
            }
            out.push(line.get(start..i).unwrap_or(""));
            i += 1;
        } else {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push(line.get(start..i).unwrap_or(""));
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Vertices,
    Arcs,
    Edges,
    ArcsList,
    EdgesList,
    Matrix,
    Other,
}

fn malformed(file: &str, line: usize, reason: String) -> ImportError {
    ImportError::Malformed {
        file: file.to_string(),
        line,
        reason,
    }
}

/// The `n` of a `*Vertices n` line.
fn vertex_count(file: &str, rest: &[&str], line: usize) -> Result<usize, ImportError> {
    let n = rest
        .first()
        .and_then(|t| t.parse::<usize>().ok())
        .ok_or_else(|| {
            malformed(
                file,
                line,
                "has *Vertices without a count, expected *Vertices n".into(),
            )
        })?;
    if n > MAX_NODES {
        return Err(too_many_nodes(file, line));
    }
    Ok(n)
}

/// Reads a Pajek network, with an optional `.clu` partition `(name, text)`. A Pajek project
/// (`.paj`: several `*Network` sections, and `*Partition` or `*Vector` sections after them)
/// gives its first network, with the first partition that fits it, and says so.
pub(crate) fn read_pajek(
    file: &str,
    text: &str,
    partition: Option<(&str, Cow<'_, str>)>,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let Some(project) = Project::split(text) else {
        return read_network(file, text, partition);
    };
    let (mut graph, mut lines) = read_network(file, project.first_network, partition)?;
    let mut note = if project.networks > 1 {
        format!(
            "a Pajek project of {} networks: the first{} was read",
            project.networks,
            project
                .first_name
                .map(|n| format!(", \"{n}\","))
                .unwrap_or_default()
        )
    } else {
        "a Pajek project: its network was read".to_string()
    };
    let fitting = project
        .partitions
        .iter()
        .find(|p| p.vertices == graph.nodes.len());
    if let Some(part) = fitting {
        let mut line = apply_partition(file, part.text, &mut graph.nodes)?;
        if let Some(name) = part.name {
            line.notes.push(format!("the partition \"{name}\""));
        }
        lines.push(line);
    }
    let others = project.partitions.len() - usize::from(fitting.is_some());
    if others > 0 {
        note.push_str(&format!(
            "; {others} other {} not read",
            if others == 1 {
                "partition was"
            } else {
                "partitions were"
            }
        ));
    }
    if let Some(first) = lines.first_mut() {
        first.notes.insert(0, note);
    }
    Ok((graph, lines))
}

/// A Pajek partition inside a project file.
struct ProjectPartition<'a> {
    name: Option<&'a str>,
    /// Its `*Vertices n`.
    vertices: usize,
    /// From its `*Vertices` line to the section's end.
    text: &'a str,
}

/// The parts of a Pajek project tiemap reads.
struct Project<'a> {
    /// From the start of the file to the second `*Network` (or the first other top-level
    /// section), so line numbers stay those of the file.
    first_network: &'a str,
    first_name: Option<&'a str>,
    networks: usize,
    partitions: Vec<ProjectPartition<'a>>,
}

impl<'a> Project<'a> {
    /// Splits `text` into its sections; `None` for a plain `.net` (one network, nothing else).
    fn split(text: &'a str) -> Option<Project<'a>> {
        // Top-level sections: (keyword, name, byte offset of the line).
        let mut sections: Vec<(String, Option<&'a str>, usize)> = Vec::new();
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let trimmed = raw.trim();
            let toks = tokens(trimmed);
            if let Some(kw) = toks.first().filter(|t| t.starts_with('*')) {
                let kw = kw.to_ascii_lowercase();
                if matches!(
                    kw.as_str(),
                    "*network"
                        | "*partition"
                        | "*vector"
                        | "*permutation"
                        | "*cluster"
                        | "*hierarchy"
                ) {
                    let name = trimmed
                        .get(kw.len()..)
                        .map(|n| n.trim().trim_matches('"'))
                        .filter(|n| !n.is_empty());
                    sections.push((kw, name, offset));
                }
            }
            offset += raw.len();
        }
        let networks = sections.iter().filter(|(k, _, _)| k == "*network").count();
        let others = sections.len() - networks;
        if networks < 2 && others == 0 {
            return None;
        }
        let end_of = |i: usize| sections.get(i + 1).map_or(text.len(), |s| s.2);
        let first = sections.iter().position(|(k, _, _)| k == "*network");
        let first_network = match first {
            Some(i) => text.get(..end_of(i)).unwrap_or(text),
            // Sections but no *Network line: the network is what comes before them.
            None => text
                .get(..sections.first().map_or(text.len(), |s| s.2))
                .unwrap_or(text),
        };
        let partitions = sections
            .iter()
            .enumerate()
            .filter(|(_, (k, _, _))| k == "*partition")
            .filter_map(|(i, (_, name, start))| {
                let body = text.get(*start..end_of(i))?;
                let vertices_at = body.to_ascii_lowercase().find("*vertices")?;
                let body = body.get(vertices_at..)?;
                let vertices = tokens(body.lines().next()?).get(1)?.parse().ok()?;
                Some(ProjectPartition {
                    name: *name,
                    vertices,
                    text: body,
                })
            })
            .collect();
        Some(Project {
            first_network,
            first_name: first.and_then(|i| sections[i].1),
            networks,
            partitions,
        })
    }
}

/// Reads one Pajek network, with an optional `.clu` partition `(name, text)`.
fn read_network(
    file: &str,
    text: &str,
    partition: Option<(&str, Cow<'_, str>)>,
) -> Result<(GraphFile, Vec<ReportLine>), ImportError> {
    let mut b = Builder::new(file);
    let mut n = 0usize;
    let mut section = Section::None;
    let mut has_arcs = false;
    let mut has_edges = false;
    let mut matrix_row = 0usize;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('%') {
            continue;
        }
        let toks = tokens(trimmed);
        let Some(&first) = toks.first() else {
            continue;
        };
        if first.starts_with('*') {
            let kw = first.to_ascii_lowercase();
            section = match kw.as_str() {
                "*vertices" => {
                    if !b.nodes.is_empty() {
                        return Err(malformed(
                            file,
                            line,
                            "declares *Vertices a second time; tiemap reads one network per file"
                                .into(),
                        ));
                    }
                    n = vertex_count(file, toks.get(1..).unwrap_or(&[]), line)?;
                    for v in 1..=n {
                        b.declare(
                            GraphNode {
                                key: v.to_string(),
                                ..GraphNode::default()
                            },
                            line,
                        )?;
                    }
                    Section::Vertices
                }
                "*arcs" => {
                    has_arcs = true;
                    Section::Arcs
                }
                "*edges" => {
                    has_edges = true;
                    Section::Edges
                }
                "*arcslist" => {
                    has_arcs = true;
                    Section::ArcsList
                }
                "*edgeslist" => {
                    has_edges = true;
                    Section::EdgesList
                }
                "*matrix" => {
                    matrix_row = 0;
                    Section::Matrix
                }
                _ => Section::Other,
            };
            continue;
        }
        let vertex = |t: &str| -> Option<u32> {
            let v = t.parse::<usize>().ok()?;
            (1..=n).contains(&v).then(|| (v - 1) as u32)
        };
        match section {
            Section::Vertices => {
                let Some(v) = vertex(first) else {
                    b.skip_node(
                        Some(line),
                        format!("names vertex {first}, but *Vertices declares {n}"),
                    );
                    continue;
                };
                let Some(node) = b.nodes.get_mut(v as usize) else {
                    continue;
                };
                if let Some(label) = toks.get(1) {
                    node.label = Some((*label).to_string());
                }
                if let (Some(x), Some(y)) = (
                    toks.get(2).and_then(|t| parse_coord(t)),
                    toks.get(3).and_then(|t| parse_coord(t)),
                ) {
                    node.pos_in_graph = Some([x, y]);
                }
            }
            Section::Arcs | Section::Edges => {
                let (Some(s), Some(t)) = (toks.first(), toks.get(1)) else {
                    b.skip_edge(Some(line), "has one vertex, expected two".into());
                    continue;
                };
                let (Some(sv), Some(tv)) = (vertex(s), vertex(t)) else {
                    b.skip_edge(
                        Some(line),
                        format!("names a vertex outside 1..{n} (*Vertices {n})"),
                    );
                    continue;
                };
                let weight = match toks.get(2) {
                    None => None,
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
                b.edge(sv, tv, weight, line)?;
            }
            Section::ArcsList | Section::EdgesList => {
                let Some(sv) = vertex(first) else {
                    b.skip_edge(
                        Some(line),
                        format!("names vertex {first}, outside 1..{n} (*Vertices {n})"),
                    );
                    continue;
                };
                for t in toks.iter().skip(1) {
                    match vertex(t) {
                        Some(tv) => b.edge(sv, tv, None, line)?,
                        None => b.skip_edge(
                            Some(line),
                            format!("names vertex {t}, outside 1..{n} (*Vertices {n})"),
                        ),
                    }
                }
            }
            Section::Matrix => {
                if matrix_row >= n {
                    b.skip_edge(Some(line), format!("is a matrix row past the {n} declared"));
                    continue;
                }
                for (col, cell) in toks.iter().enumerate().take(n) {
                    match parse_number(cell) {
                        Some(w) if w != 0.0 => {
                            b.edge(matrix_row as u32, col as u32, Some(w), line)?;
                        }
                        Some(_) => {}
                        None => b.skip_edge(
                            Some(line),
                            format!("has matrix cell \"{cell}\", expected a number"),
                        ),
                    }
                }
                matrix_row += 1;
                has_arcs = true;
            }
            Section::None => {
                return Err(malformed(
                    file,
                    line,
                    "comes before *Vertices, expected *Vertices n first".into(),
                ))
            }
            Section::Other => {}
        }
    }
    let directed = has_arcs && !has_edges;
    let mut extra = Vec::new();
    if let Some((name, clu)) = partition {
        extra.push(apply_partition(name, &clu, &mut b.nodes)?);
    }
    let (graph, mut lines) = b.finish("Pajek", directed);
    lines.extend(extra);
    Ok((graph, lines))
}

/// Reads a `.clu` partition into the nodes' communities, in vertex order.
fn apply_partition(
    file: &str,
    text: &str,
    nodes: &mut [GraphNode],
) -> Result<ReportLine, ImportError> {
    let mut skipped = Vec::new();
    let mut next = 0usize;
    let mut declared = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with('%') {
            continue;
        }
        if t.starts_with('*') {
            let toks = tokens(t);
            if toks
                .first()
                .is_some_and(|k| k.eq_ignore_ascii_case("*vertices"))
            {
                declared = Some(vertex_count(file, toks.get(1..).unwrap_or(&[]), line)?);
            }
            continue;
        }
        for class in t.split_ascii_whitespace() {
            if class.parse::<i64>().is_err() {
                skipped.push(Skipped {
                    line: Some(line),
                    reason: format!("has class \"{class}\", expected an integer"),
                });
                next += 1;
                continue;
            }
            match nodes.get_mut(next) {
                Some(node) => node.community = Some(class.to_string()),
                None => skipped.push(Skipped {
                    line: Some(line),
                    reason: format!(
                        "gives a class to vertex {}, past the network's {}",
                        next + 1,
                        nodes.len()
                    ),
                }),
            }
            next += 1;
        }
    }
    if next < nodes.len() || declared.is_some_and(|d| d != nodes.len()) {
        skipped.push(Skipped {
            line: None,
            reason: format!(
                "gives classes to {next} vertices, but the network has {}",
                nodes.len()
            ),
        });
    }
    Ok(ReportLine {
        file: file.to_string(),
        recognised_as: "Pajek partition".into(),
        count: next.min(nodes.len()),
        noun: "community labels".into(),
        skipped,
        ..ReportLine::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_tokens() {
        assert_eq!(
            tokens(r#"1 "Ann Lee" 0.5 0.25"#),
            ["1", "Ann Lee", "0.5", "0.25"]
        );
    }

    #[test]
    fn out_of_range_ties_are_skipped() {
        let (g, lines) = read_pajek("p.net", "*Vertices 2\n*Edges\n1 2\n1 9\n", None).unwrap();
        assert_eq!(g.edges.len(), 1);
        assert_eq!(lines[1].skipped.len(), 1);
        assert_eq!(lines[1].skipped[0].line, Some(4));
    }
}
