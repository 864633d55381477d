//! Step 2: the quality examples of the core, natively: `layout_quality` (one JSON object per
//! graph on stdout) into `layout_quality.json`, and `infer_quality` (which writes its JSON
//! itself) into `infer_quality.json`. Their tables sit in the layout and import sections.

use super::report::{fmt, table, yes_no};
use super::results::Figures;
use super::{stdout_of, write, Ctx};
use crate::run::command;
use serde::Deserialize;
use std::fmt::Write as _;

pub const STEP: &str = "quality examples";
pub const LAYOUT_QUALITY: &str = "layout_quality.json";
pub const INFER_QUALITY: &str = "infer_quality.json";

/// A graph laid out by `crates/tiemap-core/examples/layout_quality.rs` (the fields read).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct LayoutQuality {
    pub nodes: Option<f64>,
    pub edges: Option<f64>,
    /// "random" or "communities"
    pub start: Option<String>,
    pub iterations: Option<f64>,
    pub converged: Option<bool>,
    pub time_s: Option<f64>,
    pub silhouette: Option<f64>,
    pub knn10_same_group: Option<f64>,
}

/// A row of `crates/tiemap-core/examples/infer_quality.rs` (`Row`; means over the seeds).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct InferQuality {
    pub config: Option<String>,
    pub people: Option<f64>,
    pub nmi: Option<f64>,
    pub ari: Option<f64>,
    pub communities: Option<f64>,
    pub mean_degree: Option<f64>,
    pub infer_ms: Option<f64>,
}

pub fn run(ctx: &Ctx) -> Result<(), String> {
    let mut errors = Vec::new();
    // layout_quality prints one JSON object per graph
    let runs: Vec<Vec<&str>> = if ctx.quick {
        vec![vec!["1000"]]
    } else {
        vec![
            vec!["1000", "10000", "30000"],
            vec!["--communities", "30000"],
        ]
    };
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for run in runs {
        let mut cmd = command(ctx.env, "cargo");
        cmd.args([
            "run",
            "--release",
            "-p",
            "tiemap-core",
            "--example",
            "layout_quality",
            "--",
        ])
        .args(&run);
        match stdout_of(&mut cmd, "layout_quality") {
            Ok(text) => {
                for line in text.lines().filter(|l| l.trim_start().starts_with('{')) {
                    println!("{line}");
                    match serde_json::from_str(line) {
                        Ok(row) => rows.push(row),
                        Err(e) => errors.push(format!("layout_quality printed {line:?}: {e}")),
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !rows.is_empty() {
        let json = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        write(&ctx.out.join(LAYOUT_QUALITY), &json)?;
    }
    // infer_quality writes JSON itself and prints markdown tables
    let mut cmd = command(ctx.env, "cargo");
    cmd.args([
        "run",
        "--release",
        "-p",
        "tiemap-core",
        "--example",
        "infer_quality",
        "--",
        "--out",
    ])
    .arg(ctx.out.join(INFER_QUALITY));
    if ctx.quick {
        cmd.args(["--sizes", "500", "--seeds", "1"]);
    } else {
        cmd.args(["--sizes", "2000,10000", "--seeds", "2"]);
    }
    match stdout_of(&mut cmd, "infer_quality") {
        Ok(text) => print!("{text}"),
        Err(e) => errors.push(e),
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

/// The layout section's "Native layout quality" table.
pub fn layout_quality_table(lq: &Figures<Vec<LayoutQuality>>) -> String {
    let mut sec = String::new();
    let _ = writeln!(sec, "\n### Native layout quality (`cargo run --release -p tiemap-core --example layout_quality`)\n");
    let _ = writeln!(sec, "Laid out to convergence (or 3,000 iterations) natively, planted graphs with `n/400` groups (5 to 60), mean degree 10, mixing 0.15.\n");
    let rows: Vec<Vec<String>> = lq
        .got
        .iter()
        .map(|r| {
            vec![
                fmt(r.nodes, 0),
                fmt(r.edges, 0),
                r.start.as_deref().unwrap_or("?").to_string(),
                fmt(r.iterations, 0),
                yes_no(r.converged, "no").to_string(),
                fmt(r.time_s, 2),
                fmt(r.silhouette, 3),
                fmt(r.knn10_same_group, 3),
            ]
        })
        .collect();
    sec + &table(
        "| nodes | ties | start | iterations | converged | time (s) | silhouette | 10-NN in own group |\n\
         |---:|---:|---|---:|---|---:|---:|---:|",
        &rows,
        lq.why(),
    )
}

/// The import section's "Inference quality" table.
pub fn infer_quality_table(iq: &Figures<Vec<InferQuality>>) -> String {
    let mut sec = String::new();
    let _ = writeln!(
        sec,
        "\n### Inference quality (`cargo run --release -p tiemap-core --example infer_quality`)\n"
    );
    let _ = writeln!(sec, "Leiden clusters of the inferred network against the true chapters of generated exports (mean over seeds), native.\n");
    let rows: Vec<Vec<String>> = iq
        .got
        .iter()
        .map(|r| {
            vec![
                r.config.as_deref().unwrap_or("?").to_string(),
                fmt(r.people, 0),
                fmt(r.nmi, 3),
                fmt(r.ari, 3),
                fmt(r.communities, 0),
                fmt(r.mean_degree, 1),
                fmt(r.infer_ms, 0),
            ]
        })
        .collect();
    sec + &table(
        "| config | people | NMI | ARI | clusters | mean degree | inference (ms, native) |\n\
         |---|---:|---:|---:|---:|---:|---:|",
        &rows,
        iq.why(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_examples_output() {
        // as layout_quality prints it (silhouette NaN comes out as null)
        let lq: LayoutQuality = serde_json::from_str(
            r#"{"nodes":1000,"edges":5000,"groups":5,"mixing":0.15,"start":"random","iterations":276,
                "finest_level_iterations":276,"converged":true,"time_s":0.1,"cpu_s":null,
                "cpu_ms_per_iteration":null,"silhouette":null,"knn10_same_group":0.997,"until":0.8,
                "cpu_s_until":null,"iterations_until":null}"#,
        )
        .unwrap();
        let table = layout_quality_table(&Figures::of(vec![lq]));
        assert!(
            table.contains("| 1,000 | 5,000 | random | 276 | yes | 0.10 | - | 0.997 |"),
            "{table}"
        );
        let iq: Vec<InferQuality> = serde_json::from_str(
            r#"[{"config":"all signals","people":2000,"nmi":0.762,"ari":0.744,"communities":12.0,
                 "ties":14500.0,"mean_degree":14.5,"density":0.01,"isolated":0.0,"infer_ms":15.2}]"#,
        )
        .unwrap();
        let table = infer_quality_table(&Figures::of(iq));
        assert!(
            table.contains("| all signals | 2,000 | 0.762 | 0.744 | 12 | 14.5 | 15 |"),
            "{table}"
        );
        let table = infer_quality_table(&Figures::default());
        assert!(table.contains("| (no figures: not measured) |||||||"));
    }
}
