//! The map: WebGL2 (or Canvas 2D) below, names on a 2D overlay above; pan, zoom, pinch,
//! keyboard, hover card, click to select, drag a node to pin it, search, fit.
//!
//! What is drawn lives in an `Engine` kept across renders (`use_mut_ref`); Yew renders only
//! the DOM around it (canvases, the hover card, the search box). Every change schedules one
//! redraw on the next animation frame, so a burst of pointer events costs one frame.

use crate::components::hover_card::HoverCard;
use crate::components::search_box::SearchBox;
use crate::render::labels::{paint_labels, place_labels, LabelCache, LabelKind};
use crate::render::{FrameView, MapRenderer, Theme, ThemeKind};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::{Rc, Weak};
use tiemap_app::model::MapData;
use tiemap_app::model::NameMode;
use tiemap_app::outline::{MapCursor, MapKey, MapStep, Outline};
use tiemap_app::scene::{radius_scale, Emphasis, Scene, RADIUS_MAX_CSS_PX};
use tiemap_app::scene::{DrawBudget, FrameDetail};
use tiemap_core::view::camera::{Bounds, Camera};
use tiemap_core::view::hit::HitGrid;
use tiemap_core::view::labels::ScreenRect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties)]
pub struct MapCanvasProps {
    pub map: Rc<MapData>,
    /// The latest positions (`[x0, y0, ...]`, graph space), streamed while the layout runs.
    pub positions: Rc<Vec<f32>>,
    /// Changes when a new map replaces the old one (the view refits).
    pub version: u32,
    /// Light or dark map.
    #[prop_or_default]
    pub theme: ThemeKind,
    /// One value per node that sizes it instead of its degree (None: degree).
    #[prop_or_default]
    pub size_by: Option<Rc<Vec<f32>>>,
    /// Dims every cluster but this one.
    #[prop_or_default]
    pub highlighted_cluster: Option<u32>,
    /// The growth timeline's month: only people connected by then are drawn.
    #[prop_or_default]
    pub until: Option<u32>,
    /// A click on a person (Some) or on empty space (None), or a search choice.
    #[prop_or_default]
    pub on_select: Callback<Option<usize>>,
    /// A person dragged to a new place (graph space), to pin them there.
    #[prop_or_default]
    pub on_pin: Callback<(usize, [f32; 2])>,
    /// A click on a cluster's name on the map (to rename it).
    #[prop_or_default]
    pub on_cluster_name: Callback<u32>,
    /// The light/dark switch was pressed (the button is shown when this is set).
    #[prop_or_default]
    pub on_toggle_theme: Option<Callback<()>>,
    /// The layout is moving the map: frames may draw a sample of the ties (see `DrawBudget`).
    #[prop_or_default]
    pub moving: bool,
}

/// Shared data compared by identity: a new map or a new frame of positions is a new `Rc`, and
/// comparing 30,000 positions (or a whole map) value by value on every render of the page
/// cost more than the render itself.
impl PartialEq for MapCanvasProps {
    fn eq(&self, o: &Self) -> bool {
        let same = |a: &Option<Rc<Vec<f32>>>, b: &Option<Rc<Vec<f32>>>| match (a, b) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        Rc::ptr_eq(&self.map, &o.map)
            && Rc::ptr_eq(&self.positions, &o.positions)
            && self.version == o.version
            && self.theme == o.theme
            && same(&self.size_by, &o.size_by)
            && self.highlighted_cluster == o.highlighted_cluster
            && self.until == o.until
            && self.on_select == o.on_select
            && self.on_pin == o.on_pin
            && self.on_cluster_name == o.on_cluster_name
            && self.on_toggle_theme == o.on_toggle_theme
            && self.moving == o.moving
    }
}

/// A pointer gesture under way.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gesture {
    Idle,
    /// One pointer down: a click, a pan (on empty space) or a node drag, once it moves.
    Press {
        start_css_px: [f32; 2],
        last_css_px: [f32; 2],
        node: Option<usize>,
        moved: bool,
    },
    /// Two pointers: pinch to zoom (and pan with their midpoint).
    Pinch {
        last_distance_css_px: f32,
        last_mid_css_px: [f32; 2],
    },
}

/// A camera flight (search result).
#[derive(Clone, Copy, Debug)]
struct Flight {
    from: Camera,
    to: Camera,
    start_ms: Option<f64>,
    duration_ms: f64,
}

/// Pointer moves shorter than this are still a click.
const CLICK_SLOP_CSS_PX: f32 = 4.0;
/// The pointer may miss a node by this much and still hit it.
const PICK_SLOP_CSS_PX: f32 = 2.0;
const FIT_MARGIN_CSS_PX: f32 = 48.0;

/// What the canvas keeps between frames.
struct Engine {
    base: Option<HtmlCanvasElement>,
    overlay: Option<HtmlCanvasElement>,
    renderer: Option<MapRenderer>,
    overlay_ctx: Option<CanvasRenderingContext2d>,
    map: Rc<MapData>,
    version: Option<u32>,
    positions: Rc<Vec<f32>>,
    /// Nodes the person dragged: their place wins over streamed positions until the next map.
    pins: BTreeMap<usize, [f32; 2]>,
    size_by: Option<Rc<Vec<f32>>>,
    emphasis: Emphasis,
    theme: ThemeKind,
    scene: Scene,
    scene_stale: bool,
    positions_stale: bool,
    hit: Option<HitGrid>,
    /// Cluster names on screen (CSS pixels), from the last frame.
    cluster_names: Vec<(u32, ScreenRect)>,
    camera: Option<Camera>,
    fitted: Option<Camera>,
    /// The person panned or zoomed: keep their camera while positions stream.
    user_camera: bool,
    flight: Option<Flight>,
    labels: LabelCache,
    gesture: Gesture,
    pointers: BTreeMap<i32, [f32; 2]>,
    hovered: Option<usize>,
    /// The cluster the keyboard is on (shown like a highlighted cluster while the map has
    /// the focus), and the one the page highlights (the legend's).
    keyboard_cluster: Option<u32>,
    page_highlight: Option<u32>,
    frame_pending: bool,
    raf: Option<Closure<dyn FnMut(f64)>>,
    /// The last props brought only a new frame of the moving layout.
    only_streamed: bool,
    /// When the last frame ended and what it cost (its task, and the GPU's part where it is
    /// on the CPU), milliseconds: frames of the moving layout are paced on it.
    last_frame_end_ms: f64,
    last_frame_cost_ms: f64,
    /// A frame of the moving layout waiting its turn.
    paced: Option<gloo::timers::callback::Timeout>,
    /// The page was told a map is drawn still (`tiemap-still`).
    told_still: bool,
    /// The layout is moving the map.
    moving: bool,
    /// How much of the ties a moving frame draws on this machine.
    budget: DrawBudget,
    /// What the frames draw now (the ties in the renderer's scene, the map canvas's resolution).
    detail: FrameDetail,
}

impl Engine {
    fn new(map: Rc<MapData>, positions: Rc<Vec<f32>>) -> Engine {
        Engine {
            base: None,
            overlay: None,
            renderer: None,
            overlay_ctx: None,
            map,
            version: None,
            positions,
            pins: BTreeMap::new(),
            size_by: None,
            emphasis: Emphasis::default(),
            theme: ThemeKind::Light,
            scene: Scene::default(),
            scene_stale: true,
            positions_stale: true,
            hit: None,
            cluster_names: Vec::new(),
            camera: None,
            fitted: None,
            user_camera: false,
            flight: None,
            labels: LabelCache::default(),
            gesture: Gesture::Idle,
            pointers: BTreeMap::new(),
            hovered: None,
            keyboard_cluster: None,
            page_highlight: None,
            frame_pending: false,
            raf: None,
            only_streamed: false,
            last_frame_end_ms: 0.0,
            last_frame_cost_ms: 0.0,
            paced: None,
            told_still: false,
            moving: false,
            budget: DrawBudget::default(),
            detail: FrameDetail::FULL,
        }
    }

    /// Takes the latest props; returns whether anything changed.
    fn sync(&mut self, p: &MapCanvasProps) -> bool {
        // whether anything but the streamed positions changed
        let mut other = false;
        if self.version != Some(p.version) || !Rc::ptr_eq(&self.map, &p.map) {
            self.version = Some(p.version);
            self.map = p.map.clone();
            self.pins.clear();
            self.emphasis.selected = None;
            self.hovered = None;
            self.keyboard_cluster = None;
            self.user_camera = false;
            self.flight = None;
            self.camera = None;
            self.scene_stale = true;
            self.budget.new_map();
            other = true;
        }
        let streamed = !Rc::ptr_eq(&self.positions, &p.positions);
        if streamed {
            self.positions = p.positions.clone();
            self.positions_stale = true;
        }
        if self.theme != p.theme {
            self.theme = p.theme;
            self.scene_stale = true;
            other = true;
        }
        if self.size_by != p.size_by {
            self.size_by = p.size_by.clone();
            self.scene_stale = true;
            other = true;
        }
        if self.emphasis.until != p.until {
            self.emphasis.until = p.until;
            self.scene_stale = true;
            other = true;
        }
        if self.moving != p.moving {
            // the frame once the map is still draws every tie; a frame of the moving layout
            // still waiting its turn is not needed any more
            self.moving = p.moving;
            self.paced = None;
            other = true;
        }
        self.page_highlight = p.highlighted_cluster;
        other |= self.show_highlight();
        // A new frame of the moving layout, and nothing else: it may wait its turn (`pace`).
        self.only_streamed = streamed && self.moving && !other;
        streamed || other
    }

    /// The cluster the keyboard is on, highlighted unless the page highlights one.
    fn set_keyboard_cluster(&mut self, id: Option<u32>) {
        self.keyboard_cluster = id;
        self.show_highlight();
    }

    fn show_highlight(&mut self) -> bool {
        let shown = self.page_highlight.or(self.keyboard_cluster);
        if self.emphasis.highlighted_cluster == shown {
            return false;
        }
        self.emphasis.highlighted_cluster = shown;
        self.scene_stale = true;
        true
    }

    /// Positions with the person's pins applied.
    fn effective_positions(&self) -> Vec<f32> {
        let mut pos = self.positions.as_ref().clone();
        for (&i, p) in &self.pins {
            if let Some(slot) = pos.get_mut(2 * i..2 * i + 2) {
                slot.copy_from_slice(p);
            }
        }
        pos
    }

    fn ensure_renderer(&mut self) {
        if self.renderer.is_none() {
            if let Some(base) = &self.base {
                match MapRenderer::attach(base) {
                    Ok(r) => {
                        let _ = base.set_attribute("data-renderer", r.kind().as_str());
                        let _ = base.set_attribute("data-faint-ties", r.faint_ties());
                        if let Some(o) = &self.overlay {
                            let _ = o.set_attribute("data-renderer", r.kind().as_str());
                        }
                        self.renderer = Some(r);
                        self.scene_stale = true;
                    }
                    Err(e) => gloo::console::error!(format!("The map cannot be drawn: {e}")),
                }
            }
        }
        if self.overlay_ctx.is_none() {
            self.overlay_ctx = self
                .overlay
                .as_ref()
                .and_then(|o| o.get_context("2d").ok().flatten())
                .and_then(|c| c.dyn_into().ok());
        }
    }

    /// Brings the scene, the GPU buffers and the fitted camera up to date.
    fn prepare(&mut self) {
        let theme = Theme::of(self.theme);
        if self.scene_stale {
            let pos = self.effective_positions();
            self.scene = Scene::build(
                &self.map,
                &pos,
                self.size_by.as_deref().map(|v| v.as_slice()),
                self.emphasis,
                theme,
            );
            self.scene_stale = false;
            self.positions_stale = true;
        } else if self.positions_stale {
            let pos = self.effective_positions();
            if !self.scene.set_positions(&pos) {
                self.scene = Scene::build(
                    &self.map,
                    &pos,
                    self.size_by.as_deref().map(|v| v.as_slice()),
                    self.emphasis,
                    theme,
                );
            }
        }
        // While the layout moves the map, a frame draws what this machine draws in
        // `DrawBudget::FRAME_MS` (samples of the ties and people where drawing is slow);
        // everything once the map is still. A new sample is a new upload.
        let detail = self
            .budget
            .detail(self.scene.len(), self.scene.ties.len(), self.moving);
        let resample = (detail.tie_share, detail.node_share)
            != (self.detail.tie_share, self.detail.node_share);
        self.detail = detail;
        let moved = std::mem::take(&mut self.positions_stale);
        if moved {
            self.hit = None;
            self.fitted = None;
        }
        if moved || resample {
            if let Some(r) = self.renderer.as_mut() {
                r.set_scene(&self.scene, self.detail);
            }
        }
    }

    fn viewport_css_px(&self) -> [f32; 2] {
        self.overlay
            .as_ref()
            .map(|c| {
                [
                    c.client_width().max(1) as f32,
                    c.client_height().max(1) as f32,
                ]
            })
            .unwrap_or([1.0, 1.0])
    }

    /// The camera that shows every node, for the current viewport.
    fn fitted(&mut self) -> Camera {
        let viewport = self.viewport_css_px();
        match self.fitted {
            Some(f) if f.viewport_css_px == viewport => f,
            _ => {
                let f = Bounds::of_positions(&self.scene.pos_in_graph)
                    .map(|b| Camera::fit(b, viewport, FIT_MARGIN_CSS_PX))
                    .unwrap_or(Camera {
                        center_in_graph: [0.0, 0.0],
                        zoom: 1.0,
                        viewport_css_px: viewport,
                    });
                self.fitted = Some(f);
                f
            }
        }
    }

    /// The camera to draw with: fitted until the person moves it.
    fn camera(&mut self) -> Camera {
        let fitted = self.fitted();
        let camera = match self.camera {
            Some(c) if self.user_camera => Camera {
                viewport_css_px: fitted.viewport_css_px,
                ..c
            },
            _ => fitted,
        };
        self.camera = Some(camera);
        camera
    }

    fn render(&mut self, now_ms: f64) {
        let started = now();
        self.render_frame(now_ms);
        let ended = now();
        // the GPU's part of the next frame, where drawing is on the CPU, comes after its task
        let (nodes, ties) = (self.scene.len(), self.scene.ties.len());
        let next = self.budget.detail(nodes, ties, self.moving);
        let gpu = self.budget.predicted_ms(nodes, ties, next);
        self.last_frame_end_ms = ended;
        self.last_frame_cost_ms = (ended - started) + gpu;
        if !self.moving && !self.told_still {
            // the first map drawn still: the page may now do what waited for it (boot.js
            // keeps the site for offline use then)
            self.told_still = true;
            if let Some(w) = web_sys::window() {
                if let Ok(event) = web_sys::Event::new("tiemap-still") {
                    let _ = w.dispatch_event(&event);
                }
            }
        }
    }

    fn render_frame(&mut self, now_ms: f64) {
        self.ensure_renderer();
        self.prepare();
        let [w, h] = self.viewport_css_px();
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0)
            .max(0.5) as f32;
        // the map's canvas at the resolution the budget allows (the names stay sharp)
        let map_dpr = dpr * self.detail.resolution;
        for (c, dpr) in [(&self.base, map_dpr), (&self.overlay, dpr)] {
            let Some(c) = c else { continue };
            let (dev_w, dev_h) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
            if c.width() != dev_w || c.height() != dev_h {
                c.set_width(dev_w);
                c.set_height(dev_h);
            }
        }
        if let Some(f) = self.flight.as_mut() {
            let start = *f.start_ms.get_or_insert(now_ms);
            let t = ((now_ms - start) / f.duration_ms).clamp(0.0, 1.0) as f32;
            let ease = t * t * (3.0 - 2.0 * t);
            let lerp = |a: f32, b: f32| a + (b - a) * ease;
            self.camera = Some(Camera {
                center_in_graph: [
                    lerp(f.from.center_in_graph[0], f.to.center_in_graph[0]),
                    lerp(f.from.center_in_graph[1], f.to.center_in_graph[1]),
                ],
                zoom: f.from.zoom * (f.to.zoom / f.from.zoom).powf(ease),
                viewport_css_px: f.to.viewport_css_px,
            });
            if t >= 1.0 {
                self.flight = None;
            }
        }
        let fitted_zoom = self.fitted().zoom;
        let camera = self.camera();
        let view = FrameView {
            camera,
            radius_scale: radius_scale(camera.zoom, fitted_zoom),
            device_pixel_ratio: dpr,
            theme: Theme::of(self.theme),
        };
        // One moving frame in a few is timed to the GPU's end (`DrawBudget`).
        let (nodes, ties, detail) = (self.scene.len(), self.scene.ties.len(), self.detail);
        if let Some(r) = self.renderer.as_mut() {
            let timed = self.budget.time_this_frame(self.moving);
            let start = now();
            r.draw(&FrameView {
                device_pixel_ratio: map_dpr,
                ..view
            });
            let ms = timed.then(|| {
                r.finish();
                now() - start
            });
            self.budget.drawn(nodes, ties, detail, self.moving, ms);
            if let (Some(ms), Some(o)) = (ms, &self.overlay) {
                let _ = o.set_attribute("data-frame-ms", &format!("{ms:.1}"));
            }
        }
        let (mut labels, mut people_named) = (0, 0);
        if let Some(ctx) = &self.overlay_ctx {
            let _ = ctx.set_transform(dpr as f64, 0.0, 0.0, dpr as f64, 0.0, 0.0);
            let [w, h] = view.camera.viewport_css_px;
            ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
            let placed = place_labels(
                &mut crate::render::labels::CanvasText::new(ctx),
                &self.map,
                &self.scene,
                &view,
                &mut self.labels,
                NameMode::All,
            );
            paint_labels(ctx, &placed);
            labels = placed.len();
            people_named = placed
                .iter()
                .filter(|l| matches!(l.kind, LabelKind::Person { .. }))
                .count();
            // Where cluster names are, so a click on one can rename it.
            self.cluster_names = placed
                .iter()
                .filter_map(|l| match l.kind {
                    LabelKind::Cluster { id } => Some((id, l.rect)),
                    LabelKind::Person { .. } => None,
                })
                .collect();
        }
        if let Some(o) = &self.overlay {
            let _ = o.set_attribute("data-zoom", &format!("{:.4}", camera.zoom / fitted_zoom));
            let _ = o.set_attribute(
                "data-center",
                &format!(
                    "{:.3},{:.3}",
                    camera.center_in_graph[0], camera.center_in_graph[1]
                ),
            );
            let selected = self
                .emphasis
                .selected
                .map(|s| s.to_string())
                .unwrap_or_default();
            let _ = o.set_attribute("data-selected", &selected);
            let _ = o.set_attribute("data-labels", &labels.to_string());
            let _ = o.set_attribute("data-people-named", &people_named.to_string());
            // what this frame drew (all of it once the map is still)
            let _ = o.set_attribute("data-tie-share", &format!("{:.3}", detail.tie_share));
            let _ = o.set_attribute("data-node-share", &format!("{:.3}", detail.node_share));
            let _ = o.set_attribute("data-resolution", &format!("{:.3}", detail.resolution));
            // Where the cluster names are (CSS px, "x,y,w,h" per name, ";" between): a click
            // there renames the cluster.
            let names: Vec<String> = self
                .cluster_names
                .iter()
                .map(|(_, r)| format!("{:.0},{:.0},{:.0},{:.0}", r.x, r.y, r.w, r.h))
                .collect();
            let _ = o.set_attribute("data-cluster-names", &names.join(";"));
        }
    }

    /// The cluster whose name is drawn at a point of the canvas (CSS pixels), if any.
    fn on_cluster_name(&self, p: [f32; 2]) -> Option<u32> {
        self.cluster_names
            .iter()
            .find(|(_, r)| p[0] >= r.x && p[0] <= r.x + r.w && p[1] >= r.y && p[1] <= r.y + r.h)
            .map(|(id, _)| *id)
    }

    /// The node under a point of the canvas (CSS pixels), if any.
    fn pick(&mut self, at_css_px: [f32; 2]) -> Option<usize> {
        let camera = self.camera?;
        let fitted_zoom = self.fitted.map(|f| f.zoom).unwrap_or(camera.zoom);
        let scale = radius_scale(camera.zoom, fitted_zoom);
        let hit = self
            .hit
            .get_or_insert_with(|| HitGrid::build(&self.scene.pos_in_graph));
        let radius = &self.scene.radius_css_px;
        let visible = &self.scene.visible;
        let zoom = camera.zoom.max(1e-9);
        hit.pick(
            &self.scene.pos_in_graph,
            camera.screen_to_graph(at_css_px),
            (RADIUS_MAX_CSS_PX * scale + PICK_SLOP_CSS_PX) / zoom,
            // People of hidden clusters can't be picked.
            |i| match visible.get(i) {
                Some(true) => {
                    (radius.get(i).copied().unwrap_or(0.0) * scale + PICK_SLOP_CSS_PX) / zoom
                }
                _ => -1.0,
            },
        )
    }

    fn select(&mut self, node: Option<usize>) {
        if self.emphasis.selected != node {
            self.emphasis.selected = node;
            self.scene_stale = true;
        }
    }

    /// Moves the camera (the person took control of it).
    fn set_camera(&mut self, camera: Camera) {
        self.flight = None;
        self.camera = Some(camera);
        self.user_camera = true;
    }

    fn zoom_at(&mut self, anchor_css_px: [f32; 2], factor: f32) {
        let fitted_zoom = self.fitted().zoom;
        let c = self.camera();
        self.set_camera(c.zoom_at(anchor_css_px, factor, fitted_zoom));
    }

    fn fit(&mut self) {
        self.flight = None;
        self.user_camera = false;
        self.camera = None;
    }

    /// Flies the camera to a node (centred, zoomed in enough to read its neighbourhood).
    fn fly_to(&mut self, node: usize) {
        let (Some(&x), Some(&y)) = (
            self.scene.pos_in_graph.get(2 * node),
            self.scene.pos_in_graph.get(2 * node + 1),
        ) else {
            return;
        };
        let fitted_zoom = self.fitted().zoom;
        let from = self.camera();
        let to = Camera {
            center_in_graph: [x, y],
            zoom: from.zoom.max(fitted_zoom * 4.0),
            viewport_css_px: from.viewport_css_px,
        };
        self.user_camera = true;
        self.camera = Some(from);
        self.flight = Some(Flight {
            from,
            to,
            start_ms: None,
            // No flight where the person asked for less motion: the view is simply there.
            duration_ms: if reduced_motion() { 0.0 } else { 450.0 },
        });
    }
}

/// The page's clock, milliseconds.
fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Whether the person asked their system for less motion (`prefers-reduced-motion`).
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Frames of the moving layout take at most this share of the time, so the page answers the
/// pointer and the layout's worker keeps its core where they are shared (2 cores, drawing on
/// the CPU); on a GPU a frame costs a few milliseconds and they come as fast as the worker
/// sends them.
const MOVING_FRAME_DUTY: f64 = 0.3;
/// The longest pause between two frames of the moving layout (a map's first frame, which
/// builds everything, may cost a second or more).
const MAX_PACE_MS: f64 = 400.0;

/// Redraws for a new frame of the moving layout: at once, or when the last frame's cost has
/// been paid back (see [`MOVING_FRAME_DUTY`]).
fn pace(engine: &Rc<RefCell<Engine>>) {
    let wait = {
        let Ok(e) = engine.try_borrow() else { return };
        if e.paced.is_some() || e.frame_pending {
            return;
        }
        let rest = (e.last_frame_cost_ms * (1.0 / MOVING_FRAME_DUTY - 1.0)).min(MAX_PACE_MS);
        e.last_frame_end_ms + rest - now()
    };
    if wait <= 1.0 {
        schedule(engine);
        return;
    }
    let weak = Rc::downgrade(engine);
    let timeout = gloo::timers::callback::Timeout::new(wait.ceil() as u32, move || {
        if let Some(engine) = weak.upgrade() {
            if let Ok(mut e) = engine.try_borrow_mut() {
                e.paced = None;
            }
            schedule(&engine);
        }
    });
    if let Ok(mut e) = engine.try_borrow_mut() {
        e.paced = Some(timeout);
    }
}

/// Redraws on the next animation frame (once, however often it is asked).
fn schedule(engine: &Rc<RefCell<Engine>>) {
    let Ok(mut e) = engine.try_borrow_mut() else {
        return;
    };
    if e.frame_pending {
        return;
    }
    if e.raf.is_none() {
        let weak: Weak<RefCell<Engine>> = Rc::downgrade(engine);
        e.raf = Some(Closure::wrap(Box::new(move |now_ms: f64| {
            let Some(engine) = weak.upgrade() else { return };
            let again = {
                let Ok(mut e) = engine.try_borrow_mut() else {
                    return;
                };
                e.frame_pending = false;
                e.render(now_ms);
                e.flight.is_some()
            };
            if again {
                schedule(&engine);
            }
        }) as Box<dyn FnMut(f64)>));
    }
    let (Some(window), Some(raf)) = (web_sys::window(), e.raf.as_ref()) else {
        return;
    };
    if window
        .request_animation_frame(raf.as_ref().unchecked_ref())
        .is_ok()
    {
        e.frame_pending = true;
    }
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn two_pointers(pointers: &BTreeMap<i32, [f32; 2]>) -> Option<(f32, [f32; 2])> {
    let mut it = pointers.values();
    let (a, b) = (it.next()?, it.next()?);
    Some((distance(*a, *b), [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]))
}

/// The person under the pointer, for the hover card.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Hover {
    node: usize,
    at_css_px: [f32; 2],
}

#[function_component]
pub fn MapCanvas(props: &MapCanvasProps) -> Html {
    let base_ref = use_node_ref();
    let overlay_ref = use_node_ref();
    let engine = {
        let (map, positions) = (props.map.clone(), props.positions.clone());
        use_mut_ref(move || Engine::new(map, positions))
    };
    let hover = use_state(|| None::<Hover>);

    // Attach the canvases once; redraw on window resize.
    {
        let engine = engine.clone();
        let (base_ref, overlay_ref) = (base_ref.clone(), overlay_ref.clone());
        use_effect_with((), move |_| {
            {
                let mut e = engine.borrow_mut();
                e.base = base_ref.cast::<HtmlCanvasElement>();
                e.overlay = overlay_ref.cast::<HtmlCanvasElement>();
            }
            schedule(&engine);
            let listener = web_sys::window().map(|w| {
                let engine = engine.clone();
                EventListener::new(&w, "resize", move |_| schedule(&engine))
            });
            move || drop(listener)
        });
    }
    // Take new props (map, positions, theme, sizes, highlighted cluster).
    {
        let engine = engine.clone();
        let hover = hover.clone();
        let deps = (
            props.version,
            Rc::as_ptr(&props.map) as usize,
            Rc::as_ptr(&props.positions) as usize,
            props.theme,
            props.size_by.clone(),
            props.highlighted_cluster,
            props.until,
            props.moving,
        );
        let props_now = MapCanvasProps {
            map: props.map.clone(),
            positions: props.positions.clone(),
            version: props.version,
            theme: props.theme,
            size_by: props.size_by.clone(),
            highlighted_cluster: props.highlighted_cluster,
            until: props.until,
            on_select: props.on_select.clone(),
            on_pin: props.on_pin.clone(),
            on_toggle_theme: None,
            on_cluster_name: Callback::noop(),
            moving: props.moving,
        };
        use_effect_with(deps, move |_| {
            let new_map = engine.borrow().version != Some(props_now.version);
            if engine.borrow_mut().sync(&props_now) {
                if new_map {
                    hover.set(None);
                }
                if engine.borrow().only_streamed {
                    pace(&engine);
                } else {
                    schedule(&engine);
                }
            }
            || ()
        });
    }

    let at = |e: &MouseEvent| [e.offset_x() as f32, e.offset_y() as f32];

    let onpointerdown = {
        let engine = engine.clone();
        let overlay_ref = overlay_ref.clone();
        Callback::from(move |e: PointerEvent| {
            let p = at(&e);
            if let Some(c) = overlay_ref.cast::<web_sys::HtmlElement>() {
                let _ = c.focus();
                let _ = c.set_pointer_capture(e.pointer_id());
            }
            let mut en = engine.borrow_mut();
            en.pointers.insert(e.pointer_id(), p);
            en.gesture = match two_pointers(&en.pointers) {
                Some((d, mid)) if en.pointers.len() == 2 => Gesture::Pinch {
                    last_distance_css_px: d.max(1.0),
                    last_mid_css_px: mid,
                },
                _ => {
                    let node = en.pick(p);
                    Gesture::Press {
                        start_css_px: p,
                        last_css_px: p,
                        node,
                        moved: false,
                    }
                }
            };
        })
    };
    let onpointermove = {
        let engine = engine.clone();
        let hover = hover.clone();
        Callback::from(move |e: PointerEvent| {
            let p = at(&e);
            let mut redraw = false;
            let mut hovered = None;
            {
                let mut en = engine.borrow_mut();
                if en.pointers.contains_key(&e.pointer_id()) {
                    en.pointers.insert(e.pointer_id(), p);
                }
                match en.gesture {
                    Gesture::Pinch {
                        last_distance_css_px,
                        last_mid_css_px,
                    } => {
                        if let Some((d, mid)) = two_pointers(&en.pointers) {
                            let d = d.max(1.0);
                            en.zoom_at(mid, d / last_distance_css_px);
                            let c = en.camera();
                            en.set_camera(c.pan_by([
                                mid[0] - last_mid_css_px[0],
                                mid[1] - last_mid_css_px[1],
                            ]));
                            en.gesture = Gesture::Pinch {
                                last_distance_css_px: d,
                                last_mid_css_px: mid,
                            };
                            redraw = true;
                        }
                    }
                    Gesture::Press {
                        start_css_px,
                        last_css_px,
                        node,
                        moved,
                    } => {
                        let moved = moved || distance(p, start_css_px) > CLICK_SLOP_CSS_PX;
                        if moved {
                            match node {
                                Some(i) => {
                                    if let Some(c) = en.camera {
                                        en.pins.insert(i, c.screen_to_graph(p));
                                        en.positions_stale = true;
                                    }
                                }
                                None => {
                                    let c = en.camera();
                                    en.set_camera(
                                        c.pan_by([p[0] - last_css_px[0], p[1] - last_css_px[1]]),
                                    );
                                }
                            }
                            redraw = true;
                        }
                        en.gesture = Gesture::Press {
                            start_css_px,
                            last_css_px: p,
                            node,
                            moved,
                        };
                    }
                    Gesture::Idle => {
                        // as a click: over a cluster's name the pointer is on the name (a
                        // click there renames it), not on a person drawn under it
                        let node = if en.on_cluster_name(p).is_some() {
                            None
                        } else {
                            en.pick(p)
                        };
                        if node != en.hovered {
                            en.hovered = node;
                        }
                        hovered = Some(node.map(|node| Hover { node, at_css_px: p }));
                    }
                }
            }
            if let Some(h) = hovered {
                if *hover != h {
                    hover.set(h);
                }
            }
            if redraw {
                schedule(&engine);
            }
        })
    };
    let onpointerup = {
        let engine = engine.clone();
        let on_select = props.on_select.clone();
        let on_pin = props.on_pin.clone();
        let on_cluster_name = props.on_cluster_name.clone();
        let hover = hover.clone();
        Callback::from(move |e: PointerEvent| {
            let p = at(&e);
            let mut select = None;
            let mut pin = None;
            let mut cluster_name = None;
            {
                let mut en = engine.borrow_mut();
                en.pointers.remove(&e.pointer_id());
                if let Gesture::Press { node, moved, .. } = en.gesture {
                    // Names are drawn over the people: a click on a name is on the name.
                    let name_hit = if !moved { en.on_cluster_name(p) } else { None };
                    if let Some(id) = name_hit {
                        cluster_name = Some(id);
                    } else if !moved {
                        en.select(node);
                        select = Some(node);
                    } else if let Some(i) = node {
                        if let Some(c) = en.camera {
                            let to = c.screen_to_graph(p);
                            en.pins.insert(i, to);
                            en.positions_stale = true;
                            pin = Some((i, to));
                        }
                    }
                }
                en.gesture = if en.pointers.is_empty() {
                    Gesture::Idle
                } else {
                    // One finger left after a pinch: nothing until it lifts.
                    Gesture::Press {
                        start_css_px: p,
                        last_css_px: p,
                        node: None,
                        moved: true,
                    }
                };
            }
            if pin.is_some() {
                hover.set(None);
            }
            schedule(&engine);
            if let Some(s) = select {
                on_select.emit(s);
            }
            if let Some(p) = pin {
                on_pin.emit(p);
            }
            if let Some(id) = cluster_name {
                on_cluster_name.emit(id);
            }
        })
    };
    let onpointercancel = {
        let engine = engine.clone();
        Callback::from(move |e: PointerEvent| {
            let mut en = engine.borrow_mut();
            en.pointers.remove(&e.pointer_id());
            if en.pointers.is_empty() {
                en.gesture = Gesture::Idle;
            }
        })
    };
    let onpointerleave = {
        let hover = hover.clone();
        let engine = engine.clone();
        Callback::from(move |_: PointerEvent| {
            engine.borrow_mut().hovered = None;
            hover.set(None);
        })
    };
    let onwheel = {
        let engine = engine.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let anchor = [e.offset_x() as f32, e.offset_y() as f32];
            // Lines and pages count as 40 px.
            let delta = e.delta_y() as f32 * if e.delta_mode() == 0 { 1.0 } else { 40.0 };
            engine
                .borrow_mut()
                .zoom_at(anchor, (-delta * 0.0015).clamp(-1.0, 1.0).exp());
            schedule(&engine);
        })
    };
    // The keyboard path: arrows between clusters, then (Enter) between a cluster's people,
    // Enter opens a person; each step is said in the live region below the map.
    let outline = {
        let map = props.map.clone();
        use_memo(
            (Rc::as_ptr(&props.map) as usize, props.until),
            move |(_, until)| Outline::new(&map, *until),
        )
    };
    let cursor = use_mut_ref(MapCursor::default);
    let announcement = use_state(String::new);
    {
        // A new map: back to the start.
        let cursor = cursor.clone();
        use_effect_with(props.version, move |_| {
            *cursor.borrow_mut() = MapCursor::Map
        });
    }
    let on_choose = {
        let engine = engine.clone();
        let on_select = props.on_select.clone();
        let overlay_ref = overlay_ref.clone();
        Callback::from(move |node: usize| {
            {
                let mut en = engine.borrow_mut();
                en.select(Some(node));
                en.prepare();
                en.fly_to(node);
            }
            if let Some(c) = overlay_ref.cast::<web_sys::HtmlElement>() {
                let _ = c.focus();
            }
            schedule(&engine);
            on_select.emit(Some(node));
        })
    };
    let on_map_key = {
        let engine = engine.clone();
        let outline = outline.clone();
        let cursor = cursor.clone();
        let announcement = announcement.clone();
        let hover = hover.clone();
        let map = props.map.clone();
        let on_choose = on_choose.clone();
        move |key: MapKey| -> bool {
            let now = *cursor.borrow();
            if key == MapKey::Back && now == MapCursor::Map {
                return false; // Escape on the map itself: clears the selection (below)
            }
            match outline.step(&map, now, key) {
                MapStep::Open(node) => on_choose.emit(node),
                MapStep::Moved(next) => {
                    *cursor.borrow_mut() = next;
                    let node = outline.node(&map, next);
                    {
                        let mut en = engine.borrow_mut();
                        en.set_keyboard_cluster(outline.cluster_id(next));
                        en.hovered = node;
                        if let Some(node) = node {
                            en.prepare();
                            en.fly_to(node);
                        }
                    }
                    let centre = {
                        let [w, h] = engine.borrow().viewport_css_px();
                        [w / 2.0, h / 2.0]
                    };
                    hover.set(node.map(|node| Hover {
                        node,
                        at_css_px: centre,
                    }));
                    announcement.set(outline.describe(&map, next));
                    schedule(&engine);
                }
            }
            true
        }
    };
    let onfocus = {
        let engine = engine.clone();
        let outline = outline.clone();
        let cursor = cursor.clone();
        let announcement = announcement.clone();
        let map = props.map.clone();
        Callback::from(move |_: FocusEvent| {
            let now = outline.clamp(*cursor.borrow());
            engine
                .borrow_mut()
                .set_keyboard_cluster(outline.cluster_id(now));
            announcement.set(outline.describe(&map, now));
            schedule(&engine);
        })
    };
    let onblur = {
        let engine = engine.clone();
        Callback::from(move |_: FocusEvent| {
            engine.borrow_mut().set_keyboard_cluster(None);
            schedule(&engine);
        })
    };
    let onkeydown = {
        let engine = engine.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let arrow = e.key().starts_with("Arrow");
            // Shift+arrows pan; arrows, Home, End, Enter and Escape follow the keyboard path.
            let modified = e.ctrl_key() || e.meta_key() || e.alt_key() || (arrow && e.shift_key());
            if !modified {
                if let Some(key) = MapKey::from_key(&e.key()) {
                    if on_map_key(key) {
                        e.prevent_default();
                        return;
                    }
                }
            }
            let mut deselect = false;
            {
                let mut en = engine.borrow_mut();
                let [w, h] = en.viewport_css_px();
                let centre = [w / 2.0, h / 2.0];
                match e.key().as_str() {
                    "+" | "=" => en.zoom_at(centre, 1.25),
                    "-" | "_" => en.zoom_at(centre, 0.8),
                    "0" => en.fit(),
                    "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
                        let step = 60.0;
                        let d = match e.key().as_str() {
                            "ArrowLeft" => [step, 0.0],
                            "ArrowRight" => [-step, 0.0],
                            "ArrowUp" => [0.0, step],
                            _ => [0.0, -step],
                        };
                        let c = en.camera();
                        en.set_camera(c.pan_by(d));
                    }
                    "Escape" => {
                        deselect = en.emphasis.selected.is_some();
                        en.select(None);
                    }
                    _ => return,
                }
            }
            e.prevent_default();
            schedule(&engine);
            if deselect {
                on_select.emit(None);
            }
        })
    };
    let on_fit = {
        let engine = engine.clone();
        Callback::from(move |_: MouseEvent| {
            engine.borrow_mut().fit();
            schedule(&engine);
        })
    };

    let people = props.map.nodes.len();
    let label = format!(
        "Map of {people} {}",
        if people == 1 { "node" } else { "nodes" }
    );
    let card = (*hover).and_then(|h| {
        let node = props.map.nodes.get(h.node)?;
        Some(html! {
            <HoverCard
                name={node.label.clone()}
                title={node.title.clone()}
                company={node.company.clone()}
                at_css_px={h.at_css_px}
            />
        })
    });
    let dark = props.theme == ThemeKind::Dark;
    html! {
        <div class="map-view" style="position:absolute;inset:0;overflow:hidden;">
            // The overlay comes first in the document (it is the canvas tests and assistive
            // technology meet) and sits on top.
            <canvas
                ref={overlay_ref}
                class="map-canvas map-labels"
                style="z-index:1;cursor:grab;"
                // A widget of its own for the keyboard (the keyboard path above), described by
                // the list of its clusters below.
                role="application"
                aria-roledescription="map"
                aria-label={label}
                aria-describedby="map-outline"
                tabindex="0"
                {onfocus}
                {onblur}
                {onpointerdown}
                {onpointermove}
                {onpointerup}
                {onpointercancel}
                {onpointerleave}
                {onwheel}
                {onkeydown}
            />
            <canvas ref={base_ref} class="map-canvas map-base" style="z-index:0;" aria-hidden="true" />
            <div class="map-controls" style={format!(
                "position:absolute;top:0.75rem;right:0.75rem;z-index:2;display:flex;gap:0.5rem;align-items:flex-start;{}",
                if dark { "color-scheme:dark;" } else { "" }
            )}>
                <SearchBox map={super::Shared(props.map.clone())} {on_choose} />
                <button type="button" class="button" onclick={on_fit}>{ "Fit map" }</button>
                if let Some(toggle) = props.on_toggle_theme.clone() {
                    <button
                        type="button"
                        class="button"
                        aria-pressed={dark.to_string()}
                        title="Light or dark map and page"
                        onclick={toggle.reform(|_: MouseEvent| ())}
                    >{ "Dark" }</button>
                }
            </div>
            // A fixed slot, so the children before it keep their elements when the card comes
            // and goes (Yew matches unkeyed children from the end).
            <div class="map-hover-slot" style="display:contents;">{ for card }</div>
            // The map in words: its clusters with their sizes and names, and where the
            // keyboard is (announced as it moves).
            <div id="map-outline" class="visually-hidden">
                <p>{ "Arrow keys go through the clusters; Enter goes into one and through its people, largest first; Enter on a person opens them; Escape goes back; Shift and the arrows pan; + and - zoom." }</p>
                <ul aria-label="Clusters on the map">
                    { for outline.lines().into_iter().map(|line| html! { <li>{ line }</li> }) }
                </ul>
            </div>
            <p class="visually-hidden map-announcement" aria-live="polite">{ (*announcement).clone() }</p>
        </div>
    }
}
