//! The layout area: one ForceAtlas2 iteration, ours in wasm against graphology and against
//! ours native, and a map settling in the browser (`layout.json`, page.mjs's `layout`); the
//! native quality table (`layout_quality.json`); the same iteration on the plain and the
//! `+simd128` wasm (`simd.json`, page.mjs's `simd`).

use super::criterion;
use super::examples::layout_quality_table;
use super::goals::{Met, Unit, LAYOUT_SPEEDUP, LAYOUT_WASM_NATIVE, SETTLE_SILHOUETTE, SETTLE_TIME};
use super::report::{fmt, int, table, times, yes_no, Run, Section};
use super::results::{Figures, Results};
use serde::Deserialize;
use std::fmt::Write as _;

/// `layout.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Layout {
    pub browser: Option<String>,
    pub warm_up_iterations: Option<f64>,
    pub iteration: Vec<Iteration>,
    pub settle: Option<Settle>,
}

/// One graph's iteration, ours and graphology's (median ms of batches).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Iteration {
    pub nodes: Option<f64>,
    pub edges: Option<f64>,
    pub ours_ms_per_iteration: Option<f64>,
    pub graphology_ms_per_iteration: Option<f64>,
    /// graphology's time over ours
    pub speedup: Option<f64>,
}

/// The app's loop on a planted graph: Leiden, then layout steps, the silhouette after each.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Settle {
    pub nodes: Option<f64>,
    pub edges: Option<f64>,
    pub groups: Option<f64>,
    pub mean_degree: Option<f64>,
    pub mixing: Option<f64>,
    pub leiden_ms: Option<f64>,
    #[serde(rename = "final")]
    pub last: Option<Point>,
    pub converged: Option<bool>,
    /// After each step, in order.
    pub trace: Vec<Point>,
}

/// The layout after a step: layout time so far, iterations, level (0: the full graph) and the
/// silhouette of the planted groups.
#[derive(Deserialize, Debug, Default, Clone, Copy, PartialEq)]
#[serde(default)]
pub struct Point {
    pub ms: Option<f64>,
    pub iterations: Option<f64>,
    pub level: Option<f64>,
    pub silhouette: Option<f64>,
}

impl Settle {
    /// The first point on the full graph with the settled silhouette ([`SETTLE_SILHOUETTE`]).
    pub fn settled(&self) -> Option<&Point> {
        self.trace
            .iter()
            .find(|p| p.level == Some(0.0) && SETTLE_SILHOUETTE.met(p.silhouette) == Met::Yes)
    }

    /// The last point within the goal's time ([`SETTLE_TIME`]).
    pub fn at_goal_time(&self) -> Option<&Point> {
        self.trace
            .iter()
            .rev()
            .find(|p| p.ms.is_some_and(|ms| ms <= SETTLE_TIME.threshold))
    }
}

/// `simd.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Simd {
    pub simd128_supported: Option<bool>,
    pub warm_up_iterations: Option<f64>,
    pub iteration: Vec<SimdIteration>,
}

#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct SimdIteration {
    pub nodes: Option<f64>,
    pub edges: Option<f64>,
    pub scalar_ms_per_iteration: Option<f64>,
    pub simd_ms_per_iteration: Option<f64>,
    pub speedup: Option<f64>,
    /// Both builds' positions equal bit for bit at the end.
    pub identical_positions: Option<bool>,
}

/// "Layout (ForceAtlas2)", with its goals: the speedup over graphology, wasm against native,
/// and the time to a settled map.
pub fn section(r: &Results, _run: &Run) -> Section {
    let layout = &r.layout.got;
    let mut goals = Vec::new();
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
        layout.warm_up_iterations.map_or("?".into(), |x| format!("{x:.0}"))
    );
    let mut rows = Vec::new();
    for row in &layout.iteration {
        let nodes = row.nodes.unwrap_or(0.0);
        let edges = row.edges.unwrap_or(0.0);
        let ours = row.ours_ms_per_iteration;
        let native =
            criterion::native_ms(&r.criterion.got, &criterion::fa2_iteration(nodes, edges));
        let ratio = ours.zip(native).map(|(w, n)| w / n);
        let speed_goal = LAYOUT_SPEEDUP.applies_to(nodes);
        let speed_met = LAYOUT_SPEEDUP.met(row.speedup);
        let ratio_met = LAYOUT_WASM_NATIVE.met(ratio);
        let when = |stated: bool, s: String| if stated { s } else { String::new() };
        rows.push(vec![
            int(nodes),
            int(edges),
            fmt(ours, 2),
            fmt(row.graphology_ms_per_iteration, 1),
            times(row.speedup, 1),
            when(speed_goal, LAYOUT_SPEEDUP.bound()),
            when(speed_goal, speed_met.to_string()),
            fmt(native, 2),
            fmt(ratio, 2),
            when(native.is_some(), LAYOUT_WASM_NATIVE.bound_as(Unit::Number)),
            when(native.is_some(), ratio_met.to_string()),
        ]);
        if speed_goal {
            goals.push(LAYOUT_SPEEDUP.row(
                format!(
                    "{} at {} nodes / {} ties",
                    LAYOUT_SPEEDUP.what,
                    int(nodes),
                    int(edges)
                ),
                format!("{} faster", LAYOUT_SPEEDUP.bound()),
                fmt(row.speedup, 1) + "x",
                speed_met,
            ));
        }
        if native.is_some() {
            goals.push(LAYOUT_WASM_NATIVE.row(
                format!("{}, {} nodes", LAYOUT_WASM_NATIVE.what, int(nodes)),
                format!("wasm {} native", LAYOUT_WASM_NATIVE.bound()),
                fmt(ratio, 2) + "x",
                ratio_met,
            ));
        }
    }
    sec.push_str(&table(
        "| nodes | ties | ours, wasm (ms) | graphology (ms) | speedup | goal | met | ours, native (ms) | wasm / native | goal | met |\n\
         |---:|---:|---:|---:|---:|---|---|---:|---:|---|---|",
        &rows,
        r.layout.why(),
    ));
    let (settle, goal) = settle_table(layout.settle.as_ref());
    sec.push_str(&settle);
    goals.push(goal);
    sec.push_str(&layout_quality_table(&r.layout_quality));
    sec.push_str(&simd_table(&r.simd));
    Section {
        markdown: sec,
        goals,
    }
}

/// "Settling a map in the browser", and its goal.
fn settle_table(s: Option<&Settle>) -> (String, super::goals::GoalRow) {
    let get = |f: fn(&Settle) -> Option<f64>| s.and_then(f);
    let settled = s.and_then(Settle::settled);
    let at_goal = s.and_then(Settle::at_goal_time);
    let last = s.and_then(|s| s.last);
    let nodes = get(|s| s.nodes).unwrap_or(0.0);
    let settled_ms = settled.and_then(|p| p.ms);
    // a map that never settled misses the goal; no map is no figure
    let met = match s {
        None => Met::NoFigure,
        Some(_) => settled_ms.map_or(Met::No, |ms| SETTLE_TIME.met(Some(ms))),
    };
    let mut sec = String::new();
    let _ = writeln!(
        sec,
        "\n### Settling a {}-node map in the browser\n",
        int(nodes)
    );
    let _ = writeln!(
        sec,
        "The app's loop: Leiden first, then `LayoutState::step(10)` repeatedly with `Fa2Settings::infer` \
         (multilevel, `LayoutStart::Communities` from Leiden's labels), timing the steps only; after each call, \
         the silhouette (`layout::quality::silhouette`) of the planted groups in the drawing. Planted graph: {} groups, \
         mean degree {}, mixing {}.\n",
        fmt(get(|s| s.groups), 0),
        fmt(get(|s| s.mean_degree), 0),
        fmt(get(|s| s.mixing), 2)
    );
    let _ = writeln!(sec, "| measure | figure |\n|---|---:|");
    let _ = writeln!(sec, "| ties | {} |", fmt(get(|s| s.edges), 0));
    let _ = writeln!(
        sec,
        "| Leiden before the layout (ms) | {} |",
        fmt(get(|s| s.leiden_ms), 0)
    );
    let _ = writeln!(
        sec,
        "| layout time to silhouette {} on the full graph (ms) | {} |",
        SETTLE_SILHOUETTE.bound(),
        settled_ms.map_or("not reached".into(), |m| format!(
            "{m:.0} ({} iterations)",
            fmt(settled.and_then(|p| p.iterations), 0)
        ))
    );
    let _ = writeln!(
        sec,
        "| silhouette after {:.0} ms of layout | {} |",
        SETTLE_TIME.threshold,
        fmt(at_goal.and_then(|p| p.silhouette), 3)
    );
    let _ = writeln!(
        sec,
        "| at the end: time (ms), iterations, silhouette, converged | {}, {}, {}, {} |",
        fmt(last.and_then(|p| p.ms), 0),
        fmt(last.and_then(|p| p.iterations), 0),
        fmt(last.and_then(|p| p.silhouette), 3),
        yes_no(s.and_then(|s| s.converged), "no (time budget)")
    );
    let goal = SETTLE_TIME.row(
        format!("{}-node {}", int(nodes), SETTLE_TIME.what),
        format!(
            "silhouette {} within {}",
            SETTLE_SILHOUETTE.bound(),
            SETTLE_TIME.value()
        ),
        settled_ms.map_or_else(
            || {
                format!(
                    "not reached; {} at {}",
                    fmt(at_goal.and_then(|p| p.silhouette), 3),
                    SETTLE_TIME.value()
                )
            },
            |m| format!("{:.2} s", m / 1000.0),
        ),
        met,
    );
    (sec, goal)
}

/// The "wasm simd128" part of the layout section.
fn simd_table(simd: &Figures<Simd>) -> String {
    let mut sec = String::new();
    let _ = writeln!(sec, "\n### wasm simd128\n");
    let _ = writeln!(
        sec,
        "The same layout iteration as above (ours only), on the plain wasm build and on the build with \
         `-C target-feature=+simd128` (four-lane Barnes-Hut walk and attraction, `layout/lanes.rs`), both loaded \
         in the same page, batches alternating between them; median ms per iteration after {} warm-up iterations. \
         \"same picture\": both builds' positions are equal bit for bit at the end. simd128 supported by this \
         browser: {}. See docs/layout-speed.md.\n",
        fmt(simd.got.warm_up_iterations, 0),
        yes_no(simd.got.simd128_supported, "no")
    );
    let rows: Vec<Vec<String>> = simd
        .got
        .iteration
        .iter()
        .map(|r| {
            vec![
                int(r.nodes.unwrap_or(0.0)),
                int(r.edges.unwrap_or(0.0)),
                fmt(r.scalar_ms_per_iteration, 2),
                fmt(r.simd_ms_per_iteration, 2),
                times(r.speedup, 2),
                yes_no(r.identical_positions, "no").to_string(),
            ]
        })
        .collect();
    sec + &table(
        "| nodes | ties | plain wasm (ms) | simd128 wasm (ms) | speedup | same picture |\n\
         |---:|---:|---:|---:|---:|---|",
        &rows,
        simd.why(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::report::tests::machine;

    fn point(ms: f64, level: f64, silhouette: Option<f64>) -> Point {
        Point {
            ms: Some(ms),
            iterations: Some(ms / 10.0),
            level: Some(level),
            silhouette,
        }
    }

    #[test]
    fn settling_is_read_from_the_trace() {
        let mut settle = Settle {
            nodes: Some(30_000.0),
            trace: vec![
                // a coarse level does not count, nor a silhouette that is not a number
                point(500.0, 1.0, Some(0.9)),
                point(1000.0, 0.0, None),
                point(1500.0, 0.0, Some(0.79)),
                point(2000.0, 0.0, Some(0.81)),
                point(3000.0, 0.0, Some(0.83)),
                point(3500.0, 0.0, Some(0.85)),
            ],
            ..Default::default()
        };
        assert_eq!(settle.settled().and_then(|p| p.ms), Some(2000.0));
        assert_eq!(settle.at_goal_time().and_then(|p| p.ms), Some(3000.0));
        let (table, goal) = settle_table(Some(&settle));
        assert!(table.contains("| layout time to silhouette >= 0.8 on the full graph (ms) | 2000 (200 iterations) |"), "{table}");
        assert!(table.contains("| silhouette after 3000 ms of layout | 0.830 |"));
        assert_eq!(goal.what, "layout: 30,000-node map settles");
        assert_eq!(goal.goal, "silhouette >= 0.8 within 3 s");
        assert_eq!((goal.figure.as_str(), goal.met), ("2.00 s", Met::Yes));

        // settled too late: missed; never settled: missed, with the silhouette at 3 s
        settle.trace.retain(|p| p.ms != Some(2000.0));
        let (_, goal) = settle_table(Some(&settle));
        assert_eq!((goal.figure.as_str(), goal.met), ("3.00 s", Met::Yes));
        settle.trace.retain(|p| p.ms != Some(3000.0));
        let (_, goal) = settle_table(Some(&settle));
        assert_eq!((goal.figure.as_str(), goal.met), ("3.50 s", Met::No));
        settle.trace.truncate(3);
        let (_, goal) = settle_table(Some(&settle));
        assert_eq!(
            (goal.figure.as_str(), goal.met),
            ("not reached; 0.790 at 3 s", Met::No)
        );
        let (_, goal) = settle_table(None);
        assert_eq!(goal.met, Met::NoFigure);
    }

    #[test]
    fn iteration_goals_apply_by_size_and_native_figure() {
        let iteration = |nodes: f64, edges: f64, ours: f64, theirs: f64| Iteration {
            nodes: Some(nodes),
            edges: Some(edges),
            ours_ms_per_iteration: Some(ours),
            graphology_ms_per_iteration: Some(theirs),
            speedup: Some(theirs / ours),
        };
        let r = Results {
            layout: Figures::of(Layout {
                warm_up_iterations: Some(30.0),
                iteration: vec![
                    iteration(1_000.0, 5_000.0, 0.35, 3.4),
                    iteration(10_000.0, 100_000.0, 5.0, 40.0),
                ],
                ..Default::default()
            }),
            criterion: Figures::of(vec![criterion::Bench {
                id: criterion::fa2_iteration(10_000.0, 100_000.0),
                mean_ns: Some(2.5e6),
                ..Default::default()
            }]),
            ..Default::default()
        };
        let run = Run {
            quick: false,
            outcomes: &[],
            machine: machine(),
        };
        let s = section(&r, &run);
        assert!(s.markdown.contains("after 30 warm-up iterations"));
        // 1,000 nodes: no speed goal, no native figure
        assert!(s
            .markdown
            .contains("| 1,000 | 5,000 | 0.35 | 3.4 | 9.7x |  |  | - | - |  |  |"));
        // 10,000 nodes: 8x misses ">= 10x"; wasm at 2x native misses "<= 1.5"
        assert!(s.markdown.contains(
            "| 10,000 | 100,000 | 5.00 | 40.0 | 8.0x | >= 10x | **no** | 2.50 | 2.00 | <= 1.5 | **no** |"
        ));
        let rows: Vec<(&str, &str, &str, Met)> = s
            .goals
            .iter()
            .map(|g| (g.what.as_str(), g.goal.as_str(), g.figure.as_str(), g.met))
            .collect();
        assert_eq!(
            rows[..2],
            [
                (
                    "layout: ours vs graphology at 10,000 nodes / 100,000 ties",
                    ">= 10x faster",
                    "8.0x",
                    Met::No
                ),
                (
                    "layout: iteration, wasm vs native, 10,000 nodes",
                    "wasm <= 1.5x native",
                    "2.00x",
                    Met::No
                ),
            ]
        );
        // the settle goal without figures
        assert_eq!(rows[2].3, Met::NoFigure);
    }

    #[test]
    fn simd_table_comes_from_the_simd_area() {
        let simd: Simd = serde_json::from_str(
            r#"{"simd128_supported": true, "warm_up_iterations": 30, "iteration": [
                {"nodes": 10000, "edges": 100000, "scalar_ms_per_iteration": 7.5,
                 "simd_ms_per_iteration": 5.0, "speedup": 1.5, "identical_positions": true},
                {"nodes": 30000, "edges": 150000, "scalar_ms_per_iteration": 20,
                 "simd_ms_per_iteration": 16, "speedup": 1.25, "identical_positions": false}]}"#,
        )
        .unwrap();
        let sec = simd_table(&Figures::of(simd));
        assert!(
            sec.contains("| 10,000 | 100,000 | 7.50 | 5.00 | 1.50x | yes |"),
            "{sec}"
        );
        assert!(
            sec.contains("| 30,000 | 150,000 | 20.00 | 16.00 | 1.25x | no |"),
            "{sec}"
        );
        assert!(sec.contains("supported by this browser: yes"));
        let sec = simd_table(&Figures::default());
        assert!(sec.contains("(no figures: not measured)"));
    }
}
