//! What every dialog does with the keyboard: the focus goes in when it opens, Tab and Shift+Tab
//! go round its controls without leaving it, Escape closes it, and the focus goes back to
//! where it was (the button that opened it) when it closes.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// The controls Tab stops at.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
     select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The dialog's controls that can take the focus, in document order.
fn focusable(dialog: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        // shown ones only (a closed <details> hides its content)
        .filter(|el| el.get_client_rects().length() > 0)
        .collect()
}

fn active_element() -> Option<HtmlElement> {
    gloo::utils::document()
        .active_element()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
}

/// Makes the element behind `dialog` a modal dialog for the keyboard (see the module). Call it
/// once in the dialog's component; `on_close` runs on Escape.
#[hook]
pub fn use_modal(dialog: NodeRef, on_close: Callback<()>) {
    use_effect_with((), move |_| {
        let opener = active_element();
        if let Some(el) = dialog.cast::<HtmlElement>() {
            let inside = active_element().is_some_and(|a| el.contains(Some(&a)));
            if !inside {
                // the first control, or the dialog itself (it has tabindex=-1)
                let first = focusable(&el).into_iter().next();
                let _ = first.as_ref().unwrap_or(&el).focus();
            }
        }
        let options = EventListenerOptions::enable_prevent_default();
        let trap = {
            let dialog = dialog.clone();
            EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |e| {
                let (Some(e), Some(el)) =
                    (e.dyn_ref::<KeyboardEvent>(), dialog.cast::<HtmlElement>())
                else {
                    return;
                };
                match e.key().as_str() {
                    "Escape" => {
                        e.prevent_default();
                        on_close.emit(());
                    }
                    "Tab" => {
                        let stops = focusable(&el);
                        let (Some(first), Some(last)) = (stops.first(), stops.last()) else {
                            e.prevent_default();
                            return;
                        };
                        let active = active_element();
                        let outside = !active.as_ref().is_some_and(|a| el.contains(Some(a)));
                        if e.shift_key()
                            && (outside
                                || active.as_ref() == Some(first)
                                || active.as_ref() == Some(&el))
                        {
                            e.prevent_default();
                            let _ = last.focus();
                        } else if !e.shift_key() && (outside || active.as_ref() == Some(last)) {
                            e.prevent_default();
                            let _ = first.focus();
                        }
                    }
                    _ => {}
                }
            })
        };
        move || {
            drop(trap);
            if let Some(opener) = opener.filter(|o| o.is_connected()) {
                let _ = opener.focus();
            }
        }
    });
}
