//! The panels module's entry points (see `tiemap::panels`): the page mounts the Insights and
//! Share dialogs and the "Check ties" panel from here, once this module is fetched after its
//! first picture.

use tiemap::panels::{Emitter, Mounted};
use wasm_bindgen::prelude::*;

/// A dialog this module drew into the page.
#[wasm_bindgen]
pub struct PanelHandle(Mounted);

#[wasm_bindgen]
impl PanelHandle {
    /// Shows the dialog with new data (`PanelData::encode` on the page's side).
    pub fn update(&mut self, props: &[u8]) -> Result<(), JsError> {
        self.0
            .update(props)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Takes the dialog off the page.
    pub fn destroy(self) {
        self.0.destroy();
    }
}

/// Draws the dialog `props` describes into `root`; `emit` gets the bytes of each event
/// (`PanelEvent::encode`).
#[wasm_bindgen]
pub fn mount_panel(
    root: web_sys::Element,
    props: &[u8],
    emit: js_sys::Function,
) -> Result<PanelHandle, JsError> {
    let emit = Emitter::new(move |bytes: &[u8]| {
        let _ = emit.call1(&JsValue::NULL, &js_sys::Uint8Array::from(bytes));
    });
    Mounted::mount(root, props, emit)
        .map(PanelHandle)
        .map_err(|e| JsError::new(&e.to_string()))
}

fn main() {}
