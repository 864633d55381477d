//! Installing the tools the build and the tests need, only when missing or at the wrong version.

use crate::run::root;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// trunk 0.22 needs a newer rustc than this project's 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen = "=..."` pin in the root Cargo.toml (a test checks).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
/// binaryen from npm; Debian's v108 cannot parse wasm-bindgen's output.
pub const WASM_OPT_MAJOR: &str = "132";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The environment the tools run in.
pub struct ToolEnv {
    pub path: OsString,
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
        .join("bin")
}

/// The tool PATH without installing anything (for trunk's hooks, which run inside a build
/// whose tools are already in place).
pub fn tool_env() -> ToolEnv {
    ToolEnv { path: tool_path() }
}

fn tool_path() -> OsString {
    let mut dirs = vec![root().join("tools/node_modules/.bin"), cargo_bin()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap_or_default()
}

/// The first line a program prints for `--version`, or `None` if it does not run.
fn version_of(path: &OsString, program: &str) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(|l| l.trim().to_string())
}

fn run(path: &OsString, program: &str, args: &[&str], dir: &Path) -> Result<(), String> {
    println!("xtask: installing: {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .env("PATH", path)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("could not run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The wasm target, trunk, wasm-bindgen-cli, wasm-opt and playwright-core.
pub fn ensure_build_tools() -> Result<ToolEnv, String> {
    let path = tool_path();
    let root = root();

    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .env("PATH", &path)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    if !targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(
            &path,
            "rustup",
            &["target", "add", "wasm32-unknown-unknown"],
            &root,
        )?;
    }

    if version_of(&path, "trunk").as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        run(
            &path,
            "cargo",
            &["install", &format!("trunk@{TRUNK_VERSION}"), "--locked"],
            &root,
        )?;
    }

    // No --locked: the crate's own lockfile names a webpki-roots the registry here lacks.
    if version_of(&path, "wasm-bindgen").as_deref()
        != Some(&format!("wasm-bindgen {WASM_BINDGEN_VERSION}"))
    {
        run(
            &path,
            "cargo",
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                &format!("={WASM_BINDGEN_VERSION}"),
            ],
            &root,
        )?;
    }

    let wasm_opt_ok = version_of(
        &path,
        &root
            .join("tools/node_modules/.bin/wasm-opt")
            .to_string_lossy(),
    )
    .is_some_and(|v| v.contains(&format!("version {WASM_OPT_MAJOR}")));
    // Every package the tests use (a checkout made before one was added lacks it).
    let packages_ok = ["playwright-core", "axe-core"].iter().all(|p| {
        root.join("tools/node_modules")
            .join(p)
            .join("package.json")
            .exists()
    });
    if !wasm_opt_ok || !packages_ok {
        run(
            &path,
            "npm",
            &["ci", "--no-audit", "--no-fund"],
            &root.join("tools"),
        )?;
    }
    Ok(ToolEnv { path })
}

/// Chromium and ChromeDriver from Debian, installed with apt when missing and we are root.
pub fn ensure_browser() -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let has_apt = Path::new("/usr/bin/apt-get").exists();
    if !(is_root && has_apt) {
        return Err("Chromium and ChromeDriver are missing: run `sudo apt-get install chromium chromium-driver` and try again".into());
    }
    let path = tool_path();
    let root = root();
    run(&path, "apt-get", &["update"], &root)?;
    let status = Command::new("apt-get")
        .args([
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .map_err(|e| format!("could not run apt-get: {e}"))?;
    if !status.success() {
        return Err(format!(
            "apt-get install chromium chromium-driver failed ({status})"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_bindgen_pin_matches_the_crate() {
        let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap_or_default();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"")),
            "the wasm-bindgen crate pin and the CLI version differ"
        );
        let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap_or_default();
        assert!(trunk.contains(&format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"")));
        assert!(trunk.contains(&format!("wasm_opt = \"version_{WASM_OPT_MAJOR}\"")));
    }
}
