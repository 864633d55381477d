//! Painting placed labels on a 2D canvas over the WebGL canvas. Where they go is decided
//! in `tiemap_app::labels` (pure); the canvas measures the text.

use super::{css_rgb, css_rgba, FrameView};
pub use tiemap_app::labels::{
    label_font, place_labels, LabelCache, LabelKind, LabelText, TextMeasure,
};
use tiemap_app::model::{MapData, NameMode};
use tiemap_app::scene::Scene;
use web_sys::CanvasRenderingContext2d;

/// Measures text with a canvas context (the fonts the page really draws with).
pub struct CanvasText<'a> {
    ctx: &'a CanvasRenderingContext2d,
    /// The font last set on `ctx` by this measurer: setting a canvas font parses it, and
    /// labels measure many texts in few fonts.
    font: Option<(u16, u32)>,
}

impl<'a> CanvasText<'a> {
    pub fn new(ctx: &'a CanvasRenderingContext2d) -> Self {
        CanvasText { ctx, font: None }
    }
}

impl TextMeasure for CanvasText<'_> {
    fn width(&mut self, text: &str, font_weight: u16, font_px: f32) -> f32 {
        let font = (font_weight, font_px.to_bits());
        if self.font != Some(font) {
            self.ctx.set_font(&label_font(font_weight, font_px));
            self.font = Some(font);
        }
        self.ctx
            .measure_text(text)
            .map(|m| m.width() as f32)
            .unwrap_or(text.chars().count() as f32 * font_px * 0.55)
    }
}

/// Places and draws labels for `scene` through `view`; returns how many were drawn. `clear` wipes the (transparent)
/// overlay first; the context's transform must map CSS pixels to device pixels.
pub fn draw_labels(
    ctx: &CanvasRenderingContext2d,
    map: &MapData,
    scene: &Scene,
    view: &FrameView<'_>,
    cache: &mut LabelCache,
    clear: bool,
) -> usize {
    if clear {
        let [w, h] = view.camera.viewport_css_px;
        ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
    }
    let labels = place_labels(
        &mut CanvasText::new(ctx),
        map,
        scene,
        view,
        cache,
        NameMode::All,
    );
    paint_labels(ctx, &labels);
    labels.len()
}

/// Paints placed labels (halo, then text) on a context whose transform maps CSS pixels to
/// device pixels.
pub fn paint_labels(ctx: &CanvasRenderingContext2d, labels: &[LabelText]) {
    ctx.set_text_baseline("middle");
    ctx.set_text_align("left");
    ctx.set_line_join("round");
    // a canvas parses every font and colour it is given: set each only when it changes
    // (labels come in runs of one style)
    let (mut font, mut width, mut halo, mut fill) = (None, None, String::new(), String::new());
    for l in labels {
        if font != Some((l.font_weight, l.font_px.to_bits())) {
            font = Some((l.font_weight, l.font_px.to_bits()));
            ctx.set_font(&label_font(l.font_weight, l.font_px));
        }
        if width != Some(l.halo_width_css_px.to_bits()) {
            width = Some(l.halo_width_css_px.to_bits());
            ctx.set_line_width(l.halo_width_css_px as f64);
        }
        let stroke = css_rgba(l.halo, l.halo_alpha);
        if stroke != halo {
            ctx.set_stroke_style_str(&stroke);
            halo = stroke;
        }
        let colour = if l.fill_alpha < 1.0 {
            css_rgba(l.fill, l.fill_alpha)
        } else {
            css_rgb(l.fill)
        };
        if colour != fill {
            ctx.set_fill_style_str(&colour);
            fill = colour;
        }
        let y = (l.rect.y + l.rect.h / 2.0) as f64;
        let _ = ctx.stroke_text(&l.text, l.rect.x as f64, y);
        let _ = ctx.fill_text(&l.text, l.rect.x as f64, y);
    }
}
