//! ForceAtlas2 settings: plain data with documented defaults, plus [`Fa2Settings::infer`],
//! which picks them from the size of the graph (in the spirit of graphology's
//! `inferSettings`).

use serde::{Deserialize, Serialize};

/// Every knob of the layout. The names follow the ForceAtlas2 paper (Jacomy, Venturini,
/// Heymann, Bastian 2014, PLoS ONE) and graphology's `layout-forceatlas2`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fa2Settings {
    /// Attraction `log(1 + d)` instead of `d`: tighter, better separated clusters.
    /// Default `false`.
    pub linlog_mode: bool,
    /// "Dissuade hubs" (outbound attraction distribution): the attraction a node feels is
    /// divided by its mass (degree + 1), so hubs drift to the borders of their clusters and
    /// authorities to the centre. The division is compensated by the mean mass so the overall
    /// strength of attraction is unchanged. Default `false`.
    pub dissuade_hubs: bool,
    /// Size-aware overlap prevention: distances are taken between node borders (node sizes
    /// from [`crate::layout::LayoutState::set_node_sizes`], 1 by default), overlapping nodes
    /// repel strongly and do not attract. Best switched on for the last iterations only.
    /// Default `false`.
    pub adjust_sizes: bool,
    /// Tie weight `w` enters attraction as `w^edge_weight_influence`: 0 ignores weights,
    /// 1 is linear. Default `1.0`.
    pub edge_weight_influence: f32,
    /// Repulsion strength (`k_r`): larger spreads the map. Default `2.0`.
    pub scaling_ratio: f32,
    /// Gravity grows with distance from the centre (`g * mass * d`) instead of being constant
    /// (`g * mass`): keeps disconnected parts close. Default `false`.
    pub strong_gravity_mode: bool,
    /// Pull towards the origin, which keeps disconnected components from drifting away.
    /// Default `1.0`.
    pub gravity: f32,
    /// Jitter tolerance (`tau` in the paper): how much swinging the global speed accepts.
    /// Higher is faster but less precise. Default `1.0`.
    pub jitter_tolerance: f32,
    /// Divides every displacement; graphology's `slowDown`. Default `1.0`.
    pub slow_down: f32,
    /// Barnes-Hut approximation of repulsion over a quadtree: `O(n log n)` instead of
    /// `O(n^2)` per iteration. Default `true`.
    pub barnes_hut_optimize: bool,
    /// A quadtree cell of width `w` at distance `d` is taken as one body when `w / d < theta`.
    /// Larger is faster and coarser. Default `1.2`.
    pub barnes_hut_theta: f32,
    /// Lay out a coarsened graph first (then prolong and refine) when the layout starts from
    /// scratch and the graph has at least this many nodes. `usize::MAX` switches the multilevel
    /// scheme off. Default `400`.
    pub multilevel_min_nodes: usize,
    /// The layout has converged when, over [`Fa2Settings::CONVERGED_STREAK`] iterations in a
    /// row, the mean displacement of the nodes is below `convergence_threshold` times the mean
    /// node spacing (`rms_radius / sqrt(n)`, the distance between neighbours if the nodes were
    /// spread evenly over the drawing), or when the picture stops changing visibly. `0` switches
    /// both rules off: the layout runs as long as it is stepped (benches, fixed iteration
    /// counts). Default `0.05`.
    pub convergence_threshold: f32,
}

impl Fa2Settings {
    /// Consecutive iterations below the threshold before the layout is called converged.
    pub const CONVERGED_STREAK: usize = 5;
}

impl Default for Fa2Settings {
    fn default() -> Self {
        Fa2Settings {
            linlog_mode: false,
            dissuade_hubs: false,
            adjust_sizes: false,
            edge_weight_influence: 1.0,
            scaling_ratio: 2.0,
            strong_gravity_mode: false,
            gravity: 1.0,
            jitter_tolerance: 1.0,
            slow_down: 1.0,
            barnes_hut_optimize: true,
            barnes_hut_theta: 1.2,
            multilevel_min_nodes: 400,
            convergence_threshold: 0.05,
        }
    }
}

impl Fa2Settings {
    /// Settings suited to a graph of this size:
    /// - Barnes-Hut above 2,000 nodes (exact repulsion is cheaper and exact below);
    /// - LinLog attraction, so that clusters separate clearly (the map is about clusters);
    /// - scaling falls with size (a LinLog layout's final scale grows with it, and a scale
    ///   close to the start settles sooner), gravity falls too (large maps are not squeezed);
    ///   strong gravity for graphs with fewer ties than nodes, whose isolated nodes would
    ///   otherwise scatter;
    /// - jitter tolerance `0.1 sqrt(n)` within `[1, 10]`, a wider theta above 50k nodes.
    pub fn infer(node_count: usize, edge_count: usize) -> Fa2Settings {
        let n = node_count.max(1) as f32;
        let mean_degree = 2.0 * edge_count as f32 / n;
        let mut s = Fa2Settings {
            linlog_mode: true,
            barnes_hut_optimize: node_count > 2_000,
            ..Fa2Settings::default()
        };
        // LinLog layouts settle at a scale that grows with the scaling ratio; a small ratio
        // keeps that scale close to the start, so large graphs settle in fewer iterations.
        if node_count <= 100 {
            s.scaling_ratio = 2.0;
        } else if node_count <= 2_000 {
            s.scaling_ratio = 1.0;
        } else {
            s.scaling_ratio = 0.5;
            s.gravity = 0.5;
        }
        // More tolerance of swinging on larger graphs (in the spirit of Gephi's estimate
        // `0.05 sqrt(n)`): Barnes-Hut noise makes some swinging unavoidable there.
        s.jitter_tolerance = (0.1 * n.sqrt()).clamp(1.0, 10.0);
        if mean_degree < 1.0 {
            s.strong_gravity_mode = true;
            s.gravity = 0.05;
        }
        if node_count > 50_000 {
            s.barnes_hut_theta = 1.5;
        }
        s
    }

    /// A copy with every number forced into its valid range (finite, non-negative, theta and
    /// tolerance positive), so that bad settings from a UI never produce NaN positions.
    pub fn sanitized(&self) -> Fa2Settings {
        fn clean(x: f32, default: f32, min: f32) -> f32 {
            if x.is_finite() {
                x.max(min)
            } else {
                default
            }
        }
        let d = Fa2Settings::default();
        Fa2Settings {
            edge_weight_influence: clean(self.edge_weight_influence, d.edge_weight_influence, 0.0),
            scaling_ratio: clean(self.scaling_ratio, d.scaling_ratio, 1e-6),
            gravity: clean(self.gravity, d.gravity, 0.0),
            jitter_tolerance: clean(self.jitter_tolerance, d.jitter_tolerance, 1e-6),
            slow_down: clean(self.slow_down, d.slow_down, 1e-6),
            barnes_hut_theta: clean(self.barnes_hut_theta, d.barnes_hut_theta, 1e-3),
            convergence_threshold: clean(self.convergence_threshold, d.convergence_threshold, 0.0),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infer_switches_barnes_hut_by_size() {
        assert!(!Fa2Settings::infer(500, 2_000).barnes_hut_optimize);
        assert!(Fa2Settings::infer(10_000, 100_000).barnes_hut_optimize);
        assert!(Fa2Settings::infer(50, 0).strong_gravity_mode);
        assert!(
            Fa2Settings::infer(10_000, 50_000).scaling_ratio
                < Fa2Settings::infer(50, 100).scaling_ratio
        );
        assert!(Fa2Settings::infer(10_000, 50_000).jitter_tolerance > 1.0);
    }

    #[test]
    fn sanitized_repairs_bad_numbers() {
        let bad = Fa2Settings {
            gravity: f32::NAN,
            scaling_ratio: -3.0,
            barnes_hut_theta: 0.0,
            ..Fa2Settings::default()
        };
        let s = bad.sanitized();
        assert_eq!(s.gravity, 1.0);
        assert!(s.scaling_ratio > 0.0);
        assert!(s.barnes_hut_theta > 0.0);
    }
}
