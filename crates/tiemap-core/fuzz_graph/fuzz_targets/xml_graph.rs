//! Fuzz target: GEXF and GraphML (quick-xml, entity refusal, depth bound).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::graph::read_graph_files;
use tiemap_core::import::{InputFile, Limits};

/// (file name, prefix): the first input byte picks one, so the fuzzer reaches the parser
/// with and without a recognisable start.
const CHOICES: &[(&str, &str)] = &[("a.gexf", ""), ("a.gexf", "<gexf><graph defaultedgetype=\"directed\"><attributes class=\"node\"><attribute id=\"0\" title=\"modularity_class\" type=\"integer\"/></attributes><nodes>"), ("a.graphml", ""), ("a.graphml", "<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\"/><key id=\"x\" for=\"node\" attr.name=\"x\"/><graph edgedefault=\"undirected\">")];

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
