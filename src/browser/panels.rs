//! Fetching the panels module ([`crate::panels`]: `panels.js` and `panels_bg.wasm`, built by
//! trunk as wasm-bindgen's no-modules output) once, and mounting a dialog from it. The page
//! asks for it once the worker is up, so a dialog opened later opens at once; a dialog opened
//! sooner waits for it.

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where trunk puts the panels module's files, relative to the page.
const SCRIPT: &str = "./panels.js";
const WASM: &str = "./panels_bg.wasm";

#[wasm_bindgen]
extern "C" {
    /// The panels module's initialiser: the global `panels.js` defines.
    #[wasm_bindgen(js_name = wasm_bindgen, catch)]
    fn panels_init(options: &JsValue) -> Result<js_sys::Promise, JsValue>;

    /// A dialog the panels module drew (its `PanelHandle`).
    pub type PanelHandle;

    #[wasm_bindgen(js_namespace = wasm_bindgen, js_name = mount_panel, catch)]
    fn mount_panel(
        root: &web_sys::Element,
        props: &[u8],
        emit: &js_sys::Function,
    ) -> Result<PanelHandle, JsValue>;

    /// Shows the dialog with new data (`PanelData::encode`).
    #[wasm_bindgen(method, catch)]
    pub fn update(this: &PanelHandle, props: &[u8]) -> Result<(), JsValue>;

    /// Takes the dialog off the page and frees it.
    #[wasm_bindgen(method)]
    pub fn destroy(this: &PanelHandle);
}

type Loading = Shared<LocalBoxFuture<'static, Result<(), String>>>;

thread_local! {
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
    /// `panels.js` ran (it declares a global, so it must not run twice).
    static SCRIPT_RAN: Cell<bool> = const { Cell::new(false) };
}

/// Says how far the panels module is on the page's root element (`data-panels`: `loading`,
/// `ready`, `failed`), for the tests.
fn mark(state: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-panels", state);
    }
}

fn sentence(_: JsValue) -> String {
    "This panel could not be loaded (the site may have been updated): reload the page to try again."
        .to_string()
}

async fn run_script() -> Result<(), JsValue> {
    if SCRIPT_RAN.with(Cell::get) {
        return Ok(());
    }
    let document = gloo::utils::document();
    let script: web_sys::HtmlScriptElement = document.create_element("script")?.dyn_into()?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    script.set_src(SCRIPT);
    document
        .head()
        .ok_or_else(|| JsValue::from_str("no head"))?
        .append_child(&script)?;
    JsFuture::from(done).await?;
    SCRIPT_RAN.with(|r| r.set(true));
    Ok(())
}

async fn fetch() -> Result<(), String> {
    mark("loading");
    let result = async {
        run_script().await?;
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"module_or_path".into(), &WASM.into())?;
        JsFuture::from(panels_init(&options)?).await?;
        Ok::<(), JsValue>(())
    }
    .await
    .map_err(sentence);
    mark(if result.is_ok() { "ready" } else { "failed" });
    if result.is_err() {
        // the next dialog opened tries again
        LOADING.with(|l| *l.borrow_mut() = None);
    }
    result
}

/// The panels module, fetched and started (once; again after a failure).
pub fn load() -> Loading {
    LOADING.with(|l| {
        l.borrow_mut()
            .get_or_insert_with(|| fetch().boxed_local().shared())
            .clone()
    })
}

/// Fetches the panels module in the background.
pub fn prefetch() {
    let loading = load();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = loading.await;
    });
}

/// Draws a dialog into `root` from `props` (`PanelData::encode`); `emit` gets each event's bytes.
pub fn mount(
    root: &web_sys::Element,
    props: &[u8],
    emit: &js_sys::Function,
) -> Result<PanelHandle, String> {
    mount_panel(root, props, emit).map_err(sentence)
}
