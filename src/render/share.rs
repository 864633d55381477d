//! The map as a picture to share, painted on an offscreen canvas: the plan (size, frame,
//! scene, camera, labels) comes from `tiemap_app::picture` (pure, tested natively); this
//! module paints it with the same Canvas 2D scene and label drawers as the live map, and
//! encodes the PNG. The SVG is written from the same plan.

use super::labels::{paint_labels, CanvasText};
use super::{canvas2d::draw_scene, css_rgb, Theme};
use tiemap_app::labels::label_font;
use tiemap_app::picture::{
    muted, plan_picture, unmatte, PictureError, PictureInput, PicturePlan, ShareBackground,
    ShareOptions, TextLine,
};
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("the browser gives no 2D canvas for a {width} x {height} picture")]
    NoCanvas { width: u32, height: u32 },
    #[error("the browser could not encode the picture as PNG")]
    Encode,
    #[error(transparent)]
    Plan(#[from] PictureError),
    #[error("the browser would not put the picture on the clipboard")]
    Clipboard,
    #[error("the picture was not shared")]
    NotShared,
    #[error(transparent)]
    Download(#[from] crate::browser::DownloadError),
}

impl ShareError {
    /// What the dialog says.
    pub fn sentence(&self) -> String {
        match self {
            ShareError::NoCanvas { width, height } => format!(
                "The browser could not make a {width} × {height} picture; try a smaller scale."
            ),
            ShareError::Encode => {
                "The browser could not save the picture as PNG; try a smaller scale or SVG.".into()
            }
            ShareError::Plan(e) => e.sentence(),
            ShareError::Clipboard => {
                "The browser would not put the picture on the clipboard.".into()
            }
            ShareError::NotShared => "The picture was not shared.".into(),
            ShareError::Download(e) => e.sentence(),
        }
    }
}

/// A picture painted on an offscreen canvas, with the plan its SVG is written from.
pub struct SharePicture {
    pub canvas: HtmlCanvasElement,
    pub plan: PicturePlan,
}

impl SharePicture {
    /// The same picture as SVG.
    pub fn svg(&self) -> String {
        self.plan.svg()
    }
}

fn new_canvas(
    width: u32,
    height: u32,
) -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), ShareError> {
    let fail = ShareError::NoCanvas { width, height };
    let canvas: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(ShareError::NoCanvas { width, height })?;
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(fail)?;
    Ok((canvas, ctx))
}

fn draw_text(ctx: &CanvasRenderingContext2d, t: &TextLine, fill: [u8; 3]) {
    ctx.set_font(&label_font(t.font_weight, t.font_px));
    ctx.set_text_baseline("middle");
    ctx.set_text_align(if t.align_end { "right" } else { "left" });
    ctx.set_fill_style_str(&css_rgb(fill));
    let _ = ctx.fill_text(&t.text, t.at[0] as f64, t.at[1] as f64);
}

/// Paints the picture `options` describe on an offscreen canvas: the map with the live
/// map's scene and label drawers (same colours, positions, hidden clusters), then the frame.
pub fn render_png(
    input: &PictureInput<'_>,
    options: &ShareOptions,
) -> Result<SharePicture, ShareError> {
    let (_, measure_ctx) = new_canvas(1, 1)?;
    let plan = plan_picture(input, options, &mut CanvasText::new(&measure_ctx))?;
    let background = plan.background;
    let theme = background.theme();
    let size = &plan.size;
    let layout = &plan.layout;
    let scene = &plan.scene;

    let (canvas, ctx) = new_canvas(size.device_px[0], size.device_px[1])?;
    let ratio = size.pixel_ratio as f64;
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    if let Some(bg) = background.fill() {
        ctx.set_fill_style_str(&css_rgb(bg));
        ctx.fill_rect(
            0.0,
            0.0,
            layout.size_css_px[0] as f64,
            layout.size_css_px[1] as f64,
        );
    }

    // 1) the map, clipped to its area
    let area = layout.map_area;
    ctx.save();
    let _ = ctx.translate(area.x as f64, area.y as f64);
    ctx.begin_path();
    ctx.rect(0.0, 0.0, area.w as f64, area.h as f64);
    ctx.clip();
    match background {
        ShareBackground::Transparent => {
            // The scene drawer paints a background: paint on black, then on white, and keep
            // what differs (exact for translucent ties).
            static ON_BLACK: Theme = Theme {
                background: [0, 0, 0],
                ..Theme::LIGHT
            };
            static ON_WHITE: Theme = Theme {
                background: [255, 255, 255],
                ..Theme::LIGHT
            };
            let (dx, dy) = (
                (area.x * size.pixel_ratio).floor().max(0.0),
                (area.y * size.pixel_ratio).floor().max(0.0),
            );
            let (dw, dh) = (
                ((area.w * size.pixel_ratio).ceil() + 1.0).min(size.device_px[0] as f32 - dx),
                ((area.h * size.pixel_ratio).ceil() + 1.0).min(size.device_px[1] as f32 - dy),
            );
            let grab = |theme: &'static Theme| -> Option<Vec<u8>> {
                draw_scene(&ctx, scene, &plan.view(theme));
                ctx.get_image_data(dx as f64, dy as f64, dw as f64, dh as f64)
                    .ok()
                    .map(|d| d.data().0)
            };
            let black = grab(&ON_BLACK);
            let white = grab(&ON_WHITE);
            if let (Some(black), Some(white)) = (black, white) {
                let rgba = unmatte(&black, &white);
                if let Ok(data) = ImageData::new_with_u8_clamped_array_and_sh(
                    Clamped(&rgba),
                    dw as u32,
                    dh as u32,
                ) {
                    let _ = ctx.put_image_data(&data, dx as f64, dy as f64);
                }
            }
        }
        _ => draw_scene(&ctx, scene, &plan.view(theme)),
    }
    paint_labels(&ctx, &plan.labels);
    ctx.restore();

    // 2) the frame
    let _ = ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    if let Some(t) = &layout.title {
        draw_text(&ctx, t, theme.label);
    }
    draw_text(&ctx, &layout.date, muted(theme));
    if let Some(legend) = &layout.legend {
        for row in &legend.rows {
            let r = row.swatch;
            ctx.set_fill_style_str(&css_rgb(row.color));
            ctx.begin_path();
            let _ = ctx.arc(
                (r.x + r.w / 2.0) as f64,
                (r.y + r.h / 2.0) as f64,
                (r.w / 2.0) as f64,
                0.0,
                std::f64::consts::TAU,
            );
            ctx.fill();
            draw_text(&ctx, &row.name, theme.label);
            draw_text(&ctx, &row.size, muted(theme));
        }
        if let Some(more) = &legend.more {
            draw_text(&ctx, more, muted(theme));
        }
    }
    if let Some(band) = &layout.insights {
        draw_text(&ctx, &band.heading, theme.label);
        for cell in &band.cells {
            draw_text(&ctx, &cell.value, theme.label);
            draw_text(&ctx, &cell.label, muted(theme));
        }
    }
    draw_text(&ctx, &layout.mark, muted(theme));
    Ok(SharePicture { canvas, plan })
}

/// The picture's PNG bytes (the canvas's `toBlob`).
pub async fn png_blob(canvas: &HtmlCanvasElement) -> Result<web_sys::Blob, ShareError> {
    let canvas = canvas.clone();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done =
            wasm_bindgen::closure::Closure::once_into_js(move |blob: wasm_bindgen::JsValue| {
                let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &blob);
            });
        if canvas
            .to_blob_with_type(done.unchecked_ref(), "image/png")
            .is_err()
        {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let blob = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| ShareError::Encode)?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| ShareError::Encode)
}
