//! Property tests of the layout: finite, seed-stable, pins hold, disconnected graphs bounded.

use proptest::prelude::*;
use tiemap_core::layout::{Fa2Settings, LayoutStart, LayoutState};
use tiemap_core::Csr;

/// A random graph: node count and ties among them (possibly none, possibly parallel).
fn graph() -> impl Strategy<Value = Csr> {
    (1usize..60).prop_flat_map(|n| {
        proptest::collection::vec((0..n as u32, 0..n as u32, 0.1f32..5.0), 0..150)
            .prop_map(move |edges| Csr::from_edges(n, edges))
    })
}

fn settings() -> impl Strategy<Value = Fa2Settings> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(linlog, hubs, sizes, strong, bh)| Fa2Settings {
            linlog_mode: linlog,
            dissuade_hubs: hubs,
            adjust_sizes: sizes,
            strong_gravity_mode: strong,
            barnes_hut_optimize: bh,
            multilevel_min_nodes: 20,
            ..Fa2Settings::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn positions_stay_finite_and_seed_stable(csr in graph(), s in settings(), seed in any::<u64>()) {
        let mut a = LayoutState::new(&csr, s.clone(), LayoutStart::Random, seed).expect("valid start");
        let mut b = LayoutState::new(&csr, s, LayoutStart::Random, seed).expect("valid start");
        for _ in 0..4 {
            a.step(25);
            b.step(25);
            prop_assert_eq!(a.positions().len(), 2 * csr.node_count());
            prop_assert!(a.positions().iter().all(|x| x.is_finite()));
            prop_assert_eq!(a.positions(), b.positions());
        }
    }

    #[test]
    fn pinned_nodes_do_not_move(csr in graph(), s in settings(), seed in any::<u64>(), x in -50.0f32..50.0, y in -50.0f32..50.0) {
        let mut state = LayoutState::new(&csr, s, LayoutStart::Random, seed).expect("valid start");
        let node = (seed as usize) % csr.node_count();
        state.pin(node, [x, y]).expect("node exists");
        for _ in 0..5 {
            state.step(20);
            prop_assert_eq!(&state.positions()[2 * node..2 * node + 2], &[x, y][..]);
        }
        state.unpin(node);
        prop_assert!(state.pin(csr.node_count(), [0.0, 0.0]).is_err());
    }

    #[test]
    fn disconnected_graphs_stay_bounded(pieces in 2usize..8, size in 1usize..6, seed in any::<u64>(), strong in any::<bool>()) {
        // `pieces` disjoint paths of `size` nodes: only gravity holds them together.
        let n = pieces * size;
        let edges = (0..n as u32).filter(|v| !(*v as usize + 1).is_multiple_of(size)).map(|v| (v, v + 1, 1.0));
        let csr = Csr::from_edges(n, edges);
        let settings = Fa2Settings { strong_gravity_mode: strong, ..Fa2Settings::default() };
        let mut state = LayoutState::new(&csr, settings, LayoutStart::Random, seed).expect("valid start");
        let radius = |p: &[f32]| p.chunks(2).map(|q| (q[0] * q[0] + q[1] * q[1]).sqrt()).fold(0.0f32, f32::max);
        state.step(300);
        let r1 = radius(state.positions());
        state.step(700);
        let r2 = radius(state.positions());
        // Repulsion k_r m^2 / d against gravity g m: bounded by a few times sqrt(n k_r m / g).
        let bound = 20.0 * ((n as f32) * 2.0 * 3.0).sqrt() + 50.0;
        prop_assert!(r2 < bound, "radius {} (after 300: {}) > {}", r2, r1, bound);
        prop_assert!(r2 < 1.5 * r1 + 10.0, "still drifting: {} -> {}", r1, r2);
    }
}

#[test]
fn bad_starts_are_errors_not_panics() {
    let csr = Csr::from_edges(3, [(0, 1, 1.0)]);
    let s = Fa2Settings::default();
    assert!(LayoutState::new(&csr, s.clone(), LayoutStart::Positions(vec![0.0; 5]), 1).is_err());
    assert!(LayoutState::new(
        &csr,
        s.clone(),
        LayoutStart::Positions(vec![0.0, 0.0, f32::NAN, 1.0, 2.0, 3.0]),
        1
    )
    .is_err());
    assert!(LayoutState::new(&csr, s.clone(), LayoutStart::Communities(vec![0, 1]), 1).is_err());
    let ok = LayoutState::new(
        &csr,
        s,
        LayoutStart::Positions(vec![0.0, 0.0, 1.0, 0.0, 5.0, 5.0]),
        1,
    );
    assert!(ok.is_ok());
}

#[test]
fn warm_start_keeps_known_nodes_and_places_new_ones_near_neighbours() {
    let g = tiemap_core::sample::planted_partition(400, 4, 8.0, 0.1, 2);
    let mut state = LayoutState::new(
        &g.csr,
        Fa2Settings::infer(400, g.csr.edge_count()),
        LayoutStart::Random,
        5,
    )
    .expect("start");
    while !state.step(50).converged && state.iterations() < 3_000 {}
    // Drop the last 10 nodes from the previous drawing: they are "new".
    let previous = &state.positions()[..2 * 390];
    let warm = LayoutState::warm_start(&g.csr, previous, state.settings().clone(), 9);
    assert_eq!(&warm.positions()[..2 * 390], previous);
    let width = previous.chunks(2).map(|p| p[0]).fold(f32::MIN, f32::max)
        - previous.chunks(2).map(|p| p[0]).fold(f32::MAX, f32::min);
    let p = warm.positions();
    let mut checked = 0;
    for v in 390..400 {
        let (ns, _) = g.csr.neighbors(v);
        let known: Vec<usize> = ns
            .iter()
            .map(|&u| u as usize)
            .filter(|&u| u < 390)
            .collect();
        if known.is_empty() {
            continue;
        }
        let mx = known.iter().map(|&u| p[2 * u]).sum::<f32>() / known.len() as f32;
        let my = known.iter().map(|&u| p[2 * u + 1]).sum::<f32>() / known.len() as f32;
        let d = ((p[2 * v] - mx).powi(2) + (p[2 * v + 1] - my).powi(2)).sqrt();
        assert!(
            d < 0.1 * width,
            "node {v}: {d} from its neighbours' centre, drawing {width} wide"
        );
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn communities_start_separates_planted_groups() {
    let g = tiemap_core::sample::planted_partition(2_000, 8, 10.0, 0.1, 3);
    let s = Fa2Settings::infer(2_000, g.csr.edge_count());
    let mut state =
        LayoutState::new(&g.csr, s, LayoutStart::Communities(g.truth.clone()), 1).expect("start");
    while !state.step(50).converged && state.iterations() < 2_000 {}
    assert_eq!(state.level(), 0);
    let sil = tiemap_core::layout::silhouette(state.positions(), &g.truth, 1).expect("lengths");
    let knn =
        tiemap_core::layout::knn_group_share(state.positions(), &g.truth, 10).expect("lengths");
    assert!(sil > 0.6, "silhouette {sil}");
    assert!(knn > 0.9, "10-NN share {knn}");
}

#[test]
fn progress_moves_forward_through_the_levels_and_is_one_only_when_settled() {
    let g = tiemap_core::sample::planted_partition(5_000, 20, 10.0, 0.15, 7);
    let s = Fa2Settings::infer(5_000, g.csr.edge_count());
    let mut state =
        LayoutState::new(&g.csr, s, LayoutStart::Communities(g.truth.clone()), 1).expect("start");
    assert_eq!(state.progress(), 0.0);
    let mut seen = vec![state.progress()];
    while !state.step(5).converged && state.iterations() < 3_000 {
        let p = state.progress();
        assert!(
            p < 1.0,
            "{p} before settling, at {} iterations",
            state.iterations()
        );
        seen.push(p);
    }
    assert!(state.converged());
    assert_eq!(state.progress(), 1.0);
    assert!(seen.windows(2).all(|w| w[1] >= w[0]), "never goes back");
    // it moves through the run, not in one jump at the end: a reading in each quarter
    for q in 0..4 {
        let (lo, hi) = (q as f32 * 0.25, (q + 1) as f32 * 0.25);
        assert!(
            seen.iter().any(|&p| p >= lo && p < hi),
            "no reading in [{lo}, {hi}): {seen:?}"
        );
    }
    // a change of settings starts it again
    state.set_settings(Fa2Settings {
        gravity: 2.0,
        ..Fa2Settings::infer(5_000, g.csr.edge_count())
    });
    state.step(1);
    assert!(state.progress() < 1.0);
}

#[test]
fn a_convergence_threshold_of_zero_never_stops_the_layout() {
    // Benches time iterations of a running layout: they must not end up timing a settled one
    // that does nothing (the criterion bench once reported 10 ns per iteration at 1,000 nodes).
    let g = tiemap_core::sample::planted_partition(1_000, 10, 10.0, 0.15, 42);
    let mut s = Fa2Settings::infer(1_000, g.csr.edge_count());
    s.multilevel_min_nodes = usize::MAX;
    let mut settling = LayoutState::new(&g.csr, s.clone(), LayoutStart::Random, 1).expect("start");
    let stats = settling.step(3_000);
    assert!(stats.converged, "the default threshold settles");
    assert!(stats.iterations_done < 3_000);
    s.convergence_threshold = 0.0;
    let mut running = LayoutState::new(&g.csr, s, LayoutStart::Random, 1).expect("start");
    let stats = running.step(3_000);
    assert_eq!(stats.iterations_done, 3_000);
    assert!(!stats.converged);
    assert_eq!(running.step(7).iterations_done, 7);
}

#[test]
fn new_settings_on_the_graph_itself_keep_its_wider_theta() {
    // Laid out in levels: once on the graph itself, the same settings given again change
    // nothing (the graph keeps the theta it was given after the coarse levels).
    let g = tiemap_core::sample::planted_partition(3_000, 20, 8.0, 0.15, 7);
    let settings = Fa2Settings::infer(g.csr.node_count(), g.csr.edge_count());
    assert!(settings.barnes_hut_optimize && settings.multilevel_min_nodes < 3_000);
    let mut a =
        LayoutState::new(&g.csr, settings.clone(), LayoutStart::Random, 3).expect("valid start");
    for _ in 0..200 {
        if a.level() == 0 {
            break;
        }
        a.step(10);
    }
    assert_eq!(a.level(), 0, "reached the graph itself");
    assert!(!a.converged());
    let mut b = a.clone();
    b.set_settings(settings);
    a.step(20);
    b.step(20);
    assert_eq!(a.positions(), b.positions());
}
