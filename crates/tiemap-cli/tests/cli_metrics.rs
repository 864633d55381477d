//! `tiemap metrics` end to end: the binary reads the networkx reference edge lists of the
//! core's fixtures and writes the values networkx computed (to 1e-9).

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn core_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tiemap-core/tests/fixtures/metrics")
        .join(name)
}

fn run_metrics(case: &str, extra: &[&str]) -> Value {
    let out = std::env::temp_dir().join(format!(
        "tiemap-cli-metrics-{case}-{}-{}.json",
        extra.len(),
        std::process::id()
    ));
    let status = Command::new(env!("CARGO_BIN_EXE_tiemap"))
        .arg("metrics")
        .arg(core_fixture(&format!("{case}.edges")))
        .args(extra)
        .arg("--out")
        .arg(&out)
        .status()
        .expect("runs tiemap");
    assert!(status.success(), "tiemap metrics failed on {case}");
    let text = std::fs::read_to_string(&out).expect("output written");
    let _ = std::fs::remove_file(&out);
    serde_json::from_str(&text).expect("valid JSON")
}

fn close(got: &Value, want: &Value, what: &str) {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => assert!((g - w).abs() < 1e-9, "{what}: {g} vs {w}"),
        (None, None) => assert!(got.is_null() && want.is_null(), "{what}"),
        _ => panic!("{what}: tiemap {got}, networkx {want}"),
    }
}

#[test]
fn per_node_values_match_networkx() {
    for case in ["karate", "isolated_nodes", "weighted_small"] {
        let reference: Value = serde_json::from_str(
            &std::fs::read_to_string(core_fixture(&format!("{case}.json"))).expect("reference"),
        )
        .expect("json");
        for (flags, suffix) in [(&[][..], ""), (&["--weighted", "true"][..], "_weighted")] {
            let got = run_metrics(case, flags);
            let nodes = got["nodes"].as_array().expect("nodes");
            let n = reference["nodes"].as_u64().expect("n") as usize;
            assert_eq!(nodes.len(), n, "{case}");
            assert!(got["time_s"].as_f64().is_some_and(|t| t >= 0.0));
            assert_eq!(got["betweenness"]["exact"], Value::Bool(true));
            for (i, node) in nodes.iter().enumerate() {
                assert_eq!(node["index"].as_u64(), Some(i as u64));
                assert_eq!(node["key"].as_str(), Some(i.to_string().as_str()));
                for key in ["betweenness", "constraint", "effective_size"] {
                    let field = format!("{key}{suffix}");
                    close(
                        &node[key],
                        &reference[&field][i],
                        &format!("{case} {field} node {i}"),
                    );
                }
            }
            close(
                &got["network"]["average_clustering"],
                &reference["average_clustering"],
                case,
            );
        }
    }
}

#[test]
fn degree_and_network_figures() {
    let got = run_metrics("star", &[]);
    let nodes = got["nodes"].as_array().expect("nodes");
    assert_eq!(nodes[0]["degree"].as_u64(), Some(6));
    assert_eq!(nodes[3]["degree"].as_u64(), Some(1));
    assert_eq!(got["network"]["nodes"].as_u64(), Some(7));
    assert_eq!(got["network"]["ties"].as_u64(), Some(6));
    assert_eq!(got["network"]["components"].as_u64(), Some(1));
    let figures = got["figures"].as_array().expect("figures");
    assert!(figures
        .iter()
        .all(|f| f["meaning"].as_str().is_some_and(|m| m.ends_with('.'))));
}

#[test]
fn bad_option_is_an_error() {
    let status = Command::new(env!("CARGO_BIN_EXE_tiemap"))
        .args(["metrics", "whatever.edges", "--pivots", "many"])
        .output()
        .expect("runs tiemap");
    assert!(!status.status.success());
    assert!(String::from_utf8_lossy(&status.stderr).contains("--pivots"));
}
