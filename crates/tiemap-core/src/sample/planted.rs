//! Seeded planted-partition graphs with known groups, for benchmarks and quality checks.

use crate::model::Csr;
use crate::rng::Rng;

/// A graph with planted groups.
#[derive(Clone, Debug, PartialEq)]
pub struct PlantedGraph {
    pub csr: Csr,
    /// `edges[i] = (u, v, weight)`, `u < v`, no duplicates.
    pub edges: Vec<(u32, u32, f32)>,
    /// The true group of each node.
    pub truth: Vec<u32>,
}

/// `nodes` nodes in `groups` groups of uneven sizes (sizes drawn so the largest group is a few
/// times the smallest), about `mean_degree` ties per node, a share `mixing` of each node's ties
/// going outside its group. Ties are drawn uniformly within (or across) groups, duplicates
/// dropped.
pub fn planted_partition(
    nodes: usize,
    groups: usize,
    mean_degree: f64,
    mixing: f64,
    seed: u64,
) -> PlantedGraph {
    let groups = groups.clamp(1, nodes.max(1));
    let mut rng = Rng::new(seed);
    // Uneven group sizes: weights in [1, 4).
    let weights: Vec<f64> = (0..groups).map(|_| 1.0 + 3.0 * rng.next_f64()).collect();
    let total: f64 = weights.iter().sum();
    let mut truth = Vec::with_capacity(nodes);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); groups];
    let mut acc = 0.0;
    let mut g = 0;
    for v in 0..nodes {
        let frac = (v as f64 + 0.5) / nodes as f64;
        while g + 1 < groups && frac > (acc + weights[g]) / total {
            acc += weights[g];
            g += 1;
        }
        truth.push(g as u32);
        members[g].push(v as u32);
    }
    let target_edges = (nodes as f64 * mean_degree / 2.0).round() as usize;
    let mut seen = std::collections::HashSet::with_capacity(target_edges * 2);
    let mut edges = Vec::with_capacity(target_edges);
    let mut attempts = 0usize;
    while edges.len() < target_edges && attempts < target_edges * 20 + 100 {
        attempts += 1;
        let u = rng.below(nodes) as u32;
        let gu = truth[u as usize] as usize;
        let v = if rng.chance(mixing) || members[gu].len() < 2 {
            rng.below(nodes) as u32
        } else {
            members[gu][rng.below(members[gu].len())]
        };
        if u == v {
            continue;
        }
        let key = (u.min(v), u.max(v));
        if seen.insert(key) {
            edges.push((key.0, key.1, 1.0));
        }
    }
    edges.sort_unstable_by_key(|a| (a.0, a.1));
    let csr = Csr::from_edges(nodes, edges.iter().copied());
    PlantedGraph { csr, edges, truth }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_mixing_and_determinism() {
        let g = planted_partition(2000, 10, 10.0, 0.1, 3);
        assert_eq!(g.truth.len(), 2000);
        assert_eq!(g.csr.node_count(), 2000);
        assert!(
            (g.edges.len() as i64 - 10_000).abs() < 50,
            "{}",
            g.edges.len()
        );
        let outside = g
            .edges
            .iter()
            .filter(|(u, v, _)| g.truth[*u as usize] != g.truth[*v as usize])
            .count();
        let share = outside as f64 / g.edges.len() as f64;
        assert!(share > 0.05 && share < 0.15, "mixing {share}");
        let sizes: Vec<usize> = (0..10)
            .map(|k| g.truth.iter().filter(|&&t| t == k).count())
            .collect();
        assert!(sizes.iter().all(|&s| s > 50), "{sizes:?}");
        assert_eq!(g, planted_partition(2000, 10, 10.0, 0.1, 3));
    }
}
