//! Layout quality report: planted-partition graphs of 1k, 10k and 30k nodes, laid out to
//! convergence (or a cap) from a random start, scored against the planted groups.
//!
//! ```text
//! cargo run -p tiemap-core --release --example layout_quality [-- SIZES...] [--communities]
//!     [--degree D] [--fixed K] [--single-level] [--trace] [--until S] [--seed N]
//!     [setting=value ...]
//! ```
//! `--fixed K` runs exactly K iterations (convergence off), for a CPU cost per iteration;
//! `--until S` also reports the CPU time and iterations until the silhouette of the true
//! groups first reaches `S` (checked every 10 iterations; the checks' own CPU is excluded);
//! `setting=value` overrides one field of the inferred `Fa2Settings` (JSON value).
//!
//! Prints one JSON object per graph: iterations, native wall time of the layout (graph
//! generation excluded), the silhouette of the true groups in the drawing and the mean share
//! of each node's 10 nearest drawn neighbours in its own group. With `--communities` the layout
//! starts from the true groups (`LayoutStart::Communities`), as the app does once Leiden has
//! run.

use std::time::Instant;
use tiemap_core::layout::{knn_group_share, silhouette, Fa2Settings, LayoutStart, LayoutState};
use tiemap_core::sample::planted_partition;

/// Iteration cap when the layout does not converge.
const MAX_ITERATIONS: usize = 3_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let communities = args.iter().any(|a| a == "--communities");
    let trace = args.iter().any(|a| a == "--trace");
    let mut sizes: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || !args[i - 1].starts_with("--"))
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000, 30_000];
    }
    for &n in &sizes {
        let groups = (n / 400).clamp(5, 60);
        let mixing = 0.15;
        let degree = flag(&args, "--degree").unwrap_or(10.0);
        let g = planted_partition(n, groups, degree, mixing, 7);
        let mut settings = Fa2Settings::infer(n, g.csr.edge_count());
        if args.iter().any(|a| a == "--single-level") {
            settings.multilevel_min_nodes = usize::MAX;
        }
        // `name=value` overrides a setting, e.g. `jitter_tolerance=2`.
        for a in args.iter().filter(|a| a.contains('=')) {
            let (name, value) = a.split_once('=').unwrap_or((a, ""));
            let mut json = serde_json::to_value(&settings).unwrap_or_default();
            if let (Some(slot), Ok(v)) = (json.get_mut(name), serde_json::from_str(value)) {
                *slot = v;
            }
            settings = serde_json::from_value(json).unwrap_or(settings);
        }
        let start = if communities {
            LayoutStart::Communities(g.truth.clone())
        } else {
            LayoutStart::Random
        };
        let seed = flag(&args, "--seed").map_or(1, |s| s as u64);
        let fixed = flag(&args, "--fixed").map(|k| k as usize);
        if fixed.is_some() {
            settings.convergence_threshold = 0.0;
        }
        let t0 = Instant::now();
        let cpu0 = cpu_seconds();
        let mut state = match LayoutState::new(&g.csr, settings, start, seed) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("layout_quality: {e}");
                std::process::exit(1);
            }
        };
        let mut fine_iterations = 0;
        let mut last = None;
        // CPU spent measuring the drawing while it runs (excluded from the layout's figures),
        // and the layout's CPU and iterations when the silhouette first reached `--until`.
        let until = flag(&args, "--until").map(|s| s as f32);
        let mut measuring = 0.0f64;
        let mut reached: Option<(f64, usize, f32)> = None;
        let cap = fixed.unwrap_or(MAX_ITERATIONS);
        while state.iterations() < cap {
            let stats = state.step(10);
            if stats.level == 0 {
                fine_iterations += stats.iterations_done;
            }
            last = Some(stats);
            if trace || (until.is_some() && reached.is_none()) {
                let m0 = cpu_seconds();
                let pos = state.positions();
                let sil = silhouette(pos, &g.truth, 3).unwrap_or(f32::NAN);
                if trace {
                    eprintln!(
                        "it {} level {} speed {:.3} disp {:.3} rel {:.4} sil {:.3} t {:.2}",
                        state.iterations(),
                        stats.level,
                        stats.global_speed,
                        stats.mean_displacement,
                        stats.relative_displacement,
                        sil,
                        t0.elapsed().as_secs_f64()
                    );
                }
                let m1 = cpu_seconds();
                if let (Some(u), None) = (until, reached) {
                    if sil >= u {
                        let layout_cpu = m0.zip(cpu0).map_or(0.0, |(b, a)| b - a) - measuring;
                        reached = Some((layout_cpu, state.iterations(), sil));
                    }
                }
                measuring += m1.zip(m0).map_or(0.0, |(b, a)| b - a);
            }
            if stats.converged {
                break;
            }
        }
        let seconds = t0.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a - measuring);
        let pos = state.positions();
        let sil = silhouette(pos, &g.truth, 3).unwrap_or(f32::NAN);
        let knn = knn_group_share(pos, &g.truth, 10).unwrap_or(f32::NAN);
        println!(
            "{}",
            serde_json::json!({
                "nodes": n,
                "edges": g.csr.edge_count(),
                "groups": groups,
                "mixing": mixing,
                "start": if communities { "communities" } else { "random" },
                "iterations": state.iterations(),
                "finest_level_iterations": fine_iterations,
                "converged": last.is_some_and(|s| s.converged),
                "time_s": (seconds * 1000.0).round() / 1000.0,
                "cpu_s": cpu.map(|c| (c * 1000.0).round() / 1000.0),
                "cpu_ms_per_iteration": cpu.map(|c| c * 1000.0 / state.iterations().max(1) as f64),
                "silhouette": sil,
                "knn10_same_group": knn,
                "until": until,
                "cpu_s_until": reached.map(|r| (r.0 * 1000.0).round() / 1000.0),
                "iterations_until": reached.map(|r| r.1),
            })
        );
    }
}

/// The value after `name` on the command line, if any.
fn flag(args: &[String], name: &str) -> Option<f64> {
    let i = args.iter().position(|a| a == name)?;
    args.get(i + 1)?.parse().ok()
}

/// CPU time of this process so far (Linux `/proc/self/schedstat`), which stays meaningful on
/// a loaded machine where wall time does not.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
