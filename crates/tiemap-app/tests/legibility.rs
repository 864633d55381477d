//! The legibility harness (`tiemap_app::legibility`) measures what the page shows: on small
//! hard exports its figures add up with the session's own map. The goals are not asserted
//! here (the bench states them); only that the measure is right.

use std::collections::BTreeMap;
use tiemap_app::legibility::{
    align_truth, duplicate_names, export_files, measure_within, open_hard_export, Legibility,
    NAMED_SHARE, TOP_CLUSTERS, UNMATCHED,
};
use tiemap_app::model::OTHER_CLUSTER_ID;
use tiemap_app::session::Session;
use tiemap_core::sample::hard::{hard_export, HardKind};
use tiemap_core::NodeInfo;

/// A small hard export of `kind`, opened, settled for at most `iterations` and measured, with
/// the session's map to check against.
fn measured(kind: HardKind, people: usize, iterations: usize) -> (Legibility, Session) {
    let h = hard_export(kind, people, 3);
    let mut session = open_hard_export(&h).expect("opens");
    let visible = h.without_hidden();
    let truth = align_truth(
        &session.network().nodes,
        &visible.export.people,
        &visible.truth,
    );
    let l = measure_within(h.name, &mut session, Some(&truth), 1, iterations);
    (l, session)
}

fn check_sane(l: &Legibility, s: &Session, iterations: usize) {
    let map = s.map_data();
    let people = map.nodes.len();
    assert_eq!(l.people, people, "{l:?}");
    // the clusters as the map lists them, every person in one
    assert_eq!(l.top_clusters, map.clusters.len(), "{l:?}");
    let total: u32 = map.clusters.iter().map(|c| c.size).sum();
    assert_eq!(total as usize, people);
    let mut sizes: Vec<u32> = map
        .clusters
        .iter()
        .filter(|c| c.id != OTHER_CLUSTER_ID)
        .map(|c| c.size)
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let top: u32 = sizes.iter().take(TOP_CLUSTERS).sum();
    assert!(
        (l.top_share - top as f64 / people as f64).abs() < 1e-12,
        "{l:?}"
    );
    assert!((0.0..=1.0).contains(&l.top_share));
    if map.clusters.len() <= TOP_CLUSTERS && map.clusters.iter().all(|c| c.folded == 0) {
        assert!((l.top_share - 1.0).abs() < 1e-12, "{l:?}");
    }
    // the loose group (people tied to no cluster) is a legend row, not a place to name
    let over = map
        .clusters
        .iter()
        .filter(|c| c.id != OTHER_CLUSTER_ID && !c.loose)
        .filter(|c| c.size as f64 >= NAMED_SHARE * people as f64)
        .count();
    assert_eq!(l.clusters_over_1pct, over);
    assert_eq!(l.names_expected, over);
    let names: Vec<&str> = map.clusters.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(l.duplicate_names, duplicate_names(&names));
    assert!(l.duplicate_names <= l.top_clusters);
    // the silhouette and the NMI in range
    assert!(
        l.silhouette.is_finite() && (-1.0..=1.0).contains(&l.silhouette),
        "{l:?}"
    );
    let nmi = l.nmi.expect("a truth gives an NMI");
    assert!((0.0..=1.0).contains(&nmi), "{l:?}");
    assert!(l.truth_matched <= people);
    assert!(
        l.truth_matched * 10 >= people * 9,
        "only {} of {people} matched",
        l.truth_matched
    );
    // names: no more drawn than expected; clipped names and overlaps are among those drawn
    assert!(l.names_drawn <= l.names_expected, "{l:?}");
    assert!(l.names_expected == 0 || l.names_drawn > 0, "{l:?}");
    assert!(l.names_clipped <= l.top_clusters, "{l:?}");
    // the layout ran within its budget
    assert!(l.settle_iterations <= iterations, "{l:?}");
    assert!(l.settle_iterations > 0);
    assert_eq!(l.settled, s.positions().converged, "{l:?}");
    // the figures go to JSON and back
    let json = serde_json::to_string(l).expect("serialises");
    let mut back: Legibility = serde_json::from_str(&json).expect("reads back");
    // (floats to text and back may move in the last bit)
    assert!((back.top_share - l.top_share).abs() < 1e-12);
    assert!((back.nmi.unwrap_or(0.0) - nmi).abs() < 1e-12);
    (back.top_share, back.nmi) = (l.top_share, l.nmi);
    assert_eq!(&back, l);
}

#[test]
fn a_small_linkedin_export_measures_sanely() {
    let (l, s) = measured(HardKind::DominantEmployer, 160, 150);
    assert_eq!(l.export, "dominant-employer");
    check_sane(&l, &s, 150);
}

#[test]
fn a_small_facebook_export_goes_through_friends_json() {
    let h = hard_export(HardKind::FacebookLike, 120, 3);
    let files = export_files(&h);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "friends.json");
    let (l, s) = measured(HardKind::FacebookLike, 120, 150);
    // names are a friend's only key: matched by them
    check_sane(&l, &s, 150);
    assert_eq!(l.export, "facebook-like");
    assert!(l.people <= 120 && l.people == s.network().nodes.len());
}

#[test]
fn hidden_members_are_skipped_and_truth_follows_the_nodes() {
    let h = hard_export(HardKind::SparseFields, 120, 3);
    assert_eq!(export_files(&h)[0].name, "Connections.csv");
    let session = open_hard_export(&h).expect("opens");
    let visible = h.without_hidden();
    assert!(visible.export.people.len() < h.export.people.len());
    let nodes = &session.network().nodes;
    assert!(nodes.len() <= visible.export.people.len());
    let truth = align_truth(nodes, &visible.export.people, &visible.truth);
    assert_eq!(truth.len(), nodes.len());
    // each matched node is the person of that truth: same key
    let by_key: BTreeMap<String, u32> = visible
        .export
        .people
        .iter()
        .zip(&visible.truth)
        .map(|(p, &t)| (p.identity_key(), t))
        .collect();
    for (n, &t) in nodes.iter().zip(&truth) {
        if t != UNMATCHED {
            if let Some(&k) = by_key.get(&n.key) {
                assert_eq!(k, t, "{}", n.key);
            }
        }
    }
    assert!(truth.iter().filter(|&&t| t != UNMATCHED).count() * 10 >= nodes.len() * 9);
}

#[test]
fn truth_is_aligned_by_key_then_name_and_ambiguity_matches_no_one() {
    use tiemap_core::model::Person;
    let person = |first: &str, url: Option<&str>| Person {
        first_name: first.into(),
        last_name: "Doe".into(),
        profile_url: url.map(String::from),
        ..Person::default()
    };
    let people = [
        person("Ann", Some("https://www.linkedin.com/in/ann/")),
        person("Bob", None),
        person("Cy", None),
        person("Cy", None),
    ];
    let truth = [0, 1, 2, 3];
    let node = |key: &str, label: &str| NodeInfo {
        key: key.into(),
        label: label.into(),
        ..NodeInfo::default()
    };
    // reordered, one key changed (found by name), one unknown, one ambiguous
    let nodes = [
        node("name:bob doe", "Bob Doe"),
        node("linkedin.com/in/ann", "Ann Doe"),
        node("name:cy doe", "Cy Doe"),
        node("mailto:zed@example.com", "Zed Doe"),
        node("something-else", "Ann Doe"),
    ];
    assert_eq!(
        align_truth(&nodes, &people, &truth),
        [1, 0, UNMATCHED, UNMATCHED, 0]
    );
}

#[test]
fn duplicate_names_catch_numbered_copies() {
    assert_eq!(
        duplicate_names(&["Ministry X · 2024", "Ministry X · 2024 (2)"]),
        2
    );
    assert_eq!(
        duplicate_names(&["Ministry X · 2024", "Ministry X · 2023", "Globex"]),
        0
    );
    assert_eq!(duplicate_names(&["A", "A (2)", "A (3)", "B", "B"]), 5);
}

/// The hard exports the end-to-end tests drop on the page (`tests/e2e/fixtures/hard/`), as
/// the generator writes them: made-up people, never real ones. Regenerate with
/// TIEMAP_WRITE_FIXTURES=1.
#[test]
fn the_hard_export_fixtures_are_what_the_generator_writes() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/fixtures/hard");
    for h in tiemap_core::sample::hard::hard_exports(42)
        .into_iter()
        .filter(|h| matches!(h.name, "burst" | "dominant-employer" | "facebook-like"))
    {
        for file in tiemap_app::legibility::export_files(&h) {
            let path = dir.join(format!("{}-{}", h.name, file.name));
            if std::env::var_os("TIEMAP_WRITE_FIXTURES").is_some() {
                std::fs::create_dir_all(&dir).expect("fixture folder");
                std::fs::write(&path, &file.bytes).expect("write fixture");
            }
            let on_disk = std::fs::read(&path).expect("the fixture exists");
            assert!(
                on_disk == file.bytes,
                "{} differs from the generator",
                path.display()
            );
        }
    }
}
