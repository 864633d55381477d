//! How much checking ties improves the map: a [`SimulatedPerson`] who knows the true groups
//! answers the page's questions ([`Session::questions`]) one at a time, each answer an edit
//! as on the page ([`Session::set_tie_edits`]: ties inferred again, clusters found again),
//! and the map's clusters are compared with the true groups (NMI, as the legibility harness
//! measures it: [`nmi_vs_truth`]) after 10, 20 and 50 answers; the same with questions drawn
//! at random among the ties on the map, for comparison; and what answers could do at best
//! ([`Ceiling`]), 20 of them chosen knowing the true groups ([`greedy`]) included.
//!
//! The goals are the bench's (`xtask/src/bench/goals.rs`); this module only measures.

use crate::legibility::{nmi_vs_truth, open_with_truth};
use crate::model::{ClusterEdits, Edit};
use crate::session::{Session, SessionError};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use tiemap_core::infer::checking::LoneLink;
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
    /// What answers could do at best on the export (on the page order's row).
    #[serde(default)]
    pub ceiling: Option<Ceiling>,
}

impl Checked {
    /// NMI gained after `answers` answers.
    pub fn gain(&self, answers: usize) -> Option<f64> {
        let after = self.steps.iter().find(|s| s.answers == answers)?.nmi?;
        Some(after - self.nmi_before?)
    }
}

/// What answers could do at best on an export, measured with the truth about every tie on the
/// map (the person's 5 % of mistakes left out): how far the map can be from its true groups
/// because of the ties it has, and how little the signal weights can do about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ceiling {
    /// Ties on the map, and those between two people of no common true group.
    pub ties: usize,
    pub false_ties: usize,
    /// False ties between two top-level clusters (the bridges the page asks about first).
    pub false_bridges: usize,
    /// NMI with every false tie removed: every tie on the map answered, without a mistake.
    pub every_tie: Option<f64>,
    /// NMI with every false bridge removed.
    pub every_bridge: Option<f64>,
    /// NMI with the weights the page's refit learns from the truth about every tie.
    pub weights_from_every_tie: Option<f64>,
    /// The best NMI over one signal's weight off, halved or doubled (chosen knowing the true
    /// groups), and which change gave it ("Similar roles x2"; "none better" when no change
    /// beats the weights as they are).
    pub best_one_weight: Option<f64>,
    pub best_one_weight_change: String,
    /// NMI after [`GREEDY_ANSWERS`] answers chosen knowing the true groups ([`greedy`]): what
    /// the same number of answers reach when the questions are chosen with the truth (one
    /// step ahead at a time: a reach, not a bound).
    #[serde(default)]
    pub greedy: Option<f64>,
}

/// How many answers [`greedy`] chooses: the number the checking goal is measured after.
pub const GREEDY_ANSWERS: usize = 20;

/// [`Ceiling`] of `h`.
pub fn ceiling(h: &HardExport, seed: u64) -> Result<Ceiling, SessionError> {
    use tiemap_core::infer::checking::{refit, Answer, PairSignals};
    let (mut session, truth) = open_with_truth(h)?;
    let person = SimulatedPerson::new(&h.without_hidden(), seed);
    let map = session.map_data();
    let nodes = session.network().nodes.clone();
    let mut every = ClusterEdits::default();
    every.ties.learning = false;
    let mut bridges = every.clone();
    let (mut false_ties, mut false_bridges) = (0, 0);
    for t in &session.network().ties {
        let (a, b) = (&nodes[t.source as usize].key, &nodes[t.target as usize].key);
        if person.truth(a, b) != Some(false) {
            continue;
        }
        false_ties += 1;
        every.ties.set(a, b, Some(Answer::DontKnow));
        if map.nodes[t.source as usize].cluster != map.nodes[t.target as usize].cluster {
            false_bridges += 1;
            bridges.ties.set(a, b, Some(Answer::DontKnow));
        }
    }
    let ties = session.network().ties.len();
    // the weights learned from the truth about every tie, as the page's refit learns them
    let settings = session.settings().infer.clone();
    let weights = match session.personal_export() {
        Some(export) => {
            let signals = PairSignals::new(export, &settings);
            let mut mass = [0.0f64; 6];
            let mut examples = Vec::new();
            for t in &session.network().ties {
                let (ka, kb) = (&nodes[t.source as usize].key, &nodes[t.target as usize].key);
                let (Some(a), Some(b), Some(knows)) =
                    (signals.node(ka), signals.node(kb), person.truth(ka, kb))
                else {
                    continue;
                };
                let strengths = signals.strengths(a, b);
                for (m, &x) in mass.iter_mut().zip(&strengths) {
                    *m += x as f64;
                }
                examples.push(tiemap_core::infer::checking::Example { strengths, knows });
            }
            Some(refit(
                &settings.weights,
                settings.min_weight,
                &examples,
                &mass,
            ))
        }
        None => None,
    };
    let every_tie = nmi_vs_truth(&session.set_tie_edits(every)?, &truth).0;
    let every_bridge = nmi_vs_truth(&session.set_tie_edits(bridges)?, &truth).0;
    session.set_tie_edits(ClusterEdits::default())?;
    let weights_from_every_tie = match weights {
        Some(w) => nmi_vs_truth(&session.set_signals(w)?, &truth).0,
        None => None,
    };
    // nothing counts as a change for the better unless it beats the weights as they are
    let (mut best_one_weight, mut best_one_weight_change) =
        (nmi_vs_truth(&map, &truth).0, "none better".to_string());
    if session.personal_export().is_some() {
        for signal in tiemap_core::model::Signal::ALL {
            let start = settings.weights.get(signal);
            if start <= 0.0 {
                continue;
            }
            for factor in [0.0f32, 0.5, 2.0] {
                let mut w = settings.weights;
                w.set(signal, start * factor);
                let nmi = nmi_vs_truth(&session.set_signals(w)?, &truth).0;
                if nmi > best_one_weight {
                    best_one_weight = nmi;
                    best_one_weight_change = format!("{} x{factor}", signal.label());
                }
            }
        }
        session.set_signals(settings.weights)?;
    }
    let greedy = greedy(&mut session, &person, &truth, GREEDY_ANSWERS)?
        .0
        .last()
        .copied()
        .flatten();
    Ok(Ceiling {
        ties,
        false_ties,
        false_bridges,
        every_tie,
        every_bridge,
        weights_from_every_tie,
        best_one_weight,
        best_one_weight_change,
        greedy,
    })
}

/// The NMI after each of `answers` answers chosen greedily knowing the true groups: each time,
/// of the ties on the map inside one cluster not yet answered whose two people share no true
/// group (at most two per pair of sub-clusters, the first on the map: two tries at each seam
/// the page's "no" could split), the one whose answer (the `person`'s, mistakes
/// included) leaves the clusters nearest the truth. Links are not put to the person. This is
/// what the page's order aims at without the truth: "no"s that split lumped clusters where
/// they lump true groups. `session` is left with the chosen answers, which are returned with
/// the NMIs.
pub fn greedy(
    session: &mut Session,
    person: &SimulatedPerson,
    truth: &[u32],
    answers: usize,
) -> Result<(Vec<Option<f64>>, ClusterEdits), SessionError> {
    use std::collections::BTreeMap;
    let mut edits = ClusterEdits::default();
    let mut out = Vec::with_capacity(answers);
    for _ in 0..answers {
        let map = session.map_data();
        let network = session.network();
        // (cluster, sub-cluster, sub-cluster) -> the false ties tried on that seam
        type Seam = (u32, Option<u32>, Option<u32>);
        let mut seams: BTreeMap<Seam, Vec<(String, String)>> = BTreeMap::new();
        for t in &network.ties {
            let (x, y) = (&map.nodes[t.source as usize], &map.nodes[t.target as usize]);
            if x.cluster != y.cluster {
                continue;
            }
            let (a, b) = (
                &network.nodes[t.source as usize].key,
                &network.nodes[t.target as usize].key,
            );
            if edits.ties.get(a, b).is_some() || person.truth(a, b) != Some(false) {
                continue;
            }
            let seam = (
                x.cluster,
                x.subcluster.min(y.subcluster),
                x.subcluster.max(y.subcluster),
            );
            let tried = seams.entry(seam).or_default();
            if tried.len() < 2 {
                tried.push((a.clone(), b.clone()));
            }
        }
        let mut best: Option<(f64, ClusterEdits)> = None;
        for (a, b) in seams.into_values().flatten() {
            let answer = person.answer(&a, &b);
            let tried = edits.clone().with(Edit::AnswerTie {
                a,
                b,
                answer: Some(answer),
                checks: None,
            });
            let Some(nmi) = nmi_vs_truth(&session.set_tie_edits(tried.clone())?, truth).0 else {
                continue;
            };
            if best.as_ref().is_none_or(|(b, _)| nmi > *b) {
                best = Some((nmi, tried));
            }
        }
        let Some((nmi, chosen)) = best else {
            break;
        };
        edits = chosen;
        out.push(Some(nmi));
    }
    session.set_tie_edits(edits.clone())?;
    Ok((out, edits))
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
        let Some((a, b, checks)) = next_pair(&mut session, order, &edits, &mut rng) else {
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
            checks,
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
        ceiling: match order {
            Order::Page => Some(ceiling(h, seed)?),
            Order::Random => None,
        },
    })
}

/// The keys of the next pair to ask about, and the link the question puts to the person.
fn next_pair(
    session: &mut Session,
    order: Order,
    edits: &ClusterEdits,
    rng: &mut Rng,
) -> Option<(String, String, Option<LoneLink>)> {
    match order {
        Order::Page => session
            .questions(1)
            .questions
            .into_iter()
            .next()
            .map(|q| (q.a_key, q.b_key, q.checks)),
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
            rng.pick(&open).map(|(a, b)| (a.clone(), b.clone(), None))
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

/// The ceilings as a markdown table, one row per export.
pub fn ceiling_table(rows: &[Checked]) -> String {
    let mut t = String::from(
        "| export | NMI before | ties (false) | every false tie removed | every false bridge removed (of) | weights refit to every tie | best change of one weight | 20 answers chosen knowing the truth (gain) |\n|---|---:|---:|---:|---:|---:|---|---:|\n",
    );
    let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    for r in rows {
        let Some(c) = &r.ceiling else { continue };
        let _ = writeln!(
            t,
            "| {} | {} | {} ({}) | {} | {} ({}) | {} | {} ({}) | {} ({}) |",
            r.export,
            f(r.nmi_before),
            c.ties,
            c.false_ties,
            f(c.every_tie),
            f(c.every_bridge),
            c.false_bridges,
            f(c.weights_from_every_tie),
            f(c.best_one_weight),
            c.best_one_weight_change,
            f(c.greedy),
            c.greedy
                .zip(r.nmi_before)
                .map_or("-".into(), |(g, b)| format!("{:+.3}", g - b)),
        );
    }
    t
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

#[cfg(test)]
mod tests {
    use super::*;
    use tiemap_core::sample::hard::HardKind;

    #[test]
    fn greedy_answers_split_lumped_true_groups_and_raise_nmi() {
        let h = hard::hard_export(HardKind::SparseFields, 400, 42);
        let (mut session, truth) = open_with_truth(&h).expect("opens");
        let person = SimulatedPerson::new(&h.without_hidden(), 42);
        let before = nmi_vs_truth(&session.map_data(), &truth).0.expect("an NMI");
        let clusters: Vec<u32> = session.map_data().nodes.iter().map(|n| n.cluster).collect();
        let keys: Vec<String> = session
            .network()
            .nodes
            .iter()
            .map(|n| n.key.clone())
            .collect();
        let (after, edits) = greedy(&mut session, &person, &truth, 2).expect("answers");
        assert_eq!(after.len(), 2);
        let first = after[0].expect("an NMI");
        assert!(
            first > before,
            "the best first answer gains: {before} -> {first}"
        );
        // two answers, each about two people of one cluster who share no true group, and the
        // session keeps them
        let answers = &edits.ties.answers;
        assert_eq!(answers.len(), 2);
        for x in answers {
            assert_eq!(person.truth(&x.a, &x.b), Some(false));
            let at = |k: &str| {
                keys.iter()
                    .position(|x| x == k)
                    .expect("a person on the map")
            };
            assert_eq!(clusters[at(&x.a)], clusters[at(&x.b)]);
            assert_eq!(x.answer, person.answer(&x.a, &x.b));
        }
        let map = session.map_data();
        assert_eq!(nmi_vs_truth(&map, &truth).0, after[1]);
    }
}
