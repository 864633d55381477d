//! `cargo xtask bench [--quick]`: every benchmark, then their figures into `docs/benchmarks.md`.
//!
//! Steps (each one runs even when an earlier one failed; the command fails if any did):
//! 1. criterion benches of the core (`cargo bench -p tiemap-core`), read back from
//!    `target/criterion/**/new/{benchmark,estimates}.json` into `target/bench/criterion.json`;
//! 2. the quality examples (`layout_quality`, `infer_quality`) into
//!    `target/bench/{layout_quality,infer_quality}.json`;
//! 3. igraph's Leiden against ours (`tools/bench/community/compare.py`, in a venv at
//!    `target/bench/venv`) into `target/bench/igraph.json`;
//! 4. the in-browser benchmarks (`src/bin/bench.rs` built for wasm32, graphology bundled with
//!    esbuild, headless Chromium through `tools/bench/browser/run.mjs`) into
//!    `target/bench/{layout,community,import,render}.json` (render: our map renderer beside
//!    sigma.js 3 drawing the same 30,000-node map);
//! 5. the report, written from those files: `docs/benchmarks.md` (with `--quick`, small sizes
//!    only, and the report goes to `target/bench/benchmarks-quick.md` instead).

use crate::run::{command, root, status};
use crate::tools::{ensure_browser, ensure_build_tools, ToolEnv, CHROMIUM};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

pub fn bench(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    if let Some(other) = args.iter().find(|a| a.as_str() != "--quick") {
        return Err(format!(
            "unknown argument {other:?}: usage: cargo xtask bench [--quick]"
        ));
    }
    let env = ensure_build_tools()?;
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    // A step that fails leaves no figures behind, rather than an older run's.
    for f in OUTPUTS {
        let _ = std::fs::remove_file(out.join(f));
    }
    let started = SystemTime::now();
    let mut steps = Steps::default();
    steps.run("criterion benches", || {
        criterion(&env, quick, started, &out)
    });
    steps.run("quality examples", || examples(&env, quick, &out));
    steps.run("igraph comparison", || igraph(&env, quick, &out));
    steps.run("in-browser benchmarks", || browser(&env, quick, &out));
    let report_path = if quick {
        out.join("benchmarks-quick.md")
    } else {
        root().join("docs/benchmarks.md")
    };
    let outcomes = steps.outcomes.clone();
    steps.run("report", || {
        let text = report(&out, quick, &outcomes);
        std::fs::write(&report_path, text)
            .map_err(|e| format!("{}: {e}", report_path.display()))?;
        println!("xtask bench: wrote {}", report_path.display());
        Ok(())
    });
    steps.finish()
}

const OUTPUTS: [&str; 10] = [
    "memory.json",
    "render.json",
    "criterion.json",
    "layout_quality.json",
    "infer_quality.json",
    "igraph.json",
    "layout.json",
    "simd.json",
    "community.json",
    "import.json",
];

/// Outcome of each step, in order.
#[derive(Default)]
struct Steps {
    outcomes: Vec<(String, Result<f64, String>)>,
}

impl Steps {
    fn run(&mut self, name: &str, f: impl FnOnce() -> Result<(), String>) {
        println!("\n==== xtask bench: {name} ====");
        let t0 = Instant::now();
        let r = f().map(|()| t0.elapsed().as_secs_f64());
        match &r {
            Ok(s) => println!("==== {name}: done in {s:.0} s ===="),
            Err(e) => println!("==== {name}: FAILED: {e} ===="),
        }
        self.outcomes.push((name.to_string(), r));
    }

    fn finish(self) -> Result<(), String> {
        println!();
        for (name, r) in &self.outcomes {
            match r {
                Ok(s) => println!("xtask bench: {name}: ok ({s:.0} s)"),
                Err(e) => println!("xtask bench: {name}: FAILED: {e}"),
            }
        }
        let failed: Vec<&str> = self
            .outcomes
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(n, _)| n.as_str())
            .collect();
        if failed.is_empty() {
            Ok(())
        } else {
            Err(format!("bench steps failed: {}", failed.join(", ")))
        }
    }
}

/// Runs a command, echoing its stderr, and returns its stdout.
fn stdout_of(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start {what}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what} failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------------------------
// 1) criterion

fn criterion(env: &ToolEnv, quick: bool, started: SystemTime, out: &Path) -> Result<(), String> {
    let mut cmd = command(env, "cargo");
    cmd.args(["bench", "-p", "tiemap-core", "--benches"]);
    if quick {
        // karate, the 1k planted graph and the 1k layout only, until significance
        cmd.args(["--", "--quick", "community_small/leiden/karate|/1000$"]);
    }
    status(&mut cmd, "cargo bench -p tiemap-core")?;
    let dir = root().join("target/criterion");
    let mut found = Vec::new();
    collect_criterion(&dir, started, &mut found);
    if found.is_empty() {
        return Err(format!("no fresh results under {}", dir.display()));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut json = String::from("[\n");
    for (i, (id, e)) in found.iter().enumerate() {
        let _ = writeln!(
            json,
            "{{\"id\": {}, \"mean_ns\": {}, \"mean_lower_ns\": {}, \"mean_upper_ns\": {}, \"median_ns\": {}, \"throughput_elements\": {}}}{}",
            quote(id),
            num(e.mean),
            num(e.lower),
            num(e.upper),
            num(e.median),
            e.throughput.map_or("null".to_string(), num),
            if i + 1 < found.len() { "," } else { "" }
        );
    }
    json.push(']');
    write(&out.join("criterion.json"), &json)?;
    println!("xtask bench: {} criterion results", found.len());
    Ok(())
}

struct Estimate {
    mean: f64,
    lower: f64,
    upper: f64,
    median: f64,
    throughput: Option<f64>,
}

/// Every `new/` directory under `dir` written since `since`: (benchmark id, estimates).
fn collect_criterion(dir: &Path, since: SystemTime, found: &mut Vec<(String, Estimate)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_dir() {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "new") {
            let fresh = std::fs::metadata(path.join("estimates.json"))
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= since);
            if !fresh {
                continue;
            }
            let read = |f: &str| {
                std::fs::read_to_string(path.join(f))
                    .ok()
                    .and_then(|t| Json::parse(&t).ok())
            };
            if let (Some(b), Some(e)) = (read("benchmark.json"), read("estimates.json")) {
                let id = b.get("full_id").as_str().unwrap_or("?").to_string();
                let throughput = b.get("throughput").get("Elements").as_f64();
                found.push((
                    id,
                    Estimate {
                        mean: e
                            .get("mean")
                            .get("point_estimate")
                            .as_f64()
                            .unwrap_or(f64::NAN),
                        lower: e
                            .get("mean")
                            .get("confidence_interval")
                            .get("lower_bound")
                            .as_f64()
                            .unwrap_or(f64::NAN),
                        upper: e
                            .get("mean")
                            .get("confidence_interval")
                            .get("upper_bound")
                            .as_f64()
                            .unwrap_or(f64::NAN),
                        median: e
                            .get("median")
                            .get("point_estimate")
                            .as_f64()
                            .unwrap_or(f64::NAN),
                        throughput,
                    },
                ));
            }
        } else {
            collect_criterion(&path, since, found);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 2) quality examples

fn examples(env: &ToolEnv, quick: bool, out: &Path) -> Result<(), String> {
    let mut errors = Vec::new();
    // layout_quality prints one JSON object per graph
    let runs: Vec<Vec<&str>> = if quick {
        vec![vec!["1000"]]
    } else {
        vec![
            vec!["1000", "10000", "30000"],
            vec!["--communities", "30000"],
        ]
    };
    let mut rows = Vec::new();
    for run in runs {
        let mut cmd = command(env, "cargo");
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
                    rows.push(line.trim().to_string());
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if !rows.is_empty() {
        write(
            &out.join("layout_quality.json"),
            &format!("[\n{}\n]", rows.join(",\n")),
        )?;
    }
    // infer_quality writes JSON itself and prints markdown tables
    let infer_out = out.join("infer_quality.json");
    let mut cmd = command(env, "cargo");
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
    .arg(&infer_out);
    if quick {
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

// ---------------------------------------------------------------------------------------------
// 3) igraph

fn igraph(env: &ToolEnv, quick: bool, out: &Path) -> Result<(), String> {
    let venv = out.join("venv");
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
    let seeds = if quick { "1" } else { "5" };
    let mut cmd = command(env, &python.to_string_lossy());
    cmd.arg(root().join("tools/bench/community/compare.py"))
        .args(["--seeds", seeds]);
    let text = stdout_of(&mut cmd, "compare.py")?;
    print!("{text}");
    // compare.py writes target/bench/community.json; the browser's results take that name
    std::fs::rename(out.join("community.json"), out.join("igraph.json"))
        .map_err(|e| format!("compare.py wrote no target/bench/community.json: {e}"))
}

// ---------------------------------------------------------------------------------------------
// 4) browser

fn browser(env: &ToolEnv, quick: bool, out: &Path) -> Result<(), String> {
    ensure_browser()?;
    let tools = root().join("tools");
    let peers = [
        "esbuild",
        "graphology",
        "graphology-layout-forceatlas2",
        "graphology-communities-louvain",
        "sigma",
        "playwright-core",
    ];
    if peers.iter().any(|p| {
        !tools
            .join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    }) {
        status(
            command(env, "npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&tools),
            "npm ci (tools/)",
        )?;
    }
    status(
        command(env, "cargo").args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            "bench",
        ]),
        "cargo build --bin bench (wasm32)",
    )?;
    let site = out.join("browser");
    status(
        command(env, "wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(site.join("pkg"))
            .arg(root().join("target/wasm32-unknown-unknown/release/bench.wasm")),
        "wasm-bindgen",
    )?;
    render_module(env, &site)?;
    bench_simd128(env, &site)?;
    let mut cmd = command(env, "node");
    cmd.arg(root().join("tools/bench/browser/run.mjs"))
        .arg("--site")
        .arg(&site)
        .arg("--out")
        .arg(out)
        .args(["--chromium", CHROMIUM]);
    if quick {
        cmd.arg("--quick");
    }
    status(&mut cmd, "browser benchmarks (run.mjs)")
}

/// The render area's module: the root `tiemap` lib built as a cdylib, whose one wasm-bindgen
/// export is the map renderer for timing (`TiemapRenderBench`, src/render/bench.rs), into
/// `<site>/pkg/tiemap.js` beside bench.js. The app's page has no bench mode; the bench page
/// draws with the app's own renderer through this.
fn render_module(env: &ToolEnv, site: &Path) -> Result<(), String> {
    status(
        command(env, "cargo").args([
            "rustc",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--crate-type",
            "cdylib",
        ]),
        "cargo rustc --lib --crate-type cdylib (wasm32, the renderer for the render bench)",
    )?;
    status(
        command(env, "wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(site.join("pkg"))
            .arg(root().join("target/wasm32-unknown-unknown/release/tiemap.wasm")),
        "wasm-bindgen (tiemap.wasm)",
    )
}

/// The bench module again with `-C target-feature=+simd128` (in its own target dir, so the
/// plain build's cache stays), into `<site>/pkg-simd/` for run.mjs's `simd` area.
fn bench_simd128(env: &ToolEnv, site: &Path) -> Result<(), String> {
    let wasm = crate::run::build_simd128(env, "bench")?;
    status(
        command(env, "wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(site.join("pkg-simd"))
            .arg(wasm),
        "wasm-bindgen (simd128)",
    )
}

/// The "simd128" part of the layout section, from `simd.json` (run.mjs's `simd` area).
fn simd_section(simd: &Json, outcomes: &[(String, Result<f64, String>)]) -> String {
    let mut sec = String::new();
    let _ = writeln!(sec, "\n### wasm simd128\n");
    let _ = writeln!(
        sec,
        "The same layout iteration as above (ours only), on the plain wasm build and on the build with \
         `-C target-feature=+simd128` (four-lane Barnes-Hut walk and attraction, `layout/lanes.rs`), both loaded \
         in the same page, batches alternating between them; median ms per iteration after {} warm-up iterations. \
         \"same picture\": both builds' positions are equal bit for bit at the end. simd128 supported by this \
         browser: {}. See docs/layout-speed.md.\n",
        fmt(simd.get("warm_up_iterations").as_f64(), 0),
        simd.get("simd128_supported")
            .as_bool()
            .map_or("?", |b| if b { "yes" } else { "no" })
    );
    let _ = writeln!(
        sec,
        "| nodes | ties | plain wasm (ms) | simd128 wasm (ms) | speedup | same picture |"
    );
    let _ = writeln!(sec, "|---:|---:|---:|---:|---:|---|");
    for r in simd.get("iteration").items() {
        let speedup = r.get("speedup").as_f64();
        let _ = writeln!(
            sec,
            "| {} | {} | {} | {} | {} | {} |",
            int(r.get("nodes").as_f64().unwrap_or(0.0)),
            int(r.get("edges").as_f64().unwrap_or(0.0)),
            fmt(r.get("scalar_ms_per_iteration").as_f64(), 2),
            fmt(r.get("simd_ms_per_iteration").as_f64(), 2),
            fmt(speedup, 2) + if speedup.is_some() { "x" } else { "" },
            r.get("identical_positions")
                .as_bool()
                .map_or("?", |b| if b { "yes" } else { "no" }),
        );
    }
    if simd.get("iteration").items().is_empty() {
        let _ = writeln!(
            sec,
            "| (no figures: {}) ||||||",
            missing(simd, "in-browser benchmarks", outcomes)
        );
    }
    sec
}

// ---------------------------------------------------------------------------------------------
// 5) report

/// The whole of `docs/benchmarks.md`, from the JSON files in `out`.
fn report(out: &Path, quick: bool, outcomes: &[(String, Result<f64, String>)]) -> String {
    let load = |f: &str| -> Json {
        std::fs::read_to_string(out.join(f))
            .ok()
            .and_then(|t| Json::parse(&t).ok())
            .unwrap_or(Json::Null)
    };
    let crit = load("criterion.json");
    let layout = load("layout.json");
    let community = load("community.json");
    let import = load("import.json");
    let memory = load("memory.json");
    let igraph = load("igraph.json");
    let lq = load("layout_quality.json");
    let iq = load("infer_quality.json");
    let criterion_ms = |id: &str| -> Option<f64> {
        crit.items()
            .iter()
            .find(|b| b.get("id").as_str() == Some(id))
            .and_then(|b| b.get("mean_ns").as_f64())
            .map(|ns| ns / 1e6)
    };
    let browser = [&layout, &community, &import]
        .iter()
        .find_map(|j| j.get("browser").as_str().map(String::from))
        .unwrap_or_else(|| "(browser step did not run)".into());

    let mut goals: Vec<[String; 4]> = Vec::new();
    let mut md = String::new();
    let _ = writeln!(md, "# Benchmarks\n");
    let _ = writeln!(
        md,
        "<!-- Generated by `cargo xtask bench{}`: do not edit by hand, run the command again. -->\n",
        if quick { " --quick" } else { "" }
    );
    let _ = writeln!(
        md,
        "This file is **generated** by `cargo xtask bench{}` (xtask/src/bench.rs) from the JSON files it writes \
         under `target/bench/`; every figure below was measured by that run. Do not edit it by hand.\n",
        if quick { " --quick" } else { "" }
    );
    let _ = writeln!(md, "| | |\n|---|---|");
    let _ = writeln!(
        md,
        "| date | {} |",
        shell("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
    );
    let _ = writeln!(
        md,
        "| command | `cargo xtask bench{}` |",
        if quick { " --quick" } else { "" }
    );
    let _ = writeln!(
        md,
        "| machine | {} cores (`nproc`), {} |",
        shell("nproc", &[]),
        cpu_model()
    );
    let _ = writeln!(md, "| load average at the end | {} |", load_average());
    let _ = writeln!(md, "| browser | {browser}, headless, `--disable-gpu` |");
    let _ = writeln!(md, "| rustc | {} |", shell("rustc", &["--version"]));
    let _ = writeln!(
        md,
        "| igraph (native, python) | {} |",
        igraph
            .get("igraph_version")
            .as_str()
            .unwrap_or("(igraph step did not run)")
    );
    let _ = writeln!(
        md,
        "\nThe machine is shared (2 cores, other builds running): figures carry that noise; the load \
         average above says how much. The wasm is a release build (`opt-level = 3` for the core, no wasm-opt), \
         run on the page's main thread.\n"
    );

    // ----- layout
    let mut sec = String::new();
    let _ = writeln!(sec, "## Layout (ForceAtlas2)\n");
    let _ = writeln!(
        sec,
        "Milliseconds per iteration on seeded planted-partition graphs (mixing 0.15), one level, Barnes-Hut, theta 0.5. \
         Ours: `LayoutState` with `Fa2Settings::infer` in wasm, after {} warm-up iterations, median of batches. \
         graphology-layout-forceatlas2 0.10.1: `forceAtlas2.assign(graph, {{iterations, settings: inferSettings(graph)}})` \
         with `barnesHutOptimize: true` and `linLogMode: true`, from the same start positions, after a JIT warm-up: \
         `Fa2Settings::infer` turns LinLog attraction on (a logarithm per tie), so both sides run the same attraction. \
         Native: criterion `fa2_iteration` (same graphs, same set-up, run at another moment of the same load).\n",
        layout.get("warm_up_iterations").as_f64().map_or("?".into(), |x| format!("{x:.0}"))
    );
    let _ = writeln!(sec, "| nodes | ties | ours, wasm (ms) | graphology (ms) | speedup | goal | met | ours, native (ms) | wasm / native | goal | met |");
    let _ = writeln!(sec, "|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|");
    for r in layout.get("iteration").items() {
        let nodes = r.get("nodes").as_f64().unwrap_or(0.0);
        let edges = r.get("edges").as_f64().unwrap_or(0.0);
        let ours = r.get("ours_ms_per_iteration").as_f64();
        let theirs = r.get("graphology_ms_per_iteration").as_f64();
        let speedup = r.get("speedup").as_f64();
        let native = criterion_ms(&format!("fa2_iteration/{edges:.0}_ties/{nodes:.0}"));
        let ratio = ours.zip(native).map(|(w, n)| w / n);
        let speed_goal = (10_000.0..30_000.0).contains(&nodes);
        let speed_met = if speed_goal {
            met(speedup.map(|s| s >= 10.0))
        } else {
            "".into()
        };
        let ratio_met = met(ratio.map(|r| r <= 1.5));
        let _ = writeln!(
            sec,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            int(nodes),
            int(edges),
            fmt(ours, 2),
            fmt(theirs, 1),
            fmt(speedup, 1) + if speedup.is_some() { "x" } else { "" },
            if speed_goal { ">= 10x" } else { "" },
            speed_met,
            fmt(native, 2),
            fmt(ratio, 2),
            if native.is_some() { "<= 1.5" } else { "" },
            if native.is_some() {
                ratio_met.clone()
            } else {
                "".into()
            },
        );
        if speed_goal {
            goals.push([
                format!(
                    "layout: ours vs graphology at {} nodes / {} ties",
                    int(nodes),
                    int(edges)
                ),
                ">= 10x faster".into(),
                fmt(speedup, 1) + "x",
                speed_met,
            ]);
        }
        if native.is_some() {
            goals.push([
                format!("layout iteration, wasm vs native, {} nodes", int(nodes)),
                "wasm <= 1.5x native".into(),
                fmt(ratio, 2) + "x",
                ratio_met,
            ]);
        }
    }
    if layout.get("iteration").items().is_empty() {
        let _ = writeln!(
            sec,
            "| (no figures: {}) |||||||||||",
            missing(&layout, "in-browser benchmarks", outcomes)
        );
    }
    let s = layout.get("settle");
    let _ = writeln!(
        sec,
        "\n### Settling a {}-node map in the browser\n",
        int(s.get("nodes").as_f64().unwrap_or(0.0))
    );
    let _ = writeln!(
        sec,
        "The app's loop: Leiden first, then `LayoutState::step(10)` repeatedly with `Fa2Settings::infer` \
         (multilevel, `LayoutStart::Communities` from Leiden's labels), timing the steps only; after each call, \
         the silhouette (`layout::quality::silhouette`) of the planted groups in the drawing. Planted graph: {} groups, \
         mean degree {}, mixing {}.\n",
        fmt(s.get("groups").as_f64(), 0),
        fmt(s.get("mean_degree").as_f64(), 0),
        fmt(s.get("mixing").as_f64(), 2)
    );
    let reached = s.get("reached_goal");
    let goal_ms = s.get("goal_ms").as_f64().unwrap_or(3000.0);
    let goal_sil = s.get("goal_silhouette").as_f64().unwrap_or(0.8);
    let at_goal = s.get("at_goal_time");
    let settle_met = if matches!(s, Json::Null) {
        met(None)
    } else {
        met(Some(
            reached.get("ms").as_f64().is_some_and(|ms| ms <= goal_ms),
        ))
    };
    let _ = writeln!(sec, "| measure | figure |\n|---|---:|");
    let _ = writeln!(sec, "| ties | {} |", fmt(s.get("edges").as_f64(), 0));
    let _ = writeln!(
        sec,
        "| Leiden before the layout (ms) | {} |",
        fmt(s.get("leiden_ms").as_f64(), 0)
    );
    let _ = writeln!(
        sec,
        "| layout time to silhouette >= {goal_sil} on the full graph (ms) | {} |",
        reached
            .get("ms")
            .as_f64()
            .map_or("not reached".into(), |m| format!(
                "{m:.0} ({} iterations)",
                fmt(reached.get("iterations").as_f64(), 0)
            ))
    );
    let _ = writeln!(
        sec,
        "| silhouette after {goal_ms:.0} ms of layout | {} |",
        fmt(at_goal.get("silhouette").as_f64(), 3)
    );
    let fin = s.get("final");
    let _ = writeln!(
        sec,
        "| at the end: time (ms), iterations, silhouette, converged | {}, {}, {}, {} |",
        fmt(fin.get("ms").as_f64(), 0),
        fmt(fin.get("iterations").as_f64(), 0),
        fmt(fin.get("silhouette").as_f64(), 3),
        s.get("converged")
            .as_bool()
            .map_or("?", |b| if b { "yes" } else { "no (time budget)" })
    );
    goals.push([
        format!(
            "layout: {}-node map settles",
            int(s.get("nodes").as_f64().unwrap_or(0.0))
        ),
        format!("silhouette >= {goal_sil} within {:.0} s", goal_ms / 1000.0),
        reached.get("ms").as_f64().map_or_else(
            || {
                format!(
                    "not reached; {} at {:.0} s",
                    fmt(at_goal.get("silhouette").as_f64(), 3),
                    goal_ms / 1000.0
                )
            },
            |m| format!("{:.2} s", m / 1000.0),
        ),
        settle_met,
    ]);
    let _ = writeln!(sec, "\n### Native layout quality (`cargo run --release -p tiemap-core --example layout_quality`)\n");
    let _ = writeln!(sec, "Laid out to convergence (or 3,000 iterations) natively, planted graphs with `n/400` groups (5 to 60), mean degree 10, mixing 0.15.\n");
    let _ = writeln!(sec, "| nodes | ties | start | iterations | converged | time (s) | silhouette | 10-NN in own group |");
    let _ = writeln!(sec, "|---:|---:|---|---:|---|---:|---:|---:|");
    for r in lq.items() {
        let _ = writeln!(
            sec,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            fmt(r.get("nodes").as_f64(), 0),
            fmt(r.get("edges").as_f64(), 0),
            r.get("start").as_str().unwrap_or("?"),
            fmt(r.get("iterations").as_f64(), 0),
            r.get("converged")
                .as_bool()
                .map_or("?", |b| if b { "yes" } else { "no" }),
            fmt(r.get("time_s").as_f64(), 2),
            fmt(r.get("silhouette").as_f64(), 3),
            fmt(r.get("knn10_same_group").as_f64(), 3),
        );
    }
    if lq.items().is_empty() {
        let _ = writeln!(
            sec,
            "| (no figures: {}) ||||||||",
            missing(&lq, "quality examples", outcomes)
        );
    }
    let layout_sec = sec + &simd_section(&load("simd.json"), outcomes);

    // ----- communities
    let mut sec = String::new();
    let _ = writeln!(sec, "## Communities\n");
    let _ = writeln!(
        sec,
        "Best modularity over seeds and median time of one run. Ours: Leiden (`community::leiden`, default settings) \
         in wasm. graphology-communities-louvain in the same page, its partition scored with our `modularity` \
         (resolution 1, weighted). igraph: `community_leiden(objective_function=\"modularity\", n_iterations=-1)`, native, \
         from `tools/bench/community/compare.py` (best of {} seeds); ours native: criterion `community_*` (mean). \
         Planted graphs: mean degree 15, mixing 0.25.\n",
        fmt(igraph.get("seeds").as_f64(), 0)
    );
    let _ = writeln!(sec, "| graph | nodes | ties | Q ours | Q graphology | Q igraph | Q ours - igraph | met (>= -0.001) | ours, wasm (ms) | graphology (ms) | igraph, native (ms) | ours, native (ms) | time met (wasm <= igraph) |");
    let _ = writeln!(
        sec,
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|"
    );
    for r in community.get("graphs").items() {
        let name = r.get("graph").as_str().unwrap_or("?");
        let ig = igraph
            .get("graphs")
            .items()
            .iter()
            .find(|g| g.get("graph").as_str() == Some(name))
            .cloned()
            .unwrap_or(Json::Null);
        let q_ours = r.get("ours").get("best_modularity").as_f64();
        let q_ig = ig.get("igraph").get("best_modularity").as_f64();
        let gap = q_ours.zip(q_ig).map(|(a, b)| a - b);
        let q_met = met(gap.map(|g| g >= -0.001));
        let t_ours = r.get("ours").get("median_ms").as_f64();
        let t_ig = ig
            .get("igraph")
            .get("median_time_s")
            .as_f64()
            .map(|s| s * 1000.0);
        let nodes = r.get("nodes").as_f64().unwrap_or(0.0);
        let time_goal = nodes >= 10_000.0;
        let t_met = if time_goal {
            met(t_ours.zip(t_ig).map(|(a, b)| a <= b))
        } else {
            String::new()
        };
        let native = match name {
            "karate" | "lesmis" => criterion_ms(&format!("community_small/leiden/{name}")),
            _ => criterion_ms(&format!("community_planted/leiden/{nodes:.0}")),
        };
        let _ = writeln!(
            sec,
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            int(nodes),
            fmt(r.get("edges").as_f64(), 0),
            fmt(q_ours, 4),
            fmt(
                r.get("graphology_louvain").get("best_modularity").as_f64(),
                4
            ),
            fmt(q_ig, 4),
            gap.map_or("-".into(), |g| format!("{g:+.6}")),
            q_met,
            fmt(t_ours, 1),
            fmt(r.get("graphology_louvain").get("median_ms").as_f64(), 1),
            fmt(t_ig, 1),
            fmt(native, 1),
            t_met,
        );
        goals.push([
            format!("communities: modularity on {name}"),
            ">= igraph's - 0.001".into(),
            gap.map_or("-".into(), |g| format!("{g:+.6}")),
            q_met,
        ]);
        if time_goal {
            goals.push([
                format!("communities: browser time on {name}"),
                "<= igraph native".into(),
                format!("{} ms vs {} ms", fmt(t_ours, 0), fmt(t_ig, 0)),
                t_met,
            ]);
        }
    }
    if community.get("graphs").items().is_empty() {
        let _ = writeln!(
            sec,
            "| (no figures: {}) ||||||||||||",
            missing(&community, "in-browser benchmarks", outcomes)
        );
    }
    let community_sec = sec;

    // ----- import
    let mut sec = String::new();
    let _ = writeln!(sec, "## Import and tie inference\n");
    let _ = writeln!(
        sec,
        "In the browser: the bytes of a generated file handed to `import::import_files` (copy into wasm included), \
         median of the runs; inference: `infer::infer` with `InferSettings::for_size` over a generated LinkedIn export \
         (`sample::linkedin_sample`: connections, positions, messages). Native: criterion `import_graph` (mean).\n"
    );
    let csv = import.get("csv_edge_list");
    let conn = import.get("connections_csv");
    let inf = import.get("infer");
    let csv_goal = csv.get("goal_ms").as_f64().unwrap_or(1500.0);
    let inf_goal = inf.get("goal_ms").as_f64().unwrap_or(300.0);
    let csv_met = met(csv.get("ms").as_f64().map(|m| m < csv_goal));
    let inf_met = met(inf.get("ms").as_f64().map(|m| m < inf_goal));
    let _ = writeln!(
        sec,
        "| what | size | browser (ms) | native (ms) | goal | met |"
    );
    let _ = writeln!(sec, "|---|---|---:|---:|---|---|");
    let _ = writeln!(
        sec,
        "| CSV edge list (`Source,Target,Type,Weight`) | {} ties, {:.1} MB | {} | {} | < {csv_goal:.0} ms | {csv_met} |",
        fmt(csv.get("ties_read").as_f64(), 0),
        csv.get("size_bytes").as_f64().unwrap_or(0.0) / 1e6,
        fmt(csv.get("ms").as_f64(), 0),
        fmt(criterion_ms("import_graph/csv_edge_list_1m"), 0),
    );
    let _ = writeln!(
        sec,
        "| LinkedIn Connections.csv | {} rows, {:.1} MB | {} | | | |",
        fmt(conn.get("rows").as_f64(), 0),
        conn.get("size_bytes").as_f64().unwrap_or(0.0) / 1e6,
        fmt(conn.get("ms").as_f64(), 0),
    );
    let _ = writeln!(
        sec,
        "| tie inference | {} people -> {} ties | {} | | < {inf_goal:.0} ms | {inf_met} |",
        fmt(inf.get("people").as_f64(), 0),
        fmt(inf.get("ties").as_f64(), 0),
        fmt(inf.get("ms").as_f64(), 0),
    );
    if matches!(import, Json::Null) || import.get("error").as_str().is_some() {
        let _ = writeln!(
            sec,
            "\n(no browser figures: {})",
            missing(&import, "in-browser benchmarks", outcomes)
        );
    }
    goals.push([
        format!(
            "import: {}-tie CSV edge list in the browser",
            fmt(csv.get("ties_read").as_f64(), 0)
        ),
        format!("< {:.1} s", csv_goal / 1000.0),
        csv.get("ms")
            .as_f64()
            .map_or("-".into(), |m| format!("{:.2} s", m / 1000.0)),
        csv_met,
    ]);
    goals.push([
        format!(
            "tie inference for {} connections in the browser",
            fmt(inf.get("people").as_f64(), 0)
        ),
        format!("< {inf_goal:.0} ms"),
        fmt(inf.get("ms").as_f64(), 0) + " ms",
        inf_met,
    ]);
    // ----- memory
    let mib = |b: Option<f64>| b.map_or("-".to_string(), |b| format!("{:.0} MiB", b / 1048576.0));
    let peak = memory.get("wasm_memory_peak_bytes").as_f64();
    let budget = memory.get("budget_bytes").as_f64().unwrap_or(1073741824.0);
    let mem_met = met(peak.map(|p| p <= budget));
    let _ = writeln!(
        sec,
        "\n### Memory: a big graph file, start to finish\n\n\
         In the browser, first of all the steps (wasm memory only grows, so its size afterwards is the peak): \
         a generated CSV edge list built in JavaScript, imported, clustered (Leiden) and laid out (multilevel \
         ForceAtlas2 from the clusters, {} iterations).\n",
        fmt(memory.get("layout_steps").as_f64(), 0)
    );
    let _ = writeln!(
        sec,
        "| graph | file | time (ms) | wasm memory at start | peak | budget | met |"
    );
    let _ = writeln!(sec, "|---|---:|---:|---:|---:|---:|---|");
    let _ = writeln!(
        sec,
        "| {} nodes, {} ties, {} clusters | {:.1} MB | {} | {} | {} | {} | {mem_met} |",
        fmt(memory.get("nodes").as_f64(), 0),
        fmt(memory.get("ties").as_f64(), 0),
        fmt(memory.get("clusters").as_f64(), 0),
        memory.get("file_bytes").as_f64().unwrap_or(0.0) / 1e6,
        fmt(memory.get("ms").as_f64(), 0),
        mib(memory.get("wasm_memory_start_bytes").as_f64()),
        mib(peak),
        mib(Some(budget)),
    );
    if matches!(memory, Json::Null) || memory.get("error").as_str().is_some() {
        let _ = writeln!(
            sec,
            "\n(no memory figures: {})",
            missing(&memory, "in-browser benchmarks", outcomes)
        );
    }
    goals.push([
        format!(
            "memory: {} nodes / {} ties imported, clustered, laid out in the browser",
            fmt(memory.get("nodes").as_f64(), 0),
            fmt(memory.get("ties").as_f64(), 0)
        ),
        format!("<= {}", mib(Some(budget))),
        mib(peak),
        mem_met,
    ]);
    let _ = writeln!(
        sec,
        "\n### Inference quality (`cargo run --release -p tiemap-core --example infer_quality`)\n"
    );
    let _ = writeln!(sec, "Leiden clusters of the inferred network against the true chapters of generated exports (mean over seeds), native.\n");
    let _ = writeln!(
        sec,
        "| config | people | NMI | ARI | clusters | mean degree | inference (ms, native) |"
    );
    let _ = writeln!(sec, "|---|---:|---:|---:|---:|---:|---:|");
    for r in iq.items() {
        let _ = writeln!(
            sec,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.get("config").as_str().unwrap_or("?"),
            fmt(r.get("people").as_f64(), 0),
            fmt(r.get("nmi").as_f64(), 3),
            fmt(r.get("ari").as_f64(), 3),
            fmt(r.get("communities").as_f64(), 0),
            fmt(r.get("mean_degree").as_f64(), 1),
            fmt(r.get("infer_ms").as_f64(), 0),
        );
    }
    if iq.items().is_empty() {
        let _ = writeln!(
            sec,
            "| (no figures: {}) |||||||",
            missing(&iq, "quality examples", outcomes)
        );
    }
    let import_sec = sec;

    // ----- criterion
    let mut sec = String::new();
    let _ = writeln!(sec, "## Criterion benches of the core (native)\n");
    let _ = writeln!(
        sec,
        "`cargo bench -p tiemap-core`{}; mean with its 95 % confidence interval.\n",
        if quick { " (quick: a subset)" } else { "" }
    );
    let _ = writeln!(sec, "| bench | mean | 95 % CI | median | throughput |");
    let _ = writeln!(sec, "|---|---:|---:|---:|---:|");
    for b in crit.items() {
        let mean = b.get("mean_ns").as_f64().unwrap_or(f64::NAN);
        let tp = b
            .get("throughput_elements")
            .as_f64()
            .map_or(String::new(), |e| {
                format!("{:.1} M elements/s", e / (mean / 1e9) / 1e6)
            });
        let _ = writeln!(
            sec,
            "| `{}` | {} | {} - {} | {} | {} |",
            b.get("id").as_str().unwrap_or("?"),
            duration(mean),
            duration(b.get("mean_lower_ns").as_f64().unwrap_or(f64::NAN)),
            duration(b.get("mean_upper_ns").as_f64().unwrap_or(f64::NAN)),
            duration(b.get("median_ns").as_f64().unwrap_or(f64::NAN)),
            tp
        );
    }
    if crit.items().is_empty() {
        let _ = writeln!(
            sec,
            "| (no figures: {}) |||||",
            missing(&crit, "criterion benches", outcomes)
        );
    }
    let crit_sec = sec;
    let drawing_sec = drawing_section(&load("render.json"), outcomes, &mut goals);

    // ----- assemble: goals first
    let _ = writeln!(md, "## Goals\n");
    let _ = writeln!(md, "| what | goal | figure | met |\n|---|---|---|---|");
    for [what, goal, figure, m] in &goals {
        let _ = writeln!(md, "| {what} | {goal} | {figure} | {m} |");
    }
    let n_met = goals.iter().filter(|g| g[3] == "yes").count();
    let _ = writeln!(md, "\n{n_met} of {} goals met.\n", goals.len());
    md.push_str(&layout_sec);
    md.push('\n');
    md.push_str(&community_sec);
    md.push('\n');
    md.push_str(&import_sec);
    md.push('\n');
    md.push_str(&drawing_sec);
    md.push('\n');
    md.push_str(&crit_sec);
    let _ = writeln!(md, "\n## Steps of this run\n");
    let _ = writeln!(md, "| step | outcome |\n|---|---|");
    for (name, r) in outcomes {
        let outcome = match r {
            Ok(s) => format!("ok, {s:.0} s"),
            Err(e) => format!("**failed**: {}", e.replace('|', "/")),
        };
        let _ = writeln!(md, "| {name} | {outcome} |");
    }
    let _ = writeln!(
        md,
        "\nRaw results: `target/bench/{{criterion,layout_quality,infer_quality,igraph,layout,community,import,render}}.json`."
    );
    md
}

/// The "Drawing" section from `render.json`: frame times of our renderer and sigma.js 3 on
/// the same map and camera script, their ratio (goal <= 0.5), and the time to find the node
/// under the pointer (goal < 1 ms). Adds both goals to `goals`.
fn drawing_section(
    render: &Json,
    outcomes: &[(String, Result<f64, String>)],
    goals: &mut Vec<[String; 4]>,
) -> String {
    let mut sec = String::new();
    let _ = writeln!(sec, "## Drawing (ours vs sigma.js 3)\n");
    let nodes = render.get("nodes").as_f64();
    let ties = render.get("ties").as_f64();
    let viewport = render.get("viewport_css_px").items();
    let _ = writeln!(
        sec,
        "Frame times in headless Chromium (`--disable-gpu`: WebGL2 on SwiftShader, the CPU) while panning and zooming \
         a generated clustered map of {} people and {} ties ({} planted groups, each a cloud around its own centre) on a \
         {} x {} CSS px canvas at device pixel ratio {}: the same map, the same sizes and colours and the same script of \
         {} camera views ({} rounds, the sides alternating), drawn by our renderer (`TiemapRenderBench` in \
         `src/render/bench.rs`) and by sigma.js 3.0.3, in the same page. {}.\n",
        nodes.map_or("?".into(), int),
        ties.map_or("?".into(), int),
        fmt(render.get("groups").as_f64(), 0),
        fmt(viewport.first().and_then(Json::as_f64), 0),
        fmt(viewport.get(1).and_then(Json::as_f64), 0),
        fmt(render.get("device_pixel_ratio").as_f64(), 0),
        fmt(render.get("frames_per_round").as_f64(), 0),
        fmt(render.get("rounds").as_f64(), 0),
        render
            .get("timing")
            .as_str()
            .map_or("Timing: (not stated)".into(), |t| format!("Timed {t}"))
    );
    let ratio = render.get("ratio_mean").as_f64();
    let goal_ratio = render.get("goal_ratio").as_f64().unwrap_or(0.5);
    let _ = writeln!(
        sec,
        "| side | what it drew | mean (ms) | median (ms) | p95 (ms) | labels per frame |"
    );
    let _ = writeln!(sec, "|---|---|---:|---:|---:|---:|");
    for (name, key) in [("ours", "ours"), ("sigma.js 3", "sigma")] {
        let side = render.get(key);
        if matches!(side, Json::Null) {
            continue;
        }
        let what = side.get("drew").as_str().unwrap_or("").replace('|', "/");
        let what = match side.get("renderer").as_str() {
            Some(r) => format!("{r}: {what}"),
            None => what,
        };
        let _ = writeln!(
            sec,
            "| {name} | {what} | {} | {} | {} | {} |",
            fmt(side.get("mean_ms").as_f64(), 1),
            fmt(side.get("median_ms").as_f64(), 1),
            fmt(side.get("p95_ms").as_f64(), 1),
            fmt(side.get("labels_mean").as_f64(), 0),
        );
    }
    if matches!(render.get("ours"), Json::Null) {
        let _ = writeln!(
            sec,
            "| (no figures: {}) ||||||",
            missing(render, "in-browser benchmarks", outcomes)
        );
    }
    let ratio_met = met(ratio.map(|r| r <= goal_ratio));
    let _ = writeln!(
        sec,
        "\nOurs / sigma.js: mean {} (goal <= {goal_ratio}: {ratio_met}), median {}, p95 {}.",
        fmt(ratio, 2),
        fmt(render.get("ratio_median").as_f64(), 2),
        fmt(render.get("ratio_p95").as_f64(), 2),
    );
    goals.push([
        format!(
            "drawing: frame time while panning and zooming {} nodes / {} ties, ours / sigma.js 3",
            nodes.map_or("?".into(), int),
            ties.map_or("?".into(), int)
        ),
        format!("<= {goal_ratio}"),
        fmt(ratio, 2),
        ratio_met,
    ]);
    let pick = render.get("pick");
    let pick_ms = pick.get("ms_per_pick").as_f64();
    let goal_ms = pick.get("goal_ms").as_f64().unwrap_or(1.0);
    let pick_met = met(pick_ms.map(|ms| ms < goal_ms));
    let _ = writeln!(
        sec,
        "\nFinding the node under the pointer (`HitGrid::pick`, as the map does on each pointer move, one call from \
         JavaScript per point, {} points over the canvas): {} ms fitted, {} ms zoomed in 4x (goal < {goal_ms} ms: {pick_met}).",
        fmt(pick.get("points").as_f64(), 0),
        fmt(pick.get("ms_per_pick_fitted").as_f64(), 4),
        fmt(pick.get("ms_per_pick_zoomed_4x").as_f64(), 4),
    );
    goals.push([
        format!(
            "drawing: node under the pointer at {} nodes, in the browser",
            nodes.map_or("?".into(), int)
        ),
        format!("< {goal_ms} ms"),
        pick_ms.map_or("-".into(), |ms| format!("{ms:.4} ms")),
        pick_met,
    ]);
    sec
}

/// "yes", "**no**", or "?" when the figure is missing.
fn met(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "**no**".into(),
        None => "? (no figure)".into(),
    }
}

fn missing(j: &Json, step: &str, outcomes: &[(String, Result<f64, String>)]) -> String {
    if let Some(e) = j.get("error").as_str() {
        return e.replace('|', "/");
    }
    match outcomes.iter().find(|(n, _)| n == step) {
        Some((_, Err(e))) => format!("{step} failed: {}", e.replace('|', "/")),
        _ => format!("{step} wrote nothing"),
    }
}

fn fmt(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) if x.is_finite() => {
            if decimals == 0 {
                int(x)
            } else {
                format!("{x:.decimals$}")
            }
        }
        _ => "-".into(),
    }
}

/// `1234567` -> "1,234,567".
fn int(x: f64) -> String {
    let s = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 && s != "0" {
        out.insert(0, '-');
    }
    out
}

fn duration(ns: f64) -> String {
    if !ns.is_finite() {
        "-".into()
    } else if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn num(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        "null".into()
    }
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shell(program: &str, args: &[&str]) -> String {
    Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "?".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(", "))
        .unwrap_or_else(|_| "?".into())
}

// ---------------------------------------------------------------------------------------------
// A small JSON reader (xtask has no dependencies).

#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

static NULL: Json = Json::Null;

impl Json {
    fn parse(text: &str) -> Result<Json, String> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
        };
        let v = p.value()?;
        p.ws();
        if p.i != p.s.len() {
            return Err(format!("trailing characters at byte {}", p.i));
        }
        Ok(v)
    }

    /// The member `key` of an object, or null.
    fn get(&self, key: &str) -> &Json {
        match self {
            Json::Obj(m) => m.iter().find(|(k, _)| k == key).map_or(&NULL, |(_, v)| v),
            _ => &NULL,
        }
    }

    /// The items of an array (none for anything else).
    fn items(&self) -> &[Json] {
        match self {
            Json::Arr(a) => a,
            _ => &[],
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(x) => Some(*x),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        let err = |i: usize, what: &str| format!("expected {what} at byte {i}");
        match self.s.get(self.i) {
            None => Err(err(self.i, "a value")),
            Some(b'{') => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.eat("}") {
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.ws();
                    let Json::Str(key) = self.string()? else {
                        return Err(err(self.i, "a key"));
                    };
                    self.ws();
                    if !self.eat(":") {
                        return Err(err(self.i, "':'"));
                    }
                    let v = self.value()?;
                    members.push((key, v));
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("}") {
                        return Ok(Json::Obj(members));
                    }
                    return Err(err(self.i, "',' or '}'"));
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("]") {
                        return Ok(Json::Arr(items));
                    }
                    return Err(err(self.i, "',' or ']'"));
                }
            }
            Some(b'"') => self.string(),
            Some(_) if self.eat("true") => Ok(Json::Bool(true)),
            Some(_) if self.eat("false") => Ok(Json::Bool(false)),
            Some(_) if self.eat("null") => Ok(Json::Null),
            // Python's json writes NaN and Infinity bare
            Some(_) if self.eat("NaN") => Ok(Json::Num(f64::NAN)),
            Some(_) if self.eat("Infinity") => Ok(Json::Num(f64::INFINITY)),
            Some(_) if self.eat("-Infinity") => Ok(Json::Num(f64::NEG_INFINITY)),
            Some(_) => {
                let start = self.i;
                while self
                    .s
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_digit() || b"+-.eE".contains(c))
                {
                    self.i += 1;
                }
                std::str::from_utf8(&self.s[start..self.i])
                    .ok()
                    .and_then(|t| t.parse().ok())
                    .map(Json::Num)
                    .ok_or_else(|| err(start, "a number"))
            }
        }
    }

    fn string(&mut self) -> Result<Json, String> {
        if !self.eat("\"") {
            return Err(format!("expected '\"' at byte {}", self.i));
        }
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.i) else {
                return Err("unterminated string".into());
            };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else {
                        return Err("unterminated escape".into());
                    };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'u' => {
                            let hex = self
                                .s
                                .get(self.i..self.i + 4)
                                .and_then(|h| std::str::from_utf8(h).ok())
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .ok_or("bad \\u escape")?;
                            self.i += 4;
                            let ch = char::from_u32(hex).unwrap_or('\u{fffd}');
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
        Ok(Json::Str(String::from_utf8_lossy(&out).into_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_criterion_and_python_json() {
        let j = Json::parse(
            r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.5e6,"upper_bound":2e6},"point_estimate":1.75e6},
                "list":[1,-2.5,true,null,"a\"b\u00e9"], "q": NaN, "empty": {}}"#,
        )
        .unwrap_or(Json::Null);
        assert_eq!(j.get("mean").get("point_estimate").as_f64(), Some(1.75e6));
        assert_eq!(
            j.get("mean")
                .get("confidence_interval")
                .get("lower_bound")
                .as_f64(),
            Some(1.5e6)
        );
        let list = j.get("list").items();
        assert_eq!(list.len(), 5);
        assert_eq!(list[1].as_f64(), Some(-2.5));
        assert_eq!(list[2].as_bool(), Some(true));
        assert_eq!(list[4].as_str(), Some("a\"bé"));
        assert!(j.get("q").as_f64().is_some_and(f64::is_nan));
        assert_eq!(j.get("missing").get("deeper"), &Json::Null);
        assert!(Json::parse("[1, 2").is_err());
        assert!(Json::parse("{\"a\": 1} x").is_err());
    }

    #[test]
    fn formats_figures() {
        assert_eq!(int(1_234_567.0), "1,234,567");
        assert_eq!(int(999.0), "999");
        assert_eq!(fmt(Some(0.12345), 3), "0.123");
        assert_eq!(fmt(None, 2), "-");
        assert_eq!(fmt(Some(f64::NAN), 2), "-");
        assert_eq!(duration(2.5e6), "2.50 ms");
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(met(Some(false)), "**no**");
    }

    #[test]
    fn simd_table_comes_from_the_simd_area() {
        let simd = Json::parse(
            r#"{"simd128_supported": true, "warm_up_iterations": 30, "iteration": [
                {"nodes": 10000, "edges": 100000, "scalar_ms_per_iteration": 7.5,
                 "simd_ms_per_iteration": 5.0, "speedup": 1.5, "identical_positions": true},
                {"nodes": 30000, "edges": 150000, "scalar_ms_per_iteration": 20,
                 "simd_ms_per_iteration": 16, "speedup": 1.25, "identical_positions": false}]}"#,
        )
        .unwrap();
        let sec = simd_section(&simd, &[]);
        assert!(
            sec.contains("| 10,000 | 100,000 | 7.50 | 5.00 | 1.50x | yes |"),
            "{sec}"
        );
        assert!(
            sec.contains("| 30,000 | 150,000 | 20.00 | 16.00 | 1.25x | no |"),
            "{sec}"
        );
        assert!(sec.contains("supported by this browser: yes"));
        let failed = vec![(
            "in-browser benchmarks".to_string(),
            Err("no chromium".to_string()),
        )];
        let sec = simd_section(&Json::Null, &failed);
        assert!(sec.contains("(no figures: in-browser benchmarks failed: no chromium)"));
    }

    #[test]
    fn report_states_missing_figures_and_failed_steps() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-test-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let outcomes = vec![
            ("criterion benches".to_string(), Ok(1.0)),
            (
                "in-browser benchmarks".to_string(),
                Err("chromium missing".to_string()),
            ),
        ];
        let md = report(&dir, true, &outcomes);
        assert!(md.contains("generated"));
        assert!(md.contains("in-browser benchmarks failed: chromium missing"));
        assert!(md.contains("**failed**: chromium missing"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn drawing_section_states_frame_times_ratio_and_pick_goals() {
        let render = Json::parse(
            r#"{"nodes": 30000, "ties": 300000, "groups": 60, "viewport_css_px": [1280, 800],
                "device_pixel_ratio": 1, "frames_per_round": 120, "rounds": 4, "timing": "per frame",
                "ours": {"renderer": "webgl2", "drew": "discs | quads", "mean_ms": 20.0, "median_ms": 19.0, "p95_ms": 30.0, "labels_mean": 90},
                "sigma": {"drew": "sigma things", "mean_ms": 50.0, "median_ms": 48.0, "p95_ms": 70.0, "labels_mean": 80},
                "ratio_mean": 0.4, "ratio_median": 0.3958, "ratio_p95": 0.4286, "goal_ratio": 0.5,
                "pick": {"points": 1000, "ms_per_pick_fitted": 0.0021, "ms_per_pick_zoomed_4x": 0.0032,
                         "ms_per_pick": 0.0032, "goal_ms": 1}}"#,
        )
        .unwrap_or(Json::Null);
        let mut goals = Vec::new();
        let sec = drawing_section(&render, &[], &mut goals);
        assert!(sec.contains("## Drawing"));
        assert!(sec.contains("30,000 people and 300,000 ties"));
        // the side's description loses its '|' so the table keeps its columns
        assert!(sec.contains("| ours | webgl2: discs / quads | 20.0 | 19.0 | 30.0 | 90 |"));
        assert!(sec.contains("| sigma.js 3 | sigma things | 50.0 | 48.0 | 70.0 | 80 |"));
        assert!(sec.contains("mean 0.40 (goal <= 0.5: yes), median 0.40, p95 0.43"));
        assert!(sec.contains("0.0021 ms fitted, 0.0032 ms zoomed in 4x (goal < 1 ms: yes)"));
        assert_eq!(goals.len(), 2);
        assert_eq!(goals[0][2], "0.40");
        assert_eq!(goals[0][3], "yes");
        assert_eq!(goals[1][2], "0.0032 ms");

        // a slower renderer misses the goal; a missing file says why
        let slow = Json::parse(
            r#"{"ours": {"mean_ms": 60.0}, "sigma": {"mean_ms": 50.0}, "ratio_mean": 1.2}"#,
        )
        .unwrap_or(Json::Null);
        let mut goals = Vec::new();
        let sec = drawing_section(&slow, &[], &mut goals);
        assert!(sec.contains("goal <= 0.5: **no**"));
        assert_eq!(goals[0][3], "**no**");
        let outcomes = vec![(
            "in-browser benchmarks".to_string(),
            Err("no chromium".to_string()),
        )];
        let mut goals = Vec::new();
        let sec = drawing_section(&Json::Null, &outcomes, &mut goals);
        assert!(sec.contains("(no figures: in-browser benchmarks failed: no chromium)"));
        assert_eq!(goals[0][3], "? (no figure)");
    }
}
