//! tiemap's browser shell: a thin Yew app over `tiemap-app` (the session, the map, edits,
//! insights, project files, label placement, pictures; no browser) and `tiemap-core`.
//!
//! - [`baked`]: the bundled sample map, baked at build time and drawn before the worker;
//! - [`protocol`]: the messages between the page and its web worker;
//! - [`worker`]: the web worker that imports files and runs the heavy work;
//! - [`state`]: the page's state and the actions that change it;
//! - [`components`]: one Yew component per file;
//! - [`render`]: drawing the map;
//! - [`panels`]: the Insights and Share dialogs, a second wasm module fetched after the first picture;
//! - [`browser`]: the web-sys edge (reading dropped files, saved maps).

pub mod baked;
pub mod browser;
pub mod components;
pub mod panels;
pub mod protocol;
pub mod render;
pub mod state;
pub mod worker;

/// Where trunk puts the worker's loader, relative to the page (so the site also works from a
/// sub-path).
pub const WORKER_LOADER_PATH: &str = "./worker_loader.js";
