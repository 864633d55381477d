//! Tie inference on generated exports of 2,000 and 30,000 people, and the generator itself.
//!
//! `cargo bench -p tiemap-core --bench infer`
//!
//! For profilers, `INFER_ONCE=30000 target/release/deps/infer-<hash>` (the bench binary) runs
//! one inference of that many people, prints its time and a fingerprint of the ties, and
//! exits: `valgrind --tool=callgrind` counts the instructions of exactly one run.

use criterion::{criterion_group, BenchmarkId, Criterion};
use std::hash::Hasher;
use std::hint::black_box;
use std::time::{Duration, Instant};
use tiemap_core::hash::Fnv1a64;
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

/// One inference of `people` (seed 1, [`InferSettings::for_size`]): its time, its size and an
/// FNV-1a hash of the ties (pairs, weights to 1e-5, evidence), to compare builds.
fn once(people: usize) {
    let sample = linkedin_sample(people, 1);
    let settings = InferSettings::for_size(people);
    let start = Instant::now();
    let cpu_start = on_cpu_ns();
    let inference = match infer(black_box(&sample.export), &settings) {
        Ok(i) => i,
        Err(e) => panic!("valid settings: {e}"),
    };
    let infer_ms = start.elapsed().as_secs_f64() * 1e3;
    let cpu_ms = match (cpu_start, on_cpu_ns()) {
        (Some(a), Some(b)) => format!("{:.1} ms", b.saturating_sub(a) as f64 / 1e6),
        _ => "unknown".to_string(),
    };
    let mut fnv = Fnv1a64::new();
    for t in &inference.network.ties {
        fnv.write_u32(t.source);
        fnv.write_u32(t.target);
        fnv.write_i64((t.weight as f64 * 1e5).round() as i64);
        fnv.write(format!("{:?}", t.evidence).as_bytes());
    }
    let h = fnv.finish();
    println!(
        "infer {people} people: {infer_ms:.1} ms wall, {cpu_ms} on the CPU, {} ties, {} pairs \
         scored, fingerprint {h:016x}",
        inference.report.ties, inference.report.pairs_scored
    );
}

/// Nanoseconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`): on a
/// shared machine, time spent waiting for a core does not count.
fn on_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    if let Some(people) = std::env::var("INFER_ONCE")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
    {
        once(people);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
