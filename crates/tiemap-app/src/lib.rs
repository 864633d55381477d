//! tiemap's application logic, with no browser in it: what the page runs, built and tested
//! natively, and run unchanged by the command line and the benches.
//!
//! - [`session`]: one open map, from the files a person drops to the clusters and the
//!   running layout, with their edits: the one pipeline every caller uses;
//! - [`model`]: the map as the page shows it (people, clusters, edits, saved state);
//! - [`insights`]: what the map says; [`career`]: the core network, whom to reconnect with,
//!   whom the owner talked to lately; [`diff`]: what changed between two maps of one person;
//! - [`baked`]: the bundled sample computed at build time, drawn before the worker arrives;
//! - [`project`]: the `.tiemap` project file; [`saver`]: what autosave and restore keep;
//!   [`tabs`]: two tabs on one map, their edits merged and never overwritten;
//! - [`scene`], [`theme`], [`labels`]: what a frame shows and where names go (text is
//!   measured through [`labels::TextMeasure`], which the browser implements with a canvas);
//! - [`picture`]: the shared picture's layout and its SVG.
//!
//! Depends on `tiemap-core` only: no wasm-bindgen, web-sys, js-sys, gloo or yew (a test
//! checks the dependency tree for the native and the wasm target).

pub mod baked;
pub mod career;
pub mod checking;
pub mod diff;
pub mod insights;
pub mod labels;
pub mod legibility;
pub mod model;
pub mod outline;
pub mod picture;
pub mod project;
pub mod raster;
pub mod saver;
pub mod scene;
pub mod session;
pub mod tabs;
pub mod theme;
