//! The Canvas 2D backend (where WebGL2 is missing): translucent ties batched by colour,
//! node discs with a thin border, smallest first.

use super::labels::{draw_labels, LabelCache};
use super::scene::{radius_scale, Emphasis, Scene};
use super::{css_rgb, FrameView, RenderError};
use tiemap_app::model::MapData;
use tiemap_core::view::camera::Camera;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub use super::Theme;

/// The light theme (kept here for callers of [`draw`]).
pub const LIGHT: Theme = Theme::LIGHT;

/// The Canvas 2D map renderer.
pub struct Canvas2dMap {
    ctx: CanvasRenderingContext2d,
    scene: Scene,
    /// The share of the ties drawn (0 to 1).
    tie_share: f32,
}

impl Canvas2dMap {
    pub fn new(canvas: &HtmlCanvasElement) -> Result<Canvas2dMap, RenderError> {
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or(RenderError::NoContext("2d"))?;
        Ok(Canvas2dMap {
            ctx,
            scene: Scene::default(),
            tie_share: 1.0,
        })
    }

    pub fn set_scene(&mut self, scene: &Scene, tie_share: f32) {
        self.scene = scene.clone();
        self.tie_share = tie_share;
    }

    pub fn draw(&mut self, view: &FrameView<'_>) {
        let dpr = view.device_pixel_ratio as f64;
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        draw_scene_share(&self.ctx, &self.scene, view, self.tie_share);
    }
}

/// Draws `scene` (background, ties, nodes) on a context whose transform maps CSS pixels to
/// device pixels.
pub fn draw_scene(ctx: &CanvasRenderingContext2d, scene: &Scene, view: &FrameView<'_>) {
    draw_scene_share(ctx, scene, view, 1.0)
}

/// [`draw_scene`] with `tie_share` (0 to 1) of the ties: every k-th of each colour.
fn draw_scene_share(
    ctx: &CanvasRenderingContext2d,
    scene: &Scene,
    view: &FrameView<'_>,
    tie_share: f32,
) {
    // every k-th tie of each colour; none at a share of 0
    let every = if tie_share >= 1.0 {
        1
    } else {
        (1.0 / tie_share.max(1e-6)).ceil() as usize
    };
    let camera = &view.camera;
    let [w, h] = camera.viewport_css_px;
    ctx.set_fill_style_str(&css_rgb(view.theme.background));
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
    let screen = scene.screen_positions(camera);

    // 1) ties, one path per colour and alpha (the source end's), translucent
    let batches = scene.tie_batches();
    ctx.set_line_width(0.7);
    let _ = ctx.set_global_composite_operation(if view.theme.additive_ties {
        "lighter"
    } else {
        "source-over"
    });
    for (c, ties) in batches.into_iter().filter(|_| tie_share > 0.0) {
        ctx.set_stroke_style_str(&super::css_rgba([c[0], c[1], c[2]], c[3] as f32 / 255.0));
        ctx.begin_path();
        for k in ties.into_iter().step_by(every) {
            let Some(t) = scene.ties.get(k) else { continue };
            let (Some(a), Some(b)) = (screen.get(t[0] as usize), screen.get(t[1] as usize)) else {
                continue;
            };
            ctx.move_to(a[0] as f64, a[1] as f64);
            ctx.line_to(b[0] as f64, b[1] as f64);
        }
        ctx.stroke();
    }
    let _ = ctx.set_global_composite_operation("source-over");

    // 2) nodes, smallest first so hubs stay on top
    let border = view.theme.node_border;
    ctx.set_stroke_style_str(&super::css_rgba(
        [border[0], border[1], border[2]],
        border[3] as f32 / 255.0,
    ));
    ctx.set_line_width(0.8);
    for ([x, y], r, c) in scene.discs(&screen, view.radius_scale, [w, h]) {
        ctx.set_fill_style_str(&css_rgb([c[0], c[1], c[2]]));
        ctx.begin_path();
        let _ = ctx.arc(x as f64, y as f64, r as f64, 0.0, std::f64::consts::TAU);
        ctx.fill();
        if r > 2.5 {
            ctx.stroke();
        }
    }
}

/// Draws the whole map (nodes, ties, labels) on one 2D context whose transform maps CSS
/// pixels to device pixels: the one-call form, for tests and image export.
pub fn draw(
    ctx: &CanvasRenderingContext2d,
    map: &MapData,
    pos_in_graph: &[f32],
    camera: &Camera,
    fitted_zoom: f32,
    theme: &Theme,
) {
    let scene = Scene::build(map, pos_in_graph, None, Emphasis::default(), theme);
    let view = FrameView {
        camera: *camera,
        radius_scale: radius_scale(camera.zoom, fitted_zoom),
        device_pixel_ratio: 1.0,
        theme,
    };
    draw_scene(ctx, &scene, &view);
    let _ = draw_labels(ctx, map, &scene, &view, &mut LabelCache::default(), false);
}
