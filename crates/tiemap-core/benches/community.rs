//! Leiden on seeded planted-partition graphs (1k, 10k, 100k nodes, mean degree 15, mixing 0.25)
//! and on the karate club and Les Miserables fixtures.
//!
//! `cargo bench -p tiemap-core --bench community`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::Duration;
use tiemap_core::community::{leiden, louvain, LeidenSettings};
use tiemap_core::sample::planted_partition;
use tiemap_core::Csr;

fn fixture(name: &str) -> Csr {
    let path = format!(
        "{}/tests/fixtures/graphs/{name}.edges",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut nodes = 0;
    let mut edges = Vec::new();
    for line in text.lines() {
        if let Some(n) = line.strip_prefix("# nodes ") {
            nodes = n.trim().parse().unwrap_or(0);
        } else if !line.starts_with('#') {
            let f: Vec<&str> = line.split_whitespace().collect();
            if let (Some(u), Some(v)) = (
                f.first().and_then(|x| x.parse().ok()),
                f.get(1).and_then(|x| x.parse().ok()),
            ) {
                let w = f.get(2).and_then(|x| x.parse().ok()).unwrap_or(1.0);
                edges.push((u, v, w));
            }
        }
    }
    Csr::from_edges(nodes, edges)
}

fn small_graphs(c: &mut Criterion) {
    let mut group = c.benchmark_group("community_small");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2));
    for name in ["karate", "lesmis"] {
        let csr = fixture(name);
        group.bench_function(BenchmarkId::new("leiden", name), |b| {
            b.iter(|| leiden(black_box(&csr), &LeidenSettings::with_seed(1)))
        });
    }
    group.finish();
}

fn planted_graphs(c: &mut Criterion) {
    let mut group = c.benchmark_group("community_planted");
    group.sample_size(10).warm_up_time(Duration::from_secs(1));
    for (nodes, groups) in [(1_000usize, 10usize), (10_000, 40), (100_000, 150)] {
        let g = planted_partition(nodes, groups, 15.0, 0.25, 42);
        if nodes >= 100_000 {
            group.measurement_time(Duration::from_secs(20));
        } else {
            group.measurement_time(Duration::from_secs(4));
        }
        group.bench_function(BenchmarkId::new("leiden", nodes), |b| {
            b.iter(|| leiden(black_box(&g.csr), &LeidenSettings::with_seed(1)))
        });
        if nodes <= 10_000 {
            group.bench_function(BenchmarkId::new("louvain", nodes), |b| {
                b.iter(|| louvain(black_box(&g.csr), &LeidenSettings::with_seed(1)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, small_graphs, planted_graphs);
criterion_main!(benches);
