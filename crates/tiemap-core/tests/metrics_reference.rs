//! Structural metrics checked against networkx, value by value, to 1e-9.
//!
//! The fixtures (`tests/fixtures/metrics/<name>.edges` and `<name>.json`) are written by
//! `tools/reference/metrics/make_reference.py`. Where networkx gives NaN (constraint and
//! effective size of a node without ties; written as `null`), tiemap gives `None`.

use serde_json::Value;
use std::path::PathBuf;
use tiemap_core::metrics::{
    betweenness, structural_holes, summary, BetweennessSettings, StructuralHoles,
};
use tiemap_core::Csr;

const CASES: &[&str] = &[
    "karate",
    "weighted_small",
    "path",
    "star",
    "two_cliques_bridge",
    "isolated_nodes",
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/metrics")
        .join(name)
}

/// `# nodes N` then `u v weight` lines; other `#` lines are comments.
fn read_edges(name: &str) -> Csr {
    let text = std::fs::read_to_string(fixture(&format!("{name}.edges"))).expect("fixture");
    let mut nodes = 0usize;
    let mut edges = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(n) = line.strip_prefix("# nodes ") {
            nodes = n.trim().parse().expect("node count");
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(f.len(), 3, "{name}: bad line {line:?}");
        edges.push((
            f[0].parse::<u32>().expect("u"),
            f[1].parse::<u32>().expect("v"),
            f[2].parse::<f32>().expect("weight"),
        ));
    }
    Csr::from_edges(nodes, edges)
}

fn reference(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture(&format!("{name}.json"))).expect("fixture");
    serde_json::from_str(&text).expect("json")
}

fn numbers(v: &Value, key: &str) -> Vec<Option<f64>> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("{key} missing"))
        .iter()
        .map(Value::as_f64)
        .collect()
}

fn check(case: &str, what: &str, got: &[Option<f64>], want: &[Option<f64>]) {
    assert_eq!(got.len(), want.len(), "{case} {what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        match (g, w) {
            (Some(g), Some(w)) => assert!(
                (g - w).abs() < 1e-9,
                "{case} {what} node {i}: tiemap {g}, networkx {w}"
            ),
            (None, None) => {}
            _ => panic!("{case} {what} node {i}: tiemap {g:?}, networkx {w:?} (NaN is None)"),
        }
    }
}

#[test]
fn betweenness_matches_networkx() {
    for &case in CASES {
        let csr = read_edges(case);
        let r = reference(case);
        for (weighted, key) in [(false, "betweenness"), (true, "betweenness_weighted")] {
            let b = betweenness(
                &csr,
                &BetweennessSettings {
                    weighted,
                    ..BetweennessSettings::default()
                },
            )
            .expect("betweenness");
            assert!(b.exact);
            let got: Vec<Option<f64>> = b.values.iter().map(|&x| Some(x)).collect();
            check(case, key, &got, &numbers(&r, key));
        }
    }
}

#[test]
fn constraint_and_effective_size_match_networkx() {
    for &case in CASES {
        let csr = read_edges(case);
        let r = reference(case);
        for (weighted, suffix) in [(false, ""), (true, "_weighted")] {
            let StructuralHoles {
                constraint,
                effective_size,
                ..
            } = structural_holes(&csr, weighted);
            check(
                case,
                &format!("constraint{suffix}"),
                &constraint,
                &numbers(&r, &format!("constraint{suffix}")),
            );
            check(
                case,
                &format!("effective_size{suffix}"),
                &effective_size,
                &numbers(&r, &format!("effective_size{suffix}")),
            );
        }
    }
}

#[test]
fn clustering_matches_networkx() {
    for &case in CASES {
        let csr = read_edges(case);
        let r = reference(case);
        let h = structural_holes(&csr, false);
        let got: Vec<Option<f64>> = h.clustering.iter().map(|&x| Some(x)).collect();
        check(case, "clustering", &got, &numbers(&r, "clustering"));
        let s = summary(&csr, &h.clustering);
        let want = r["average_clustering"]
            .as_f64()
            .expect("average_clustering");
        assert!((s.average_clustering - want).abs() < 1e-9, "{case}");
    }
}

#[test]
fn isolated_nodes_have_no_constraint() {
    let csr = read_edges("isolated_nodes");
    let h = structural_holes(&csr, true);
    for v in [4usize, 7, 8] {
        assert_eq!(csr.degree(v), 0);
        assert_eq!(h.constraint[v], None);
        assert_eq!(h.effective_size[v], None);
    }
    assert!(h.constraint[0].is_some());
}
