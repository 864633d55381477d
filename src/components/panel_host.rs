//! A dialog drawn by the panels module ([`crate::panels`]): the host waits for the module,
//! mounts the dialog into its own element, sends it new data as its props change, and hands
//! what the person does back to the page. While the module loads it says so; if it cannot load,
//! it says why in one sentence, and the map stays as it was.

use crate::browser::panels::{self, PanelHandle};
use crate::components::modal::use_modal;
use crate::panels::{PanelData, PanelEvent};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelHostProps {
    pub data: PanelData,
    pub on_event: Callback<PanelEvent>,
}

/// A mounted dialog, what it was last sent, and the function it calls with events (kept alive
/// as long as the dialog).
struct Live {
    handle: PanelHandle,
    sent: PanelData,
    _emit: Closure<dyn FnMut(js_sys::Uint8Array)>,
}

#[function_component]
pub fn PanelHost(props: &PanelHostProps) -> Html {
    let root = use_node_ref();
    let live = use_mut_ref(|| None::<Live>);
    let failed = use_state(|| None::<String>);
    let loading = use_state(|| true);
    // What the dialog should show and whom it tells, as of the last render (the module may
    // arrive after several).
    let latest = use_mut_ref(|| props.data.clone());
    *latest.borrow_mut() = props.data.clone();
    let on_event = use_mut_ref(|| props.on_event.clone());
    *on_event.borrow_mut() = props.on_event.clone();

    {
        let (root, live, failed, loading) =
            (root.clone(), live.clone(), failed.clone(), loading.clone());
        let (latest, on_event) = (latest.clone(), on_event.clone());
        use_effect_with((), move |_| {
            let alive = Rc::new(Cell::new(true));
            {
                let alive = alive.clone();
                let live = live.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = panels::load().await;
                    if !alive.get() {
                        return;
                    }
                    loading.set(false);
                    if let Err(e) = result {
                        failed.set(Some(e));
                        return;
                    }
                    let Some(element) = root.cast::<web_sys::Element>() else {
                        return;
                    };
                    let emit = Closure::<dyn FnMut(js_sys::Uint8Array)>::new(
                        move |bytes: js_sys::Uint8Array| {
                            let Some(event) = PanelEvent::decode(&bytes.to_vec()) else {
                                return;
                            };
                            // after the dialog's own handler has returned
                            let on_event = on_event.borrow().clone();
                            wasm_bindgen_futures::spawn_local(async move { on_event.emit(event) });
                        },
                    );
                    let data = latest.borrow().clone();
                    match panels::mount(&element, &data.encode(None), emit.as_ref().unchecked_ref())
                    {
                        Ok(handle) => {
                            *live.borrow_mut() = Some(Live {
                                handle,
                                sent: data,
                                _emit: emit,
                            })
                        }
                        Err(e) => failed.set(Some(e)),
                    }
                });
            }
            move || {
                alive.set(false);
                if let Some(l) = live.borrow_mut().take() {
                    l.handle.destroy();
                }
            }
        });
    }
    {
        let (live, failed) = (live.clone(), failed.clone());
        use_effect_with(props.data.clone(), move |data| {
            let mut live = live.borrow_mut();
            if let Some(l) = live.as_mut().filter(|l| l.sent != *data) {
                match l.handle.update(&data.encode(Some(&l.sent))) {
                    Ok(()) => l.sent = data.clone(),
                    Err(_) => failed.set(Some(
                        "This panel stopped working: close it and open it again.".into(),
                    )),
                }
            }
        });
    }

    let close = props.on_event.reform(|()| PanelEvent::Close);
    html! {
        <>
            if let Some(sentence) = (*failed).clone() {
                <PanelFailed {sentence} on_close={close} />
            } else if *loading {
                <div class="busy" role="status">{ "Opening…" }</div>
            }
            <div class="panel-root" ref={root}></div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PanelFailedProps {
    sentence: String,
    on_close: Callback<()>,
}

/// The one sentence saying a dialog could not open.
#[function_component]
fn PanelFailed(props: &PanelFailedProps) -> Html {
    let dialog = use_node_ref();
    use_modal(dialog.clone(), props.on_close.clone());
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="insights-backdrop">
            <section class="insights panel-failed" role="alertdialog" aria-modal="true" aria-labelledby="panel-failed" tabindex="-1" ref={dialog}>
                <p id="panel-failed">{ props.sentence.clone() }</p>
                <button class="button secondary" onclick={close}>{ "Close" }</button>
            </section>
        </div>
    }
}
