//! The Canvas 2D renderer: translucent ties, nodes sized by degree, non-overlapping labels.

use crate::protocol::MapData;
use tiemap_core::view::camera::Camera;
use tiemap_core::view::labels::{LabelGrid, ScreenRect};
use web_sys::CanvasRenderingContext2d;

/// Colours of a theme.
pub struct Theme {
    pub background: &'static str,
    pub label: &'static str,
    pub label_halo: &'static str,
}

pub const LIGHT: Theme = Theme {
    background: "#fbfbfd",
    label: "#1d2330",
    label_halo: "rgba(251,251,253,0.85)",
};

/// A node's colour until clusters are known.
const NODE_RGB: [u8; 3] = [0, 114, 178];

/// Radius in CSS pixels of a node of degree `degree` (area grows with degree, as in InMaps).
pub fn node_radius_css_px(degree: u32, zoom_boost: f32) -> f32 {
    (2.5 + (degree as f32).sqrt() * 1.6) * zoom_boost.clamp(0.6, 3.0)
}

/// Draws `map` with its nodes at `pos_in_graph` through `camera` onto a context whose transform maps CSS pixels to device
/// pixels (the caller sets `scale(dpr, dpr)`).
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    map: &MapData,
    pos_in_graph: &[f32],
    camera: &Camera,
    fitted_zoom: f32,
    theme: &Theme,
) {
    let [w, h] = camera.viewport_css_px;
    ctx.set_fill_style_str(theme.background);
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    let zoom_boost = (camera.zoom / fitted_zoom.max(1e-6)).sqrt();
    let screen: Vec<[f32; 2]> = pos_in_graph
        .chunks_exact(2)
        .map(|p| camera.graph_to_screen([p[0], p[1]]))
        .collect();

    // 1) ties, translucent so dense areas read as clouds
    ctx.set_line_width(0.6);
    ctx.set_stroke_style_str(&format!(
        "rgba({},{},{},0.18)",
        NODE_RGB[0], NODE_RGB[1], NODE_RGB[2]
    ));
    ctx.begin_path();
    for pair in map.ties.chunks_exact(2) {
        let (Some(a), Some(b)) = (screen.get(pair[0] as usize), screen.get(pair[1] as usize))
        else {
            continue;
        };
        ctx.move_to(a[0] as f64, a[1] as f64);
        ctx.line_to(b[0] as f64, b[1] as f64);
    }
    ctx.stroke();

    // 2) nodes, smallest first so hubs stay on top
    let mut order: Vec<usize> = (0..map.nodes.len().min(screen.len())).collect();
    order.sort_by_key(|&i| (map.nodes[i].degree, std::cmp::Reverse(i)));
    ctx.set_fill_style_str(&format!(
        "rgb({},{},{})",
        NODE_RGB[0], NODE_RGB[1], NODE_RGB[2]
    ));
    ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
    ctx.set_line_width(0.8);
    for &i in &order {
        let [x, y] = screen[i];
        if x < -20.0 || y < -20.0 || x > w + 20.0 || y > h + 20.0 {
            continue;
        }
        let r = node_radius_css_px(map.nodes[i].degree, zoom_boost);
        ctx.begin_path();
        let _ = ctx.arc(x as f64, y as f64, r as f64, 0.0, std::f64::consts::TAU);
        ctx.fill();
        ctx.stroke();
    }

    // 3) labels: biggest hubs first, never overlapping
    let mut grid = LabelGrid::new([w, h], 40.0);
    ctx.set_text_baseline("middle");
    ctx.set_line_width(3.0);
    ctx.set_stroke_style_str(theme.label_halo);
    ctx.set_fill_style_str(theme.label);
    let max_labels = ((w * h) / 9000.0) as usize + 5;
    for &i in order.iter().rev() {
        if grid.placed() >= max_labels {
            break;
        }
        let node = &map.nodes[i];
        let [x, y] = screen[i];
        let r = node_radius_css_px(node.degree, zoom_boost);
        let font_px = (11.0 + (node.degree as f32).sqrt() * 0.9).min(22.0);
        ctx.set_font(&format!("600 {font_px}px system-ui, sans-serif"));
        let text_w = ctx
            .measure_text(&node.label)
            .map(|m| m.width() as f32)
            .unwrap_or(font_px * node.label.len() as f32 * 0.6);
        let rect = ScreenRect {
            x: x + r + 3.0,
            y: y - font_px * 0.6,
            w: text_w,
            h: font_px * 1.2,
        };
        if grid.try_place(rect) {
            let _ = ctx.stroke_text(&node.label, rect.x as f64, y as f64);
            let _ = ctx.fill_text(&node.label, rect.x as f64, y as f64);
        }
    }
}
