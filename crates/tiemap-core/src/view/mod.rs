//! View geometry with no DOM: camera, label grid and label choice, cluster anchors, the
//! hit-test grid.

pub mod camera;
pub mod clusters;
pub mod hit;
pub mod labels;
