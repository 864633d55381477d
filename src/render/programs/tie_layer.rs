//! The faint ties drawn on the CPU (`tiemap_app::raster::TieLayer`, where WebGL has no GPU
//! behind it), laid over the background as one texture of the canvas's size: one quad over
//! the part they inked, each fragment its own texel (premultiplied, composed as ties are).

use super::{AttributeKind, AttributeSpec, InstanceWriter, Primitive, ProgramSpec};

pub const SPEC: ProgramSpec = ProgramSpec {
    name: "tie-layer",
    primitive: Primitive::QuadList,
    vertex_shader: VERTEX,
    fragment_shader: FRAGMENT,
    attributes: &[AttributeSpec {
        name: "a_rect",
        size: 4,
        kind: AttributeKind::F32,
    }],
    uniforms: &["u_layer"],
};

/// The quad: `[x0, y0, x1, y1]` in clip space, the part of the canvas the layer inked.
pub fn write(w: &mut InstanceWriter, rect_in_clip: [f32; 4]) {
    for _ in 0..SPEC.primitive.records_per_mark() {
        w.f32s(&rect_in_clip);
    }
}

const VERTEX: &str = r#"#version 300 es
in vec4 a_rect;
// the 6 vertices of two triangles, as corners of a strip (0 1 2 3)
const int STRIP[6] = int[6](0, 1, 2, 2, 1, 3);
void main() {
  int v = STRIP[gl_VertexID % 6];
  vec2 corner = vec2(float(v & 1), float((v >> 1) & 1));
  gl_Position = vec4(mix(a_rect.xy, a_rect.zw, corner), 0.0, 1.0);
}
"#;

// The layer's rows run from the top; the framebuffer's from the bottom.
const FRAGMENT: &str = r#"#version 300 es
precision mediump float;
uniform mediump sampler2D u_layer;
out vec4 out_color;
void main() {
  ivec2 size = textureSize(u_layer, 0);
  ivec2 p = ivec2(gl_FragCoord.xy);
  out_color = texelFetch(u_layer, ivec2(p.x, size.y - 1 - p.y), 0);
}
"#;
