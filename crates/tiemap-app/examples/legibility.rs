//! How legible the maps of the hard exports and of the bundled sample are, measured through
//! the page's pipeline (`tiemap_app::legibility`). Prints a markdown table and writes the
//! figures as a JSON array of `Legibility`.
//!
//! ```text
//! cargo run --release -p tiemap-app --example legibility -- \
//!     [--out target/bench/legibility.json] [--seed 42]
//! ```

use std::path::PathBuf;
use std::time::Instant;
use tiemap_app::legibility::{measure_hard_exports, measure_sample, table};

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 42;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| fail("--seed takes a number"))
            }
            other => fail(&format!(
                "unknown argument {other:?}: usage: legibility [--out FILE] [--seed N]"
            )),
        }
    }
    let out = out.unwrap_or_else(|| {
        // the workspace's target directory, as cargo would pick it
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        target.join("bench/legibility.json")
    });

    let t0 = Instant::now();
    let mut rows = measure_hard_exports(seed);
    match measure_sample(seed) {
        Ok(row) => rows.push(row),
        Err(e) => fail(&format!(
            "the bundled sample could not be opened: {}",
            e.sentence()
        )),
    }
    println!("{}", table(&rows));
    println!(
        "measured in {:.1} s (seed {seed})",
        t0.elapsed().as_secs_f64()
    );

    let json = serde_json::to_string_pretty(&rows).unwrap_or_else(|e| fail(&e.to_string()));
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    }
    std::fs::write(&out, json).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    println!("wrote {}", out.display());
}

fn fail(why: &str) -> ! {
    eprintln!("legibility: {why}");
    std::process::exit(1)
}
