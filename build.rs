//! Bakes the bundled sample map (`tiemap_app::baked`) into the page: the same pipeline as the
//! worker, run natively at build time (deterministic, seeded), written as bincode (the
//! encoding the page and the worker already speak) for `src/baked.rs` to include.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let baked = tiemap_app::baked::bake().expect("the bundled sample opens");
    let bytes = bincode::serialize(&baked).expect("the baked sample encodes");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("sample.bin"), bytes).expect("OUT_DIR is writable");
}
