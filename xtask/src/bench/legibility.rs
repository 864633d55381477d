//! The legibility area: how legible the map of a realistic export is. Its step runs
//! `crates/tiemap-app/examples/legibility.rs` natively, which opens each hard export
//! (`tiemap_core::sample::hard`) and the bundled sample through the page's pipeline
//! (`Session::open`), settles it and measures it (`tiemap_app::legibility`), into
//! `legibility.json`. Its goals hold on every hard export; the sample is shown for reference.

use super::goals::{
    Direction, Goal, GoalRow, Met, LEGIBLE_CLUSTERS, LEGIBLE_DUPLICATES, LEGIBLE_NAMES_CLIPPED,
    LEGIBLE_NAMES_MISSING, LEGIBLE_NAMES_OVERLAPPING, LEGIBLE_SILHOUETTE, LEGIBLE_TOP_SHARE,
};
use super::report::{fmt, table, yes_no, Run, Section};
use super::results::Results;
use super::{stdout_of, Ctx};
use crate::run::command;
use serde::Deserialize;
use std::fmt::Write as _;

pub const STEP: &str = "legibility example";
pub const FILE: &str = "legibility.json";
/// The name the example gives the bundled sample (`tiemap_app::legibility::SAMPLE_NAME`):
/// no hard export, so no goal is stated for it.
pub const SAMPLE_NAME: &str = "bundled sample";

/// One map of `legibility.json` (`tiemap_app::legibility::Legibility`).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Legibility {
    pub export: Option<String>,
    pub people: Option<f64>,
    pub top_clusters: Option<f64>,
    pub top_share: Option<f64>,
    pub clusters_over_1pct: Option<f64>,
    pub duplicate_names: Option<f64>,
    pub silhouette: Option<f64>,
    pub nmi: Option<f64>,
    pub truth_matched: Option<f64>,
    pub names_expected: Option<f64>,
    pub names_drawn: Option<f64>,
    pub names_clipped: Option<f64>,
    pub names_overlapping: Option<f64>,
    pub settle_iterations: Option<f64>,
    pub settled: Option<bool>,
}

impl Legibility {
    fn name(&self) -> &str {
        self.export.as_deref().unwrap_or("?")
    }

    fn is_hard(&self) -> bool {
        self.export.as_deref() != Some(SAMPLE_NAME)
    }

    /// Expected cluster names that are not on the map.
    fn names_missing(&self) -> Option<f64> {
        Some(self.names_expected? - self.names_drawn?)
    }

    /// The figure each goal is checked on, with how it is written.
    fn figures(&self) -> [(Goal, Option<f64>, String); 7] {
        [
            (
                LEGIBLE_CLUSTERS,
                self.top_clusters,
                fmt(self.top_clusters, 0),
            ),
            (LEGIBLE_TOP_SHARE, self.top_share, fmt(self.top_share, 3)),
            (
                LEGIBLE_DUPLICATES,
                self.duplicate_names,
                fmt(self.duplicate_names, 0),
            ),
            (LEGIBLE_SILHOUETTE, self.silhouette, fmt(self.silhouette, 3)),
            (
                LEGIBLE_NAMES_MISSING,
                self.names_missing(),
                format!(
                    "{} ({} of {} drawn)",
                    fmt(self.names_missing(), 0),
                    fmt(self.names_drawn, 0),
                    fmt(self.names_expected, 0)
                ),
            ),
            (
                LEGIBLE_NAMES_CLIPPED,
                self.names_clipped,
                fmt(self.names_clipped, 0),
            ),
            (
                LEGIBLE_NAMES_OVERLAPPING,
                self.names_overlapping,
                fmt(self.names_overlapping, 0),
            ),
        ]
    }
}

pub fn run(ctx: &Ctx) -> Result<(), String> {
    run_app_example(ctx, "legibility", FILE)
}

/// Runs tiemap-app's example `name` (release, natively) with `--out target/bench/<file>`.
pub(super) fn run_app_example(ctx: &Ctx, name: &str, file: &str) -> Result<(), String> {
    let mut cmd = command(ctx.env, "cargo");
    cmd.args([
        "run",
        "--release",
        "-p",
        "tiemap-app",
        "--example",
        name,
        "--",
        "--out",
    ])
    .arg(ctx.out.join(file));
    print!("{}", stdout_of(&mut cmd, &format!("the {name} example"))?);
    Ok(())
}

/// "Legibility of realistic exports": a table per export, and a goal row per goal that
/// holds when it holds on every hard export.
pub fn section(r: &Results, _run: &Run) -> Section {
    let maps = &r.legibility.got;
    let hard: Vec<&Legibility> = maps.iter().filter(|m| m.is_hard()).collect();
    let mut sec = String::new();
    let _ = writeln!(sec, "## Legibility of realistic exports\n");
    let _ = writeln!(
        sec,
        "`cargo run --release -p tiemap-app --example legibility`, natively: each hard export \
         (`tiemap_core::sample::hard`, seed 42) written as the file a person drops (`Connections.csv`, \
         or Facebook's `friends.json`), opened with `Session::open` with the page's settings, laid out \
         until settled (at most 3,000 iterations) and measured as the page shows it: the clusters \
         `map_data()` lists, their silhouette in the settled drawing, their names as placed over the \
         whole map fitted into a 1400 x 900 picture (people's names hidden, text widths estimated), and \
         the NMI against the true groups (people matched by profile URL or name). The goals hold on \
         every hard export; the bundled sample is shown for reference.\n"
    );
    if maps.is_empty() {
        let _ = writeln!(sec, "(no figures: {})\n", r.legibility.why());
    }
    for m in maps {
        let _ = writeln!(sec, "### {} ({} people)\n", m.name(), fmt(m.people, 0));
        let mut rows: Vec<Vec<String>> = m
            .figures()
            .into_iter()
            .map(|(goal, figure, shown)| {
                let (bound, met) = if m.is_hard() {
                    (goal.bound(), goal.met(figure).to_string())
                } else {
                    (format!("({})", goal.bound()), String::new())
                };
                vec![goal.what.to_string(), shown, bound, met]
            })
            .collect();
        rows.insert(
            2,
            vec![
                "clusters with >= 1 % of people".into(),
                fmt(m.clusters_over_1pct, 0),
                String::new(),
                String::new(),
            ],
        );
        let matched = m
            .truth_matched
            .map_or(String::new(), |n| format!(" ({} matched)", fmt(Some(n), 0)));
        rows.push(vec![
            "NMI vs the true groups".into(),
            format!("{}{matched}", fmt(m.nmi, 3)),
            "(reported)".into(),
            String::new(),
        ]);
        rows.push(vec![
            "layout iterations".into(),
            format!(
                "{} (settled: {})",
                fmt(m.settle_iterations, 0),
                yes_no(m.settled, "no")
            ),
            String::new(),
            String::new(),
        ]);
        sec.push_str(&table(
            "| figure | value | goal | met |\n|---|---:|---|---|",
            &rows,
            r.legibility.why(),
        ));
        sec.push('\n');
    }

    let goals = Legibility::default()
        .figures()
        .map(|(goal, _, _)| goal)
        .iter()
        .enumerate()
        .map(|(k, goal)| {
            let per_export: Vec<(&str, Option<f64>, String)> = hard
                .iter()
                .map(|m| {
                    let (_, figure, shown) = m.figures()[k].clone();
                    (m.name(), figure, shown)
                })
                .collect();
            every_export(goal, &per_export)
        })
        .collect();
    Section {
        markdown: sec,
        goals,
    }
}

/// A goal row for `goal` on every hard export (name, figure, figure as shown): the worst
/// export's figure, and on how many it is met. Met when every export meets it; missed when
/// one misses; no figure when there are no exports or one has no figure (and none misses).
pub(super) fn every_export(goal: &Goal, per_export: &[(&str, Option<f64>, String)]) -> GoalRow {
    let what = format!("{} on every hard export", goal.what);
    let mets: Vec<Met> = per_export.iter().map(|(_, f, _)| goal.met(*f)).collect();
    let met = if mets.is_empty() {
        Met::NoFigure
    } else if mets.contains(&Met::No) {
        Met::No
    } else if mets.contains(&Met::NoFigure) {
        Met::NoFigure
    } else {
        Met::Yes
    };
    // the first of the worst
    let worse = |a: f64, b: f64| match goal.direction {
        Direction::AtLeast | Direction::Above => b < a,
        Direction::AtMost | Direction::Below => b > a,
    };
    let mut worst: Option<(&str, f64, &str)> = None;
    for (name, figure, shown) in per_export {
        if let Some(f) = figure {
            if worst.is_none_or(|(_, w, _)| worse(w, *f)) {
                worst = Some((name, *f, shown));
            }
        }
    }
    let figure = match worst {
        Some((name, _, shown)) => format!(
            "{shown} on {name}; met on {} of {}",
            mets.iter().filter(|m| **m == Met::Yes).count(),
            per_export.len()
        ),
        None => "-".into(),
    };
    goal.row(what, goal.bound(), figure, met)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::report::tests::machine;
    use crate::bench::results::Figures;

    fn export(name: &str, clusters: f64, clipped: f64) -> Legibility {
        Legibility {
            export: Some(name.into()),
            people: Some(1_651.0),
            top_clusters: Some(clusters),
            top_share: Some(0.95),
            clusters_over_1pct: Some(9.0),
            duplicate_names: Some(0.0),
            silhouette: Some(0.61),
            nmi: Some(0.72),
            truth_matched: Some(1_651.0),
            names_expected: Some(9.0),
            names_drawn: Some(9.0),
            names_clipped: Some(clipped),
            names_overlapping: Some(0.0),
            settle_iterations: Some(420.0),
            settled: Some(true),
        }
    }

    #[test]
    fn section_states_met_and_missed_goals_on_every_export() {
        let results = Results {
            legibility: Figures::of(vec![
                export("burst", 11.0, 0.0),
                // too many clusters, one name clipped: missed
                export("sparse-fields", 23.0, 1.0),
                // the sample misses too, but no goal is stated for it
                export(SAMPLE_NAME, 30.0, 0.0),
            ]),
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
                .find(|g| g.what.starts_with(&format!("legibility: {what}")))
                .unwrap_or_else(|| panic!("no goal {what:?}"))
        };
        // met on every export
        let dup = row("clusters with a duplicate name");
        assert_eq!(dup.met, Met::Yes);
        assert_eq!(dup.figure, "0 on burst; met on 2 of 2");
        assert_eq!(row("silhouette").figure, "0.610 on burst; met on 2 of 2");
        // missed on one
        let clusters = row("top-level clusters");
        assert_eq!(clusters.met, Met::No);
        assert_eq!(clusters.goal, "<= 12");
        assert_eq!(clusters.figure, "23 on sparse-fields; met on 1 of 2");
        assert_eq!(row("cluster names clipped").met, Met::No);
        assert_eq!(s.goals.len(), 7);
        // a table per export, the sample without goals
        let md = &s.markdown;
        assert!(md.contains("### burst (1,651 people)"), "{md}");
        assert!(
            md.contains("| top-level clusters | 23 | <= 12 | **no** |"),
            "{md}"
        );
        assert!(
            md.contains("| top-level clusters | 11 | <= 12 | yes |"),
            "{md}"
        );
        assert!(
            md.contains("| top-level clusters | 30 | (<= 12) |  |"),
            "{md}"
        );
        assert!(md.contains(
            "| cluster names (>= 1 % of people) not drawn at 1400 x 900 | 0 (9 of 9 drawn) | <= 0 | yes |"
        ));
        assert!(md.contains("| NMI vs the true groups | 0.720 (1,651 matched) | (reported) |  |"));

        // no figures: every goal without one
        let empty = section(&Results::default(), &run);
        assert_eq!(empty.goals.len(), 7);
        assert!(empty.goals.iter().all(|g| g.met == Met::NoFigure));
        assert!(empty.markdown.contains("(no figures: not measured)"));
    }

    #[test]
    fn reads_the_examples_json() {
        let maps: Vec<Legibility> = serde_json::from_str(
            r#"[{"export":"burst","people":1637,"top_clusters":23,"top_share":0.781,
                 "clusters_over_1pct":19,"duplicate_names":2,"silhouette":0.236,"nmi":0.559,
                 "truth_matched":1637,"names_expected":19,"names_drawn":16,"names_clipped":0,
                 "names_overlapping":0,"settle_iterations":424,"settled":true}]"#,
        )
        .unwrap();
        assert_eq!(maps[0].names_missing(), Some(3.0));
        assert_eq!(maps[0].nmi, Some(0.559));
        assert!(maps[0].is_hard());
    }
}
