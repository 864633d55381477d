//! The map as a picture to share: PNG (drawn on an offscreen canvas by the same Canvas 2D
//! scene and label drawers as the live map) and SVG (the same picture as circles, lines and
//! text), with a title, the date, the cluster legend and a small "made with tiemap" mark.
//!
//! This module is pure Rust, tested natively: the options ([`ShareOptions`]), the picture's
//! size ([`picture_size`]), its layout ([`layout_picture`]), the camera ([`share_camera`]),
//! the whole plan of a picture with its labels placed ([`plan_picture`]) and the SVG writer
//! ([`picture_svg`]). The page paints the plan on a canvas for the PNG (`tiemap::render::share`).
//!
//! Sizes are in CSS pixels (as at 1x); the picture's device pixels are those times
//! [`PictureSize::pixel_ratio`] (the chosen scale, lowered when the width would pass
//! [`MAX_WIDTH_DEVICE_PX`]).

use crate::labels::{
    place_labels, LabelCache, LabelKind, LabelText, TextMeasure, LABEL_FONT_FAMILY,
};
use crate::model::{MapData, NameMode};
use crate::scene::{radius_scale, Emphasis, Scene};
use crate::theme::{FrameView, Theme};
use std::fmt::Write as _;
use tiemap_core::view::camera::{Bounds, Camera};
use tiemap_core::view::labels::ScreenRect;

/// The widest picture made, in device pixels.
pub const MAX_WIDTH_DEVICE_PX: u32 = 8_000;
/// Empty space around the map inside the map area (as the live map's fit).
pub const FIT_MARGIN_CSS_PX: f32 = 48.0;

/// Which part of the map the picture shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShareView {
    /// What the screen shows now (pan and zoom kept).
    #[default]
    Current,
    /// Every visible person.
    WholeMap,
}

/// The picture's shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShareShape {
    /// The map's size on screen.
    #[default]
    AsOnScreen,
    /// 1080 x 1080.
    Square,
    /// 1600 x 900.
    Wide,
    /// 1200 x 627, a link preview.
    LinkPreview,
}

impl ShareShape {
    pub const ALL: [ShareShape; 4] = [
        ShareShape::AsOnScreen,
        ShareShape::Square,
        ShareShape::Wide,
        ShareShape::LinkPreview,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ShareShape::AsOnScreen => "As on screen",
            ShareShape::Square => "Square",
            ShareShape::Wide => "16:9",
            ShareShape::LinkPreview => "1200 × 627 (link preview)",
        }
    }

    /// Size at 1x, CSS pixels (whole pixels, at least 1 x 1).
    pub fn size_css_px(self, screen_css_px: [f32; 2]) -> [u32; 2] {
        match self {
            ShareShape::AsOnScreen => {
                let px = |v: f32| {
                    if v.is_finite() {
                        v.round().clamp(1.0, 100_000.0) as u32
                    } else {
                        1
                    }
                };
                [px(screen_css_px[0]), px(screen_css_px[1])]
            }
            ShareShape::Square => [1080, 1080],
            ShareShape::Wide => [1600, 900],
            ShareShape::LinkPreview => [1200, 627],
        }
    }
}

/// What is behind the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ShareBackground {
    Transparent,
    #[default]
    Light,
    Dark,
}

impl ShareBackground {
    pub const ALL: [ShareBackground; 3] = [
        ShareBackground::Transparent,
        ShareBackground::Light,
        ShareBackground::Dark,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ShareBackground::Transparent => "Transparent",
            ShareBackground::Light => "Light",
            ShareBackground::Dark => "Dark",
        }
    }

    /// The colours the picture is drawn in (transparent pictures use the light theme's).
    pub fn theme(self) -> &'static Theme {
        match self {
            ShareBackground::Dark => &Theme::DARK,
            _ => &Theme::LIGHT,
        }
    }

    /// The colour painted behind everything, if any.
    pub fn fill(self) -> Option<[u8; 3]> {
        match self {
            ShareBackground::Transparent => None,
            _ => Some(self.theme().background),
        }
    }
}

/// Everything the person chooses in the share dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareOptions {
    pub view: ShareView,
    /// 1, 2 or 4 (device pixels per CSS pixel), capped by [`MAX_WIDTH_DEVICE_PX`].
    pub scale: u32,
    pub shape: ShareShape,
    pub background: ShareBackground,
    pub names: NameMode,
    /// Shown at the top; empty: no title line.
    pub title: String,
    pub legend: bool,
    /// A band of figures from the insights ("what the map says") under the map.
    pub insights: bool,
    /// The owner's name (from Profile.csv), for the title when names are shown.
    pub owner: Option<String>,
}

/// The title a picture starts with (not the file's name).
pub const DEFAULT_TITLE: &str = "My network";

impl ShareOptions {
    /// The dialog's starting point for a map: [`ShareOptions::new`] titled "My network".
    pub fn for_map(owner: Option<&str>) -> ShareOptions {
        ShareOptions {
            owner: owner.map(str::to_string).filter(|o| !o.trim().is_empty()),
            ..ShareOptions::new(DEFAULT_TITLE)
        }
    }

    /// Shows names as `names` says; a title still at its default follows: the owner's name
    /// when all names are shown ("Ana Lima's network"), "My network" otherwise.
    pub fn set_names(&mut self, names: NameMode) {
        self.names = names;
        let owners = self.owner.as_ref().map(|o| format!("{o}'s network"));
        let is_default = self.title == DEFAULT_TITLE || owners.as_deref() == Some(&self.title);
        if is_default {
            self.title = match (&owners, names) {
                (Some(t), NameMode::All) => t.clone(),
                _ => DEFAULT_TITLE.to_string(),
            };
        }
    }

    pub const SCALES: [u32; 3] = [1, 2, 4];

    /// The dialog's starting point: names hidden (sharing must not publish other people's
    /// names unless the person asks), the current view at 2x, light, with a legend.
    pub fn new(title: &str) -> ShareOptions {
        ShareOptions {
            view: ShareView::Current,
            scale: 2,
            shape: ShareShape::AsOnScreen,
            background: ShareBackground::Light,
            names: NameMode::Hidden,
            title: title.to_string(),
            legend: true,
            insights: false,
            owner: None,
        }
    }
}

/// How big the picture is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PictureSize {
    /// The layout's size (as at 1x).
    pub css_px: [u32; 2],
    /// Device pixels per CSS pixel.
    pub pixel_ratio: f32,
    /// The image's size.
    pub device_px: [u32; 2],
}

/// The picture's size for `shape` at `scale` (a map `screen_css_px` big on screen); the
/// width never passes [`MAX_WIDTH_DEVICE_PX`] (the scale is lowered, the shape kept).
pub fn picture_size(shape: ShareShape, scale: u32, screen_css_px: [f32; 2]) -> PictureSize {
    let css_px = shape.size_css_px(screen_css_px);
    let scale = scale.clamp(1, 8) as f32;
    let cap = MAX_WIDTH_DEVICE_PX as f32 / css_px[0] as f32;
    let pixel_ratio = scale.min(cap);
    let device = |v: u32| ((v as f32 * pixel_ratio).round() as u32).max(1);
    PictureSize {
        css_px,
        pixel_ratio,
        device_px: [
            device(css_px[0]).min(MAX_WIDTH_DEVICE_PX),
            device(css_px[1]),
        ],
    }
}

/// One line of text in the picture's frame.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub text: String,
    /// The start (left) of the text, or its end when `align_end`; vertically its middle.
    pub at: [f32; 2],
    pub font_px: f32,
    pub font_weight: u16,
    pub align_end: bool,
}

/// One cluster in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub name: String,
    pub color: [u8; 3],
    /// People in it.
    pub size: u32,
}

/// One legend row: a colour swatch, the name (start) and the size (end).
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    pub swatch: ScreenRect,
    pub color: [u8; 3],
    pub name: TextLine,
    pub size: TextLine,
}

/// Where the legend goes.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendLayout {
    pub frame: ScreenRect,
    pub rows: Vec<LegendRow>,
    /// "+ 4 more clusters" when not every cluster fits.
    pub more: Option<TextLine>,
}

/// One figure of the insights band: a value ("3.4") and what it is ("effective clusters").
#[derive(Clone, Debug, PartialEq)]
pub struct InsightLine {
    pub value: String,
    pub label: String,
}

/// One figure placed in the band.
#[derive(Clone, Debug, PartialEq)]
pub struct InsightCell {
    pub value: TextLine,
    pub label: TextLine,
}

/// The insights band under the map.
#[derive(Clone, Debug, PartialEq)]
pub struct InsightsLayout {
    pub frame: ScreenRect,
    pub heading: TextLine,
    pub cells: Vec<InsightCell>,
}

/// Heading of the insights band.
pub const INSIGHTS_HEADING: &str = "What the map says";

/// The picture's parts, CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureLayout {
    pub size_css_px: [f32; 2],
    /// Where the map is drawn (it is clipped to this).
    pub map_area: ScreenRect,
    pub title: Option<TextLine>,
    pub date: TextLine,
    pub mark: TextLine,
    pub legend: Option<LegendLayout>,
    /// Figures from the insights, when asked for ([`place_insights`]).
    pub insights: Option<InsightsLayout>,
}

/// The text of the small mark in the corner.
pub const MARK_TEXT: &str = "made with tiemap";

/// Rough width of `text` at `font_px` (layout only: long names get cut with "…").
fn text_width_estimate(text: &str, font_px: f32) -> f32 {
    text.chars().count() as f32 * font_px * 0.56
}

/// `text` cut to fit about `width` at `font_px`, with "…" when cut.
pub fn fit_text(text: &str, font_px: f32, width: f32) -> String {
    if text_width_estimate(text, font_px) <= width {
        return text.to_string();
    }
    let keep = ((width / (font_px * 0.56)).floor() as usize).saturating_sub(1);
    let mut out: String = text
        .chars()
        .take(keep)
        .collect::<String>()
        .trim_end()
        .to_string();
    out.push('…');
    out
}

/// Lays the picture out: the title and the date on top, the mark at the bottom right, the
/// legend on the right (wide pictures) or below the map (tall and square ones), the map in
/// what is left.
pub fn layout_picture(
    size_css_px: [u32; 2],
    title: &str,
    date: &str,
    legend: Option<&[LegendEntry]>,
) -> PictureLayout {
    let [w, h] = [size_css_px[0] as f32, size_css_px[1] as f32];
    let base = (w.min(h) / 40.0).clamp(10.0, 22.0);
    let pad = base * 1.2;
    let title_px = base * 1.6;
    let small_px = base * 0.75;
    let legend_px = base * 0.85;

    // Header: title left, date right, on one line.
    let header_mid = pad + title_px * 0.7;
    let date = TextLine {
        text: date.to_string(),
        at: [w - pad, header_mid],
        font_px: small_px,
        font_weight: 400,
        align_end: true,
    };
    let title_room = (w - 3.0 * pad - text_width_estimate(date.text.as_str(), small_px)).max(0.0);
    let title = title.trim();
    let title = (!title.is_empty()).then(|| TextLine {
        text: fit_text(title, title_px, title_room),
        at: [pad, header_mid],
        font_px: title_px,
        font_weight: 700,
        align_end: false,
    });
    let top = pad + title_px * 1.4 + pad * 0.5;
    // Footer: the mark.
    let footer_h = small_px * 1.6;
    let mark = TextLine {
        text: MARK_TEXT.to_string(),
        at: [w - pad, h - pad * 0.75 - footer_h / 2.0],
        font_px: small_px,
        font_weight: 500,
        align_end: true,
    };
    let bottom = h - pad * 0.75 - footer_h;
    let mut map_area = ScreenRect {
        x: pad,
        y: top,
        w: (w - 2.0 * pad).max(1.0),
        h: (bottom - top).max(1.0),
    };

    let row_h = legend_px * 1.7;
    let swatch = legend_px * 0.9;
    let legend = legend.filter(|e| !e.is_empty()).map(|entries| {
        let side = w >= h * 1.2;
        let (frame, columns, max_rows) = if side {
            let lw = (w * 0.24).clamp(140.0, 300.0).min(w * 0.45);
            let frame = ScreenRect {
                x: w - pad - lw,
                y: map_area.y,
                w: lw,
                h: map_area.h,
            };
            map_area.w = (frame.x - pad - map_area.x).max(1.0);
            let rows = ((frame.h - row_h) / row_h).floor().max(1.0) as usize;
            (frame, 1usize, rows)
        } else {
            let col_w = (w / 4.0).clamp(150.0, 260.0).min(map_area.w);
            let columns = ((map_area.w / col_w).floor() as usize).max(1);
            let max_rows = ((h * 0.28 / row_h).floor() as usize).max(1);
            let rows = entries.len().div_ceil(columns).min(max_rows);
            let lh = rows as f32 * row_h;
            let frame = ScreenRect {
                x: map_area.x,
                y: bottom - lh,
                w: map_area.w,
                h: lh,
            };
            map_area.h = (frame.y - pad * 0.5 - map_area.y).max(1.0);
            (frame, columns, rows)
        };
        let slots = columns * max_rows;
        let shown = if entries.len() > slots {
            slots.saturating_sub(1)
        } else {
            entries.len()
        };
        let col_w = frame.w / columns as f32;
        let rows = entries[..shown]
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let (col, row) = (k / max_rows, k % max_rows);
                let x = frame.x + col as f32 * col_w;
                let mid = frame.y + (row as f32 + 0.5) * row_h;
                let size_text = e.size.to_string();
                let size_w = text_width_estimate(&size_text, legend_px);
                let name_room = col_w - swatch - legend_px * 0.6 - size_w - legend_px * 1.4;
                LegendRow {
                    swatch: ScreenRect {
                        x,
                        y: mid - swatch / 2.0,
                        w: swatch,
                        h: swatch,
                    },
                    color: e.color,
                    name: TextLine {
                        text: fit_text(&e.name, legend_px, name_room.max(legend_px)),
                        at: [x + swatch + legend_px * 0.6, mid],
                        font_px: legend_px,
                        font_weight: 500,
                        align_end: false,
                    },
                    size: TextLine {
                        text: size_text,
                        at: [x + col_w - legend_px * 0.8, mid],
                        font_px: legend_px,
                        font_weight: 400,
                        align_end: true,
                    },
                }
            })
            .collect();
        let more = (shown < entries.len()).then(|| {
            let k = shown;
            let (col, row) = (k / max_rows, k % max_rows);
            let left = entries.len() - shown;
            TextLine {
                text: format!("+ {left} more cluster{}", if left == 1 { "" } else { "s" }),
                at: [
                    frame.x + col as f32 * col_w,
                    frame.y + (row as f32 + 0.5) * row_h,
                ],
                font_px: legend_px,
                font_weight: 400,
                align_end: false,
            }
        });
        LegendLayout { frame, rows, more }
    });
    PictureLayout {
        size_css_px: [w, h],
        map_area,
        title,
        date,
        mark,
        legend,
        insights: None,
    }
}

/// Makes room for `lines` in a band at the bottom of the map area (two or three columns,
/// as many rows as they need) and places them: a bold value and its label, cut to fit. The
/// map keeps at least half its height; lines that would not fit are left out.
pub fn place_insights(layout: &mut PictureLayout, lines: &[InsightLine]) {
    if lines.is_empty() {
        return;
    }
    let [w, h] = layout.size_css_px;
    let base = (w.min(h) / 40.0).clamp(10.0, 22.0);
    let value_px = base * 1.05;
    let label_px = base * 0.75;
    let heading_px = base * 0.85;
    let row_h = value_px * 1.3 + label_px * 1.3;
    let area = layout.map_area;
    let columns = if area.w >= 900.0 { 3 } else { 2 };
    let room = area.h * 0.5 - heading_px * 1.8;
    let max_rows = ((room / row_h).floor() as usize).max(1);
    let rows = lines.len().div_ceil(columns).min(max_rows);
    let shown = (rows * columns).min(lines.len());
    let band_h = heading_px * 1.8 + rows as f32 * row_h;
    let frame = ScreenRect {
        x: area.x,
        y: area.y + area.h - band_h,
        w: area.w,
        h: band_h,
    };
    layout.map_area.h = (frame.y - base * 0.6 - area.y).max(1.0);
    let heading = TextLine {
        text: INSIGHTS_HEADING.to_string(),
        at: [frame.x, frame.y + heading_px * 0.7],
        font_px: heading_px,
        font_weight: 700,
        align_end: false,
    };
    let col_w = frame.w / columns as f32;
    let cells = lines[..shown]
        .iter()
        .enumerate()
        .map(|(k, line)| {
            let (row, col) = (k / columns, k % columns);
            let x = frame.x + col as f32 * col_w;
            let top = frame.y + heading_px * 1.8 + row as f32 * row_h;
            let room = col_w - base;
            InsightCell {
                value: TextLine {
                    text: fit_text(&line.value, value_px, room),
                    at: [x, top + value_px * 0.65],
                    font_px: value_px,
                    font_weight: 700,
                    align_end: false,
                },
                label: TextLine {
                    text: fit_text(&line.label, label_px, room),
                    at: [x, top + value_px * 1.3 + label_px * 0.6],
                    font_px: label_px,
                    font_weight: 400,
                    align_end: false,
                },
            }
        })
        .collect();
    layout.insights = Some(InsightsLayout {
        frame,
        heading,
        cells,
    });
}

/// The legend of `map`: visible clusters, largest first (as the sidebar lists them).
pub fn legend_entries(map: &MapData) -> Vec<LegendEntry> {
    let mut entries: Vec<(u32, LegendEntry)> = map
        .clusters
        .iter()
        .filter(|c| !c.hidden && c.size > 0)
        .map(|c| {
            let name = if c.name.trim().is_empty() {
                c.suggested_name.clone()
            } else {
                c.name.clone()
            };
            (
                c.id,
                LegendEntry {
                    // Right-to-left names isolated, so the numbers after them keep their order.
                    name: crate::labels::isolate_bidi(&name),
                    color: c.color,
                    size: c.size,
                },
            )
        })
        .collect();
    tiemap_core::order::sort_by_number(&mut entries, |(id, e)| {
        u128::from(u32::MAX - e.size) << 32 | u128::from(*id)
    });
    entries.into_iter().map(|(_, e)| e).collect()
}

/// The camera the live map uses, rebuilt from what its canvas reports: `data-center`
/// ("x,y", graph space), `data-zoom` (zoom relative to the fitted view) and its size.
///
/// `number` reads one number: the page passes JavaScript's `parseFloat`, so its wasm links
/// no float parser of its own (Rust's, with its tables, is 10 KB gzipped).
pub fn screen_camera(
    center_attr: &str,
    zoom_attr: &str,
    number: impl Fn(&str) -> Option<f32>,
    viewport_css_px: [f32; 2],
    bounds: Bounds,
) -> Option<Camera> {
    let (x, y) = center_attr.split_once(',')?;
    let center_in_graph = [number(x.trim())?, number(y.trim())?];
    let relative = number(zoom_attr.trim())?;
    let ok = |v: f32| v.is_finite();
    if !(ok(center_in_graph[0]) && ok(center_in_graph[1]) && ok(relative) && relative > 0.0) {
        return None;
    }
    let fitted = Camera::fit(bounds, viewport_css_px, FIT_MARGIN_CSS_PX);
    Some(Camera {
        center_in_graph,
        zoom: fitted.zoom * relative,
        viewport_css_px,
    })
}

/// The camera for a map area `area_css_px` big, and the zoom at which it would show the
/// whole map (for node sizes, as the live map grows them when zooming in).
///
/// `WholeMap` fits `bounds`; `Current` shows what `screen` shows (its centre, and all of its
/// visible rectangle, scaled to fit the area); without a screen camera it fits too.
pub fn share_camera(
    view: ShareView,
    area_css_px: [f32; 2],
    bounds: Bounds,
    screen: Option<Camera>,
) -> (Camera, f32) {
    let fitted = Camera::fit(bounds, area_css_px, FIT_MARGIN_CSS_PX);
    match (view, screen) {
        (ShareView::Current, Some(s)) => {
            let [sw, sh] = [s.viewport_css_px[0].max(1.0), s.viewport_css_px[1].max(1.0)];
            let k = (area_css_px[0] / sw).min(area_css_px[1] / sh);
            let zoom = s.zoom * k;
            let camera = Camera {
                center_in_graph: s.center_in_graph,
                zoom: if zoom.is_finite() && zoom > 0.0 {
                    zoom
                } else {
                    fitted.zoom
                },
                viewport_css_px: area_css_px,
            };
            (camera, fitted.zoom)
        }
        _ => (fitted, fitted.zoom),
    }
}

/// Text made safe for XML attributes and text (the core's one escaper).
pub use tiemap_core::export::xml::attr as xml_escape;
use tiemap_core::view::palette::to_hex as hex;

/// The muted colour of the date and the mark.
pub fn muted(theme: &Theme) -> [u8; 3] {
    let m = |a: u8, b: u8| ((a as f32) * 0.55 + (b as f32) * 0.45).round() as u8;
    let (l, b) = (theme.label, theme.background);
    [m(l[0], b[0]), m(l[1], b[1]), m(l[2], b[2])]
}

/// The map part of a picture: what the scene drawer draws, seen through `camera`.
pub struct PictureMap<'a> {
    pub scene: &'a Scene,
    pub camera: Camera,
    pub radius_scale: f32,
    /// Labels placed in the map area's coordinates.
    pub labels: &'a [LabelText],
}

/// The picture as SVG: the same layout, colours, positions and labels as the PNG, with
/// ties as lines, people as circles and every name as text (XML-escaped).
pub fn picture_svg(
    layout: &PictureLayout,
    size: &PictureSize,
    background: ShareBackground,
    map: &PictureMap<'_>,
) -> String {
    let theme = background.theme();
    let [w, h] = layout.size_css_px;
    let mut s = String::with_capacity(4_096 + map.scene.len() * 80 + map.scene.ties.len() * 40);
    let _ = write!(
        s,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {w} {h}" font-family="{}">
"#,
        size.device_px[0],
        size.device_px[1],
        xml_escape(LABEL_FONT_FAMILY),
    );
    if let Some(bg) = background.fill() {
        let _ = writeln!(
            s,
            r#"<rect width="100%" height="100%" fill="{}"/>"#,
            hex(bg)
        );
    }
    let a = layout.map_area;
    let _ = writeln!(
        s,
        r#"<svg class="map" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" overflow="hidden">"#,
        a.x, a.y, a.w, a.h
    );
    let camera = &map.camera;
    let scene = map.scene;
    let screen = scene.screen_positions(camera);

    // 1) ties, one path per colour and alpha (as the canvas drawer batches them)
    let batches = scene.tie_batches();
    let blend = if theme.additive_ties {
        r#" style="mix-blend-mode:screen""#
    } else {
        ""
    };
    let _ = writeln!(
        s,
        r#"<g class="ties" fill="none" stroke-width="0.7"{blend}>"#
    );
    for (c, ties) in batches {
        let _ = write!(
            s,
            r#"<path stroke="{}" stroke-opacity="{:.3}" d=""#,
            hex([c[0], c[1], c[2]]),
            c[3] as f32 / 255.0
        );
        for k in ties {
            let Some(t) = scene.ties.get(k) else { continue };
            let (Some(p), Some(q)) = (screen.get(t[0] as usize), screen.get(t[1] as usize)) else {
                continue;
            };
            let _ = write!(s, "M{:.1} {:.1}L{:.1} {:.1}", p[0], p[1], q[0], q[1]);
        }
        s.push_str("\"/>\n");
    }
    s.push_str("</g>\n");

    // 2) people, smallest first
    let border = theme.node_border;
    let _ = writeln!(
        s,
        r#"<g class="people" stroke="{}" stroke-opacity="{:.3}" stroke-width="0.8">"#,
        hex([border[0], border[1], border[2]]),
        border[3] as f32 / 255.0
    );
    for ([x, y], r, c) in scene.discs(&screen, map.radius_scale, [a.w, a.h]) {
        let stroke = if r > 2.5 { "" } else { r#" stroke="none""# };
        let _ = writeln!(
            s,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.2}" fill="{}"{stroke}/>"#,
            hex([c[0], c[1], c[2]])
        );
    }
    s.push_str("</g>\n");

    // 3) labels, as placed for the PNG
    s.push_str("<g class=\"labels\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n");
    for l in map.labels {
        let class = match l.kind {
            LabelKind::Person { .. } => "person",
            LabelKind::Cluster { .. } => "cluster",
        };
        let _ = writeln!(
            s,
            r#"<text class="{class}" x="{:.1}" y="{:.1}" dominant-baseline="central" font-size="{:.1}" font-weight="{}" fill="{}" fill-opacity="{:.2}" stroke="{}" stroke-opacity="{:.2}" stroke-width="{:.1}">{}</text>"#,
            l.rect.x,
            l.rect.y + l.rect.h / 2.0,
            l.font_px,
            l.font_weight,
            hex(l.fill),
            l.fill_alpha,
            hex(l.halo),
            l.halo_alpha,
            l.halo_width_css_px,
            xml_escape(&l.text)
        );
    }
    s.push_str("</g>\n</svg>\n");

    // 4) the frame: title, date, legend, mark
    let text = |s: &mut String, class: &str, t: &TextLine, fill: [u8; 3]| {
        let _ = writeln!(
            s,
            r#"<text class="{class}" x="{:.1}" y="{:.1}" dominant-baseline="central" text-anchor="{}" font-size="{:.1}" font-weight="{}" fill="{}">{}</text>"#,
            t.at[0],
            t.at[1],
            if t.align_end { "end" } else { "start" },
            t.font_px,
            t.font_weight,
            hex(fill),
            xml_escape(&t.text)
        );
    };
    if let Some(t) = &layout.title {
        text(&mut s, "title", t, theme.label);
    }
    text(&mut s, "date", &layout.date, muted(theme));
    if let Some(legend) = &layout.legend {
        s.push_str("<g class=\"legend\">\n");
        for row in &legend.rows {
            let r = row.swatch;
            let _ = writeln!(
                s,
                r#"<circle class="swatch" cx="{:.1}" cy="{:.1}" r="{:.1}" fill="{}"/>"#,
                r.x + r.w / 2.0,
                r.y + r.h / 2.0,
                r.w / 2.0,
                hex(row.color)
            );
            text(&mut s, "legend-name", &row.name, theme.label);
            text(&mut s, "legend-size", &row.size, muted(theme));
        }
        if let Some(more) = &legend.more {
            text(&mut s, "legend-more", more, muted(theme));
        }
        s.push_str("</g>\n");
    }
    if let Some(band) = &layout.insights {
        s.push_str("<g class=\"insights\">\n");
        text(&mut s, "insights-heading", &band.heading, theme.label);
        for cell in &band.cells {
            text(&mut s, "insight-value", &cell.value, theme.label);
            text(&mut s, "insight-label", &cell.label, muted(theme));
        }
        s.push_str("</g>\n");
    }
    text(&mut s, "mark", &layout.mark, muted(theme));
    s.push_str("</svg>\n");
    s
}

/// `a` over `b` is what was drawn on black (`on_black`) and on white (`on_white`): recovers
/// `a` with its alpha (RGBA, straight). The scene drawer always paints a background; drawing
/// it twice and comparing is how a transparent picture keeps its translucent ties exact.
pub fn unmatte(on_black: &[u8], on_white: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; on_black.len().min(on_white.len()) / 4 * 4];
    for ((o, b), w) in out
        .chunks_exact_mut(4)
        .zip(on_black.chunks_exact(4))
        .zip(on_white.chunks_exact(4))
    {
        // white - black = 255 * (1 - alpha), per channel; average the three.
        if b[3] < 255 || w[3] < 255 {
            // Outside the clip (nothing drawn) or on its edge (the background only partly
            // covers the pixel, so it cannot be told from the map): left transparent.
            continue;
        }
        let diff: i32 = (0..3).map(|k| w[k] as i32 - b[k] as i32).sum::<i32>();
        let alpha = (255 - (diff as f32 / 3.0).round() as i32).clamp(0, 255);
        if alpha == 0 {
            continue;
        }
        for k in 0..3 {
            o[k] = ((b[k] as f32 * 255.0 / alpha as f32).round()).clamp(0.0, 255.0) as u8;
        }
        o[3] = alpha as u8;
    }
    out
}

/// Why a picture could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PictureError {
    #[error("the map has no one to draw")]
    EmptyMap,
}

impl PictureError {
    /// What the dialog says.
    pub fn sentence(&self) -> String {
        match self {
            PictureError::EmptyMap => {
                "There is nothing to draw: every cluster is hidden or the map is empty.".into()
            }
        }
    }
}

/// What the picture is made of.
pub struct PictureInput<'a> {
    pub map: &'a MapData,
    /// `[x0, y0, ...]`, graph space (as drawn on screen).
    pub pos_in_graph: &'a [f32],
    /// The live map's size on screen.
    pub screen_css_px: [f32; 2],
    /// The live map's camera (for the current view).
    pub screen_camera: Option<Camera>,
    /// Today, as written in the picture.
    pub date: &'a str,
    /// Figures from the insights, drawn when the options ask for them.
    pub insights: Option<&'a [InsightLine]>,
}

/// Everything a picture shows, decided before anything is painted: its size, the frame's
/// layout, the scene, the camera and the labels placed in the map area.
pub struct PicturePlan {
    pub size: PictureSize,
    pub layout: PictureLayout,
    pub scene: Scene,
    pub camera: Camera,
    pub radius_scale: f32,
    pub labels: Vec<LabelText>,
    pub background: ShareBackground,
}

impl PicturePlan {
    /// How the map area is seen, in `theme`.
    pub fn view<'a>(&self, theme: &'a Theme) -> FrameView<'a> {
        FrameView {
            camera: self.camera,
            radius_scale: self.radius_scale,
            device_pixel_ratio: self.size.pixel_ratio,
            theme,
        }
    }

    /// The picture as SVG.
    pub fn svg(&self) -> String {
        picture_svg(
            &self.layout,
            &self.size,
            self.background,
            &PictureMap {
                scene: &self.scene,
                camera: self.camera,
                radius_scale: self.radius_scale,
                labels: &self.labels,
            },
        )
    }
}

/// Plans the picture `options` describe: the same scene (colours, positions, hidden
/// clusters) and label placement as the live map, seen through the picture's camera.
pub fn plan_picture(
    input: &PictureInput<'_>,
    options: &ShareOptions,
    text: &mut dyn TextMeasure,
) -> Result<PicturePlan, PictureError> {
    let background = options.background;
    let theme = background.theme();
    let size = picture_size(options.shape, options.scale, input.screen_css_px);
    let legend = legend_entries(input.map);
    let mut layout = layout_picture(
        size.css_px,
        &options.title,
        input.date,
        options.legend.then_some(legend.as_slice()),
    );
    if let Some(lines) = input.insights.filter(|_| options.insights) {
        place_insights(&mut layout, lines);
    }
    let scene = Scene::build(
        input.map,
        input.pos_in_graph,
        None,
        Emphasis::default(),
        theme,
    );
    let visible: Vec<f32> = scene
        .pos_in_graph
        .chunks_exact(2)
        .zip(&scene.visible)
        .filter(|(_, &v)| v)
        .flat_map(|(p, _)| [p[0], p[1]])
        .collect();
    let bounds = Bounds::of_positions(&visible).ok_or(PictureError::EmptyMap)?;
    let area = layout.map_area;
    let (camera, fitted_zoom) =
        share_camera(options.view, [area.w, area.h], bounds, input.screen_camera);
    let scale = radius_scale(camera.zoom, fitted_zoom);
    let view = FrameView {
        camera,
        radius_scale: scale,
        device_pixel_ratio: size.pixel_ratio,
        theme,
    };
    let labels = place_labels(
        text,
        input.map,
        &scene,
        &view,
        &mut LabelCache::default(),
        options.names,
    );
    Ok(PicturePlan {
        size,
        layout,
        scene,
        camera,
        radius_scale: scale,
        labels,
        background,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClusterView, NodeView};

    fn rect_inside(inner: ScreenRect, outer: ScreenRect) -> bool {
        inner.x >= outer.x - 1e-3
            && inner.y >= outer.y - 1e-3
            && inner.x + inner.w <= outer.x + outer.w + 1e-3
            && inner.y + inner.h <= outer.y + outer.h + 1e-3
    }

    fn entries(n: usize) -> Vec<LegendEntry> {
        (0..n)
            .map(|k| LegendEntry {
                name: format!("Cluster {k}"),
                color: [k as u8, 0, 0],
                size: 1_000 - k as u32,
            })
            .collect()
    }

    fn map(label: &str, cluster_name: &str) -> MapData {
        let node = |label: &str, degree, cluster| NodeView {
            key: format!("k{label}"),
            label: label.into(),
            company: None,
            title: None,
            url: None,
            degree,
            cluster,
            connected: None,
            ..Default::default()
        };
        let cluster = |id, name: &str, size, hidden| ClusterView {
            id,
            name: name.into(),
            suggested_name: "suggested".into(),
            color: [200, 30 * id as u8, 0],
            size,
            folded: 0,
            hidden,
            ..Default::default()
        };
        MapData {
            modularity: 0.0,
            density: 0.0,
            signals: None,
            map_id: 1,
            title: "T".into(),
            summary: String::new(),
            ties_note: String::new(),
            nodes: vec![
                node(label, 2, 1),
                node("Bo", 1, 1),
                node("Secret Person", 1, 2),
                node("Cy", 1, 3),
            ],
            ties: vec![0, 1, 0, 2, 1, 3],
            pos_in_graph: vec![0.0, 0.0, 10.0, 0.0, 0.0, 10.0, 10.0, 10.0],
            clusters: vec![
                cluster(1, cluster_name, 2, false),
                cluster(2, "Hidden one", 1, true),
                cluster(3, "", 5, false),
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
    fn sizes_follow_shape_and_scale_and_the_width_is_capped() {
        let s = picture_size(ShareShape::AsOnScreen, 2, [900.4, 600.0]);
        assert_eq!(s.css_px, [900, 600]);
        assert_eq!(s.device_px, [1800, 1200]);
        let s = picture_size(ShareShape::LinkPreview, 1, [900.0, 600.0]);
        assert_eq!(s.device_px, [1200, 627]);
        assert_eq!(
            picture_size(ShareShape::Square, 4, [1.0, 1.0]).device_px,
            [4320, 4320]
        );
        assert_eq!(
            picture_size(ShareShape::Wide, 2, [1.0, 1.0]).device_px,
            [3200, 1800]
        );
        // 2500 css px at 4x would be 10,000 wide: the scale drops to 3.2, the shape stays.
        let s = picture_size(ShareShape::AsOnScreen, 4, [2500.0, 1000.0]);
        assert_eq!(s.device_px, [8000, 3200]);
        assert!((s.pixel_ratio - 3.2).abs() < 1e-6);
        // A canvas that is not there yet (0 x 0) still gives a picture.
        assert_eq!(
            picture_size(ShareShape::AsOnScreen, 1, [0.0, f32::NAN]).device_px,
            [1, 1]
        );
    }

    #[test]
    fn wide_pictures_put_the_legend_on_the_right_and_nothing_overlaps() {
        let l = layout_picture([1200, 627], "My network", "2026-11-30", Some(&entries(5)));
        let whole = ScreenRect {
            x: 0.0,
            y: 0.0,
            w: 1200.0,
            h: 627.0,
        };
        let legend = l.legend.as_ref().expect("a legend");
        assert!(rect_inside(l.map_area, whole));
        assert!(rect_inside(legend.frame, whole));
        assert!(
            !l.map_area.overlaps(&legend.frame),
            "{:?} {:?}",
            l.map_area,
            legend.frame
        );
        assert!(
            legend.frame.x > l.map_area.x + l.map_area.w,
            "legend on the right"
        );
        assert_eq!(legend.rows.len(), 5);
        assert_eq!(legend.more, None);
        for row in &legend.rows {
            assert!(rect_inside(row.swatch, legend.frame));
        }
        let title = l.title.as_ref().expect("a title");
        assert_eq!(title.text, "My network");
        assert!(
            title.at[1] + title.font_px / 2.0 <= l.map_area.y,
            "title above the map"
        );
        assert!(l.mark.at[1] - l.mark.font_px / 2.0 >= l.map_area.y + l.map_area.h);
        assert_eq!(l.mark.text, MARK_TEXT);
        assert_eq!(l.date.text, "2026-11-30");
        assert!(l.date.align_end && l.date.at[0] <= 1200.0);
        // The map keeps most of the picture.
        assert!(l.map_area.w * l.map_area.h > 0.5 * 1200.0 * 627.0);
    }

    #[test]
    fn square_pictures_put_the_legend_below_and_count_what_does_not_fit() {
        let l = layout_picture([1080, 1080], "", "2026-11-30", Some(&entries(200)));
        assert_eq!(l.title, None, "an empty title draws no title line");
        let legend = l.legend.as_ref().expect("a legend");
        assert!(
            legend.frame.y >= l.map_area.y + l.map_area.h,
            "legend below the map"
        );
        assert!(legend.frame.h <= 1080.0 * 0.3);
        let more = legend.more.as_ref().expect("not all 200 fit");
        let shown = legend.rows.len();
        assert!(shown > 4 && shown < 200);
        assert_eq!(more.text, format!("+ {} more clusters", 200 - shown));
        for row in &legend.rows {
            assert!(rect_inside(row.swatch, legend.frame));
            assert!(row.size.at[0] <= legend.frame.x + legend.frame.w + 1e-3);
        }
        // Without a legend the map takes its room.
        let bare = layout_picture([1080, 1080], "", "d", None);
        assert_eq!(bare.legend, None);
        assert!(bare.map_area.h > l.map_area.h);
    }

    #[test]
    fn the_insights_band_sits_under_the_map_inside_the_picture() {
        let lines: Vec<InsightLine> = (0..7)
            .map(|k| InsightLine {
                value: format!("{k}.5"),
                label: format!(
                    "figure number {k} with a rather long label that needs cutting down"
                ),
            })
            .collect();
        for (size, legend) in [
            ([1200, 627], Some(entries(5))),
            ([1080, 1080], Some(entries(12))),
            ([600, 900], None),
        ] {
            let plain = layout_picture(size, "t", "d", legend.as_deref());
            let mut l = plain.clone();
            place_insights(&mut l, &lines);
            let band = l.insights.as_ref().expect("a band");
            let whole = ScreenRect {
                x: 0.0,
                y: 0.0,
                w: size[0] as f32,
                h: size[1] as f32,
            };
            assert!(rect_inside(band.frame, whole), "{size:?}: {:?}", band.frame);
            assert!(
                !band.frame.overlaps(&l.map_area),
                "{size:?}: band over the map"
            );
            if let Some(legend) = &l.legend {
                assert!(
                    !band.frame.overlaps(&legend.frame),
                    "{size:?}: band over the legend"
                );
            }
            assert!(band.frame.y >= l.map_area.y + l.map_area.h, "under the map");
            assert!(
                l.map_area.h >= plain.map_area.h * 0.45,
                "{size:?}: the map keeps its room"
            );
            assert!(!band.cells.is_empty() && band.cells.len() <= lines.len());
            assert_eq!(band.heading.text, INSIGHTS_HEADING);
            for c in &band.cells {
                for t in [&c.value, &c.label] {
                    assert!(t.at[0] >= band.frame.x && t.at[0] < band.frame.x + band.frame.w);
                    assert!(
                        t.at[1] > band.frame.y && t.at[1] < band.frame.y + band.frame.h,
                        "{size:?}: {t:?}"
                    );
                }
                assert!(
                    c.label.text.ends_with('…'),
                    "long labels are cut: {}",
                    c.label.text
                );
            }
        }
        // Nothing to say: no band, the map unchanged.
        let mut l = layout_picture([1080, 1080], "", "d", None);
        let before = l.clone();
        place_insights(&mut l, &[]);
        assert_eq!(l, before);
    }

    #[test]
    fn long_texts_are_cut_to_fit() {
        let long = "A".repeat(300);
        let l = layout_picture([600, 400], &long, "2026-11-30", None);
        let title = l.title.unwrap();
        assert!(title.text.ends_with('…'));
        assert!(title.text.chars().count() < 60);
        assert_eq!(fit_text("short", 12.0, 500.0), "short");
    }

    #[test]
    fn the_legend_lists_visible_clusters_largest_first_with_suggested_names() {
        let e = legend_entries(&map("Ann", "Team <b>"));
        let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, vec!["suggested", "Team <b>"]);
        assert_eq!(e[0].size, 5);
    }

    #[test]
    fn the_whole_map_fits_the_area_and_the_current_view_keeps_what_the_screen_shows() {
        let bounds = Bounds {
            min: [-100.0, -50.0],
            max: [300.0, 150.0],
        };
        let (cam, fitted) = share_camera(ShareView::WholeMap, [800.0, 400.0], bounds, None);
        assert_eq!(cam.zoom, fitted);
        let (a, b) = (
            cam.graph_to_screen(bounds.min),
            cam.graph_to_screen(bounds.max),
        );
        assert!(
            a[0] >= 47.9 && a[1] >= 47.9 && b[0] <= 752.1 && b[1] <= 352.1,
            "{a:?} {b:?}"
        );

        // The screen (1000 x 500) shows a zoomed-in corner of the map.
        let screen = Camera {
            center_in_graph: [10.0, 20.0],
            zoom: 12.0,
            viewport_css_px: [1000.0, 500.0],
        };
        let corners = [
            screen.screen_to_graph([0.0, 0.0]),
            screen.screen_to_graph([1000.0, 500.0]),
        ];
        for area in [[1000.0, 500.0], [2000.0, 1000.0], [500.0, 500.0]] {
            let (cam, fitted) = share_camera(ShareView::Current, area, bounds, Some(screen));
            assert_eq!(cam.center_in_graph, screen.center_in_graph);
            assert!(cam.zoom > fitted, "zoomed in as on screen");
            for c in corners {
                let p = cam.graph_to_screen(c);
                assert!(
                    p[0] >= -1e-2
                        && p[1] >= -1e-2
                        && p[0] <= area[0] + 1e-2
                        && p[1] <= area[1] + 1e-2,
                    "{c:?} -> {p:?} in {area:?}"
                );
            }
        }
        // Same size as the screen: the very same camera.
        let (same, _) = share_camera(ShareView::Current, [1000.0, 500.0], bounds, Some(screen));
        assert_eq!(same, screen);
        // No screen camera: the whole map.
        let (fit, _) = share_camera(ShareView::Current, [800.0, 400.0], bounds, None);
        assert_eq!(fit, cam_fit(bounds));
    }

    fn cam_fit(bounds: Bounds) -> Camera {
        Camera::fit(bounds, [800.0, 400.0], FIT_MARGIN_CSS_PX)
    }

    #[test]
    fn the_screen_camera_is_read_back_from_the_canvas_attributes() {
        let bounds = Bounds {
            min: [0.0, 0.0],
            max: [100.0, 100.0],
        };
        let fitted = Camera::fit(bounds, [600.0, 400.0], FIT_MARGIN_CSS_PX);
        let number = |s: &str| s.parse::<f32>().ok();
        let c = screen_camera("12.500,-3.250", "2.0000", number, [600.0, 400.0], bounds).unwrap();
        assert_eq!(c.center_in_graph, [12.5, -3.25]);
        assert!((c.zoom - 2.0 * fitted.zoom).abs() < 1e-4);
        assert_eq!(screen_camera("", "1", number, [600.0, 400.0], bounds), None);
        assert_eq!(
            screen_camera("1,2", "0", number, [600.0, 400.0], bounds),
            None
        );
        assert_eq!(
            screen_camera("1,NaN", "1", number, [600.0, 400.0], bounds),
            None
        );
        assert_eq!(
            screen_camera("1;2", "1", number, [600.0, 400.0], bounds),
            None
        );
    }

    #[test]
    fn escaping_keeps_markup_as_text_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("<img src=x onerror=alert(1)> & \"'\u{1}\u{FFFE}ok"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;'ok"
        );
    }

    fn svg_of(m: &MapData, labels: &[LabelText], background: ShareBackground) -> String {
        let theme = background.theme();
        let scene = Scene::build(m, &m.pos_in_graph, None, Emphasis::default(), theme);
        let size = picture_size(ShareShape::LinkPreview, 2, [0.0, 0.0]);
        let layout = layout_picture(
            size.css_px,
            "Title <script>",
            "2026-11-30",
            Some(&legend_entries(m)),
        );
        let area = layout.map_area;
        let bounds = Bounds::of_positions(&m.pos_in_graph).unwrap();
        let (camera, fitted) = share_camera(ShareView::WholeMap, [area.w, area.h], bounds, None);
        picture_svg(
            &layout,
            &size,
            background,
            &PictureMap {
                scene: &scene,
                camera,
                radius_scale: radius_scale(camera.zoom, fitted),
                labels,
            },
        )
    }

    fn label(kind: LabelKind, text: &str) -> LabelText {
        LabelText {
            kind,
            text: text.into(),
            rect: ScreenRect {
                x: 10.0,
                y: 20.0,
                w: 50.0,
                h: 14.0,
            },
            font_px: 12.0,
            font_weight: 600,
            fill: [1, 2, 3],
            fill_alpha: 1.0,
            halo: [250, 250, 250],
            halo_alpha: 0.85,
            halo_width_css_px: 3.0,
        }
    }

    #[test]
    fn the_svg_draws_visible_people_ties_labels_and_legend_as_escaped_text() {
        let evil = "<img src=x onerror=alert(1)>";
        let m = map(evil, evil);
        let labels = [
            label(LabelKind::Person { node: 0 }, evil),
            label(LabelKind::Cluster { id: 1 }, evil),
        ];
        let svg = svg_of(&m, &labels, ShareBackground::Light);
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains(r#"width="2400" height="1254" viewBox="0 0 1200 627""#));
        assert!(!svg.contains("<img"), "markup stays text");
        assert!(!svg.contains("<script"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(svg.contains("Title &lt;script&gt;"));
        // Three visible people (the hidden cluster's person is not drawn), plus legend swatches.
        assert_eq!(svg.matches("<circle cx").count(), 3);
        assert_eq!(svg.matches(r#"<circle class="swatch""#).count(), 2);
        // Two ties remain: 0-1 and 1-3 (0-2 goes to the hidden cluster).
        assert_eq!(svg.matches('M').count() - svg.matches("Mark").count(), 2);
        assert!(svg.contains(r#"class="person""#) && svg.contains(r#"class="cluster""#));
        assert!(svg.contains(MARK_TEXT) && svg.contains("2026-11-30"));
        assert!(
            !svg.contains("Hidden one"),
            "hidden clusters are not in the legend"
        );
        assert!(
            svg.contains(&hex(Theme::LIGHT.background)),
            "a light background"
        );
        // Well-formed enough: every text opened is closed.
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
        assert_eq!(svg.matches("<svg").count(), svg.matches("</svg>").count());
    }

    #[test]
    fn a_transparent_svg_paints_no_background_and_a_dark_one_paints_dark() {
        let m = map("Ann", "Team");
        let clear = svg_of(&m, &[], ShareBackground::Transparent);
        assert!(!clear.contains("<rect"));
        let dark = svg_of(&m, &[], ShareBackground::Dark);
        assert!(dark.contains(&format!(
            r#"<rect width="100%" height="100%" fill="{}"/>"#,
            hex(Theme::DARK.background)
        )));
        assert!(
            dark.contains("mix-blend-mode:screen"),
            "ties add up light on dark"
        );
    }

    #[test]
    fn unmatting_recovers_colour_and_alpha() {
        // A colour c with alpha a composited over black and over white.
        let over = |c: [u8; 3], a: f32, bg: f32| -> Vec<u8> {
            let mut v: Vec<u8> = c
                .iter()
                .map(|&x| (x as f32 * a + bg * (1.0 - a)).round() as u8)
                .collect();
            v.push(255);
            v
        };
        let pixels = [
            ([200u8, 40, 90], 1.0f32),
            ([0, 114, 178], 0.45),
            ([10, 200, 10], 0.1),
            ([0, 0, 0], 0.0),
        ];
        let (mut black, mut white) = (Vec::new(), Vec::new());
        for (c, a) in pixels {
            black.extend(over(c, a, 0.0));
            white.extend(over(c, a, 255.0));
        }
        // A pixel outside the clip (nothing drawn), one on its edge (background half drawn).
        black.extend([0, 0, 0, 0, 0, 0, 0, 128]);
        white.extend([0, 0, 0, 0, 255, 255, 255, 128]);
        let out = unmatte(&black, &white);
        assert_eq!(out.len(), 24);
        for (k, (c, a)) in pixels.iter().enumerate() {
            let px = &out[4 * k..4 * k + 4];
            assert!((px[3] as f32 - a * 255.0).abs() <= 1.5, "alpha {k}: {px:?}");
            if *a >= 0.4 {
                for ch in 0..3 {
                    assert!(
                        (px[ch] as i32 - c[ch] as i32).abs() <= 3,
                        "colour {k}: {px:?} vs {c:?}"
                    );
                }
            }
        }
        assert_eq!(&out[16..24], &[0; 8], "no grey frame around the map");
    }

    #[test]
    fn the_dialog_starts_with_names_hidden() {
        let mut t = ShareOptions::for_map(Some("Ana Lima"));
        assert_eq!(t.title, "My network");
        assert_eq!(t.names, NameMode::Hidden);
        t.set_names(NameMode::All);
        assert_eq!(t.title, "Ana Lima's network");
        t.set_names(NameMode::Initials);
        assert_eq!(t.title, "My network");
        t.title = "Before the move".into();
        t.set_names(NameMode::All);
        assert_eq!(t.title, "Before the move", "a title the person typed stays");
        let o = ShareOptions::new("My map");
        assert_eq!(o.names, NameMode::Hidden);
        assert_eq!(o.title, "My map");
        assert!(o.legend);
    }
}
