//! Step 3: igraph's Leiden against ours, natively (`tools/bench/community/compare.py`, in a
//! venv at `target/bench/venv`), into `igraph.json`. Read by the communities section.

use super::{stdout_of, Ctx};
use crate::run::{command, root, status};
use serde::Deserialize;
use std::path::Path;
use std::process::{Command, Stdio};

pub const STEP: &str = "igraph comparison";
pub const FILE: &str = "igraph.json";

/// What compare.py writes (the fields read).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Comparison {
    pub igraph_version: Option<String>,
    pub seeds: Option<f64>,
    pub graphs: Vec<Graph>,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Graph {
    pub graph: Option<String>,
    pub igraph: Summary,
}

/// compare.py's `summary()` of igraph's runs.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Summary {
    pub best_modularity: Option<f64>,
    pub median_time_s: Option<f64>,
}

impl Comparison {
    /// igraph's figures for the graph named `name`.
    pub fn graph(&self, name: &str) -> Option<&Summary> {
        self.graphs
            .iter()
            .find(|g| g.graph.as_deref() == Some(name))
            .map(|g| &g.igraph)
    }
}

pub fn run(ctx: &Ctx) -> Result<(), String> {
    let venv = ctx.out.join("venv");
    let python = venv.join("bin/python");
    let has_igraph = |p: &Path| {
        Command::new(p)
            .args(["-c", "import igraph, networkx"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !has_igraph(&python) {
        println!(
            "xtask bench: creating {} with igraph and networkx",
            venv.display()
        );
        status(
            Command::new("python3").arg("-m").arg("venv").arg(&venv),
            "python3 -m venv",
        )?;
        status(
            Command::new(venv.join("bin/pip")).args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "igraph",
                "networkx",
            ]),
            "pip install igraph networkx",
        )?;
    }
    let seeds = if ctx.quick { "1" } else { "5" };
    let mut cmd = command(ctx.env, &python.to_string_lossy());
    cmd.arg(root().join("tools/bench/community/compare.py"))
        .args(["--seeds", seeds]);
    let text = stdout_of(&mut cmd, "compare.py")?;
    print!("{text}");
    // compare.py writes target/bench/community.json; the browser's results take that name
    std::fs::rename(ctx.out.join("community.json"), ctx.out.join(FILE))
        .map_err(|e| format!("compare.py wrote no target/bench/community.json: {e}"))
}
