//! The WebGL2 backend: builds each [`ProgramSpec`] the same way (one VAO and one interleaved
//! instance buffer per program) and draws ties then nodes.
//!
//! Instances are uploaded once per scene ([`WebGlMap::set_scene`]); a frame sets uniforms and
//! draws. Faint ties (the cloud of a big map, dimmed ties) are drawn as hairlines in one plain
//! line list (`programs::edge_hairline`: a third of the fragments of a tie quad, no coverage
//! sums, and no per-instance cost), the others as antialiased quads, on top.

use super::programs::{
    self, edge_hairline, edge_line, node_circle, AttributeKind, InstanceWriter, Primitive,
    ProgramSpec,
};
use super::{FrameDetail, FrameView, RenderError, Scene};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    HtmlCanvasElement, WebGl2RenderingContext as Gl, WebGlBuffer, WebGlProgram,
    WebGlUniformLocation, WebGlVertexArrayObject,
};

/// Tie thickness, CSS pixels.
const TIE_THICKNESS_CSS_PX: f32 = 0.7;

/// One built program with its instance buffer.
struct Program {
    spec: &'static ProgramSpec,
    program: WebGlProgram,
    vao: WebGlVertexArrayObject,
    buffer: WebGlBuffer,
    uniforms: Vec<Option<WebGlUniformLocation>>,
    /// Records in the buffer: instances, or vertices of a plain list.
    instances: i32,
}

fn compile(gl: &Gl, spec: &'static ProgramSpec) -> Result<Program, RenderError> {
    let shader = |kind: u32, source: &str| -> Result<web_sys::WebGlShader, RenderError> {
        let source = source.replace("//CAMERA", programs::CAMERA_GLSL);
        let s = gl
            .create_shader(kind)
            .ok_or(RenderError::Allocation("shader"))?;
        gl.shader_source(&s, &source);
        gl.compile_shader(&s);
        if gl
            .get_shader_parameter(&s, Gl::COMPILE_STATUS)
            .as_bool()
            .unwrap_or(false)
        {
            Ok(s)
        } else {
            Err(RenderError::Shader {
                program: spec.name,
                log: gl.get_shader_info_log(&s).unwrap_or_default(),
            })
        }
    };
    let vs = shader(Gl::VERTEX_SHADER, spec.vertex_shader)?;
    let fs = shader(Gl::FRAGMENT_SHADER, spec.fragment_shader)?;
    let program = gl
        .create_program()
        .ok_or(RenderError::Allocation("program"))?;
    gl.attach_shader(&program, &vs);
    gl.attach_shader(&program, &fs);
    gl.link_program(&program);
    gl.delete_shader(Some(&vs));
    gl.delete_shader(Some(&fs));
    if !gl
        .get_program_parameter(&program, Gl::LINK_STATUS)
        .as_bool()
        .unwrap_or(false)
    {
        return Err(RenderError::Shader {
            program: spec.name,
            log: gl.get_program_info_log(&program).unwrap_or_default(),
        });
    }
    let vao = gl
        .create_vertex_array()
        .ok_or(RenderError::Allocation("vertex array"))?;
    let buffer = gl
        .create_buffer()
        .ok_or(RenderError::Allocation("buffer"))?;
    gl.bind_vertex_array(Some(&vao));
    gl.bind_buffer(Gl::ARRAY_BUFFER, Some(&buffer));
    let stride = spec.stride();
    let mut offset = 0;
    for a in spec.attributes {
        let loc = gl.get_attrib_location(&program, a.name);
        if loc >= 0 {
            let loc = loc as u32;
            gl.enable_vertex_attrib_array(loc);
            match a.kind {
                AttributeKind::F32 => {
                    gl.vertex_attrib_pointer_with_i32(loc, a.size, Gl::FLOAT, false, stride, offset)
                }
                AttributeKind::U8Normalized => gl.vertex_attrib_pointer_with_i32(
                    loc,
                    a.size,
                    Gl::UNSIGNED_BYTE,
                    true,
                    stride,
                    offset,
                ),
            }
            if spec.primitive == Primitive::InstancedQuad {
                gl.vertex_attrib_divisor(loc, 1);
            }
        }
        offset += a.bytes();
    }
    gl.bind_vertex_array(None);
    let uniforms = spec
        .uniforms
        .iter()
        .map(|u| gl.get_uniform_location(&program, u))
        .collect();
    Ok(Program {
        spec,
        program,
        vao,
        buffer,
        uniforms,
        instances: 0,
    })
}

impl Program {
    fn upload(&mut self, gl: &Gl, bytes: &[u8]) {
        gl.bind_buffer(Gl::ARRAY_BUFFER, Some(&self.buffer));
        gl.buffer_data_with_u8_array(Gl::ARRAY_BUFFER, bytes, Gl::DYNAMIC_DRAW);
        self.instances = (bytes.len() / self.spec.stride().max(1) as usize) as i32;
    }

    fn uniform(&self, name: &str) -> Option<&WebGlUniformLocation> {
        let i = self.spec.uniforms.iter().position(|u| *u == name)?;
        self.uniforms.get(i)?.as_ref()
    }

    fn draw(&self, gl: &Gl, view: &FrameView<'_>, extra: impl Fn(&Gl, &Program)) {
        if self.instances == 0 {
            return;
        }
        let c = &view.camera;
        let [w, h] = c.viewport_css_px;
        gl.use_program(Some(&self.program));
        gl.uniform2f(
            self.uniform("u_center"),
            c.center_in_graph[0],
            c.center_in_graph[1],
        );
        gl.uniform1f(self.uniform("u_zoom"), c.zoom);
        gl.uniform2f(
            self.uniform("u_css_to_clip"),
            2.0 / w.max(1.0),
            -2.0 / h.max(1.0),
        );
        gl.uniform1f(
            self.uniform("u_css_per_device_px"),
            1.0 / view.device_pixel_ratio.max(0.25),
        );
        extra(gl, self);
        gl.bind_vertex_array(Some(&self.vao));
        match self.spec.primitive {
            Primitive::InstancedQuad => {
                gl.draw_arrays_instanced(Gl::TRIANGLE_STRIP, 0, 4, self.instances)
            }
            Primitive::QuadList => gl.draw_arrays(Gl::TRIANGLES, 0, self.instances),
            Primitive::LineList => gl.draw_arrays(Gl::LINES, 0, self.instances),
        }
        gl.bind_vertex_array(None);
    }
}

/// The WebGL2 map renderer.
pub struct WebGlMap {
    gl: Gl,
    canvas: HtmlCanvasElement,
    nodes: Program,
    /// Ties brighter than `edge_hairline::HAIRLINE_MAX_ALPHA`, as quads.
    edges: Program,
    /// The faint ties, as hairlines.
    hairlines: Program,
}

impl WebGlMap {
    /// A WebGL2 context on `canvas` with both programs built. The drawing buffer is kept
    /// (`preserveDrawingBuffer`) so the map can be read back (PNG export, tests).
    pub fn new(canvas: &HtmlCanvasElement) -> Result<WebGlMap, RenderError> {
        let options = js_sys::Object::new();
        for (key, value) in [
            ("antialias", false),
            ("alpha", false),
            ("premultipliedAlpha", true),
            ("preserveDrawingBuffer", true),
            ("depth", false),
        ] {
            let _ = js_sys::Reflect::set(&options, &key.into(), &JsValue::from_bool(value));
        }
        let gl: Gl = canvas
            .get_context_with_context_options("webgl2", &options)
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into().ok())
            .ok_or(RenderError::NoContext("webgl2"))?;
        let nodes = compile(&gl, &node_circle::SPEC)?;
        let edges = compile(&gl, &edge_line::SPEC)?;
        let hairlines = compile(&gl, &edge_hairline::SPEC)?;
        Ok(WebGlMap {
            gl,
            canvas: canvas.clone(),
            nodes,
            edges,
            hairlines,
        })
    }

    /// Uploads the scene's instances (ties, then nodes in draw order): `detail`'s share of the
    /// ties and of the people, even samples of them (the hubs always): where there is no GPU,
    /// the uploads of a big map, every frame while the layout moves it, cost as much as
    /// drawing it.
    pub fn set_scene(&mut self, scene: &Scene, detail: FrameDetail) {
        let tie_share = detail.tie_share;
        let pos = |i: u32| -> [f32; 2] {
            let i = i as usize * 2;
            match (scene.pos_in_graph.get(i), scene.pos_in_graph.get(i + 1)) {
                (Some(&x), Some(&y)) => [x, y],
                _ => [f32::NAN, f32::NAN],
            }
        };
        // In a spread-out order, so the part uploaded is an even sample of the map's ties.
        let upload = ((scene.ties.len() as f64 * tie_share.clamp(0.0, 1.0) as f64).round()
            as usize)
            .min(scene.ties.len());
        // room for what is uploaded, not for every tie (a moving frame of a 1,000,000-tie map
        // uploads a few thousand)
        let faint = if upload == 0 {
            0
        } else {
            scene
                .tie_rgba
                .iter()
                .filter(|c| c[0][3].max(c[1][3]) <= edge_hairline::HAIRLINE_MAX_ALPHA)
                .count()
        };
        let mut bright =
            InstanceWriter::with_capacity(upload.min(scene.ties.len() - faint), &edge_line::SPEC);
        let mut thin = InstanceWriter::with_capacity(upload.min(faint), &edge_hairline::SPEC);
        for k in spread(scene.ties.len()).take(upload) {
            let (Some(t), Some(rgba)) = (scene.ties.get(k), scene.tie_rgba.get(k)) else {
                continue;
            };
            let alpha = rgba[0][3].max(rgba[1][3]);
            if alpha == 0 {
                continue;
            }
            if alpha <= edge_hairline::HAIRLINE_MAX_ALPHA {
                edge_hairline::write(&mut thin, pos(t[0]), pos(t[1]), *rgba);
            } else {
                edge_line::write(&mut bright, pos(t[0]), pos(t[1]), *rgba);
            }
        }
        self.edges.upload(&self.gl, &bright.bytes);
        self.hairlines.upload(&self.gl, &thin.bytes);
        let mut w = InstanceWriter::with_capacity(scene.len(), &node_circle::SPEC);
        for i in scene.sampled_draw_order(detail.node_share) {
            let (Some(&r), Some(&c)) = (
                scene.radius_css_px.get(i as usize),
                scene.node_rgba.get(i as usize),
            ) else {
                continue;
            };
            node_circle::write(&mut w, pos(i), r, c);
        }
        self.nodes.upload(&self.gl, &w.bytes);
    }

    pub fn draw(&mut self, view: &FrameView<'_>) {
        let gl = &self.gl;
        gl.viewport(
            0,
            0,
            self.canvas.width() as i32,
            self.canvas.height() as i32,
        );
        let [r, g, b] = view.theme.background;
        gl.clear_color(r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0, 1.0);
        gl.clear(Gl::COLOR_BUFFER_BIT);
        gl.enable(Gl::BLEND);
        // 1) ties: premultiplied "over", or additive glow on dark backgrounds
        if view.theme.additive_ties {
            gl.blend_func(Gl::ONE, Gl::ONE);
        } else {
            gl.blend_func(Gl::ONE, Gl::ONE_MINUS_SRC_ALPHA);
        }
        let thickness = |gl: &Gl, p: &Program| {
            gl.uniform1f(p.uniform("u_thickness_css_px"), TIE_THICKNESS_CSS_PX);
        };
        self.hairlines.draw(gl, view, thickness);
        self.edges.draw(gl, view, thickness);
        // 2) nodes, smallest first
        gl.blend_func(Gl::ONE, Gl::ONE_MINUS_SRC_ALPHA);
        let radius_scale = view.radius_scale;
        let border = view.theme.node_border;
        self.nodes.draw(gl, view, |gl, p| {
            gl.uniform1f(p.uniform("u_radius_scale"), radius_scale);
            gl.uniform4f(
                p.uniform("u_border"),
                border[0] as f32 / 255.0,
                border[1] as f32 / 255.0,
                border[2] as f32 / 255.0,
                border[3] as f32 / 255.0,
            );
        });
    }

    /// Blocks until the GPU has finished: `finish` alone may return before (Chromium), so one
    /// pixel is read back too, which waits for every draw before it.
    pub fn finish(&self) {
        self.gl.finish();
        let mut pixel = [0u8; 4];
        let _ = self.gl.read_pixels_with_opt_u8_array(
            0,
            0,
            1,
            1,
            Gl::RGBA,
            Gl::UNSIGNED_BYTE,
            Some(&mut pixel),
        );
    }

    /// The context, for read-back in tests.
    pub fn context(&self) -> &Gl {
        &self.gl
    }
}

/// `0..n` in an order that spreads over the whole range: a fixed stride coprime with `n`, so
/// every prefix is an even sample (every k-th tie, give or take) of ties stored by cluster.
fn spread(n: usize) -> impl Iterator<Item = usize> {
    // a prime far from any small divisor; bumped until coprime with n
    let mut stride = 7_919 % n.max(1);
    while n > 1 && gcd(stride.max(1), n) != 1 {
        stride += 1;
    }
    let stride = stride.max(1);
    (0..n).map(move |j| (j * stride) % n)
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
