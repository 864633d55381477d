//! Ties inferred from what a personal export holds, each with its provenance.
//!
//! No personal export says who knows whom. This module builds a sparse weighted network among
//! the owner's connections from what it does say, and keeps for every tie the evidence that
//! made it, so a person can see why two people are linked:
//!
//! - **shared employer** after normalising company names ([`normalize_company`]);
//! - **connection cohorts**: people connected within days of each other;
//! - **career chapters**: people connected while the owner held the same job (Positions.csv);
//! - **similar roles**: TF-IDF over title words, seniority and stop-words down-weighted;
//! - **group conversations** (messages.csv), matched by profile URL;
//! - **contact labels** (contact groups, Facebook lists).
//!
//! The work, in named phases:
//! 1. people become nodes, merged by [`Person::identity_key`](crate::model::Person::identity_key),
//!    and each node gets its features and joins its groups (inverted indices);
//! 2. each node draws candidates from its groups (all of a small group; of a big one, the
//!    nearest by connection date and a seeded random sample, so the cost per node is bounded);
//! 3. each candidate pair is scored, `sum over signals of weight * strength`;
//! 4. each node keeps its `k` strongest pairs at or above `min_weight`; the union over both
//!    ends becomes the ties, each with its [`Evidence`].
//!
//! Same export, same settings: same network, on every platform.

pub mod checking;
mod company;
mod features;
mod knn;
mod names;
mod settings;
#[cfg(test)]
mod tests;
mod title;

pub use company::{display_spelling, normalize_company};
pub use names::{suggest_cluster_names, summarize_clusters, ClusterSummary, Namer};
pub use settings::{InferSettings, SignalWeights};
pub use title::{head_word, plural_of_role, title_words, WordKind};

use crate::model::{Network, Origin, PersonalExport, Signal, Tie};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why inference could not run.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum InferError {
    #[error("the weight of \"{}\" is {weight}; weights must be 0 (off) or positive", signal.label())]
    InvalidWeight { signal: Signal, weight: f32 },
    #[error("the minimum tie weight is {min_weight}; it must be 0 or positive")]
    InvalidMinWeight { min_weight: f32 },
    #[error("ties kept per person (k) is 0; keep at least one")]
    NoNeighbours,
    #[error("candidates per group is 0; draw at least one")]
    NoCandidates,
}

/// What inference did, for the status line and the signal panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferReport {
    /// People in the export.
    pub people: usize,
    /// Nodes after merging duplicates.
    pub nodes: usize,
    /// People merged into an earlier node with the same identity key.
    pub duplicates_merged: usize,
    pub ties: usize,
    /// Share of possible ties that exist ([`Network::density`]).
    pub density: f64,
    pub mean_degree: f64,
    /// Nodes without any tie.
    pub isolated: usize,
    /// Ties carrying each signal's evidence, in [`Signal::ALL`] order (a tie with several
    /// signals counts for each).
    pub ties_by_signal: Vec<(Signal, usize)>,
    /// Group conversations (3+ participants, 2+ of them matched to people) used.
    pub conversations_used: usize,
    /// Candidate pairs scored (the work done).
    pub pairs_scored: usize,
}

/// The inferred network with its report.
#[derive(Clone, Debug, PartialEq)]
pub struct Inference {
    pub network: Network,
    /// For each person of `export.people`, the node they became (duplicates share one).
    pub person_to_node: Vec<u32>,
    pub report: InferReport,
}

/// Infers a sparse weighted network among the export's people. See the module docs.
pub fn infer(export: &PersonalExport, settings: &InferSettings) -> Result<Inference, InferError> {
    infer_telling(export, settings, &mut |_| {})
}

/// [`infer`], telling `progress` how far it is (0 to 1) as it goes through the people.
pub fn infer_telling(
    export: &PersonalExport,
    settings: &InferSettings,
    progress: &mut dyn FnMut(f32),
) -> Result<Inference, InferError> {
    settings.validate()?;
    // 1) nodes, features, groups
    let mut f = features::Features::build(export, settings);
    progress(0.1);
    // 2-4) candidates, scores, k nearest
    let outcome = knn::k_nearest(&knn::Scorer::new(&f, settings), settings, &mut |x| {
        progress(0.1 + 0.9 * x)
    });
    let ties: Vec<Tie> = outcome.ties;

    // evidence comes at most once per signal, so counting evidence counts ties
    let mut by_signal = [0usize; Signal::ALL.len()];
    for e in ties.iter().flat_map(|t| &t.evidence) {
        if let Some(i) = e
            .signal()
            .and_then(|s| Signal::ALL.iter().position(|&x| x == s))
        {
            by_signal[i] += 1;
        }
    }
    let ties_by_signal = Signal::ALL.into_iter().zip(by_signal).collect();
    let mut degree = vec![0u32; f.nodes.len()];
    for t in &ties {
        degree[t.source as usize] += 1;
        degree[t.target as usize] += 1;
    }
    let network = Network {
        nodes: std::mem::take(&mut f.nodes),
        ties,
        origin: Origin::Inferred {
            kind: export.kind,
            signals: settings.weights.enabled(),
        },
    };
    let report = InferReport {
        people: export.people.len(),
        nodes: network.nodes.len(),
        duplicates_merged: f.duplicates_merged,
        ties: network.ties.len(),
        density: network.density(),
        mean_degree: network.mean_degree(),
        isolated: degree.iter().filter(|&&d| d == 0).count(),
        ties_by_signal,
        conversations_used: f.conversations_used,
        pairs_scored: outcome.pairs_scored,
    };
    Ok(Inference {
        network,
        person_to_node: f.person_to_node,
        report,
    })
}

/// [`infer`], keeping only the network.
pub fn infer_network(
    export: &PersonalExport,
    settings: &InferSettings,
) -> Result<Network, InferError> {
    infer(export, settings).map(|i| i.network)
}

/// Why two people are linked, as one phrase: "both at Globex; connected the same week in
/// Mar 2016".
pub fn explain_tie(tie: &Tie) -> String {
    tie.evidence
        .iter()
        .map(|e| e.describe())
        .collect::<Vec<_>>()
        .join("; ")
}
