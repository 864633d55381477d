//! Fuzz target: CSV edge lists (with a node table) and whitespace edge lists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tiemap_core::import::graph::read_graph_files;
use tiemap_core::import::{InputFile, Limits};

/// (file name, prefix): the first input byte picks one, so the fuzzer reaches the parser
/// with and without a recognisable start.
const CHOICES: &[(&str, &str)] = &[("a.csv", ""), ("a.csv", "Source,Target,Weight\n"), ("a.csv", "from;to\n"), ("a.txt", ""), ("a.txt", "# nodes 5\n")];

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
    if pick % 2 == 1 {
        files.push(InputFile {
            name: "nodes.csv".into(),
            bytes: b"Id,Label,x,y,modularity_class\n1,a,0,0,1\n".to_vec(),
        });
    }
    let _ = read_graph_files(&files, &Limits::default());
});
