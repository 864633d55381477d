//! Collision-free label placement on a grid (after sigma.js's `LabelGrid`).
//!
//! Labels are offered in priority order (biggest hubs first); a label is placed only if its
//! rectangle overlaps no label placed before it. A uniform grid over the viewport keeps each
//! test to the few cells the rectangle covers.

/// A rectangle in screen space (CSS pixels): top-left corner and size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenRect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl ScreenRect {
    pub fn overlaps(&self, o: &ScreenRect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// Placed labels, bucketed by grid cell.
pub struct LabelGrid {
    cell_css_px: f32,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<ScreenRect>>,
    placed: usize,
}

impl LabelGrid {
    /// A grid over a viewport of `viewport_css_px`, with square cells of `cell_css_px`.
    pub fn new(viewport_css_px: [f32; 2], cell_css_px: f32) -> LabelGrid {
        let cell = cell_css_px.max(4.0);
        let cols = ((viewport_css_px[0].max(1.0) / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((viewport_css_px[1].max(1.0) / cell).ceil() as usize).clamp(1, 4096);
        LabelGrid {
            cell_css_px: cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
            placed: 0,
        }
    }

    fn cell_range(&self, r: &ScreenRect) -> Option<(usize, usize, usize, usize)> {
        let to_cell =
            |v: f32, n: usize| ((v / self.cell_css_px).floor().max(0.0) as usize).min(n - 1);
        if r.x + r.w < 0.0 || r.y + r.h < 0.0 {
            return None;
        }
        let (c0, c1) = (to_cell(r.x, self.cols), to_cell(r.x + r.w, self.cols));
        let (r0, r1) = (to_cell(r.y, self.rows), to_cell(r.y + r.h, self.rows));
        if r.x > self.cols as f32 * self.cell_css_px || r.y > self.rows as f32 * self.cell_css_px {
            return None;
        }
        Some((c0, c1, r0, r1))
    }

    /// Places `rect` if it overlaps no placed label and lies at least partly in the viewport.
    /// Returns whether it was placed.
    pub fn try_place(&mut self, rect: ScreenRect) -> bool {
        let Some((c0, c1, r0, r1)) = self.cell_range(&rect) else {
            return false;
        };
        for row in r0..=r1 {
            for col in c0..=c1 {
                if self.cells[row * self.cols + col]
                    .iter()
                    .any(|o| o.overlaps(&rect))
                {
                    return false;
                }
            }
        }
        for row in r0..=r1 {
            for col in c0..=c1 {
                self.cells[row * self.cols + col].push(rect);
            }
        }
        self.placed += 1;
        true
    }

    /// Whether `rect` overlaps no placed label (it is not placed). A rect that overlaps one
    /// cannot be placed, nor can any rect holding it.
    pub fn free(&self, rect: &ScreenRect) -> bool {
        let Some((c0, c1, r0, r1)) = self.cell_range(rect) else {
            return true;
        };
        (r0..=r1).all(|row| {
            (c0..=c1).all(|col| {
                !self.cells[row * self.cols + col]
                    .iter()
                    .any(|o| o.overlaps(rect))
            })
        })
    }

    /// Number of labels placed.
    pub fn placed(&self) -> usize {
        self.placed
    }

    /// Places the first of `candidates` that fits; returns its position in `candidates`.
    pub fn try_place_any(&mut self, candidates: &[ScreenRect]) -> Option<usize> {
        candidates.iter().position(|r| self.try_place(*r))
    }
}

/// Where a node's label sits relative to its disc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSide {
    Right,
    Left,
    Above,
    Below,
}

/// A node label that was placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedLabel {
    /// The node.
    pub node: usize,
    /// Where the text goes (CSS pixels; text is drawn left-aligned from `rect.x`, vertically
    /// centred on `rect.y + rect.h / 2`).
    pub rect: ScreenRect,
    pub side: LabelSide,
}

/// How node labels are chosen (semantic zoom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelRules {
    /// The first `always` nodes of the order (the biggest hubs) are labeled whatever their
    /// screen size, trying four sides of the disc.
    pub always: usize,
    /// Other nodes are labeled only when their disc's screen radius reaches this (so more
    /// names appear as you zoom in), on the right side only.
    pub min_radius_css_px: f32,
    /// At most this many labels in all.
    pub max_labels: usize,
    /// Gap between disc and text.
    pub gap_css_px: f32,
}

impl Default for LabelRules {
    fn default() -> Self {
        LabelRules {
            always: 12,
            min_radius_css_px: 6.0,
            max_labels: 400,
            gap_css_px: 3.0,
        }
    }
}

/// Chooses node labels in priority order (`order`: most important first) so that none
/// overlaps another or anything already in `grid`.
///
/// `screen_of(i)` gives node `i`'s centre and radius on screen (CSS pixels), or None when it
/// is off screen; `measure(i)` the `[width, height]` of its text; `at_least(i)` a box no
/// bigger than that (without measuring: `[0, 0]` when unknown). `measure` is called only for
/// nodes that pass the rules and whose `at_least` box fits somewhere, so a caller can measure
/// text lazily: on a crowded map most candidates fail, and the page measures text by asking
/// the browser (at 30,000 people, thousands of names on the first frame).
pub fn place_node_labels(
    grid: &mut LabelGrid,
    order: &[usize],
    rules: &LabelRules,
    screen_of: impl Fn(usize) -> Option<([f32; 2], f32)>,
    at_least: impl Fn(usize) -> [f32; 2],
    mut measure: impl FnMut(usize) -> [f32; 2],
) -> Vec<PlacedLabel> {
    let mut placed = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        if placed.len() >= rules.max_labels {
            break;
        }
        let hub = rank < rules.always;
        let Some((at, r)) = screen_of(i) else {
            continue;
        };
        if !hub && r < rules.min_radius_css_px {
            continue;
        }
        // Hubs may take any side; others only the right of their disc.
        let tried = if hub { 4 } else { 1 };
        let g = rules.gap_css_px;
        let [lw, lh] = at_least(i);
        if lw > 0.0
            && lh > 0.0
            && !label_sides(at, r, g, lw, lh)[..tried]
                .iter()
                .any(|(_, b)| grid.free(b))
        {
            continue;
        }
        let [w, h] = measure(i);
        if !(w.is_finite() && h.is_finite()) || w <= 0.0 || h <= 0.0 {
            continue;
        }
        let sides = label_sides(at, r, g, w, h);
        if let Some((side, rect)) = sides[..tried]
            .iter()
            .find(|(_, rect)| grid.try_place(*rect))
        {
            placed.push(PlacedLabel {
                node: i,
                rect: *rect,
                side: *side,
            });
        }
    }
    placed
}

/// The boxes a `w` x `h` label can take beside a disc at `[x, y]` of radius `r`, `g` away:
/// right (the usual place), left, above, below. Each holds the same side's box of any label
/// no wider and no taller.
fn label_sides([x, y]: [f32; 2], r: f32, g: f32, w: f32, h: f32) -> [(LabelSide, ScreenRect); 4] {
    [
        (
            LabelSide::Right,
            ScreenRect {
                x: x + r + g,
                y: y - h / 2.0,
                w,
                h,
            },
        ),
        (
            LabelSide::Left,
            ScreenRect {
                x: x - r - g - w,
                y: y - h / 2.0,
                w,
                h,
            },
        ),
        (
            LabelSide::Above,
            ScreenRect {
                x: x - w / 2.0,
                y: y - r - g - h,
                w,
                h,
            },
        ),
        (
            LabelSide::Below,
            ScreenRect {
                x: x - w / 2.0,
                y: y + r + g,
                w,
                h,
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn overlapping_label_is_refused() {
        let mut g = LabelGrid::new([200.0, 100.0], 30.0);
        assert!(g.try_place(ScreenRect {
            x: 10.0,
            y: 10.0,
            w: 60.0,
            h: 12.0
        }));
        assert!(!g.try_place(ScreenRect {
            x: 50.0,
            y: 15.0,
            w: 60.0,
            h: 12.0
        }));
        assert!(g.try_place(ScreenRect {
            x: 71.0,
            y: 10.0,
            w: 60.0,
            h: 12.0
        }));
        assert!(
            !g.try_place(ScreenRect {
                x: 500.0,
                y: 10.0,
                w: 60.0,
                h: 12.0
            }),
            "outside"
        );
        assert_eq!(g.placed(), 2);
    }

    proptest! {
        #[test]
        fn placed_labels_never_overlap(rects in proptest::collection::vec((0f32..400.0, 0f32..300.0, 5f32..80.0, 8f32..20.0), 1..120)) {
            let mut g = LabelGrid::new([400.0, 300.0], 25.0);
            let mut placed: Vec<ScreenRect> = Vec::new();
            for (x, y, w, h) in rects {
                let r = ScreenRect { x, y, w, h };
                if g.try_place(r) {
                    placed.push(r);
                }
            }
            for i in 0..placed.len() {
                for j in i + 1..placed.len() {
                    prop_assert!(!placed[i].overlaps(&placed[j]));
                }
            }
        }
    }

    #[test]
    fn a_crowded_map_measures_few_names_and_places_the_same_labels() {
        // 3,000 nodes on an 800 x 600 view, 20 hubs: most names cannot fit anywhere.
        let mut rng = crate::rng::Rng::new(5);
        let nodes: Vec<([f32; 2], f32, f32)> = (0..3_000)
            .map(|_| {
                let at = [rng.next_f32() * 800.0, rng.next_f32() * 600.0];
                (
                    at,
                    6.0 + 10.0 * rng.next_f32(),
                    30.0 + 90.0 * rng.next_f32(),
                )
            })
            .collect();
        let order: Vec<usize> = (0..nodes.len()).collect();
        let rules = LabelRules {
            always: 20,
            ..LabelRules::default()
        };
        let run = |least: f32| {
            let mut g = LabelGrid::new([800.0, 600.0], 40.0);
            let mut measured = 0usize;
            let placed = place_node_labels(
                &mut g,
                &order,
                &rules,
                |i| Some((nodes[i].0, nodes[i].1)),
                |i| [nodes[i].2 * least, 13.0],
                |i| {
                    measured += 1;
                    [nodes[i].2, 13.0]
                },
            );
            (placed, measured)
        };
        let (all, measured_all) = run(0.0);
        let (bounded, measured_bounded) = run(0.3);
        assert_eq!(all, bounded, "a lower bound never changes what is placed");
        assert_eq!(measured_all, 3_000);
        assert!(
            measured_bounded * 4 < measured_all,
            "{measured_bounded} of {measured_all} measured"
        );
        assert!(all.len() > 50, "{} placed", all.len());
    }

    #[test]
    fn hubs_always_get_a_label_on_a_free_side_and_small_nodes_wait_for_zoom() {
        let mut g = LabelGrid::new([400.0, 300.0], 30.0);
        // Something already sits to the right of the hub.
        assert!(g.try_place(ScreenRect {
            x: 112.0,
            y: 90.0,
            w: 80.0,
            h: 20.0
        }));
        let pos = [[100.0f32, 100.0], [300.0, 200.0], [300.0, 50.0]];
        let radius = [8.0f32, 3.0, 9.0];
        let rules = LabelRules {
            always: 1,
            min_radius_css_px: 6.0,
            ..LabelRules::default()
        };
        let mut measured = Vec::new();
        let placed = place_node_labels(
            &mut g,
            &[0, 1, 2],
            &rules,
            |i| Some((pos[i], radius[i])),
            |_| [0.0, 0.0],
            |i| {
                measured.push(i);
                [50.0, 14.0]
            },
        );
        let nodes: Vec<usize> = placed.iter().map(|p| p.node).collect();
        assert_eq!(nodes, vec![0, 2], "node 1 is too small at this zoom");
        assert_eq!(placed[0].side, LabelSide::Left);
        assert_eq!(measured, vec![0, 2], "small nodes are not measured");
        // Zoomed in, node 1 grows past the threshold and is labeled.
        let mut g = LabelGrid::new([400.0, 300.0], 30.0);
        let placed = place_node_labels(
            &mut g,
            &[1],
            &rules,
            |_| Some(([300.0, 200.0], 7.0)),
            |_| [0.0, 0.0],
            |_| [50.0, 14.0],
        );
        assert_eq!(placed.len(), 1);
    }

    proptest! {
        #[test]
        fn node_labels_never_overlap(nodes in proptest::collection::vec((0f32..400.0, 0f32..300.0, 1f32..12.0, 10f32..90.0), 1..150)) {
            let mut g = LabelGrid::new([400.0, 300.0], 40.0);
            let order: Vec<usize> = (0..nodes.len()).collect();
            let placed = place_node_labels(&mut g, &order, &LabelRules { always: 10, ..LabelRules::default() },
                |i| Some(([nodes[i].0, nodes[i].1], nodes[i].2)), |_| [0.0, 0.0], |i| [nodes[i].3, 13.0]);
            for a in 0..placed.len() {
                for b in a + 1..placed.len() {
                    prop_assert!(!placed[a].rect.overlaps(&placed[b].rect));
                }
            }
        }
    }
}
