//! Node discs: a quad per node (a plain triangle list, see `Primitive::QuadList`), a circle with an antialiased edge and a thin border in the
//! fragment shader.

use super::{AttributeKind, AttributeSpec, InstanceWriter, Primitive, ProgramSpec};

pub const SPEC: ProgramSpec = ProgramSpec {
    name: "node-circle",
    primitive: Primitive::QuadList,
    vertex_shader: VERTEX,
    fragment_shader: FRAGMENT,
    attributes: &[
        AttributeSpec {
            name: "a_position",
            size: 2,
            kind: AttributeKind::F32,
        },
        AttributeSpec {
            name: "a_radius",
            size: 1,
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
        "u_radius_scale",
        "u_border",
    ],
};

/// One node: graph position, radius in CSS px at the fitted zoom, straight-alpha colour (once
/// per vertex of its quad).
pub fn write(w: &mut InstanceWriter, pos_in_graph: [f32; 2], radius_css_px: f32, rgba: [u8; 4]) {
    for _ in 0..SPEC.primitive.records_per_mark() {
        w.f32s(&pos_in_graph);
        w.f32s(&[radius_css_px]);
        w.rgba(rgba);
    }
}

const VERTEX: &str = r#"#version 300 es
//CAMERA
in vec2 a_position;
in float a_radius;
in vec4 a_color;
uniform float u_radius_scale;
out vec2 v_offset_css;
out float v_radius_css;
out vec4 v_color;
// the 6 vertices of two triangles, as corners of a strip (0 1 2 3)
const int STRIP[6] = int[6](0, 1, 2, 2, 1, 3);
void main() {
  int v = STRIP[gl_VertexID % 6];
  vec2 corner = vec2(float(v & 1), float((v >> 1) & 1)) * 2.0 - 1.0;
  float r = a_radius * u_radius_scale;
  // room for the antialiased edge
  float extent = r + 1.5 * u_css_per_device_px;
  v_offset_css = corner * extent;
  v_radius_css = r;
  v_color = a_color;
  gl_Position = css_to_clip(to_css(a_position) + v_offset_css);
}
"#;

const FRAGMENT: &str = r#"#version 300 es
precision highp float;
in vec2 v_offset_css;
in float v_radius_css;
in vec4 v_color;
uniform vec4 u_border;
uniform float u_css_per_device_px;
out vec4 out_color;
void main() {
  float d = length(v_offset_css);
  float aa = u_css_per_device_px;
  float coverage = 1.0 - smoothstep(v_radius_css - aa, v_radius_css, d);
  if (coverage <= 0.0) discard;
  // A thin ring, only on discs big enough to show it.
  float border = v_radius_css > 2.5 ? min(1.2, v_radius_css * 0.18) : 0.0;
  float ring = border > 0.0 ? smoothstep(v_radius_css - border - aa, v_radius_css - border, d) : 0.0;
  vec4 c = mix(v_color, vec4(u_border.rgb, 1.0), ring * u_border.a);
  float a = c.a * coverage;
  out_color = vec4(c.rgb * a, a);
}
"#;
