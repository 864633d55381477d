//! `tiemap layout` end to end: the built binary on a plain edge list.

use std::process::Command;

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tiemap-cli-layout-{name}-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Two 5-cliques joined by one tie, plus isolated node 11 declared by `# nodes 12`.
const EDGES: &str = "# nodes 12
0 1\n0 2\n0 3\n0 4\n1 2\n1 3\n1 4\n2 3\n2 4\n3 4
5 6\n5 7\n5 8\n5 9\n6 7\n6 8\n6 9\n7 8\n7 9\n8 9
4 5
10 0
";

fn run(dir: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let input = dir.join("graph.txt");
    let out = dir.join("positions.json");
    std::fs::write(&input, EDGES).expect("write input");
    let mut args = vec![
        "layout".to_string(),
        input.display().to_string(),
        "--seed".to_string(),
        "3".to_string(),
        "--out".to_string(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let status = Command::new(env!("CARGO_BIN_EXE_tiemap"))
        .args(&args)
        .output()
        .expect("run tiemap");
    assert!(
        status.status.success(),
        "tiemap failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("read output");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn edge_list_layout_is_indexed_by_id_and_separates_the_cliques() {
    let dir = temp_dir("cliques");
    let doc = run(&dir, &["--iterations", "300"]);
    assert_eq!(doc["algorithm"], "forceatlas2");
    assert_eq!(doc["seed"], 3);
    assert_eq!(doc["iterations"], 300);
    assert_eq!(doc["nodes"], 12);
    let ids: Vec<String> = doc["ids"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(ids, (0..12).map(|i| i.to_string()).collect::<Vec<_>>());
    let pos: Vec<[f64; 2]> = doc["positions"]
        .as_array()
        .expect("positions")
        .iter()
        .map(|p| {
            [
                p[0].as_f64().unwrap_or(f64::NAN),
                p[1].as_f64().unwrap_or(f64::NAN),
            ]
        })
        .collect();
    assert_eq!(pos.len(), 12);
    assert!(pos.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
    let d = |a: usize, b: usize| {
        ((pos[a][0] - pos[b][0]).powi(2) + (pos[a][1] - pos[b][1]).powi(2)).sqrt()
    };
    // Within a clique nodes are closer than across the cliques (away from the bridge 4-5).
    let within = (d(0, 1) + d(1, 2) + d(6, 7) + d(7, 8)) / 4.0;
    let across = (d(0, 8) + d(1, 7) + d(2, 9) + d(3, 6)) / 4.0;
    assert!(across > 1.5 * within, "within {within} across {across}");
    // Same seed, same file: same positions.
    let again = run(&dir, &["--iterations", "300"]);
    assert_eq!(doc["positions"], again["positions"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_iterations_it_runs_to_convergence() {
    let dir = temp_dir("converge");
    let doc = run(&dir, &[]);
    assert_eq!(doc["converged"], true);
    assert!(doc["iterations"].as_u64().is_some_and(|k| k > 0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_are_reported() {
    let out = Command::new(env!("CARGO_BIN_EXE_tiemap"))
        .args([
            "layout",
            "/nonexistent/graph.txt",
            "--seed",
            "1",
            "--out",
            "/tmp/x.json",
        ])
        .output()
        .expect("run tiemap");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("can't read"));
}

/// `tiemap map` on a LinkedIn export: what the page draws, with every tie's evidence.
#[test]
fn map_writes_people_ties_with_evidence_and_named_clusters() {
    let dir = temp_dir("map");
    let sample = tiemap_core::sample::linkedin_sample(150, 3);
    let input = dir.join("Connections.csv");
    std::fs::write(
        &input,
        tiemap_core::sample::connections_csv(&sample.export.people),
    )
    .expect("write");
    let out = dir.join("map.json");
    let status = Command::new(env!("CARGO_BIN_EXE_tiemap"))
        .args([
            "map",
            &input.display().to_string(),
            "--out",
            &out.display().to_string(),
        ])
        .output()
        .expect("run tiemap");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = std::fs::read_to_string(&out).expect("map.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let people = doc["people"].as_array().cloned().unwrap_or_default();
    assert_eq!(people.len(), 150);
    let ties = doc["ties"].as_array().cloned().unwrap_or_default();
    assert!(!ties.is_empty());
    assert!(ties
        .iter()
        .all(|t| t["evidence"].as_str().is_some_and(|e| !e.is_empty())));
    let clusters = doc["clusters"].as_array().cloned().unwrap_or_default();
    assert!(clusters.len() >= 2);
    assert!(clusters
        .iter()
        .all(|c| c["name"].as_str().is_some_and(|n| !n.is_empty())));
    let ids: Vec<u64> = clusters.iter().filter_map(|c| c["id"].as_u64()).collect();
    assert!(people
        .iter()
        .all(|p| p["cluster"].as_u64().is_some_and(|c| ids.contains(&c))));
    assert!(people
        .iter()
        .all(|p| p["pos_in_graph"][0].as_f64().is_some_and(f64::is_finite)));
    assert_eq!(doc["settled"], true);
}
