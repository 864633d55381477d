//! A wasm module for timing our Leiden under node (the browser's engine, V8), against native.
//! Built by `tools/bench/community/wasm/run.sh`; no wasm-bindgen, plain exported functions.

use tiemap_core::community::{leiden, LeidenSettings};
use tiemap_core::sample::planted_partition;
use tiemap_core::Csr;

static mut GRAPH: Option<Csr> = None;
static mut MODULARITY: f64 = 0.0;

/// Generates the bench's planted graph (mean degree 15, mixing 0.25, seed 42).
#[no_mangle]
pub extern "C" fn make_graph(nodes: u32, groups: u32) {
    let g = planted_partition(nodes as usize, groups as usize, 15.0, 0.25, 42);
    // SAFETY: single-threaded wasm; the JS driver calls one function at a time.
    unsafe { GRAPH = Some(g.csr) };
}

/// Runs Leiden with `seed` on the graph; returns the community count.
#[no_mangle]
pub extern "C" fn run_leiden(seed: u32) -> u32 {
    // SAFETY: as above.
    #[allow(static_mut_refs)]
    let Some(csr) = (unsafe { GRAPH.as_ref() }) else {
        return 0;
    };
    let p = leiden(csr, &LeidenSettings::with_seed(seed as u64));
    unsafe { MODULARITY = p.modularity };
    p.community_count as u32
}

/// Modularity of the last run.
#[no_mangle]
pub extern "C" fn last_modularity() -> f64 {
    unsafe { MODULARITY }
}
