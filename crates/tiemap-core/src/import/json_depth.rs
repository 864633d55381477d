//! How deeply a JSON text nests, read from its bytes before it is parsed: a hostile file is
//! refused with a sentence of its own, without reading serde_json's error messages.

/// serde_json's own limit (its parser stops at 128 levels).
pub const MAX_JSON_DEPTH: usize = 128;

/// Whether `bytes` (JSON) open more than `limit` arrays and objects inside each other
/// (brackets inside strings do not count).
pub fn nests_deeper_than(bytes: &[u8], limit: usize) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_brackets_outside_strings_only() {
        assert!(!nests_deeper_than(br#"{"a": [1, {"b": []}]}"#, 4));
        assert!(nests_deeper_than(br#"{"a": [1, {"b": []}]}"#, 3));
        assert!(!nests_deeper_than(br#"{"a": "[[[[[[[[\"[[["}"#, 1));
        let hostile = "[".repeat(100_000);
        assert!(nests_deeper_than(hostile.as_bytes(), MAX_JSON_DEPTH));
    }
}
