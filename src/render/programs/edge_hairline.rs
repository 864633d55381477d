//! Faint ties as hairlines: one device-pixel line per tie, in one plain line list (`LINES`,
//! a record per end: 24 bytes per tie, as a tie quad's instance).
//!
//! A tie quad is three device pixels wide (a one-pixel line and its antialiased edges) and
//! works out a coverage for each of its fragments; a hairline touches one pixel per step along
//! the tie and only passes its colour through. When a tie is faint (the cloud of a big map:
//! alpha at most [`HAIRLINE_MAX_ALPHA`]), the line's missing antialiasing is below what a
//! colour step can show, and the cloud reads the same: the hairline carries the same colour
//! per unit of length (alpha times the tie's width in device pixels, as a quad's coverage
//! sums to).

use super::{AttributeKind, AttributeSpec, InstanceWriter, Primitive, ProgramSpec};

pub const SPEC: ProgramSpec = ProgramSpec {
    name: "edge-hairline",
    primitive: Primitive::LineList,
    vertex_shader: VERTEX,
    fragment_shader: FRAGMENT,
    attributes: &[
        AttributeSpec {
            name: "a_position",
            size: 2,
            kind: AttributeKind::F32,
        },
        AttributeSpec {
            name: "a_color",
            size: 4,
            kind: AttributeKind::U8Normalized,
        },
    ],
    uniforms: &[
        "u_center",
        "u_zoom",
        "u_css_to_clip",
        "u_css_per_device_px",
        "u_thickness_css_px",
    ],
};

pub use tiemap_app::raster::HAIRLINE_MAX_ALPHA;

/// One tie: its two ends (graph space) with their straight-alpha colours.
pub fn write(w: &mut InstanceWriter, source: [f32; 2], target: [f32; 2], rgba: [[u8; 4]; 2]) {
    w.f32s(&source);
    w.rgba(rgba[0]);
    w.f32s(&target);
    w.rgba(rgba[1]);
}

const VERTEX: &str = r#"#version 300 es
//CAMERA
in vec2 a_position;
in vec4 a_color;
uniform float u_thickness_css_px;
out vec4 v_color;
void main() {
  // the colour a tie of this width leaves per unit of length, on one device pixel
  float a = min(1.0, a_color.a * u_thickness_css_px / u_css_per_device_px);
  v_color = vec4(a_color.rgb * a, a);
  gl_Position = css_to_clip(to_css(a_position));
}
"#;

const FRAGMENT: &str = r#"#version 300 es
precision mediump float;
in vec4 v_color;
out vec4 out_color;
void main() {
  out_color = v_color;
}
"#;
