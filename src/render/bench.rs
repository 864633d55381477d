//! The renderer as a wasm-bindgen export, for the render bench page
//! (`tools/bench/render/`), which draws the same generated graph with sigma.js and with this.
//!
//! It is an export of the app's own module rather than a query parameter of the app, so the
//! page a person opens has no bench mode at all; the bench page imports the built app module
//! and constructs `TiemapRenderBench` on canvases of its own.

use super::labels::{draw_labels, LabelCache};
use super::scene::{radius_scale, Emphasis, Scene, RADIUS_MAX_CSS_PX};
use super::{FrameDetail, FrameView, MapRenderer, Theme};
use tiemap_app::model::{ClusterView, MapData, NodeView};
use tiemap_core::view::camera::{Bounds, Camera};
use tiemap_core::view::hit::HitGrid;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A map drawn on two canvases (WebGL2 or 2D below, labels above) for timing.
#[wasm_bindgen]
pub struct TiemapRenderBench {
    renderer: MapRenderer,
    overlay: CanvasRenderingContext2d,
    map: MapData,
    scene: Scene,
    fitted: Camera,
    cache: LabelCache,
    hit: Option<HitGrid>,
    dpr: f32,
}

/// Pointer slop around a disc, CSS pixels (as the map's `PICK_SLOP_CSS_PX`).
const PICK_SLOP_CSS_PX: f32 = 2.0;

#[wasm_bindgen]
impl TiemapRenderBench {
    /// `pos_in_graph`: `[x0, y0, ...]`; `ties`: `[s0, t0, ...]`; `cluster`: one id per node;
    /// `colors`: `[r, g, b]` per cluster id. The canvases must have their CSS size; they are
    /// given `device_pixel_ratio` times as many device pixels.
    #[wasm_bindgen(constructor)]
    pub fn new(
        canvas: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        pos_in_graph: Vec<f32>,
        ties: Vec<u32>,
        cluster: Vec<u32>,
        colors: Vec<u8>,
        device_pixel_ratio: f32,
    ) -> Result<TiemapRenderBench, JsValue> {
        let n = pos_in_graph.len() / 2;
        let mut degree = vec![0u32; n];
        for &t in &ties {
            if let Some(d) = degree.get_mut(t as usize) {
                *d += 1;
            }
        }
        let nodes = (0..n)
            .map(|i| NodeView {
                key: format!("p{i}"),
                label: format!("Person {i}"),
                company: None,
                title: None,
                url: None,
                degree: degree[i],
                cluster: cluster.get(i).copied().unwrap_or(u32::MAX),
                connected: None,
                ..Default::default()
            })
            .collect();
        let clusters = colors
            .chunks_exact(3)
            .enumerate()
            .map(|(id, c)| ClusterView {
                id: id as u32,
                name: format!("Cluster {id}"),
                suggested_name: String::new(),
                color: [c[0], c[1], c[2]],
                size: cluster.iter().filter(|&&k| k == id as u32).count() as u32,
                folded: 0,
                hidden: false,
                ..Default::default()
            })
            .collect();
        let map = MapData {
            modularity: 0.0,
            density: 0.0,
            signals: None,
            map_id: 1,
            title: "bench".into(),
            summary: String::new(),
            ties_note: String::new(),
            nodes,
            ties,
            pos_in_graph,
            clusters,
            report: Vec::new(),
            is_sample: false,
            fingerprint: String::new(),
            resolution: 1.0,
            fold_below: 0,
            edits: Default::default(),
            ..Default::default()
        };
        let dpr = device_pixel_ratio.max(0.5);
        let css = [
            canvas.client_width().max(1) as f32,
            canvas.client_height().max(1) as f32,
        ];
        for c in [&canvas, &overlay] {
            c.set_width((css[0] * dpr).round() as u32);
            c.set_height((css[1] * dpr).round() as u32);
        }
        let mut renderer =
            MapRenderer::attach(&canvas).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let overlay: CanvasRenderingContext2d = overlay
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or_else(|| JsValue::from_str("no 2d context for the label overlay"))?;
        let _ = overlay.set_transform(dpr as f64, 0.0, 0.0, dpr as f64, 0.0, 0.0);
        let scene = Scene::build(
            &map,
            &map.pos_in_graph,
            None,
            Emphasis::default(),
            &Theme::LIGHT,
        );
        renderer.set_scene(&scene, FrameDetail::FULL);
        let fitted = Bounds::of_positions(&map.pos_in_graph)
            .map(|b| Camera::fit(b, css, 24.0))
            .ok_or_else(|| JsValue::from_str("no finite position"))?;
        Ok(TiemapRenderBench {
            renderer,
            overlay,
            map,
            scene,
            fitted,
            cache: LabelCache::default(),
            hit: None,
            dpr,
        })
    }

    /// "webgl2" or "canvas2d".
    pub fn renderer(&self) -> String {
        self.renderer.kind().as_str().to_string()
    }

    /// Who draws the faint ties: "cpu" (WebGL2 without a GPU), "gpu" or "canvas2d".
    pub fn faint_ties(&self) -> String {
        self.renderer.faint_ties().to_string()
    }

    /// Node radii in CSS pixels at the fitted zoom (the bench gives sigma.js the same sizes).
    pub fn radii(&self) -> Vec<f32> {
        self.scene.radius_css_px.clone()
    }

    /// The view of `frame(dx, dy, zoom_factor)` as `[x, y, zoom]`: the graph point at its
    /// centre and its zoom over the fitted zoom (so the peer can be shown the same view).
    pub fn view_center(&self, dx: f32, dy: f32, zoom_factor: f32) -> Vec<f32> {
        let c = self.camera(dx, dy, zoom_factor);
        vec![
            c.center_in_graph[0],
            c.center_in_graph[1],
            c.zoom / self.fitted.zoom.max(1e-9),
        ]
    }

    /// Draws one frame with the camera moved by `(dx, dy)` CSS pixels from the fitted view and
    /// zoomed by `zoom_factor` around the centre, labels included, and waits for the GPU.
    /// Returns how many labels were drawn.
    pub fn frame(&mut self, dx: f32, dy: f32, zoom_factor: f32) -> u32 {
        let camera = self.camera(dx, dy, zoom_factor);
        let view = FrameView {
            camera,
            radius_scale: radius_scale(camera.zoom, self.fitted.zoom),
            device_pixel_ratio: self.dpr,
            theme: &Theme::LIGHT,
        };
        self.renderer.draw(&view);
        let labels = draw_labels(
            &self.overlay,
            &self.map,
            &self.scene,
            &view,
            &mut self.cache,
            true,
        );
        if let MapRenderer::WebGl2(gl) = &self.renderer {
            gl.finish();
        }
        labels as u32
    }

    /// The node under the point `(x, y)` (CSS pixels of the canvas) in the view of the last
    /// `frame(dx, dy, zoom_factor)`, or -1: what the map does on every pointer move (the hit
    /// grid is built on the first call, as the map builds it once per positions).
    pub fn pick(&mut self, x: f32, y: f32, dx: f32, dy: f32, zoom_factor: f32) -> i32 {
        let camera = self.camera(dx, dy, zoom_factor);
        let scale = radius_scale(camera.zoom, self.fitted.zoom);
        let zoom = camera.zoom.max(1e-9);
        let hit = self
            .hit
            .get_or_insert_with(|| HitGrid::build(&self.scene.pos_in_graph));
        let radius = &self.scene.radius_css_px;
        hit.pick(
            &self.scene.pos_in_graph,
            camera.screen_to_graph([x, y]),
            (RADIUS_MAX_CSS_PX * scale + PICK_SLOP_CSS_PX) / zoom,
            |i| (radius.get(i).copied().unwrap_or(0.0) * scale + PICK_SLOP_CSS_PX) / zoom,
        )
        .map_or(-1, |i| i as i32)
    }
}

impl TiemapRenderBench {
    fn camera(&self, dx: f32, dy: f32, zoom_factor: f32) -> Camera {
        let [w, h] = self.fitted.viewport_css_px;
        self.fitted
            .zoom_at([w / 2.0, h / 2.0], zoom_factor, self.fitted.zoom)
            .pan_by([dx, dy])
    }
}
