//! Export encoders: the map as drawn, written for other tools.
//!
//! Formats:
//! - **GEXF 1.3** ([`to_gexf`]) with the `viz` namespace, for Gephi: node attributes
//!   `company`, `title`, `url`, `cluster` (the persistent cluster id) and `cluster_name`;
//!   `viz:color` (the cluster's colour), `viz:position` (y flipped, see below) and
//!   `viz:size`; edge weights; a `<meta>` whose creator is `tiemap`.
//! - **GraphML** ([`to_graphml`]) with Gephi's node keys (`label`, `x`, `y`, `size`, `r`,
//!   `g`, `b`) plus the same attributes as the GEXF, and an edge `weight` key.
//! - **CSV people table** ([`people_csv`]), RFC 4180: one row per person with their cluster
//!   id, cluster name and cluster colour; cells that a spreadsheet would run as a formula
//!   are defused with a leading `'`.
//!
//! Positions: tiemap's graph space has y growing downwards (as on screen); Gephi's has y
//! growing upwards. Both XML encoders write `y = -pos_in_graph[1]` so Gephi shows the map
//! the same way up; tiemap's own GEXF/GraphML reader flips it back, so a re-imported export
//! looks the same.
//!
//! Anonymising ([`Names`]): with [`Names::Initials`] or [`Names::Hidden`] no label, profile
//! URL or key reaches the output. Node ids become `n0`, `n1`, ... (in node order), labels
//! become initials or `Person N`, and the `url` attribute/column is left out. Company, title
//! and cluster names are kept (they are not names of people). The map's title is written as
//! given: the caller decides what it says.
//!
//! Every text is sanitised once: characters XML 1.0 forbids (C0 controls other than tab,
//! newline and carriage return, U+FFFE, U+FFFF) are dropped, in all three formats. Output is
//! deterministic: the same map and [`Names`] give the same bytes.

pub(crate) mod csv;
mod gexf;
mod graphml;
pub mod xml;

pub use csv::people_csv;
pub use gexf::to_gexf;
pub use graphml::to_graphml;

use crate::view::palette::OTHER_COLOR;
use std::collections::{BTreeMap, BTreeSet};

/// One person / node, as drawn.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ExportNode {
    /// Stable id (profile URL or file id). Written as the node id only with [`Names::All`].
    pub key: String,
    /// Name as shown on the map.
    pub label: String,
    /// Current employer, if known (kept when anonymising).
    pub company: Option<String>,
    /// Current title, if known (kept when anonymising).
    pub title: Option<String>,
    /// Profile URL (left out when anonymising).
    pub url: Option<String>,
    /// Persistent cluster id (an id in [`ExportMap::clusters`]). A node whose id is not
    /// there is written with an empty cluster name and [`OTHER_COLOR`].
    pub cluster: u32,
    /// Graph-space position (y grows downwards on screen). Non-finite values are written
    /// as 0.
    pub pos: [f32; 2],
    /// Drawn radius in graph units. A non-finite or negative size is written as 1.
    pub size: f32,
}

/// One cluster as the person named and coloured it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ExportCluster {
    /// Persistent cluster id (what [`ExportNode::cluster`] refers to). When two clusters
    /// share an id, the first one is used.
    pub id: u32,
    /// The cluster's name as shown in the legend.
    pub name: String,
    /// The cluster's colour (RGB).
    pub color: [u8; 3],
    /// Number of people in the cluster (listed in the GEXF description).
    pub size: u32,
}

/// The whole map to export.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ExportMap {
    /// The map's title (GEXF `<title>`/`<description>`, GraphML `<desc>`).
    pub title: String,
    /// People, in a fixed order (their index is what ties and anonymous ids refer to).
    pub nodes: Vec<ExportNode>,
    /// Ties: node indices and weight. A tie naming a node index out of range is left out;
    /// a weight that is not a positive finite number is written as 1.
    pub ties: Vec<(u32, u32, f32)>,
    /// Clusters, in legend order.
    pub clusters: Vec<ExportCluster>,
}

/// How people's names appear in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// Names, keys and profile URLs as they are.
    All,
    /// Initials only: "Ana María López" -> "A. M. L."; keys and URLs left out.
    Initials,
    /// No names: "Person 1", "Person 2", ...; keys and URLs left out.
    Hidden,
}

impl Names {
    /// Whether names, keys and URLs are written as they are.
    pub fn shows_identity(self) -> bool {
        self == Names::All
    }
}

/// The name written for the node at `index` (0-based, in [`ExportMap::nodes`] order).
///
/// [`Names::All`] gives the label (sanitised); [`Names::Initials`] the first letter or digit
/// of each word, upper-cased, with a dot ("Ana María López" -> "A. M. L.", "Jean-Luc Picard"
/// -> "J.-L. P."); [`Names::Hidden`] gives `Person {index + 1}`, and so do initials of a
/// label with no letter or digit.
pub fn shown_name(label: &str, names: Names, index: usize) -> String {
    match names {
        Names::All => sanitize(label).into_owned(),
        Names::Initials => {
            let initials = initials(label);
            if initials.is_empty() {
                person(index)
            } else {
                initials
            }
        }
        Names::Hidden => person(index),
    }
}

fn person(index: usize) -> String {
    format!("Person {}", index.saturating_add(1))
}

/// "Ana María López" -> "A. M. L."; "Jean-Luc" -> "J.-L."; words without a letter or digit
/// (emoji, punctuation) are skipped.
fn initials(label: &str) -> String {
    let mut words = Vec::new();
    for word in label.split_whitespace() {
        let parts: Vec<String> = word
            .split('-')
            .filter_map(|part| part.chars().find(|c| c.is_alphanumeric()))
            .map(|c| {
                let mut s: String = c.to_uppercase().collect();
                s.push('.');
                s
            })
            .collect();
        if !parts.is_empty() {
            words.push(parts.join("-"));
        }
    }
    words.join(" ")
}

/// Whether XML 1.0 allows `c` (Rust strings never hold surrogates).
fn xml_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// `text` without the characters XML 1.0 forbids (borrowed when there are none).
pub(crate) fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_allowed) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().filter(|&c| xml_allowed(c)).collect())
    }
}

/// A coordinate or size as written: shortest text that reads back as the same `f32`,
/// `-0` written as `0`, non-finite as `fallback`.
pub(crate) fn number(v: f32, fallback: f32) -> String {
    let v = if v.is_finite() { v } else { fallback };
    // Adding 0.0 turns -0.0 into 0.0.
    format!("{}", v + 0.0)
}

/// What every encoder writes for one node, with [`Names`] applied and texts sanitised.
pub(crate) struct NodeOut {
    pub id: String,
    pub label: String,
    pub company: Option<String>,
    pub title: Option<String>,
    /// `None` when anonymising or when the node has none.
    pub url: Option<String>,
    pub cluster: u32,
    pub cluster_name: String,
    pub color: [u8; 3],
    /// Graph-space position, finite.
    pub pos: [f32; 2],
    /// Finite and non-negative.
    pub size: f32,
}

/// A tie as written: node indices in range, weight positive and finite.
pub(crate) struct TieOut {
    pub source: usize,
    pub target: usize,
    pub weight: f32,
}

/// The nodes and ties every encoder writes.
pub(crate) fn prepare(map: &ExportMap, names: Names) -> (Vec<NodeOut>, Vec<TieOut>) {
    let mut clusters: BTreeMap<u32, &ExportCluster> = BTreeMap::new();
    for c in &map.clusters {
        clusters.entry(c.id).or_insert(c);
    }
    // Keys are the ids only when every one is present and distinct after sanitising;
    // otherwise all nodes get positional ids, so no two nodes ever share one.
    let keys_usable = names.shows_identity() && {
        let mut seen = BTreeSet::new();
        map.nodes
            .iter()
            .all(|n| !n.key.trim().is_empty() && seen.insert(sanitize(&n.key)))
    };
    let opt = |s: &Option<String>| {
        s.as_deref()
            .map(|s| sanitize(s).into_owned())
            .filter(|s| !s.is_empty())
    };
    let nodes = map
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let cluster = clusters.get(&n.cluster);
            let finite = |v: f32| if v.is_finite() { v } else { 0.0 };
            NodeOut {
                id: if keys_usable {
                    sanitize(&n.key).into_owned()
                } else {
                    format!("n{i}")
                },
                label: shown_name(&n.label, names, i),
                company: opt(&n.company),
                title: opt(&n.title),
                url: if names.shows_identity() {
                    opt(&n.url)
                } else {
                    None
                },
                cluster: n.cluster,
                cluster_name: cluster
                    .map(|c| sanitize(&c.name).into_owned())
                    .unwrap_or_default(),
                color: cluster.map_or(OTHER_COLOR, |c| c.color),
                pos: [finite(n.pos[0]), finite(n.pos[1])],
                size: if n.size.is_finite() && n.size >= 0.0 {
                    n.size
                } else {
                    1.0
                },
            }
        })
        .collect::<Vec<_>>();
    let n = nodes.len();
    let ties = map
        .ties
        .iter()
        .filter_map(|&(s, t, w)| {
            let (source, target) = (s as usize, t as usize);
            (source < n && target < n).then_some(TieOut {
                source,
                target,
                weight: if w.is_finite() && w > 0.0 { w } else { 1.0 },
            })
        })
        .collect();
    (nodes, ties)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(
            shown_name("Ana María López", Names::Initials, 0),
            "A. M. L."
        );
        assert_eq!(
            shown_name("jean-luc picard", Names::Initials, 0),
            "J.-L. P."
        );
        assert_eq!(shown_name("  élodie   (Lo) ", Names::Initials, 0), "É. L.");
        assert_eq!(shown_name("🙂 Bo", Names::Initials, 0), "B.");
        // Nothing to take initials from: falls back to the positional name.
        assert_eq!(shown_name("🙂 --", Names::Initials, 4), "Person 5");
        assert_eq!(shown_name("", Names::Initials, 0), "Person 1");
    }

    #[test]
    fn hidden_and_all() {
        assert_eq!(shown_name("Ana López", Names::Hidden, 16), "Person 17");
        assert_eq!(
            shown_name("Ana\u{1}\u{FFFF} López", Names::All, 0),
            "Ana López"
        );
    }

    #[test]
    fn sanitize_drops_only_forbidden_characters() {
        assert_eq!(sanitize("a\u{0}b\u{8}c\u{B}\u{C}d\u{1F}e"), "abcde");
        assert_eq!(sanitize("tab\tnl\ncr\r\u{7F}é"), "tab\tnl\ncr\r\u{7F}é");
        assert!(matches!(sanitize("plain"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn numbers_read_back_exactly() {
        for v in [0.1f32, -3.25, 1e-7, 123456.79, f32::MAX] {
            assert_eq!(number(v, 0.0).parse::<f32>().ok(), Some(v));
        }
        assert_eq!(number(-0.0, 0.0), "0");
        assert_eq!(number(f32::NAN, 1.0), "1");
    }

    #[test]
    fn duplicate_keys_fall_back_to_positional_ids() {
        let node = |key: &str| ExportNode {
            key: key.into(),
            ..ExportNode::default()
        };
        let map = ExportMap {
            nodes: vec![node("a"), node("a\u{1}"), node("b")],
            ..ExportMap::default()
        };
        let (nodes, _) = prepare(&map, Names::All);
        let ids: Vec<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["n0", "n1", "n2"]);
        let map = ExportMap {
            nodes: vec![node("a"), node("b")],
            ..ExportMap::default()
        };
        let (nodes, _) = prepare(&map, Names::All);
        assert_eq!(nodes[1].id, "b");
    }

    #[test]
    fn bad_ties_and_values_are_repaired() {
        let map = ExportMap {
            nodes: vec![
                ExportNode {
                    cluster: 9,
                    pos: [f32::NAN, 2.0],
                    size: f32::INFINITY,
                    ..ExportNode::default()
                },
                ExportNode::default(),
            ],
            ties: vec![(0, 1, -2.0), (0, 5, 1.0), (1, 0, f32::NAN), (1, 1, 3.0)],
            clusters: vec![ExportCluster {
                id: 0,
                name: "Zero".into(),
                color: [1, 2, 3],
                size: 1,
            }],
            ..ExportMap::default()
        };
        let (nodes, ties) = prepare(&map, Names::All);
        assert_eq!(nodes[0].pos, [0.0, 2.0]);
        assert_eq!(nodes[0].size, 1.0);
        assert_eq!(
            (nodes[0].color, nodes[0].cluster_name.as_str()),
            (OTHER_COLOR, "")
        );
        assert_eq!(
            (nodes[1].color, nodes[1].cluster_name.as_str()),
            ([1, 2, 3], "Zero")
        );
        let w: Vec<(usize, usize, f32)> = ties
            .iter()
            .map(|t| (t.source, t.target, t.weight))
            .collect();
        assert_eq!(w, [(0, 1, 1.0), (1, 0, 1.0), (1, 1, 3.0)]);
    }
}
