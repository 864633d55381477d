//! How legible the map of a realistic export is: the figures behind the issue "real exports
//! give a hairball of 15-25 clusters with duplicate names".
//!
//! Each hard export (`tiemap_core::sample::hard`) is written as the bytes a person drops
//! (`Connections.csv`, or Facebook's `friends.json`), opened with [`Session::open`] (the one
//! pipeline of the page, the command line and the benches), settled, and then measured as the
//! page shows it:
//!
//! - the clusters are what [`Session::map_data`] lists (whatever the clustering makes its top
//!   level); an "Other" fold of small clusters counts as one of them but is not a named group;
//! - the silhouette is that of those clusters in the settled drawing;
//! - the names are the cluster labels [`plan_picture`] places over the whole map fitted into
//!   a 1400 x 900 picture with people's names hidden, measured with [`EstimatedText`];
//! - the NMI compares the clusters with the true groups, aligned to the session's people by
//!   their key (profile URL, e-mail or name) or, failing that, their name.
//!
//! The goals themselves are the bench's (`xtask/src/bench/goals.rs`); this module only
//! measures.

use crate::labels::{EstimatedText, LabelKind};
use crate::model::{ClusterView, MapData, NameMode, OTHER_CLUSTER_ID};
use crate::picture::{
    plan_picture, PictureInput, ShareBackground, ShareOptions, ShareShape, ShareView,
};
use crate::saver::{MapInput, SAMPLE};
use crate::session::{Session, SessionError, SessionSettings};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::rc::Rc;
use tiemap_core::community::compare::nmi;
use tiemap_core::import::InputFile;
use tiemap_core::layout::quality::silhouette;
use tiemap_core::model::{ExportKind, Person};
use tiemap_core::sample::hard::{self, HardExport};
use tiemap_core::view::labels::ScreenRect;
use tiemap_core::NodeInfo;

/// The most layout iterations a map is given to settle (the page settles in the same steps).
pub const SETTLE_MAX_ITERATIONS: usize = 3_000;
/// The screen the names are placed on, CSS pixels.
pub const SCREEN_CSS_PX: [f32; 2] = [1400.0, 900.0];
/// How many of the largest clusters [`Legibility::top_share`] counts.
pub const TOP_CLUSTERS: usize = 12;
/// A cluster with at least this share of the people should have its name on the map.
pub const NAMED_SHARE: f64 = 0.01;
/// The truth of a person who could not be matched to one true group.
pub const UNMATCHED: u32 = u32::MAX;
/// The name the bundled sample is measured under (it is no hard export: the bench states no
/// goal for it).
pub const SAMPLE_NAME: &str = "bundled sample";

/// How legible one map is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Legibility {
    /// The hard export's kind (`burst`, ...) or [`SAMPLE_NAME`].
    pub export: String,
    /// People on the map (the session's nodes).
    pub people: usize,
    /// Clusters the map shows (`map_data().clusters`, hidden ones left out); an "Other" fold
    /// counts as one.
    pub top_clusters: usize,
    /// Share of the people in the [`TOP_CLUSTERS`] largest shown clusters, an "Other" fold
    /// not counted among them.
    pub top_share: f64,
    /// Shown clusters (not "Other") with at least 1 % of the people.
    pub clusters_over_1pct: usize,
    /// Shown clusters whose name is another's, or another's with a " (2)", " (3)"...
    /// (compared without case and extra spaces): every cluster of such a collision counts.
    pub duplicate_names: usize,
    /// Silhouette of the shown clusters (people in "Other" left out) in the settled drawing,
    /// in `[-1, 1]`; 0 with fewer than two clusters.
    pub silhouette: f32,
    /// NMI of the shown clusters against the true groups, over the matched people.
    pub nmi: Option<f64>,
    /// People whose true group is known (0 without a truth).
    #[serde(default)]
    pub truth_matched: usize,
    /// Shown clusters (not hidden, not "Other") with at least 1 % of the people.
    pub names_expected: usize,
    /// How many of those have their name on the fitted 1400 x 900 map.
    pub names_drawn: usize,
    /// Cluster names not wholly inside the map area (cut by its edge).
    pub names_clipped: usize,
    /// Pairs of cluster names that overlap.
    pub names_overlapping: usize,
    /// Layout iterations run.
    pub settle_iterations: usize,
    /// Whether the layout settled within [`SETTLE_MAX_ITERATIONS`] (or the budget given).
    pub settled: bool,
}

/// The files a person would drop for `h`: LinkedIn kinds as `Connections.csv`, the
/// Facebook-like one as `friends.json` (hidden members included: the importer skips them).
pub fn export_files(h: &HardExport) -> Vec<InputFile> {
    let file = if h.export.kind == ExportKind::Facebook {
        InputFile {
            name: "friends.json".into(),
            bytes: hard::facebook_friends_json(&h.export),
        }
    } else {
        InputFile {
            name: "Connections.csv".into(),
            bytes: hard::connections_csv(&h.export),
        }
    };
    vec![file]
}

/// Opens `h` as the page does: its files through [`Session::open`] with the page's settings.
pub fn open_hard_export(h: &HardExport) -> Result<Session, SessionError> {
    let input = MapInput::Files(Rc::new(export_files(h)));
    Session::open(1, &input, SessionSettings::default(), &|_, _| {})
}

/// The true group of each of the session's people ([`UNMATCHED`] when unknown): `people`
/// and `truth` as generated (same order), matched to `nodes` by key ([`Person::identity_key`],
/// which the importer and inference key people by), else by name. A key or a name shared by
/// people of different groups matches no one.
pub fn align_truth(nodes: &[NodeInfo], people: &[Person], truth: &[u32]) -> Vec<u32> {
    fn add(map: &mut BTreeMap<String, u32>, key: String, group: u32) {
        map.entry(key)
            .and_modify(|g| {
                if *g != group {
                    *g = UNMATCHED;
                }
            })
            .or_insert(group);
    }
    let mut by_key: BTreeMap<String, u32> = BTreeMap::new();
    let mut by_name: BTreeMap<String, u32> = BTreeMap::new();
    for (p, &group) in people.iter().zip(truth) {
        add(&mut by_key, p.identity_key(), group);
        add(&mut by_name, p.display_name(), group);
    }
    nodes
        .iter()
        .map(|n| {
            by_key
                .get(&n.key)
                .or_else(|| by_name.get(&n.label))
                .copied()
                .unwrap_or(UNMATCHED)
        })
        .collect()
}

/// A cluster name as compared for duplicates: without a trailing " (n)", trimmed, spaces
/// collapsed, lower case.
pub fn name_base(name: &str) -> String {
    let t = name.trim();
    let base = t
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once(" ("))
        .filter(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map_or(t, |(b, _)| b);
    base.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How many of `names` collide with another: equal, or equal but for a " (2)", " (3)"...
/// ([`name_base`]). Every name of a collision counts: "X", "X (2)", "Y" gives 2.
pub fn duplicate_names<S: AsRef<str>>(names: &[S]) -> usize {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for n in names {
        *count.entry(name_base(n.as_ref())).or_insert(0) += 1;
    }
    count.values().filter(|&&c| c > 1).sum()
}

/// How many of `rects` are not wholly inside `0..w` x `0..h`.
pub fn count_clipped(rects: &[ScreenRect], [w, h]: [f32; 2]) -> usize {
    const SLACK: f32 = 1e-3;
    rects
        .iter()
        .filter(|r| {
            !(r.x >= -SLACK && r.y >= -SLACK && r.x + r.w <= w + SLACK && r.y + r.h <= h + SLACK)
        })
        .count()
}

/// How many pairs of `rects` overlap.
pub fn count_overlaps(rects: &[ScreenRect]) -> usize {
    rects
        .iter()
        .enumerate()
        .map(|(i, a)| rects[i + 1..].iter().filter(|b| a.overlaps(b)).count())
        .sum()
}

/// The "Other" fold of small clusters.
fn is_other(c: &ClusterView) -> bool {
    c.id == OTHER_CLUSTER_ID || c.folded > 0
}

/// The name a cluster is shown with (the suggestion when the name is empty, as drawn).
fn shown_name(c: &ClusterView) -> &str {
    if c.name.trim().is_empty() {
        &c.suggested_name
    } else {
        &c.name
    }
}

/// Settles `session` (up to [`SETTLE_MAX_ITERATIONS`] in all) and measures its map.
/// `truth`: the true group of each of its people ([`align_truth`]; [`UNMATCHED`] skipped).
/// `seed` fixes the silhouette's sample on big maps.
pub fn measure(name: &str, session: &mut Session, truth: Option<&[u32]>, seed: u64) -> Legibility {
    measure_within(name, session, truth, seed, SETTLE_MAX_ITERATIONS)
}

/// [`measure`] with another settling budget (iterations in all; a paused session is
/// measured as it is).
pub fn measure_within(
    name: &str,
    session: &mut Session,
    truth: Option<&[u32]>,
    seed: u64,
    max_iterations: usize,
) -> Legibility {
    let settled = session.settle(max_iterations);
    let settle_iterations = session.layout().iterations();
    let map = session.map_data();
    let pos = session.layout().positions().to_vec();
    let people = map.nodes.len();

    // The clusters as shown.
    let shown: Vec<&ClusterView> = map.clusters.iter().filter(|c| !c.hidden).collect();
    let mut real: Vec<&ClusterView> = shown.iter().copied().filter(|c| !is_other(c)).collect();
    real.sort_by(|a, b| b.size.cmp(&a.size).then(a.id.cmp(&b.id)));
    let in_top: u64 = real
        .iter()
        .take(TOP_CLUSTERS)
        .map(|c| u64::from(c.size))
        .sum();
    let top_share = if people == 0 {
        0.0
    } else {
        in_top as f64 / people as f64
    };
    // The loose group (people tied to no cluster) is one legend row, counted above, but not a
    // place on the map: it has no name to draw and no shape to separate.
    real.retain(|c| !c.loose);
    let expected: BTreeSet<u32> = real
        .iter()
        .filter(|c| f64::from(c.size) >= NAMED_SHARE * people as f64)
        .map(|c| c.id)
        .collect();
    let names: Vec<&str> = shown.iter().map(|c| shown_name(c)).collect();

    // Silhouette of the real clusters.
    let real_ids: BTreeSet<u32> = real.iter().map(|c| c.id).collect();
    let (mut sub_pos, mut groups) = (Vec::new(), Vec::new());
    for (i, n) in map.nodes.iter().enumerate() {
        if let (true, Some(p)) = (real_ids.contains(&n.cluster), pos.get(2 * i..2 * i + 2)) {
            sub_pos.extend_from_slice(p);
            groups.push(n.cluster);
        }
    }
    let silhouette = silhouette(&sub_pos, &groups, seed).unwrap_or(0.0);

    // NMI over the people whose true group is known.
    let (nmi, truth_matched) = match truth {
        Some(truth) => nmi_vs_truth(&map, truth),
        None => (None, 0),
    };

    let names_placed = cluster_names(&map, &pos);
    let drawn: BTreeSet<u32> = names_placed
        .labels
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| expected.contains(id))
        .collect();
    let rects: Vec<ScreenRect> = names_placed.labels.iter().map(|(_, r)| *r).collect();

    Legibility {
        export: name.to_string(),
        people,
        top_clusters: shown.len(),
        top_share,
        clusters_over_1pct: expected.len(),
        duplicate_names: duplicate_names(&names),
        silhouette,
        nmi,
        truth_matched,
        names_expected: expected.len(),
        names_drawn: drawn.len(),
        names_clipped: count_clipped(&rects, names_placed.area),
        names_overlapping: count_overlaps(&rects),
        settle_iterations,
        settled,
    }
}

/// The cluster names placed on the fitted map, in the map area's coordinates.
struct PlacedNames {
    /// Cluster id and where its name is.
    labels: Vec<(u32, ScreenRect)>,
    /// The map area's size.
    area: [f32; 2],
}

/// The options of a picture of the whole map as a 1400 x 900 screen shows it fitted: no
/// title, legend or insights to take room from the map, people's names hidden (so only
/// cluster names are placed).
pub fn fitted_view_options() -> ShareOptions {
    ShareOptions {
        view: ShareView::WholeMap,
        scale: 1,
        shape: ShareShape::AsOnScreen,
        background: ShareBackground::Light,
        names: NameMode::Hidden,
        title: String::new(),
        legend: false,
        insights: false,
        owner: None,
    }
}

fn cluster_names(map: &MapData, pos: &[f32]) -> PlacedNames {
    let input = PictureInput {
        map,
        pos_in_graph: pos,
        screen_css_px: SCREEN_CSS_PX,
        screen_camera: None,
        date: "",
        insights: None,
    };
    match plan_picture(&input, &fitted_view_options(), &mut EstimatedText) {
        Ok(plan) => PlacedNames {
            labels: plan
                .labels
                .iter()
                .filter_map(|l| match l.kind {
                    LabelKind::Cluster { id } => Some((id, l.rect)),
                    LabelKind::Person { .. } => None,
                })
                .collect(),
            area: [plan.layout.map_area.w, plan.layout.map_area.h],
        },
        Err(_) => PlacedNames {
            labels: Vec::new(),
            area: [0.0, 0.0],
        },
    }
}

/// NMI of the clusters `map` shows against `truth` ([`align_truth`]), over the people whose
/// true group is known, and how many they are.
pub fn nmi_vs_truth(map: &MapData, truth: &[u32]) -> (Option<f64>, usize) {
    let (shown_of, truth_of): (Vec<u32>, Vec<u32>) = map
        .nodes
        .iter()
        .zip(truth)
        .filter(|(_, &t)| t != UNMATCHED)
        .map(|(n, &t)| (n.cluster, t))
        .unzip();
    let score = (!shown_of.is_empty())
        .then(|| nmi(&shown_of, &truth_of).ok())
        .flatten();
    (score, shown_of.len())
}

/// One hard export, written, opened, settled and measured.
pub fn measure_hard_export(h: &HardExport, seed: u64) -> Result<Legibility, SessionError> {
    let (mut session, truth) = open_with_truth(h)?;
    Ok(measure(h.name, &mut session, Some(&truth), seed))
}

/// `h` opened as the page does ([`open_hard_export`]), with the true group of each of the
/// session's people ([`align_truth`]).
pub fn open_with_truth(h: &HardExport) -> Result<(Session, Vec<u32>), SessionError> {
    let session = open_hard_export(h)?;
    let visible = h.without_hidden();
    let truth = align_truth(
        &session.network().nodes,
        &visible.export.people,
        &visible.truth,
    );
    Ok((session, truth))
}

/// Every hard export of `tiemap_core::sample::hard::hard_exports(seed)`, measured.
///
/// # Panics
/// When an export can't be opened (the bench must not carry on without it).
pub fn measure_hard_exports(seed: u64) -> Vec<Legibility> {
    hard::hard_exports(seed)
        .iter()
        .map(|h| {
            measure_hard_export(h, seed)
                .unwrap_or_else(|e| panic!("{} could not be opened: {}", h.name, e.sentence()))
        })
        .collect()
}

/// The bundled sample the page opens on ([`SAMPLE`]), measured against its chapters.
pub fn measure_sample(seed: u64) -> Result<Legibility, SessionError> {
    let mut session = Session::open(1, &SAMPLE, SessionSettings::default(), &|_, _| {})?;
    let truth = match SAMPLE {
        MapInput::Sample { people, seed } => {
            let s = tiemap_core::sample::linkedin_sample(people, seed);
            Some(align_truth(
                &session.network().nodes,
                &s.export.people,
                &s.truth,
            ))
        }
        MapInput::Files(_) => None,
    };
    Ok(measure(SAMPLE_NAME, &mut session, truth.as_deref(), seed))
}

/// The figures as a markdown table, one row per map.
pub fn table(rows: &[Legibility]) -> String {
    let mut t = String::from(
        "| export | people | clusters | top-12 share | >=1% | duplicate names | silhouette | NMI (matched) | names drawn | clipped | overlapping | iterations | settled |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for r in rows {
        let nmi = r
            .nmi
            .map_or("-".to_string(), |v| format!("{v:.3} ({})", r.truth_matched));
        let _ = writeln!(
            t,
            "| {} | {} | {} | {:.3} | {} | {} | {:.3} | {nmi} | {} of {} | {} | {} | {} | {} |",
            r.export,
            r.people,
            r.top_clusters,
            r.top_share,
            r.clusters_over_1pct,
            r.duplicate_names,
            r.silhouette,
            r.names_drawn,
            r.names_expected,
            r.names_clipped,
            r.names_overlapping,
            r.settle_iterations,
            if r.settled { "yes" } else { "no" },
        );
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_collide_with_their_numbered_copies() {
        assert_eq!(name_base("Ministry X · 2024 (2)"), "ministry x · 2024");
        assert_eq!(name_base("  Ministry  X · 2024 "), "ministry x · 2024");
        assert_eq!(name_base("Cluster (b)"), "cluster (b)");
        assert_eq!(name_base("(2)"), "(2)");
        assert_eq!(duplicate_names(&["X", "X (2)", "Y"]), 2);
        assert_eq!(
            duplicate_names(&["X", "x", "X (3)", "Cluster 1", "Cluster 2"]),
            3
        );
        assert_eq!(duplicate_names::<&str>(&[]), 0);
    }

    #[test]
    fn rects_clipped_and_overlapping() {
        let r = |x, y, w, h| ScreenRect { x, y, w, h };
        let rects = [
            r(0.0, 0.0, 10.0, 10.0),
            r(5.0, 5.0, 10.0, 10.0),
            r(95.0, 0.0, 10.0, 10.0),
            r(50.0, 50.0, 10.0, 10.0),
        ];
        assert_eq!(count_clipped(&rects, [100.0, 100.0]), 1);
        assert_eq!(count_overlaps(&rects), 1);
        // touching edges do not overlap
        assert_eq!(
            count_overlaps(&[r(0.0, 0.0, 10.0, 10.0), r(10.0, 0.0, 10.0, 10.0)]),
            0
        );
    }
}
