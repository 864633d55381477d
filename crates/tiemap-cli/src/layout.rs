//! `tiemap layout`.

/// Runs `tiemap layout` with the arguments after the command name.
pub fn run(_argv: &[String]) -> Result<(), String> {
    Err("`tiemap layout` is not in this build yet".to_string())
}
