//! The map's colours and how a frame is seen (camera, radius scale, pixel ratio, theme).

use tiemap_core::view::camera::Camera;

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
