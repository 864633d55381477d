//! How much checking ties improves the map of each hard export: a simulated person answers
//! 10, 20 and 50 questions in the page's order and in random order, and the clusters are
//! compared with the true groups after each (`tiemap_app::checking`). Prints a markdown
//! table and writes the figures as a JSON array of `Checked`.
//!
//! ```text
//! cargo run --release -p tiemap-app --example checking -- \
//!     [--out target/bench/checking.json] [--seed 42] [--only burst]
//! ```

use std::path::PathBuf;
use std::time::Instant;
use tiemap_app::checking::{ceiling_table, check_hard_export, table, Order};
use tiemap_core::sample::hard;

fn main() {
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 42;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--only" => only = args.next(),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| fail("--seed takes a number"))
            }
            other => fail(&format!(
                "unknown argument {other:?}: usage: checking [--out FILE] [--seed N] [--only KIND]"
            )),
        }
    }
    let out = out.unwrap_or_else(|| {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
        target.join("bench/checking.json")
    });

    let t0 = Instant::now();
    let mut rows = Vec::new();
    for h in hard::hard_exports(seed) {
        if only.as_deref().is_some_and(|o| o != h.name) {
            continue;
        }
        for order in [Order::Page, Order::Random] {
            let row = check_hard_export(&h, order, seed).unwrap_or_else(|e| {
                fail(&format!("{} could not be opened: {}", h.name, e.sentence()))
            });
            eprintln!(
                "{} {:?}: {:.1} s",
                h.name,
                order,
                t0.elapsed().as_secs_f64()
            );
            rows.push(row);
        }
    }
    println!("{}", table(&rows));
    println!(
        "What answers could do at best (the truth about every tie on the map):\n\n{}",
        ceiling_table(&rows)
    );
    for r in rows.iter().filter(|r| r.order == Order::Page) {
        for c in &r.changes {
            println!("- {}: {c}", r.export);
        }
    }
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

fn fail(sentence: &str) -> ! {
    eprintln!("{sentence}");
    std::process::exit(2)
}
