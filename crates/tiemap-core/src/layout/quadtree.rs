//! A Barnes-Hut quadtree stored in flat vectors, rebuilt every iteration without allocating.
//!
//! Bodies are sorted by their Morton (Z-order) code over the bounding square, so every cell of
//! the tree is a contiguous range of the sorted bodies, and nearby bodies sit next to each other
//! in memory. Cells are stored in depth-first order and each records `next`, the index of the
//! first cell after its subtree: a traversal is a loop over one index that either descends
//! (`c + 1`) or skips the subtree (`next`), with no stack and no pointers. A cell is a leaf
//! exactly when `next == c + 1`.

/// One body (node) of the tree, in Morton order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Body {
    pub x: f32,
    pub y: f32,
    pub mass: f32,
    pub size: f32,
    /// The node's index in the caller's arrays.
    pub node: u32,
}

/// One square cell of the tree.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    /// Centre of mass.
    pub cx: f32,
    pub cy: f32,
    /// Total mass of the bodies inside.
    pub mass: f32,
    /// Side of the square.
    pub width: f32,
    /// The bodies inside are `bodies[start..end]`.
    pub start: u32,
    pub end: u32,
    /// Index of the first cell after this cell's subtree.
    pub next: u32,
    /// Lower-left corner of the square.
    pub x0: f32,
    pub y0: f32,
}

impl Cell {
    pub fn is_leaf(&self, index: usize) -> bool {
        self.next as usize == index + 1
    }
}

/// Bits per axis of the Morton code, hence the maximal depth of the tree.
const BITS: u32 = 16;

/// The quadtree. Build it with [`QuadTree::build`]; the vectors keep their capacity between
/// builds.
#[derive(Clone, Debug, Default)]
pub struct QuadTree {
    keys: Vec<u64>,
    /// Working space of the keys' sort.
    scratch: Vec<u64>,
    bodies: Vec<Body>,
    cells: Vec<Cell>,
    /// A cell with at most this many bodies is not split.
    leaf_size: usize,
}

impl QuadTree {
    /// An empty tree whose leaves hold up to `leaf_size` bodies (at least 1).
    pub fn new(leaf_size: usize) -> QuadTree {
        QuadTree {
            leaf_size: leaf_size.max(1),
            ..QuadTree::default()
        }
    }

    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// Rebuilds the tree over `pos_in_graph = [x0, y0, x1, y1, ...]` with the given masses and
    /// sizes (`mass.len()` and `size.len()` nodes; missing entries count as 1). Non-finite
    /// coordinates are placed at the origin, so no node is ever lost.
    #[inline(never)]
    pub fn build(&mut self, pos_in_graph: &[f32], mass: &[f32], size: &[f32]) {
        let n = pos_in_graph.len() / 2;
        self.keys.clear();
        self.bodies.clear();
        self.cells.clear();
        if n == 0 {
            return;
        }
        let coord = |v: f32| if v.is_finite() { v } else { 0.0 };
        let (mut min_x, mut min_y) = (f32::INFINITY, f32::INFINITY);
        let (mut max_x, mut max_y) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
        for p in pos_in_graph.chunks_exact(2) {
            let (x, y) = (coord(p[0]), coord(p[1]));
            min_x = min_x.min(x);
            min_y = min_y.min(y);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        let side = (max_x - min_x).max(max_y - min_y).max(1e-6) * 1.000_01;
        let scale = (1u32 << BITS) as f32 / side;
        let max_q = ((1u32 << BITS) - 1) as f32;
        for (i, p) in pos_in_graph.chunks_exact(2).enumerate() {
            let qx = ((coord(p[0]) - min_x) * scale).clamp(0.0, max_q) as u32;
            let qy = ((coord(p[1]) - min_y) * scale).clamp(0.0, max_q) as u32;
            self.keys.push(((morton(qx, qy) as u64) << 32) | i as u64);
        }
        crate::order::radix_sort_high32(&mut self.keys, &mut self.scratch);
        for &k in &self.keys {
            let i = (k & 0xffff_ffff) as usize;
            self.bodies.push(Body {
                x: coord(pos_in_graph[2 * i]),
                y: coord(pos_in_graph[2 * i + 1]),
                mass: mass.get(i).copied().unwrap_or(1.0),
                size: size.get(i).copied().unwrap_or(1.0),
                node: i as u32,
            });
        }
        self.build_cell(0, n, 0, min_x, min_y, side);
    }

    /// Builds the cell over `bodies[start..end]` whose square is at `(x0, y0)` with side
    /// `width`, then its children; returns its index.
    fn build_cell(&mut self, start: usize, end: usize, depth: u32, x0: f32, y0: f32, width: f32) {
        let index = self.cells.len();
        self.cells.push(Cell {
            start: start as u32,
            end: end as u32,
            width,
            x0,
            y0,
            ..Cell::default()
        });
        let (mut mass, mut mx, mut my) = (0.0f32, 0.0f32, 0.0f32);
        if end - start <= self.leaf_size || depth >= BITS {
            for b in &self.bodies[start..end] {
                mass += b.mass;
                mx += b.mass * b.x;
                my += b.mass * b.y;
            }
        } else {
            let shift = 32 + 2 * (BITS - 1 - depth);
            let half = width * 0.5;
            let mut lo = start;
            for q in 0..4u64 {
                let hi = lo + self.keys[lo..end].partition_point(|&k| (k >> shift) & 3 <= q);
                if hi > lo {
                    let cx0 = x0 + if q & 1 == 1 { half } else { 0.0 };
                    let cy0 = y0 + if q & 2 == 2 { half } else { 0.0 };
                    let child = self.cells.len();
                    self.build_cell(lo, hi, depth + 1, cx0, cy0, half);
                    let c = self.cells[child];
                    mass += c.mass;
                    mx += c.mass * c.cx;
                    my += c.mass * c.cy;
                }
                lo = hi;
            }
        }
        let next = self.cells.len() as u32;
        let cell = &mut self.cells[index];
        cell.next = next;
        cell.mass = mass;
        if mass > 0.0 {
            cell.cx = mx / mass;
            cell.cy = my / mass;
        } else {
            cell.cx = x0 + width * 0.5;
            cell.cy = y0 + width * 0.5;
        }
    }

    /// The `k` bodies nearest to `(x, y)`, nearest first, as `(squared distance, node)`,
    /// written into `out` (cleared first). Bodies whose node is `exclude` are skipped.
    pub fn k_nearest(
        &self,
        x: f32,
        y: f32,
        k: usize,
        exclude: Option<u32>,
        out: &mut Vec<(f32, u32)>,
    ) {
        out.clear();
        if k == 0 || self.cells.is_empty() {
            return;
        }
        let consider = |out: &mut Vec<(f32, u32)>, b: &Body| {
            if Some(b.node) == exclude {
                return;
            }
            let d2 = (b.x - x) * (b.x - x) + (b.y - y) * (b.y - y);
            if out.len() == k {
                match out.last() {
                    Some(&(worst, _)) if d2 < worst => {
                        out.pop();
                    }
                    _ => return,
                }
            }
            let at = out.partition_point(|&(e, node)| (e, node) < (d2, b.node));
            out.insert(at, (d2, b.node));
        };
        let mut c = 0;
        while c < self.cells.len() {
            let cell = &self.cells[c];
            if out.len() == k {
                let worst = out.last().map_or(f32::INFINITY, |e| e.0);
                let dx = (cell.x0 - x).max(0.0).max(x - (cell.x0 + cell.width));
                let dy = (cell.y0 - y).max(0.0).max(y - (cell.y0 + cell.width));
                if dx * dx + dy * dy > worst {
                    c = cell.next as usize;
                    continue;
                }
            }
            if cell.is_leaf(c) {
                for b in &self.bodies[cell.start as usize..cell.end as usize] {
                    consider(out, b);
                }
            }
            c += 1;
        }
    }
}

/// Interleaves the low 16 bits of `x` (even bits) and `y` (odd bits).
fn morton(x: u32, y: u32) -> u32 {
    fn spread(mut v: u32) -> u32 {
        v &= 0xffff;
        v = (v | (v << 8)) & 0x00ff_00ff;
        v = (v | (v << 4)) & 0x0f0f_0f0f;
        v = (v | (v << 2)) & 0x3333_3333;
        v = (v | (v << 1)) & 0x5555_5555;
        v
    }
    spread(x) | (spread(y) << 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn random_points(n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
        let mut rng = Rng::new(seed);
        let mut pos = Vec::new();
        let mut mass = Vec::new();
        for i in 0..n {
            // Clustered points with some exact duplicates.
            let c = (i % 5) as f32 * 100.0;
            if i % 17 == 3 {
                pos.extend_from_slice(&[c, c]);
            } else {
                pos.push(c + rng.normal() as f32 * 10.0);
                pos.push(c - rng.normal() as f32 * 3.0);
            }
            mass.push(1.0 + rng.below(10) as f32);
        }
        (pos, mass)
    }

    #[test]
    fn every_cell_has_the_mass_and_centre_of_its_bodies() {
        let (pos, mass) = random_points(3_000, 1);
        let mut tree = QuadTree::new(4);
        tree.build(&pos, &mass, &[]);
        let cells = tree.cells();
        assert!(cells.len() > 100);
        for (c, cell) in cells.iter().enumerate() {
            let bodies = &tree.bodies()[cell.start as usize..cell.end as usize];
            assert!(!bodies.is_empty(), "empty cell {c}");
            let m: f64 = bodies.iter().map(|b| b.mass as f64).sum();
            let cx: f64 = bodies.iter().map(|b| (b.mass * b.x) as f64).sum::<f64>() / m;
            let cy: f64 = bodies.iter().map(|b| (b.mass * b.y) as f64).sum::<f64>() / m;
            assert!(
                ((cell.mass as f64) - m).abs() < 1e-3 * m,
                "mass of cell {c}"
            );
            assert!(((cell.cx as f64) - cx).abs() < 1e-2, "cx of cell {c}");
            assert!(((cell.cy as f64) - cy).abs() < 1e-2, "cy of cell {c}");
            for b in bodies {
                assert!(b.x >= cell.x0 - 1e-3 && b.x <= cell.x0 + cell.width + 1e-3);
                assert!(b.y >= cell.y0 - 1e-3 && b.y <= cell.y0 + cell.width + 1e-3);
            }
            // Children tile the parent's range exactly.
            if !cell.is_leaf(c) {
                let mut child = c + 1;
                let mut covered = cell.start;
                while child < cell.next as usize {
                    assert_eq!(cells[child].start, covered);
                    covered = cells[child].end;
                    child = cells[child].next as usize;
                }
                assert_eq!(covered, cell.end);
                assert_eq!(child, cell.next as usize);
            }
        }
    }

    #[test]
    fn no_body_is_lost_and_each_is_in_exactly_one_leaf() {
        let (mut pos, mass) = random_points(2_000, 2);
        pos[10] = f32::NAN; // a broken coordinate is still placed
        let mut tree = QuadTree::new(1);
        tree.build(&pos, &mass, &[]);
        let mut seen = vec![0u32; 2_000];
        for (c, cell) in tree.cells().iter().enumerate() {
            if cell.is_leaf(c) {
                for b in &tree.bodies()[cell.start as usize..cell.end as usize] {
                    seen[b.node as usize] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&s| s == 1));
        assert_eq!(tree.cells()[0].end, 2_000);
    }

    #[test]
    fn nodes_are_found_by_nearest_query() {
        let (pos, mass) = random_points(1_500, 3);
        let mut tree = QuadTree::new(4);
        tree.build(&pos, &mass, &[]);
        let mut out = Vec::new();
        let mut brute = Vec::new();
        for i in (0..1_500).step_by(7) {
            let (x, y) = (pos[2 * i] + 0.3, pos[2 * i + 1] - 0.2);
            tree.k_nearest(x, y, 10, Some(i as u32), &mut out);
            brute.clear();
            for j in 0..1_500 {
                if j != i {
                    let d2 = (pos[2 * j] - x).powi(2) + (pos[2 * j + 1] - y).powi(2);
                    brute.push((d2, j as u32));
                }
            }
            brute.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
            brute.truncate(10);
            let got: Vec<f32> = out.iter().map(|e| e.0).collect();
            let want: Vec<f32> = brute.iter().map(|e| e.0).collect();
            assert_eq!(got, want, "query near node {i}");
            // the node itself is found when not excluded
            tree.k_nearest(pos[2 * i], pos[2 * i + 1], 1, None, &mut out);
            assert_eq!(out[0].0, 0.0);
        }
    }

    #[test]
    fn rebuild_reuses_capacity_and_handles_tiny_inputs() {
        let mut tree = QuadTree::new(2);
        tree.build(&[], &[], &[]);
        assert!(tree.cells().is_empty());
        tree.build(&[5.0, 5.0], &[2.0], &[]);
        assert_eq!(tree.cells().len(), 1);
        assert_eq!(tree.cells()[0].mass, 2.0);
        assert_eq!((tree.cells()[0].cx, tree.cells()[0].cy), (5.0, 5.0));
        // many coincident points: depth is bounded, all in one leaf
        let pos = vec![1.0f32; 200];
        tree.build(&pos, &[], &[]);
        assert_eq!(tree.cells()[0].mass, 100.0);
        assert!(tree.cells().len() <= 1 + BITS as usize * 4);
    }
}
