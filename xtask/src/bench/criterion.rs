//! Step 1 and the last section: criterion benches of the core (`cargo bench -p tiemap-core`),
//! read back from criterion's `target/criterion/**/new/{benchmark,estimates}.json` into
//! `target/bench/criterion.json`. The other sections take their native figures from here.

use super::report::{duration, table, Run, Section};
use super::results::Results;
use super::{write, Ctx};
use crate::run::{command, root, status};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::Path;
use std::time::SystemTime;

pub const STEP: &str = "criterion benches";
pub const FILE: &str = "criterion.json";

/// One bench in `criterion.json`.
#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Bench {
    pub id: String,
    pub mean_ns: Option<f64>,
    pub mean_lower_ns: Option<f64>,
    pub mean_upper_ns: Option<f64>,
    pub median_ns: Option<f64>,
    /// Elements per iteration, where the bench states a throughput in elements.
    pub throughput_elements: Option<f64>,
}

/// Criterion's `new/benchmark.json`.
#[derive(Deserialize)]
struct BenchmarkId {
    full_id: String,
    #[serde(default)]
    throughput: Option<Throughput>,
}

/// Criterion's `Throughput`, of which only `{"Elements": n}` is read.
#[derive(Deserialize)]
struct Throughput {
    #[serde(rename = "Elements")]
    elements: Option<f64>,
}

/// Criterion's `new/estimates.json` (the parts read).
#[derive(Deserialize)]
struct Estimates {
    mean: Estimate,
    median: Estimate,
}

#[derive(Deserialize)]
struct Estimate {
    point_estimate: f64,
    confidence_interval: ConfidenceInterval,
}

#[derive(Deserialize)]
struct ConfidenceInterval {
    lower_bound: f64,
    upper_bound: f64,
}

pub fn run(ctx: &Ctx) -> Result<(), String> {
    let mut cmd = command(ctx.env, "cargo");
    cmd.args(["bench", "-p", "tiemap-core", "--benches"]);
    if ctx.quick {
        // karate, the 1k planted graph and the 1k layout only, until significance
        cmd.args(["--", "--quick", "community_small/leiden/karate|/1000$"]);
    }
    status(&mut cmd, "cargo bench -p tiemap-core")?;
    let dir = root().join("target/criterion");
    let mut found = Vec::new();
    collect(&dir, ctx.started, &mut found);
    if found.is_empty() {
        return Err(format!("no fresh results under {}", dir.display()));
    }
    found.sort_by(|a, b| a.id.cmp(&b.id));
    let json = serde_json::to_string_pretty(&found).map_err(|e| e.to_string())?;
    write(&ctx.out.join(FILE), &json)?;
    println!("xtask bench: {} criterion results", found.len());
    Ok(())
}

/// Every `new/` directory under `dir` written since `since`.
fn collect(dir: &Path, since: SystemTime, found: &mut Vec<Bench>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_none_or(|n| n != "new") {
            collect(&path, since, found);
            continue;
        }
        let fresh = std::fs::metadata(path.join("estimates.json"))
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= since);
        if !fresh {
            continue;
        }
        let id = read::<BenchmarkId>(&path.join("benchmark.json"));
        let e = read::<Estimates>(&path.join("estimates.json"));
        if let (Some(id), Some(e)) = (id, e) {
            found.push(Bench {
                id: id.full_id,
                mean_ns: Some(e.mean.point_estimate),
                mean_lower_ns: Some(e.mean.confidence_interval.lower_bound),
                mean_upper_ns: Some(e.mean.confidence_interval.upper_bound),
                median_ns: Some(e.median.point_estimate),
                throughput_elements: id.throughput.and_then(|t| t.elements),
            });
        }
    }
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

// ---------------------------------------------------------------------------------------------
// The benches the other sections cite, by criterion id

/// The mean of bench `id`, in milliseconds.
pub fn native_ms(benches: &[Bench], id: &str) -> Option<f64> {
    benches
        .iter()
        .find(|b| b.id == id)
        .and_then(|b| b.mean_ns)
        .map(|ns| ns / 1e6)
}

/// The `fa2_iteration` bench of a planted graph (benches/layout.rs).
pub fn fa2_iteration(nodes: f64, edges: f64) -> String {
    format!("fa2_iteration/{edges:.0}_ties/{nodes:.0}")
}

/// The Leiden bench of a graph of the community area: the fixtures by name, planted graphs by
/// size (benches/community.rs).
pub fn leiden(graph: &str, nodes: f64) -> String {
    match graph {
        "karate" | "lesmis" => format!("community_small/leiden/{graph}"),
        _ => format!("community_planted/leiden/{nodes:.0}"),
    }
}

/// Importing the 1,000,000-tie CSV edge list (benches/import.rs).
pub const CSV_EDGE_LIST_1M: &str = "import_graph/csv_edge_list_1m";

// ---------------------------------------------------------------------------------------------

/// "Criterion benches of the core (native)": every bench, its mean with the confidence
/// interval, median and throughput.
pub fn section(r: &Results, run: &Run) -> Section {
    let mut sec = String::new();
    let _ = writeln!(sec, "## Criterion benches of the core (native)\n");
    let _ = writeln!(
        sec,
        "`cargo bench -p tiemap-core`{}; mean with its 95 % confidence interval.\n",
        if run.quick { " (quick: a subset)" } else { "" }
    );
    let ns = |v: Option<f64>| v.unwrap_or(f64::NAN);
    let rows: Vec<Vec<String>> = r
        .criterion
        .got
        .iter()
        .map(|b| {
            let mean = ns(b.mean_ns);
            vec![
                format!("`{}`", b.id),
                duration(mean),
                format!(
                    "{} - {}",
                    duration(ns(b.mean_lower_ns)),
                    duration(ns(b.mean_upper_ns))
                ),
                duration(ns(b.median_ns)),
                b.throughput_elements.map_or(String::new(), |e| {
                    format!("{:.1} M elements/s", e / (mean / 1e9) / 1e6)
                }),
            ]
        })
        .collect();
    sec.push_str(&table(
        "| bench | mean | 95 % CI | median | throughput |\n|---|---:|---:|---:|---:|",
        &rows,
        r.criterion.why(),
    ));
    Section {
        markdown: sec,
        goals: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterions_own_files() {
        let id: BenchmarkId = serde_json::from_str(
            r#"{"group_id":"import_graph","function_id":"csv_edge_list_1m","value_str":null,
                "throughput":{"Elements":1000000},"full_id":"import_graph/csv_edge_list_1m",
                "directory_name":"import_graph/csv_edge_list_1m","title":"import_graph/csv_edge_list_1m"}"#,
        )
        .unwrap();
        assert_eq!(id.full_id, CSV_EDGE_LIST_1M);
        assert_eq!(id.throughput.and_then(|t| t.elements), Some(1e6));
        let bytes: BenchmarkId =
            serde_json::from_str(r#"{"full_id":"x","throughput":{"Bytes":5}}"#).unwrap();
        assert_eq!(bytes.throughput.and_then(|t| t.elements), None);
        let e: Estimates = serde_json::from_str(
            r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.5e6,"upper_bound":2e6},"point_estimate":1.75e6,"standard_error":1.0},
                "median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":1.7e6,"standard_error":1.0},
                "median_abs_dev":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":1.0,"standard_error":1.0},
                "slope":null,
                "std_dev":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":2.0},"point_estimate":1.0,"standard_error":1.0}}"#,
        )
        .unwrap();
        assert_eq!(e.mean.point_estimate, 1.75e6);
        assert_eq!(e.mean.confidence_interval.lower_bound, 1.5e6);
        assert_eq!(e.mean.confidence_interval.upper_bound, 2e6);
        assert_eq!(e.median.point_estimate, 1.7e6);
    }

    #[test]
    fn criterion_json_round_trips() {
        let benches = vec![Bench {
            id: "a/\"b\"".into(),
            mean_ns: Some(2.5e6),
            mean_lower_ns: Some(f64::NAN),
            mean_upper_ns: Some(3e6),
            median_ns: Some(2e6),
            throughput_elements: None,
        }];
        let text = serde_json::to_string_pretty(&benches).unwrap();
        let back: Vec<Bench> = serde_json::from_str(&text).unwrap();
        assert_eq!(back[0].id, "a/\"b\"");
        assert_eq!(back[0].mean_lower_ns, None, "NaN is written as null");
        assert_eq!(native_ms(&back, "a/\"b\""), Some(2.5));
        assert_eq!(native_ms(&back, "c"), None);
        assert_eq!(
            fa2_iteration(1000.0, 5000.0),
            "fa2_iteration/5000_ties/1000"
        );
        assert_eq!(leiden("karate", 34.0), "community_small/leiden/karate");
        assert_eq!(
            leiden("planted_1k", 1000.0),
            "community_planted/leiden/1000"
        );
    }
}
