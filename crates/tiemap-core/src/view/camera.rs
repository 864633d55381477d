//! The camera: how graph space maps to the screen.
//!
//! Graph space is where the layout puts nodes (y up or down does not matter: the layout has
//! no orientation). Screen space is CSS pixels from the canvas's top-left corner. Device
//! pixels are CSS pixels times the device pixel ratio; the renderer applies that.

use serde::{Deserialize, Serialize};

/// An axis-aligned rectangle in graph space.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

impl Bounds {
    /// The bounds of `[x0, y0, x1, y1, ...]`, ignoring non-finite values; `None` when there
    /// is no finite point.
    pub fn of_positions(pos_in_graph: &[f32]) -> Option<Bounds> {
        let mut b: Option<Bounds> = None;
        for p in pos_in_graph.chunks_exact(2) {
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            let bb = b.get_or_insert(Bounds {
                min: [p[0], p[1]],
                max: [p[0], p[1]],
            });
            bb.min = [bb.min[0].min(p[0]), bb.min[1].min(p[1])];
            bb.max = [bb.max[0].max(p[0]), bb.max[1].max(p[1])];
        }
        b
    }

    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }

    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }

    pub fn center(&self) -> [f32; 2] {
        [
            (self.min[0] + self.max[0]) / 2.0,
            (self.min[1] + self.max[1]) / 2.0,
        ]
    }
}

/// Maps graph space to screen space: `pos_in_screen = (pos_in_graph - center) * zoom + viewport / 2`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Camera {
    /// The graph point shown at the centre of the viewport.
    pub center_in_graph: [f32; 2],
    /// CSS pixels per graph unit.
    pub zoom: f32,
    /// The viewport's size in CSS pixels.
    pub viewport_css_px: [f32; 2],
}

/// The most the camera zooms in or out relative to the fitted view.
pub const ZOOM_RANGE: (f32, f32) = (0.05, 200.0);

impl Camera {
    /// A camera that shows all of `bounds` inside the viewport with `margin_css_px` on each side.
    pub fn fit(bounds: Bounds, viewport_css_px: [f32; 2], margin_css_px: f32) -> Camera {
        let avail_w = (viewport_css_px[0] - 2.0 * margin_css_px).max(1.0);
        let avail_h = (viewport_css_px[1] - 2.0 * margin_css_px).max(1.0);
        let w = bounds.width().max(1e-6);
        let h = bounds.height().max(1e-6);
        let zoom = (avail_w / w).min(avail_h / h);
        let zoom = if zoom.is_finite() && zoom > 0.0 {
            zoom
        } else {
            1.0
        };
        Camera {
            center_in_graph: bounds.center(),
            zoom,
            viewport_css_px,
        }
    }

    pub fn graph_to_screen(&self, pos_in_graph: [f32; 2]) -> [f32; 2] {
        [
            (pos_in_graph[0] - self.center_in_graph[0]) * self.zoom + self.viewport_css_px[0] / 2.0,
            (pos_in_graph[1] - self.center_in_graph[1]) * self.zoom + self.viewport_css_px[1] / 2.0,
        ]
    }

    pub fn screen_to_graph(&self, pos_in_screen: [f32; 2]) -> [f32; 2] {
        [
            (pos_in_screen[0] - self.viewport_css_px[0] / 2.0) / self.zoom
                + self.center_in_graph[0],
            (pos_in_screen[1] - self.viewport_css_px[1] / 2.0) / self.zoom
                + self.center_in_graph[1],
        ]
    }

    /// Zooms by `factor` keeping the graph point under `anchor_in_screen` fixed; the zoom is
    /// clamped to `ZOOM_RANGE` times `fitted_zoom`.
    pub fn zoom_at(&self, anchor_in_screen: [f32; 2], factor: f32, fitted_zoom: f32) -> Camera {
        let anchor_in_graph = self.screen_to_graph(anchor_in_screen);
        let zoom =
            (self.zoom * factor).clamp(fitted_zoom * ZOOM_RANGE.0, fitted_zoom * ZOOM_RANGE.1);
        let mut next = Camera { zoom, ..*self };
        let moved = next.graph_to_screen(anchor_in_graph);
        next.center_in_graph[0] += (moved[0] - anchor_in_screen[0]) / zoom;
        next.center_in_graph[1] += (moved[1] - anchor_in_screen[1]) / zoom;
        next
    }

    /// Moves the view by a drag of `delta_css_px` (the graph follows the pointer).
    pub fn pan_by(&self, delta_css_px: [f32; 2]) -> Camera {
        Camera {
            center_in_graph: [
                self.center_in_graph[0] - delta_css_px[0] / self.zoom,
                self.center_in_graph[1] - delta_css_px[1] / self.zoom,
            ],
            ..*self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f32; 2], b: [f32; 2]) -> bool {
        (a[0] - b[0]).abs() < 1e-3 && (a[1] - b[1]).abs() < 1e-3
    }

    #[test]
    fn fit_puts_bounds_inside_viewport() {
        let b = Bounds::of_positions(&[-10.0, -5.0, 30.0, 15.0, f32::NAN, 0.0]).unwrap();
        assert_eq!(
            b,
            Bounds {
                min: [-10.0, -5.0],
                max: [30.0, 15.0]
            }
        );
        let cam = Camera::fit(b, [800.0, 600.0], 20.0);
        let tl = cam.graph_to_screen(b.min);
        let br = cam.graph_to_screen(b.max);
        assert!(
            tl[0] >= 19.9 && tl[1] >= 19.9 && br[0] <= 780.1 && br[1] <= 580.1,
            "{tl:?} {br:?}"
        );
        // the limiting axis touches the margins
        assert!((tl[0] - 20.0).abs() < 1e-3 && (br[0] - 780.0).abs() < 1e-3);
    }

    #[test]
    fn screen_and_graph_round_trip() {
        let cam = Camera {
            center_in_graph: [3.0, -2.0],
            zoom: 2.5,
            viewport_css_px: [640.0, 480.0],
        };
        let p = [17.0, 9.5];
        assert!(close(cam.screen_to_graph(cam.graph_to_screen(p)), p));
    }

    #[test]
    fn zoom_keeps_anchor_fixed_and_clamps() {
        let cam = Camera {
            center_in_graph: [0.0, 0.0],
            zoom: 1.0,
            viewport_css_px: [100.0, 100.0],
        };
        let anchor = [80.0, 30.0];
        let before = cam.screen_to_graph(anchor);
        let z = cam.zoom_at(anchor, 2.0, 1.0);
        assert!((z.zoom - 2.0).abs() < 1e-6);
        assert!(close(z.screen_to_graph(anchor), before));
        let far = cam.zoom_at(anchor, 1e9, 1.0);
        assert!((far.zoom - ZOOM_RANGE.1).abs() < 1e-3);
    }

    #[test]
    fn pan_follows_pointer() {
        let cam = Camera {
            center_in_graph: [0.0, 0.0],
            zoom: 4.0,
            viewport_css_px: [100.0, 100.0],
        };
        let p = [1.0, 1.0];
        let before = cam.graph_to_screen(p);
        let moved = cam.pan_by([10.0, -6.0]).graph_to_screen(p);
        assert!(close(moved, [before[0] + 10.0, before[1] - 6.0]));
    }
}
