#!/bin/sh
# Times our Leiden compiled to wasm32-unknown-unknown under node, on the bench's planted graphs.
# Run from the repository root: sh tools/bench/community/wasm/run.sh [SEEDS]
set -e
# Without LTO, so the rlib carries object code rustc can link into the shim.
CARGO_PROFILE_RELEASE_LTO=false cargo build --release -p tiemap-core \
  --target wasm32-unknown-unknown --target-dir target/wasm-bench
DEPS=target/wasm-bench/wasm32-unknown-unknown/release/deps
RLIB=$(ls -t $DEPS/libtiemap_core-*.rlib | head -1)
mkdir -p target/bench/community
rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -C opt-level=3 \
  -L "$DEPS" --extern tiemap_core="$RLIB" \
  -o target/bench/community/leiden_wasm.wasm tools/bench/community/wasm/leiden_wasm.rs
node tools/bench/community/wasm/run.js target/bench/community/leiden_wasm.wasm "${1:-3}"
