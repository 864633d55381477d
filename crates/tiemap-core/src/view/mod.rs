//! View geometry with no DOM: camera, label grid, palette.
