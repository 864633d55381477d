//! Leiden, Louvain and modularity on real reference graphs (values from networkx and
//! scikit-learn, written by `tools/bench/community/make_fixtures.py`), and property tests.

use proptest::prelude::*;
use std::collections::VecDeque;
use tiemap_core::community::{compare, leiden, louvain, modularity, LeidenSettings};
use tiemap_core::sample::planted_partition;
use tiemap_core::Csr;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graphs");

/// Reads a fixture edge list (`u v [weight]`, `#` comments, `# nodes N`).
fn read_edges(name: &str) -> Csr {
    let text = std::fs::read_to_string(format!("{FIXTURES}/{name}")).expect("fixture exists");
    let mut nodes = 0usize;
    let mut edges = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# nodes ") {
            nodes = rest.trim().parse().expect("node count");
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let u: u32 = fields[0].parse().expect("u");
        let v: u32 = fields[1].parse().expect("v");
        let w: f32 = fields.get(2).map_or(1.0, |w| w.parse().expect("weight"));
        edges.push((u, v, w));
    }
    Csr::from_edges(nodes, edges)
}

/// The checked-in fingerprint of the seeded algorithms; `tests/wasm.rs` checks the wasm build
/// against the same file, so native and wasm give identical output for the same seed.
#[test]
fn seeded_output_matches_the_file_the_wasm_build_is_checked_against() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeded_fingerprint.txt"
    );
    let now = tiemap_core::sample::seeded_fingerprint();
    if std::env::var_os("TIEMAP_WRITE_FINGERPRINT").is_some() {
        std::fs::write(path, &now).expect("writes the fingerprint");
    }
    let expected = std::fs::read_to_string(path).expect("fingerprint file exists");
    assert_eq!(
        now, expected,
        "seeded output changed; if on purpose, rerun with TIEMAP_WRITE_FINGERPRINT=1"
    );
}

fn reference() -> serde_json::Value {
    let text =
        std::fs::read_to_string(format!("{FIXTURES}/reference.json")).expect("reference.json");
    serde_json::from_str(&text).expect("valid json")
}

fn membership_of(value: &serde_json::Value) -> Vec<u32> {
    value
        .as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("id") as u32)
        .collect()
}

fn factions() -> Vec<u32> {
    std::fs::read_to_string(format!("{FIXTURES}/karate.factions"))
        .expect("factions")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.trim().parse().expect("faction"))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn modularity_matches_networkx_on_karate() {
    let g = read_edges("karate.edges");
    assert_eq!((g.node_count(), g.edge_count()), (34, 78));
    let r = &reference()["karate"];
    let f = factions();
    let q = modularity(&g, &f, 1.0).unwrap();
    assert!(close(q, r["factions_modularity"].as_f64().unwrap()), "{q}");
    let q = modularity(&g, &f, 0.5).unwrap();
    assert!(
        close(q, r["factions_modularity_resolution_0_5"].as_f64().unwrap()),
        "{q}"
    );
    let greedy = membership_of(&r["greedy_membership"]);
    let q = modularity(&g, &greedy, 1.0).unwrap();
    assert!(close(q, r["greedy_modularity"].as_f64().unwrap()), "{q}");
    let q = modularity(&g, &greedy, 2.0).unwrap();
    assert!(
        close(q, r["greedy_modularity_resolution_2"].as_f64().unwrap()),
        "{q}"
    );
}

#[test]
fn weighted_modularity_matches_networkx_on_les_miserables() {
    let g = read_edges("lesmis.edges");
    assert_eq!((g.node_count(), g.edge_count()), (77, 254));
    let r = &reference()["lesmis"];
    let greedy = membership_of(&r["greedy_membership"]);
    let q = modularity(&g, &greedy, 1.0).unwrap();
    assert!(close(q, r["greedy_modularity"].as_f64().unwrap()), "{q}");
    let q = modularity(&g, &greedy, 1.5).unwrap();
    assert!(
        close(q, r["greedy_modularity_resolution_1_5"].as_f64().unwrap()),
        "{q}"
    );
}

#[test]
fn nmi_and_ari_match_scikit_learn() {
    let r = &reference()["karate"];
    let greedy = membership_of(&r["greedy_membership"]);
    let f = factions();
    let nmi = compare::nmi(&f, &greedy).unwrap();
    let ari = compare::ari(&f, &greedy).unwrap();
    assert!(
        close(nmi, r["nmi_factions_greedy"].as_f64().unwrap()),
        "{nmi}"
    );
    assert!(
        close(ari, r["ari_factions_greedy"].as_f64().unwrap()),
        "{ari}"
    );
}

#[test]
fn leiden_reaches_the_karate_optimum_and_recovers_the_factions() {
    let g = read_edges("karate.edges");
    let optimum = reference()["karate"]["optimum_modularity"]
        .as_f64()
        .unwrap();
    let best = (0..10)
        .map(|seed| leiden(&g, &LeidenSettings::with_seed(seed)))
        .max_by(|a, b| a.modularity.total_cmp(&b.modularity))
        .unwrap();
    assert!(best.modularity > optimum - 1e-9, "{}", best.modularity);
    assert_eq!(best.community_count, 4);
    // The four modularity communities nest in the two factions but one node (node 8, which
    // sits between them).
    let f = factions();
    let mut crossing = 0;
    for c in 0..4u32 {
        let members: Vec<usize> = (0..34).filter(|&v| best.membership[v] == c).collect();
        let zeros = members.iter().filter(|&&v| f[v] == 0).count();
        crossing += zeros.min(members.len() - zeros);
    }
    assert!(crossing <= 1, "{crossing} nodes on the wrong side");
}

#[test]
fn leiden_beats_louvain_or_ties_and_both_are_good_on_les_miserables() {
    let g = read_edges("lesmis.edges");
    let greedy = reference()["lesmis"]["greedy_modularity"].as_f64().unwrap();
    let mut best_leiden = f64::MIN;
    let mut best_louvain = f64::MIN;
    for seed in 0..10 {
        let l = leiden(&g, &LeidenSettings::with_seed(seed));
        best_leiden = best_leiden.max(l.modularity);
        best_louvain = best_louvain.max(louvain(&g, &LeidenSettings::with_seed(seed)).modularity);
        // Every run beats networkx's greedy agglomeration.
        assert!(l.modularity > greedy, "seed {seed}: {}", l.modularity);
    }
    assert!(best_leiden >= best_louvain - 1e-12);
    // The best known weighted modularity of Les Miserables is 0.5600 (igraph / leidenalg).
    assert!(best_leiden > 0.5599, "{best_leiden}");
}

#[test]
fn higher_resolution_gives_more_communities() {
    let g = read_edges("lesmis.edges");
    let counts: Vec<usize> = [0.25, 1.0, 4.0]
        .iter()
        .map(|&resolution| {
            let settings = LeidenSettings {
                resolution,
                ..LeidenSettings::with_seed(1)
            };
            leiden(&g, &settings).community_count
        })
        .collect();
    assert!(counts[0] < counts[1] && counts[1] < counts[2], "{counts:?}");
}

#[test]
fn planted_partitions_are_recovered() {
    let planted = planted_partition(3000, 12, 14.0, 0.25, 5);
    let p = leiden(&planted.csr, &LeidenSettings::with_seed(2));
    let nmi = compare::nmi(&p.membership, &planted.truth).unwrap();
    let ari = compare::ari(&p.membership, &planted.truth).unwrap();
    assert!(nmi > 0.95, "nmi {nmi}");
    assert!(ari > 0.95, "ari {ari}");
    assert!(communities_are_connected(&planted.csr, &p.membership));
    let truth_q = modularity(&planted.csr, &planted.truth, 1.0).unwrap();
    assert!(
        p.modularity >= truth_q - 1e-9,
        "{} < {truth_q}",
        p.modularity
    );
}

/// Nodes of each community are connected by ties inside the community.
fn communities_are_connected(csr: &Csr, membership: &[u32]) -> bool {
    let n = csr.node_count();
    let mut seen = vec![false; n];
    let mut done_community = std::collections::HashSet::new();
    for s in 0..n {
        if !done_community.insert(membership[s]) {
            if !seen[s] {
                return false;
            }
            continue;
        }
        let mut queue = VecDeque::from([s]);
        seen[s] = true;
        while let Some(v) = queue.pop_front() {
            for &u in csr.neighbors(v).0 {
                let u = u as usize;
                if !seen[u] && membership[u] == membership[s] {
                    seen[u] = true;
                    queue.push_back(u);
                }
            }
        }
    }
    true
}

fn arbitrary_graph() -> impl Strategy<Value = Csr> {
    (1usize..60).prop_flat_map(|n| {
        prop::collection::vec((0..n as u32, 0..n as u32, 0.1f32..5.0), 0..(n * 4))
            .prop_map(move |edges| Csr::from_edges(n, edges))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn leiden_invariants(csr in arbitrary_graph(), seed in 0u64..1000, resolution in 0.1f64..3.0) {
        let settings = LeidenSettings { resolution, ..LeidenSettings::with_seed(seed) };
        let p = leiden(&csr, &settings);
        let n = csr.node_count();
        // every node in exactly one community, ids dense and ordered by size
        prop_assert_eq!(p.membership.len(), n);
        prop_assert!(p.membership.iter().all(|&c| (c as usize) < p.community_count));
        let sizes = p.sizes();
        prop_assert!(sizes.iter().all(|&s| s > 0));
        prop_assert!(sizes.windows(2).all(|w| w[0] >= w[1]));
        // connected communities
        prop_assert!(communities_are_connected(&csr, &p.membership));
        // reported modularity is the exact one
        let q = modularity(&csr, &p.membership, resolution).unwrap();
        prop_assert_eq!(p.modularity, q);
        // never worse than all singletons
        let singletons: Vec<u32> = (0..n as u32).collect();
        prop_assert!(q >= modularity(&csr, &singletons, resolution).unwrap() - 1e-9);
        // same seed, same output
        prop_assert_eq!(&leiden(&csr, &settings), &p);
    }

    #[test]
    fn louvain_invariants(csr in arbitrary_graph(), seed in 0u64..1000) {
        let settings = LeidenSettings::with_seed(seed);
        let p = louvain(&csr, &settings);
        prop_assert_eq!(p.membership.len(), csr.node_count());
        prop_assert!(communities_are_connected(&csr, &p.membership));
        prop_assert_eq!(p.modularity, modularity(&csr, &p.membership, 1.0).unwrap());
        prop_assert_eq!(&louvain(&csr, &settings), &p);
    }

    #[test]
    fn nmi_and_ari_are_symmetric_and_bounded(
        pair in (1usize..80).prop_flat_map(|n| (
            prop::collection::vec(0u32..6, n),
            prop::collection::vec(0u32..6, n),
        ))
    ) {
        let (a, b) = pair;
        let nmi = compare::nmi(&a, &b).unwrap();
        prop_assert!((0.0..=1.0).contains(&nmi));
        prop_assert!((nmi - compare::nmi(&b, &a).unwrap()).abs() < 1e-12);
        let ari = compare::ari(&a, &b).unwrap();
        prop_assert!(ari <= 1.0 + 1e-12);
        prop_assert!((ari - compare::ari(&b, &a).unwrap()).abs() < 1e-12);
        prop_assert!((compare::nmi(&a, &a).unwrap() - 1.0).abs() < 1e-12);
        prop_assert!((compare::ari(&a, &a).unwrap() - 1.0).abs() < 1e-12);
    }
}

#[test]
fn passes_stop_when_they_add_a_sliver_and_say_how_far_they_are() {
    // the ties inferred from a bursty export: later passes keep moving a few people for a
    // sliver of modularity each
    use tiemap_core::infer::{infer, InferSettings};
    use tiemap_core::sample::hard::{hard_export, HardKind};
    let h = hard_export(HardKind::Burst, 5_000, 42);
    let csr = infer(&h.export, &InferSettings::for_size(5_000))
        .expect("inferred")
        .network
        .csr();
    let mut told = Vec::new();
    let settings = LeidenSettings::with_seed(3);
    let early = tiemap_core::community::leiden_telling(&csr, &settings, &mut |f| told.push(f));
    // 40 passes, each from the last result, whatever they add
    let full = leiden(
        &csr,
        &LeidenSettings {
            iterations: 40,
            ..settings
        },
    );
    assert!(
        early.modularity >= full.modularity - 0.001,
        "stopping early lost {} of modularity ({} vs {}, {} passes)",
        full.modularity - early.modularity,
        early.modularity,
        full.modularity,
        told.len()
    );
    assert!(told.len() >= 2, "{told:?}");
    assert!(told.len() < 40, "passes did not stop early: {}", told.len());
    assert!(told.iter().all(|f| (0.0..=1.0).contains(f)), "{told:?}");
    // and the same partition as `leiden` with the same settings
    assert_eq!(early, leiden(&csr, &settings));
}
