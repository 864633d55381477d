//! The bundled sample map, baked at build time (`build.rs`, `tiemap_app::baked`): drawn on a
//! first visit before the worker is even downloaded.

use tiemap_app::baked::BakedSample;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/sample.bin"));

/// The baked sample (`None` only if the build wrote something unreadable: the page then
/// asks the worker for the sample, as for any map).
pub fn sample() -> Option<BakedSample> {
    bincode::deserialize(BYTES).ok()
}
