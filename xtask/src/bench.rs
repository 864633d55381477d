//! `cargo xtask bench`: criterion benches of the core, then their figures into the docs.

use crate::run::{command, root, status};
use crate::tools::ensure_build_tools;

pub fn bench(_args: &[String]) -> Result<(), String> {
    let env = ensure_build_tools()?;
    status(
        command(&env, "cargo")
            .args(["bench", "-p", "tiemap-core"])
            .current_dir(root()),
        "cargo bench",
    )
}
