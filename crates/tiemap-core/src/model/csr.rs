//! Compressed sparse rows: a compact, symmetric adjacency for undirected weighted graphs.

use crate::order::counting_sort_by;
use serde::{Deserialize, Serialize};

/// Undirected weighted adjacency. Node `v`'s neighbours are
/// `neighbors[offsets[v]..offsets[v + 1]]` with the matching `weights`, sorted by neighbour.
/// Every tie appears twice (once from each end); self-loops are dropped and parallel ties merged.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Csr {
    pub offsets: Vec<u32>,
    pub neighbors: Vec<u32>,
    pub weights: Vec<f32>,
}

impl Csr {
    /// Builds the adjacency of `node_count` nodes from `(u, v, weight)` ties. Ties naming a node
    /// `>= node_count`, self-loops and non-positive or non-finite weights are ignored; parallel
    /// ties are merged by adding their weights.
    pub fn from_edges(node_count: usize, edges: impl IntoIterator<Item = (u32, u32, f32)>) -> Csr {
        let mut pairs: Vec<(u32, u32, f32)> = Vec::new();
        for (u, v, w) in edges {
            if u == v
                || u as usize >= node_count
                || v as usize >= node_count
                || !(w.is_finite() && w > 0.0)
            {
                continue;
            }
            pairs.push((u, v, w));
            pairs.push((v, u, w));
        }
        // Sorted by (u, v) with two stable counting sorts (by v, then by u): linear where a
        // comparison sort of a 30,000-person map's half a million entries took ~20 ms, and
        // parallel ties are summed in the order they were given.
        // (each copy dropped as soon as the next is made: a 1,000,000-tie file's pairs are 24 MB)
        let by_v = counting_sort_by(&pairs, node_count, |p| p.1);
        drop(pairs);
        let pairs = counting_sort_by(&by_v, node_count, |p| p.0);
        drop(by_v);
        let mut offsets = vec![0u32; node_count + 1];
        let mut neighbors = Vec::with_capacity(pairs.len());
        let mut weights = Vec::with_capacity(pairs.len());
        let mut last: Option<(u32, u32)> = None;
        for (u, v, w) in pairs {
            if last == Some((u, v)) {
                if let Some(x) = weights.last_mut() {
                    *x += w;
                }
                continue;
            }
            last = Some((u, v));
            neighbors.push(v);
            weights.push(w);
            offsets[u as usize + 1] += 1;
        }
        for i in 0..node_count {
            offsets[i + 1] += offsets[i];
        }
        Csr {
            offsets,
            neighbors,
            weights,
        }
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Number of undirected ties.
    pub fn edge_count(&self) -> usize {
        self.neighbors.len() / 2
    }

    /// Neighbours of `v` and the weights of the ties to them.
    pub fn neighbors(&self, v: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.offsets[v] as usize, self.offsets[v + 1] as usize);
        (&self.neighbors[a..b], &self.weights[a..b])
    }

    /// Number of ties of `v`.
    pub fn degree(&self, v: usize) -> usize {
        (self.offsets[v + 1] - self.offsets[v]) as usize
    }

    /// Sum of the weights of the ties of `v`.
    pub fn weighted_degree(&self, v: usize) -> f64 {
        self.neighbors(v).1.iter().map(|&w| w as f64).sum()
    }

    /// Sum of all tie weights (each undirected tie counted once).
    pub fn total_weight(&self) -> f64 {
        self.weights.iter().map(|&w| w as f64).sum::<f64>() / 2.0
    }

    /// The connected component of every node: see [`crate::model::component_labels`].
    pub fn component_labels(&self) -> Vec<u32> {
        let ties = (0..self.node_count()).flat_map(|v| {
            self.neighbors(v)
                .0
                .iter()
                .filter(move |&&u| (v as u32) < u)
                .map(move |&u| (v as u32, u))
        });
        component_labels(self.node_count(), ties)
    }
}

/// The connected component of each of `node_count` nodes joined by undirected `ties`:
/// components are numbered `0..count` by their smallest node (an isolated node is a component
/// of its own). Ties naming a node `>= node_count` are ignored.
///
/// The crate's one connected-components computation (the network summary's islands, the
/// split of disconnected Louvain communities): petgraph's union-find over the ties, then
/// [`crate::community::relabel_dense`] on the representatives.
pub fn component_labels(node_count: usize, ties: impl IntoIterator<Item = (u32, u32)>) -> Vec<u32> {
    let mut sets = petgraph::unionfind::UnionFind::<u32>::new(node_count);
    for (u, v) in ties {
        // An out-of-range end is the only error; such a tie joins nothing.
        let _ = sets.try_union(u, v);
    }
    let mut labels = sets.into_labeling();
    crate::community::relabel_dense(&mut labels);
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symmetric_merged_and_clean() {
        let csr = Csr::from_edges(
            4,
            [
                (0, 1, 1.0),
                (1, 0, 0.5),
                (1, 2, 2.0),
                (2, 2, 9.0),
                (3, 7, 1.0),
                (0, 3, -1.0),
            ],
        );
        assert_eq!(csr.node_count(), 4);
        assert_eq!(csr.edge_count(), 2);
        assert_eq!(csr.neighbors(1), (&[0u32, 2][..], &[1.5f32, 2.0][..]));
        assert_eq!(csr.degree(3), 0);
        assert!((csr.total_weight() - 3.5).abs() < 1e-9);
        assert_eq!(csr.component_labels(), vec![0, 0, 0, 1]);
        assert_eq!(
            component_labels(5, [(4, 1), (3, 0), (2, 9)]),
            vec![0, 1, 2, 0, 1]
        );
    }

    #[test]
    fn rows_are_sorted_and_parallel_ties_summed_in_the_order_given() {
        // a seeded jumble of ties, many of them parallel, against a map built tie by tie
        let mut rng = crate::rng::Rng::new(5);
        let n = 60;
        let edges: Vec<(u32, u32, f32)> = (0..2_000)
            .map(|_| {
                let u = (rng.next_u64() % n) as u32;
                let v = (rng.next_u64() % n) as u32;
                (u, v, 0.1 + (rng.next_u64() % 7) as f32 * 0.37)
            })
            .collect();
        let mut expected: std::collections::BTreeMap<(u32, u32), f32> = Default::default();
        for &(u, v, w) in edges.iter().filter(|e| e.0 != e.1) {
            *expected.entry((u, v)).or_insert(0.0) += w;
            *expected.entry((v, u)).or_insert(0.0) += w;
        }
        let csr = Csr::from_edges(n as usize, edges);
        let mut got = std::collections::BTreeMap::new();
        for v in 0..n as usize {
            let (ns, ws) = csr.neighbors(v);
            assert!(ns.windows(2).all(|p| p[0] < p[1]), "row {v} sorted: {ns:?}");
            for (&u, &w) in ns.iter().zip(ws) {
                got.insert((v as u32, u), w);
            }
        }
        // the same additions in the same order: equal to the last bit
        assert_eq!(got, expected);
    }
}
