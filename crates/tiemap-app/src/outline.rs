//! The map for the keyboard and for screen readers: its clusters with their sizes and names,
//! and a cursor that the arrow keys move between the clusters and, inside one, between its
//! people (largest first); Enter goes into a cluster and opens a person, Escape goes back out.
//! Every move is described in one sentence, which the page announces in a live region.

use crate::model::{ClusterView, MapData};
use tiemap_core::import::group_thousands;

/// Where the keyboard is on the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapCursor {
    /// Nowhere yet (the map has the focus, nothing is picked).
    #[default]
    Map,
    /// On a top-level cluster (an index into [`Outline::clusters`]).
    Cluster(usize),
    /// On a person of a cluster (`rank` in the cluster's people, largest first).
    Person { cluster: usize, rank: usize },
}

/// A key's meaning on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKey {
    Next,
    Previous,
    First,
    Last,
    /// Into a cluster; on a person, opens them.
    Enter,
    /// Out of a cluster.
    Back,
}

impl MapKey {
    /// The key for a `KeyboardEvent.key` (arrows, Home, End, Enter, Escape), if it is one.
    pub fn from_key(key: &str) -> Option<MapKey> {
        Some(match key {
            "ArrowDown" | "ArrowRight" => MapKey::Next,
            "ArrowUp" | "ArrowLeft" => MapKey::Previous,
            "Home" => MapKey::First,
            "End" => MapKey::Last,
            "Enter" | " " => MapKey::Enter,
            "Escape" | "Backspace" => MapKey::Back,
            _ => return None,
        })
    }
}

/// One cluster as the keyboard goes through it.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineCluster {
    /// Its persistent id (`ClusterView::id`).
    pub id: u32,
    pub name: String,
    /// Its people on the map now (node indices), in map order: [`Outline::people`] gives
    /// them in the keyboard's order.
    pub people: Vec<usize>,
    /// `people` most ties first, then by name: sorted when the keyboard first goes into the
    /// cluster (at 30,000 people, sorting every cluster held up the first picture 30 ms).
    ranked: std::cell::OnceCell<Vec<usize>>,
}

/// The clusters shown on the map, largest first, and their people.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub clusters: Vec<OutlineCluster>,
}

/// What a step did besides moving the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapStep {
    Moved(MapCursor),
    /// Enter on a person: open them (node index); the cursor stays.
    Open(usize),
}

impl Outline {
    /// The outline of what is drawn: clusters that are not hidden, with the people the
    /// timeline shows (`until`, a month index: people connected by then).
    pub fn new(map: &MapData, until: Option<u32>) -> Outline {
        let shown = |c: &&ClusterView| !c.hidden && c.size > 0;
        let mut clusters: Vec<OutlineCluster> = map
            .clusters
            .iter()
            .filter(shown)
            .map(|c| OutlineCluster {
                id: c.id,
                name: c.name.clone(),
                people: Vec::new(),
                ranked: std::cell::OnceCell::new(),
            })
            .collect();
        for (i, node) in map.nodes.iter().enumerate() {
            let on_map = until.is_none_or(|u| node.connected.is_some_and(|c| c <= u));
            if let Some(c) = clusters.iter_mut().find(|c| c.id == node.cluster) {
                if on_map {
                    c.people.push(i);
                }
            }
        }
        clusters.retain(|c| !c.people.is_empty());
        Outline { clusters }
    }

    /// The people of cluster `c` (an index into `clusters`) in the keyboard's order: most
    /// ties first, then by name, then in map order. `map` is the map the outline was made of.
    pub fn people(&self, c: usize, map: &MapData) -> &[usize] {
        let Some(cluster) = self.clusters.get(c) else {
            return &[];
        };
        cluster.ranked.get_or_init(|| {
            // `people` is in map order, and both sorts are stable
            let label = |i: usize| map.nodes.get(i).map_or("", |n| n.label.as_str());
            let degree = |i: usize| map.nodes.get(i).map_or(0, |n| n.degree);
            let mut named: Vec<(usize, &str)> =
                cluster.people.iter().map(|&i| (i, label(i))).collect();
            tiemap_core::order::sort_by_text(&mut named, false, |&(_, label)| label);
            let mut ranked: Vec<usize> = named.into_iter().map(|(i, _)| i).collect();
            tiemap_core::order::sort_by_number(&mut ranked, |&i| u128::from(u32::MAX - degree(i)));
            ranked
        })
    }

    /// The cursor after `key` (`map` as for [`Outline::people`]). A cursor left over from
    /// another map is brought back in range.
    pub fn step(&self, map: &MapData, cursor: MapCursor, key: MapKey) -> MapStep {
        let cursor = self.clamp(cursor);
        let n = self.clusters.len();
        if n == 0 {
            return MapStep::Moved(MapCursor::Map);
        }
        let moved = |i: usize, len: usize| match key {
            MapKey::Next => (i + 1).min(len - 1),
            MapKey::Previous => i.saturating_sub(1),
            MapKey::First => 0,
            MapKey::Last => len - 1,
            MapKey::Enter | MapKey::Back => i,
        };
        MapStep::Moved(match (cursor, key) {
            (MapCursor::Map, MapKey::Back) => MapCursor::Map,
            (MapCursor::Map, MapKey::Last) => MapCursor::Cluster(n - 1),
            (MapCursor::Map, _) => MapCursor::Cluster(0),
            (MapCursor::Cluster(_), MapKey::Back) => MapCursor::Map,
            (MapCursor::Cluster(c), MapKey::Enter) => MapCursor::Person {
                cluster: c,
                rank: 0,
            },
            (MapCursor::Cluster(c), _) => MapCursor::Cluster(moved(c, n)),
            (MapCursor::Person { cluster, .. }, MapKey::Back) => MapCursor::Cluster(cluster),
            (MapCursor::Person { cluster, rank }, MapKey::Enter) => {
                return match self.node(map, MapCursor::Person { cluster, rank }) {
                    Some(node) => MapStep::Open(node),
                    None => MapStep::Moved(MapCursor::Cluster(cluster)),
                };
            }
            (MapCursor::Person { cluster, rank }, _) => MapCursor::Person {
                cluster,
                rank: moved(rank, self.clusters[cluster].people.len()),
            },
        })
    }

    /// The cursor kept within the outline (clusters and people can go away).
    pub fn clamp(&self, cursor: MapCursor) -> MapCursor {
        let n = self.clusters.len();
        match cursor {
            _ if n == 0 => MapCursor::Map,
            MapCursor::Map => MapCursor::Map,
            MapCursor::Cluster(c) => MapCursor::Cluster(c.min(n - 1)),
            MapCursor::Person { cluster, rank } => {
                let cluster = cluster.min(n - 1);
                let len = self.clusters[cluster].people.len();
                MapCursor::Person {
                    cluster,
                    rank: rank.min(len - 1),
                }
            }
        }
    }

    /// The person under the cursor (node index; `map` as for [`Outline::people`]).
    pub fn node(&self, map: &MapData, cursor: MapCursor) -> Option<usize> {
        match cursor {
            MapCursor::Person { cluster, rank } => self.people(cluster, map).get(rank).copied(),
            _ => None,
        }
    }

    /// The cluster under the cursor (persistent id), on a cluster or on one of its people.
    pub fn cluster_id(&self, cursor: MapCursor) -> Option<u32> {
        match cursor {
            MapCursor::Cluster(c) | MapCursor::Person { cluster: c, .. } => {
                self.clusters.get(c).map(|c| c.id)
            }
            MapCursor::Map => None,
        }
    }

    /// One line per cluster: "Northfield University: 120 people" (the text alternative).
    pub fn lines(&self) -> Vec<String> {
        self.clusters
            .iter()
            .map(|c| format!("{}: {}", c.name, people(c.people.len())))
            .collect()
    }

    /// The sentence announced when the cursor lands somewhere.
    pub fn describe(&self, map: &MapData, cursor: MapCursor) -> String {
        let n = self.clusters.len();
        match self.clamp(cursor) {
            MapCursor::Map => format!(
                "Map of {} in {}. Arrow keys go through the clusters, Enter goes into one.",
                people(self.clusters.iter().map(|c| c.people.len()).sum()),
                if n == 1 {
                    "1 cluster".to_string()
                } else {
                    format!("{n} clusters")
                }
            ),
            MapCursor::Cluster(c) => {
                let cl = &self.clusters[c];
                format!(
                    "Cluster {} of {n}: {}, {}. Enter goes through its people.",
                    c + 1,
                    cl.name,
                    people(cl.people.len())
                )
            }
            MapCursor::Person { cluster, rank } => {
                let cl = &self.clusters[cluster];
                let Some(node) = self
                    .people(cluster, map)
                    .get(rank)
                    .and_then(|&i| map.nodes.get(i))
                else {
                    return String::new();
                };
                format!(
                    "{}; {} of {} in {}. Enter opens them, Escape goes back to the clusters.",
                    who(node),
                    rank + 1,
                    group_thousands(cl.people.len()),
                    cl.name
                )
            }
        }
    }
}

/// What the page says when a person is opened (their panel shows beside the map).
pub fn opened(map: &MapData, node: usize) -> String {
    let Some(n) = map.nodes.get(node) else {
        return String::new();
    };
    let cluster = map
        .clusters
        .iter()
        .find(|c| c.id == n.cluster)
        .map(|c| format!(", in {}", c.name))
        .unwrap_or_default();
    format!(
        "Opened {}{cluster}. Their details are beside the map.",
        who(n)
    )
}

/// "Ada, Engineer at Globex, 2 ties".
fn who(node: &crate::model::NodeView) -> String {
    let what = match (&node.title, &node.company) {
        (Some(t), Some(c)) => format!(", {t} at {c}"),
        (Some(t), None) => format!(", {t}"),
        (None, Some(c)) => format!(", at {c}"),
        (None, None) => String::new(),
    };
    format!(
        "{}{what}, {} {}",
        node.label,
        group_thousands(node.degree as usize),
        if node.degree == 1 { "tie" } else { "ties" }
    )
}

/// "1 person", "1,482 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{} people", group_thousands(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClusterView, NodeView};

    fn node(label: &str, cluster: u32, degree: u32, connected: Option<u32>) -> NodeView {
        NodeView {
            key: label.to_lowercase(),
            label: label.into(),
            company: Some("Globex".into()),
            title: Some("Engineer".into()),
            url: None,
            degree,
            cluster,
            subcluster: None,
            connected,
            from_address_book: false,
            invitation: None,
        }
    }

    fn cluster(id: u32, name: &str, size: u32, hidden: bool) -> ClusterView {
        ClusterView {
            id,
            name: name.into(),
            suggested_name: name.into(),
            color: [0, 0, 0],
            size,
            folded: 0,
            hidden,
            description: String::new(),
            parent: None,
            loose: false,
        }
    }

    fn map() -> MapData {
        MapData {
            map_id: 1,
            title: "Test".into(),
            summary: String::new(),
            ties_note: String::new(),
            nodes: vec![
                node("Ada", 7, 2, Some(10)),
                node("Bo", 7, 5, Some(20)),
                node("Cy", 3, 1, Some(10)),
                node("Di", 9, 4, Some(10)),
                node("Ed", 7, 5, None),
            ],
            ties: vec![],
            pos_in_graph: vec![0.0; 10],
            clusters: vec![
                cluster(7, "Globex", 3, false),
                cluster(3, "Initech", 1, false),
                cluster(9, "Hooli", 1, true),
            ],
            subclusters: vec![],
            checking: None,
            owner_name: None,
            modularity: 0.0,
            density: 0.0,
            signals: None,
            report: vec![],
            is_sample: false,
            fingerprint: String::new(),
            resolution: 1.0,
            fold_below: 0,
            edits: Default::default(),
            people_ahead: false,
        }
    }

    #[test]
    fn lists_shown_clusters_with_their_people_largest_first() {
        let m = map();
        let o = Outline::new(&m, None);
        assert_eq!(
            o.lines(),
            ["Globex: 3 people", "Initech: 1 person"],
            "Hooli is hidden"
        );
        // Bo and Ed both have 5 ties: by name; then Ada
        assert_eq!(o.people(0, &m), [1, 4, 0]);
        // the timeline at month 15: Bo (20) and Ed (no date) are not drawn
        let early = Outline::new(&m, Some(15));
        assert_eq!(early.people(0, &m), [0]);
    }

    #[test]
    fn arrows_go_through_clusters_then_people_and_enter_opens_one() {
        let m = map();
        let o = Outline::new(&m, None);
        let go = |c, k| match o.step(&m, c, k) {
            MapStep::Moved(c) => c,
            MapStep::Open(n) => panic!("opened {n}"),
        };
        let c = go(MapCursor::Map, MapKey::Next);
        assert_eq!(c, MapCursor::Cluster(0));
        let c = go(c, MapKey::Next);
        assert_eq!(c, MapCursor::Cluster(1));
        assert_eq!(
            go(c, MapKey::Next),
            MapCursor::Cluster(1),
            "stops at the last"
        );
        let c = go(go(c, MapKey::Previous), MapKey::Enter);
        assert_eq!(
            c,
            MapCursor::Person {
                cluster: 0,
                rank: 0
            }
        );
        assert_eq!(o.node(&m, c), Some(1));
        let c = go(c, MapKey::Last);
        assert_eq!(o.node(&m, c), Some(0));
        assert_eq!(o.step(&m, c, MapKey::Enter), MapStep::Open(0));
        assert_eq!(go(c, MapKey::Back), MapCursor::Cluster(0));
        assert_eq!(go(MapCursor::Cluster(0), MapKey::Back), MapCursor::Map);
        assert_eq!(o.cluster_id(c), Some(7));
        // a cursor from a bigger map is brought back in range
        assert_eq!(
            o.clamp(MapCursor::Person {
                cluster: 5,
                rank: 9
            }),
            MapCursor::Person {
                cluster: 1,
                rank: 0
            }
        );
        assert_eq!(MapKey::from_key("ArrowRight"), Some(MapKey::Next));
        assert_eq!(MapKey::from_key("a"), None);
    }

    #[test]
    fn says_where_the_cursor_is() {
        let m = map();
        let o = Outline::new(&m, None);
        assert_eq!(
            o.describe(&m, MapCursor::Map),
            "Map of 4 people in 2 clusters. Arrow keys go through the clusters, Enter goes into one."
        );
        assert_eq!(
            o.describe(&m, MapCursor::Cluster(1)),
            "Cluster 2 of 2: Initech, 1 person. Enter goes through its people."
        );
        assert_eq!(
            o.describe(&m, MapCursor::Person { cluster: 0, rank: 2 }),
            "Ada, Engineer at Globex, 2 ties; 3 of 3 in Globex. Enter opens them, Escape goes back to the clusters."
        );
        assert_eq!(
            opened(&m, 2),
            "Opened Cy, Engineer at Globex, 1 tie, in Initech. Their details are beside the map."
        );
        let empty = Outline::default();
        assert_eq!(
            empty.step(&m, MapCursor::Cluster(3), MapKey::Next),
            MapStep::Moved(MapCursor::Map)
        );
    }
}
