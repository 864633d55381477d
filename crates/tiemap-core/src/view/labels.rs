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

    /// Number of labels placed.
    pub fn placed(&self) -> usize {
        self.placed
    }
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
}
