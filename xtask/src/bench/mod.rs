//! `cargo xtask bench [--quick]`: every benchmark, then their figures into `docs/benchmarks.md`.
//! `cargo xtask bench page [--quick]`: the built page's step alone ([`page`]), its section and
//! goals printed; `docs/benchmarks.md` is left as it is.
//!
//! The bench has *steps*, which measure and write JSON files under `target/bench/`, and
//! *areas* of the report, which read those files back as typed results and write a section of
//! the page with its goals. Each step runs even when an earlier one failed; the command fails
//! if any did.
//!
//! | step (module) | what it runs | writes |
//! |---|---|---|
//! | criterion benches ([`criterion`]) | `cargo bench -p tiemap-core`, read back from `target/criterion/**/new/{benchmark,estimates}.json` | `criterion.json` |
//! | quality examples ([`examples`]) | the `layout_quality` and `infer_quality` examples | `layout_quality.json`, `infer_quality.json` |
//! | legibility example ([`legibility`]) | tiemap-app's `legibility` example (the hard exports through `Session::open`) | `legibility.json` |
//! | checking example ([`checking`]) | tiemap-app's `checking` example (a simulated person answers the page's questions on each hard export) | `checking.json` |
//! | igraph comparison ([`igraph`]) | `tools/bench/community/compare.py` in a venv at `target/bench/venv` | `igraph.json` |
//! | in-browser benchmarks ([`browser`]) | `src/bin/bench.rs` built for wasm32 (plain and `+simd128`), the renderer, graphology and sigma.js bundled by esbuild, headless Chromium through `tools/bench/browser/run.mjs` | `{memory,layout,simd,community,import,render}.json` |
//! | the built page ([`page`]) | `cargo xtask build` into `dist/`, generated files under `target/bench/page/`, headless Chromium through `tools/bench/page/run.mjs` (open the page, drop each file, wait for "Layout settled") | `page.json` |
//! | report ([`report`]) | reads all of the above ([`results::Results`]) | `docs/benchmarks.md` (with `--quick`: small sizes only, and `target/bench/benchmarks-quick.md`) |
//!
//! The report's areas, in the page's order: [`layout`] (ForceAtlas2 in the browser, settling a
//! map, native quality, simd128), [`communities`] (ours, graphology, igraph), [`import`] (import,
//! inference, memory, inference quality), [`drawing`] (ours vs sigma.js 3, picking),
//! [`legibility`] (the maps of realistic exports), [`page`] (what a person waits for on the built
//! site) and [`criterion`] (the native benches). Every goal they check is in [`goals`], once: the
//! JavaScript runner only measures and writes raw figures.
//!
//! # Adding an area
//!
//! Say `legibility`, measured in the browser:
//!
//! 1. **Measure.** A function `legibility(cfg)` in `tools/bench/browser/page.mjs` (listed in
//!    `window.tiemapBench`), its sizes in run.mjs's `FULL` and `QUICK`, and
//!    `{ name: 'legibility', file: 'legibility.json', ... }` in run.mjs's `ALL_AREAS`. It
//!    returns raw figures only: no thresholds and no pass/fail in JavaScript. An area measured
//!    outside the browser gets a step of its own instead: a module with
//!    `pub fn run(ctx: &Ctx) -> Result<(), String>`, listed in [`STEPS`] with the files it writes.
//! 2. **Typed results.** A module `bench/legibility.rs` with the file's
//!    `#[derive(Deserialize, Default)] #[serde(default)]` struct (only the fields the report
//!    reads; numbers as `Option<f64>`, as JavaScript writes NaN as null and an area that failed
//!    writes only `error`); its file name in its step's outputs (`browser::FILES`), so a failed
//!    run leaves no older figures behind; and a field of [`results::Results`], read in
//!    `Results::load`.
//! 3. **Goals.** Its `Goal`s in [`goals`] (area, what, threshold, direction, unit, and the
//!    graphs they are stated for): the only place a threshold is written.
//! 4. **Report section.** `pub fn section(r: &Results, run: &Run) -> Section` in the module
//!    (`report::{Run, Section}`): its markdown (`report::table` for a table with its
//!    "(no figures: ...)" line), and a [`goals::GoalRow`] per goal, made by `goal.row(..)` with
//!    `goal.met(figure)`, which the page's goals table and "N of M goals met" line take up.
//!    List it in `report::SECTIONS`, where the order is the page's.
//! 5. **Tests.** Render the section from typed values (`Figures::of`), with one goal met and
//!    one missed (see `report::tests::report_states_met_and_missed_goals`).

mod browser;
mod checking;
mod communities;
mod criterion;
mod drawing;
mod examples;
mod goals;
mod igraph;
mod import;
mod layout;
mod legibility;
mod page;
mod report;
mod results;

use crate::run::root;
use crate::tools::{ensure_build_tools, ToolEnv};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

/// What a step is given.
pub struct Ctx<'a> {
    pub env: &'a ToolEnv,
    pub quick: bool,
    /// `target/bench/`
    pub out: &'a Path,
    /// When the bench started (criterion's results older than this are an earlier run's).
    pub started: SystemTime,
}

/// A step of the bench: its name in the log and in the report, the files it writes under
/// `target/bench/`, and how it runs.
pub struct Step {
    pub name: &'static str,
    pub outputs: &'static [&'static str],
    pub run: fn(&Ctx) -> Result<(), String>,
}

/// The steps, in the order they run.
pub const STEPS: [Step; 7] = [
    Step {
        name: criterion::STEP,
        outputs: &[criterion::FILE],
        run: criterion::run,
    },
    Step {
        name: examples::STEP,
        outputs: &[examples::LAYOUT_QUALITY, examples::INFER_QUALITY],
        run: examples::run,
    },
    Step {
        name: legibility::STEP,
        outputs: &[legibility::FILE],
        run: legibility::run,
    },
    Step {
        name: checking::STEP,
        outputs: &[checking::FILE],
        run: checking::run,
    },
    Step {
        name: igraph::STEP,
        outputs: &[igraph::FILE],
        run: igraph::run,
    },
    Step {
        name: browser::STEP,
        outputs: &browser::FILES,
        run: browser::run,
    },
    Step {
        name: page::STEP,
        outputs: &[page::FILE],
        run: page::run,
    },
];

/// A step's name and how it went: its time in seconds, or why it failed.
pub type Outcome = (String, Result<f64, String>);

pub fn bench(args: &[String]) -> Result<(), String> {
    let quick = args.iter().any(|a| a == "--quick");
    let page_only = args.iter().any(|a| a == "page");
    let checking_only = args.iter().any(|a| a == "checking");
    if let Some(other) = args
        .iter()
        .find(|a| !matches!(a.as_str(), "--quick" | "page" | "checking"))
    {
        return Err(format!(
            "unknown argument {other:?}: usage: cargo xtask bench [page | checking] [--quick]"
        ));
    }
    let env = ensure_build_tools()?;
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let chosen: Vec<&Step> = STEPS
        .iter()
        .filter(|s| !page_only || s.name == page::STEP)
        .filter(|s| !checking_only || s.name == checking::STEP)
        .collect();
    // A step that fails leaves no figures behind, rather than an older run's.
    for file in chosen.iter().flat_map(|s| s.outputs) {
        let _ = std::fs::remove_file(out.join(file));
    }
    let ctx = Ctx {
        env: &env,
        quick,
        out: &out,
        started: SystemTime::now(),
    };
    let mut steps = Steps::default();
    for step in chosen {
        steps.run(step.name, || (step.run)(&ctx));
    }
    if page_only || checking_only {
        // Only the area's section and goals, printed.
        let results = results::Results::load(&out, &steps.outcomes);
        let run = report::Run {
            quick,
            outcomes: &steps.outcomes,
            machine: report::Machine::this(),
        };
        let section = if page_only {
            page::section(&results, &run)
        } else {
            checking::section(&results, &run)
        };
        let m = &run.machine;
        println!(
            "\n{} ({} cores, {}; load average {})\n",
            m.date, m.cores, m.cpu, m.load_average
        );
        println!("{}", section.markdown);
        println!("| what | goal | figure | met |\n|---|---|---|---|");
        for g in &section.goals {
            println!("| {} | {} | {} | {} |", g.what, g.goal, g.figure, g.met);
        }
        return steps.finish();
    }
    let report_path = if quick {
        out.join("benchmarks-quick.md")
    } else {
        root().join("docs/benchmarks.md")
    };
    let outcomes = steps.outcomes.clone();
    steps.run("report", || {
        let results = results::Results::load(&out, &outcomes);
        let run = report::Run {
            quick,
            outcomes: &outcomes,
            machine: report::Machine::this(),
        };
        write(&report_path, &report::render(&results, &run))?;
        println!("xtask bench: wrote {}", report_path.display());
        Ok(())
    });
    steps.finish()
}

/// Outcome of each step, in order.
#[derive(Default)]
struct Steps {
    outcomes: Vec<Outcome>,
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
