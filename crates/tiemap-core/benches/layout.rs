//! ForceAtlas2 iteration cost on seeded planted-partition graphs.
//!
//! `cargo bench -p tiemap-core --bench layout`
//!
//! Each benchmark runs one `step(1)` on the finest level (single-level layout, so every
//! iteration is a full-size one) with the settings `Fa2Settings::infer` picks for the size,
//! Barnes-Hut forced on. Reported time = milliseconds per iteration.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::Duration;
use tiemap_core::layout::{Fa2Settings, LayoutStart, LayoutState};
use tiemap_core::sample::planted_partition;

fn iteration(c: &mut Criterion) {
    let mut group = c.benchmark_group("fa2_iteration");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    // (nodes, groups, mean degree): 10k nodes / 100k ties is the key size.
    for &(n, groups, degree) in &[(1_000, 10, 10.0), (10_000, 40, 20.0), (100_000, 200, 10.0)] {
        let g = planted_partition(n, groups, degree, 0.15, 42);
        let mut settings = Fa2Settings::infer(n, g.csr.edge_count());
        settings.barnes_hut_optimize = true;
        settings.multilevel_min_nodes = usize::MAX;
        settings.convergence_threshold = 0.0;
        let Ok(mut state) = LayoutState::new(&g.csr, settings, LayoutStart::Random, 1) else {
            continue;
        };
        // Past the first wild iterations, into the regime the layout spends its time in.
        state.step(30);
        group.bench_with_input(
            BenchmarkId::new(format!("{}_ties", g.csr.edge_count()), n),
            &n,
            |b, _| b.iter(|| black_box(state.step(1))),
        );
    }
    group.finish();
}

criterion_group!(benches, iteration);
criterion_main!(benches);
