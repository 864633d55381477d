//! Any bytes as a Facebook friends JSON file, raw and inside a `friends_v2` list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::read_facebook_json;
use tiemap_core::model::PersonalExport;

fuzz_target!(|data: &[u8]| {
    let mut export = PersonalExport::default();
    let _ = read_facebook_json("your_friends.json", data, &mut export);
    let mut wrapped = br#"{"friends_v2": [{"name": ""#.to_vec();
    wrapped.extend_from_slice(data);
    wrapped.extend_from_slice(br#"", "timestamp": 1500000000}]}"#);
    let mut export = PersonalExport::default();
    let _ = read_facebook_json("your_friends.json", &wrapped, &mut export);
});
