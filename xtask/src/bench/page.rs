//! The page area: what a person waits for on the built site (`page.json`).
//!
//! The step builds the site into `dist/` (`cargo xtask build`'s [`build_site`]), writes the
//! files a person would drop under `target/bench/page/` ([`DROPS`]: generated LinkedIn
//! exports and a graph file) with a manifest, `drops.json`, and runs
//! `tools/bench/page/run.mjs`, which drives the page in headless Chromium the way a person
//! does (open the page, wait for the sample, drop the file) and writes raw figures: how it
//! measures each is said in its header and in the report's section ([`section`]).
//!
//! `cargo xtask bench page [--quick]` runs this step alone and prints its section
//! (`docs/benchmarks.md` is left as it is).

use super::goals::{
    Goal, GoalRow, Met, PAGE_BYTES, PAGE_FIRST_PICTURE, PAGE_LOAD, PAGE_LONG_TASK,
    PAGE_SETTLED_10K, PAGE_SETTLED_30K,
};
use super::report::{fmt, int, table, Run, Section};
use super::results::Results;
use super::Ctx;
use crate::run::{build_site, command, root, status};
use crate::tools::{ensure_browser, CHROMIUM};
use serde::Deserialize;
use std::fmt::Write as _;
use tiemap_core::sample::hard::{self, HardKind};
use tiemap_core::sample::planted_partition;

pub const STEP: &str = "the built page";
pub const FILE: &str = "page.json";

/// How long a dropped file may take to settle before the run gives up on it.
pub const TIMEOUT_MS: f64 = 120_000.0;
/// The seed of every generated file.
pub const SEED: u64 = 42;
/// The graph file's planted groups, and the share of each node's ties outside its group.
const GRAPH_GROUPS: usize = 150;
const GRAPH_MIXING: f64 = 0.15;
/// `--quick` drops the first two files only, once each.
const QUICK: usize = 2;
/// How many times each file is dropped, each time on a freshly opened page: single waits on
/// the shared 2-core machine differ by several percent (30,000 connections: first picture
/// 883-934 ms, 100,000 nodes settled 7.5-9.0 s over three drops), so the times are medians.
const REPEAT: usize = 3;

/// A file a person drops on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FileDrop {
    /// LinkedIn's `Connections.csv` of a made-up export of this many connections
    /// (`hard_export(HardKind::Burst, connections, SEED)`: bursty dates, messy fields).
    Export { connections: usize },
    /// An edge list (`# nodes N`, then `u v` lines) of a planted-partition graph, dropped as
    /// `edges.txt`.
    Graph { nodes: usize, ties: usize },
}

/// What the area drops, in order.
pub const DROPS: [FileDrop; 4] = [
    FileDrop::Export { connections: 2_000 },
    FileDrop::Export {
        connections: 10_000,
    },
    FileDrop::Export {
        connections: 30_000,
    },
    FileDrop::Graph {
        nodes: 100_000,
        ties: 1_000_000,
    },
];

impl FileDrop {
    /// Its key in `drops.json` and `page.json`: `connections-2000`, `graph-100000`.
    pub fn id(self) -> String {
        match self {
            FileDrop::Export { connections } => format!("connections-{connections}"),
            FileDrop::Graph { nodes, .. } => format!("graph-{nodes}"),
        }
    }

    /// "30,000 connections", "100,000 nodes / 1,000,000 ties".
    pub fn name(self) -> String {
        match self {
            FileDrop::Export { connections } => format!("{} connections", int(connections as f64)),
            FileDrop::Graph { nodes, ties } => {
                format!("{} nodes / {} ties", int(nodes as f64), int(ties as f64))
            }
        }
    }

    /// The file's name as dropped.
    pub fn drop_as(self) -> &'static str {
        match self {
            FileDrop::Export { .. } => "Connections.csv",
            FileDrop::Graph { .. } => "edges.txt",
        }
    }

    /// The export's connections (the goals' scope), `None` for a graph file.
    pub fn connections(self) -> Option<usize> {
        match self {
            FileDrop::Export { connections } => Some(connections),
            FileDrop::Graph { .. } => None,
        }
    }

    /// Its connections, or a graph file's nodes.
    pub fn size(self) -> usize {
        match self {
            FileDrop::Export { connections } => connections,
            FileDrop::Graph { nodes, .. } => nodes,
        }
    }

    /// The file's bytes, and the ties a graph file holds.
    pub fn generate(self) -> (Vec<u8>, Option<usize>) {
        match self {
            FileDrop::Export { connections } => {
                let export = hard::hard_export(HardKind::Burst, connections, SEED);
                (hard::connections_csv(&export.export), None)
            }
            FileDrop::Graph { nodes, ties } => {
                let degree = 2.0 * ties as f64 / nodes as f64;
                let g = planted_partition(nodes, GRAPH_GROUPS, degree, GRAPH_MIXING, SEED);
                let mut text = format!("# nodes {nodes}\n");
                for (u, v, _) in &g.edges {
                    let _ = writeln!(text, "{u} {v}");
                }
                (text.into_bytes(), Some(g.edges.len()))
            }
        }
    }
}

pub fn run(ctx: &Ctx) -> Result<(), String> {
    ensure_browser()?;
    build_site(ctx.env)?;
    let dir = ctx.out.join("page");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let drops = if ctx.quick {
        &DROPS[..QUICK]
    } else {
        &DROPS[..]
    };
    let mut manifest = Vec::new();
    for drop in drops {
        let (bytes, ties) = drop.generate();
        let file = dir.join(format!(
            "{}.{}",
            drop.id(),
            if drop.connections().is_some() {
                "csv"
            } else {
                "txt"
            }
        ));
        std::fs::write(&file, &bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        println!(
            "xtask bench: page: wrote {} ({:.1} MB)",
            file.display(),
            bytes.len() as f64 / 1e6
        );
        manifest.push(serde_json::json!({
            "id": drop.id(),
            "name": drop.name(),
            "kind": if drop.connections().is_some() { "export" } else { "graph" },
            "size": drop.size(),
            "ties": ties,
            "file": file,
            "drop_as": drop.drop_as(),
            "bytes": bytes.len(),
        }));
    }
    let manifest_path = dir.join("drops.json");
    super::write(
        &manifest_path,
        &serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?,
    )?;
    let mut cmd = command(ctx.env, "node");
    cmd.arg(root().join("tools/bench/page/run.mjs"))
        .arg("--dist")
        .arg(root().join("dist"))
        .arg("--drops")
        .arg(&manifest_path)
        .arg("--out")
        .arg(ctx.out.join(FILE))
        .args(["--chromium", CHROMIUM])
        .args(["--timeout-ms", &format!("{TIMEOUT_MS}")])
        .args([
            "--repeat",
            &format!("{}", if ctx.quick { 1 } else { REPEAT }),
        ]);
    status(&mut cmd, "the page bench (tools/bench/page/run.mjs)")
}

// ---------------------------------------------------------------------------------------------
// Typed results

/// `page.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Page {
    pub browser: Option<String>,
    pub viewport_css_px: Vec<Option<f64>>,
    pub timeout_ms: Option<f64>,
    pub load: Load,
    /// How many times each file was dropped (the times are medians over the drops).
    pub repeat: Option<f64>,
    pub drops: Vec<DropRun>,
}

/// One of the drops of a file ([`DropRun::runs`]).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct OneDrop {
    /// From navigation start to the sample's first picture and to its "Layout settled", in
    /// this drop's fresh page.
    pub sample_picture_ms: Option<f64>,
    pub sample_settled_ms: Option<f64>,
    pub first_picture_ms: Option<f64>,
    pub settled_ms: Option<f64>,
    pub longest_task_layout_ms: Option<f64>,
    pub layout_iterations: Option<f64>,
}

/// The files the page and its worker fetched before the sample's first picture.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Load {
    pub files: Vec<LoadFile>,
    pub raw_bytes: Option<f64>,
    pub gzip_bytes: Option<f64>,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct LoadFile {
    pub path: Option<String>,
    pub raw: Option<f64>,
    pub gzip: Option<f64>,
}

/// One file dropped on a freshly opened page, or several times (`runs`): then the figures of
/// the drop whose settled time is the median, with the medians in place of its times. Times
/// in ms: `sample_*` from navigation start, the others from the drop.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct DropRun {
    pub id: Option<String>,
    pub name: Option<String>,
    pub file_bytes: Option<f64>,
    pub sample_picture_ms: Option<f64>,
    pub sample_settled_ms: Option<f64>,
    /// When the frame was on screen at the earliest (the end of its task).
    pub first_picture_ms: Option<f64>,
    /// When the renderer returned from drawing it.
    pub first_picture_drawn_ms: Option<f64>,
    pub settled_ms: Option<f64>,
    pub timed_out: Option<bool>,
    /// The error banner's sentence, when the page refused the file.
    pub failure: Option<String>,
    /// Why the run could not measure (the sample did not settle, the browser failed).
    pub error: Option<String>,
    /// From the drop to settled, or to the timeout.
    pub measured_ms: Option<f64>,
    pub frames_drawn: Option<f64>,
    /// From the first picture on.
    pub frames_drawn_settling: Option<f64>,
    pub worker_frames: Option<f64>,
    pub layout_iterations: Option<f64>,
    pub layout_converged: Option<bool>,
    pub nodes_on_map: Option<f64>,
    /// The longest long task (>= 50 ms; 0: none) from the drop to settled, and how many.
    pub longest_task_ms: Option<f64>,
    pub long_tasks: Option<f64>,
    /// The same from the drop to the first picture.
    pub longest_task_to_picture_ms: Option<f64>,
    /// The same while the layout runs: tasks that start after the first picture, before the
    /// page says "Layout settled".
    pub longest_task_layout_ms: Option<f64>,
    /// The task drawing the settled map (every tie and pixel), once the layout stopped.
    pub settled_frame_task_ms: Option<f64>,
    pub long_tasks_layout: Option<f64>,
    pub summary: Option<String>,
    /// Each drop of the file, when it was dropped more than once: `first_picture_ms`,
    /// `first_picture_drawn_ms` and `settled_ms` above are the medians over them,
    /// `longest_task_layout_ms` the longest, and the other figures the median drop's.
    pub runs: Vec<OneDrop>,
}

impl DropRun {
    /// " (median of 3 drops: 0.91 s, 0.94 s, 0.98 s)" for a figure of each drop (`what`:
    /// "median" or "longest"), or nothing for a file dropped once. When a drop failed or timed
    /// out, the figures above are that drop's: " (each drop: …)".
    fn per_drop(
        &self,
        what: &str,
        f: fn(&OneDrop) -> Option<f64>,
        show: fn(Option<f64>) -> String,
    ) -> String {
        if self.runs.len() < 2 {
            return String::new();
        }
        let each: Vec<String> = self.runs.iter().map(|r| show(f(r))).collect();
        if self.error.is_some() || self.failure.is_some() || self.timed_out == Some(true) {
            return format!(" (each drop: {})", each.join(", "));
        }
        format!(
            " ({what} of {} drops: {})",
            self.runs.len(),
            each.join(", ")
        )
    }

    /// Each opening of the page behind this file's figures: one per drop.
    fn opens(&self) -> Vec<OneDrop> {
        if self.runs.is_empty() {
            vec![OneDrop {
                sample_picture_ms: self.sample_picture_ms,
                sample_settled_ms: self.sample_settled_ms,
                ..OneDrop::default()
            }]
        } else {
            self.runs.clone()
        }
    }

    /// The settled time against a goal: a run that timed out or was refused misses.
    fn settled_figure(&self) -> Option<f64> {
        match self.settled_ms {
            Some(ms) => Some(ms),
            None if self.timed_out == Some(true) || self.failure.is_some() => Some(f64::INFINITY),
            None => None,
        }
    }

    fn settled_shown(&self, timeout_ms: Option<f64>) -> String {
        match (self.settled_ms, &self.failure) {
            (Some(ms), _) => time(Some(ms)),
            (None, Some(f)) => format!("refused: {}", f.replace('|', "/")),
            (None, None) if self.timed_out == Some(true) => format!(
                "not within {} (timed out)",
                whole_seconds(timeout_ms.or(self.measured_ms))
            ),
            _ => "-".into(),
        }
    }
}

/// A time in ms: "640 ms", "2.41 s", or "-".
pub fn time(ms: Option<f64>) -> String {
    match ms {
        Some(x) if x.is_finite() && x >= 1000.0 => format!("{:.2} s", x / 1000.0),
        Some(x) if x.is_finite() => format!("{x:.0} ms"),
        _ => "-".into(),
    }
}

/// A time in whole seconds: "120 s".
fn whole_seconds(ms: Option<f64>) -> String {
    ms.map_or("-".into(), |x| format!("{:.0} s", x / 1000.0))
}

/// A long task figure: "none >= 50 ms" for 0 (the browser reports tasks of 50 ms and more).
fn task(ms: Option<f64>) -> String {
    match ms {
        Some(0.0) => "none >= 50 ms".into(),
        other => time(other),
    }
}

/// Bytes in KB (1,000 bytes), with a decimal under 10 KB.
fn kb(bytes: Option<f64>) -> String {
    match bytes {
        Some(b) if b < 10_000.0 => format!("{:.1} KB", b / 1000.0),
        Some(b) => format!("{} KB", int(b / 1000.0)),
        None => "-".into(),
    }
}

/// The median of the figures there are.
fn median(xs: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let mut v: Vec<f64> = xs.flatten().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

// ---------------------------------------------------------------------------------------------
// The report's section

/// A row of a drop's table: the figure, its value, and the goal when one is stated for it.
fn row(what: &str, shown: String, goal: Option<(&Goal, Option<f64>)>) -> Vec<String> {
    let (bound, met) = match goal {
        Some((g, figure)) => (g.bound(), g.met(figure).to_string()),
        None => (String::new(), String::new()),
    };
    vec![what.to_string(), shown, bound, met]
}

/// "What a person waits for (the built page)": the page's load, a table per dropped file, and
/// the area's goals.
pub fn section(r: &Results, _run: &Run) -> Section {
    let page = &r.page.got;
    let why = r.page.why();
    let runs: Vec<(FileDrop, Option<&DropRun>)> = DROPS
        .iter()
        .map(|d| {
            let id = d.id();
            (*d, page.drops.iter().find(|x| x.id.as_deref() == Some(&id)))
        })
        .collect();
    let timeout = page.timeout_ms.or(Some(TIMEOUT_MS));
    let mut sec = String::new();
    let mut goals = Vec::new();
    let _ = writeln!(sec, "## What a person waits for (the built page)\n");
    let _ = writeln!(
        sec,
        "The site as built by `cargo xtask build` (`dist/`, served plain from 127.0.0.1), driven by \
         `tools/bench/page/run.mjs` in headless Chromium at {} CSS px the way a person uses it: for each \
         file, a fresh browser profile (no cache, no saved maps) opens the page, which draws the bundled \
         sample; once the sample shows \"Layout settled\" (and half a second more), the file is dropped \
         on the page with a real drag sequence (`dragenter`, `dragover`, `drop` of a `File`), and the run \
         waits until the page shows \"Layout settled\" for the new map (at most {}).{} Nothing of the app is called or skipped; an init script only observes the page. The \
         files: LinkedIn's \
         `Connections.csv` of `hard_export(Burst, N, {SEED})` (made-up people, bursty dates, messy \
         fields), and a planted-partition graph ({GRAPH_GROUPS} groups, mixing {GRAPH_MIXING}, seed \
         {SEED}) as an edge list (`# nodes N`, then `u v` lines) dropped as `edges.txt`.\n",
        match page.viewport_css_px.as_slice() {
            [Some(w), Some(h)] => format!("{w} x {h}"),
            _ => "1280 x 800".into(),
        },
        whole_seconds(timeout),
        match page.repeat {
            Some(n) if n > 1.0 => format!(
                " Each file is dropped {} times, each time on a freshly opened page: the first \
                 picture and settled are the medians over the drops (each drop's figure is shown \
                 beside), the longest task while the layout runs the longest of any drop, and the \
                 other figures those of the drop whose settled time is the median.",
                fmt(Some(n), 0)
            ),
            _ => String::new(),
        }
    );
    let _ = writeln!(
        sec,
        "Chromium runs headless with `--disable-gpu`, as in the other browser benchmarks: the \
         map's WebGL2 is drawn by SwiftShader, on the CPU. The machine is shared: the figures \
         carry its load (see the load average above).\n"
    );
    let _ = writeln!(
        sec,
        "- **first picture**: from the drop to the end of the main-thread task in which the map \
         canvas drew its first frame after the worker's new map (`MapEvent::Loaded`) reached the \
         page: that task goes on to style, layout, paint and the commit of the frame to the \
         compositor, so the picture can be on screen only at its end (the end of the long task or \
         long animation frame that holds the draw; the draw itself for a task under 50 ms, which \
         the browser does not report). Frames are seen through the `data-zoom` attribute the \
         renderer sets on the canvas each time it draws (a MutationObserver, in the same task); \
         the time the renderer returned is shown in brackets.\n\
         - **settled**: from the drop to the end of the task of the first frame the map draws \
         once the Layout panel says \"Layout settled\" for the new map (the frame that shows the \
         settled map), taken the same way.\n\
         - **frames drawn**: frames the map canvas drew from the drop to settled; per second from the first picture on.\n\
         - **layout iterations**: the `iterations` in the worker's last positions for the new map (the \
         frame that says it converged), read from the worker's messages by a listener beside the \
         app's (gloo-worker's bincode, its length checked); **worker frames**: how many positions it sent.\n\
         - **longest task**: the longest main-thread task (`PerformanceObserver` `longtask`, which \
         reports tasks of 50 ms and more; \"none\" when there was none) while the layout runs: \
         tasks that start after the first picture, up to settled. The tasks before the first \
         picture (reading the file, handing it to the worker, taking in the new map and drawing \
         it) are shown on their own, as is the count over the whole wait.\n\
         - **page load**: from navigation start to \"Layout settled\" of the sample, in each fresh \
         profile (one per drop); the goal is held by the median over the opens.\n\
         - **bytes before the first picture**: the files the page and its worker requested before \
         the sample's first frame, at their size in `dist/` and gzipped (zlib's default level, as a \
         static host's gzip would send them).\n"
    );

    // Opening the page
    let _ = writeln!(sec, "### Opening the page\n");
    let load = &page.load;
    let opens: Vec<OneDrop> = runs
        .iter()
        .filter_map(|(_, r)| *r)
        .flat_map(DropRun::opens)
        .collect();
    let per_open = |f: fn(&OneDrop) -> Option<f64>| {
        opens
            .iter()
            .map(|r| time(f(r)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let load_median = median(opens.iter().map(|r| r.sample_settled_ms));
    let picture_median = median(opens.iter().map(|r| r.sample_picture_ms));
    let rows = if opens.is_empty() {
        Vec::new()
    } else {
        vec![
            row(
                "page load to the sample's first picture",
                format!(
                    "{} (median; per open: {})",
                    time(picture_median),
                    per_open(|r| r.sample_picture_ms)
                ),
                None,
            ),
            row(
                "page load to \"Layout settled\" of the sample",
                format!(
                    "{} (median; per open: {})",
                    time(load_median),
                    per_open(|r| r.sample_settled_ms)
                ),
                Some((&PAGE_LOAD, load_median)),
            ),
            row(
                "bytes before the first picture, gzipped",
                format!(
                    "{} ({} as built, {} files)",
                    kb(load.gzip_bytes),
                    kb(load.raw_bytes),
                    load.files.len()
                ),
                Some((&PAGE_BYTES, load.gzip_bytes)),
            ),
        ]
    };
    sec.push_str(&table(
        "| figure | value | goal | met |\n|---|---|---|---|",
        &rows,
        why,
    ));
    if !load.files.is_empty() {
        let files: Vec<Vec<String>> = load
            .files
            .iter()
            .map(|f| {
                vec![
                    format!("`{}`", f.path.as_deref().unwrap_or("?")),
                    kb(f.raw),
                    kb(f.gzip),
                ]
            })
            .collect();
        sec.push('\n');
        sec.push_str(&table(
            "| file before the first picture | as built | gzipped |\n|---|---:|---:|",
            &files,
            why,
        ));
    }
    sec.push('\n');
    goals.push(PAGE_LOAD.row(
        format!("{} (median of {} opens)", PAGE_LOAD.what, opens.len()),
        PAGE_LOAD.bound(),
        time(load_median),
        PAGE_LOAD.met(load_median),
    ));
    goals.push(PAGE_BYTES.row(
        PAGE_BYTES.what.to_string(),
        PAGE_BYTES.bound(),
        kb(load.gzip_bytes),
        PAGE_BYTES.met(load.gzip_bytes),
    ));

    // A table per dropped file
    for (drop, run) in &runs {
        let _ = writeln!(sec, "### {} (`{}`)\n", drop.name(), drop.drop_as());
        let Some(d) = run else {
            let _ = writeln!(
                sec,
                "(no figures: {})\n",
                if r.page.read {
                    "not measured in this run"
                } else {
                    why
                }
            );
            continue;
        };
        if let Some(e) = &d.error {
            let _ = writeln!(sec, "(no figures: {})\n", e.replace('|', "/"));
            continue;
        }
        let applies = |g: &Goal| drop.connections().is_some_and(|c| g.applies_to(c as f64));
        let settle_goal = [&PAGE_SETTLED_30K, &PAGE_SETTLED_10K]
            .into_iter()
            .find(|g| applies(g));
        let per_second = match (d.frames_drawn_settling, d.first_picture_ms, d.settled_ms) {
            (Some(n), Some(a), Some(b)) if b > a => format!(", {:.0} per s", n * 1000.0 / (b - a)),
            _ => String::new(),
        };
        let rows = vec![
            row(
                "file",
                format!("{:.1} MB", d.file_bytes.unwrap_or(f64::NAN) / 1e6),
                None,
            ),
            row(
                "first picture after the drop",
                format!(
                    "{}{}{}",
                    time(d.first_picture_ms),
                    match d.first_picture_drawn_ms {
                        Some(_) => format!(" (drawn at {})", time(d.first_picture_drawn_ms)),
                        None => String::new(),
                    },
                    d.per_drop("median", |r| r.first_picture_ms, time)
                ),
                applies(&PAGE_FIRST_PICTURE).then_some((&PAGE_FIRST_PICTURE, d.first_picture_ms)),
            ),
            row(
                "\"Layout settled\" after the drop",
                format!(
                    "{}{}",
                    d.settled_shown(timeout),
                    d.per_drop("median", |r| r.settled_ms, time)
                ),
                settle_goal.map(|g| (g, d.settled_figure())),
            ),
            row(
                "frames drawn, drop to settled",
                format!("{}{per_second}", fmt(d.frames_drawn, 0)),
                None,
            ),
            row(
                "layout iterations",
                format!(
                    "{}{}",
                    fmt(d.layout_iterations, 0),
                    if d.layout_converged == Some(false) {
                        " (not converged)"
                    } else {
                        ""
                    }
                ),
                None,
            ),
            row(
                "worker frames (positions sent)",
                fmt(d.worker_frames, 0),
                None,
            ),
            row(
                "longest main-thread task while the layout runs",
                format!(
                    "{}{}",
                    task(d.longest_task_layout_ms),
                    d.per_drop("longest", |r| r.longest_task_layout_ms, task)
                ),
                Some((&PAGE_LONG_TASK, d.longest_task_layout_ms)),
            ),
            row(
                "main-thread task drawing the settled map (every tie, every pixel)",
                task(d.settled_frame_task_ms),
                None,
            ),
            row(
                "longest main-thread task before the first picture",
                task(d.longest_task_to_picture_ms),
                None,
            ),
            row(
                "main-thread tasks >= 50 ms, drop to settled",
                format!(
                    "{} (longest {})",
                    fmt(d.long_tasks, 0),
                    task(d.longest_task_ms)
                ),
                None,
            ),
            row(
                "page load to \"Layout settled\" of the sample (this open)",
                time(d.sample_settled_ms),
                None,
            ),
            row(
                "the page says",
                d.summary.as_deref().unwrap_or("-").replace('|', "/"),
                None,
            ),
        ];
        sec.push_str(&table(
            "| figure | value | goal | met |\n|---|---|---|---|",
            &rows,
            why,
        ));
        sec.push('\n');
    }

    // The per-size goals, for the exports they are stated for
    for goal in [&PAGE_FIRST_PICTURE, &PAGE_SETTLED_30K, &PAGE_SETTLED_10K] {
        for (drop, run) in &runs {
            let Some(c) = drop.connections().filter(|c| goal.applies_to(*c as f64)) else {
                continue;
            };
            let measured = run.filter(|d| d.error.is_none());
            let (figure, shown) = if goal.what == PAGE_FIRST_PICTURE.what {
                let f = measured.and_then(|d| d.first_picture_ms);
                (f, time(f))
            } else {
                (
                    measured.and_then(DropRun::settled_figure),
                    measured.map_or("-".into(), |d| d.settled_shown(timeout)),
                )
            };
            goals.push(goal.row(
                format!("{} of {} connections", goal.what, int(c as f64)),
                goal.bound(),
                shown,
                goal.met(figure),
            ));
        }
    }
    goals.push(every_drop(&runs));
    Section {
        markdown: sec,
        goals,
    }
}

/// The long-task goal on every file measured: the worst figure, and on how many it is met.
fn every_drop(runs: &[(FileDrop, Option<&DropRun>)]) -> GoalRow {
    let goal = &PAGE_LONG_TASK;
    let measured: Vec<(String, Option<f64>)> = runs
        .iter()
        .filter_map(|(drop, run)| run.map(|d| (drop.name(), d.longest_task_layout_ms)))
        .collect();
    let mets: Vec<Met> = measured.iter().map(|(_, f)| goal.met(*f)).collect();
    let met = if mets.is_empty() {
        Met::NoFigure
    } else if mets.contains(&Met::No) {
        Met::No
    } else if mets.contains(&Met::NoFigure) {
        Met::NoFigure
    } else {
        Met::Yes
    };
    let worst = measured
        .iter()
        .filter_map(|(name, f)| f.map(|f| (name, f)))
        .fold(None::<(&String, f64)>, |w, (name, f)| match w {
            Some((_, wf)) if wf >= f => w,
            _ => Some((name, f)),
        });
    let figure = match worst {
        Some((name, f)) => format!(
            "{} on {name}; met on {} of {}",
            task(Some(f)),
            mets.iter().filter(|m| **m == Met::Yes).count(),
            measured.len()
        ),
        None => "-".into(),
    };
    goal.row(
        format!("{}, on every dropped file", goal.what),
        goal.bound(),
        figure,
        met,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::report::tests::machine;
    use crate::bench::results::Figures;

    fn dropped(id: &str, first: f64, settled: Option<f64>, task: f64) -> DropRun {
        DropRun {
            id: Some(id.into()),
            file_bytes: Some(4_100_000.0),
            sample_picture_ms: Some(420.0),
            sample_settled_ms: Some(900.0),
            first_picture_ms: Some(first),
            first_picture_drawn_ms: Some(first - 50.0),
            settled_ms: settled,
            timed_out: Some(settled.is_none()),
            frames_drawn: Some(120.0),
            frames_drawn_settling: Some(100.0),
            worker_frames: Some(140.0),
            layout_iterations: Some(600.0),
            layout_converged: Some(settled.is_some()),
            longest_task_ms: Some(task + 50.0),
            long_tasks: Some(3.0),
            longest_task_layout_ms: Some(task),
            summary: Some("Read 30,000 people from Connections.csv".into()),
            ..Default::default()
        }
    }

    #[test]
    fn section_states_met_and_missed_goals() {
        let page = Page {
            browser: Some("Chromium 1".into()),
            viewport_css_px: vec![Some(1280.0), Some(800.0)],
            timeout_ms: Some(120_000.0),
            load: Load {
                files: vec![LoadFile {
                    path: Some("/app_bg.wasm".into()),
                    raw: Some(1_200_000.0),
                    gzip: Some(450_000.0),
                }],
                raw_bytes: Some(1_300_000.0),
                gzip_bytes: Some(480_000.0),
            },
            repeat: Some(3.0),
            drops: vec![
                dropped("connections-2000", 200.0, Some(700.0), 0.0),
                // met: first picture and the 10,000 settle time
                dropped("connections-10000", 400.0, Some(1_400.0), 60.0),
                // missed: settled too late, a long task over 100 ms; dropped three times
                DropRun {
                    runs: [
                        (950.0, 3_400.0, 140.0, 700.0),
                        (900.0, 3_500.0, 0.0, 750.0),
                        (880.0, 3_600.0, 60.0, 800.0),
                    ]
                    .map(|(first, settled, task, sample)| OneDrop {
                        sample_settled_ms: Some(sample),
                        first_picture_ms: Some(first),
                        settled_ms: Some(settled),
                        longest_task_layout_ms: Some(task),
                        layout_iterations: Some(600.0),
                        ..OneDrop::default()
                    })
                    .to_vec(),
                    ..dropped("connections-30000", 900.0, Some(3_500.0), 140.0)
                },
                // timed out
                dropped("graph-100000", 8_000.0, None, 900.0),
            ],
        };
        let results = Results {
            page: Figures::of(page),
            ..Default::default()
        };
        let run = Run {
            quick: false,
            outcomes: &[],
            machine: machine(),
        };
        let s = section(&results, &run);
        let row = |what: &str| {
            s.goals
                .iter()
                .find(|g| g.what.starts_with(&format!("page: {what}")))
                .unwrap_or_else(|| panic!("no goal {what:?} in {:?}", s.goals))
        };
        let first = row("first picture after the drop of 30,000 connections");
        assert_eq!(
            (first.goal.as_str(), first.figure.as_str(), first.met),
            ("<= 1 s", "900 ms", Met::Yes)
        );
        let settled = row("\"Layout settled\" after the drop of 30,000");
        assert_eq!(
            (settled.goal.as_str(), settled.figure.as_str(), settled.met),
            ("<= 3 s", "3.50 s", Met::No)
        );
        let ten = row("\"Layout settled\" after the drop of 10,000");
        assert_eq!(
            (ten.goal.as_str(), ten.figure.as_str(), ten.met),
            ("<= 1.5 s", "1.40 s", Met::Yes)
        );
        // every open counts: the three of the file dropped three times too
        let load = row("page load to the settled sample");
        assert_eq!(
            (load.what.as_str(), load.figure.as_str(), load.met),
            (
                "page: page load to the settled sample (median of 6 opens)",
                "850 ms",
                Met::Yes
            )
        );
        let bytes = row("bytes downloaded before the first picture");
        assert_eq!(
            (bytes.goal.as_str(), bytes.figure.as_str(), bytes.met),
            ("<= 400 KB", "480 KB", Met::No)
        );
        let task = row("longest main-thread task while the layout runs");
        assert_eq!(task.met, Met::No);
        assert_eq!(
            task.figure,
            "900 ms on 100,000 nodes / 1,000,000 ties; met on 2 of 4"
        );
        assert!(
            task.what.ends_with(", on every dropped file"),
            "{}",
            task.what
        );
        assert_eq!(s.goals.len(), 6);

        let md = &s.markdown;
        assert!(
            md.contains("## What a person waits for (the built page)"),
            "{md}"
        );
        assert!(
            md.contains("### 30,000 connections (`Connections.csv`)"),
            "{md}"
        );
        assert!(
            md.contains("| \"Layout settled\" after the drop | 3.50 s (median of 3 drops: 3.40 s, 3.50 s, 3.60 s) | <= 3 s | **no** |"),
            "{md}"
        );
        assert!(
            md.contains("| first picture after the drop | 900 ms (drawn at 850 ms) (median of 3 drops: 950 ms, 900 ms, 880 ms) | <= 1 s | yes |"),
            "{md}"
        );
        assert!(
            md.contains("| longest main-thread task while the layout runs | 140 ms (longest of 3 drops: 140 ms, none >= 50 ms, 60 ms) | <= 100 ms | **no** |"),
            "{md}"
        );
        assert!(md.contains("Each file is dropped 3 times"), "{md}");
        assert!(
            md.contains(
                "| \"Layout settled\" after the drop | not within 120 s (timed out) |  |  |"
            ),
            "{md}"
        );
        assert!(
            md.contains("| longest main-thread task while the layout runs | none >= 50 ms | <= 100 ms | yes |"),
            "{md}"
        );
        assert!(
            md.contains("| frames drawn, drop to settled | 120, 200 per s |  |  |"),
            "{md}"
        );
        assert!(
            md.contains("| `/app_bg.wasm` | 1,200 KB | 450 KB |"),
            "{md}"
        );
        assert!(md.contains("| bytes before the first picture, gzipped | 480 KB (1,300 KB as built, 1 files) | <= 400 KB | **no** |"), "{md}");

        // no figures: every goal without one
        let empty = section(&Results::default(), &run);
        assert_eq!(empty.goals.len(), 6);
        assert!(empty.goals.iter().all(|g| g.met == Met::NoFigure));
        assert!(empty.markdown.contains("(no figures: not measured)"));
    }

    #[test]
    fn reads_the_runners_json() {
        let page: Page = serde_json::from_str(
            r#"{"browser":"Chromium 140","viewport_css_px":[1280,800],"timeout_ms":120000,
                "load":{"files":[{"path":"/index.html","raw":2000,"gzip":900}],"raw_bytes":2000,"gzip_bytes":900},
                "drops":[{"id":"graph-100000","name":"100,000 nodes / 1,000,000 ties","kind":"graph",
                  "size":100000,"ties":1000000,"file_bytes":13000000,"sample_settled_ms":800.5,
                  "first_picture_ms":null,"settled_ms":null,"timed_out":true,"failure":null,
                  "longest_task_layout_ms":null,"page_errors":[]}]}"#,
        )
        .unwrap();
        let d = &page.drops[0];
        assert_eq!(d.settled_figure(), Some(f64::INFINITY));
        assert_eq!(
            d.settled_shown(page.timeout_ms),
            "not within 120 s (timed out)"
        );
        assert_eq!(page.load.gzip_bytes, Some(900.0));
        assert_eq!(time(Some(640.4)), "640 ms");
        assert_eq!(task(Some(0.0)), "none >= 50 ms");
        assert_eq!(kb(Some(316.0)), "0.3 KB");
        assert_eq!(kb(Some(536_645.0)), "537 KB");
        assert_eq!(
            median([Some(3.0), None, Some(1.0), Some(2.0)].into_iter()),
            Some(2.0)
        );
    }

    #[test]
    fn generates_the_files_a_person_drops() {
        let (csv, ties) = FileDrop::Export { connections: 300 }.generate();
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with("Notes:\n"));
        assert!(
            text.contains("First Name,Last Name,URL,Email Address,Company,Position,Connected On")
        );
        assert!(ties.is_none());
        let (edges, ties) = FileDrop::Graph {
            nodes: 1_000,
            ties: 5_000,
        }
        .generate();
        let text = String::from_utf8(edges).unwrap();
        assert!(text.starts_with("# nodes 1000\n"));
        assert_eq!(Some(text.lines().count() - 1), ties);
        assert!(ties.is_some_and(|t| t > 4_500 && t <= 5_000));
        assert_eq!(DROPS[3].name(), "100,000 nodes / 1,000,000 ties");
        assert_eq!(DROPS[0].id(), "connections-2000");
    }
}
