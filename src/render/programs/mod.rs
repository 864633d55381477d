//! Render programs, one per visual type, declared as data (after sigma.js's
//! `rendering/programs/node-circle`): shaders, the per-instance attributes with their layout
//! in one interleaved buffer, and the uniforms. A new kind of mark is a new file here;
//! `webgl.rs` builds any of them the same way.
//!
//! Every program draws one quad per instance (`TRIANGLE_STRIP`, 4 vertices, corners from
//! `gl_VertexID`) and shares the camera uniforms: positions are turned into CSS pixels from
//! the viewport's centre (`(pos_in_graph - u_center) * u_zoom`), then into clip space with
//! `u_css_to_clip = (2 / width, -2 / height)`.

pub mod edge_line;
pub mod node_circle;

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

/// A program: shaders, instance attributes (interleaved, in this order) and uniforms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramSpec {
    pub name: &'static str,
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
    pub fn with_capacity(instances: usize, spec: &ProgramSpec) -> Self {
        InstanceWriter {
            bytes: Vec::with_capacity(instances * spec.stride() as usize),
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
        for spec in [&node_circle::SPEC, &edge_line::SPEC] {
            let mut w = InstanceWriter::default();
            match spec.name {
                "node-circle" => node_circle::write(&mut w, [1.0, 2.0], 3.0, [1, 2, 3, 4]),
                _ => edge_line::write(&mut w, [0.0, 0.0], [1.0, 1.0], [[1, 2, 3, 4], [5, 6, 7, 8]]),
            }
            assert_eq!(w.bytes.len() as i32, spec.stride(), "{}", spec.name);
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

    fn glsl_type(a: &AttributeSpec) -> &'static str {
        match a.size {
            1 => "float",
            2 => "vec2",
            3 => "vec3",
            _ => "vec4",
        }
    }
}
