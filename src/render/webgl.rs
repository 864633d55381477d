//! The WebGL2 backend: builds each [`ProgramSpec`] the same way (one VAO and one interleaved
//! instance buffer per program) and draws ties then nodes.
//!
//! Instances are uploaded once per scene ([`WebGlMap::set_scene`]); a frame sets uniforms and
//! draws. Faint ties (the cloud of a big map, dimmed ties) are drawn as hairlines in one plain
//! line list (`programs::edge_hairline`: a third of the fragments of a tie quad, no coverage
//! sums, and no per-instance cost), the others as antialiased quads, on top.

use super::programs::{
    self, edge_hairline, edge_line, node_circle, tie_layer, AttributeKind, InstanceWriter,
    Primitive, ProgramSpec,
};
use super::{FrameDetail, FrameView, RenderError, Scene};
use tiemap_app::raster::{unhidden, Compose, Disc, Hairline, TieLayer};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    HtmlCanvasElement, WebGl2RenderingContext as Gl, WebGlBuffer, WebGlProgram, WebGlTexture,
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
    /// Where WebGL has no GPU behind it: the faint ties drawn on the CPU instead.
    software: Option<SoftwareTies>,
}

/// The faint ties drawn on the CPU (`tiemap_app::raster`) and laid over the background as
/// one texture, where WebGL is a software rasteriser: SwiftShader took 480 ms of the GPU
/// process to draw the 163,467 hairlines of a settled 30,000-connection map as `LINES`,
/// which `TieLayer` steps through in a fraction of that (`examples/wait.rs` prints it).
///
/// The people too: a big map's discs pile up (at 30,000 connections they cover the canvas 15
/// times over), and only those not wholly under others are sent to be drawn
/// (`raster::unhidden`), for each frame's camera.
struct SoftwareTies {
    lines: Vec<Hairline>,
    layer: TieLayer,
    texture: WebGlTexture,
    /// The texture's size (device pixels), once allocated.
    texture_size: (u32, u32),
    program: Program,
    /// The people a frame may draw, in draw order, with their colours.
    discs: Vec<Disc>,
    disc_rgba: Vec<[u8; 4]>,
}

/// A texture read texel for texel (nearest, clamped).
fn layer_texture(gl: &Gl) -> Result<WebGlTexture, RenderError> {
    let texture = gl
        .create_texture()
        .ok_or(RenderError::Allocation("texture"))?;
    gl.bind_texture(Gl::TEXTURE_2D, Some(&texture));
    for (key, value) in [
        (Gl::TEXTURE_MIN_FILTER, Gl::NEAREST),
        (Gl::TEXTURE_MAG_FILTER, Gl::NEAREST),
        (Gl::TEXTURE_WRAP_S, Gl::CLAMP_TO_EDGE),
        (Gl::TEXTURE_WRAP_T, Gl::CLAMP_TO_EDGE),
    ] {
        gl.tex_parameteri(Gl::TEXTURE_2D, key, value as i32);
    }
    gl.bind_texture(Gl::TEXTURE_2D, None);
    Ok(texture)
}

/// Whether `gl` draws on the CPU: its renderer (unmasked where the browser tells it) names a
/// software rasteriser (Chromium's SwiftShader, Mesa's llvmpipe and softpipe, Windows' basic
/// render driver).
fn is_software(gl: &Gl) -> bool {
    /// `WEBGL_debug_renderer_info`'s `UNMASKED_RENDERER_WEBGL`.
    const UNMASKED_RENDERER: u32 = 0x9246;
    let unmasked = gl
        .get_extension("WEBGL_debug_renderer_info")
        .ok()
        .flatten()
        .and_then(|_| gl.get_parameter(UNMASKED_RENDERER).ok())
        .and_then(|v| v.as_string());
    let plain = gl
        .get_parameter(Gl::RENDERER)
        .ok()
        .and_then(|v| v.as_string());
    [unmasked, plain].into_iter().flatten().any(|r| {
        let r = r.to_ascii_lowercase();
        [
            "swiftshader",
            "llvmpipe",
            "softpipe",
            "software",
            "basic render",
        ]
        .iter()
        .any(|s| r.contains(s))
    })
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
        let software = if is_software(&gl) {
            let program = compile(&gl, &tie_layer::SPEC)?;
            let texture = layer_texture(&gl)?;
            Some(SoftwareTies {
                lines: Vec::new(),
                layer: TieLayer::default(),
                texture,
                texture_size: (0, 0),
                program,
                discs: Vec::new(),
                disc_rgba: Vec::new(),
            })
        } else {
            None
        };
        Ok(WebGlMap {
            gl,
            canvas: canvas.clone(),
            nodes,
            edges,
            hairlines,
            software,
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
        let mut thin = InstanceWriter::with_capacity(
            if self.software.is_some() {
                0
            } else {
                upload.min(faint)
            },
            &edge_hairline::SPEC,
        );
        let mut cpu_lines = self.software.as_mut().map(|s| std::mem::take(&mut s.lines));
        if let Some(lines) = cpu_lines.as_mut() {
            lines.clear();
            lines.reserve(upload.min(faint));
        }
        // every tie in the order they are stored (by cluster: the CPU's memory reads stay
        // local), or an even sample of them
        let order: Box<dyn Iterator<Item = usize>> =
            if cpu_lines.is_some() && upload == scene.ties.len() {
                Box::new(0..upload)
            } else {
                Box::new(spread(scene.ties.len()).take(upload))
            };
        for k in order {
            let (Some(t), Some(rgba)) = (scene.ties.get(k), scene.tie_rgba.get(k)) else {
                continue;
            };
            let alpha = rgba[0][3].max(rgba[1][3]);
            if alpha == 0 {
                continue;
            }
            if alpha <= edge_hairline::HAIRLINE_MAX_ALPHA {
                match cpu_lines.as_mut() {
                    Some(lines) => lines.extend(Hairline::of(scene, k)),
                    None => edge_hairline::write(&mut thin, pos(t[0]), pos(t[1]), *rgba),
                }
            } else {
                edge_line::write(&mut bright, pos(t[0]), pos(t[1]), *rgba);
            }
        }
        if let (Some(s), Some(lines)) = (self.software.as_mut(), cpu_lines) {
            s.lines = lines;
        }
        self.edges.upload(&self.gl, &bright.bytes);
        self.hairlines.upload(&self.gl, &thin.bytes);
        let mut w = InstanceWriter::with_capacity(scene.len(), &node_circle::SPEC);
        if let Some(s) = self.software.as_mut() {
            s.discs.clear();
            s.disc_rgba.clear();
        }
        for i in scene.sampled_draw_order(detail.node_share) {
            let (Some(&r), Some(&c)) = (
                scene.radius_css_px.get(i as usize),
                scene.node_rgba.get(i as usize),
            ) else {
                continue;
            };
            match self.software.as_mut() {
                // sent with each frame, those its camera shows
                Some(s) => {
                    s.discs.push(Disc {
                        center: pos(i),
                        radius_css_px: r,
                        opaque: c[3] == 255,
                    });
                    s.disc_rgba.push(c);
                }
                None => node_circle::write(&mut w, pos(i), r, c),
            }
        }
        self.nodes.upload(&self.gl, &w.bytes);
    }

    pub fn draw(&mut self, view: &FrameView<'_>) {
        let (w, h) = (self.canvas.width(), self.canvas.height());
        let gl = &self.gl;
        gl.viewport(0, 0, w as i32, h as i32);
        gl.enable(Gl::BLEND);
        let [r, g, b] = view.theme.background;
        gl.clear_color(r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0, 1.0);
        gl.clear(Gl::COLOR_BUFFER_BIT);
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
        if let Some(s) = self.software.as_mut() {
            let compose = if view.theme.additive_ties {
                Compose::Add
            } else {
                Compose::Over
            };
            // the people not wholly under others, at this camera
            let keep = unhidden(&s.discs, &view.camera, view.radius_scale, w, h);
            let mut nodes = InstanceWriter::with_capacity(keep.len(), &node_circle::SPEC);
            for k in keep {
                if let (Some(d), Some(&c)) = (s.discs.get(k), s.disc_rgba.get(k)) {
                    node_circle::write(&mut nodes, d.center, d.radius_css_px, c);
                }
            }
            self.nodes.upload(gl, &nodes.bytes);
            s.layer
                .draw(w, h, &view.camera, &s.lines, TIE_THICKNESS_CSS_PX, compose);
            // only the part the ties inked is sent and laid over
            if let Some([x0, y0, x1, y1]) = s.layer.inked.filter(|r| r[2] > r[0] && r[3] > r[1]) {
                gl.active_texture(Gl::TEXTURE0);
                gl.bind_texture(Gl::TEXTURE_2D, Some(&s.texture));
                if s.texture_size != (w, h) {
                    let _ = gl
                        .tex_image_2d_with_i32_and_i32_and_i32_and_format_and_type_and_opt_u8_array(
                            Gl::TEXTURE_2D,
                            0,
                            Gl::RGBA8 as i32,
                            w as i32,
                            h as i32,
                            0,
                            Gl::RGBA,
                            Gl::UNSIGNED_BYTE,
                            None,
                        );
                    s.texture_size = (w, h);
                }
                for (key, value) in [
                    (Gl::UNPACK_ALIGNMENT, 1),
                    (Gl::UNPACK_ROW_LENGTH, w as i32),
                    (Gl::UNPACK_SKIP_PIXELS, x0 as i32),
                    (Gl::UNPACK_SKIP_ROWS, y0 as i32),
                ] {
                    gl.pixel_storei(key, value);
                }
                let _ = gl.tex_sub_image_2d_with_i32_and_i32_and_u32_and_type_and_opt_u8_array(
                    Gl::TEXTURE_2D,
                    0,
                    x0 as i32,
                    y0 as i32,
                    (x1 - x0) as i32,
                    (y1 - y0) as i32,
                    Gl::RGBA,
                    Gl::UNSIGNED_BYTE,
                    Some(&s.layer.pixels),
                );
                for key in [
                    Gl::UNPACK_ROW_LENGTH,
                    Gl::UNPACK_SKIP_PIXELS,
                    Gl::UNPACK_SKIP_ROWS,
                ] {
                    gl.pixel_storei(key, 0);
                }
                // the layer's rows run from the top, clip space's y from the bottom
                let (fw, fh) = (w as f32, h as f32);
                let mut quad = InstanceWriter::with_capacity(1, &tie_layer::SPEC);
                tie_layer::write(
                    &mut quad,
                    [
                        x0 as f32 / fw * 2.0 - 1.0,
                        1.0 - y1 as f32 / fh * 2.0,
                        x1 as f32 / fw * 2.0 - 1.0,
                        1.0 - y0 as f32 / fh * 2.0,
                    ],
                );
                s.program.upload(gl, &quad.bytes);
                s.program.draw(gl, view, |gl, p| {
                    gl.uniform1i(p.uniform("u_layer"), 0);
                });
                gl.bind_texture(Gl::TEXTURE_2D, None);
            }
        }
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

    /// Whether the faint ties are drawn on the CPU (WebGL here has no GPU behind it).
    pub fn draws_ties_on_cpu(&self) -> bool {
        self.software.is_some()
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
