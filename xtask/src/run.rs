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

/// Builds the site into `dist/` with trunk (release, offline).
pub fn build_site(env: &ToolEnv) -> Result<(), String> {
    status(
        command(env, "trunk").args(["build", "--release", "--offline"]),
        "trunk build",
    )
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

#[cfg(test)]
mod tests {
    use super::counts;

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
