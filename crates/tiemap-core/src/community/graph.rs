//! The working graph of Leiden and Louvain: flat arrays, f64 weights, self-loops kept apart so
//! aggregated graphs (one node per community) have the same shape as the original.

use crate::model::Csr;

/// Undirected weighted graph in compressed rows. Each tie is stored from both ends; a node's
/// self-loop weight is kept in `self_weight`, never in the rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct WorkGraph {
    pub offsets: Vec<usize>,
    pub neighbors: Vec<u32>,
    pub weights: Vec<f64>,
    /// Sum of `A_ij` over ordered pairs inside the node (twice the internal tie weight).
    pub self_weight: Vec<f64>,
    /// Strength `k_i`: row sum plus `self_weight`.
    pub strength: Vec<f64>,
    /// `2m`: the sum of all strengths.
    pub total_strength: f64,
}

impl WorkGraph {
    pub fn from_csr(csr: &Csr) -> WorkGraph {
        let n = csr.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0usize);
        let mut neighbors = Vec::with_capacity(csr.neighbors.len());
        let mut weights = Vec::with_capacity(csr.neighbors.len());
        let mut strength = vec![0.0f64; n];
        for (v, s) in strength.iter_mut().enumerate() {
            let lo = csr.offsets.get(v).copied().unwrap_or(0) as usize;
            let hi = csr.offsets.get(v + 1).copied().unwrap_or(0) as usize;
            let ns = csr.neighbors.get(lo..hi).unwrap_or(&[]);
            let ws = csr.weights.get(lo..hi).unwrap_or(&[]);
            for (&u, &w) in ns.iter().zip(ws) {
                // Csr has no self-loops and only positive finite weights, but stay safe.
                if u as usize == v || (u as usize) >= n || !(w.is_finite() && w > 0.0) {
                    continue;
                }
                neighbors.push(u);
                weights.push(w as f64);
                *s += w as f64;
            }
            offsets.push(neighbors.len());
        }
        let total_strength = strength.iter().sum();
        WorkGraph {
            offsets,
            neighbors,
            weights,
            self_weight: vec![0.0; n],
            strength,
            total_strength,
        }
    }

    #[inline]
    pub fn node_count(&self) -> usize {
        self.strength.len()
    }

    /// Neighbours of `v` and the weights of the ties to them.
    #[inline]
    pub fn row(&self, v: usize) -> (&[u32], &[f64]) {
        let (lo, hi) = (self.offsets[v], self.offsets[v + 1]);
        (&self.neighbors[lo..hi], &self.weights[lo..hi])
    }

    /// The graph with one node per community of `membership` (ids `0..count`): ties between
    /// communities summed, ties inside a community turned into its self-loop weight.
    pub fn aggregate(&self, membership: &[u32], count: usize) -> WorkGraph {
        let n = self.node_count();
        // Counting sort of the nodes by community.
        let mut start = vec![0usize; count + 1];
        for &c in membership {
            start[c as usize + 1] += 1;
        }
        for c in 0..count {
            start[c + 1] += start[c];
        }
        let mut fill = start.clone();
        let mut members = vec![0u32; n];
        for (v, &c) in membership.iter().enumerate() {
            members[fill[c as usize]] = v as u32;
            fill[c as usize] += 1;
        }

        let mut offsets = Vec::with_capacity(count + 1);
        offsets.push(0usize);
        let mut neighbors = Vec::with_capacity(self.neighbors.len() / 2);
        let mut weights = Vec::with_capacity(self.neighbors.len() / 2);
        let mut self_weight = vec![0.0f64; count];
        let mut strength = vec![0.0f64; count];
        let mut acc = vec![0.0f64; count];
        let mut touched: Vec<u32> = Vec::new();
        for c in 0..count {
            let mut inside = 0.0;
            let mut k = 0.0;
            for &v in &members[start[c]..start[c + 1]] {
                let v = v as usize;
                inside += self.self_weight[v];
                k += self.strength[v];
                let (ns, ws) = self.row(v);
                for (&u, &w) in ns.iter().zip(ws) {
                    let cu = membership[u as usize];
                    if cu as usize == c {
                        inside += w;
                    } else {
                        if acc[cu as usize] == 0.0 {
                            touched.push(cu);
                        }
                        acc[cu as usize] += w;
                    }
                }
            }
            touched.sort_unstable();
            for &t in &touched {
                neighbors.push(t);
                weights.push(acc[t as usize]);
                acc[t as usize] = 0.0;
            }
            touched.clear();
            offsets.push(neighbors.len());
            self_weight[c] = inside;
            strength[c] = k;
        }
        WorkGraph {
            offsets,
            neighbors,
            weights,
            self_weight,
            strength,
            total_strength: self.total_strength,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregation_keeps_strengths_and_total() {
        // Two triangles joined by one tie.
        let csr = Csr::from_edges(
            6,
            [
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 2.0),
                (2, 3, 0.5),
            ],
        );
        let g = WorkGraph::from_csr(&csr);
        assert!((g.total_strength - 15.0).abs() < 1e-12);
        let a = g.aggregate(&[0, 0, 0, 1, 1, 1], 2);
        assert_eq!(a.node_count(), 2);
        assert_eq!(a.row(0), (&[1u32][..], &[0.5f64][..]));
        assert_eq!(a.row(1), (&[0u32][..], &[0.5f64][..]));
        assert!((a.self_weight[0] - 6.0).abs() < 1e-12);
        assert!((a.self_weight[1] - 8.0).abs() < 1e-12);
        assert!((a.strength[0] - 6.5).abs() < 1e-12);
        assert!((a.strength[1] - 8.5).abs() < 1e-12);
        assert!((a.total_strength - 15.0).abs() < 1e-12);
        // Aggregating again into one node puts everything in its self-loop.
        let b = a.aggregate(&[0, 0], 1);
        assert!((b.self_weight[0] - 15.0).abs() < 1e-12);
        assert!(b.row(0).0.is_empty());
    }
}
