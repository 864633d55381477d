//! Running child processes, and counting the tests they report.

use crate::tools::ToolEnv;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// A command with the tool PATH set up.
pub fn command(env: &ToolEnv, program: &str) -> Command {
    let mut c = Command::new(program);
    c.env("PATH", &env.path)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .current_dir(root());
    c
}

/// Runs a command to completion, inheriting the terminal.
pub fn status(cmd: &mut Command, what: &str) -> Result<(), String> {
    let s = cmd
        .status()
        .map_err(|e| format!("could not start {what}: {e}"))?;
    if s.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({s})"))
    }
}

/// Builds the site into `dist/` with trunk (release, offline), then writes the service
/// worker's list of the files it keeps for use offline (trunk's hashed names).
pub fn build_site(env: &ToolEnv) -> Result<(), String> {
    status(
        command(env, "trunk").args(["build", "--release", "--offline"]),
        "trunk build",
    )?;
    let (files, bytes) = crate::offline::write_precache(&root().join("dist"))?;
    println!("xtask build: dist/sw.js keeps {files} files ({bytes} bytes) for use offline");
    Ok(())
}

/// A tiny wasm module using one simd128 instruction (`i32x4.splat` of 0, dropped): the worker
/// loader runs `WebAssembly.validate` on it to learn whether the browser has simd128.
pub const SIMD_PROBE: [u8; 29] = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 17, 26,
    11,
];

/// Where the simd128 builds go, so the plain builds' cache in `target/` is kept.
pub const SIMD_TARGET_DIR: &str = "target/simd128";

/// `cargo xtask worker-simd`: trunk's `post_build` hook (Trunk.toml). Builds the worker again
/// with `-C target-feature=+simd128` (in [`SIMD_TARGET_DIR`]), puts it beside trunk's plain
/// worker in the staging dir as `worker_simd.js` / `worker_simd_bg.wasm` (wasm-bindgen
/// `no-modules` and `wasm-opt -Oz`, as trunk does for the plain one), and rewrites trunk's
/// `worker_loader.js` so it loads the simd build where the browser validates
/// [`SIMD_PROBE`] and the plain build elsewhere. Debug builds keep trunk's loader (plain only).
///
/// (The release build of wasm bin `bin` with simd128 is [`build_simd128`].)
pub fn worker_simd(env: &ToolEnv) -> Result<(), String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("worker-simd is trunk's post_build hook: TRUNK_STAGING_DIR is not set")?;
    if std::env::var("TRUNK_PROFILE").as_deref() != Ok("release") {
        println!("xtask worker-simd: not a release build, the worker stays plain wasm");
        return Ok(());
    }
    let loader_path = staging.join("worker_loader.js");
    let loader = std::fs::read_to_string(&loader_path)
        .map_err(|e| format!("{}: {e}", loader_path.display()))?;
    let simd_loader = simd_worker_loader(&loader)?;
    let wasm = build_simd128(env, "worker")?;
    status(
        command(env, "wasm-bindgen")
            .args([
                "--target",
                "no-modules",
                "--no-typescript",
                "--out-name",
                "worker_simd",
                "--out-dir",
            ])
            .arg(&staging)
            .arg(wasm),
        "wasm-bindgen (simd128 worker)",
    )?;
    let wasm = staging.join("worker_simd_bg.wasm");
    status(
        command(env, "wasm-opt")
            .arg(format!("--output={}", wasm.display()))
            .arg("-Oz")
            .arg(&wasm),
        "wasm-opt (simd128 worker)",
    )?;
    std::fs::write(&loader_path, simd_loader)
        .map_err(|e| format!("{}: {e}", loader_path.display()))?;
    println!(
        "xtask worker-simd: worker_loader.js picks worker_simd_bg.wasm where simd128 is supported"
    );
    Ok(())
}

/// Trunk's loader shim `importScripts("./W.js");wasm_bindgen("./W_bg.wasm");` turned into one
/// that picks `worker_simd.js` / `worker_simd_bg.wasm` where the browser validates
/// [`SIMD_PROBE`], and trunk's files otherwise.
pub fn simd_worker_loader(trunk_loader: &str) -> Result<String, String> {
    let unexpected = || {
        format!(
            "worker_loader.js is not trunk's loader shim as expected              (importScripts(\"./x.js\");wasm_bindgen(\"./x_bg.wasm\");): {trunk_loader:?}"
        )
    };
    let rest = trunk_loader
        .trim()
        .strip_prefix("importScripts(\"./")
        .ok_or_else(unexpected)?;
    let (js, rest) = rest
        .split_once("\");wasm_bindgen(\"./")
        .ok_or_else(unexpected)?;
    let wasm = rest.strip_suffix("\");").ok_or_else(unexpected)?;
    let ok = |name: &str, ext: &str| {
        name.ends_with(ext)
            && name[..name.len() - ext.len()]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if !ok(js, ".js") || !ok(wasm, ".wasm") {
        return Err(unexpected());
    }
    let probe: Vec<String> = SIMD_PROBE.iter().map(u8::to_string).collect();
    Ok(format!(
        "// Written by `cargo xtask worker-simd` (trunk's post_build hook) over trunk's loader: the worker\n\
         // built with wasm simd128 where this browser validates a simd module, the plain build elsewhere.\n\
         const simd128 = (() => {{\n  \
           try {{\n    \
             return WebAssembly.validate(new Uint8Array([{}]));\n  \
           }} catch (_) {{\n    \
             return false;\n  \
           }}\n\
         }})();\n\
         importScripts(simd128 ? \"./worker_simd.js\" : \"./{js}\");\n\
         wasm_bindgen(simd128 ? \"./worker_simd_bg.wasm\" : \"./{wasm}\");\n",
        probe.join(", ")
    ))
}

/// Passed and failed counts over all suites.
#[derive(Default)]
pub struct Tally {
    passed: u64,
    failed: u64,
    broken_suites: Vec<String>,
}

impl Tally {
    /// Runs one suite, echoing its output and adding up the counts its runner prints
    /// (cargo's `test result:` lines, node's `ℹ pass N` / `ℹ fail N`).
    pub fn suite(&mut self, name: &str, cmd: &mut Command) {
        println!("\n==== {name} ====");
        cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
        let mut child = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => return self.failed_to_run(name, &e.to_string()),
        };
        let (mut passed, mut failed) = (0u64, 0u64);
        if let Some(out) = child.stdout.take() {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                println!("{line}");
                let (p, f) = counts(&line);
                passed += p;
                failed += f;
            }
        }
        let ok = child.wait().map(|s| s.success()).unwrap_or(false);
        self.passed += passed;
        self.failed += failed;
        if !ok {
            self.broken_suites.push(name.to_string());
            if failed == 0 {
                // The suite failed without a failing test (a build error, say): count it.
                self.failed += 1;
            }
        }
        println!(
            "==== {name}: {passed} passed, {failed} failed{} ====",
            if ok { "" } else { " (suite FAILED)" }
        );
    }

    pub fn failed_to_run(&mut self, name: &str, why: &str) {
        println!("==== {name}: could not run: {why} ====");
        self.failed += 1;
        self.broken_suites.push(name.to_string());
    }

    /// Prints the summary line and turns failures into an error.
    pub fn finish(self) -> Result<(), String> {
        println!();
        println!("tiemap: {} passed, {} failed", self.passed, self.failed);
        if self.broken_suites.is_empty() && self.failed == 0 {
            Ok(())
        } else {
            Err(format!("failing: {}", self.broken_suites.join(", ")))
        }
    }
}

/// Test counts in one line of runner output.
fn counts(line: &str) -> (u64, u64) {
    let l = line.trim();
    if let Some(rest) = l.strip_prefix("test result: ") {
        let num = |key: &str| {
            rest.split(';')
                .find_map(|part| {
                    part.trim().strip_suffix(key).map(|n| {
                        n.trim()
                            .trim_start_matches("ok.")
                            .trim_start_matches("FAILED.")
                            .trim()
                            .parse::<u64>()
                            .unwrap_or(0)
                    })
                })
                .unwrap_or(0)
        };
        return (num(" passed"), num(" failed"));
    }
    // node --test (spec reporter): "ℹ pass 7", "ℹ fail 0"
    if let Some(n) = l.strip_prefix("ℹ pass ") {
        return (n.trim().parse().unwrap_or(0), 0);
    }
    if let Some(n) = l.strip_prefix("ℹ fail ") {
        return (0, n.trim().parse().unwrap_or(0));
    }
    (0, 0)
}

/// Builds wasm bin `bin` (release) with `-C target-feature=+simd128`, in its own target dir
/// ([`SIMD_TARGET_DIR`], so the plain build's cache stays); returns the `.wasm` path.
pub fn build_simd128(env: &ToolEnv, bin: &str) -> Result<PathBuf, String> {
    let target_dir = root().join(SIMD_TARGET_DIR);
    status(
        command(env, "cargo")
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--bin",
                bin,
            ])
            .env("RUSTFLAGS", "-C target-feature=+simd128")
            .env("CARGO_TARGET_DIR", &target_dir),
        &format!("cargo build --bin {bin} (wasm32, simd128)"),
    )?;
    Ok(target_dir.join(format!("wasm32-unknown-unknown/release/{bin}.wasm")))
}

#[cfg(test)]
mod tests {
    use super::{counts, simd_worker_loader};

    /// Runs `loader` in node with `WebAssembly.validate` as given (`null`: node's own) and
    /// returns what it loaded: `importScripts` and `wasm_bindgen` arguments.
    fn run_loader(loader: &str, validate: &str) -> String {
        let script = format!(
            "const vm = require('vm'); const seen = []; \
             const v = ({validate}); const wa = v === null ? WebAssembly : {{ validate: v }}; \
             vm.runInNewContext(process.argv[1], {{ WebAssembly: wa, Uint8Array, \
               importScripts: (u) => seen.push(u), wasm_bindgen: (u) => seen.push(u) }}); \
             console.log(seen.join(' '));"
        );
        let out = std::process::Command::new("node")
            .args(["-e", &script, loader])
            .output()
            .expect("node runs (xtask needs it for the build)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    #[test]
    fn simd_loader_picks_the_build_the_browser_can_run() {
        let trunk = r#"importScripts("./worker.js");wasm_bindgen("./worker_bg.wasm");"#;
        let loader = simd_worker_loader(trunk).unwrap();
        // node has simd128, so the probe validates
        assert_eq!(
            run_loader(&loader, "null"),
            "./worker_simd.js ./worker_simd_bg.wasm"
        );
        // a browser without simd128 rejects the probe: trunk's files
        assert_eq!(
            run_loader(&loader, "() => false"),
            "./worker.js ./worker_bg.wasm"
        );
        // one whose validate throws is treated the same
        assert_eq!(
            run_loader(&loader, "() => { throw new Error('no') }"),
            "./worker.js ./worker_bg.wasm"
        );
        // the probe needs simd: with its v128 instruction replaced by `nop nop` it is plain wasm
        let plain_probe: Vec<u8> = {
            let mut p = super::SIMD_PROBE.to_vec();
            p[25] = 1;
            p[26] = 1;
            p
        };
        let check = format!(
            "process.stdout.write(String(WebAssembly.validate(new Uint8Array([{}]))))",
            plain_probe
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(",")
        );
        let out = std::process::Command::new("node")
            .args(["-e", &check])
            .output()
            .expect("node runs");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "true");
    }

    #[test]
    fn simd_loader_keeps_hashed_names_and_refuses_other_loaders() {
        let trunk = r#"importScripts("./worker-1a2b.js");wasm_bindgen("./worker-1a2b_bg.wasm");"#;
        let loader = simd_worker_loader(trunk).unwrap();
        assert_eq!(
            run_loader(&loader, "() => false"),
            "./worker-1a2b.js ./worker-1a2b_bg.wasm"
        );
        assert!(simd_worker_loader("importScripts('./worker.js');").is_err());
        assert!(simd_worker_loader(&loader).is_err(), "not rewritten twice");
        assert!(simd_worker_loader(
            r#"importScripts("./a.js\");evil();(\"");wasm_bindgen("./b.wasm");"#
        )
        .is_err());
    }

    #[test]
    fn reads_runner_lines() {
        assert_eq!(
            counts("test result: ok. 26 passed; 0 failed; 0 ignored; 0 measured"),
            (26, 0)
        );
        assert_eq!(
            counts("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            (3, 2)
        );
        assert_eq!(counts("ℹ pass 7"), (7, 0));
        assert_eq!(counts("ℹ fail 1"), (0, 1));
        assert_eq!(counts("running 3 tests"), (0, 0));
    }
}
