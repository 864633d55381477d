//! Drawing the map.
//!
//! - [`scene`]: what a frame shows, prepared once per change (pure Rust);
//! - [`webgl`] + [`programs`]: the WebGL2 backend, one program per visual type declared as
//!   data (node discs and tie quads as plain triangle lists, faint ties as lines, or on the
//!   CPU where WebGL has no GPU);
//! - [`canvas2d`]: the Canvas 2D backend, used where WebGL2 is missing;
//! - [`labels`]: names of people and clusters on a 2D overlay (text is sharper there);
//! - [`share`]: the map as a picture to share (PNG, SVG) with a title and a legend;
//! - [`bench`]: a wasm-bindgen export that draws a generated graph, for the render bench.
//!
//! Both backends sit behind [`MapRenderer`].

pub mod bench;
pub mod canvas2d;
pub mod labels;
pub mod programs;
pub mod share;
pub mod webgl;

use web_sys::HtmlCanvasElement;

pub use tiemap_app::scene::{self, Emphasis, FrameDetail, Scene};
pub use tiemap_app::theme::{css_rgb, css_rgba, FrameView, Theme, ThemeKind};

/// Which backend draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RendererKind {
    WebGl2,
    Canvas2d,
}

impl RendererKind {
    /// The value of the canvas's `data-renderer` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            RendererKind::WebGl2 => "webgl2",
            RendererKind::Canvas2d => "canvas2d",
        }
    }
}

/// Why a renderer could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("this browser gives no {0} context for the map canvas")]
    NoContext(&'static str),
    #[error("the {program} shader program did not build: {log}")]
    Shader { program: &'static str, log: String },
    #[error("WebGL2 could not allocate a {0}")]
    Allocation(&'static str),
}

/// The map's backend: WebGL2 where the browser has it, Canvas 2D otherwise.
pub enum MapRenderer {
    WebGl2(webgl::WebGlMap),
    Canvas2d(canvas2d::Canvas2dMap),
}

impl MapRenderer {
    /// WebGL2 if the canvas gives a context and the programs build, else Canvas 2D.
    pub fn attach(canvas: &HtmlCanvasElement) -> Result<MapRenderer, RenderError> {
        match webgl::WebGlMap::new(canvas) {
            Ok(gl) => Ok(MapRenderer::WebGl2(gl)),
            Err(RenderError::NoContext(_)) => {
                canvas2d::Canvas2dMap::new(canvas).map(MapRenderer::Canvas2d)
            }
            // The canvas is bound to WebGL2 now, so it can no longer give a 2D context.
            Err(e) => Err(e),
        }
    }

    pub fn kind(&self) -> RendererKind {
        match self {
            MapRenderer::WebGl2(_) => RendererKind::WebGl2,
            MapRenderer::Canvas2d(_) => RendererKind::Canvas2d,
        }
    }

    /// Who draws the faint ties (the value of the canvas's `data-faint-ties` attribute): "cpu"
    /// where WebGL2 has no GPU behind it (`webgl.rs`, `tiemap_app::raster`), else "gpu";
    /// "canvas2d" without WebGL2.
    pub fn faint_ties(&self) -> &'static str {
        match self {
            MapRenderer::WebGl2(gl) if gl.draws_ties_on_cpu() => "cpu",
            MapRenderer::WebGl2(_) => "gpu",
            MapRenderer::Canvas2d(_) => "canvas2d",
        }
    }

    /// Takes a new scene (uploads it to the GPU for WebGL2), to be drawn with `detail`'s
    /// share of its ties and people (even samples; the hubs always).
    pub fn set_scene(&mut self, scene: &Scene, detail: FrameDetail) {
        match self {
            MapRenderer::WebGl2(r) => r.set_scene(scene, detail),
            MapRenderer::Canvas2d(r) => r.set_scene(scene, detail.tie_share),
        }
    }

    /// Draws the last scene through `view` (the canvas must already have its device size).
    pub fn draw(&mut self, view: &FrameView<'_>) {
        match self {
            MapRenderer::WebGl2(r) => r.draw(view),
            MapRenderer::Canvas2d(r) => r.draw(view),
        }
    }

    /// Waits until the drawing is done (the GPU finished), so its cost can be timed.
    pub fn finish(&self) {
        if let MapRenderer::WebGl2(r) = self {
            r.finish();
        }
    }
}
