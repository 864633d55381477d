//! View geometry with no DOM: camera, label grid and label choice, cluster anchors, the
//! hit-test grid.

pub mod camera;
pub mod clusters;
pub mod hit;
pub mod labels;
/// Cluster colours fixed by persistent cluster id: distinct, colour-blind safe, readable on
/// light and dark backgrounds.
pub mod palette;
