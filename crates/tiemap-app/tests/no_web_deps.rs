//! The promise the crate layout keeps: `tiemap-app` and `tiemap-core` build with no web
//! crate, for the native target and for wasm (where a feature could pull one in).

use std::process::Command;

const WEB_CRATES: &[&str] = &[
    "wasm-bindgen",
    "js-sys",
    "web-sys",
    "gloo",
    "yew",
    "getrandom",
    "wasm-bindgen-futures",
];

fn dependencies(package: &str, target: Option<&str>) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args([
        "tree", "-p", package, "-e", "normal", "--prefix", "none", "--locked",
    ])
    .current_dir(env!("CARGO_MANIFEST_DIR"));
    if let Some(t) = target {
        cmd.args(["--target", t]);
    }
    let out = cmd.output().expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn no_web_crate_under_the_app_or_the_core_for_either_target() {
    for package in ["tiemap-app", "tiemap-core"] {
        for target in [None, Some("wasm32-unknown-unknown")] {
            let deps = dependencies(package, target);
            assert!(deps.iter().any(|d| d == "tiemap-core"), "{deps:?}");
            let web: Vec<&String> = deps
                .iter()
                .filter(|d| WEB_CRATES.contains(&d.as_str()) || d.starts_with("gloo-"))
                .collect();
            assert!(web.is_empty(), "{package} ({target:?}) depends on {web:?}");
        }
    }
}

#[test]
fn the_check_sees_web_crates_where_they_are() {
    // The shell does depend on them: the check above can fail.
    let deps = dependencies("tiemap", Some("wasm32-unknown-unknown"));
    assert!(deps.iter().any(|d| d == "web-sys"), "{deps:?}");
}
