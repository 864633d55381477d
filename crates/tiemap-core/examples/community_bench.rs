//! Writes the community bench graphs as edge lists and prints our Leiden figures on them, for
//! `tools/bench/community/compare.py` to set against igraph.
//!
//! ```text
//! cargo run --release -p tiemap-core --example community_bench -- OUT_DIR [SEEDS]
//! ```
//!
//! For each graph, OUT_DIR gets `NAME.edges` (`u v weight` lines, `# nodes N`) and, for planted
//! graphs, `NAME.truth` (one group per line). Prints one JSON object: per graph, the modularity
//! and time of each seed `0..SEEDS` (default 5), and the NMI of the best run against the truth.

use std::fmt::Write as _;
use std::time::Instant;
use tiemap_core::community::{compare, leiden, LeidenSettings};
use tiemap_core::sample::planted_partition;
use tiemap_core::Csr;

struct BenchGraph {
    name: String,
    edges: Vec<(u32, u32, f32)>,
    nodes: usize,
    truth: Option<Vec<u32>>,
}

fn fixture(name: &str) -> Result<BenchGraph, String> {
    let path = format!(
        "{}/tests/fixtures/graphs/{name}.edges",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut nodes = 0;
    let mut edges = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("# nodes ") {
            nodes = rest
                .trim()
                .parse()
                .map_err(|_| format!("{path}:{}", i + 1))?;
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let bad = || format!("{path}:{}: expected `u v [weight]`", i + 1);
        let u = f.first().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let v = f.get(1).and_then(|x| x.parse().ok()).ok_or_else(bad)?;
        let w = match f.get(2) {
            Some(x) => x.parse().map_err(|_| bad())?,
            None => 1.0,
        };
        edges.push((u, v, w));
    }
    Ok(BenchGraph {
        name: name.to_string(),
        edges,
        nodes,
        truth: None,
    })
}

fn planted(nodes: usize, groups: usize) -> BenchGraph {
    let g = planted_partition(nodes, groups, 15.0, 0.25, 42);
    BenchGraph {
        name: format!("planted_{}k", nodes / 1000),
        edges: g.edges,
        nodes,
        truth: Some(g.truth),
    }
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out_dir = args
        .first()
        .cloned()
        .unwrap_or_else(|| "target/bench/community".to_string());
    let seeds: u64 = match args.get(1) {
        Some(s) => s
            .parse()
            .map_err(|_| format!("SEEDS {s:?} is not a number"))?,
        None => 5,
    };
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{out_dir}: {e}"))?;
    let graphs = vec![
        fixture("karate")?,
        fixture("lesmis")?,
        planted(1_000, 10),
        planted(10_000, 40),
        planted(100_000, 150),
    ];
    let mut results = Vec::new();
    for g in &graphs {
        let mut text = format!("# nodes {}\n", g.nodes);
        for (u, v, w) in &g.edges {
            let _ = writeln!(text, "{u} {v} {w}");
        }
        let path = format!("{out_dir}/{}.edges", g.name);
        std::fs::write(&path, text).map_err(|e| format!("{path}: {e}"))?;
        if let Some(truth) = &g.truth {
            let text: String = truth.iter().map(|t| format!("{t}\n")).collect();
            let path = format!("{out_dir}/{}.truth", g.name);
            std::fs::write(&path, text).map_err(|e| format!("{path}: {e}"))?;
        }
        let csr = Csr::from_edges(g.nodes, g.edges.iter().copied());
        let mut runs = Vec::new();
        let mut best: Option<tiemap_core::community::Partition> = None;
        for seed in 0..seeds {
            let start = Instant::now();
            let p = leiden(&csr, &LeidenSettings::with_seed(seed));
            let time_s = start.elapsed().as_secs_f64();
            runs.push(serde_json::json!({
                "seed": seed, "time_s": time_s, "modularity": p.modularity,
                "community_count": p.community_count,
            }));
            if best.as_ref().is_none_or(|b| p.modularity > b.modularity) {
                best = Some(p);
            }
        }
        let nmi = match (&g.truth, &best) {
            (Some(t), Some(b)) => compare::nmi(&b.membership, t).ok(),
            _ => None,
        };
        results.push(serde_json::json!({
            "graph": g.name, "nodes": g.nodes, "edges": csr.edge_count(),
            "edges_file": path, "runs": runs, "nmi_best": nmi,
        }));
        eprintln!(
            "{}: best Q {:.6}",
            g.name,
            best.map_or(0.0, |b| b.modularity)
        );
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&results).map_err(|e| e.to_string())?
    );
    Ok(())
}
