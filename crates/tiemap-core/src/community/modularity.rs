//! Newman's weighted modularity with a resolution, computed exactly in f64.

use super::{relabel_dense, CommunityError};
use crate::model::Csr;

/// Modularity of `membership` (any `u32` ids, one per node) on `csr` at resolution `gamma`:
///
/// `Q = 1/(2m) sum_ij [A_ij - gamma k_i k_j / (2m)] delta(c_i, c_j)`
///
/// where `A` is the weighted adjacency, `k_i` the weighted degree and `m` the total tie weight.
/// This is networkx's `modularity(G, communities, weight, resolution)`. A graph without ties
/// has modularity 0.
pub fn modularity(csr: &Csr, membership: &[u32], resolution: f64) -> Result<f64, CommunityError> {
    let n = csr.node_count();
    if membership.len() != n {
        return Err(CommunityError::LengthMismatch {
            what: "membership against the graph's nodes",
            left: membership.len(),
            right: n,
        });
    }
    let mut dense = membership.to_vec();
    let count = relabel_dense(&mut dense);
    let mut inside = vec![0.0f64; count];
    let mut strength = vec![0.0f64; count];
    let mut two_m = 0.0f64;
    for (v, &c) in dense.iter().enumerate() {
        let lo = csr.offsets.get(v).copied().unwrap_or(0) as usize;
        let hi = csr.offsets.get(v + 1).copied().unwrap_or(0) as usize;
        let ns = csr.neighbors.get(lo..hi).unwrap_or(&[]);
        let ws = csr.weights.get(lo..hi).unwrap_or(&[]);
        for (&u, &w) in ns.iter().zip(ws) {
            let w = w as f64;
            strength[c as usize] += w;
            two_m += w;
            if dense.get(u as usize) == Some(&c) {
                inside[c as usize] += w;
            }
        }
    }
    if two_m <= 0.0 {
        return Ok(0.0);
    }
    Ok(inside
        .iter()
        .zip(&strength)
        .map(|(&e, &k)| e / two_m - resolution * (k / two_m) * (k / two_m))
        .sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_values() {
        // Path 0-1-2-3, unit weights: m = 3, degrees 1,2,2,1.
        let path = Csr::from_edges(4, [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
        // {0,1},{2,3}: each side has 1 tie (2 ordered), strength 3.
        // Q = 2 * (2/6 - (3/6)^2) = 1/6.
        let q = modularity(&path, &[0, 0, 1, 1], 1.0).unwrap();
        assert!((q - 1.0 / 6.0).abs() < 1e-15, "{q}");
        // One community: Q = 1 - gamma.
        assert!((modularity(&path, &[5, 5, 5, 5], 1.0).unwrap()).abs() < 1e-15);
        assert!((modularity(&path, &[5, 5, 5, 5], 0.5).unwrap() - 0.5).abs() < 1e-15);
        // Singletons: Q = -sum (k_i/2m)^2 = -(1+4+4+1)/36.
        let q = modularity(&path, &[0, 1, 2, 3], 1.0).unwrap();
        assert!((q + 10.0 / 36.0).abs() < 1e-15, "{q}");
        // Resolution 2 on {0,1},{2,3}: 2 * (2/6 - 2 * 1/4) = -1/3.
        let q = modularity(&path, &[0, 0, 1, 1], 2.0).unwrap();
        assert!((q + 1.0 / 3.0).abs() < 1e-15, "{q}");
    }

    #[test]
    fn weights_count() {
        // Triangle with one heavy tie: 0-1 (w 3), 1-2 (1), 0-2 (1). 2m = 10.
        let g = Csr::from_edges(3, [(0, 1, 3.0), (1, 2, 1.0), (0, 2, 1.0)]);
        // {0,1},{2}: inside 6, strengths 8 and 2: Q = 6/10 - 0.64 - 0.04 = -0.08.
        let q = modularity(&g, &[0, 0, 1], 1.0).unwrap();
        assert!((q + 0.08).abs() < 1e-12, "{q}");
    }

    #[test]
    fn wrong_length_is_an_error() {
        let g = Csr::from_edges(3, [(0, 1, 1.0)]);
        assert_eq!(
            modularity(&g, &[0, 0], 1.0),
            Err(CommunityError::LengthMismatch {
                what: "membership against the graph's nodes",
                left: 2,
                right: 3
            })
        );
        assert_eq!(modularity(&Csr::from_edges(2, []), &[0, 1], 1.0), Ok(0.0));
    }
}
