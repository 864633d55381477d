//! Graph-file import: fixture directories (`tests/fixtures/import/graph/<case>/`, the input
//! files and an `expected.json` beside them), hostile inputs, and property tests.

use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;
use tiemap_core::import::graph::{read_graph_files, MAX_NODES};
use tiemap_core::import::{import_files, ImportError, Imported, InputFile, Limits, ReportLine};
use tiemap_core::model::GraphFile;

type Outcome = Option<Result<(GraphFile, Vec<ReportLine>), ImportError>>;

fn read_case(dir: &Path) -> (Vec<InputFile>, Value) {
    let mut files = Vec::new();
    let mut expected = Value::Null;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if name == "expected.json" {
            expected = serde_json::from_slice(&bytes).unwrap();
        } else {
            files.push(InputFile { name, bytes });
        }
    }
    (files, expected)
}

fn f32_of(v: &Value) -> f32 {
    v.as_f64().unwrap() as f32
}

fn check_case(case: &str, outcome: Outcome, expected: &Value) {
    if expected.get("none").is_some() {
        assert!(
            outcome.is_none(),
            "{case}: expected no graph file, got {outcome:?}"
        );
        return;
    }
    if let Some(fragment) = expected.get("error").and_then(Value::as_str) {
        match outcome {
            Some(Err(e)) => {
                let text = format!("{e} / {}", e.sentence());
                assert!(
                    text.contains(fragment),
                    "{case}: error {text:?} lacks {fragment:?}"
                );
            }
            other => panic!("{case}: expected an error with {fragment:?}, got {other:?}"),
        }
        return;
    }
    let (graph, lines) = match outcome {
        Some(Ok(ok)) => ok,
        other => panic!("{case}: expected a graph, got {other:?}"),
    };
    assert_eq!(
        graph.format,
        expected["format"].as_str().unwrap(),
        "{case}: format"
    );
    if let Some(d) = expected.get("directed").and_then(Value::as_bool) {
        assert_eq!(graph.directed, d, "{case}: directed");
    }
    assert_eq!(
        graph.nodes.len() as u64,
        expected["nodes"].as_u64().unwrap(),
        "{case}: nodes"
    );
    assert_eq!(
        graph.edges.len() as u64,
        expected["ties"].as_u64().unwrap(),
        "{case}: ties"
    );
    // The report: nodes line, ties line, their counts and skips.
    let nodes_line = &lines[0];
    assert_eq!(nodes_line.noun, "nodes", "{case}");
    assert_eq!(nodes_line.count, graph.nodes.len(), "{case}");
    let ties_line = &lines[1];
    assert_eq!(ties_line.noun, "ties", "{case}");
    assert_eq!(ties_line.count, graph.edges.len(), "{case}");
    let skipped = expected
        .get("skipped_ties")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    assert_eq!(
        ties_line.skipped.len() as u64,
        skipped,
        "{case}: skipped ties {:?}",
        ties_line.skipped
    );
    let created = expected
        .get("created_by_ties")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let created_line = lines.iter().find(|l| l.noun.contains("named by ties"));
    assert_eq!(
        created_line.map_or(0, |l| l.count as u64),
        created,
        "{case}: created by ties"
    );
    if let Some(edges) = expected.get("edges").and_then(Value::as_array) {
        let got: Vec<(u32, u32, f32)> = graph
            .edges
            .iter()
            .map(|e| (e.source, e.target, e.weight))
            .collect();
        let want: Vec<(u32, u32, f32)> = edges
            .iter()
            .map(|e| {
                (
                    e[0].as_u64().unwrap() as u32,
                    e[1].as_u64().unwrap() as u32,
                    f32_of(&e[2]),
                )
            })
            .collect();
        assert_eq!(got, want, "{case}: edges");
    }
    if let Some(report) = expected.get("report").and_then(Value::as_array) {
        let got: Vec<String> = lines.iter().map(ReportLine::sentence).collect();
        let want: Vec<&str> = report.iter().filter_map(Value::as_str).collect();
        assert_eq!(got, want, "{case}: report sentences");
    }
    for check in expected
        .get("check_nodes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let key = check["key"].as_str().unwrap();
        let node = graph
            .nodes
            .iter()
            .find(|n| n.key == key)
            .unwrap_or_else(|| panic!("{case}: no node {key}"));
        if let Some(label) = check.get("label") {
            assert_eq!(
                node.label.as_deref(),
                label.as_str(),
                "{case}: label of {key}"
            );
        }
        if let Some(pos) = check.get("pos") {
            let want = pos.as_array().map(|p| [f32_of(&p[0]), f32_of(&p[1])]);
            assert_eq!(node.pos_in_graph, want, "{case}: pos of {key}");
        }
        if let Some(color) = check.get("color") {
            let want = color.as_array().map(|c| {
                [
                    c[0].as_u64().unwrap() as u8,
                    c[1].as_u64().unwrap() as u8,
                    c[2].as_u64().unwrap() as u8,
                ]
            });
            assert_eq!(node.color, want, "{case}: color of {key}");
        }
        if let Some(size) = check.get("size") {
            assert_eq!(
                node.size,
                size.as_f64().map(|s| s as f32),
                "{case}: size of {key}"
            );
        }
        if let Some(c) = check.get("community") {
            assert_eq!(
                node.community.as_deref(),
                c.as_str(),
                "{case}: community of {key}"
            );
        }
        if let Some(attrs) = check.get("attrs").and_then(Value::as_object) {
            for (name, want) in attrs {
                let got = node
                    .attrs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.to_string());
                assert_eq!(
                    got.as_deref(),
                    want.as_str(),
                    "{case}: attr {name} of {key}"
                );
            }
        }
    }
}

#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/graph");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 30,
        "fixture cases went missing: {}",
        cases.len()
    );
    let mut failed = Vec::new();
    for dir in cases {
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (files, expected) = read_case(&dir);
        let outcome = read_graph_files(&files, &Limits::default());
        let result = std::panic::catch_unwind(|| check_case(&case, outcome, &expected));
        if result.is_err() {
            failed.push(case);
        }
    }
    assert!(failed.is_empty(), "fixture cases failed: {failed:?}");
}

fn one(name: &str, text: impl Into<Vec<u8>>) -> Vec<InputFile> {
    vec![InputFile {
        name: name.into(),
        bytes: text.into(),
    }]
}

#[test]
fn report_sentence_names_file_and_skips() {
    let files = one("karate.txt", "1 2\n2 3 x\n3 1\n1 3\n0 2\n");
    let (_, lines) = read_graph_files(&files, &Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(lines[0].sentence(), "4 nodes from karate.txt");
    assert_eq!(
        lines[1].sentence(),
        "4 ties from karate.txt; 1 row skipped: line 2 has weight \"x\", expected a number after the two ids"
    );
}

#[test]
fn json_nested_100000_deep_errors() {
    for text in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
        let out = read_graph_files(&one("deep.json", text), &Limits::default());
        assert!(
            matches!(out, Some(Err(ImportError::Malformed { .. }))),
            "{out:?}"
        );
    }
}

#[test]
fn edge_list_over_the_node_limit_is_refused_by_declaration() {
    let text = format!("# nodes {}\n0 1\n", MAX_NODES + 1);
    let out = read_graph_files(&one("big.txt", text), &Limits::default());
    let Some(Err(e)) = out else { panic!("{out:?}") };
    assert!(e.to_string().contains("5,000,000 nodes"), "{e}");
}

#[test]
fn huge_integer_ids_fall_back_to_first_seen_order() {
    let out = read_graph_files(&one("snap.txt", "900000000 7\n7 12\n"), &Limits::default());
    let (g, _) = out.unwrap().unwrap();
    let keys: Vec<&str> = g.nodes.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys, ["900000000", "7", "12"]);
}

#[test]
fn linkedin_sample_export_is_not_claimed() {
    let sample = tiemap_core::sample::linkedin_sample(50, 7);
    let csv = tiemap_core::sample::connections_csv(&sample.export.people);
    let files = one("Connections.csv", csv.clone());
    assert!(read_graph_files(&files, &Limits::default()).is_none());
    match import_files(&files, &Limits::default()) {
        Ok(outcome) => assert!(matches!(outcome.data, Imported::Personal(_))),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn json_that_is_not_a_graph_is_left_to_personal_readers() {
    let text = r#"{"friends_v2": [{"name": "Ann Lee", "timestamp": 1700000000}]}"#;
    assert!(read_graph_files(&one("your_friends.json", text), &Limits::default()).is_none());
    let nodes = r#"{"nodes": [{"id": "a"}], "links": []}"#;
    assert!(read_graph_files(&one("g.json", nodes), &Limits::default()).is_some());
}

#[test]
fn import_files_routes_graph_files() {
    let files = one(
        "g.gml",
        "graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] ]",
    );
    let outcome = import_files(&files, &Limits::default()).unwrap();
    let Imported::Graph(g) = outcome.data else {
        panic!("not a graph")
    };
    assert_eq!((g.nodes.len(), g.edges.len()), (2, 1));
    assert_eq!(outcome.report.lines[0].recognised_as, "GML");
}

#[test]
fn reading_is_deterministic() {
    let text = "b a 1\nc a 2\nd b 3\na d 1\n";
    let a = read_graph_files(&one("e.txt", text), &Limits::default())
        .unwrap()
        .unwrap();
    let b = read_graph_files(&one("e.txt", text), &Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(a, b);
}

/// Prefixes that steer arbitrary bytes into each reader.
const PREFIXES: &[&str] = &[
    "",
    "<gexf><graph><nodes>",
    "<?xml version=\"1.0\"?><graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\"/><graph>",
    "graph [ ",
    "*Vertices 5\n",
    "nodedef>name VARCHAR,x DOUBLE\n",
    "Source,Target,Weight\n",
    "Id,Label\n",
    "{\"nodes\":[",
    "{\"elements\":",
    "{\"options\":{},\"nodes\":[{\"key\":",
    "# nodes 4\n",
    "0 1\n",
];

const NAMES: &[&str] = &[
    "a.gexf",
    "a.graphml",
    "a.gml",
    "a.net",
    "a.clu",
    "a.gdf",
    "a.csv",
    "a.json",
    "a.txt",
    "x",
];

fn every_prefix_input() -> impl Strategy<Value = (usize, usize, Vec<u8>)> {
    (
        0..PREFIXES.len(),
        0..NAMES.len(),
        proptest::collection::vec(any::<u8>(), 0..400),
    )
}

fn text_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            Just(b'\n'),
            Just(b' '),
            Just(b','),
            Just(b'"'),
            Just(b'['),
            Just(b']'),
            Just(b'<'),
            Just(b'>'),
            Just(b'/'),
            Just(b'&'),
            Just(b'*'),
            Just(b'{'),
            Just(b'}'),
            Just(b':'),
            b'0'..=b'9',
            b'a'..=b'z',
        ],
        0..400,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// No input panics, whatever its bytes and name; a graph that comes back is consistent.
    #[test]
    fn never_panics((p, n, tail) in every_prefix_input(), noisy in text_bytes(), use_text in any::<bool>()) {
        let mut bytes = PREFIXES[p].as_bytes().to_vec();
        bytes.extend(if use_text { noisy } else { tail });
        let files = vec![
            InputFile { name: NAMES[n].into(), bytes: bytes.clone() },
        ];
        if let Some(Ok((g, lines))) = read_graph_files(&files, &Limits::default()) {
            let count = g.nodes.len() as u32;
            prop_assert!(g.edges.iter().all(|e| e.source < count && e.target < count));
            prop_assert!(g.edges.iter().all(|e| e.weight.is_finite() && e.weight > 0.0));
            prop_assert_eq!(lines[0].count, g.nodes.len());
            let mut keys: Vec<&str> = g.nodes.iter().map(|n| n.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            prop_assert_eq!(keys.len(), g.nodes.len(), "node keys are unique");
        }
        // With a companion, too.
        let two = vec![
            InputFile { name: "a.net".into(), bytes: b"*Vertices 3\n*Edges\n1 2\n".to_vec() },
            InputFile { name: NAMES[n].into(), bytes },
        ];
        let _ = read_graph_files(&two, &Limits::default());
    }

    /// A whitespace edge list written from integer ties reads back to the same ties, with
    /// node index == id and the declared node count.
    #[test]
    fn edge_list_round_trip(
        ties in proptest::collection::vec((0u32..60, 0u32..60, 1u32..1000), 1..80),
        extra in 0usize..20,
    ) {
        let max = ties.iter().map(|t| t.0.max(t.1)).max().unwrap_or(0) as usize;
        let declared = max + 1 + extra;
        let mut text = format!("# nodes {declared}\n");
        for (u, v, w) in &ties {
            text.push_str(&format!("{u}\t{v} {}\n", *w as f32 / 8.0));
        }
        let (g, _) = read_graph_files(&one("t.txt", text), &Limits::default()).unwrap().unwrap();
        prop_assert_eq!(g.nodes.len(), declared);
        for (i, n) in g.nodes.iter().enumerate() {
            prop_assert_eq!(&n.key, &i.to_string());
        }
        let got: Vec<(u32, u32, f32)> = g.edges.iter().map(|e| (e.source, e.target, e.weight)).collect();
        let want: Vec<(u32, u32, f32)> = ties.iter().map(|&(u, v, w)| (u, v, w as f32 / 8.0)).collect();
        prop_assert_eq!(got, want);
    }

    /// A CSV edge list with named (and quoted) ids reads back to the same ties by key.
    #[test]
    fn csv_round_trip(
        ties in proptest::collection::vec((0usize..30, 0usize..30, 1u32..100), 1..60),
        delimiter in prop_oneof![Just(','), Just(';'), Just('\t')],
    ) {
        let name = |i: usize| if i.is_multiple_of(3) { format!("\"Person, {i}\"") } else { format!("p{i}") };
        let plain = |i: usize| if i.is_multiple_of(3) { format!("Person, {i}") } else { format!("p{i}") };
        let d = delimiter;
        let mut text = format!("Source{d}Target{d}Weight\n");
        for (u, v, w) in &ties {
            text.push_str(&format!("{}{d}{}{d}{w}\n", name(*u), name(*v)));
        }
        let (g, _) = read_graph_files(&one("t.csv", text), &Limits::default()).unwrap().unwrap();
        prop_assert_eq!(g.format.as_str(), "CSV edge list");
        let got: Vec<(String, String, f32)> = g
            .edges
            .iter()
            .map(|e| (g.nodes[e.source as usize].key.clone(), g.nodes[e.target as usize].key.clone(), e.weight))
            .collect();
        let want: Vec<(String, String, f32)> = ties.iter().map(|&(u, v, w)| (plain(u), plain(v), w as f32)).collect();
        prop_assert_eq!(got, want);
    }
}
