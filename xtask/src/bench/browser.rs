//! Step 4: the in-browser benchmarks. Builds `src/bin/bench.rs` for wasm32 (plain, and with
//! `+simd128` for the `simd` area), the root lib as the renderer for the `render` area, then
//! runs `tools/bench/browser/run.mjs` (graphology and sigma.js bundled with esbuild, headless
//! Chromium), which writes one JSON file of raw figures per area: [`FILES`]. Their types are in
//! the modules of the report's areas ([`super::layout`], [`super::communities`],
//! [`super::import`], [`super::drawing`]).

use super::Ctx;
use crate::run::{command, root, status};
use crate::tools::{ensure_browser, ToolEnv, CHROMIUM};
use std::path::Path;

pub const STEP: &str = "in-browser benchmarks";

// The files run.mjs writes, one per area of its `ALL_AREAS`.
pub const MEMORY: &str = "memory.json";
pub const LAYOUT: &str = "layout.json";
pub const SIMD: &str = "simd.json";
pub const COMMUNITY: &str = "community.json";
pub const IMPORT: &str = "import.json";
pub const RENDER: &str = "render.json";
pub const FILES: [&str; 6] = [MEMORY, LAYOUT, SIMD, COMMUNITY, IMPORT, RENDER];

pub fn run(ctx: &Ctx) -> Result<(), String> {
    let env = ctx.env;
    ensure_browser()?;
    let tools = root().join("tools");
    let peers = [
        "esbuild",
        "graphology",
        "graphology-layout-forceatlas2",
        "graphology-communities-louvain",
        "sigma",
        "playwright-core",
    ];
    if peers.iter().any(|p| {
        !tools
            .join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    }) {
        status(
            command(env, "npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&tools),
            "npm ci (tools/)",
        )?;
    }
    status(
        command(env, "cargo").args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--bin",
            "bench",
        ]),
        "cargo build --bin bench (wasm32)",
    )?;
    let site = ctx.out.join("browser");
    let release = root().join("target/wasm32-unknown-unknown/release");
    bindgen(env, &site.join("pkg"), &release.join("bench.wasm"), "")?;
    // The render area's module: the root `tiemap` lib built as a cdylib, whose one wasm-bindgen
    // export is the map renderer for timing (`TiemapRenderBench`, src/render/bench.rs), into
    // `<site>/pkg/tiemap.js` beside bench.js. The app's page has no bench mode; the bench page
    // draws with the app's own renderer through this.
    status(
        command(env, "cargo").args([
            "rustc",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--crate-type",
            "cdylib",
        ]),
        "cargo rustc --lib --crate-type cdylib (wasm32, the renderer for the render bench)",
    )?;
    bindgen(
        env,
        &site.join("pkg"),
        &release.join("tiemap.wasm"),
        " (tiemap.wasm)",
    )?;
    // The bench module again with `-C target-feature=+simd128` (in its own target dir, so the
    // plain build's cache stays), into `<site>/pkg-simd/` for run.mjs's `simd` area.
    let simd = crate::run::build_simd128(env, "bench")?;
    bindgen(env, &site.join("pkg-simd"), &simd, " (simd128)")?;
    let mut cmd = command(env, "node");
    cmd.arg(root().join("tools/bench/browser/run.mjs"))
        .arg("--site")
        .arg(&site)
        .arg("--out")
        .arg(ctx.out)
        .args(["--chromium", CHROMIUM]);
    if ctx.quick {
        cmd.arg("--quick");
    }
    status(&mut cmd, "browser benchmarks (run.mjs)")
}

/// `wasm-bindgen --target web` of `wasm` into `out_dir`.
fn bindgen(env: &ToolEnv, out_dir: &Path, wasm: &Path, what: &str) -> Result<(), String> {
    status(
        command(env, "wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(out_dir)
            .arg(wasm),
        &format!("wasm-bindgen{what}"),
    )
}
