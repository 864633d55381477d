//! Tie inference on generated exports of 2,000 and 30,000 people, and the generator itself.
//!
//! `cargo bench -p tiemap-core --bench infer`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use std::time::Duration;
use tiemap_core::infer::{infer, InferSettings};
use tiemap_core::sample::linkedin_sample;

fn inference(c: &mut Criterion) {
    let mut group = c.benchmark_group("infer");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for people in [2_000usize, 30_000] {
        let sample = linkedin_sample(people, 1);
        let settings = InferSettings::for_size(people);
        group.bench_with_input(BenchmarkId::new("network", people), &sample, |b, s| {
            b.iter(|| infer(black_box(&s.export), &settings))
        });
    }
    group.finish();
}

fn generator(c: &mut Criterion) {
    let mut group = c.benchmark_group("sample");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("linkedin_sample/30000", |b| {
        b.iter(|| linkedin_sample(black_box(30_000), 1))
    });
    group.finish();
}

criterion_group!(benches, inference, generator);
criterion_main!(benches);
