//! How much checking ties improves the map: a [`SimulatedPerson`] who knows the true groups
//! answers the page's questions ([`Session::questions`]) one at a time, each answer an edit
//! as on the page ([`Session::set_tie_edits`]: ties inferred again, clusters found again),
//! and the map's clusters are compared with the true groups (NMI, as the legibility harness
//! measures it: [`nmi_vs_truth`]) after 10, 20 and 50 answers; the same with questions drawn
//! at random among the ties on the map, for comparison.
//!
//! The goals are the bench's (`xtask/src/bench/goals.rs`); this module only measures.

use crate::legibility::{nmi_vs_truth, open_with_truth};
use crate::model::{ClusterEdits, Edit};
use crate::session::{Session, SessionError};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use tiemap_core::rng::Rng;
use tiemap_core::sample::hard::{self, HardExport, SimulatedPerson};

/// After how many answers the map is measured.
pub const CHECKPOINTS: [usize; 3] = [10, 20, 50];

/// How questions are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// The page's order ([`Session::questions`]).
    Page,
    /// Uniformly among the ties on the map not yet answered (seeded).
    Random,
}

/// The NMI after a number of answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub answers: usize,
    pub nmi: Option<f64>,
    /// Answers that were wrong (the simulated person errs on purpose).
    pub wrong: usize,
}

/// One export checked in one order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checked {
    pub export: String,
    pub people: usize,
    pub order: Order,
    /// NMI of the map before any answer.
    pub nmi_before: Option<f64>,
    /// At each of [`CHECKPOINTS`].
    pub steps: Vec<Step>,
    /// What the refit says changed, after the last answer.
    pub changes: Vec<String>,
}

impl Checked {
    /// NMI gained after `answers` answers.
    pub fn gain(&self, answers: usize) -> Option<f64> {
        let after = self.steps.iter().find(|s| s.answers == answers)?.nmi?;
        Some(after - self.nmi_before?)
    }
}

/// Answers up to the last checkpoint on `h`, in `order`, measuring at each checkpoint.
pub fn check_hard_export(h: &HardExport, order: Order, seed: u64) -> Result<Checked, SessionError> {
    let (mut session, truth) = open_with_truth(h)?;
    let person = SimulatedPerson::new(&h.without_hidden(), seed);
    let nmi_before = nmi_vs_truth(&session.map_data(), &truth).0;
    let mut rng = Rng::new(seed ^ 0x636b_6563_6b00);
    let mut edits = ClusterEdits::default();
    let (mut steps, mut wrong) = (Vec::new(), 0);
    let last = CHECKPOINTS[CHECKPOINTS.len() - 1];
    for answered in 1..=last {
        let Some((a, b)) = next_pair(&mut session, order, &edits, &mut rng) else {
            break;
        };
        let answer = person.answer(&a, &b);
        let knows = person.truth(&a, &b);
        use tiemap_core::infer::checking::Answer;
        if matches!(
            (answer, knows),
            (Answer::Know, Some(false)) | (Answer::DontKnow, Some(true))
        ) {
            wrong += 1;
        }
        edits = edits.with(Edit::AnswerTie {
            a,
            b,
            answer: Some(answer),
        });
        let map = session.set_tie_edits(edits.clone())?;
        if CHECKPOINTS.contains(&answered) {
            steps.push(Step {
                answers: answered,
                nmi: nmi_vs_truth(&map, &truth).0,
                wrong,
            });
        }
    }
    Ok(Checked {
        export: h.name.to_string(),
        people: session.node_count(),
        order,
        nmi_before,
        steps,
        changes: session
            .map_data()
            .checking
            .map(|c| c.changes)
            .unwrap_or_default(),
    })
}

/// The keys of the next pair to ask about.
fn next_pair(
    session: &mut Session,
    order: Order,
    edits: &ClusterEdits,
    rng: &mut Rng,
) -> Option<(String, String)> {
    match order {
        Order::Page => session
            .questions(1)
            .questions
            .into_iter()
            .next()
            .map(|q| (q.a_key, q.b_key)),
        Order::Random => {
            let nodes = &session.network().nodes;
            let open: Vec<(String, String)> = session
                .network()
                .ties
                .iter()
                .map(|t| {
                    (
                        nodes[t.source as usize].key.clone(),
                        nodes[t.target as usize].key.clone(),
                    )
                })
                .filter(|(a, b)| edits.ties.get(a, b).is_none())
                .collect();
            rng.pick(&open).cloned()
        }
    }
}

/// Every hard export of `hard::hard_exports(seed)`, in both orders.
///
/// # Panics
/// When an export can't be opened (the bench must not carry on without it).
pub fn check_hard_exports(seed: u64) -> Vec<Checked> {
    let mut out = Vec::new();
    for h in hard::hard_exports(seed) {
        for order in [Order::Page, Order::Random] {
            out.push(
                check_hard_export(&h, order, seed)
                    .unwrap_or_else(|e| panic!("{} could not be opened: {}", h.name, e.sentence())),
            );
        }
    }
    out
}

/// The figures as a markdown table, one row per export and order.
pub fn table(rows: &[Checked]) -> String {
    let mut t = String::from(
        "| export | order | NMI before | after 10 | after 20 | after 50 | gain at 20 | wrong answers (of 50) |\n|---|---|---:|---:|---:|---:|---:|---:|\n",
    );
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    for r in rows {
        let at = |n: usize| r.steps.iter().find(|s| s.answers == n).and_then(|s| s.nmi);
        let _ = writeln!(
            t,
            "| {} | {:?} | {} | {} | {} | {} | {} | {} |",
            r.export,
            r.order,
            f(r.nmi_before),
            f(at(10)),
            f(at(20)),
            f(at(50)),
            r.gain(20).map_or("-".into(), |g| format!("{g:+.3}")),
            r.steps.last().map_or(0, |s| s.wrong),
        );
    }
    t
}
