//! `tiemap communities`.

/// Runs `tiemap communities` with the arguments after the command name.
pub fn run(_argv: &[String]) -> Result<(), String> {
    Err("`tiemap communities` is not in this build yet".to_string())
}
