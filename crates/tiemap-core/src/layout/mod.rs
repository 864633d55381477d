//! Graph layout: where each node is drawn.
//!
//! ForceAtlas2 ([`forceatlas2`]) with Barnes-Hut repulsion over a flat quadtree
//! ([`quadtree`]), settings as data ([`settings`]), a multilevel scheme for large graphs
//! ([`multilevel`]), and a caller-driven state machine ([`LayoutState`]): the worker calls
//! [`LayoutState::step`] within its time budget and reads [`LayoutState::positions`].
//! Quality measures of a drawing against known groups live in [`quality`].
//!
//! Positions live in one flat `Vec<f32>` of `[x0, y0, x1, y1, ...]` in graph space, so they
//! reach the worker, the page and WebGL without per-node conversion.
//!
//! Every random choice comes from a seed, and the arithmetic avoids platform `libm` calls
//! ([`detmath`]), so the same graph, settings and seed give bit-identical positions on native
//! and wasm. Wasm builds with simd128 (`-C target-feature=+simd128`) run the Barnes-Hut walk
//! and the attraction four lanes at a time (`lanes`), with the same operations in the same
//! order per lane: the same bits again (docs/layout-speed.md).

pub mod detmath;
pub mod forceatlas2;
mod lanes;
pub mod multilevel;
pub mod quadtree;
pub mod quality;
pub mod settings;
mod state;

pub use quality::{knn_group_share, silhouette};
pub use settings::Fa2Settings;
pub use state::{LayoutStart, LayoutState, StepStats};

use crate::rng::Rng;
use thiserror::Error;

/// What can go wrong when starting or steering a layout.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum LayoutError {
    #[error("starting positions hold {got} numbers, but the graph's {} nodes need {expected} (x and y for each)", expected / 2)]
    PositionsLength { expected: usize, got: usize },
    #[error("node {node} was given a position that is not a finite number")]
    NonFinitePosition { node: usize },
    #[error("community membership lists {got} nodes, but the graph has {expected}")]
    MembershipLength { expected: usize, got: usize },
    #[error("there is no node {node}: the graph has {count} nodes")]
    NoSuchNode { node: usize, count: usize },
    #[error("groups list {got} nodes, but the drawing has {expected}")]
    GroupsLength { expected: usize, got: usize },
    #[error("layout internal error: {0}")]
    Internal(&'static str),
}

/// Seeded starting positions: nodes spread uniformly over a disc whose area grows with the
/// node count (so density stays constant). Returns `[x0, y0, x1, y1, ...]`. Points are drawn
/// by rejection from the square (no trigonometry), so every platform gives the same bits.
pub fn initial_positions(node_count: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    let radius = (node_count.max(1) as f32).sqrt() * 10.0;
    let mut pos = Vec::with_capacity(node_count * 2);
    for _ in 0..node_count {
        let [x, y] = state::unit_disc(&mut rng);
        pos.push(x * radius);
        pos.push(y * radius);
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
