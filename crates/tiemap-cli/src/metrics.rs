//! `tiemap metrics FILE [--weighted true] [--seed S] [--pivots K] [--exact-max N]
//! [--out metrics.json]`: per-node structural metrics and network-level figures as JSON.
//!
//! Per node (indexed by node index; for a plain integer edge list, index == id): degree,
//! weighted degree, betweenness (normalised as networkx's default), Burt's constraint and
//! effective size (`null` for a node without ties, where networkx gives NaN), local
//! clustering. Plus the network-level figures with their meanings and `time_s`, the seconds
//! the measurements took (reading the file excluded).

use crate::args::Args;
use crate::input::open_session;
use serde_json::{json, Value};
use tiemap_app::session::SessionSettings;
use tiemap_core::metrics::{
    betweenness, degrees, structural_holes, summary, weighted_degrees, BetweennessSettings,
};
use tiemap_core::Network;

/// Runs `tiemap metrics` with the arguments after the command name.
pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, &["out", "weighted", "seed", "pivots", "exact-max"])?;
    let defaults = BetweennessSettings::default();
    let settings = BetweennessSettings {
        weighted: args.get("weighted", false)?,
        seed: args.get("seed", defaults.seed)?,
        pivots: args.get("pivots", defaults.pivots)?,
        exact_max_nodes: args.get("exact-max", defaults.exact_max_nodes)?,
    };
    let session = open_session(&args.file, SessionSettings::default())?;
    let network = session.network();
    let started = std::time::Instant::now();
    let mut out = metrics_json(network, &settings)?;
    out["time_s"] = json!(started.elapsed().as_secs_f64());
    let text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
    match args.text("out") {
        Some(path) => {
            std::fs::write(path, text + "\n").map_err(|e| format!("can't write {path}: {e}"))
        }
        None => {
            println!("{text}");
            Ok(())
        }
    }
}

/// The JSON document of `tiemap metrics` (without `time_s`). Constraint and effective size
/// follow `settings.weighted` as betweenness does.
pub fn metrics_json(network: &Network, settings: &BetweennessSettings) -> Result<Value, String> {
    let csr = network.csr();
    let degree = degrees(&csr);
    let weighted_degree = weighted_degrees(&csr);
    let b = betweenness(&csr, settings).map_err(|e| e.to_string())?;
    let holes = structural_holes(&csr, settings.weighted);
    let s = summary(&csr, &holes.clustering);
    let nodes: Vec<Value> = (0..csr.node_count())
        .map(|v| {
            json!({
                "index": v,
                "key": network.nodes.get(v).map(|n| n.key.as_str()),
                "degree": degree[v],
                "weighted_degree": weighted_degree[v],
                "betweenness": b.values[v],
                "constraint": holes.constraint[v],
                "effective_size": holes.effective_size[v],
                "clustering": holes.clustering[v],
            })
        })
        .collect();
    Ok(json!({
        "weighted": settings.weighted,
        "betweenness": { "exact": b.exact, "sources": b.sources, "seed": settings.seed },
        "network": s,
        "figures": s.figures(),
        "nodes": nodes,
    }))
}
