//! Render programs, one per visual type, declared as data (after sigma.js's
//! `rendering/programs/node-circle`): shaders, the per-instance attributes with their layout
//! in one interleaved buffer, and the uniforms. A new kind of mark is a new file here;
//! `webgl.rs` builds any of them the same way.
//!
//! Every program draws one small primitive per mark (a quad as 6 vertices of a plain triangle
//! list, or a 2-vertex line; see [`Primitive`]), with corners from `gl_VertexID`, and shares the camera uniforms: positions are turned into CSS pixels from
//! the viewport's centre (`(pos_in_graph - u_center) * u_zoom`), then into clip space with
//! `u_css_to_clip = (2 / width, -2 / height)`.

pub mod edge_hairline;
pub mod edge_line;
pub mod node_circle;
pub mod tie_layer;

/// How one attribute is stored in the instance buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeKind {
    /// `size` 32-bit floats.
    F32,
    /// `size` bytes read as normalised floats in [0, 1] (colours).
    U8Normalized,
}

/// One per-instance attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttributeSpec {
    pub name: &'static str,
    pub size: i32,
    pub kind: AttributeKind,
}

impl AttributeSpec {
    pub fn bytes(&self) -> i32 {
        match self.kind {
            AttributeKind::F32 => 4 * self.size,
            AttributeKind::U8Normalized => self.size,
        }
    }
}

/// How a program's buffer is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Primitive {
    /// A plain triangle list: the writer repeats each mark's record for its 6 vertices (two
    /// triangles, corners from `gl_VertexID % 6`). One draw of many vertices costs a software
    /// rasteriser (SwiftShader, where there is no GPU) far less than as many instances.
    QuadList,
    /// A plain line list: one record per vertex, two per mark, each one device pixel wide.
    LineList,
}

impl Primitive {
    /// Records written per mark (the vertices of a plain list).
    pub fn records_per_mark(self) -> usize {
        match self {
            Primitive::QuadList => 6,
            Primitive::LineList => 2,
        }
    }
}

/// A program: shaders, instance attributes (interleaved, in this order) and uniforms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramSpec {
    pub name: &'static str,
    pub primitive: Primitive,
    pub vertex_shader: &'static str,
    pub fragment_shader: &'static str,
    pub attributes: &'static [AttributeSpec],
    pub uniforms: &'static [&'static str],
}

impl ProgramSpec {
    /// Bytes per instance in the interleaved buffer.
    pub fn stride(&self) -> i32 {
        self.attributes.iter().map(AttributeSpec::bytes).sum()
    }
}

/// Writes instance data in a program's interleaved layout.
#[derive(Default)]
pub struct InstanceWriter {
    pub bytes: Vec<u8>,
}

impl InstanceWriter {
    /// Room for `marks` marks (nodes, ties) of `spec`.
    pub fn with_capacity(marks: usize, spec: &ProgramSpec) -> Self {
        InstanceWriter {
            bytes: Vec::with_capacity(
                marks * spec.primitive.records_per_mark() * spec.stride() as usize,
            ),
        }
    }

    pub fn f32s(&mut self, values: &[f32]) {
        for v in values {
            self.bytes.extend_from_slice(&v.to_le_bytes());
        }
    }

    pub fn rgba(&mut self, c: [u8; 4]) {
        self.bytes.extend_from_slice(&c);
    }
}

/// Shared vertex-shader prelude: camera uniforms and the quad corner.
pub const CAMERA_GLSL: &str = r#"
uniform vec2 u_center;
uniform float u_zoom;
uniform vec2 u_css_to_clip;
uniform float u_css_per_device_px;
vec2 to_css(vec2 pos_in_graph) { return (pos_in_graph - u_center) * u_zoom; }
vec4 css_to_clip(vec2 css) { return vec4(css * u_css_to_clip, 0.0, 1.0); }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strides_match_the_writers() {
        for spec in [
            &node_circle::SPEC,
            &edge_line::SPEC,
            &edge_hairline::SPEC,
            &tie_layer::SPEC,
        ] {
            let mut w = InstanceWriter::default();
            match spec.name {
                "node-circle" => node_circle::write(&mut w, [1.0, 2.0], 3.0, [1, 2, 3, 4]),
                "tie-layer" => tie_layer::write(&mut w, [-1.0, -1.0, 1.0, 1.0]),
                "edge-hairline" => edge_hairline::write(
                    &mut w,
                    [0.0, 0.0],
                    [1.0, 1.0],
                    [[1, 2, 3, 4], [5, 6, 7, 8]],
                ),
                _ => edge_line::write(&mut w, [0.0, 0.0], [1.0, 1.0], [[1, 2, 3, 4], [5, 6, 7, 8]]),
            }
            let records = spec.primitive.records_per_mark() as i32;
            assert_eq!(
                w.bytes.len() as i32,
                spec.stride() * records,
                "{}",
                spec.name
            );
            for u in spec.uniforms {
                let in_vs = spec.vertex_shader.contains(u) || CAMERA_GLSL.contains(u);
                assert!(in_vs || spec.fragment_shader.contains(u), "{} unused", u);
            }
            for a in spec.attributes {
                assert!(spec.vertex_shader.contains(&format!("in {}", glsl_type(a))));
                assert!(spec.vertex_shader.contains(a.name));
            }
        }
    }

    #[test]
    fn plain_lists_repeat_or_split_each_mark() {
        // a node's record, six times over (one per vertex of its two triangles)
        let mut w = InstanceWriter::default();
        node_circle::write(&mut w, [1.0, 2.0], 3.0, [9, 8, 7, 6]);
        let stride = node_circle::SPEC.stride() as usize;
        assert_eq!(node_circle::SPEC.primitive, Primitive::QuadList);
        for v in 1..6 {
            assert_eq!(w.bytes[..stride], w.bytes[v * stride..(v + 1) * stride]);
        }
        // a hairline: its source end, then its target end, each with its own colour
        let mut w = InstanceWriter::default();
        edge_hairline::write(&mut w, [1.0, 2.0], [3.0, 4.0], [[1, 2, 3, 4], [5, 6, 7, 8]]);
        let f = |i: usize| f32::from_le_bytes(w.bytes[i..i + 4].try_into().unwrap_or([0; 4]));
        assert_eq!([f(0), f(4)], [1.0, 2.0]);
        assert_eq!(w.bytes[8..12], [1, 2, 3, 4]);
        assert_eq!([f(12), f(16)], [3.0, 4.0]);
        assert_eq!(w.bytes[20..24], [5, 6, 7, 8]);
    }

    fn glsl_type(a: &AttributeSpec) -> &'static str {
        match a.size {
            1 => "float",
            2 => "vec2",
            3 => "vec3",
            _ => "vec4",
        }
    }
}
