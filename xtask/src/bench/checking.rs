//! The checking area: how much a person's answers about ties improve the map of a realistic
//! export. Its step runs `crates/tiemap-app/examples/checking.rs` natively: on each hard export
//! (`tiemap_core::sample::hard`) a simulated person who knows the true groups answers 10, 20
//! and 50 questions in the page's order and in random order (`tiemap_app::checking`), into
//! `checking.json`. Its goals hold on every hard export.

use super::goals::{CHECKING_BEATS_RANDOM, CHECKING_GAIN};
use super::legibility::{every_export, run_app_example};
use super::report::{fmt, table, Run, Section};
use super::results::Results;
use super::Ctx;
use serde::Deserialize;
use std::fmt::Write as _;

pub const STEP: &str = "checking example";
pub const FILE: &str = "checking.json";
/// The answers the goals are checked after.
const AT: f64 = 20.0;

/// The NMI after a number of answers (`tiemap_app::checking::Step`).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Step {
    pub answers: Option<f64>,
    pub nmi: Option<f64>,
    pub wrong: Option<f64>,
}

/// One export checked in one order (`tiemap_app::checking::Checked`).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Checked {
    pub export: Option<String>,
    pub people: Option<f64>,
    /// `Page` or `Random`.
    pub order: Option<String>,
    pub nmi_before: Option<f64>,
    pub steps: Vec<Step>,
    pub changes: Vec<String>,
    /// On the page order's row (`tiemap_app::checking::Ceiling`).
    pub ceiling: Option<Ceiling>,
}

/// What answers could do at best on an export (`tiemap_app::checking::Ceiling`).
#[derive(Deserialize, Debug, Default, Clone, PartialEq)]
#[serde(default)]
pub struct Ceiling {
    pub ties: Option<f64>,
    pub false_ties: Option<f64>,
    pub false_bridges: Option<f64>,
    pub every_tie: Option<f64>,
    pub every_bridge: Option<f64>,
    pub weights_from_every_tie: Option<f64>,
    pub best_one_weight: Option<f64>,
    pub best_one_weight_change: Option<String>,
    /// NMI after 20 answers chosen knowing the true groups (`tiemap_app::checking::greedy`).
    pub greedy: Option<f64>,
}

impl Checked {
    fn name(&self) -> &str {
        self.export.as_deref().unwrap_or("?")
    }

    fn at(&self, answers: f64) -> Option<f64> {
        self.steps
            .iter()
            .find(|s| s.answers == Some(answers))
            .and_then(|s| s.nmi)
    }

    fn gain(&self, answers: f64) -> Option<f64> {
        Some(self.at(answers)? - self.nmi_before?)
    }

    fn is(&self, order: &str) -> bool {
        self.order.as_deref() == Some(order)
    }
}

pub fn run(ctx: &Ctx) -> Result<(), String> {
    run_app_example(ctx, "checking", FILE)
}

/// "Checking ties": a table per export, and the two goals on every hard export.
pub fn section(r: &Results, _run: &Run) -> Section {
    let rows = &r.checking.got;
    let mut sec = String::new();
    let _ = writeln!(sec, "## Checking ties\n");
    let _ = writeln!(
        sec,
        "`cargo run --release -p tiemap-app --example checking`, natively: each hard export \
         (`tiemap_core::sample::hard`, seed 42) opened as the page opens it; a simulated person who \
         knows the true groups (`SimulatedPerson`, 5 % wrong answers and 5 % \"not sure\" on purpose) \
         answers one question at a time, each answer an edit as on the page (ties inferred again, \
         with the weights refit to the answers when the clusters they give agree with more of \
         them, clusters found again); the NMI of the clusters \
         against the true groups after 10, 20 and 50 answers, with questions in the page's order \
         and drawn at random among the ties on the map.\n"
    );
    if rows.is_empty() {
        let _ = writeln!(sec, "(no figures: {})\n", r.checking.why());
    }
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|c| {
            vec![
                c.name().to_string(),
                c.order.clone().unwrap_or_default(),
                fmt(c.nmi_before, 3),
                fmt(c.at(10.0), 3),
                fmt(c.at(20.0), 3),
                fmt(c.at(50.0), 3),
                c.gain(AT).map_or("-".into(), |g| format!("{g:+.3}")),
            ]
        })
        .collect();
    sec.push_str(&table(
        "| export | order | NMI before | after 10 | after 20 | after 50 | gain after 20 |\n|---|---|---:|---:|---:|---:|---:|",
        &body,
        r.checking.why(),
    ));
    sec.push('\n');
    let _ = writeln!(
        sec,
        "What answers could do at best: the NMI with the truth about every tie on the map (no \
         mistakes), with every false tie removed, with every false tie between two clusters \
         removed, with the signal weights the page's refit learns from every tie, with the best \
         change of one signal's weight (off, halved or doubled) chosen knowing the true groups, and \
         after 20 answers chosen knowing the true groups (`tiemap_app::checking::greedy`: each \
         time, of the false ties inside one cluster, two per pair of its sub-clusters, the one \
         whose answer leaves the clusters nearest the truth; the person's mistakes included, no \
         link put to them; one step ahead at a time, so a reach, not a bound): what the answers the \
         goal counts reach when the questions are chosen with the truth. With every false tie \
         answered \"no\", each cluster is cut into the parts its own ties show at each answer \
         (`community::hierarchy::separate`), big true groups too (on burst at seed 42, 171 \
         clusters for 91 true groups, 51 of them people in no group): that column is what \
         thousands of answers do, not a bound on 20.\n"
    );
    let ceilings: Vec<Vec<String>> = rows
        .iter()
        .filter_map(|c| {
            let x = c.ceiling.as_ref()?;
            Some(vec![
                c.name().to_string(),
                fmt(c.nmi_before, 3),
                format!("{} ({})", fmt(x.ties, 0), fmt(x.false_ties, 0)),
                fmt(x.every_tie, 3),
                format!("{} ({})", fmt(x.every_bridge, 3), fmt(x.false_bridges, 0)),
                fmt(x.weights_from_every_tie, 3),
                format!(
                    "{} ({})",
                    fmt(x.best_one_weight, 3),
                    x.best_one_weight_change.as_deref().unwrap_or("-")
                ),
                format!(
                    "{} ({})",
                    fmt(x.greedy, 3),
                    x.greedy
                        .zip(c.nmi_before)
                        .map_or("-".into(), |(g, b)| format!("{:+.3}", g - b))
                ),
            ])
        })
        .collect();
    sec.push_str(&table(
        "| export | NMI before | ties (false) | every false tie removed | every false bridge removed (of) | weights refit to every tie | best change of one weight | 20 answers chosen knowing the truth (gain) |\n|---|---:|---:|---:|---:|---:|---|---:|",
        &ceilings,
        r.checking.why(),
    ));
    sec.push('\n');
    let page: Vec<&Checked> = rows.iter().filter(|c| c.is("Page")).collect();
    let shown = |f: Option<f64>| f.map_or("-".into(), |g| format!("{g:+.3}"));
    let gains: Vec<(&str, Option<f64>, String)> = page
        .iter()
        .map(|c| (c.name(), c.gain(AT), shown(c.gain(AT))))
        .collect();
    let beats: Vec<(&str, Option<f64>, String)> = page
        .iter()
        .map(|c| {
            let random = rows
                .iter()
                .find(|x| x.is("Random") && x.export == c.export)
                .and_then(|x| x.gain(AT));
            let by = c.gain(AT).zip(random).map(|(p, r)| p - r);
            (c.name(), by, shown(by))
        })
        .collect();
    Section {
        markdown: sec,
        goals: vec![
            every_export(&CHECKING_GAIN, &gains),
            every_export(&CHECKING_BEATS_RANDOM, &beats),
        ],
    }
}
