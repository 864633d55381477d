//! Pointer hit-testing and label placement at 30,000 nodes (the size the map must stay
//! smooth at). Run: `cargo bench -p tiemap-core --bench view`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use tiemap_core::rng::Rng;
use tiemap_core::view::hit::HitGrid;
use tiemap_core::view::labels::{place_node_labels, LabelGrid, LabelRules};

const NODES: usize = 30_000;

/// Clustered positions like a laid-out network: 30 gaussian blobs.
fn positions(seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(seed);
    let centers: Vec<[f32; 2]> = (0..30)
        .map(|_| {
            [
                rng.next_f32() * 2000.0 - 1000.0,
                rng.next_f32() * 2000.0 - 1000.0,
            ]
        })
        .collect();
    let mut pos = Vec::with_capacity(2 * NODES);
    let mut radius = Vec::with_capacity(NODES);
    for i in 0..NODES {
        let c = centers[i % centers.len()];
        pos.push(c[0] + rng.normal() as f32 * 90.0);
        pos.push(c[1] + rng.normal() as f32 * 90.0);
        radius.push(1.0 + rng.next_f32() * 5.0);
    }
    (pos, radius)
}

fn bench_view(c: &mut Criterion) {
    let (pos, radius) = positions(3);
    let mut group = c.benchmark_group("view_30k");
    group.sample_size(20);
    group.bench_function("hit_grid_build", |b| {
        b.iter(|| HitGrid::build(black_box(&pos)))
    });
    let grid = HitGrid::build(&pos);
    let mut rng = Rng::new(5);
    let probes: Vec<[f32; 2]> = (0..1024)
        .map(|_| {
            [
                rng.next_f32() * 2400.0 - 1200.0,
                rng.next_f32() * 2400.0 - 1200.0,
            ]
        })
        .collect();
    let mut k = 0;
    group.bench_function("hit_pick", |b| {
        b.iter(|| {
            k = (k + 1) % probes.len();
            grid.pick(&pos, black_box(probes[k]), 6.0, |i| radius[i])
        })
    });
    // Labels for a 1200x800 viewport showing the whole map (2400 graph units -> 0.33 px/unit).
    let order: Vec<usize> = (0..NODES).collect();
    group.bench_function("place_node_labels", |b| {
        b.iter(|| {
            let mut labels = LabelGrid::new([1200.0, 800.0], 40.0);
            place_node_labels(
                &mut labels,
                &order,
                &LabelRules {
                    min_radius_css_px: 4.0,
                    ..LabelRules::default()
                },
                |i| {
                    Some((
                        [pos[2 * i] / 3.0 + 600.0, pos[2 * i + 1] / 3.0 + 400.0],
                        radius[i],
                    ))
                },
                |_| [20.0, 14.0],
                |_| [60.0, 14.0],
            )
            .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_view);
criterion_main!(benches);
