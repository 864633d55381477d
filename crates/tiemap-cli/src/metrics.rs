//! `tiemap metrics`.

/// Runs `tiemap metrics` with the arguments after the command name.
pub fn run(_argv: &[String]) -> Result<(), String> {
    Err("`tiemap metrics` is not in this build yet".to_string())
}
