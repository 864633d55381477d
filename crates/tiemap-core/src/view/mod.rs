//! View geometry with no DOM: camera, label grid, palette.

pub mod camera;
pub mod labels;
/// Cluster colours fixed by persistent cluster id: distinct, colour-blind safe, readable on
/// light and dark backgrounds.
pub mod palette;
