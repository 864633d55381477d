//! `tiemap layout FILE --seed S [--iterations K] --out positions.json`.
//!
//! Opens FILE as the page does (the same ties, the same clusters, the layout started from
//! the clusters as on the page), runs ForceAtlas2 and writes
//! `{"algorithm": "forceatlas2", "seed": S, "iterations": K, "converged": bool, "time_s": T,
//!   "nodes": N, "ids": [key, ...], "positions": [[x, y], ...]}`
//! indexed by node index. `time_s` is the layout alone (reading and parsing excluded).
//! Without `--iterations`, the layout runs until it converges, or [`MAX_ITERATIONS`].

use crate::args::Args;
use crate::input::open_session;
use serde_json::{json, Value};
use std::time::Instant;
use tiemap_app::session::{Session, SessionSettings};

/// Iterations run at most when `--iterations` is not given and the layout does not converge.
pub const MAX_ITERATIONS: usize = 5_000;

/// Runs `tiemap layout` with the arguments after the command name.
pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, &["seed", "iterations", "out"])?;
    let seed: u64 = args.get("seed", 0)?;
    let iterations: Option<usize> = match args.text("iterations") {
        None => None,
        Some(_) => Some(args.get("iterations", 0)?),
    };
    let out = args
        .text("out")
        .ok_or("--out FILE is required (where to write the positions)")?
        .to_string();
    let mut session = open_session(
        &args.file,
        SessionSettings {
            seed,
            ..SessionSettings::default()
        },
    )?;
    let result = layout_json(&mut session, iterations);
    let text = serde_json::to_string(&result).map_err(|e| format!("can't encode JSON: {e}"))?;
    std::fs::write(&out, text).map_err(|e| format!("can't write {out}: {e}"))?;
    Ok(())
}

/// Lays `network` out and builds the output document: exactly `iterations` iterations if
/// given (convergence does not stop an explicit count), else until convergence or
/// [`MAX_ITERATIONS`].
pub fn layout_json(session: &mut Session, iterations: Option<usize>) -> Value {
    let seed = session.settings().seed;
    let t0 = Instant::now();
    let mut converged = false;
    match iterations {
        Some(k) => {
            let state = session.layout_mut();
            let mut done = 0;
            while done < k {
                let stats = state.step(k - done);
                done += stats.iterations_done;
                if stats.converged {
                    converged = true;
                    // Converged: keep refining until the count asked for is reached.
                    if done < k {
                        let mut s = state.settings().clone();
                        s.convergence_threshold = 0.0;
                        state.set_settings(s);
                    }
                }
            }
        }
        None => converged = session.settle(MAX_ITERATIONS),
    }
    let time_s = t0.elapsed().as_secs_f64();
    let network = session.network();
    let positions: Vec<Value> = session
        .layout()
        .positions()
        .chunks_exact(2)
        .map(|p| json!([p[0], p[1]]))
        .collect();
    let ids: Vec<String> = network.nodes.iter().map(|n| n.key.clone()).collect();
    let nodes = ids.len();
    json!({
        "algorithm": "forceatlas2",
        "seed": seed,
        "iterations": session.layout().iterations(),
        "converged": converged,
        "time_s": time_s,
        "nodes": nodes,
        "ids": ids,
        "positions": positions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::open_bytes;

    fn ring(n: u32, seed: u64) -> Session {
        let mut edges = format!("# nodes {n}\n");
        for i in 0..n {
            edges += &format!("{} {}\n", i, (i + 1) % n);
        }
        let settings = SessionSettings {
            seed,
            ..SessionSettings::default()
        };
        match open_bytes("ring.txt".into(), edges.into_bytes(), settings) {
            Ok(s) => s,
            Err(e) => panic!("a ring opens: {e}"),
        }
    }

    #[test]
    fn fixed_iterations_give_the_documented_document() {
        let doc = layout_json(&mut ring(30, 7), Some(40));
        assert_eq!(doc["algorithm"], "forceatlas2");
        assert_eq!(doc["seed"], 7);
        assert_eq!(doc["iterations"], 40);
        assert_eq!(doc["nodes"], 30);
        assert_eq!(doc["ids"][3], "3");
        let positions = doc["positions"].as_array().cloned().unwrap_or_default();
        assert_eq!(positions.len(), 30);
        assert!(positions
            .iter()
            .all(|p| p[0].as_f64().is_some_and(f64::is_finite) && p[1].as_f64().is_some()));
        assert!(doc["time_s"].as_f64().is_some_and(|t| t >= 0.0));
        // Same seed, same positions; another seed, other positions.
        let again = layout_json(&mut ring(30, 7), Some(40));
        assert_eq!(doc["positions"], again["positions"]);
        let other = layout_json(&mut ring(30, 8), Some(40));
        assert_ne!(doc["positions"], other["positions"]);
    }

    #[test]
    fn without_iterations_runs_to_convergence() {
        let doc = layout_json(&mut ring(40, 1), None);
        assert_eq!(doc["converged"], true);
        let k = doc["iterations"].as_u64().unwrap_or(0);
        assert!(k > 0 && k < MAX_ITERATIONS as u64, "{k}");
    }
}
