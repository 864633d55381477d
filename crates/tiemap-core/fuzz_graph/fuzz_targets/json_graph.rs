//! Fuzz target: JSON node-link, graphology and Cytoscape (depth bound).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::graph::read_graph_files;
use tiemap_core::import::{InputFile, Limits};

/// (file name, prefix): the first input byte picks one, so the fuzzer reaches the parser
/// with and without a recognisable start.
const CHOICES: &[(&str, &str)] = &[("a.json", ""), ("a.json", "{\"nodes\":["), ("a.json", "{\"directed\":true,\"nodes\":[{\"id\":1}],\"links\":["), ("a.json", "{\"options\":{\"type\":\"directed\"},\"nodes\":[{\"key\":\"a\",\"attributes\":"), ("a.cyjs", "{\"elements\":")];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (name, prefix) = CHOICES[usize::from(pick) % CHOICES.len()];
    let mut bytes = prefix.as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    let files = vec![InputFile {
        name: name.to_string(),
        bytes,
    }];
    
    let _ = read_graph_files(&files, &Limits::default());
});
