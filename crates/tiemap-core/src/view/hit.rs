//! Which node is under the pointer: a uniform grid over graph positions.
//!
//! Built once per positions frame (O(n)), asked on every pointer move. The grid's cells are
//! sized so that a cell holds about one node on average; a query looks only at the cells
//! within the largest pick radius of the point, so it costs a few dozen distance tests
//! whatever the size of the graph.

use super::camera::Bounds;

/// A uniform grid of node indices bucketed by graph position (counting sort: one flat array
/// of indices and one offset per cell, no per-cell allocation).
#[derive(Clone, Debug, Default)]
pub struct HitGrid {
    origin_in_graph: [f32; 2],
    cell_in_graph: f32,
    cols: usize,
    rows: usize,
    /// `cell_start[c]..cell_start[c + 1]` indexes `items` for cell `c`.
    cell_start: Vec<u32>,
    items: Vec<u32>,
}

/// The grid never has more cells than this (memory stays bounded for any input).
const MAX_CELLS: usize = 1 << 20;

impl HitGrid {
    /// A grid over `pos_in_graph` (`[x0, y0, x1, y1, ...]`); nodes with a non-finite
    /// coordinate are left out (they cannot be hit).
    pub fn build(pos_in_graph: &[f32]) -> HitGrid {
        let Some(bounds) = Bounds::of_positions(pos_in_graph) else {
            return HitGrid::default();
        };
        let n = pos_in_graph.len() / 2;
        let extent = bounds.width().max(bounds.height()).max(1e-6);
        let target_cells = n.clamp(1, MAX_CELLS) as f32;
        // Cells of about one node each over the bounding box's area.
        let area = bounds.width().max(extent * 1e-3) * bounds.height().max(extent * 1e-3);
        let cell = (area / target_cells).sqrt().max(extent / 1024.0).max(1e-6);
        let cols = ((bounds.width() / cell).floor() as usize + 1).clamp(1, 4096);
        let rows = ((bounds.height() / cell).floor() as usize + 1).clamp(1, 4096);
        let mut grid = HitGrid {
            origin_in_graph: bounds.min,
            cell_in_graph: cell,
            cols,
            rows,
            cell_start: vec![0; cols * rows + 1],
            items: Vec::new(),
        };
        let mut cell_of = Vec::with_capacity(n);
        for p in pos_in_graph.chunks_exact(2) {
            let c = grid.cell_index([p[0], p[1]]);
            if let Some(c) = c {
                grid.cell_start[c + 1] += 1;
            }
            cell_of.push(c);
        }
        for c in 0..cols * rows {
            grid.cell_start[c + 1] += grid.cell_start[c];
        }
        let mut fill = grid.cell_start.clone();
        grid.items = vec![0; grid.cell_start[cols * rows] as usize];
        for (i, c) in cell_of.into_iter().enumerate() {
            if let Some(c) = c {
                grid.items[fill[c] as usize] = i as u32;
                fill[c] += 1;
            }
        }
        grid
    }

    fn cell_coord(&self, v: f32, origin: f32, n: usize) -> usize {
        let c = ((v - origin) / self.cell_in_graph).floor();
        if c <= 0.0 {
            0
        } else {
            (c as usize).min(n - 1)
        }
    }

    fn cell_index(&self, p: [f32; 2]) -> Option<usize> {
        if !(p[0].is_finite() && p[1].is_finite()) || self.cols == 0 {
            return None;
        }
        let col = self.cell_coord(p[0], self.origin_in_graph[0], self.cols);
        let row = self.cell_coord(p[1], self.origin_in_graph[1], self.rows);
        Some(row * self.cols + col)
    }

    /// Number of nodes in the grid.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The node whose disc contains `point_in_graph`, or None.
    ///
    /// `radius_in_graph(i)` is node `i`'s pick radius in graph units, and `max_radius_in_graph`
    /// an upper bound of it over all nodes (it sets how many cells are searched). When discs
    /// overlap, the node drawn on top wins: the one with the largest radius, then the one whose
    /// centre is nearest, then the lowest index (so the answer never depends on grid order).
    /// A negative radius means the node can't be picked (it is hidden).
    pub fn pick(
        &self,
        pos_in_graph: &[f32],
        point_in_graph: [f32; 2],
        max_radius_in_graph: f32,
        radius_in_graph: impl Fn(usize) -> f32,
    ) -> Option<usize> {
        if self.cols == 0 || !(point_in_graph[0].is_finite() && point_in_graph[1].is_finite()) {
            return None;
        }
        let r = max_radius_in_graph.max(0.0);
        if !r.is_finite() {
            return None;
        }
        let (o, cell) = (self.origin_in_graph, self.cell_in_graph);
        let c0 = self.cell_coord(point_in_graph[0] - r, o[0], self.cols);
        let c1 = self.cell_coord(point_in_graph[0] + r, o[0], self.cols);
        let r0 = self.cell_coord(point_in_graph[1] - r, o[1], self.rows);
        let r1 = self.cell_coord(point_in_graph[1] + r, o[1], self.rows);
        // Far outside the grid on one side: nothing can be within r.
        let far =
            |v: f32, origin: f32, n: usize| v + r < origin || v - r > origin + n as f32 * cell;
        if far(point_in_graph[0], o[0], self.cols) || far(point_in_graph[1], o[1], self.rows) {
            return None;
        }
        let mut best: Option<(f32, f32, usize)> = None;
        for row in r0..=r1 {
            let base = row * self.cols;
            let (Some(&start), Some(&end)) = (
                self.cell_start.get(base + c0),
                self.cell_start.get(base + c1 + 1),
            ) else {
                continue;
            };
            // Cells of one row are contiguous in `items`.
            for &i in self.items.get(start as usize..end as usize).unwrap_or(&[]) {
                let i = i as usize;
                let (Some(&x), Some(&y)) = (pos_in_graph.get(2 * i), pos_in_graph.get(2 * i + 1))
                else {
                    continue;
                };
                let (dx, dy) = (x - point_in_graph[0], y - point_in_graph[1]);
                let d2 = dx * dx + dy * dy;
                let ri = radius_in_graph(i).min(r);
                // A negative radius (a hidden node) never hits.
                if ri < 0.0 || d2 > ri * ri {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((br, bd2, bi)) => {
                        ri > br || (ri == br && (d2 < bd2 || (d2 == bd2 && i < bi)))
                    }
                };
                if better {
                    best = Some((ri, d2, i));
                }
            }
        }
        best.map(|(_, _, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use proptest::prelude::*;

    /// The answer by brute force, with the same tie-breaking as `pick`.
    fn brute(pos: &[f32], p: [f32; 2], radius: &[f32]) -> Option<usize> {
        let mut best: Option<(f32, f32, usize)> = None;
        for (i, q) in pos.chunks_exact(2).enumerate() {
            if !(q[0].is_finite() && q[1].is_finite()) {
                continue;
            }
            let d2 = (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2);
            let ri = radius[i];
            if d2 > ri * ri {
                continue;
            }
            let better = match best {
                None => true,
                Some((br, bd2, _)) => ri > br || (ri == br && d2 < bd2),
            };
            if better {
                best = Some((ri, d2, i));
            }
        }
        best.map(|(_, _, i)| i)
    }

    #[test]
    fn picks_the_node_under_the_point_and_nothing_in_empty_space() {
        let pos = [0.0, 0.0, 10.0, 0.0, 10.0, 10.0];
        let grid = HitGrid::build(&pos);
        assert_eq!(grid.len(), 3);
        let r = |_| 1.0;
        assert_eq!(grid.pick(&pos, [0.5, 0.2], 1.0, r), Some(0));
        assert_eq!(grid.pick(&pos, [9.4, 9.6], 1.0, r), Some(2));
        assert_eq!(grid.pick(&pos, [5.0, 5.0], 1.0, r), None);
        assert_eq!(grid.pick(&pos, [-50.0, 3.0], 1.0, r), None);
        // A hidden node (negative radius) is never picked, even dead centre.
        let hidden = |i| if i == 0 { -1.0 } else { 1.0 };
        assert_eq!(grid.pick(&pos, [0.0, 0.0], 1.0, hidden), None);
        assert_eq!(grid.pick(&pos, [10.0, 0.0], 1.0, hidden), Some(1));
    }

    #[test]
    fn the_bigger_disc_wins_where_discs_overlap() {
        let pos = [0.0, 0.0, 1.0, 0.0];
        let grid = HitGrid::build(&pos);
        let radius = [0.6, 3.0];
        // Nearer to node 0, but node 1 is drawn on top (bigger).
        assert_eq!(grid.pick(&pos, [0.1, 0.0], 3.0, |i| radius[i]), Some(1));
    }

    #[test]
    fn nodes_with_non_finite_positions_are_left_out() {
        let pos = [f32::NAN, 0.0, 1.0, 1.0, f32::INFINITY, 2.0];
        let grid = HitGrid::build(&pos);
        assert_eq!(grid.len(), 1);
        assert_eq!(grid.pick(&pos, [1.0, 1.0], 0.5, |_| 0.5), Some(1));
        assert!(HitGrid::build(&[])
            .pick(&[], [0.0, 0.0], 1.0, |_| 1.0)
            .is_none());
    }

    #[test]
    fn agrees_with_brute_force_on_a_large_seeded_cloud() {
        let mut rng = Rng::new(11);
        let n = 5_000;
        let pos: Vec<f32> = (0..2 * n)
            .map(|_| rng.next_f32() * 1000.0 - 500.0)
            .collect();
        let radius: Vec<f32> = (0..n).map(|_| 0.5 + rng.next_f32() * 6.0).collect();
        let grid = HitGrid::build(&pos);
        for _ in 0..2_000 {
            let p = [
                rng.next_f32() * 1100.0 - 550.0,
                rng.next_f32() * 1100.0 - 550.0,
            ];
            assert_eq!(
                grid.pick(&pos, p, 6.5, |i| radius[i]),
                brute(&pos, p, &radius)
            );
        }
    }

    proptest! {
        #[test]
        fn pick_equals_brute_force(
            pts in proptest::collection::vec((-100f32..100.0, -100f32..100.0, 0.1f32..20.0), 0..200),
            probes in proptest::collection::vec((-130f32..130.0, -130f32..130.0), 1..30),
        ) {
            let pos: Vec<f32> = pts.iter().flat_map(|p| [p.0, p.1]).collect();
            let radius: Vec<f32> = pts.iter().map(|p| p.2).collect();
            let max_r = radius.iter().cloned().fold(0.0, f32::max);
            let grid = HitGrid::build(&pos);
            for (x, y) in probes {
                prop_assert_eq!(grid.pick(&pos, [x, y], max_r, |i| radius[i]), brute(&pos, [x, y], &radius));
            }
        }
    }
}
