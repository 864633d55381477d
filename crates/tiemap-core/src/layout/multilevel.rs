//! Coarsening for the multilevel layout: merge tightly tied nodes into small clusters, level
//! after level, down to a graph of a few dozen nodes. The coarsest graph is laid out from
//! scratch, then each level is placed at its parents' positions and refined.
//!
//! A coarse node's mass is the sum of its members' masses (so it repels as they would
//! together), its size keeps their total area, and coarse tie weights are the sums of the fine
//! ties between the clusters. When groups are given (known communities), clusters never mix
//! groups, and once merging stalls (or the graph is small), a last level has one node per
//! group: the community graph, which is the coarsest level.

use super::forceatlas2::LevelGraph;
use crate::community::{leiden, relabel_dense, LeidenSettings};
use crate::model::Csr;
use crate::rng::Rng;

/// Clusters hold at most this many nodes of the level below: each level has about a third of
/// the nodes of the one below.
const MAX_CLUSTER: u32 = 4;
/// Stop coarsening at this many nodes.
const COARSEST_NODES: usize = 40;
/// Stop when a level keeps more than this share of the nodes of the level below.
const STALL_RATIO: f64 = 0.85;

/// A hierarchy of level graphs. `levels[0]` is the finest; `parents[k][v]` is the node of
/// `levels[k + 1]` that node `v` of `levels[k]` merged into.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hierarchy {
    pub levels: Vec<LevelGraph>,
    pub parents: Vec<Vec<u32>>,
}

/// Builds the hierarchy over `finest`. `groups[v]`, when given, is node `v`'s group.
pub(crate) fn build_hierarchy(
    finest: LevelGraph,
    groups: Option<&[u32]>,
    rng: &mut Rng,
) -> Hierarchy {
    let mut levels = vec![finest];
    let mut parents = Vec::new();
    let mut level_groups: Option<Vec<u32>> = groups.map(|g| g.to_vec());
    while let Some(fine) = levels.last() {
        let n = fine.node_count();
        let merged = if n > COARSEST_NODES {
            let parent = cluster(fine, level_groups.as_deref(), rng);
            let coarse_n = parent.iter().map(|&p| p as usize + 1).max().unwrap_or(0);
            (coarse_n as f64 <= STALL_RATIO * n as f64).then_some((parent, coarse_n))
        } else {
            None
        };
        // Merging is over: a last level with one node per group, if that reduces the graph.
        let (parent, coarse_n, last) = match (merged, level_groups.as_ref()) {
            (Some((parent, coarse_n)), _) if coarse_n > 0 => (parent, coarse_n, false),
            (Some(_), _) => break,
            (None, Some(g)) => {
                let mut by_group = g.clone();
                let count = relabel_dense(&mut by_group);
                if count >= n {
                    break;
                }
                (by_group, count, true)
            }
            (None, None) => break,
        };
        let coarse = contract(fine, &parent, coarse_n);
        level_groups = level_groups.map(|g| {
            let mut cg = vec![0u32; coarse_n];
            for (v, &p) in parent.iter().enumerate() {
                if let (Some(slot), Some(&gv)) = (cg.get_mut(p as usize), g.get(v)) {
                    *slot = gv;
                }
            }
            cg
        });
        levels.push(coarse);
        parents.push(parent);
        if last {
            // The community graph is the coarsest level: merging communities further would
            // start the layout from a drawing that mixes them.
            break;
        }
    }
    Hierarchy { levels, parents }
}

/// Seeded communities for the coarsening when none are given: the community module's
/// [`leiden`] (default settings, the layout's seed), the clustering the app draws, so a layout
/// started from scratch groups the nodes as the map's clusters do. Returns labels numbered
/// `0..count` (largest community first).
pub(crate) fn quick_communities(graph: &LevelGraph, rng: &mut Rng) -> Vec<u32> {
    leiden(&graph.csr, &LeidenSettings::with_seed(rng.next_u64())).membership
}

/// Heavy-tie clustering: nodes in seeded random order join the neighbour's cluster with the
/// heaviest tie per member already in it, if that cluster is not full and is in the same group.
/// Returns each node's cluster, numbered `0..count` in order of creation.
fn cluster(fine: &LevelGraph, groups: Option<&[u32]>, rng: &mut Rng) -> Vec<u32> {
    let n = fine.node_count();
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    const NONE: u32 = u32::MAX;
    let mut cluster_of = vec![NONE; n];
    let mut members: Vec<u32> = Vec::new();
    let group = |v: usize| groups.and_then(|g| g.get(v)).copied();
    for &v in &order {
        let v = v as usize;
        if cluster_of[v] != NONE {
            continue;
        }
        let (ns, ws) = fine.csr.neighbors(v);
        let mut best: Option<(f32, usize)> = None;
        for (&u, &w) in ns.iter().zip(ws) {
            let u = u as usize;
            if group(u) != group(v) {
                continue;
            }
            let size = match cluster_of[u] {
                NONE => 1,
                c => members[c as usize],
            };
            if size >= MAX_CLUSTER {
                continue;
            }
            let score = w / size as f32;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, u));
            }
        }
        match best {
            Some((_, u)) => {
                let c = match cluster_of[u] {
                    NONE => {
                        members.push(1);
                        cluster_of[u] = members.len() as u32 - 1;
                        cluster_of[u]
                    }
                    c => c,
                };
                cluster_of[v] = c;
                members[c as usize] += 1;
            }
            None => {
                members.push(1);
                cluster_of[v] = members.len() as u32 - 1;
            }
        }
    }
    cluster_of
}

/// The coarse graph of `fine` under `parent` (`coarse_n` coarse nodes).
fn contract(fine: &LevelGraph, parent: &[u32], coarse_n: usize) -> LevelGraph {
    let mut mass = vec![0.0f32; coarse_n];
    let mut area = vec![0.0f32; coarse_n];
    for (v, &p) in parent.iter().enumerate() {
        if let Some(m) = mass.get_mut(p as usize) {
            *m += fine.mass.get(v).copied().unwrap_or(1.0);
        }
        if let Some(a) = area.get_mut(p as usize) {
            let s = fine.size.get(v).copied().unwrap_or(1.0);
            *a += s * s;
        }
    }
    LevelGraph {
        csr: contract_csr(&fine.csr, parent, coarse_n),
        mass,
        size: area.into_iter().map(f32::sqrt).collect(),
    }
}

/// The adjacency of `csr` with nodes merged by `parent` (ties inside a merged node dropped,
/// parallel ties summed).
fn contract_csr(csr: &Csr, parent: &[u32], coarse_n: usize) -> Csr {
    let mut ties = Vec::with_capacity(csr.neighbors.len() / 2);
    for v in 0..csr.node_count() {
        let (ns, ws) = csr.neighbors(v);
        for (&u, &w) in ns.iter().zip(ws) {
            if (v as u32) < u {
                if let (Some(&pv), Some(&pu)) = (parent.get(v), parent.get(u as usize)) {
                    if pv != pu {
                        ties.push((pv, pu, w));
                    }
                }
            }
        }
    }
    Csr::from_edges(coarse_n, ties)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy_shrinks_and_keeps_mass() {
        let g = crate::sample::planted_partition(3_000, 8, 10.0, 0.1, 4);
        let finest = LevelGraph::finest(&g.csr);
        let total: f32 = finest.mass.iter().sum();
        let h = build_hierarchy(finest, None, &mut Rng::new(1));
        assert!(h.levels.len() >= 4, "{} levels", h.levels.len());
        assert_eq!(h.parents.len(), h.levels.len() - 1);
        for (k, parent) in h.parents.iter().enumerate() {
            assert_eq!(parent.len(), h.levels[k].node_count());
            let coarse_n = h.levels[k + 1].node_count();
            assert!(coarse_n * 2 < h.levels[k].node_count() + 10);
            assert!(parent.iter().all(|&p| (p as usize) < coarse_n));
            let m: f32 = h.levels[k + 1].mass.iter().sum();
            assert!((m - total).abs() < 1e-3 * total);
        }
    }

    #[test]
    fn quick_communities_recover_planted_groups() {
        let g = crate::sample::planted_partition(6_000, 12, 10.0, 0.15, 3);
        let labels = quick_communities(&LevelGraph::finest(&g.csr), &mut Rng::new(9));
        // Purity: the share of nodes in their community's majority group.
        let mut table = std::collections::BTreeMap::new();
        for (&c, &t) in labels.iter().zip(&g.truth) {
            *table.entry((c, t)).or_insert(0usize) += 1;
        }
        let mut best = std::collections::BTreeMap::new();
        for (&(c, _), &k) in &table {
            let b = best.entry(c).or_insert(0usize);
            *b = (*b).max(k);
        }
        let purity = best.values().sum::<usize>() as f64 / 6_000.0;
        let nmi = crate::community::compare::nmi(&labels, &g.truth).unwrap_or(0.0);
        assert!(purity > 0.98, "purity {purity}");
        assert!(nmi > 0.95, "nmi {nmi}");
    }

    #[test]
    fn groups_are_never_mixed_and_end_as_one_node_each() {
        let g = crate::sample::planted_partition(2_000, 6, 10.0, 0.2, 5);
        let h = build_hierarchy(LevelGraph::finest(&g.csr), Some(&g.truth), &mut Rng::new(2));
        // Follow each node to the top: nodes of different groups never share an ancestor.
        let mut top: Vec<u32> = (0..2_000).collect();
        for parent in &h.parents {
            for t in top.iter_mut() {
                *t = parent[*t as usize];
            }
        }
        let coarsest = h.levels.last().map_or(0, |l| l.node_count());
        assert_eq!(coarsest, 6);
        for v in 0..2_000 {
            for u in (v + 1..2_000).step_by(97) {
                if top[v] == top[u] {
                    assert_eq!(g.truth[v], g.truth[u]);
                }
            }
        }
    }
}
