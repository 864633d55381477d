//! What a frame shows, prepared once per change of map, positions or emphasis (never per
//! frame): node sizes and colours, tie colours, draw order and label order. Both backends and
//! the label overlay draw from it. Pure Rust (no DOM), so it is tested natively too.

use crate::model::MapData;
use crate::theme::Theme;
use std::collections::{BTreeMap, HashMap};
use tiemap_core::view::camera::Camera;

/// Which nodes stand out: a selected person and their ties, or one cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Emphasis {
    pub selected: Option<usize>,
    pub highlighted_cluster: Option<u32>,
    /// The growth timeline's month ([`crate::model::month_index`]): only people connected
    /// by then are drawn (people without a date are left out while it is set).
    pub until: Option<u32>,
}

/// Node radius at the fitted zoom, CSS pixels.
pub const RADIUS_MAX_CSS_PX: f32 = 14.0;

/// Everything drawn, in flat arrays ready for the GPU.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// `[x0, y0, ...]`, graph space.
    pub pos_in_graph: Vec<f32>,
    /// Node radius in CSS pixels at the fitted zoom (the camera scales it).
    pub radius_css_px: Vec<f32>,
    pub radius_min_css_px: f32,
    /// Node colour (straight alpha), after emphasis.
    pub node_rgba: Vec<[u8; 4]>,
    /// Node colour before emphasis (the cluster colour).
    pub node_rgb: Vec<[u8; 3]>,
    /// Draw order: smallest first, so hubs end on top.
    pub draw_order: Vec<u32>,
    /// Label priority: emphasised nodes first, then by size (biggest first), then by index.
    pub label_order: Vec<usize>,
    /// Whether node `i` is emphasised (everything is when nothing is selected or highlighted).
    pub in_focus: Vec<bool>,
    /// Whether node `i` is drawn at all (its cluster is not hidden).
    pub visible: Vec<bool>,
    /// Valid ties (both ends exist, no self-loops).
    pub ties: Vec<[u32; 2]>,
    /// Colours of each tie's two ends (straight alpha).
    pub tie_rgba: Vec<[[u8; 4]; 2]>,
}

/// A node's base radius: area grows with its value (the InMaps convention for degree).
pub fn radius_for(value: f32, max_value: f32, radius_min: f32) -> f32 {
    if !(value.is_finite() && max_value.is_finite()) || max_value <= 0.0 || value <= 0.0 {
        return radius_min;
    }
    radius_min + (RADIUS_MAX_CSS_PX - radius_min) * (value / max_value).min(1.0).sqrt()
}

/// Translucency of ties so that thousands of them read as a cloud rather than a blot.
pub fn tie_alpha(ties: usize) -> f32 {
    (0.45 * (2_000.0 / ties.max(1) as f32).sqrt()).clamp(0.05, 0.45)
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

impl Scene {
    /// Builds the scene of `map` with nodes at `pos_in_graph`, sized by `size_by` (one value
    /// per node; degree when None or of the wrong length).
    pub fn build(
        map: &MapData,
        pos_in_graph: &[f32],
        size_by: Option<&[f32]>,
        emphasis: Emphasis,
        theme: &Theme,
    ) -> Scene {
        let n = map.nodes.len().min(pos_in_graph.len() / 2);
        let values: Vec<f32> = match size_by {
            Some(v) if v.len() >= n => v[..n].to_vec(),
            _ => map.nodes[..n].iter().map(|v| v.degree as f32).collect(),
        };
        let max_value = values
            .iter()
            .cloned()
            .filter(|v| v.is_finite())
            .fold(0.0, f32::max);
        let radius_min = if n > 5_000 { 1.5 } else { 3.0 };
        let radius_css_px: Vec<f32> = values
            .iter()
            .map(|&v| radius_for(v, max_value, radius_min))
            .collect();

        let colors: HashMap<u32, [u8; 3]> = map.clusters.iter().map(|c| (c.id, c.color)).collect();
        let node_rgb: Vec<[u8; 3]> = map.nodes[..n]
            .iter()
            .map(|v| colors.get(&v.cluster).copied().unwrap_or(theme.unclustered))
            .collect();

        // People of hidden clusters are not drawn, nor are their ties or labels.
        let hidden: std::collections::HashSet<u32> = map
            .clusters
            .iter()
            .filter(|c| c.hidden)
            .map(|c| c.id)
            .collect();
        let visible: Vec<bool> = map.nodes[..n]
            .iter()
            .map(|v| {
                !hidden.contains(&v.cluster)
                    && emphasis
                        .until
                        .is_none_or(|u| v.connected.is_some_and(|c| c <= u))
            })
            .collect();
        let ties: Vec<[u32; 2]> = map
            .ties
            .chunks_exact(2)
            .filter(|p| p[0] != p[1] && (p[0] as usize) < n && (p[1] as usize) < n)
            .filter(|p| visible[p[0] as usize] && visible[p[1] as usize])
            .map(|p| [p[0], p[1]])
            .collect();

        // Focus: the selected person and their ties, or the highlighted cluster's members.
        let selected = emphasis.selected.filter(|&s| s < n);
        let in_focus: Vec<bool> = match (selected, emphasis.highlighted_cluster) {
            (Some(s), _) => {
                let mut f = vec![false; n];
                f[s] = true;
                for t in &ties {
                    if t[0] as usize == s {
                        f[t[1] as usize] = true;
                    } else if t[1] as usize == s {
                        f[t[0] as usize] = true;
                    }
                }
                f
            }
            (None, Some(c)) => map.nodes[..n].iter().map(|v| v.cluster == c).collect(),
            (None, None) => vec![true; n],
        };
        let dimming = selected.is_some() || emphasis.highlighted_cluster.is_some();
        let node_rgba: Vec<[u8; 4]> = (0..n)
            .map(|i| {
                let [r, g, b] = if in_focus[i] {
                    node_rgb[i]
                } else {
                    mix(node_rgb[i], theme.background, 0.82)
                };
                [r, g, b, 255]
            })
            .collect();

        let alpha = tie_alpha(ties.len());
        let tie_rgba: Vec<[[u8; 4]; 2]> = ties
            .iter()
            .map(|t| {
                let (s, d) = (t[0] as usize, t[1] as usize);
                let a = if !dimming {
                    alpha
                } else if selected.is_some_and(|x| x == s || x == d)
                    || (selected.is_none() && in_focus[s] && in_focus[d])
                {
                    (alpha * 3.0).max(0.5)
                } else {
                    alpha * 0.12
                };
                let a = (a.clamp(0.0, 1.0) * 255.0).round() as u8;
                let [r0, g0, b0] = node_rgb[s];
                let [r1, g1, b1] = node_rgb[d];
                [[r0, g0, b0, a], [r1, g1, b1, a]]
            })
            .collect();

        // Smallest first (the biggest drawn on top), then the later node first; dimmed nodes
        // are drawn first, emphasised ones on top. One key through the shared sort.
        let size = |i: usize| u128::from(tiemap_core::order::f32_key(radius_css_px[i]));
        let focus = |i: usize| u128::from(dimming && in_focus[i]);
        let mut order: Vec<usize> = (0..n).filter(|&i| visible[i]).collect();
        tiemap_core::order::sort_by_number(&mut order, |&i| {
            focus(i) << 64 | size(i) << 32 | u128::from(u32::MAX - i as u32)
        });
        let draw_order: Vec<u32> = order.iter().map(|&i| i as u32).collect();
        // Labels the other way round: emphasised, then biggest, then the earlier node first.
        let mut label_order: Vec<usize> = (0..n).filter(|&i| visible[i]).collect();
        tiemap_core::order::sort_by_number(&mut label_order, |&i| {
            (1 - focus(i)) << 64 | (u128::from(u32::MAX) - size(i)) << 32 | i as u128
        });
        if let Some(s) = selected.filter(|&s| visible[s]) {
            label_order.retain(|&i| i != s);
            label_order.insert(0, s);
        }

        Scene {
            pos_in_graph: pos_in_graph[..2 * n].to_vec(),
            radius_css_px,
            radius_min_css_px: radius_min,
            node_rgba,
            node_rgb,
            draw_order,
            label_order,
            in_focus,
            visible,
            ties,
            tie_rgba,
        }
    }

    pub fn len(&self) -> usize {
        self.radius_css_px.len()
    }

    /// Each node's position on screen (CSS pixels) through `camera`.
    pub fn screen_positions(&self, camera: &Camera) -> Vec<[f32; 2]> {
        self.pos_in_graph
            .chunks_exact(2)
            .map(|p| camera.graph_to_screen([p[0], p[1]]))
            .collect()
    }

    /// The discs to draw, smallest first (`draw_order`), as `(centre, radius, colour)` on
    /// screen: `screen` from [`Scene::screen_positions`], radii times `radius_scale`, and only
    /// the ones that reach into a `size` (CSS pixels) viewport. Both the canvas and the SVG
    /// drawers draw these.
    pub fn discs<'a>(
        &'a self,
        screen: &'a [[f32; 2]],
        radius_scale: f32,
        size: [f32; 2],
    ) -> impl Iterator<Item = ([f32; 2], f32, [u8; 4])> + 'a {
        self.draw_order.iter().filter_map(move |&i| {
            let i = i as usize;
            let (&[x, y], &r, &c) = (
                screen.get(i)?,
                self.radius_css_px.get(i)?,
                self.node_rgba.get(i)?,
            );
            let r = r * radius_scale;
            let inside = x.is_finite()
                && y.is_finite()
                && x >= -r
                && y >= -r
                && x <= size[0] + r
                && y <= size[1] + r;
            inside.then_some(([x, y], r, c))
        })
    }

    /// Visible ties (indices into `ties`) grouped by their source end's colour and alpha, in
    /// colour order: one path per group, as both the canvas and the SVG drawers batch them.
    pub fn tie_batches(&self) -> BTreeMap<[u8; 4], Vec<usize>> {
        let mut batches: BTreeMap<[u8; 4], Vec<usize>> = BTreeMap::new();
        for (k, c) in self.tie_rgba.iter().enumerate() {
            if c[0][3] > 0 {
                batches.entry(c[0]).or_default().push(k);
            }
        }
        batches
    }

    pub fn is_empty(&self) -> bool {
        self.radius_css_px.is_empty()
    }

    /// Replaces positions only (a streamed layout frame), keeping sizes and colours.
    pub fn set_positions(&mut self, pos_in_graph: &[f32]) -> bool {
        if pos_in_graph.len() < self.pos_in_graph.len() {
            return false;
        }
        let n = self.pos_in_graph.len();
        self.pos_in_graph.copy_from_slice(&pos_in_graph[..n]);
        true
    }
}

/// How much node discs grow as you zoom in: slower than distances, so zooming in separates
/// crowded nodes, and `zoom / fitted_zoom = 4` doubles the radius.
pub fn radius_scale(zoom: f32, fitted_zoom: f32) -> f32 {
    (zoom / fitted_zoom.max(1e-9)).sqrt().clamp(0.5, 8.0)
}

/// How much of a big map a frame draws while the layout moves it, so that drawing a frame
/// costs about [`DrawBudget::FRAME_MS`] on this machine: measured on the frames drawn, not
/// guessed from the GPU's name. A laptop's GPU draws every tie of a 30,000-person map in a few
/// milliseconds and gets them all. A browser drawing on the CPU (no GPU) gets, while the map
/// moves, an even sample of the ties, then a coarser canvas (the names, on their own canvas,
/// stay sharp), then the hubs and an even sample of the other people; everything once the map
/// is still.
///
/// The cost model: a frame costs `ms_per_unit * units * (v + (1 - v) * resolution²)`, where
/// units are the ties drawn plus [`DrawBudget::NODE_UNITS`] per node drawn plus
/// [`DrawBudget::FIXED_UNITS`], and `v` ([`DrawBudget::UNSCALED`]) the part of the cost that
/// fewer pixels do not save (sending and placing the shapes). Measured in headless Chromium
/// drawing on the CPU, 30,000 people and no ties: about 1,100 ms at every pixel, 300 ms at half
/// and 200-290 ms at 0.35 of them per side.
#[derive(Clone, Debug, Default)]
pub struct DrawBudget {
    /// Milliseconds per unit at full resolution, as last measured (smoothed); `None` before
    /// any frame was timed.
    ms_per_unit: Option<f64>,
    /// Frames drawn while moving since the last timed one.
    since_timed: u32,
    /// Frames drawn so far (the first is not timed: it compiles the shaders and uploads
    /// everything, 330 ms here for a 2,000-person sample that then draws in 7).
    frames: u32,
    /// A new map is drawn: its first moving frame is timed (a map's cost per unit differs
    /// from the last one's: longer ties, smaller discs).
    retime: bool,
}

/// What a frame draws: the share of the ties and of the people (0 to 1; the hubs are always
/// drawn), and of the canvas's resolution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameDetail {
    pub tie_share: f32,
    pub node_share: f32,
    pub resolution: f32,
}

impl FrameDetail {
    pub const FULL: FrameDetail = FrameDetail {
        tie_share: 1.0,
        node_share: 1.0,
        resolution: 1.0,
    };
}

impl DrawBudget {
    /// What a frame drawn while the layout runs may cost, milliseconds.
    pub const FRAME_MS: f64 = 40.0;
    /// What a unit costs before any frame was timed, ms: a machine without a GPU (this one
    /// drew 20,000 ties and 10,000 people, 62,000 units, in 810 ms: 0.013 ms a unit), so a
    /// map's first moving frame never holds the page for most of a second. The first timed
    /// frame replaces it; a GPU's then draws everything from the next frame on.
    pub const PRIOR_MS_PER_UNIT: f64 = 0.013;
    /// A node disc costs about this many ties (more pixels each).
    pub const NODE_UNITS: f64 = 4.0;
    /// A frame costs this many units whatever it draws (clearing, state changes).
    pub const FIXED_UNITS: f64 = 2_000.0;
    /// The part of a frame's cost that a coarser canvas does not save.
    pub const UNSCALED: f64 = 0.25;
    /// The coarsest canvas a moving frame is drawn on (share of the device pixels per side).
    pub const MIN_RESOLUTION: f32 = 0.35;
    /// One moving frame in this many is timed (waiting for the GPU to finish it).
    pub const TIME_EVERY: u32 = 6;

    fn pixel_factor(resolution: f32) -> f64 {
        let r = resolution.clamp(0.01, 1.0) as f64;
        Self::UNSCALED + (1.0 - Self::UNSCALED) * r * r
    }

    /// What a frame draws: everything when the map is still.
    pub fn detail(&self, nodes: usize, ties: usize, moving: bool) -> FrameDetail {
        if !moving {
            return FrameDetail::FULL;
        }
        let share = |allowed: f64, of: f64| {
            if of <= 0.0 {
                1.0
            } else {
                (allowed / of).clamp(0.0, 1.0) as f32
            }
        };
        let c = self.ms_per_unit.unwrap_or(Self::PRIOR_MS_PER_UNIT);
        // units affordable at every pixel
        let allowed = Self::FRAME_MS / c.max(1e-12);
        let people = Self::NODE_UNITS * nodes as f64;
        let base = Self::FIXED_UNITS + people;
        if base <= allowed {
            return FrameDetail {
                tie_share: share(allowed - base, ties as f64),
                ..FrameDetail::FULL
            };
        }
        // no ties; the coarsest canvas that fits the people
        let factor = allowed / base;
        let r2 = (factor - Self::UNSCALED) / (1.0 - Self::UNSCALED);
        let min = Self::MIN_RESOLUTION;
        if r2 >= (min * min) as f64 {
            return FrameDetail {
                tie_share: 0.0,
                node_share: 1.0,
                resolution: (r2.sqrt() as f32).clamp(min, 1.0),
            };
        }
        // the coarsest canvas, and a sample of the people
        let at_min = allowed / Self::pixel_factor(min);
        FrameDetail {
            tie_share: 0.0,
            node_share: share(at_min - Self::FIXED_UNITS, people),
            resolution: min,
        }
    }

    /// What a frame with `detail` is expected to cost, milliseconds (0 before any timing).
    pub fn predicted_ms(&self, nodes: usize, ties: usize, detail: FrameDetail) -> f64 {
        let Some(c) = self.ms_per_unit else {
            return 0.0;
        };
        let part = |n: usize, share: f32| (n as f64 * share.clamp(0.0, 1.0) as f64).round();
        let units = Self::FIXED_UNITS
            + Self::NODE_UNITS * part(nodes, detail.node_share)
            + part(ties, detail.tie_share);
        c * units * Self::pixel_factor(detail.resolution)
    }

    /// Whether this frame is to be timed: the first frame drawn (still or moving: a still
    /// one, the sample's say, tells the next map's first moving frame what fits), then one
    /// moving frame in [`DrawBudget::TIME_EVERY`].
    pub fn time_this_frame(&self, moving: bool) -> bool {
        self.frames > 0
            && (self.ms_per_unit.is_none()
                || (moving && (self.retime || self.since_timed + 1 >= Self::TIME_EVERY)))
    }

    /// Another map is drawn from now on: its first moving frame is timed.
    pub fn new_map(&mut self) {
        self.retime = true;
    }

    /// A frame was drawn with `detail` (`ms`: how long it took, when it was timed).
    pub fn drawn(
        &mut self,
        nodes: usize,
        ties: usize,
        detail: FrameDetail,
        moving: bool,
        ms: Option<f64>,
    ) {
        self.frames = self.frames.saturating_add(1);
        if moving {
            self.since_timed += 1;
        }
        let Some(ms) = ms.filter(|ms| ms.is_finite() && *ms >= 0.0) else {
            return;
        };
        self.since_timed = 0;
        self.retime = false;
        let expected_at_one = DrawBudget {
            ms_per_unit: Some(1.0),
            ..DrawBudget::default()
        }
        .predicted_ms(nodes, ties, detail);
        let measured = ms.max(0.01) / expected_at_one;
        // smoothed (geometric mean with the last), as a frame's time varies with the load
        self.ms_per_unit = Some(match self.ms_per_unit {
            Some(c) => (c * measured).sqrt(),
            None => measured,
        });
    }
}

impl Scene {
    /// The people a frame drawing `share` of them draws, in draw order: the biggest
    /// [`Scene::HUBS`] always, and an even sample of the others.
    pub fn sampled_draw_order(&self, share: f32) -> impl Iterator<Item = u32> + '_ {
        let n = self.draw_order.len();
        let hubs_from = n.saturating_sub(Self::HUBS);
        let every = if share >= 1.0 {
            1
        } else {
            (1.0 / share.max(1e-6) as f64).ceil().min(n.max(1) as f64) as usize
        };
        let sample = share > 0.0;
        self.draw_order
            .iter()
            .enumerate()
            .filter(move |(k, _)| *k >= hubs_from || (sample && k % every == 0))
            .map(|(_, &i)| i)
    }

    /// People always drawn, however few a frame may draw.
    pub const HUBS: usize = 300;
}

#[cfg(test)]
mod tests {

    #[test]
    fn draw_budget_draws_everything_when_still_and_fits_the_frame_while_moving() {
        let moving = |b: &DrawBudget, nodes, ties| b.detail(nodes, ties, true);
        let mut b = DrawBudget::default();
        assert_eq!(b.detail(30_000, 200_000, false), FrameDetail::FULL);
        // before any timing: what fits a machine without a GPU (the prior), the coarsest
        // canvas and a sample of the people here
        let prior = moving(&b, 30_000, 200_000);
        assert_eq!(
            (prior.tie_share, prior.resolution),
            (0.0, DrawBudget::MIN_RESOLUTION)
        );
        assert!(
            prior.node_share > 0.0 && prior.node_share < 0.1,
            "{prior:?}"
        );
        let guessed = DrawBudget {
            ms_per_unit: Some(DrawBudget::PRIOR_MS_PER_UNIT),
            ..DrawBudget::default()
        };
        assert_eq!(moving(&guessed, 30_000, 200_000), prior);
        // the first frame drawn is not timed (shaders, uploads); the next is, still or
        // moving; then moving ones only
        assert!(!b.time_this_frame(true));
        b.drawn(30_000, 200_000, prior, true, None);
        assert_eq!(moving(&b, 30_000, 200_000), prior);
        assert!(b.time_this_frame(true));
        assert!(b.time_this_frame(false));
        let first = FrameDetail {
            tie_share: 0.1,
            ..FrameDetail::FULL
        };
        // a machine without a GPU: 20,000 ties and 30,000 nodes took 1,420 ms
        // (142,000 units: 0.01 ms each); 4,000 units fit a frame at every pixel
        b.drawn(30_000, 200_000, first, true, Some(1_420.0));
        // 2,000 people: 10,000 units, no ties, fit at 0.4 of the cost: 0.2 of the pixel
        // work that scales, sqrt(0.2) of the pixels per side
        let d = moving(&b, 2_000, 50_000);
        assert_eq!((d.tie_share, d.node_share), (0.0, 1.0));
        assert!((d.resolution - 0.2f32.sqrt()).abs() < 1e-4, "{d:?}");
        // 30,000 people: the coarsest canvas and a sample of them
        let d = moving(&b, 30_000, 200_000);
        assert_eq!(
            (d.tie_share, d.resolution),
            (0.0, DrawBudget::MIN_RESOLUTION)
        );
        let factor = 0.25 + 0.75 * 0.35f64 * 0.35;
        let expected = (4_000.0 / factor - 2_000.0) / 120_000.0;
        assert!((d.node_share as f64 - expected).abs() < 1e-4, "{d:?}");
        // a small map on the same machine fits a part of its ties at every pixel
        let d = moving(&b, 250, 10_000);
        assert_eq!((d.node_share, d.resolution), (1.0, 1.0));
        assert!((d.tie_share - 0.1).abs() < 1e-4, "{d:?}");
        // a frame timed on a coarser canvas counts its pixels: the same machine
        let mut c = DrawBudget::default();
        let coarse = FrameDetail {
            tie_share: 0.0,
            node_share: 0.5,
            resolution: 0.5,
        };
        // 62,000 units at 0.4375 of the cost
        c.drawn(30_000, 200_000, coarse, true, Some(271.25));
        assert_eq!(moving(&c, 250, 10_000), d);
        // what the budget expects a frame to cost: about FRAME_MS for what it chose
        let chosen = moving(&b, 30_000, 200_000);
        let expected = b.predicted_ms(30_000, 200_000, chosen);
        assert!((expected - DrawBudget::FRAME_MS).abs() < 0.5, "{expected}");
        assert!((b.predicted_ms(30_000, 200_000, first) - 1_420.0).abs() < 1e-6);
        assert_eq!(DrawBudget::default().predicted_ms(1, 1, first), 0.0);
        // a machine with a GPU: the same first frame in 2 ms draws everything
        let mut fast = DrawBudget::default();
        fast.drawn(30_000, 200_000, first, true, Some(2.0));
        assert_eq!(moving(&fast, 30_000, 200_000), FrameDetail::FULL);
        // timed again after TIME_EVERY moving frames, never when still
        for _ in 0..DrawBudget::TIME_EVERY - 1 {
            assert!(!fast.time_this_frame(true));
            fast.drawn(30_000, 200_000, FrameDetail::FULL, true, None);
        }
        assert!(fast.time_this_frame(true));
        assert!(!fast.time_this_frame(false));
        // a new map: its first moving frame is timed, not a still one
        fast.drawn(30_000, 200_000, FrameDetail::FULL, true, Some(2.0));
        assert!(!fast.time_this_frame(true));
        fast.new_map();
        assert!(!fast.time_this_frame(false));
        assert!(fast.time_this_frame(true));
        fast.drawn(30_000, 200_000, FrameDetail::FULL, true, Some(2.0));
        assert!(!fast.time_this_frame(true));
        // a new measurement moves the estimate halfway (geometric mean)
        let mut m = DrawBudget::default();
        m.drawn(0, 98_000, FrameDetail::FULL, true, Some(100.0));
        m.drawn(0, 98_000, FrameDetail::FULL, true, Some(400.0));
        let share = moving(&m, 0, 1_000_000).tie_share;
        let expected = (DrawBudget::FRAME_MS / (200.0 / 100_000.0) - 2_000.0) / 1e6;
        assert!(
            (share as f64 - expected).abs() < 1e-6,
            "{share} vs {expected}"
        );
    }

    #[test]
    fn a_sample_of_people_keeps_the_hubs_and_spreads_over_the_rest() {
        let n = 3_300;
        let scene = Scene {
            draw_order: (0..n as u32).rev().collect(),
            ..Scene::default()
        };
        assert_eq!(scene.sampled_draw_order(1.0).count(), n);
        let tenth: Vec<u32> = scene.sampled_draw_order(0.1).collect();
        // the 300 biggest (the last in draw order), and every 10th of the 3,000 others
        assert_eq!(tenth.len(), 300 + 300);
        assert!(tenth.ends_with(&(0..300).rev().collect::<Vec<u32>>()));
        assert_eq!(&tenth[..3], &[3_299, 3_289, 3_279]);
        assert_eq!(scene.sampled_draw_order(0.0).count(), Scene::HUBS);
    }
    use super::*;
    use crate::model::{ClusterView, NodeView};

    fn map() -> MapData {
        let node = |label: &str, degree, cluster| NodeView {
            key: format!("k{}", label),
            label: label.into(),
            company: None,
            title: None,
            url: None,
            degree,
            cluster,
            connected: None,
            ..Default::default()
        };
        MapData {
            modularity: 0.0,
            density: 0.0,
            signals: None,
            map_id: 1,
            title: String::new(),
            summary: String::new(),
            ties_note: String::new(),
            nodes: vec![
                node("a", 2, 1),
                node("b", 1, 1),
                node("c", 1, 2),
                node("d", 0, 9),
            ],
            ties: vec![0, 1, 0, 2, 3, 3, 0, 99],
            pos_in_graph: vec![0.0; 8],
            clusters: vec![
                ClusterView {
                    id: 1,
                    name: "One".into(),
                    suggested_name: String::new(),
                    color: [200, 0, 0],
                    size: 2,
                    folded: 0,
                    hidden: false,
                    ..Default::default()
                },
                ClusterView {
                    id: 2,
                    name: "Two".into(),
                    suggested_name: String::new(),
                    color: [0, 0, 200],
                    size: 1,
                    folded: 0,
                    hidden: false,
                    ..Default::default()
                },
            ],
            report: Vec::new(),
            is_sample: false,
            fingerprint: String::new(),
            resolution: 1.0,
            fold_below: 0,
            edits: Default::default(),
            ..Default::default()
        }
    }

    #[test]
    fn colours_come_from_clusters_and_invalid_ties_are_dropped() {
        let m = map();
        let s = Scene::build(
            &m,
            &m.pos_in_graph,
            None,
            Emphasis::default(),
            &Theme::LIGHT,
        );
        assert_eq!(
            s.node_rgb,
            vec![
                [200, 0, 0],
                [200, 0, 0],
                [0, 0, 200],
                Theme::LIGHT.unclustered
            ]
        );
        assert_eq!(s.ties, vec![[0, 1], [0, 2]]);
        assert_eq!(s.tie_rgba[1][0][..3], [200, 0, 0]);
        assert_eq!(s.tie_rgba[1][1][..3], [0, 0, 200]);
        // The hub is biggest, drawn last and labeled first.
        assert!(s.radius_css_px[0] > s.radius_css_px[1]);
        assert_eq!(*s.draw_order.last().unwrap(), 0);
        assert_eq!(s.label_order[0], 0);
    }

    #[test]
    fn a_hidden_cluster_draws_no_people_ties_or_labels() {
        let mut m = map();
        m.clusters[1].hidden = true; // "Two": node c
        let s = Scene::build(
            &m,
            &m.pos_in_graph,
            None,
            Emphasis::default(),
            &Theme::LIGHT,
        );
        assert_eq!(s.visible, vec![true, true, false, true]);
        assert!(!s.draw_order.contains(&2));
        assert!(!s.label_order.contains(&2));
        assert_eq!(s.ties, vec![[0, 1]], "the tie to c is gone");
        assert_eq!(s.tie_rgba.len(), s.ties.len());
    }

    #[test]
    fn discs_come_smallest_first_scaled_and_only_where_they_reach_the_viewport() {
        let m = map();
        let s = Scene::build(
            &m,
            &m.pos_in_graph,
            None,
            Emphasis::default(),
            &Theme::LIGHT,
        );
        let all: Vec<[f32; 2]> = (0..s.len()).map(|k| [50.0 + k as f32, 50.0]).collect();
        let drawn: Vec<_> = s.discs(&all, 2.0, [100.0, 100.0]).collect();
        assert_eq!(drawn.len(), s.draw_order.len());
        for (d, &i) in drawn.iter().zip(&s.draw_order) {
            assert_eq!(d.0, all[i as usize]);
            assert_eq!(d.1, s.radius_css_px[i as usize] * 2.0);
            assert_eq!(d.2, s.node_rgba[i as usize]);
        }
        // Far off screen, or not a number: not drawn; one just touching the edge is.
        let mut off = all.clone();
        let first = s.draw_order[0] as usize;
        let second = s.draw_order[1] as usize;
        off[first] = [-1_000.0, 50.0];
        off[second] = [f32::NAN, 50.0];
        let third = s.draw_order[2] as usize;
        off[third] = [100.0 + s.radius_css_px[third] * 2.0, 50.0];
        let kept: Vec<[f32; 2]> = s.discs(&off, 2.0, [100.0, 100.0]).map(|d| d.0).collect();
        assert_eq!(kept.len(), s.draw_order.len() - 2);
        assert!(kept.contains(&off[third]));
    }

    #[test]
    fn the_timeline_draws_only_people_connected_by_its_month() {
        let mut m = map();
        let months = [Some(24_000), Some(24_005), None, Some(24_010)];
        for (v, c) in m.nodes.iter_mut().zip(months) {
            v.connected = c;
        }
        let at = |until| {
            Scene::build(
                &m,
                &m.pos_in_graph,
                None,
                Emphasis {
                    until,
                    ..Emphasis::default()
                },
                &Theme::LIGHT,
            )
        };
        // Unset: everyone, the undated person too.
        assert_eq!(at(None).visible, vec![true; 4]);
        let s = at(Some(24_005));
        assert_eq!(s.visible, vec![true, true, false, false]);
        assert_eq!(s.ties, vec![[0, 1]]);
        assert!(!s.label_order.contains(&3) && !s.draw_order.contains(&3));
        assert_eq!(at(Some(23_999)).draw_order, Vec::<u32>::new());
        assert_eq!(at(Some(24_010)).visible, vec![true, true, false, true]);
    }

    #[test]
    fn selecting_a_person_dims_everyone_outside_their_ties() {
        let m = map();
        let e = Emphasis {
            selected: Some(1),
            ..Emphasis::default()
        };
        let s = Scene::build(&m, &m.pos_in_graph, None, e, &Theme::LIGHT);
        assert_eq!(s.in_focus, vec![true, true, false, false]);
        assert_eq!(s.node_rgba[1], [200, 0, 0, 255]);
        assert_ne!(s.node_rgba[2][..3], [0, 0, 200], "node 2 is dimmed");
        assert_eq!(s.label_order[0], 1, "the selected person is labeled first");
        assert!(
            s.tie_rgba[0][0][3] > s.tie_rgba[1][0][3],
            "its tie stands out"
        );
    }

    #[test]
    fn a_highlighted_cluster_keeps_only_its_members_in_focus_and_size_by_overrides_degree() {
        let m = map();
        let e = Emphasis {
            highlighted_cluster: Some(2),
            ..Emphasis::default()
        };
        let sizes = [0.0, 0.0, 0.0, 10.0];
        let s = Scene::build(&m, &m.pos_in_graph, Some(&sizes), e, &Theme::LIGHT);
        assert_eq!(s.in_focus, vec![false, false, true, false]);
        assert_eq!(s.radius_css_px[3], RADIUS_MAX_CSS_PX);
        assert_eq!(s.radius_css_px[0], s.radius_min_css_px);
    }
}
