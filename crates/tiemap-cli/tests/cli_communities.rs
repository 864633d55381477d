//! `tiemap communities` end to end on the karate club fixture.

use std::process::Command;
use tiemap_core::community::{compare, modularity};
use tiemap_core::Csr;

const KARATE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tiemap-core/tests/fixtures/graphs/karate.edges"
);

fn out_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tiemap-cli-communities-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn karate_csr() -> Csr {
    let text = std::fs::read_to_string(KARATE).expect("fixture");
    let edges = text.lines().filter(|l| !l.starts_with('#')).map(|l| {
        let mut f = l.split_whitespace().map(|x| x.parse::<u32>().expect("id"));
        (f.next().expect("u"), f.next().expect("v"), 1.0)
    });
    Csr::from_edges(34, edges)
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tiemap"))
        .arg("communities")
        .args(args)
        .output()
        .expect("tiemap runs")
}

#[test]
fn writes_labels_for_the_karate_club() {
    let out = out_path("karate.json");
    let status = run(&[
        KARATE,
        "--seed",
        "3",
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json");
    assert_eq!(v["algorithm"], "leiden");
    assert_eq!(v["seed"], 3);
    assert_eq!(v["resolution"], 1.0);
    assert!(v["time_s"].as_f64().expect("time") >= 0.0);
    let labels: Vec<u32> = v["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|x| x.as_u64().expect("label") as u32)
        .collect();
    assert_eq!(labels.len(), 34);
    // labels are indexed by id: the reported modularity is the modularity of these labels on
    // the file read independently here.
    let q = modularity(&karate_csr(), &labels, 1.0).expect("lengths match");
    let reported = v["modularity"].as_f64().expect("modularity");
    assert!((q - reported).abs() < 1e-12, "{q} vs {reported}");
    assert!(reported > 0.40, "{reported}");
    let k = v["community_count"].as_u64().expect("count") as usize;
    let clusters = v["clusters"].as_array().expect("clusters");
    assert_eq!(clusters.len(), k);
    let total: u64 = clusters
        .iter()
        .map(|c| c["size"].as_u64().expect("size"))
        .sum();
    assert_eq!(total, 34);
    let nodes = v["nodes"].as_array().expect("nodes");
    assert_eq!(nodes.len(), 34);
    assert_eq!(nodes[5]["id"], "5");
    assert_eq!(nodes[5]["cluster"], labels[5]);
    // Nodes 0 and 33 (the instructor and the officer) never share a community.
    assert_ne!(labels[0], labels[33]);
}

#[test]
fn louvain_and_resolution_flags_are_honoured() {
    let leiden_out = out_path("leiden-r2.json");
    let louvain_out = out_path("louvain.json");
    let a = run(&[
        KARATE,
        "--seed",
        "1",
        "--resolution",
        "2",
        "--out",
        leiden_out.to_str().expect("path"),
    ]);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    let b = run(&[
        KARATE,
        "--seed",
        "1",
        "--algorithm",
        "louvain",
        "--out",
        louvain_out.to_str().expect("path"),
    ]);
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).expect("written")).expect("json")
    };
    let (hi, lv) = (read(&leiden_out), read(&louvain_out));
    assert_eq!(hi["resolution"], 2.0);
    assert_eq!(lv["algorithm"], "louvain");
    assert!(hi["community_count"].as_u64() > lv["community_count"].as_u64());
    let labels = |v: &serde_json::Value| -> Vec<u32> {
        v["labels"]
            .as_array()
            .expect("labels")
            .iter()
            .map(|x| x.as_u64().expect("l") as u32)
            .collect()
    };
    let q = modularity(&karate_csr(), &labels(&hi), 2.0).expect("lengths");
    assert!((q - hi["modularity"].as_f64().expect("q")).abs() < 1e-12);
    assert!(compare::nmi(&labels(&hi), &labels(&lv)).expect("lengths") < 1.0);
}

#[test]
fn a_missing_file_is_reported() {
    let out = run(&[
        "/no/such/graph.edges",
        "--seed",
        "1",
        "--out",
        "/tmp/never.json",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/graph.edges"), "{stderr}");
}
