//! Drawing the map.
//!
//! - [`scene`]: what a frame shows, prepared once per change (pure Rust);
//! - [`webgl`] + [`programs`]: the WebGL2 backend, one program per visual type declared as
//!   data (instanced node discs, instanced tie quads);
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
pub mod scene;
pub mod share;
pub mod webgl;

use tiemap_core::view::camera::Camera;
use web_sys::HtmlCanvasElement;

pub use scene::{Emphasis, Scene};

/// Light or dark map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ThemeKind {
    #[default]
    Light,
    Dark,
}

/// Colours of a theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: [u8; 3],
    /// Text of node labels.
    pub label: [u8; 3],
    /// The halo behind labels (so they read over ties).
    pub label_halo: [u8; 3],
    /// The thin ring around node discs.
    pub node_border: [u8; 4],
    /// Nodes with no cluster.
    pub unclustered: [u8; 3],
    /// Ties add up light (glow on dark) instead of covering what is behind.
    pub additive_ties: bool,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: [251, 251, 253],
        label: [29, 35, 48],
        label_halo: [251, 251, 253],
        node_border: [255, 255, 255, 230],
        unclustered: [150, 156, 168],
        additive_ties: false,
    };
    pub const DARK: Theme = Theme {
        background: [17, 20, 28],
        label: [236, 239, 245],
        label_halo: [17, 20, 28],
        node_border: [17, 20, 28, 200],
        unclustered: [120, 127, 140],
        additive_ties: true,
    };

    pub fn of(kind: ThemeKind) -> &'static Theme {
        match kind {
            ThemeKind::Light => &Theme::LIGHT,
            ThemeKind::Dark => &Theme::DARK,
        }
    }
}

/// `rgb(r,g,b)` / `rgba(r,g,b,a)` for the 2D canvas.
pub fn css_rgb(c: [u8; 3]) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

pub fn css_rgba(c: [u8; 3], alpha: f32) -> String {
    format!("rgba({},{},{},{:.3})", c[0], c[1], c[2], alpha)
}

/// How a frame is seen: the camera and the screen it lands on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameView<'a> {
    pub camera: Camera,
    /// Multiplies every node's radius (grows as you zoom in; see `scene::radius_scale`).
    pub radius_scale: f32,
    /// Device pixels per CSS pixel.
    pub device_pixel_ratio: f32,
    pub theme: &'a Theme,
}

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

    /// Takes a new scene (uploads it to the GPU for WebGL2).
    pub fn set_scene(&mut self, scene: &Scene) {
        match self {
            MapRenderer::WebGl2(r) => r.set_scene(scene),
            MapRenderer::Canvas2d(r) => r.set_scene(scene),
        }
    }

    /// Draws the last scene through `view` (the canvas must already have its device size).
    pub fn draw(&mut self, view: &FrameView<'_>) {
        match self {
            MapRenderer::WebGl2(r) => r.draw(view),
            MapRenderer::Canvas2d(r) => r.draw(view),
        }
    }
}
