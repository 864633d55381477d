//! "Share picture": the map as a PNG or SVG with a title, the legend, the date and a small
//! mark; copied to the clipboard or handed to the system share sheet where the browser can.
//! Names start hidden.

use crate::browser::{download, file_name_from};
use crate::components::modal::use_modal;
use crate::render::share::{png_blob, render_png, ShareError, SharePicture};
use js_sys::{Array, Object, Reflect};
use std::rc::Rc;
use tiemap_app::model::{MapData, NameMode};
use tiemap_app::picture::{
    picture_size, screen_camera, InsightLine, PictureInput, ShareBackground, ShareOptions,
    ShareShape, ShareView,
};
use tiemap_core::view::camera::{Bounds, Camera};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub map: super::Shared<MapData>,
    /// `[x0, y0, ...]`, graph space, as the map shows them.
    pub positions: super::Shared<Vec<f32>>,
    pub on_close: Callback<()>,
    /// The insights for this map, when measured (the figures band needs them).
    #[prop_or_default]
    pub insights: Option<Rc<tiemap_app::insights::Insights>>,
    /// Asks for the insights to be measured (the person ticked the figures band).
    #[prop_or_default]
    pub on_need_insights: Callback<()>,
}

/// The live map's size on screen and its camera (read from its canvas's attributes).
fn live_view(positions: &[f32]) -> ([f32; 2], Option<Camera>) {
    let Some(canvas) = gloo::utils::document()
        .query_selector("canvas.map-labels")
        .ok()
        .flatten()
    else {
        return ([1200.0, 800.0], None);
    };
    let size = [
        canvas.client_width().max(1) as f32,
        canvas.client_height().max(1) as f32,
    ];
    let camera = Bounds::of_positions(positions).and_then(|b| {
        screen_camera(
            &canvas.get_attribute("data-center").unwrap_or_default(),
            &canvas.get_attribute("data-zoom").unwrap_or_default(),
            |s| crate::browser::number(s).map(|v| v as f32),
            size,
            b,
        )
    });
    (size, camera)
}

/// Today as "2026-11-30" (the browser's clock and time zone).
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn draw(
    map: &MapData,
    positions: &[f32],
    options: &ShareOptions,
    insights: Option<&[InsightLine]>,
) -> Result<SharePicture, ShareError> {
    // Positions of the map's nodes only (the live map draws the same).
    let n = map.nodes.len().min(positions.len() / 2);
    let positions = &positions[..2 * n];
    let (screen_css_px, camera) = live_view(positions);
    let date = today();
    render_png(
        &PictureInput {
            map,
            pos_in_graph: positions,
            screen_css_px,
            screen_camera: camera,
            date: &date,
            insights,
        },
        options,
    )
}

fn navigator() -> web_sys::Navigator {
    gloo::utils::window().navigator()
}

/// `navigator.clipboard.write` with `ClipboardItem` (Chromium, Safari, recent Firefox).
fn can_copy_images() -> bool {
    let window = gloo::utils::window();
    let has_item = Reflect::has(&window, &"ClipboardItem".into()).unwrap_or(false);
    let clipboard = Reflect::get(&navigator(), &"clipboard".into()).unwrap_or(JsValue::UNDEFINED);
    has_item
        && clipboard.is_object()
        && Reflect::get(&clipboard, &"write".into())
            .map(|w| w.is_function())
            .unwrap_or(false)
}

fn png_file(parts: &JsValue, name: &str) -> Option<web_sys::File> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/png");
    web_sys::File::new_with_blob_sequence_and_options(parts, name, &options).ok()
}

/// The object `navigator.share` / `canShare` take: `{ files: [file], title }`.
fn share_data(file: &web_sys::File, title: &str) -> Object {
    let data = Object::new();
    let _ = Reflect::set(&data, &"files".into(), &Array::of1(file));
    if !title.is_empty() {
        let _ = Reflect::set(&data, &"title".into(), &title.into());
    }
    data
}

/// `navigator.canShare({ files })` is true for a PNG (phones, some desktops).
fn can_share_files() -> bool {
    let nav = navigator();
    let Ok(can_share) = Reflect::get(&nav, &"canShare".into()) else {
        return false;
    };
    let Some(can_share) = can_share.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let Some(file) = png_file(&Array::new(), "tiemap.png") else {
        return false;
    };
    can_share
        .call1(&nav, &share_data(&file, ""))
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

async fn copy_png(blob: web_sys::Blob) -> Result<(), ShareError> {
    let failed = || ShareError::Clipboard;
    let window = gloo::utils::window();
    let item_class = Reflect::get(&window, &"ClipboardItem".into()).map_err(|_| failed())?;
    let item_class: js_sys::Function = item_class.dyn_into().map_err(|_| failed())?;
    let items = Object::new();
    let _ = Reflect::set(&items, &"image/png".into(), &blob);
    let item = Reflect::construct(&item_class, &Array::of1(&items)).map_err(|_| failed())?;
    let clipboard = Reflect::get(&navigator(), &"clipboard".into()).map_err(|_| failed())?;
    let write: js_sys::Function = Reflect::get(&clipboard, &"write".into())
        .ok()
        .and_then(|w| w.dyn_into().ok())
        .ok_or_else(failed)?;
    let promise: js_sys::Promise = write
        .call1(&clipboard, &Array::of1(&item))
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(failed)?;
    JsFuture::from(promise).await.map_err(|_| failed())?;
    Ok(())
}

async fn share_png(blob: web_sys::Blob, name: &str, title: &str) -> Result<(), ShareError> {
    let failed = || ShareError::NotShared;
    let file = png_file(&Array::of1(&blob), name).ok_or_else(failed)?;
    let nav = navigator();
    let share: js_sys::Function = Reflect::get(&nav, &"share".into())
        .ok()
        .and_then(|s| s.dyn_into().ok())
        .ok_or_else(failed)?;
    let promise: js_sys::Promise = share
        .call1(&nav, &share_data(&file, title))
        .ok()
        .and_then(|p| p.dyn_into().ok())
        .ok_or_else(failed)?;
    JsFuture::from(promise).await.map_err(|_| failed())?;
    Ok(())
}

async fn blob_bytes(blob: web_sys::Blob) -> Result<Vec<u8>, ShareError> {
    gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(blob))
        .await
        .map_err(|_| ShareError::Encode)
}

/// What a button does.
#[derive(Clone, Copy, PartialEq)]
enum Deed {
    Png,
    Svg,
    Copy,
    Share,
}

#[function_component]
pub fn ShareDialog(props: &ShareDialogProps) -> Html {
    let options = use_state(|| ShareOptions::for_map(props.map.owner_name.as_deref()));
    let status = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let support = use_memo((), |_| (can_copy_images(), can_share_files()));
    let (can_copy, can_share) = *support;

    // Focus goes into the dialog (the title) when it opens, stays in it, and goes back to
    // "Share picture" when it closes; Escape closes it.
    let dialog_ref = use_node_ref();
    use_modal(dialog_ref.clone(), props.on_close.clone());

    let set = |change: fn(&mut ShareOptions, &str)| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<HtmlSelectElement>()
                .map(|s| s.value())
                .or_else(|| e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()))
                .unwrap_or_default();
            let mut next = (*options).clone();
            change(&mut next, &value);
            options.set(next);
        })
    };
    let on_view = set(|o, v| {
        o.view = if v == "whole" {
            ShareView::WholeMap
        } else {
            ShareView::Current
        }
    });
    let on_scale = set(|o, v| o.scale = v.parse().unwrap_or(2));
    let on_shape = set(|o, v| {
        o.shape = v
            .parse::<usize>()
            .ok()
            .and_then(|k| ShareShape::ALL.get(k).copied())
            .unwrap_or_default()
    });
    let on_background = set(|o, v| {
        o.background = v
            .parse::<usize>()
            .ok()
            .and_then(|k| ShareBackground::ALL.get(k).copied())
            .unwrap_or_default()
    });
    let on_names = set(|o, v| {
        o.set_names(match v {
            "all" => NameMode::All,
            "initials" => NameMode::Initials,
            _ => NameMode::Hidden,
        })
    });
    let on_title = {
        let options = options.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*options).clone();
                next.title = input.value();
                options.set(next);
            }
        })
    };
    let on_insights = {
        let options = options.clone();
        let need = props.on_need_insights.clone();
        let have = props.insights.is_some();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*options).clone();
                next.insights = input.checked();
                if next.insights && !have {
                    need.emit(());
                }
                options.set(next);
            }
        })
    };
    let on_legend = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let mut next = (*options).clone();
                next.legend = input.checked();
                options.set(next);
            }
        })
    };

    let act = |deed: Deed| {
        let (options, status, busy) = (options.clone(), status.clone(), busy.clone());
        let (map, positions) = (props.map.clone(), props.positions.clone());
        let lines = props
            .insights
            .as_ref()
            .filter(|i| i.map_id == props.map.map_id)
            .map(|i| tiemap_app::insights::share_lines(i));
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            if options.insights && lines.is_none() {
                status.set(Some(
                    "The figures are still being measured: try again in a moment.".into(),
                ));
                return;
            }
            let lines = lines.clone();
            let options = (*options).clone();
            let (map, positions) = (map.clone(), positions.clone());
            let (status, busy) = (status.clone(), busy.clone());
            busy.set(true);
            status.set(Some("Drawing the picture…".into()));
            wasm_bindgen_futures::spawn_local(async move {
                let result = async {
                    let picture = draw(&map, &positions, &options, lines.as_deref())?;
                    let name = |ext| file_name_from(&options.title, ext);
                    if deed == Deed::Svg {
                        let svg = picture.svg();
                        download(&name("svg"), "image/svg+xml", svg.as_bytes())?;
                        return Ok(format!("Downloaded {}.", name("svg")));
                    }
                    let blob = png_blob(&picture.canvas).await?;
                    let [w, h] = picture.plan.size.device_px;
                    match deed {
                        Deed::Copy => {
                            copy_png(blob).await?;
                            Ok(format!("Copied a {w} × {h} picture."))
                        }
                        Deed::Share => {
                            share_png(blob, &name("png"), &options.title).await?;
                            Ok("Shared.".to_string())
                        }
                        _ => {
                            let bytes = blob_bytes(blob).await?;
                            download(&name("png"), "image/png", &bytes)?;
                            Ok(format!("Downloaded {} ({w} × {h}).", name("png")))
                        }
                    }
                }
                .await;
                status.set(Some(result.unwrap_or_else(|e: ShareError| e.sentence())));
                busy.set(false);
            });
        })
    };

    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e
                .target()
                .zip(e.current_target())
                .is_some_and(|(t, c)| t == c);
            if on_backdrop {
                on_close.emit(());
            }
        })
    };

    let o = &*options;
    let (screen, _) = live_view(&props.positions);
    let size = picture_size(o.shape, o.scale, screen);
    let [w, h] = size.device_px;
    html! {
        <div class="share-backdrop" onclick={on_backdrop}>
            <div class="share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-heading" ref={dialog_ref}>
                <h2 id="share-heading">{ "Share a picture of your map" }</h2>
                <label class="share-field">
                    <span>{ "Title" }</span>
                    <input type="text" aria-label="Title" value={o.title.clone()} oninput={on_title} />
                </label>
                <div class="share-grid">
                    <label class="share-field">
                        <span>{ "View" }</span>
                        <select aria-label="View" onchange={on_view}>
                            <option value="current" selected={o.view == ShareView::Current}>{ "Current view" }</option>
                            <option value="whole" selected={o.view == ShareView::WholeMap}>{ "Whole map" }</option>
                        </select>
                    </label>
                    <label class="share-field">
                        <span>{ "Shape" }</span>
                        <select aria-label="Shape" onchange={on_shape}>
                            { for ShareShape::ALL.iter().enumerate().map(|(k, s)| html! {
                                <option value={k.to_string()} selected={o.shape == *s}>{ s.label() }</option>
                            }) }
                        </select>
                    </label>
                    <label class="share-field">
                        <span>{ "Scale" }</span>
                        <select aria-label="Scale" onchange={on_scale}>
                            { for ShareOptions::SCALES.iter().map(|s| html! {
                                <option value={s.to_string()} selected={o.scale == *s}>{ format!("{s}x") }</option>
                            }) }
                        </select>
                    </label>
                    <label class="share-field">
                        <span>{ "Background" }</span>
                        <select aria-label="Background" onchange={on_background}>
                            { for ShareBackground::ALL.iter().enumerate().map(|(k, b)| html! {
                                <option value={k.to_string()} selected={o.background == *b}>{ b.label() }</option>
                            }) }
                        </select>
                    </label>
                    <label class="share-field">
                        <span>{ "Names" }</span>
                        <select aria-label="Names" onchange={on_names}>
                            <option value="hidden" selected={o.names == NameMode::Hidden}>{ "No names (clusters only)" }</option>
                            <option value="initials" selected={o.names == NameMode::Initials}>{ "Initials only" }</option>
                            <option value="all" selected={o.names == NameMode::All}>{ "All names" }</option>
                        </select>
                    </label>
                    <label class="share-check">
                        <input type="checkbox" checked={o.legend} onchange={on_legend} />
                        <span>{ "Legend" }</span>
                    </label>
                    <label class="share-check">
                        <input type="checkbox" checked={o.insights} onchange={on_insights} />
                        <span>{ "Figures from the insights" }</span>
                    </label>
                </div>
                <p class="share-size" data-width={w.to_string()} data-height={h.to_string()}>
                    { format!("{w} × {h} pixels") }
                    if o.names == NameMode::All {
                        <span class="share-warning">{ " · shows people's names" }</span>
                    }
                </p>
                <div class="share-actions">
                    <button type="button" class="button primary" aria-disabled={busy.to_string()} onclick={act(Deed::Png)}>{ "Download PNG" }</button>
                    <button type="button" class="button" aria-disabled={busy.to_string()} onclick={act(Deed::Svg)}>{ "Download SVG" }</button>
                    if can_copy {
                        <button type="button" class="button" aria-disabled={busy.to_string()} onclick={act(Deed::Copy)}>{ "Copy image" }</button>
                    }
                    if can_share {
                        <button type="button" class="button" aria-disabled={busy.to_string()} onclick={act(Deed::Share)}>{ "Share" }</button>
                    }
                    <button type="button" class="button secondary" onclick={on_close}>{ "Close" }</button>
                </div>
                <p class="share-status" role="status" aria-live="polite">{ (*status).clone().unwrap_or_default() }</p>
            </div>
        </div>
    }
}
