//! The drawing area: frame times of our renderer and sigma.js 3 on the same map and camera
//! script, and the time to find the node under the pointer (`render.json`, page.mjs's
//! `render`).

use super::goals::{DRAW_RATIO, PICK};
use super::report::{fmt, int, Run, Section};
use super::results::Results;
use serde::Deserialize;
use std::fmt::Write as _;

/// `render.json`.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Render {
    pub nodes: Option<f64>,
    pub ties: Option<f64>,
    pub groups: Option<f64>,
    pub viewport_css_px: Vec<Option<f64>>,
    pub device_pixel_ratio: Option<f64>,
    pub frames_per_round: Option<f64>,
    pub rounds: Option<f64>,
    /// How a frame is timed, in words.
    pub timing: Option<String>,
    pub ours: Option<Side>,
    pub sigma: Option<Side>,
    /// ours over sigma.js's
    pub ratio_mean: Option<f64>,
    pub ratio_median: Option<f64>,
    pub ratio_p95: Option<f64>,
    pub pick: Pick,
}

/// One side's frames.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Side {
    /// ours only: "webgl2" or the fallback
    pub renderer: Option<String>,
    pub drew: Option<String>,
    pub mean_ms: Option<f64>,
    pub median_ms: Option<f64>,
    pub p95_ms: Option<f64>,
    pub labels_mean: Option<f64>,
}

/// `HitGrid::pick` over many points, fitted and zoomed in.
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Pick {
    pub points: Option<f64>,
    pub ms_per_pick_fitted: Option<f64>,
    pub ms_per_pick_zoomed_4x: Option<f64>,
    /// the slower of the two
    pub ms_per_pick: Option<f64>,
}

/// "Drawing (ours vs sigma.js 3)", with its goals: the frame time ratio and the pick time.
pub fn section(r: &Results, _run: &Run) -> Section {
    let render = &r.render.got;
    let mut goals = Vec::new();
    let mut sec = String::new();
    let _ = writeln!(sec, "## Drawing (ours vs sigma.js 3)\n");
    let nodes = render.nodes.map_or("?".into(), int);
    let ties = render.ties.map_or("?".into(), int);
    let viewport = |i: usize| render.viewport_css_px.get(i).copied().flatten();
    let _ = writeln!(
        sec,
        "Frame times in headless Chromium (`--disable-gpu`: WebGL2 on SwiftShader, the CPU) while panning and zooming \
         a generated clustered map of {nodes} people and {ties} ties ({} planted groups, each a cloud around its own centre) on a \
         {} x {} CSS px canvas at device pixel ratio {}: the same map, the same sizes and colours and the same script of \
         {} camera views ({} rounds, the sides alternating), drawn by our renderer (`TiemapRenderBench` in \
         `src/render/bench.rs`) and by sigma.js 3.0.3, in the same page. {}.\n",
        fmt(render.groups, 0),
        fmt(viewport(0), 0),
        fmt(viewport(1), 0),
        fmt(render.device_pixel_ratio, 0),
        fmt(render.frames_per_round, 0),
        fmt(render.rounds, 0),
        render
            .timing
            .as_deref()
            .map_or("Timing: (not stated)".into(), |t| format!("Timed {t}"))
    );
    let _ = writeln!(
        sec,
        "| side | what it drew | mean (ms) | median (ms) | p95 (ms) | labels per frame |"
    );
    let _ = writeln!(sec, "|---|---|---:|---:|---:|---:|");
    for (name, side) in [("ours", &render.ours), ("sigma.js 3", &render.sigma)] {
        let Some(side) = side else { continue };
        // without its '|', so the table keeps its columns
        let what = side.drew.as_deref().unwrap_or("").replace('|', "/");
        let what = match &side.renderer {
            Some(r) => format!("{r}: {what}"),
            None => what,
        };
        let _ = writeln!(
            sec,
            "| {name} | {what} | {} | {} | {} | {} |",
            fmt(side.mean_ms, 1),
            fmt(side.median_ms, 1),
            fmt(side.p95_ms, 1),
            fmt(side.labels_mean, 0),
        );
    }
    if render.ours.is_none() {
        let _ = writeln!(sec, "| (no figures: {}) ||||||", r.render.why());
    }
    let ratio = render.ratio_mean;
    let ratio_met = DRAW_RATIO.met(ratio);
    let _ = writeln!(
        sec,
        "\nOurs / sigma.js: mean {} (goal {}: {ratio_met}), median {}, p95 {}.",
        fmt(ratio, 2),
        DRAW_RATIO.bound(),
        fmt(render.ratio_median, 2),
        fmt(render.ratio_p95, 2),
    );
    goals.push(DRAW_RATIO.row(
        format!(
            "{} {nodes} nodes / {ties} ties, ours / sigma.js 3",
            DRAW_RATIO.what
        ),
        DRAW_RATIO.bound(),
        fmt(ratio, 2),
        ratio_met,
    ));
    let pick = &render.pick;
    let pick_met = PICK.met(pick.ms_per_pick);
    let _ = writeln!(
        sec,
        "\nFinding the node under the pointer (`HitGrid::pick`, as the map does on each pointer move, one call from \
         JavaScript per point, {} points over the canvas): {} ms fitted, {} ms zoomed in 4x (goal {}: {pick_met}).",
        fmt(pick.points, 0),
        fmt(pick.ms_per_pick_fitted, 4),
        fmt(pick.ms_per_pick_zoomed_4x, 4),
        PICK.bound(),
    );
    goals.push(
        PICK.row(
            format!("{} at {nodes} nodes, in the browser", PICK.what),
            PICK.bound(),
            pick.ms_per_pick
                .map_or("-".into(), |ms| format!("{ms:.4} ms")),
            pick_met,
        ),
    );
    Section {
        markdown: sec,
        goals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::goals::Met;
    use crate::bench::report::tests::machine;
    use crate::bench::results::Figures;

    fn section_of(render: Figures<Render>, outcomes: &[crate::bench::Outcome]) -> Section {
        let r = Results {
            render,
            ..Default::default()
        };
        let run = Run {
            quick: false,
            outcomes,
            machine: machine(),
        };
        section(&r, &run)
    }

    #[test]
    fn drawing_section_states_frame_times_ratio_and_pick_goals() {
        // as page.mjs's `render` writes it
        let render: Render = serde_json::from_str(
            r#"{"nodes": 30000, "ties": 300000, "groups": 60, "viewport_css_px": [1280, 800],
                "device_pixel_ratio": 1, "frames_per_round": 120, "rounds": 4, "warm_up_frames": 2, "timing": "per frame",
                "ours": {"renderer": "webgl2", "drew": "discs | quads", "mean_ms": 20.0, "median_ms": 19.0, "p95_ms": 30.0,
                         "max_ms": 40.0, "frames": 480, "labels_mean": 90, "frame_ms": [20.0]},
                "sigma": {"version": "3.0.3", "drew": "sigma things", "mean_ms": 50.0, "median_ms": 48.0, "p95_ms": 70.0, "labels_mean": 80},
                "ratio_mean": 0.4, "ratio_median": 0.3958, "ratio_p95": 0.4286,
                "pick": {"points": 1000, "ms_per_pick_fitted": 0.0021, "ms_per_pick_zoomed_4x": 0.0032,
                         "ms_per_pick": 0.0032, "hits": 10}}"#,
        )
        .unwrap();
        let s = section_of(Figures::of(render), &[]);
        let sec = &s.markdown;
        assert!(sec.contains("## Drawing"));
        assert!(sec.contains("30,000 people and 300,000 ties"));
        assert!(sec.contains("1,280 x 800 CSS px canvas"));
        // the side's description loses its '|' so the table keeps its columns
        assert!(sec.contains("| ours | webgl2: discs / quads | 20.0 | 19.0 | 30.0 | 90 |"));
        assert!(sec.contains("| sigma.js 3 | sigma things | 50.0 | 48.0 | 70.0 | 80 |"));
        assert!(sec.contains("mean 0.40 (goal <= 0.5: yes), median 0.40, p95 0.43"));
        assert!(sec.contains("0.0021 ms fitted, 0.0032 ms zoomed in 4x (goal < 1 ms: yes)"));
        assert_eq!(s.goals.len(), 2);
        assert_eq!(
            s.goals[0].what,
            "drawing: frame time while panning and zooming 30,000 nodes / 300,000 ties, ours / sigma.js 3"
        );
        assert_eq!(
            (s.goals[0].figure.as_str(), s.goals[0].met),
            ("0.40", Met::Yes)
        );
        assert_eq!(s.goals[1].figure, "0.0032 ms");

        // a slower renderer misses the goal; a missing file says why
        let slow = Render {
            ours: Some(Side {
                mean_ms: Some(60.0),
                ..Default::default()
            }),
            ratio_mean: Some(1.2),
            ..Default::default()
        };
        let s = section_of(Figures::of(slow), &[]);
        assert!(s.markdown.contains("goal <= 0.5: **no**"));
        assert_eq!(s.goals[0].met, Met::No);
        assert_eq!(s.goals[0].goal, "<= 0.5");
        let outcomes = vec![(
            "in-browser benchmarks".to_string(),
            Err("no chromium".to_string()),
        )];
        let s = section_of(
            crate::bench::results::tests::load(&[], &outcomes).render,
            &outcomes,
        );
        assert!(s
            .markdown
            .contains("(no figures: in-browser benchmarks failed: no chromium)"));
        assert_eq!(s.goals[0].met, Met::NoFigure);
        assert_eq!(s.goals[0].met.to_string(), "? (no figure)");
    }
}
