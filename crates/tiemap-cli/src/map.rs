//! `tiemap map FILE [--seed S] [--iterations K] --out map.json`: what the page would draw.
//!
//! Opens FILE as the page does, runs the layout until it settles (or K iterations in all,
//! default [`crate::layout::MAX_ITERATIONS`]) and writes the session's document: people with
//! their cluster and position, ties with their evidence, clusters with their names
//! (`tiemap_app::session::MapDocument`), plus `"settled": bool`.

use crate::args::Args;
use crate::input::open_session;
use crate::layout::MAX_ITERATIONS;
use tiemap_app::session::SessionSettings;

/// Runs `tiemap map` with the arguments after the command name.
pub fn run(argv: &[String]) -> Result<(), String> {
    let args = Args::parse(argv, &["seed", "iterations", "out"])?;
    let defaults = SessionSettings::default();
    let seed: u64 = args.get("seed", defaults.seed)?;
    let iterations: usize = args.get("iterations", MAX_ITERATIONS)?;
    let out = args
        .text("out")
        .ok_or("--out map.json is required (where to write the map)")?
        .to_string();
    let mut session = open_session(&args.file, SessionSettings { seed, ..defaults })?;
    let settled = session.settle(iterations);
    let mut value =
        serde_json::to_value(session.document()).map_err(|e| format!("can't encode JSON: {e}"))?;
    value["settled"] = serde_json::json!(settled);
    let text = serde_json::to_string(&value).map_err(|e| format!("can't encode JSON: {e}"))?;
    std::fs::write(&out, text + "\n").map_err(|e| format!("can't write {out}: {e}"))?;
    eprintln!(
        "{} people, {} ties, {} clusters{} -> {out}",
        session.network().nodes.len(),
        session.network().ties.len(),
        value["clusters"].as_array().map_or(0, Vec::len),
        if settled { ", settled" } else { "" }
    );
    Ok(())
}
