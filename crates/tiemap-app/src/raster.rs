//! Faint ties drawn on the CPU, for pages whose WebGL has no GPU behind it.
//!
//! Where the browser has no GPU (blocklisted drivers, virtual machines, this project's test
//! machines), WebGL is SwiftShader: a rasteriser on the CPU, built for triangles. It draws a
//! one-pixel line as a polygon, about 0.6 µs to set up and 20 ns per pixel (headless Chromium,
//! 163,000 random lines in one `LINES` draw: 74 ms at 1 pixel long, 260 ms at 50, 585 ms at
//! 150), so the settled picture of 30,000 connections (163,467 ties) took 480 ms of the GPU
//! process. A plain loop stepping along each line does the same pixels for a fraction of that.
//!
//! [`TieLayer::draw`] draws the hairlines the WebGL renderer would (`edge_hairline` in
//! `src/render/programs`): one device pixel per step along the longer axis, the colour
//! interpolated from the tie's source end to its target end, each end's alpha times the tie's
//! width in device pixels (as the hairline's vertex shader), premultiplied, composed "over"
//! (or added, on dark themes) in 8 bits per channel. The layer starts transparent and the
//! renderer lays it over the background as one texture; "over" composes in any grouping, and
//! a sum saturates at the same place whether the background is added first or last, so the
//! result is the picture the GPU draws, give or take a rounding and the pixels where a line's
//! ends fall.

use crate::scene::Scene;
use tiemap_core::view::camera::Camera;

/// Ties at most this opaque (straight alpha, 0-255) are drawn as hairlines, one device pixel
/// wide without antialiasing (`edge_hairline`, or [`TieLayer`]): 0.15, which
/// `scene::tie_alpha` gives maps of 18,000 ties and more, and dimmed ties.
pub const HAIRLINE_MAX_ALPHA: u8 = 38;

/// One faint tie: its ends in graph space with their straight-alpha colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hairline {
    pub from: [f32; 2],
    pub to: [f32; 2],
    pub rgba: [[u8; 4]; 2],
}

impl Hairline {
    /// Tie `k` of `scene` when it is drawn as a hairline (faint, and not wholly transparent).
    pub fn of(scene: &Scene, k: usize) -> Option<Hairline> {
        let (t, rgba) = (scene.ties.get(k)?, scene.tie_rgba.get(k)?);
        let alpha = rgba[0][3].max(rgba[1][3]);
        if alpha == 0 || alpha > HAIRLINE_MAX_ALPHA {
            return None;
        }
        let pos = |i: u32| -> [f32; 2] {
            let i = i as usize * 2;
            match (scene.pos_in_graph.get(i), scene.pos_in_graph.get(i + 1)) {
                (Some(&x), Some(&y)) => [x, y],
                _ => [f32::NAN, f32::NAN],
            }
        };
        Some(Hairline {
            from: pos(t[0]),
            to: pos(t[1]),
            rgba: *rgba,
        })
    }
}

/// How the layer's lines are composed with what is under them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compose {
    /// Premultiplied "over" (`ONE, ONE_MINUS_SRC_ALPHA`).
    Over,
    /// Added and clamped (`ONE, ONE`: the glow of dark themes).
    Add,
}

/// A premultiplied RGBA picture in device pixels, the top row first.
#[derive(Clone, Debug, Default)]
pub struct TieLayer {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
    /// The pixels the last [`TieLayer::draw`] may have inked, `[x0, y0, x1, y1)` (a map
    /// rarely fills its canvas: only this part need be sent and laid over); `None` when none.
    pub inked: Option<[u32; 4]>,
}

impl TieLayer {
    /// Clears the layer to `width` x `height` transparent pixels and draws `lines` through
    /// `camera` (its viewport in CSS pixels spread over the layer's device pixels), each
    /// `thickness_css_px` wide as the GPU's hairlines count it.
    pub fn draw(
        &mut self,
        width: u32,
        height: u32,
        camera: &Camera,
        lines: &[Hairline],
        thickness_css_px: f32,
        compose: Compose,
    ) {
        let len = width as usize * height as usize * 4;
        match self.inked.take() {
            // the same size: only the part the last frame inked is not transparent
            Some([x0, y0, x1, y1]) if (width, height) == (self.width, self.height) => {
                let row = width as usize * 4;
                for y in y0 as usize..y1 as usize {
                    if let Some(span) = self
                        .pixels
                        .get_mut(y * row + x0 as usize * 4..y * row + x1 as usize * 4)
                    {
                        span.fill(0);
                    }
                }
            }
            Some(_) => {
                self.pixels.clear();
                self.pixels.resize(len, 0);
            }
            None => self.pixels.resize(len, 0),
        }
        self.width = width;
        self.height = height;
        if width == 0 || height == 0 {
            return;
        }
        let [vw, vh] = camera.viewport_css_px;
        let (sx, sy) = (width as f32 / vw.max(1.0), height as f32 / vh.max(1.0));
        // the hairline shader's alpha per unit of length, in device pixels
        let width_px = thickness_css_px * sx;
        let to_device = |p: [f32; 2]| -> [f32; 2] {
            let s = camera.graph_to_screen(p);
            [s[0] * sx, s[1] * sy]
        };
        let end_colour = |c: [u8; 4]| -> [f32; 4] {
            let a = (f32::from(c[3]) / 255.0 * width_px).min(1.0);
            [
                f32::from(c[0]) * a,
                f32::from(c[1]) * a,
                f32::from(c[2]) * a,
                255.0 * a,
            ]
        };
        let (w, h) = (width as f32, height as f32);
        for line in lines {
            let (p, q) = (to_device(line.from), to_device(line.to));
            let Some((t0, t1)) = clip(p, q, w, h) else {
                continue;
            };
            let (c0, c1) = (end_colour(line.rgba[0]), end_colour(line.rgba[1]));
            if c0[3] == 0.0 && c1[3] == 0.0 {
                continue;
            }
            let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
            let a = [p[0] + dx * t0, p[1] + dy * t0];
            let (ex, ey) = (dx * (t1 - t0), dy * (t1 - t0));
            let (bx0, bx1) = (a[0].min(a[0] + ex), a[0].max(a[0] + ex));
            let (by0, by1) = (a[1].min(a[1] + ey), a[1].max(a[1] + ey));
            let floor = |v: f32, n: u32| (v.floor().max(0.0) as u32).min(n);
            let ceil = |v: f32, n: u32| ((v.floor() + 1.0).max(0.0) as u32).min(n);
            let rect = [
                floor(bx0, width),
                floor(by0, height),
                ceil(bx1, width),
                ceil(by1, height),
            ];
            self.inked = Some(match self.inked {
                None => rect,
                Some(r) => [
                    r[0].min(rect[0]),
                    r[1].min(rect[1]),
                    r[2].max(rect[2]),
                    r[3].max(rect[3]),
                ],
            });
            // one pixel per step along the longer axis, at the centres of the steps
            let steps = ex.abs().max(ey.abs()).ceil().max(1.0);
            let n = steps as usize;
            let (stepx, stepy) = (ex / steps, ey / steps);
            // positions and colours in 16.16 fixed point: the loop below is the whole cost
            let (mut x, mut y) = (fixed(a[0] + stepx * 0.5), fixed(a[1] + stepy * 0.5));
            let (fx, fy) = (fixed(stepx), fixed(stepy));
            // the colour at each step: interpolated over the whole tie, as the GPU's varying
            let dt = (t1 - t0) / steps;
            let t = t0 + dt * 0.5;
            let mut c: [i64; 4] = std::array::from_fn(|k| fixed(c0[k] + (c1[k] - c0[k]) * t));
            let dc: [i64; 4] = std::array::from_fn(|k| fixed((c1[k] - c0[k]) * dt));
            let (wu, hu) = (width as usize, height as usize);
            let packed = |c: &[i64; 4]| -> u32 {
                let a = ((c[3] + 32_768) >> 16).clamp(0, 255) as u32;
                let rgb = |k: usize| ((c[k] + 32_768) >> 16).clamp(0, i64::from(a)) as u32;
                rgb(0) | rgb(1) << 8 | rgb(2) << 16 | a << 24
            };
            // most ties join two people of one cluster: one colour all along
            let constant = (packed(&c0.map(fixed)) == packed(&c1.map(fixed))).then(|| packed(&c));
            let pixels = &mut self.pixels;
            let mut put = |x: i64, y: i64, src: u32| {
                let (px, py) = ((x >> 16) as usize, (y >> 16) as usize);
                if x >= 0 && y >= 0 && px < wu && py < hu {
                    let i = (py * wu + px) * 4;
                    if let Some(dst) = pixels.get_mut(i..i + 4) {
                        let old = u32::from_le_bytes([dst[0], dst[1], dst[2], dst[3]]);
                        let new = match compose {
                            Compose::Over => src + scale(old, 255 - (src >> 24)),
                            Compose::Add => add_saturating(old, src),
                        };
                        dst.copy_from_slice(&new.to_le_bytes());
                    }
                }
            };
            match constant {
                Some(src) => {
                    for _ in 0..n {
                        put(x, y, src);
                        x += fx;
                        y += fy;
                    }
                }
                None => {
                    for _ in 0..n {
                        put(x, y, packed(&c));
                        x += fx;
                        y += fy;
                        for (c, d) in c.iter_mut().zip(dc) {
                            *c += d;
                        }
                    }
                }
            }
        }
    }
}

/// One node as the disc shader draws it (`node_circle` in `src/render/programs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Disc {
    pub center: [f32; 2],
    /// Radius in CSS pixels, before the zoom's `radius_scale`.
    pub radius_css_px: f32,
    /// Wholly opaque inside its antialiased edge (alpha 255): it hides what is under it.
    pub opaque: bool,
}

/// Side of the square blocks of device pixels [`unhidden`] keeps track of.
const BLOCK: usize = 2;

/// The discs a frame must draw, as indices into `discs` (in their draw order, last on top):
/// those with a pixel on the canvas that no opaque disc drawn after them covers. The rest
/// leave no trace in the picture, so drawing only these gives the same picture.
///
/// A big map's people pile up: at 30,000 connections, the settled map's discs (median radius
/// 9.8 CSS pixels) cover 15 times the canvas, and a GPU-less WebGL shaded every one of those
/// pixels. Judged conservatively on blocks of [`BLOCK`] x [`BLOCK`] device pixels: a block
/// counts as covered once every pixel centre in it lies inside the opaque middle of a disc
/// drawn above (within `radius - 1` device pixel, where the shader's coverage is whole), and a
/// disc is dropped when every block its quad touches is covered.
pub fn unhidden(
    discs: &[Disc],
    camera: &Camera,
    radius_scale: f32,
    width: u32,
    height: u32,
) -> Vec<usize> {
    let (bw, bh) = (
        (width as usize).div_ceil(BLOCK),
        (height as usize).div_ceil(BLOCK),
    );
    let mut covered = vec![false; bw * bh];
    let [vw, vh] = camera.viewport_css_px;
    let (sx, sy) = (width as f32 / vw.max(1.0), height as f32 / vh.max(1.0));
    let (w, h) = (width as f32, height as f32);
    let mut keep = Vec::new();
    for (k, disc) in discs.iter().enumerate().rev() {
        let screen = camera.graph_to_screen(disc.center);
        let (cx, cy) = (screen[0] * sx, screen[1] * sy);
        let r = disc.radius_css_px * radius_scale * sx;
        // the quad: the radius and 1.5 device pixels for the antialiased edge
        let e = r + 1.5;
        if !(cx.is_finite() && cy.is_finite() && e.is_finite()) {
            continue;
        }
        // pixels whose centres fall inside the quad
        let first = |lo: f32| (lo - 0.5).ceil().max(0.0);
        let (x0, x1) = (first(cx - e), ((cx + e - 0.5).floor()).min(w - 1.0));
        let (y0, y1) = (first(cy - e), ((cy + e - 0.5).floor()).min(h - 1.0));
        if x0 > x1 || y0 > y1 {
            continue;
        }
        let (bx0, bx1) = (x0 as usize / BLOCK, x1 as usize / BLOCK);
        let (by0, by1) = (y0 as usize / BLOCK, y1 as usize / BLOCK);
        let hidden = (by0..=by1).all(|by| {
            covered
                .get(by * bw + bx0..=by * bw + bx1)
                .is_some_and(|row| row.iter().all(|&c| c))
        });
        if hidden {
            continue;
        }
        keep.push(k);
        if !disc.opaque {
            continue;
        }
        // the blocks wholly inside the opaque middle: all four corner pixel centres within it
        let inner = r - 1.0;
        if inner <= 0.0 {
            continue;
        }
        let inner2 = inner * inner;
        let span = |c: f32, n: usize| {
            let lo = ((c - inner) / BLOCK as f32).floor().max(0.0) as usize;
            let hi = (((c + inner) / BLOCK as f32).floor().max(0.0) as usize).min(n - 1);
            lo..=hi
        };
        for by in span(cy, bh) {
            let (ya, yb) = (
                (by * BLOCK) as f32 + 0.5 - cy,
                (by * BLOCK + BLOCK - 1) as f32 + 0.5 - cy,
            );
            let dy2 = (ya * ya).max(yb * yb);
            if dy2 > inner2 {
                continue;
            }
            for bx in span(cx, bw) {
                let (xa, xb) = (
                    (bx * BLOCK) as f32 + 0.5 - cx,
                    (bx * BLOCK + BLOCK - 1) as f32 + 0.5 - cx,
                );
                if (xa * xa).max(xb * xb) + dy2 <= inner2 {
                    if let Some(c) = covered.get_mut(by * bw + bx) {
                        *c = true;
                    }
                }
            }
        }
    }
    keep.reverse();
    keep
}

/// `v` in 16.16 fixed point.
fn fixed(v: f32) -> i64 {
    (f64::from(v) * 65536.0).round() as i64
}

/// Each byte of `rgba` times `keep / 255`, rounded (two bytes per multiply).
#[inline(always)]
fn scale(rgba: u32, keep: u32) -> u32 {
    let lanes = |v: u32| {
        let m = v * keep + 0x0080_0080;
        ((m + ((m >> 8) & 0x00FF_00FF)) >> 8) & 0x00FF_00FF
    };
    lanes(rgba & 0x00FF_00FF) | lanes((rgba >> 8) & 0x00FF_00FF) << 8
}

/// Bytewise sum, each byte clamped at 255.
#[inline]
fn add_saturating(a: u32, b: u32) -> u32 {
    let (a, b) = (a.to_le_bytes(), b.to_le_bytes());
    u32::from_le_bytes(std::array::from_fn(|k| a[k].saturating_add(b[k])))
}

/// The part of the segment `p -> q` inside `[0, w] x [0, h]`, as parameters `0 <= t0 <= t1
/// <= 1` (Liang-Barsky); `None` when none of it is, or an end is not a number.
fn clip(p: [f32; 2], q: [f32; 2], w: f32, h: f32) -> Option<(f32, f32)> {
    if !(p[0].is_finite() && p[1].is_finite() && q[0].is_finite() && q[1].is_finite()) {
        return None;
    }
    let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (den, num) in [(-dx, p[0]), (dx, w - p[0]), (-dy, p[1]), (dy, h - p[1])] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let r = num / den;
            if den < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A camera whose CSS pixels are graph units, the viewport `w` x `h` with (0, 0) at its
    /// top left.
    fn camera(w: f32, h: f32) -> Camera {
        Camera {
            center_in_graph: [w / 2.0, h / 2.0],
            zoom: 1.0,
            viewport_css_px: [w, h],
        }
    }

    fn pixel(layer: &TieLayer, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * layer.width + x) * 4) as usize;
        [0, 1, 2, 3].map(|k| layer.pixels[i + k])
    }

    fn inked(layer: &TieLayer) -> Vec<(u32, u32)> {
        (0..layer.height)
            .flat_map(|y| (0..layer.width).map(move |x| (x, y)))
            .filter(|&(x, y)| pixel(layer, x, y)[3] > 0)
            .collect()
    }

    const RED: [u8; 4] = [255, 0, 0, 38];

    #[test]
    fn a_level_tie_inks_one_row_one_pixel_per_step_with_the_hairline_shaders_colour() {
        let mut layer = TieLayer::default();
        let tie = Hairline {
            from: [2.0, 5.5],
            to: [12.0, 5.5],
            rgba: [RED, RED],
        };
        layer.draw(16, 10, &camera(16.0, 10.0), &[tie], 1.0, Compose::Over);
        let ink = inked(&layer);
        assert_eq!(ink, (2..12).map(|x| (x, 5)).collect::<Vec<_>>());
        // the part said to be inked holds every inked pixel
        let [x0, y0, x1, y1] = layer.inked.expect("inked");
        assert!(ink
            .iter()
            .all(|&(x, y)| x >= x0 && x < x1 && y >= y0 && y < y1));
        assert!(x1 - x0 <= 12 && y1 - y0 <= 2, "{:?}", layer.inked);
        // alpha 38/255 times a width of one device pixel, premultiplied: (38, 0, 0, 38)
        assert_eq!(pixel(&layer, 7, 5), [38, 0, 0, 38]);
        // a thinner tie leaves less colour per pixel, as the shader's `a * width`
        layer.draw(16, 10, &camera(16.0, 10.0), &[tie], 0.5, Compose::Over);
        assert_eq!(pixel(&layer, 7, 5), [19, 0, 0, 19]);
    }

    #[test]
    fn device_pixels_follow_the_canvas_not_the_css_viewport() {
        // the same CSS viewport on a canvas of twice its size: twice the steps, each half as
        // wide in CSS pixels, so half the colour of a one-CSS-pixel tie per device pixel
        let mut layer = TieLayer::default();
        let tie = Hairline {
            from: [2.0, 5.5],
            to: [12.0, 5.5],
            rgba: [RED, RED],
        };
        layer.draw(32, 20, &camera(16.0, 10.0), &[tie], 1.0, Compose::Over);
        let ink = inked(&layer);
        assert_eq!(ink.len(), 20);
        assert!(ink.iter().all(|&(_, y)| y == 11));
        assert_eq!(pixel(&layer, 10, 11)[3], 76);
    }

    #[test]
    fn a_steep_tie_inks_one_pixel_per_row_and_its_colour_runs_from_source_to_target() {
        let mut layer = TieLayer::default();
        let tie = Hairline {
            from: [4.5, 0.0],
            to: [6.5, 20.0],
            rgba: [[255, 0, 0, 255], [0, 0, 255, 255]],
        };
        layer.draw(10, 20, &camera(10.0, 20.0), &[tie], 1.0, Compose::Over);
        let ink = inked(&layer);
        assert_eq!(ink.len(), 20);
        for y in 0..20 {
            assert_eq!(ink.iter().filter(|p| p.1 == y).count(), 1, "row {y}");
        }
        let (top, bottom) = (ink[0], ink[19]);
        assert!(top.0 <= bottom.0);
        let (a, b) = (
            pixel(&layer, top.0, top.1),
            pixel(&layer, bottom.0, bottom.1),
        );
        assert!(a[0] > 240 && a[2] < 15, "{a:?}");
        assert!(b[2] > 240 && b[0] < 15, "{b:?}");
        assert_eq!(a[3], 255);
    }

    #[test]
    fn ties_are_clipped_to_the_canvas_and_unplaced_ends_draw_nothing() {
        let mut layer = TieLayer::default();
        let cam = camera(10.0, 10.0);
        let ties = [
            // crosses the whole canvas from far outside: only its 10 pixels inside
            Hairline {
                from: [-1000.0, 3.5],
                to: [1000.0, 3.5],
                rgba: [RED, RED],
            },
            // wholly outside
            Hairline {
                from: [-50.0, -50.0],
                to: [-20.0, 200.0],
                rgba: [RED, RED],
            },
            // an end not laid out yet
            Hairline {
                from: [f32::NAN, 2.0],
                to: [5.0, 5.0],
                rgba: [RED, RED],
            },
        ];
        layer.draw(10, 10, &cam, &ties, 1.0, Compose::Over);
        assert_eq!(inked(&layer), (0..10).map(|x| (x, 3)).collect::<Vec<_>>());
        // clipped, the part said to be inked stays on the canvas
        let [x0, y0, x1, y1] = layer.inked.expect("inked");
        assert!(x0 == 0 && x1 == 10 && y0 <= 3 && y1 > 3 && y1 <= 10);
        // the colour inside is the tie's, not stretched by the clipping
        assert_eq!(pixel(&layer, 5, 3), [38, 0, 0, 38]);
    }

    #[test]
    fn over_composes_as_the_gpus_blend_and_add_saturates() {
        let tie = Hairline {
            from: [0.0, 0.5],
            to: [4.0, 0.5],
            rgba: [[100, 200, 50, 128], [100, 200, 50, 128]],
        };
        let mut layer = TieLayer::default();
        layer.draw(4, 1, &camera(4.0, 1.0), &[tie, tie], 1.0, Compose::Over);
        // one: premultiplied (50, 100, 25, 128); the second over it: src + dst * (1 - 128/255)
        let one = [50u32, 100, 25, 128];
        let want = one.map(|c| (c as f32 + c as f32 * (127.0 / 255.0)).round() as u8);
        assert_eq!(pixel(&layer, 1, 0), want);
        layer.draw(4, 1, &camera(4.0, 1.0), &[tie, tie, tie], 1.0, Compose::Add);
        assert_eq!(pixel(&layer, 1, 0), [150, 255, 75, 255]);
    }

    #[test]
    fn a_frame_at_the_same_size_shows_only_its_own_ties() {
        let cam = camera(10.0, 10.0);
        let across = |y: f32| Hairline {
            from: [0.0, y],
            to: [10.0, y],
            rgba: [RED, RED],
        };
        let mut layer = TieLayer::default();
        layer.draw(
            10,
            10,
            &cam,
            &[across(2.5), across(7.5)],
            1.0,
            Compose::Over,
        );
        assert_eq!(inked(&layer).len(), 20);
        layer.draw(10, 10, &cam, &[across(4.5)], 1.0, Compose::Over);
        assert_eq!(inked(&layer), (0..10).map(|x| (x, 4)).collect::<Vec<_>>());
        layer.draw(10, 10, &cam, &[], 1.0, Compose::Over);
        assert!(inked(&layer).is_empty());
    }

    #[test]
    fn the_layer_is_cleared_between_frames_and_follows_the_canvas_size() {
        let tie = Hairline {
            from: [0.0, 0.5],
            to: [4.0, 0.5],
            rgba: [RED, RED],
        };
        let mut layer = TieLayer::default();
        layer.draw(4, 2, &camera(4.0, 2.0), &[tie], 1.0, Compose::Over);
        assert_eq!(inked(&layer).len(), 4);
        layer.draw(6, 3, &camera(4.0, 2.0), &[], 1.0, Compose::Over);
        assert_eq!((layer.width, layer.height, layer.pixels.len()), (6, 3, 72));
        assert!(inked(&layer).is_empty());
        assert_eq!(layer.inked, None);
    }

    /// Whether the pixel centre `(x, y)` (device pixels) is wholly painted by an opaque disc
    /// of `discs[after..]`, as the shader paints it (coverage 1 within `radius - 1` device px).
    fn painted_over(discs: &[Disc], after: usize, cam: &Camera, x: f32, y: f32) -> bool {
        discs[after..].iter().any(|d| {
            let c = cam.graph_to_screen(d.center);
            d.opaque && ((c[0] - x).powi(2) + (c[1] - y).powi(2)).sqrt() <= d.radius_css_px - 1.0
        })
    }

    #[test]
    fn a_disc_is_dropped_only_when_every_pixel_of_its_quad_is_painted_over() {
        let (w, h) = (64u32, 48u32);
        let cam = camera(w as f32, h as f32);
        let mut dropped_some = 0;
        for seed in 0..40u64 {
            let mut rng = tiemap_core::rng::Rng::new(seed);
            // piles of discs, as a big map's clusters, some off the canvas, some translucent
            let discs: Vec<Disc> = (0..150)
                .map(|_| Disc {
                    center: [
                        20.0 + rng.normal() as f32 * 12.0,
                        24.0 + rng.normal() as f32 * 8.0,
                    ],
                    radius_css_px: 1.0 + rng.next_f32() * 9.0,
                    opaque: rng.chance(0.9),
                })
                .collect();
            let keep = unhidden(&discs, &cam, 1.0, w, h);
            assert!(keep.windows(2).all(|p| p[0] < p[1]), "draw order kept");
            for (k, d) in discs.iter().enumerate() {
                if keep.contains(&k) {
                    continue;
                }
                let c = cam.graph_to_screen(d.center);
                let e = d.radius_css_px + 1.5;
                for py in 0..h {
                    for px in 0..w {
                        let (x, y) = (px as f32 + 0.5, py as f32 + 0.5);
                        if (x - c[0]).abs() <= e && (y - c[1]).abs() <= e {
                            assert!(
                                painted_over(&discs, k + 1, &cam, x, y),
                                "seed {seed}: disc {k} dropped, but pixel ({px}, {py}) shows it"
                            );
                        }
                    }
                }
                dropped_some += 1;
            }
        }
        // and the piles do hide a good share of their discs (a fifth here: 1,316 of 6,000)
        assert!(dropped_some > 40 * 150 / 5, "{dropped_some}");
    }

    #[test]
    fn what_is_on_top_or_translucent_above_stays_and_what_is_off_the_canvas_goes() {
        let cam = camera(100.0, 100.0);
        let disc = |x: f32, r: f32, opaque: bool| Disc {
            center: [x, 50.0],
            radius_css_px: r,
            opaque,
        };
        let keep = |discs: &[Disc], scale: f32| unhidden(discs, &cam, scale, 100, 100);
        // small under big (same centre): hidden; the big one drawn
        assert_eq!(
            keep(&[disc(50.0, 3.0, true), disc(50.0, 12.0, true)], 1.0),
            vec![1]
        );
        // the big one translucent: both drawn
        assert_eq!(
            keep(&[disc(50.0, 3.0, true), disc(50.0, 12.0, false)], 1.0),
            vec![0, 1]
        );
        // the small one on top: both drawn
        assert_eq!(
            keep(&[disc(50.0, 12.0, true), disc(50.0, 3.0, true)], 1.0),
            vec![0, 1]
        );
        // the radius scale of the zoom counts
        let pair = [disc(50.0, 3.0, true), disc(56.0, 16.0, true)];
        assert_eq!(keep(&pair, 1.0), vec![1]);
        assert_eq!(keep(&pair, 0.5), vec![0, 1]);
        // off the canvas, or not placed yet: not drawn
        let away = [disc(-30.0, 5.0, true), disc(f32::NAN, 5.0, true)];
        assert_eq!(keep(&away, 1.0), Vec::<usize>::new());
    }
}
