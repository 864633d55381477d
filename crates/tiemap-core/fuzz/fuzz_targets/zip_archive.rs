//! Any bytes as a ZIP archive, with small limits so bombs are cheap to find.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::{expand_zip, import_files, InputFile, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_total_bytes: 8 * 1024 * 1024,
        max_entry_bytes: 4 * 1024 * 1024,
        ..Limits::default()
    };
    let _ = expand_zip("fuzz.zip", data, &limits);
    // Through the dispatcher too, with the ZIP signature in front so it is treated as one.
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(data);
    let _ = import_files(
        &[InputFile {
            name: "export.zip".into(),
            bytes,
        }],
        &limits,
    );
});
