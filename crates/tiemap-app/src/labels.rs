//! Names on the map, drawn on a 2D canvas over the WebGL canvas: the biggest hubs always,
//! more people as you zoom in (a threshold on screen radius), cluster names large at each
//! cluster's weighted centroid; nothing overlaps (`tiemap_core::view::labels`).

use crate::model::{MapData, NameMode};
use crate::scene::{Scene, RADIUS_MAX_CSS_PX};
use crate::theme::FrameView;
use tiemap_core::export::{shown_name, Names};
use tiemap_core::view::clusters::cluster_anchors;
use tiemap_core::view::labels::{place_node_labels, LabelGrid, LabelRules, ScreenRect};

/// Measures text for label placement: the browser measures with a canvas, the command line
/// and the benches estimate ([`EstimatedText`]).
pub trait TextMeasure {
    /// Width in CSS pixels of `text` in `label_font(font_weight, font_px)`.
    fn width(&mut self, text: &str, font_weight: u16, font_px: f32) -> f32;
}

/// A width estimate from character counts (average glyph of a sans-serif font, a little
/// generous so estimated labels never come out shorter than drawn ones).
#[derive(Clone, Copy, Debug, Default)]
pub struct EstimatedText;

impl TextMeasure for EstimatedText {
    fn width(&mut self, text: &str, font_weight: u16, font_px: f32) -> f32 {
        let per_char = if font_weight >= 700 { 0.62 } else { 0.58 };
        text.chars().count() as f32 * font_px * per_char
    }
}

const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// Text widths measured once per map (at 10 px; width scales with font size).
#[derive(Default)]
pub struct LabelCache {
    map_id: Option<u32>,
    /// Which texts were measured (names, initials).
    names: Option<NameMode>,
    width_at_10px: Vec<f32>,
    /// Glyphs of each label that take width of their own (see `least_box` in
    /// [`place_labels`]): counted once per map, not for every person a frame considers (a
    /// moving 100,000-node map spent 190 ms of its frames writing out names to count them).
    glyphs: Vec<u32>,
}

impl LabelCache {
    /// Measures texts again when labels start saying something else (names vs initials).
    fn use_names(&mut self, names: NameMode) {
        if self.names != Some(names) {
            self.names = Some(names);
            self.map_id = None;
        }
    }

    /// Forgets what was measured of another map (or in another name mode).
    fn for_map(&mut self, map: &MapData) {
        if self.map_id != Some(map.map_id) || self.width_at_10px.len() != map.nodes.len() {
            self.map_id = Some(map.map_id);
            self.width_at_10px = vec![f32::NAN; map.nodes.len()];
            let names = self.names.unwrap_or(NameMode::All);
            self.glyphs = map
                .nodes
                .iter()
                .enumerate()
                .map(|(i, n)| match names {
                    NameMode::All => drawn_glyphs(&n.label),
                    _ => person_label_text(&n.label, names, i).map_or(0, |t| drawn_glyphs(&t)),
                })
                .collect();
        }
    }

    fn width(&mut self, measure: &mut dyn TextMeasure, map: &MapData, i: usize) -> f32 {
        self.for_map(map);
        let Some(w) = self.width_at_10px.get(i).copied() else {
            return 0.0;
        };
        if w.is_finite() {
            return w;
        }
        let names = self.names.unwrap_or(NameMode::All);
        let label = map
            .nodes
            .get(i)
            .and_then(|n| person_label_text(&n.label, names, i))
            .unwrap_or_default();
        let w = measure.width(&label, 600, 10.0);
        if let Some(slot) = self.width_at_10px.get_mut(i) {
            *slot = w;
        }
        w
    }
}

/// Font size of a node's label: bigger hubs, bigger names (11 to 19 px).
pub fn node_font_px(radius_css_px: f32, radius_min_css_px: f32) -> f32 {
    let t = ((radius_css_px - radius_min_css_px)
        / (RADIUS_MAX_CSS_PX - radius_min_css_px).max(1e-3))
    .clamp(0.0, 1.0);
    11.0 + 8.0 * t
}

/// Whether a label names a person or a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelKind {
    Person { node: usize },
    Cluster { id: u32 },
}

/// A label as placed: what it says, where, and how it is painted. The live map paints these
/// on its overlay; a shared picture paints them on a canvas and writes them as SVG text.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelText {
    pub kind: LabelKind,
    pub text: String,
    /// CSS pixels; the text is left-aligned from `rect.x` and vertically centred on
    /// `rect.y + rect.h / 2`.
    pub rect: ScreenRect,
    pub font_px: f32,
    /// CSS font weight (600 for people, 700 for clusters).
    pub font_weight: u16,
    pub fill: [u8; 3],
    pub fill_alpha: f32,
    /// The halo stroked behind the text so it reads over ties.
    pub halo: [u8; 3],
    pub halo_alpha: f32,
    pub halo_width_css_px: f32,
}

/// The CSS font of a label (`"600 12px system-ui, ..."`).
pub fn label_font(font_weight: u16, font_px: f32) -> String {
    format!("{font_weight} {font_px}px {FONT_FAMILY}")
}

/// The font family labels use.
pub const LABEL_FONT_FAMILY: &str = FONT_FAMILY;

/// What a person's label says under `names` (None: no label at all).
/// Characters of `text` that take width of their own: not marks that join the letter before
/// them, joiners, variation selectors or controls.
fn drawn_glyphs(text: &str) -> u32 {
    text.chars()
        .filter(|&c| {
            !matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
                | 0x200B..=0x200F | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
                && !c.is_control()
        })
        .count() as u32
}

pub fn person_label_text(label: &str, names: NameMode, index: usize) -> Option<String> {
    match names {
        NameMode::All => Some(label.to_string()),
        NameMode::Initials => Some(shown_name(label, Names::Initials, index)),
        NameMode::Hidden => None,
    }
}

/// Chooses labels for `scene` through `view` (nothing overlaps): the biggest hubs, cluster
/// names at their centroids, then everyone else big enough on screen. People are named as
/// `names` says (`Hidden`: cluster names only). `text` measures text. Cluster
/// names come first in the result, then people, in painting order.
pub fn place_labels(
    text: &mut dyn TextMeasure,
    map: &MapData,
    scene: &Scene,
    view: &FrameView<'_>,
    cache: &mut LabelCache,
    names: NameMode,
) -> Vec<LabelText> {
    let camera = &view.camera;
    let [w, h] = camera.viewport_css_px;
    if scene.is_empty() {
        return Vec::new();
    }
    cache.use_names(names);
    cache.for_map(map);
    // (taken out while the placing borrows the cache to measure; put back below)
    let glyphs = std::mem::take(&mut cache.glyphs);
    let theme = view.theme;
    let mut grid = LabelGrid::new([w, h], 40.0);
    let screen_of = |i: usize| -> Option<([f32; 2], f32)> {
        let (&x, &y) = (
            scene.pos_in_graph.get(2 * i)?,
            scene.pos_in_graph.get(2 * i + 1)?,
        );
        let p = camera.graph_to_screen([x, y]);
        let r = scene.radius_css_px.get(i)? * view.radius_scale;
        let on_screen = p[0].is_finite()
            && p[1].is_finite()
            && p[0] > -r
            && p[1] > -r
            && p[0] < w + r
            && p[1] < h + r;
        on_screen.then_some((p, r))
    };
    let font_of = |i: usize| {
        node_font_px(
            scene.radius_css_px.get(i).copied().unwrap_or(0.0),
            scene.radius_min_css_px,
        )
    };
    let rules = LabelRules {
        always: 10,
        min_radius_css_px: 6.0,
        max_labels: ((w * h) / 5_000.0) as usize + 8,
        gap_css_px: 3.0,
    };
    let people_shown = names != NameMode::Hidden;
    let split = if people_shown {
        rules.always.min(scene.label_order.len())
    } else {
        0
    };
    // A person's label box: plus a space's width, so two names side by side never read as one.
    let label_box = |cache: &mut LabelCache, text: &mut dyn TextMeasure, i: usize| {
        let f = font_of(i);
        [cache.width(text, map, i) * f / 10.0 + f * 0.35, f * 1.25]
    };
    // The smallest that box can be, without measuring: no glyph of a label's font is narrower
    // than 0.15 em (marks that join the letter before them, joiners and variation selectors
    // take no width of their own).
    let least_box = |i: usize| {
        let f = font_of(i);
        let glyphs = glyphs.get(i).copied().unwrap_or(0);
        [glyphs as f32 * 0.15 * f + f * 0.35, f * 1.25]
    };

    // 1) cluster names first (every top-level cluster on screen is named), large, at each
    //    cluster's weighted centroid or the nearest free spot around it, kept inside the view
    let mut labels: Vec<LabelText> = Vec::new();
    let dark = theme.background.iter().map(|&c| c as u32).sum::<u32>() < 300;
    if !map.clusters.is_empty() {
        let anchors = cluster_anchors(
            &scene.pos_in_graph,
            |i| {
                map.nodes
                    .get(i)
                    .filter(|_| scene.visible.get(i) == Some(&true))
                    .map(|v| v.cluster)
            },
            |i| scene.radius_css_px.get(i).copied().unwrap_or(1.0),
        );
        let biggest = anchors.first().map(|a| a.members).unwrap_or(1).max(1) as f32;
        let floor = (scene.len() / 200).max(3) as u32;
        // Clusters with someone on screen: named even when their centre is off screen (the
        // name then sits at the nearest edge).
        let mut seen: std::collections::BTreeSet<u32> = std::collections::BTreeSet::new();
        for (i, node) in map.nodes.iter().enumerate() {
            if !seen.contains(&node.cluster)
                && scene.visible.get(i) == Some(&true)
                && screen_of(i).is_some()
            {
                seen.insert(node.cluster);
            }
        }
        let highlighted = scene.in_focus.iter().any(|f| !f);
        for a in anchors.iter().filter(|a| a.members >= floor).take(24) {
            let Some(cluster) = map.clusters.iter().find(|c| c.id == a.cluster) else {
                continue;
            };
            if cluster.folded > 0 || cluster.hidden || cluster.loose {
                // "Other" is scattered small clusters: no single place to name it.
                continue;
            }
            let name = if cluster.name.trim().is_empty() {
                cluster.suggested_name.clone()
            } else {
                cluster.name.clone()
            };
            if name.trim().is_empty() {
                continue;
            }
            let font = 14.0 + 12.0 * (a.members as f32 / biggest).sqrt();
            // Text in a right-to-left script is isolated, so the numbers around it ("2022-2023")
            // keep their order; names wider than the view are shortened with an ellipsis.
            let name = fit_width(&isolate_bidi(&name), w - 2.0 * EDGE_CSS_PX, |t| {
                text.width(t, 700, font)
            });
            let tw = text.width(&name, 700, font);
            let [cx, cy] = camera.graph_to_screen(a.center_in_graph);
            let th = font * 1.2;
            let at = |dx: f32, dy: f32| {
                let x = (cx - tw / 2.0 + dx)
                    .clamp(EDGE_CSS_PX, (w - tw - EDGE_CSS_PX).max(EDGE_CSS_PX));
                let y = (cy - th / 2.0 + dy)
                    .clamp(EDGE_CSS_PX, (h - th - EDGE_CSS_PX).max(EDGE_CSS_PX));
                ScreenRect { x, y, w: tw, h: th }
            };
            if !seen.contains(&a.cluster) {
                continue;
            }
            let mut tries = vec![at(0.0, 0.0)];
            for ring in 1..=4 {
                let r = ring as f32;
                for (dx, dy) in [
                    (0.0, -1.1),
                    (0.0, 1.1),
                    (-0.6, 0.0),
                    (0.6, 0.0),
                    (-0.5, -1.1),
                    (0.5, -1.1),
                    (-0.5, 1.1),
                    (0.5, 1.1),
                ] {
                    tries.push(at(dx * r * tw, dy * r * th));
                }
            }
            if let Some(k) = grid.try_place_any(&tries) {
                // Members of a dimmed cluster are out of focus: fade its name too.
                let member = map.nodes.iter().position(|v| v.cluster == a.cluster);
                let in_focus = member
                    .and_then(|m| scene.in_focus.get(m).copied())
                    .unwrap_or(true);
                let alpha = if highlighted && !in_focus { 0.25 } else { 0.92 };
                let tint = if dark {
                    mix(cluster.color, [255, 255, 255], 0.35)
                } else {
                    mix(cluster.color, [0, 0, 0], 0.35)
                };
                labels.push(LabelText {
                    kind: LabelKind::Cluster { id: cluster.id },
                    text: name,
                    rect: tries[k],
                    font_px: font,
                    font_weight: 700,
                    fill: tint,
                    fill_alpha: alpha,
                    halo: theme.label_halo,
                    halo_alpha: 0.8 * alpha,
                    halo_width_css_px: 4.0,
                });
            }
        }
    }

    // 1b) zoomed in, the sub-clusters' names too, smaller, where they fit
    if view.radius_scale >= SUB_NAMES_FROM_SCALE && !map.subclusters.is_empty() {
        let anchors = cluster_anchors(
            &scene.pos_in_graph,
            |i| {
                map.nodes
                    .get(i)
                    .filter(|_| scene.visible.get(i) == Some(&true))
                    .and_then(|v| v.subcluster)
            },
            |i| scene.radius_css_px.get(i).copied().unwrap_or(1.0),
        );
        for a in anchors.iter().filter(|a| a.members >= 3) {
            let Some(sub) = map.subclusters.iter().find(|c| c.id == a.cluster) else {
                continue;
            };
            if sub.hidden || sub.name.trim().is_empty() {
                continue;
            }
            let font = 13.0;
            let name = fit_width(&isolate_bidi(&sub.name), w - 2.0 * EDGE_CSS_PX, |t| {
                text.width(t, 600, font)
            });
            let tw = text.width(&name, 600, font);
            let [cx, cy] = camera.graph_to_screen(a.center_in_graph);
            let th = font * 1.2;
            if cx < 0.0 || cy < 0.0 || cx > w || cy > h {
                continue;
            }
            let rect = ScreenRect {
                x: (cx - tw / 2.0).clamp(EDGE_CSS_PX, (w - tw - EDGE_CSS_PX).max(EDGE_CSS_PX)),
                y: (cy - th / 2.0).clamp(EDGE_CSS_PX, (h - th - EDGE_CSS_PX).max(EDGE_CSS_PX)),
                w: tw,
                h: th,
            };
            if grid.try_place(rect) {
                labels.push(LabelText {
                    kind: LabelKind::Cluster { id: sub.id },
                    text: name,
                    rect,
                    font_px: font,
                    font_weight: 600,
                    fill: if dark {
                        mix(sub.color, [255, 255, 255], 0.45)
                    } else {
                        mix(sub.color, [0, 0, 0], 0.45)
                    },
                    fill_alpha: 0.85,
                    halo: theme.label_halo,
                    halo_alpha: 0.75,
                    halo_width_css_px: 3.0,
                });
            }
        }
    }

    // 2) the biggest hubs, on any free side of their disc
    let mut placed = place_node_labels(
        &mut grid,
        &scene.label_order[..split],
        &rules,
        screen_of,
        least_box,
        &mut |i| label_box(cache, text, i),
    );

    // 3) everyone else big enough on screen, right of their disc
    if people_shown {
        let rest = LabelRules {
            always: 0,
            max_labels: rules.max_labels.saturating_sub(placed.len()),
            ..rules
        };
        placed.extend(place_node_labels(
            &mut grid,
            &scene.label_order[split..],
            &rest,
            screen_of,
            least_box,
            &mut |i| label_box(cache, text, i),
        ));
    }
    cache.glyphs = glyphs;

    for p in &placed {
        let Some(node) = map.nodes.get(p.node) else {
            continue;
        };
        let Some(text) = person_label_text(&node.label, names, p.node) else {
            continue;
        };
        let alpha = if scene.in_focus.get(p.node).copied().unwrap_or(true) {
            1.0
        } else {
            0.35
        };
        labels.push(LabelText {
            kind: LabelKind::Person { node: p.node },
            text,
            rect: p.rect,
            font_px: font_of(p.node),
            font_weight: 600,
            fill: theme.label,
            fill_alpha: alpha,
            halo: theme.label_halo,
            halo_alpha: 0.85 * alpha,
            halo_width_css_px: 3.0,
        });
    }
    labels
}

/// Sub-cluster names are drawn from this zoom on (the radius scale: 1 when the map is fitted).
pub const SUB_NAMES_FROM_SCALE: f32 = 1.6;

/// Labels keep this far from the edge of the view (CSS pixels).
pub const EDGE_CSS_PX: f32 = 4.0;

/// Whether `text` holds letters of a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their presentation forms).
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// Isolates each run of right-to-left text (FIRST STRONG ISOLATE ... POP DIRECTIONAL
/// ISOLATE), so a name like "شركة · 2022-2023" keeps its parts, and their numbers, in order.
pub fn isolate_bidi(text: &str) -> String {
    if !has_rtl(text) {
        return text.to_string();
    }
    text.split(" · ")
        .map(|part| {
            if has_rtl(part) {
                format!("\u{2068}{part}\u{2069}")
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// `text` shortened with "…" until `width_of` it fits `max_width` (whole if it fits).
pub fn fit_width(text: &str, max_width: f32, mut width_of: impl FnMut(&str) -> f32) -> String {
    if width_of(text) <= max_width {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = chars.len();
    while keep > 1 {
        keep -= 1;
        let mut t: String = chars[..keep]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string();
        t.push('…');
        if width_of(&t) <= max_width {
            return t;
        }
    }
    "…".to_string()
}

pub fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_labels_follow_the_name_mode() {
        assert_eq!(
            person_label_text("Theo Weber", NameMode::All, 3).as_deref(),
            Some("Theo Weber")
        );
        let initials = person_label_text("Theo Weber", NameMode::Initials, 3).unwrap();
        assert_eq!(initials, "T. W.");
        assert!(!initials.contains("Theo") && !initials.contains("Weber"));
        assert_eq!(person_label_text("Theo Weber", NameMode::Hidden, 3), None);
    }

    #[test]
    fn right_to_left_names_are_isolated_so_numbers_keep_their_order() {
        let name = "شركة النور · 2022-2023";
        let isolated = isolate_bidi(name);
        assert_eq!(isolated, "\u{2068}شركة النور\u{2069} · 2022-2023");
        assert_eq!(isolate_bidi("Globex · 2016-2019"), "Globex · 2016-2019");
        assert!(has_rtl("שלום") && !has_rtl("Zürich"));
    }

    #[test]
    fn long_names_are_shortened_with_an_ellipsis_to_fit() {
        let width = |t: &str| t.chars().count() as f32 * 10.0;
        assert_eq!(fit_width("Globex", 100.0, width), "Globex");
        let cut = fit_width("Rheinmetall Robotics GmbH · engineers", 120.0, width);
        assert!(cut.ends_with('…') && width(&cut) <= 120.0, "{cut}");
        assert!(cut.starts_with("Rheinmeta"), "{cut}");
    }

    /// Two clusters far apart, each of two sub-clusters of 10 people in a tight ring.
    fn two_level_map() -> (MapData, Vec<f32>) {
        use crate::model::{ClusterView, NodeView};
        let mut nodes = Vec::new();
        let mut pos = Vec::new();
        for (sub, (top, cx, cy)) in [
            (0u32, 0.0f32, 0.0f32),
            (0, 0.0, 30.0),
            (1, 300.0, 0.0),
            (1, 300.0, 30.0),
        ]
        .into_iter()
        .enumerate()
        {
            for k in 0..10 {
                let a = k as f32 * 0.6;
                nodes.push(NodeView {
                    key: format!("p{sub}-{k}"),
                    label: format!("P{sub} {k}"),
                    cluster: top,
                    subcluster: Some(10 + sub as u32),
                    degree: 1,
                    ..Default::default()
                });
                pos.extend_from_slice(&[cx + 3.0 * a.cos(), cy + 3.0 * a.sin()]);
            }
        }
        let view = |id: u32, name: &str, parent: Option<u32>| ClusterView {
            id,
            name: name.into(),
            suggested_name: name.into(),
            size: if parent.is_some() { 10 } else { 20 },
            color: [40, 120, 200],
            parent,
            ..Default::default()
        };
        let map = MapData {
            nodes,
            clusters: vec![view(0, "Globex", None), view(1, "Initech", None)],
            subclusters: vec![
                view(10, "Globex sales", Some(0)),
                view(11, "Globex labs", Some(0)),
                view(12, "Initech ops", Some(1)),
                view(13, "Initech legal", Some(1)),
            ],
            pos_in_graph: pos.clone(),
            ..Default::default()
        };
        (map, pos)
    }

    fn cluster_texts(map: &MapData, pos: &[f32], radius_scale: f32) -> Vec<String> {
        use crate::scene::{Emphasis, Scene};
        use crate::theme::Theme;
        use tiemap_core::view::camera::{Bounds, Camera};
        let scene = Scene::build(map, pos, None, Emphasis::default(), &Theme::LIGHT);
        let bounds = Bounds::of_positions(pos).expect("positions");
        let camera = Camera::fit(bounds, [1400.0, 900.0], 48.0);
        let view = FrameView {
            camera,
            radius_scale,
            device_pixel_ratio: 1.0,
            theme: &Theme::LIGHT,
        };
        place_labels(
            &mut EstimatedText,
            map,
            &scene,
            &view,
            &mut LabelCache::default(),
            NameMode::Hidden,
        )
        .into_iter()
        .filter(|l| matches!(l.kind, LabelKind::Cluster { .. }))
        .map(|l| l.text)
        .collect()
    }

    #[test]
    fn sub_cluster_names_appear_when_zoomed_in() {
        let (map, pos) = two_level_map();
        let fitted = cluster_texts(&map, &pos, 1.0);
        assert_eq!(fitted, vec!["Globex".to_string(), "Initech".to_string()]);
        let zoomed = cluster_texts(&map, &pos, SUB_NAMES_FROM_SCALE);
        for name in [
            "Globex",
            "Initech",
            "Globex sales",
            "Globex labs",
            "Initech ops",
            "Initech legal",
        ] {
            assert!(zoomed.iter().any(|t| t == name), "{name} in {zoomed:?}");
        }
    }

    #[test]
    fn a_cluster_whose_centre_is_off_screen_is_still_named_inside_the_view() {
        use crate::scene::{Emphasis, Scene};
        use crate::theme::Theme;
        use tiemap_core::view::camera::{Bounds, Camera};
        let (map, pos) = two_level_map();
        let scene = Scene::build(&map, &pos, None, Emphasis::default(), &Theme::LIGHT);
        // Zoomed on the left cluster's lower sub-cluster and a sliver of the right cluster.
        let bounds = Bounds::of_positions(&[-5.0, 20.0, 5.0, 40.0]).expect("bounds");
        let mut camera = Camera::fit(bounds, [800.0, 600.0], 0.0);
        camera.viewport_css_px = [800.0, 600.0];
        let view = FrameView {
            camera,
            radius_scale: 1.0,
            device_pixel_ratio: 1.0,
            theme: &Theme::LIGHT,
        };
        let labels = place_labels(
            &mut EstimatedText,
            &map,
            &scene,
            &view,
            &mut LabelCache::default(),
            NameMode::Hidden,
        );
        let globex = labels
            .iter()
            .find(|l| l.text == "Globex")
            .expect("Globex is named");
        let r = globex.rect;
        assert!(
            r.x >= 0.0 && r.y >= 0.0 && r.x + r.w <= 800.0 && r.y + r.h <= 600.0,
            "{r:?}"
        );
        assert!(
            labels.iter().all(|l| l.text != "Initech"),
            "Initech is not on screen"
        );
    }
}
