//! Metrics speed on seeded planted-partition graphs and a generated LinkedIn export.
//! Small sample sizes: the whole run stays within a few minutes on 2 cores.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Duration;
use tiemap_core::metrics::{
    betweenness, composition, structural_holes, BetweennessSettings, RoleOverrides,
};
use tiemap_core::model::Origin;
use tiemap_core::sample::{linkedin_sample, planted_partition};
use tiemap_core::{Network, NodeInfo};

fn bench_betweenness(c: &mut Criterion) {
    let mut group = c.benchmark_group("betweenness");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    for n in [1_000usize, 5_000] {
        let g = planted_partition(n, 10, 10.0, 0.1, 7);
        let exact = BetweennessSettings {
            exact_max_nodes: n,
            ..BetweennessSettings::default()
        };
        group.bench_function(format!("exact_{n}_nodes_deg10"), |b| {
            b.iter(|| betweenness(black_box(&g.csr), &exact))
        });
    }
    let g = planted_partition(30_000, 30, 10.0, 0.1, 7);
    let sampled = BetweennessSettings {
        pivots: 256,
        ..BetweennessSettings::default()
    };
    group.bench_function("sampled_256_pivots_30000_nodes_deg10", |b| {
        b.iter(|| betweenness(black_box(&g.csr), &sampled))
    });
    group.finish();
}

fn bench_constraint(c: &mut Criterion) {
    let mut group = c.benchmark_group("structural_holes");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    let g = planted_partition(30_000, 30, 10.0, 0.1, 7);
    group.bench_function("constraint_effective_size_30000_nodes_deg10", |b| {
        b.iter(|| structural_holes(black_box(&g.csr), false))
    });
    group.finish();
}

fn bench_composition(c: &mut Criterion) {
    let mut group = c.benchmark_group("composition");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    let sample = linkedin_sample(30_000, 7);
    // Make most titles distinct so each is classified (the cache would hide the cost).
    let network = Network {
        nodes: sample
            .export
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| NodeInfo {
                title: p.position.as_ref().map(|t| format!("{t} {}", i % 5000)),
                company: p.company.clone(),
                ..NodeInfo::default()
            })
            .collect(),
        ties: Vec::new(),
        origin: Origin::File {
            format: "bench".into(),
        },
    };
    group.bench_function("classify_30000_titles_5000_distinct_per_kind", |b| {
        b.iter(|| composition(black_box(&network), None, &RoleOverrides::new()))
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_betweenness,
    bench_constraint,
    bench_composition
);
criterion_main!(benches);
