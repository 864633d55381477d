//! Loading big edge lists: a 1,000,000-tie CSV edge list (named ids, Gephi header) and a
//! 1,000,000-tie whitespace edge list (integer ids), both generated here from a seed.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use tiemap_core::import::graph::read_graph_files;
use tiemap_core::import::{InputFile, Limits};
use tiemap_core::rng::Rng;

const TIES: usize = 1_000_000;
const NODES: usize = 100_000;

fn csv_edge_list(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(TIES * 32);
    text.push_str("Source,Target,Type,Weight\n");
    for _ in 0..TIES {
        let u = rng.below(NODES);
        let v = rng.below(NODES);
        let w = 1 + rng.below(9);
        text.push_str(&format!("person{u},person{v},Undirected,{w}.5\n"));
    }
    text
}

fn whitespace_edge_list(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(TIES * 16);
    text.push_str(&format!("# nodes {NODES}\n"));
    for _ in 0..TIES {
        let u = rng.below(NODES);
        let v = rng.below(NODES);
        text.push_str(&format!("{u} {v}\n"));
    }
    text
}

fn load(files: &[InputFile]) -> usize {
    match read_graph_files(files, &Limits::default()) {
        Some(Ok((graph, _))) => graph.edges.len(),
        other => panic!("bench input did not load: {other:?}"),
    }
}

fn input(name: &str, text: String) -> Vec<InputFile> {
    vec![InputFile {
        name: name.into(),
        bytes: text.into_bytes(),
    }]
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_graph");
    group.sample_size(10);
    group.throughput(Throughput::Elements(TIES as u64));
    let csv = input("ties.csv", csv_edge_list(1));
    assert_eq!(load(&csv), TIES);
    group.bench_function("csv_edge_list_1m", |b| b.iter(|| load(black_box(&csv))));
    let plain = input("ties.txt", whitespace_edge_list(2));
    assert_eq!(load(&plain), TIES);
    group.bench_function("whitespace_edge_list_1m", |b| {
        b.iter(|| load(black_box(&plain)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
