//! Drawing the map. One file per backend: Canvas 2D now (also the fallback where WebGL2 is
//! missing).

pub mod canvas2d;
