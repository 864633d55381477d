//! Community detection: which people form a cluster.
//!
//! - [`leiden`] (Traag, Waltman & van Eck 2019) optimises modularity with a resolution
//!   parameter: fast local moving with a queue, refinement (so every community is connected),
//!   aggregation of the refined partition with the non-refined one as its starting point,
//!   repeated until nothing moves. [`louvain`] is the classic method, kept for comparison.
//! - [`modularity`] computes Newman's weighted modularity exactly (f64).
//! - [`compare`] scores two partitions against each other ([`compare::nmi`], [`compare::ari`]).
//! - [`stable`] keeps a cluster's persistent id (and so its colour and name) across re-runs.
//!
//! Every random choice comes from a [`crate::rng::Rng`] seeded by the caller; community ids
//! are renumbered deterministically (largest first, ties by smallest node index), so the same
//! graph and seed give the same partition on every platform.

pub mod compare;
mod graph;
pub mod hierarchy;
mod leiden;
mod modularity;
pub mod stable;

pub use leiden::{
    group_communities, leiden, leiden_from, leiden_telling, louvain, louvain_telling,
};
pub use modularity::modularity;
pub use stable::{stabilize, StableLabels};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a community computation could not run.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CommunityError {
    /// Two sequences that must describe the same nodes have different lengths.
    #[error("{what}: {left} entries against {right}; both must have one entry per node")]
    LengthMismatch {
        what: &'static str,
        left: usize,
        right: usize,
    },
}

/// Which method [`detect`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Algorithm {
    /// Leiden: connected, well-separated communities (the default).
    #[default]
    Leiden,
    /// Louvain, for comparison.
    Louvain,
}

impl Algorithm {
    /// The lower-case name used on the command line and in JSON ("leiden", "louvain").
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Leiden => "leiden",
            Algorithm::Louvain => "louvain",
        }
    }

    /// Parses "leiden" or "louvain" (any case).
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name.to_ascii_lowercase().as_str() {
            "leiden" => Some(Algorithm::Leiden),
            "louvain" => Some(Algorithm::Louvain),
            _ => None,
        }
    }
}

/// Settings of [`leiden`] and [`louvain`], with documented defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeidenSettings {
    /// Resolution `gamma` of modularity: above 1 gives more, smaller communities; below 1
    /// fewer, larger ones. Default 1.
    pub resolution: f64,
    /// Seed of every random choice. Default 0.
    pub seed: u64,
    /// Most aggregation levels per pass; 0 means no limit (the default).
    pub max_levels: usize,
    /// Number of full passes (each pass starts from the previous result); 0 repeats passes
    /// until one moves no node (the default, like igraph's `n_iterations = -1`) or adds less
    /// than [`LeidenSettings::MIN_PASS_GAIN`] modularity, with a cap of
    /// [`LeidenSettings::MAX_PASSES`].
    pub iterations: usize,
    /// Randomness `theta` of Leiden's refinement: a node joins a refined community with
    /// probability proportional to `exp(gain / theta)`, where gain is the change in
    /// (unnormalised) modularity in edge-weight units, as in igraph. 0 always takes the best
    /// gain. Default 0.01.
    pub randomness: f64,
}

impl LeidenSettings {
    /// Cap on the number of passes when `iterations` is 0.
    pub const MAX_PASSES: usize = 100;
    /// When `iterations` is 0, passes also stop once one adds less modularity than this.
    pub const MIN_PASS_GAIN: f64 = 1e-4;

    /// Defaults with the given seed.
    pub fn with_seed(seed: u64) -> LeidenSettings {
        LeidenSettings {
            seed,
            ..LeidenSettings::default()
        }
    }
}

impl Default for LeidenSettings {
    fn default() -> Self {
        LeidenSettings {
            resolution: 1.0,
            seed: 0,
            max_levels: 0,
            iterations: 0,
            randomness: 0.01,
        }
    }
}

/// A partition of the nodes into communities.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partition {
    /// `membership[v]` is the community of node `v`: ids `0..community_count`, the largest
    /// community first, ties broken by the smallest node index in the community.
    pub membership: Vec<u32>,
    pub community_count: usize,
    /// Modularity of `membership` at the resolution it was computed with.
    pub modularity: f64,
}

impl Partition {
    /// Node count of each community, indexed by community id (so non-increasing).
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0usize; self.community_count];
        for &c in &self.membership {
            if let Some(s) = sizes.get_mut(c as usize) {
                *s += 1;
            }
        }
        sizes
    }
}

/// Runs the chosen algorithm.
pub fn detect(
    csr: &crate::model::Csr,
    algorithm: Algorithm,
    settings: &LeidenSettings,
) -> Partition {
    detect_telling(csr, algorithm, settings, &mut |_| {})
}

/// [`detect`], telling `progress` after each pass how far it is from done (0 to 1).
pub fn detect_telling(
    csr: &crate::model::Csr,
    algorithm: Algorithm,
    settings: &LeidenSettings,
    progress: &mut dyn FnMut(f32),
) -> Partition {
    match algorithm {
        Algorithm::Leiden => leiden::leiden_telling(csr, settings, progress),
        Algorithm::Louvain => leiden::louvain_telling(csr, settings, progress),
    }
}

/// Renumbers community ids so the largest community is 0, ties broken by the smallest node
/// index. Returns the new membership and the number of communities. Any `u32` ids are accepted.
pub fn renumber_by_size(membership: &[u32]) -> (Vec<u32>, usize) {
    let mut dense = membership.to_vec();
    let count = relabel_dense(&mut dense);
    let mut size = vec![0usize; count];
    for &c in &dense {
        size[c as usize] += 1;
    }
    let mut order: Vec<u32> = (0..count as u32).collect();
    // Dense ids are numbered by first appearance, so the id itself breaks ties by first node.
    order.sort_by(|&a, &b| size[b as usize].cmp(&size[a as usize]).then(a.cmp(&b)));
    let mut new_id = vec![0u32; count];
    for (rank, &c) in order.iter().enumerate() {
        new_id[c as usize] = rank as u32;
    }
    (dense.iter().map(|&c| new_id[c as usize]).collect(), count)
}

/// Renumbers `labels` in place to `0..count` in order of first appearance (the first label
/// becomes 0, the next different one 1, ...) and returns `count`, the number of distinct
/// labels. Any `u32` labels are accepted; equal labels stay equal and different ones stay
/// different. The one dense relabelling of the crate: clustering, layout coarsening, layout
/// quality and connected components all use it.
///
/// Cost: linear with a lookup table when the labels are below about twice their number (the
/// usual case: node or community indices), else `O(n log n)` through the sorted distinct labels.
pub fn relabel_dense(labels: &mut [u32]) -> usize {
    let Some(&max) = labels.iter().max() else {
        return 0;
    };
    if (max as usize) < 2 * labels.len() + 64 {
        let table = max as usize + 1;
        assign_first_appearance(labels, table, |l| l as usize)
    } else {
        let mut distinct = labels.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        // Every label is in `distinct` by construction.
        assign_first_appearance(labels, distinct.len(), |l| {
            distinct.binary_search(&l).unwrap_or(0)
        })
    }
}

/// Gives each slot (`slot_of(label) < slots`) a new id in order of first appearance.
fn assign_first_appearance(
    labels: &mut [u32],
    slots: usize,
    slot_of: impl Fn(u32) -> usize,
) -> usize {
    const UNSET: u32 = u32::MAX;
    let mut new_id = vec![UNSET; slots];
    let mut next = 0u32;
    for label in labels.iter_mut() {
        let id = &mut new_id[slot_of(*label)];
        if *id == UNSET {
            *id = next;
            next += 1;
        }
        *label = *id;
    }
    next as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renumbering_puts_the_largest_first_and_breaks_ties_by_first_node() {
        let (m, k) = renumber_by_size(&[7, 3, 3, 9, 7, 9, 9, 42]);
        // sizes: 7 -> 2 (first at 0), 3 -> 2 (first at 1), 9 -> 3, 42 -> 1
        assert_eq!(k, 4);
        assert_eq!(m, vec![1, 2, 2, 0, 1, 0, 0, 3]);
        assert_eq!(renumber_by_size(&[]), (vec![], 0));
    }

    #[test]
    fn dense_relabelling_follows_first_appearance() {
        let mut small = [3, 3, 0, 7, 0, 2];
        assert_eq!(relabel_dense(&mut small), 4);
        assert_eq!(small, [0, 0, 1, 2, 1, 3]);
        // Large ids take the sorted path and give the same numbering.
        let mut large = [u32::MAX, u32::MAX, 5, 1 << 30, 5, 9];
        assert_eq!(relabel_dense(&mut large), 4);
        assert_eq!(large, [0, 0, 1, 2, 1, 3]);
        let mut empty: [u32; 0] = [];
        assert_eq!(relabel_dense(&mut empty), 0);
    }

    #[test]
    fn algorithm_names_round_trip() {
        for a in [Algorithm::Leiden, Algorithm::Louvain] {
            assert_eq!(Algorithm::from_name(a.name()), Some(a));
        }
        assert_eq!(Algorithm::from_name("LEIDEN"), Some(Algorithm::Leiden));
        assert_eq!(Algorithm::from_name("walktrap"), None);
    }
}
