//! The import area: files imported and ties inferred in the browser (`import.json`, page.mjs's
//! `imports`), the peak wasm memory of a big graph file imported, clustered and laid out
//! (`memory.json`, page.mjs's `memory`), and the native inference quality table
//! (`infer_quality.json`).

use super::criterion;
use super::examples::infer_quality_table;
use super::goals::{CSV_IMPORT, INFER, MEMORY};
use super::report::{fmt, Run, Section};
use super::results::Results;
use serde::Deserialize;
use std::fmt::Write as _;

/// `import.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Import {
    pub browser: Option<String>,
    pub csv_edge_list: CsvImport,
    pub connections_csv: ConnectionsImport,
    pub infer: Inference,
}

/// A generated CSV edge list, imported (median ms of the runs).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct CsvImport {
    pub ties_read: Option<f64>,
    pub size_bytes: Option<f64>,
    pub ms: Option<f64>,
}

/// A generated LinkedIn Connections.csv, imported.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct ConnectionsImport {
    pub rows: Option<f64>,
    pub size_bytes: Option<f64>,
    pub ms: Option<f64>,
}

/// Tie inference over the generated export.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Inference {
    pub people: Option<f64>,
    pub ties: Option<f64>,
    pub ms: Option<f64>,
}

/// `memory.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Memory {
    pub nodes: Option<f64>,
    pub ties: Option<f64>,
    pub clusters: Option<f64>,
    pub layout_steps: Option<f64>,
    pub file_bytes: Option<f64>,
    pub ms: Option<f64>,
    pub wasm_memory_start_bytes: Option<f64>,
    /// The wasm memory after the flow (it only grows).
    pub wasm_memory_peak_bytes: Option<f64>,
}

/// "Import and tie inference", with its goals: the CSV edge list's import time, the
/// inference time and the peak memory.
pub fn section(r: &Results, _run: &Run) -> Section {
    let import = &r.import.got;
    let (csv, conn, inf) = (
        &import.csv_edge_list,
        &import.connections_csv,
        &import.infer,
    );
    let mut goals = Vec::new();
    let mut sec = String::new();
    let _ = writeln!(sec, "## Import and tie inference\n");
    let _ = writeln!(
        sec,
        "In the browser: the bytes of a generated file handed to `import::import_files` (copy into wasm included), \
         median of the runs; inference: `infer::infer` with `InferSettings::for_size` over a generated LinkedIn export \
         (`sample::linkedin_sample`: connections, positions, messages). Native: criterion `import_graph` (mean).\n"
    );
    let csv_met = CSV_IMPORT.met(csv.ms);
    let inf_met = INFER.met(inf.ms);
    let mb = |b: Option<f64>| b.unwrap_or(0.0) / 1e6;
    let _ = writeln!(
        sec,
        "| what | size | browser (ms) | native (ms) | goal | met |"
    );
    let _ = writeln!(sec, "|---|---|---:|---:|---|---|");
    let _ = writeln!(
        sec,
        "| CSV edge list (`Source,Target,Type,Weight`) | {} ties, {:.1} MB | {} | {} | {} {:.0} ms | {csv_met} |",
        fmt(csv.ties_read, 0),
        mb(csv.size_bytes),
        fmt(csv.ms, 0),
        fmt(criterion::native_ms(&r.criterion.got, criterion::CSV_EDGE_LIST_1M), 0),
        CSV_IMPORT.direction.op(),
        CSV_IMPORT.threshold,
    );
    let _ = writeln!(
        sec,
        "| LinkedIn Connections.csv | {} rows, {:.1} MB | {} | | | |",
        fmt(conn.rows, 0),
        mb(conn.size_bytes),
        fmt(conn.ms, 0),
    );
    let _ = writeln!(
        sec,
        "| tie inference | {} people -> {} ties | {} | | {} | {inf_met} |",
        fmt(inf.people, 0),
        fmt(inf.ties, 0),
        fmt(inf.ms, 0),
        INFER.bound(),
    );
    if !r.import.read {
        let _ = writeln!(sec, "\n(no browser figures: {})", r.import.why());
    }
    goals.push(
        CSV_IMPORT.row(
            format!("{}-tie {}", fmt(csv.ties_read, 0), CSV_IMPORT.what),
            CSV_IMPORT.bound(),
            csv.ms
                .map_or("-".into(), |m| format!("{:.2} s", m / 1000.0)),
            csv_met,
        ),
    );
    goals.push(INFER.row(
        format!(
            "{} for {} connections in the browser",
            INFER.what,
            fmt(inf.people, 0)
        ),
        INFER.bound(),
        fmt(inf.ms, 0) + " ms",
        inf_met,
    ));

    let memory = &r.memory.got;
    let mib = |b: Option<f64>| b.map_or("-".to_string(), |b| MEMORY.unit.show(b));
    let peak = memory.wasm_memory_peak_bytes;
    let mem_met = MEMORY.met(peak);
    let _ = writeln!(
        sec,
        "\n### Memory: a big graph file, start to finish\n\n\
         In the browser, first of all the steps (wasm memory only grows, so its size afterwards is the peak): \
         a generated CSV edge list built in JavaScript, imported, clustered (Leiden) and laid out (multilevel \
         ForceAtlas2 from the clusters, {} iterations).\n",
        fmt(memory.layout_steps, 0)
    );
    let _ = writeln!(
        sec,
        "| graph | file | time (ms) | wasm memory at start | peak | budget | met |"
    );
    let _ = writeln!(sec, "|---|---:|---:|---:|---:|---:|---|");
    let _ = writeln!(
        sec,
        "| {} nodes, {} ties, {} clusters | {:.1} MB | {} | {} | {} | {} | {mem_met} |",
        fmt(memory.nodes, 0),
        fmt(memory.ties, 0),
        fmt(memory.clusters, 0),
        mb(memory.file_bytes),
        fmt(memory.ms, 0),
        mib(memory.wasm_memory_start_bytes),
        mib(peak),
        MEMORY.value(),
    );
    if !r.memory.read {
        let _ = writeln!(sec, "\n(no memory figures: {})", r.memory.why());
    }
    goals.push(MEMORY.row(
        format!(
            "{} nodes / {} ties {}",
            fmt(memory.nodes, 0),
            fmt(memory.ties, 0),
            MEMORY.what
        ),
        MEMORY.bound(),
        mib(peak),
        mem_met,
    ));
    sec.push_str(&infer_quality_table(&r.infer_quality));
    Section {
        markdown: sec,
        goals,
    }
}
