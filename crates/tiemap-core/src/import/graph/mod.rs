//! Graph files: formats that carry real ties (GEXF, GraphML, GML, Pajek, GDF, CSV and plain
//! edge lists, JSON node-link, graphology and Cytoscape JSON).
//!
//! Files are recognised by their content ([`sniff`]): an XML root element, a first keyword
//! (`graph [`, `*Vertices`, `nodedef>`), JSON, a CSV header with a source/target pair, or
//! rows shaped like `u v [weight]`. One graph file is read per drop, with its companions: a
//! Pajek `.clu` partition beside a `.net`, a CSV node table beside a CSV edge list.
//!
//! Every reader goes through one [`builder::Builder`], which keeps ids unique, enforces the
//! limits ([`MAX_NODES`], [`MAX_EDGES`]), creates nodes that ties name but no declaration
//! does (and reports them), and skips ties whose weight is not a positive number (reported).

mod adjacency;
pub(crate) mod builder;
mod csv_edges;
mod edge_list;
mod gdf;
mod gml;
mod json;
mod pajek;
mod xml;

pub use builder::{MAX_EDGES, MAX_NODES};

use super::{ImportError, InputFile, Limits, ReportLine, Skipped};
use crate::model::GraphFile;
use std::borrow::Cow;

/// What a dropped file was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphKind {
    Gexf,
    GraphMl,
    Gml,
    PajekNet,
    /// A Pajek partition (`*Vertices n` then one class per line), read beside a `.net`.
    PajekClu,
    Gdf,
    CsvEdges,
    /// Gephi's adjacency list: each row a node, then the nodes it is tied to (`A;B;C`).
    CsvAdjacency,
    /// Gephi's adjacency matrix: a header row of ids after an empty cell (`;A;B`), then one
    /// row per id with its weights (`A;0;1`).
    CsvMatrix,
    /// A CSV node table (`Id`, `Label`, ...), read beside a CSV edge list.
    CsvNodes,
    Json,
    EdgeList,
}

impl GraphKind {
    /// Whether this file is a graph on its own (not a companion of one).
    fn is_primary(self) -> bool {
        !matches!(self, GraphKind::PajekClu | GraphKind::CsvNodes)
    }
}

/// Recognises graph files among the dropped files by their content and reads them (with
/// companions such as a Pajek `.clu` partition or a CSV node table). `None` when no file is
/// a graph format (the caller then tries personal exports); `Some(Err(..))` when one is but
/// cannot be read.
pub fn read_graph_files(
    files: &[InputFile],
    _limits: &Limits,
) -> Option<Result<(GraphFile, Vec<ReportLine>), ImportError>> {
    let several = files.len() > 1;
    let mut kinds: Vec<Option<GraphKind>> = files
        .iter()
        .map(|f| sniff(&f.name, &f.bytes, several))
        .collect();
    let mut primary: Vec<usize> = (0..files.len())
        .filter(|&i| kinds[i].is_some_and(GraphKind::is_primary))
        .collect();
    if primary.is_empty() {
        // A partition alone is read as a network of isolated vertices.
        let clu = (0..files.len()).find(|&i| kinds[i] == Some(GraphKind::PajekClu))?;
        kinds[clu] = Some(GraphKind::PajekNet);
        primary.push(clu);
    }
    if let [first, second, ..] = primary[..] {
        return Some(Err(ImportError::UnknownFormat {
            file: files[second].name.clone(),
            hint: Some(format!(
                "{} is a graph file too, and tiemap reads one graph at a time; drop one of them",
                files[first].name
            )),
        }));
    }
    let main = primary[0];
    let file = &files[main];
    let kind = kinds[main]?;
    let companion = |want: GraphKind| {
        (0..files.len())
            .find(|&i| i != main && kinds[i] == Some(want))
            .map(|i| &files[i])
    };
    let text = text_of(&file.bytes);
    let result = match kind {
        GraphKind::Gexf => xml::read_gexf(&file.name, &text),
        GraphKind::GraphMl => xml::read_graphml(&file.name, &text),
        GraphKind::Gml => gml::read_gml(&file.name, &text),
        GraphKind::PajekNet => pajek::read_pajek(
            &file.name,
            &text,
            companion(GraphKind::PajekClu).map(|c| (c.name.as_str(), text_of(&c.bytes))),
        ),
        GraphKind::Gdf => gdf::read_gdf(&file.name, &text),
        GraphKind::CsvEdges => csv_edges::read_csv_edges(
            &file.name,
            &text,
            companion(GraphKind::CsvNodes).map(|c| (c.name.as_str(), text_of(&c.bytes))),
        ),
        GraphKind::CsvAdjacency => adjacency::read_adjacency_list(&file.name, &text),
        GraphKind::CsvMatrix => adjacency::read_matrix(&file.name, &text),
        GraphKind::Json => json::read_json(&file.name, &file.bytes),
        GraphKind::EdgeList => edge_list::read_edge_list(&file.name, &text),
        GraphKind::PajekClu | GraphKind::CsvNodes => return None,
    };
    let (graph, mut lines) = match result {
        Ok(ok) => ok,
        Err(e) => return Some(Err(e)),
    };
    if let (Some(note), Some(first)) = (lying_extension(&file.name, kind), lines.first_mut()) {
        first.notes.insert(0, note);
    }
    let used = |i: usize| {
        i == main
            || (kind == GraphKind::PajekNet && kinds[i] == Some(GraphKind::PajekClu))
            || (kind == GraphKind::CsvEdges && kinds[i] == Some(GraphKind::CsvNodes))
    };
    for (i, other) in files.iter().enumerate() {
        if !used(i) {
            lines.push(ReportLine {
                file: other.name.clone(),
                recognised_as: "not part of the graph".into(),
                count: 0,
                noun: "nodes".into(),
                skipped: vec![Skipped {
                    line: None,
                    reason: format!(
                        "{} was ignored: it was dropped with the graph file {}, which is read alone",
                        other.name, file.name
                    ),
                }],
                ..ReportLine::default()
            });
        }
    }
    Some(Ok((graph, lines)))
}

impl GraphKind {
    /// What a file of this kind holds, for a sentence ("an edge list").
    fn described(self) -> &'static str {
        match self {
            GraphKind::Gexf => "GEXF",
            GraphKind::GraphMl => "GraphML",
            GraphKind::Gml => "GML",
            GraphKind::PajekNet => "a Pajek network",
            GraphKind::PajekClu => "a Pajek partition",
            GraphKind::Gdf => "GDF",
            GraphKind::CsvEdges => "a CSV edge list",
            GraphKind::CsvAdjacency => "an adjacency list",
            GraphKind::CsvMatrix => "an adjacency matrix",
            GraphKind::CsvNodes => "a CSV node table",
            GraphKind::Json => "JSON",
            GraphKind::EdgeList => "an edge list",
        }
    }
}

/// When the file's extension names a graph format other than the one its content has (a
/// tab-separated edge list saved as `.graphml`): the note that says so. Files are always
/// read by their content; CSV and text extensions cover every delimited kind.
fn lying_extension(name: &str, kind: GraphKind) -> Option<String> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let (claimed, kinds): (&str, &[GraphKind]) = match ext.as_str() {
        "gexf" => ("GEXF", &[GraphKind::Gexf]),
        "graphml" => ("GraphML", &[GraphKind::GraphMl]),
        "gml" => ("GML", &[GraphKind::Gml]),
        "net" | "paj" => ("Pajek", &[GraphKind::PajekNet]),
        "gdf" => ("GDF", &[GraphKind::Gdf]),
        "json" | "cyjs" => ("JSON", &[GraphKind::Json]),
        _ => return None,
    };
    (!kinds.contains(&kind)).then(|| {
        format!(
            "its name says {claimed}, but it holds {}; read by what it holds",
            kind.described()
        )
    })
}

/// The file as text: UTF-16 (with or without a byte-order mark) decoded, a UTF-8 byte-order
/// mark stripped, invalid UTF-8 replaced (borrowed when the bytes are valid UTF-8, so big
/// files are not copied).
pub(crate) fn text_of(bytes: &[u8]) -> Cow<'_, str> {
    super::csv_util::decode_text(bytes)
}

/// Words in a first row that mark a personal export (contacts, LinkedIn), not an edge list.
const PERSONAL_WORDS: &[&str] = &[
    "begin:vcard",
    "name",
    "email",
    "e-mail",
    "phone",
    "company",
    "organization",
    "position",
    "url",
    "date",
    "title",
    "address",
    " on",
    "notes",
];

/// What a file is, judged by its content (its name's extension only breaks ties).
/// `several`: other files were dropped with it (then headerless CSVs, the weakest signal,
/// are not claimed, so a LinkedIn ZIP's small CSVs stay with the personal readers).
pub fn sniff(name: &str, bytes: &[u8], several: bool) -> Option<GraphKind> {
    // Binary files (an image renamed .csv) are never graphs: the personal readers name them.
    if !matches!(
        crate::import::sniff::sniff(bytes),
        crate::import::sniff::Sniffed::Text
    ) {
        return None;
    }
    let head = bytes.get(..bytes.len().min(1 << 20)).unwrap_or(bytes);
    let head = text_of(head);
    let trimmed = head.trim_start();
    let first = trimmed.chars().next()?;
    if first == '<' {
        if trimmed.contains("<gexf") {
            return Some(GraphKind::Gexf);
        }
        if trimmed.contains("<graphml") {
            return Some(GraphKind::GraphMl);
        }
        return None;
    }
    if first == '{' || first == '[' {
        // Only graph-shaped JSON: other JSON (a Facebook friends export) is left to the
        // personal readers. Pathologically nested JSON is claimed (to be refused with a reason)
        // unless it is a personal export's (Facebook's `friends` keys), whose reader refuses it.
        let graph_keys = ["\"nodes\"", "\"elements\"", "\"links\""]
            .iter()
            .any(|k| trimmed.contains(k))
            || (first == '[' && trimmed.contains("\"data\""));
        let brackets = trimmed
            .bytes()
            .take(1024)
            .filter(|&b| b == b'[' || b == b'{')
            .count();
        let personal = trimmed
            .get(..trimmed.len().min(256))
            .is_some_and(|head| head.contains("\"friends"));
        return (graph_keys || (brackets >= 100 && !personal)).then_some(GraphKind::Json);
    }
    let lower_name = name.to_ascii_lowercase();
    // The first line that is not a comment.
    let mut data_lines = trimmed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('%') && !l.starts_with('#'));
    let first_line = data_lines.next().unwrap_or("");
    let first_lower = first_line.to_ascii_lowercase();
    if first_lower.starts_with("*vertices") || first_lower.starts_with("*network") {
        return Some(if is_partition(&lower_name, trimmed) {
            GraphKind::PajekClu
        } else {
            GraphKind::PajekNet
        });
    }
    if first_lower.starts_with("*arcs") || first_lower.starts_with("*edges") {
        return Some(GraphKind::PajekNet);
    }
    if first_lower.starts_with("nodedef>") || first_lower.starts_with("edgedef>") {
        return Some(GraphKind::Gdf);
    }
    if gml::looks_like_gml(trimmed) {
        return Some(GraphKind::Gml);
    }
    if first_line.is_empty() {
        // Only comments: an edge list that declares its nodes (`# nodes 5`).
        return edge_list::declared_nodes(trimmed).map(|_| GraphKind::EdgeList);
    }
    let delimiter = csv_edges::guess_delimiter(first_line);
    if let Some(d) = delimiter {
        let header = csv_edges::split_record(first_line.as_bytes(), d);
        let cols: Vec<String> = header
            .iter()
            .map(|f| f.trim().to_ascii_lowercase())
            .collect();
        // LinkedIn's Invitations.csv and the 2018 messages.csv have From/To columns too: the
        // columns beside them say they are messages, not ties.
        let personal_columns = [
            "sent at",
            "direction",
            "message",
            "subject",
            "content",
            "folder",
            "inviterprofileurl",
        ];
        let personal = cols.iter().any(|c| personal_columns.contains(&c.as_str()));
        if !personal && csv_edges::edge_columns(&cols).is_some() {
            return Some(GraphKind::CsvEdges);
        }
        if cols.iter().any(|c| c == "id") && cols.len() >= 2 {
            return Some(GraphKind::CsvNodes);
        }
    }
    // Headerless rows `u v [weight]`.
    if PERSONAL_WORDS.iter().any(|w| first_lower.contains(w)) {
        return None;
    }
    let sample: Vec<&str> = std::iter::once(first_line)
        .chain(data_lines.take(49))
        .collect();
    let whitespace = |l: &&str| row_ok(l.split_ascii_whitespace().collect());
    if (delimiter.is_none() || delimiter == Some(b'\t')) && rows_look_like_ties(&sample, whitespace)
    {
        return Some(GraphKind::EdgeList);
    }
    let d = delimiter?;
    if several {
        return None;
    }
    if adjacency::looks_like_matrix(&sample, d) {
        return Some(GraphKind::CsvMatrix);
    }
    if adjacency::looks_like_adjacency_list(&sample, d) {
        return Some(GraphKind::CsvAdjacency);
    }
    let delimited = |l: &&str| {
        let fields = csv_edges::split_record(l.as_bytes(), d);
        row_ok(fields.iter().map(|c| c.as_ref()).collect())
    };
    rows_look_like_ties(&sample, delimited).then_some(GraphKind::CsvEdges)
}

/// Whether sampled rows read as ties: the first row and at least 80% of them pass
/// `row_ok`, and at least one row has two ids.
fn rows_look_like_ties(sample: &[&str], ok: impl Fn(&&str) -> Option<usize>) -> bool {
    let Some(first) = sample.first() else {
        return false;
    };
    let shapes: Vec<Option<usize>> = sample.iter().map(&ok).collect();
    let passing = shapes.iter().filter(|s| s.is_some()).count();
    ok(first).is_some()
        && passing * 5 >= sample.len() * 4
        && shapes.iter().any(|s| s.is_some_and(|n| n >= 2))
}

/// A headerless row: two non-empty ids (or one, an isolated node, when `fields` come from a
/// whitespace split) without `@`, and a numeric third field if any. A field that reads as
/// prose (more than four words, or several words ending a sentence) is not an id, so a line
/// of text is not taken for a tie.
fn row_ok(fields: Vec<&str>) -> Option<usize> {
    if !(1..=3).contains(&fields.len()) {
        return None;
    }
    for (i, f) in fields.iter().enumerate() {
        if !id_ok(f) {
            return None;
        }
        if i == 2 && builder::parse_number(f.trim()).is_none() {
            return None;
        }
    }
    Some(fields.len())
}

/// A field that can be a node id in a headerless file: not empty, no `@`, not prose.
pub(crate) fn id_ok(field: &str) -> bool {
    let f = field.trim();
    if f.is_empty() || f.contains('@') {
        return false;
    }
    let words = f.split_whitespace().count();
    !(words > 4 || (words > 1 && f.ends_with(['.', '!', '?'])))
}

/// A Pajek file that is a partition: named `.clu`, or with no tie section and one integer
/// per line after `*Vertices`.
fn is_partition(lower_name: &str, text: &str) -> bool {
    if lower_name.ends_with(".clu") {
        return true;
    }
    if lower_name.ends_with(".net") {
        return false;
    }
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('%'));
    let mut data = 0;
    for l in lines.by_ref() {
        if l.starts_with('*') {
            if !l.to_ascii_lowercase().starts_with("*vertices") {
                return false;
            }
            continue;
        }
        if l.split_ascii_whitespace().count() != 1 || l.parse::<i64>().is_err() {
            return false;
        }
        data += 1;
    }
    data > 0
}

#[cfg(test)]
mod prose_tests {
    use super::*;

    #[test]
    fn a_line_of_prose_is_not_an_edge_list() {
        for text in [
            "Pack sunscreen, book the ferry.\n",
            "Dear Ana, thanks for the lovely evening at the lake\n",
        ] {
            assert_eq!(sniff("notes.txt", text.as_bytes(), false), None, "{text}");
        }
        assert_eq!(
            sniff("pairs.csv", b"Jean Valjean,Javert\nJavert,Fantine\n", false),
            Some(GraphKind::CsvEdges)
        );
    }
}
