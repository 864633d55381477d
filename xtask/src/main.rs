//! Developer commands for tiemap: `cargo xtask serve | test | bench | build`.
//!
//! Each command first installs what is missing (and only what is missing or at the wrong
//! version): the wasm target, trunk, wasm-bindgen-cli, wasm-opt and playwright-core from
//! npm, and for tests Chromium and ChromeDriver.

mod bench;
mod offline;
mod run;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>
  serve    build the site and serve it at http://127.0.0.1:8080 (opens on a sample network)
  test     run every test: native, wasm-bindgen-test in headless Chromium, end-to-end
  bench    run the benchmarks and write their figures into docs/benchmarks.md
  build    build the site into dist/";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("build") => tools::ensure_build_tools().and_then(|env| run::build_site(&env)),
        // trunk's post_build hook (Trunk.toml): the worker's simd128 build and its loader
        Some("worker-simd") => run::worker_simd(&tools::tool_env()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), String> {
    let env = tools::ensure_build_tools()?;
    println!("xtask: serving http://127.0.0.1:8080 (Ctrl+C to stop)");
    run::status(
        run::command(&env, "trunk").args(["serve", "--release", "--offline"]),
        "trunk serve",
    )
}

/// Runs every suite, even after a failure, and ends with one summary line.
fn test(args: &[String]) -> Result<(), String> {
    let only: Option<&str> = args.first().map(String::as_str);
    let env = tools::ensure_build_tools()?;
    tools::ensure_browser()?;
    let mut tally = run::Tally::default();
    let root = run::root();
    let want = |name: &str| only.is_none_or(|o| o == name);

    if want("clippy") {
        // Lints are a suite of their own: a warning fails the run like a failing test.
        tally.suite(
            "clippy (every crate, every target, warnings denied)",
            run::command(&env, "cargo")
                .args([
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--locked",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(&root),
        );
        tally.suite(
            "clippy (the wasm app, worker and browser tests)",
            run::command(&env, "cargo")
                .args([
                    "clippy",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "tiemap",
                    "--bins",
                    "--tests",
                    "--locked",
                    "--",
                    "-D",
                    "warnings",
                ])
                .current_dir(&root),
        );
    }
    if want("native") {
        tally.suite(
            "native",
            run::command(&env, "cargo")
                .args(["test", "--workspace", "--locked", "--no-fail-fast"])
                .current_dir(&root),
        );
    }
    if want("wasm") {
        tally.suite(
            "wasm-bindgen-test (headless Chromium)",
            run::command(&env, "cargo")
                .args([
                    "test",
                    "--locked",
                    "--no-fail-fast",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "tiemap",
                    "--tests",
                ])
                .env("CHROMEDRIVER", tools::CHROMEDRIVER)
                .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
                .current_dir(&root),
        );
    }
    if want("e2e") {
        match run::build_site(&env) {
            Ok(()) => tally.suite(
                "end-to-end (headless Chromium against dist/)",
                run::command(&env, "node")
                    .args(["--test", "--test-concurrency=1", "--test-reporter=spec"])
                    .arg(root.join("tests/e2e"))
                    .current_dir(&root),
            ),
            Err(e) => tally.failed_to_run("end-to-end", &e),
        }
    }
    tally.finish()
}
