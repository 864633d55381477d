//! Graph layout: where each node is drawn.
//!
//! Positions live in one flat `Vec<f32>` of `[x0, y0, x1, y1, ...]` in graph space, so they
//! reach the worker, the page and WebGL without per-node conversion.

use crate::rng::Rng;

/// Seeded starting positions: nodes spread uniformly over a disc whose area grows with the
/// node count (so density stays constant). Returns `[x0, y0, x1, y1, ...]`.
pub fn initial_positions(node_count: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    let radius = (node_count.max(1) as f64).sqrt() * 10.0;
    let mut pos = Vec::with_capacity(node_count * 2);
    for _ in 0..node_count {
        let r = radius * rng.next_f64().sqrt();
        let a = std::f64::consts::TAU * rng.next_f64();
        pos.push((r * a.cos()) as f32);
        pos.push((r * a.sin()) as f32);
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_positions_are_finite_seeded_and_spread() {
        let a = initial_positions(500, 42);
        assert_eq!(a.len(), 1000);
        assert!(a.iter().all(|x| x.is_finite()));
        assert_eq!(a, initial_positions(500, 42));
        assert_ne!(a, initial_positions(500, 43));
        let max_r = a
            .chunks(2)
            .map(|p| (p[0] * p[0] + p[1] * p[1]).sqrt())
            .fold(0.0f32, f32::max);
        assert!(max_r <= (500f32).sqrt() * 10.0 + 1e-3);
        assert!(max_r > (500f32).sqrt() * 5.0);
    }
}
