use crate::protocol::MapData;
use crate::render::canvas2d::{self, LIGHT};
use gloo::events::EventListener;
use std::rc::Rc;
use tiemap_core::view::camera::{Bounds, Camera};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MapCanvasProps {
    pub map: Rc<MapData>,
    /// The latest positions (`[x0, y0, ...]`, graph space), streamed while the layout runs.
    pub positions: Rc<Vec<f32>>,
    /// Changes when a new map replaces the old one (the view refits).
    pub version: u32,
}

/// What the canvas keeps between frames.
#[derive(Default)]
struct View {
    camera: Option<Camera>,
    fitted_zoom: f32,
    drag_from_css_px: Option<[f32; 2]>,
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Sizes the canvas to its box at device resolution, fits the camera if asked, and draws.
fn redraw(
    canvas: &HtmlCanvasElement,
    map: &MapData,
    pos_in_graph: &[f32],
    view: &mut View,
    refit: bool,
) {
    let css_w = canvas.client_width().max(1) as f32;
    let css_h = canvas.client_height().max(1) as f32;
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .max(1.0);
    let (dev_w, dev_h) = (
        (css_w as f64 * dpr).round() as u32,
        (css_h as f64 * dpr).round() as u32,
    );
    if canvas.width() != dev_w || canvas.height() != dev_h {
        canvas.set_width(dev_w);
        canvas.set_height(dev_h);
    }
    let viewport = [css_w, css_h];
    let fitted = Bounds::of_positions(pos_in_graph)
        .map(|b| Camera::fit(b, viewport, 48.0))
        .unwrap_or(Camera {
            center_in_graph: [0.0, 0.0],
            zoom: 1.0,
            viewport_css_px: viewport,
        });
    view.fitted_zoom = fitted.zoom;
    let camera = match view.camera {
        Some(c) if !refit => Camera {
            viewport_css_px: viewport,
            ..c
        },
        _ => fitted,
    };
    view.camera = Some(camera);
    let Some(ctx) = context(canvas) else { return };
    let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    canvas2d::draw(&ctx, map, pos_in_graph, &camera, view.fitted_zoom, &LIGHT);
}

/// The map: pan by dragging, zoom with the wheel or the + and - keys, 0 to fit.
#[function_component]
pub fn MapCanvas(props: &MapCanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    let view = use_mut_ref(View::default);

    // Refit and redraw when a new map arrives; redraw on window resize.
    {
        let canvas_ref = canvas_ref.clone();
        let view = view.clone();
        let map = props.map.clone();
        let positions = props.positions.clone();
        use_effect_with(
            (props.version, Rc::as_ptr(&props.positions) as usize),
            move |_| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    redraw(&canvas, &map, &positions, &mut view.borrow_mut(), true);
                }
                let listener = web_sys::window().map(|w| {
                    EventListener::new(&w, "resize", move |_| {
                        if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                            redraw(&canvas, &map, &positions, &mut view.borrow_mut(), false);
                        }
                    })
                });
                move || drop(listener)
            },
        );
    }

    let with_view = {
        let canvas_ref = canvas_ref.clone();
        let view = view.clone();
        let map = props.map.clone();
        let positions = props.positions.clone();
        move |f: &dyn Fn(&mut View) -> bool| {
            let mut v: std::cell::RefMut<'_, View> = view.borrow_mut();
            if f(&mut v) {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    redraw(&canvas, &map, &positions, &mut v, false);
                }
            }
        }
    };
    let with_view: Rc<dyn Fn(&dyn Fn(&mut View) -> bool)> = Rc::new(with_view);

    let onwheel = {
        let with_view = with_view.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let anchor = [e.offset_x() as f32, e.offset_y() as f32];
            let factor = (-e.delta_y() as f32 * 0.0015).exp();
            with_view(&|v: &mut View| {
                let Some(c) = v.camera else { return false };
                v.camera = Some(c.zoom_at(anchor, factor, v.fitted_zoom));
                true
            });
        })
    };
    let onpointerdown = {
        let with_view = with_view.clone();
        Callback::from(move |e: PointerEvent| {
            let at = [e.offset_x() as f32, e.offset_y() as f32];
            with_view(&|v: &mut View| {
                v.drag_from_css_px = Some(at);
                false
            });
        })
    };
    let onpointermove = {
        let with_view = with_view.clone();
        Callback::from(move |e: PointerEvent| {
            let at = [e.offset_x() as f32, e.offset_y() as f32];
            with_view(&|v: &mut View| {
                let (Some(from), Some(c)) = (v.drag_from_css_px, v.camera) else {
                    return false;
                };
                v.camera = Some(c.pan_by([at[0] - from[0], at[1] - from[1]]));
                v.drag_from_css_px = Some(at);
                true
            });
        })
    };
    let onpointerup = {
        let with_view = with_view.clone();
        Callback::from(move |_: PointerEvent| {
            with_view(&|v: &mut View| {
                v.drag_from_css_px = None;
                false
            });
        })
    };
    let onkeydown = {
        let with_view = with_view.clone();
        Callback::from(move |e: KeyboardEvent| {
            let factor = match e.key().as_str() {
                "+" | "=" => Some(1.25),
                "-" | "_" => Some(0.8),
                "0" => None,
                _ => return,
            };
            e.prevent_default();
            with_view(&|v: &mut View| {
                let Some(c) = v.camera else { return false };
                v.camera = match factor {
                    Some(f) => Some(c.zoom_at(
                        [c.viewport_css_px[0] / 2.0, c.viewport_css_px[1] / 2.0],
                        f,
                        v.fitted_zoom,
                    )),
                    None => None,
                };
                true
            });
        })
    };

    let people = props.map.nodes.len();
    let label = format!(
        "Map of {people} {}",
        if people == 1 { "node" } else { "nodes" }
    );
    html! {
        <canvas
            ref={canvas_ref}
            class="map-canvas"
            role="img"
            aria-label={label}
            tabindex="0"
            {onwheel}
            {onpointerdown}
            {onpointermove}
            {onpointerup}
            {onkeydown}
        />
    }
}
