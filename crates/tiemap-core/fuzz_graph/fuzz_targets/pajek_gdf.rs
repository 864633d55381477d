//! Fuzz target: Pajek .net (with a .clu beside it) and GDF.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::graph::read_graph_files;
use tiemap_core::import::{InputFile, Limits};

/// (file name, prefix): the first input byte picks one, so the fuzzer reaches the parser
/// with and without a recognisable start.
const CHOICES: &[(&str, &str)] = &[("a.net", ""), ("a.net", "*Vertices 4\n"), ("a.clu", "*Vertices 3\n"), ("a.gdf", "nodedef>name VARCHAR,label VARCHAR,x DOUBLE,y DOUBLE,color VARCHAR\n"), ("a.gdf", "edgedef>node1 VARCHAR,node2 VARCHAR,weight DOUBLE\n")];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (name, prefix) = CHOICES[usize::from(pick) % CHOICES.len()];
    let mut bytes = prefix.as_bytes().to_vec();
    bytes.extend_from_slice(rest);
    let mut files = vec![InputFile {
        name: name.to_string(),
        bytes,
    }];
    if files[0].name.ends_with(".net") {
        files.push(InputFile {
            name: "a.clu".into(),
            bytes: b"*Vertices 4\n1\n2\n1\n".to_vec(),
        });
    }
    let _ = read_graph_files(&files, &Limits::default());
});
