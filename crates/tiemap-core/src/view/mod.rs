//! View geometry with no DOM: camera, label grid, palette.

pub mod camera;
pub mod labels;
