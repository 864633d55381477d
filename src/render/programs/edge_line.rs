//! Ties: a thin quad per tie (a plain triangle list, see `Primitive::QuadList`), tinted from
//! its source's colour to its target's, translucent so dense areas read as coloured clouds.
//!
//! Not instanced: where WebGL has no GPU (SwiftShader), 15,000 instanced tie quads took
//! 234-280 ms to draw and the same quads as one triangle list 30-94 ms (headless Chromium,
//! random ties 10 and 60 CSS px long), and a 2,000-person map's ties are of this kind.

use super::{AttributeKind, AttributeSpec, InstanceWriter, Primitive, ProgramSpec};

pub const SPEC: ProgramSpec = ProgramSpec {
    name: "edge-line",
    primitive: Primitive::QuadList,
    vertex_shader: VERTEX,
    fragment_shader: FRAGMENT,
    attributes: &[
        AttributeSpec {
            name: "a_source",
            size: 2,
            kind: AttributeKind::F32,
        },
        AttributeSpec {
            name: "a_target",
            size: 2,
            kind: AttributeKind::F32,
        },
        AttributeSpec {
            name: "a_source_color",
            size: 4,
            kind: AttributeKind::U8Normalized,
        },
        AttributeSpec {
            name: "a_target_color",
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

/// One tie: both ends in graph space and their straight-alpha colours.
pub fn write(w: &mut InstanceWriter, source: [f32; 2], target: [f32; 2], rgba: [[u8; 4]; 2]) {
    for _ in 0..SPEC.primitive.records_per_mark() {
        w.f32s(&source);
        w.f32s(&target);
        w.rgba(rgba[0]);
        w.rgba(rgba[1]);
    }
}

const VERTEX: &str = r#"#version 300 es
//CAMERA
in vec2 a_source;
in vec2 a_target;
in vec4 a_source_color;
in vec4 a_target_color;
uniform float u_thickness_css_px;
out vec4 v_color;
out float v_across_css;
out float v_half_css;
out float v_fade;
// the 6 vertices of two triangles, as corners of a strip (0 1 2 3)
const int STRIP[6] = int[6](0, 1, 2, 2, 1, 3);
void main() {
  int v = STRIP[gl_VertexID % 6];
  float along = float(v & 1);
  float side = float((v >> 1) & 1) * 2.0 - 1.0;
  vec2 s = to_css(a_source);
  vec2 t = to_css(a_target);
  vec2 dir = t - s;
  float len = length(dir);
  vec2 normal = len > 1e-6 ? vec2(-dir.y, dir.x) / len : vec2(0.0, 1.0);
  // Lines thinner than a device pixel are drawn one pixel wide and fainter.
  float width = max(u_thickness_css_px, u_css_per_device_px);
  v_fade = min(1.0, u_thickness_css_px / u_css_per_device_px);
  v_half_css = width * 0.5;
  float half_quad = v_half_css + u_css_per_device_px;
  v_across_css = side * half_quad;
  v_color = mix(a_source_color, a_target_color, along);
  gl_Position = css_to_clip(mix(s, t, along) + normal * v_across_css);
}
"#;

const FRAGMENT: &str = r#"#version 300 es
precision highp float;
in vec4 v_color;
in float v_across_css;
in float v_half_css;
in float v_fade;
uniform float u_css_per_device_px;
out vec4 out_color;
void main() {
  float coverage = clamp((v_half_css - abs(v_across_css)) / u_css_per_device_px + 0.5, 0.0, 1.0);
  float a = v_color.a * coverage * v_fade;
  out_color = vec4(v_color.rgb * a, a);
}
"#;
