//! The map as the page shows it: people, clusters, the person's edits, saved state.
//! The worker sends it to the page (`tiemap::protocol`), the command line writes it.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use tiemap_core::infer::checking::{Answer, Applied, LoneLink, SignalPrecision, TieChecks};
use tiemap_core::infer::SignalWeights;

/// What a person's size on the map stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SizeBy {
    /// How many of the people on the map they are tied to (the InMaps convention).
    #[default]
    Ties,
    /// How strong their ties are: with a personal export that has messages, endorsements or
    /// recommendations, the strength of the owner's tie with them; otherwise the sum of
    /// their ties' weights.
    Strength,
    /// Betweenness: the share of shortest paths between others that runs through them.
    Brokerage,
}

impl SizeBy {
    pub const ALL: [SizeBy; 3] = [SizeBy::Ties, SizeBy::Strength, SizeBy::Brokerage];

    pub fn label(self) -> &'static str {
        match self {
            SizeBy::Ties => "Ties on the map",
            SizeBy::Strength => "Tie strength",
            SizeBy::Brokerage => "Brokerage (betweenness)",
        }
    }
}

/// One value per node of map `map_id`, and what they measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sizes {
    pub map_id: u32,
    pub by: SizeBy,
    pub values: Vec<f32>,
    /// What the sizes mean here, in one sentence ("Size: how much you and they wrote …").
    pub meaning: String,
}

/// The data formats the map is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    Gexf,
    GraphMl,
    PeopleCsv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [
        ExportFormat::Gexf,
        ExportFormat::GraphMl,
        ExportFormat::PeopleCsv,
    ];

    /// What the page calls it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Gexf => "GEXF (Gephi)",
            ExportFormat::GraphMl => "GraphML",
            ExportFormat::PeopleCsv => "CSV of people",
        }
    }

    /// File extension and MIME type.
    pub fn extension(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Gexf => ("gexf", "application/gexf+xml"),
            ExportFormat::GraphMl => ("graphml", "application/graphml+xml"),
            ExportFormat::PeopleCsv => ("csv", "text/csv"),
        }
    }
}

/// How people's names appear in what is shared or exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NameMode {
    All,
    Initials,
    Hidden,
}

/// Everything the person made of a map, beside its input files: what a save keeps and a
/// restore puts back. Part of the `.tiemap` project file (docs/project-file.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct SavedState {
    /// `MapData::fingerprint` of the input the state belongs to.
    pub fingerprint: String,
    pub resolution: f64,
    pub fold_below: u32,
    /// Tie signal weights (`None` for a graph file's real ties).
    pub signals: Option<SignalWeights>,
    pub seed: u64,
    pub edits: ClusterEdits,
    /// Each node's persistent cluster id before edits (so ids, and with them names and
    /// colours, come back on the same groups).
    pub node_clusters: Vec<u32>,
    /// `[x0, y0, ...]`, graph space.
    pub pos_in_graph: Vec<f32>,
    /// Each node's persistent sub-cluster id (so names given to sub-clusters come back).
    #[serde(default)]
    pub node_subclusters: Vec<u32>,
}

/// A frame of the running layout.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Positions {
    /// Which map these positions belong to (`MapData::map_id`); stale frames are dropped.
    pub map_id: u32,
    /// `[x0, y0, x1, y1, ...]` in graph space, one pair per node; serialised as their bytes.
    #[serde(with = "four_bytes")]
    pub pos_in_graph: Vec<f32>,
    /// The layout has settled and stopped.
    pub converged: bool,
    /// Iterations run so far.
    pub iterations: u32,
    /// How far the layout is from settled, 0 to 1 (`LayoutState::progress`).
    pub progress: f32,
}

/// New clusters for the map on screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ClusterUpdate {
    pub map_id: u32,
    /// Persistent cluster id of each node.
    pub node_clusters: Vec<u32>,
    pub clusters: Vec<ClusterView>,
    pub modularity: f64,
    /// Persistent sub-cluster id of each node (see `NodeView::subcluster`).
    #[serde(default)]
    pub node_subclusters: Vec<Option<u32>>,
    #[serde(default)]
    pub subclusters: Vec<ClusterView>,
}

/// One tie of a node, and why it exists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieReason {
    pub other: u32,
    pub other_label: String,
    pub weight: f32,
    /// "both at Globex; connected the same week in Mar 2016".
    pub why: String,
}

/// Why a node is tied to each of its neighbours, strongest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub map_id: u32,
    pub node: u32,
    pub ties: Vec<TieReason>,
}

/// One cluster as the legend and the map show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct ClusterView {
    /// Persistent id: stays on the same group across re-runs (so colours and names stay).
    pub id: u32,
    /// The name the person gave, or the suggested one.
    pub name: String,
    /// What tiemap suggests ("Globex · engineers · 2016-2019").
    pub suggested_name: String,
    pub color: [u8; 3],
    /// Number of members.
    pub size: u32,
    /// For the "Other" cluster: how many small clusters it holds (0 for a real cluster).
    pub folded: u32,
    /// The person hid it: its people and ties are not drawn.
    pub hidden: bool,
    /// What its members share, in one line ("120 people: 72 % at Globex, mostly engineers,
    /// connected Mar–Jun 2019").
    #[serde(default)]
    pub description: String,
    /// For a sub-cluster: the top-level cluster it belongs to.
    #[serde(default)]
    pub parent: Option<u32>,
    /// The group of people tied to no cluster (not a cluster of its own: drawn grey, left out
    /// of measures of how well clusters separate).
    #[serde(default)]
    pub loose: bool,
}

/// What the person changed about the clusters, applied on top of whatever the clustering
/// finds. Keyed by persistent cluster id (and a person's key), so edits stay on the same
/// groups when the clustering, the resolution or the tie signals change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterEdits {
    /// Names the person gave.
    pub names: BTreeMap<u32, String>,
    /// Colours the person chose.
    pub colors: BTreeMap<u32, [u8; 3]>,
    /// Clusters the person hid.
    pub hidden: BTreeSet<u32>,
    /// Cluster `from` (key) shown as part of cluster `into` (value).
    pub merged: BTreeMap<u32, u32>,
    /// A person (node key) moved into a cluster.
    pub moved: BTreeMap<String, u32>,
    /// The person's corrections of the title taxonomy, keyed by normalised title (what the
    /// insights read function and seniority from). Absent in files saved before it existed.
    #[serde(default)]
    pub roles: tiemap_core::metrics::RoleOverrides,
    /// What the person said about ties ("Check ties", a person's panel): answers the map
    /// is inferred again with. Absent in files saved before it existed.
    #[serde(default)]
    pub ties: TieChecks,
}

/// One edit the person makes (undone and redone as a whole).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// An empty name goes back to the suggested one.
    Rename {
        cluster: u32,
        name: String,
    },
    Recolor {
        cluster: u32,
        color: [u8; 3],
    },
    SetHidden {
        cluster: u32,
        hidden: bool,
    },
    Merge {
        from: u32,
        into: u32,
    },
    Move {
        person_key: String,
        into: u32,
    },
    /// Correct how a title (normalised) is read; `None` parts go back to the taxonomy's
    /// reading, and with both `None` the correction is taken away.
    SetRole {
        title: String,
        function: Option<tiemap_core::metrics::Function>,
        seniority: Option<tiemap_core::metrics::Seniority>,
    },
    /// What the person says about the people with keys `a` and `b` (`None` takes the answer
    /// back): they know each other (the tie stays, or is added), they don't (it goes), or
    /// not sure.
    AnswerTie {
        a: String,
        b: String,
        answer: Option<Answer>,
        /// The link the question put to the person (`Question::checks`), if any.
        #[serde(default)]
        checks: Option<LoneLink>,
    },
    /// Whether the signal weights learn from the answers (off: the refit is undone, the
    /// answers stay).
    SetLearning {
        learning: bool,
    },
}

impl ClusterEdits {
    /// Where cluster `id` ends up after merges (a cycle stops where it closes).
    pub fn merged_into(&self, id: u32) -> u32 {
        let mut at = id;
        for _ in 0..=self.merged.len() {
            match self.merged.get(&at) {
                Some(&next) if next != id => at = next,
                _ => break,
            }
        }
        at
    }

    /// These edits with `edit` made.
    pub fn with(&self, edit: Edit) -> ClusterEdits {
        let mut e = self.clone();
        match edit {
            Edit::Rename { cluster, name } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    e.names.remove(&cluster);
                } else {
                    e.names.insert(cluster, name);
                }
            }
            Edit::Recolor { cluster, color } => {
                e.colors.insert(cluster, color);
            }
            Edit::SetHidden { cluster, hidden } => {
                if hidden {
                    e.hidden.insert(cluster);
                } else {
                    e.hidden.remove(&cluster);
                }
            }
            Edit::Merge { from, into } => {
                let into = self.merged_into(into);
                if from != into {
                    e.merged.insert(from, into);
                }
            }
            Edit::Move { person_key, into } => {
                e.moved.insert(person_key, self.merged_into(into));
            }
            Edit::SetRole {
                title,
                function,
                seniority,
            } => {
                let key = tiemap_core::metrics::taxonomy::normalize_title(&title);
                if function.is_none() && seniority.is_none() {
                    e.roles.remove(&key);
                } else if !key.is_empty() {
                    e.roles.insert(
                        key,
                        tiemap_core::metrics::RoleOverride {
                            function,
                            seniority,
                        },
                    );
                }
            }
            Edit::AnswerTie {
                a,
                b,
                answer,
                checks,
            } => e.ties.set_about(&a, &b, answer, checks),
            Edit::SetLearning { learning } => e.ties.learning = learning,
        }
        e
    }
}

/// Persistent id of the "Other" cluster that holds the folded small clusters.
pub const OTHER_CLUSTER_ID: u32 = u32::MAX - 1;

/// One node as the page draws and describes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    /// Stable identity (profile URL, e-mail or file id): what edits such as moves refer to.
    pub key: String,
    pub label: String,
    pub company: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Number of ties (drives the node's size).
    pub degree: u32,
    /// Persistent cluster id (an id in `MapData::clusters`).
    pub cluster: u32,
    /// Persistent sub-cluster id (an id in `MapData::subclusters`), when its cluster has
    /// sub-clusters.
    #[serde(default)]
    pub subcluster: Option<u32>,
    /// When the owner connected with them, as a month index ([`month_index`]); `None` in a
    /// graph file or when the export gives no date.
    #[serde(default)]
    pub connected: Option<u32>,
    /// Known only from the owner's address book, not a connection (shown in their panel).
    #[serde(default)]
    pub from_address_book: bool,
    /// Who invited whom to connect, from Invitations.csv ("They invited you to connect, Jan
    /// 2018"), matched by profile URL.
    #[serde(default)]
    pub invitation: Option<String>,
}

/// A date's month as one number, `year * 12 + month - 1` (what the growth timeline counts in).
pub fn month_index(date: tiemap_core::Date) -> u32 {
    (date.year().max(0) as u32) * 12 + date.month().saturating_sub(1)
}

/// "Mar 2016" for a [`month_index`].
pub fn month_label(month: u32) -> String {
    format!(
        "{} {}",
        tiemap_core::Date::month_abbreviation(month % 12 + 1),
        month / 12
    )
}

/// Everything the page needs to draw a map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct MapData {
    /// Distinguishes successive maps (positions carry it).
    pub map_id: u32,
    /// What is on the map: "Sample network", "Connections.csv".
    pub title: String,
    /// "Sample network: 400 people", "Read 1,482 people from Connections.csv".
    pub summary: String,
    /// Where the ties come from, in plain words.
    pub ties_note: String,
    pub nodes: Vec<NodeView>,
    /// Ties as flat node-index pairs `[s0, t0, s1, t1, ...]`; serialised as their bytes.
    #[serde(with = "four_bytes")]
    pub ties: Vec<u32>,
    /// Starting positions, `[x0, y0, x1, y1, ...]` in graph space; `Positions` events follow.
    /// Serialised as their bytes.
    #[serde(with = "four_bytes")]
    pub pos_in_graph: Vec<f32>,
    /// Top-level clusters, largest first (what the map opens on: at most about 12).
    pub clusters: Vec<ClusterView>,
    /// Sub-clusters of the top-level clusters that have more than one, largest first
    /// (`parent` says whose); shown when a cluster is expanded in the legend.
    #[serde(default)]
    pub subclusters: Vec<ClusterView>,
    /// The owner's name, from Profile.csv (for a shared picture's title when names show).
    #[serde(default)]
    pub owner_name: Option<String>,
    /// Modularity of the clustering.
    pub modularity: f64,
    /// Share of possible ties that exist.
    pub density: f64,
    /// The signal weights the ties were inferred with (`None` for a graph file's real ties).
    pub signals: Option<SignalWeights>,
    /// The import report, one sentence per file.
    pub report: Vec<String>,
    /// Whether this map is the bundled sample.
    pub is_sample: bool,
    /// Identifies the input (a hash of the files, or the sample's size and seed): saves are
    /// kept under it, so dropping the same export again finds its names.
    pub fingerprint: String,
    /// The clustering resolution, the fold size and the person's edits the map is shown with.
    pub resolution: f64,
    pub fold_below: u32,
    pub edits: ClusterEdits,
    /// What the person's checks of ties did (`None` for a graph file's real ties).
    #[serde(default)]
    pub checking: Option<CheckingView>,
    /// The people's own fields (key, label, company, title, URL, date, address-book flag and
    /// invitation) are left out of `nodes` (empty there): they came ahead
    /// (`Session::open_showing`), and [`MapData::take_people`] puts them back.
    #[serde(default)]
    pub people_ahead: bool,
}

impl MapData {
    /// Puts back the people `Session::map_data_without_people` left out, from `people` (as
    /// `Session::open_showing` gave them: in `nodes`' order, as many), keeping each node's
    /// degree and clusters. Does nothing, and says so (false), when the map's people were not
    /// left out ([`MapData::people_ahead`]) or `people` are not as many.
    pub fn take_people(&mut self, people: Vec<NodeView>) -> bool {
        if !self.people_ahead || people.len() != self.nodes.len() {
            return false;
        }
        self.people_ahead = false;
        for (node, person) in self.nodes.iter_mut().zip(people) {
            *node = NodeView {
                degree: node.degree,
                cluster: node.cluster,
                subcluster: node.subcluster,
                ..person
            };
        }
        true
    }
}

/// One tie to ask the person about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The two people (node indices), their keys and names.
    pub a: u32,
    pub b: u32,
    pub a_key: String,
    pub b_key: String,
    pub a_label: String,
    pub b_label: String,
    /// Why they are tied: "both at Globex; connected the same week in Mar 2016".
    pub evidence: String,
    /// The tie runs between two clusters.
    pub bridge: bool,
    /// No tie links them: they share a cluster only because of when the person connected
    /// with them, and a "no" cuts the cluster between their dates.
    #[serde(default)]
    pub cut: bool,
    /// The question asks whether this link alone makes a tie: the tie is one of many with
    /// only this link, drawn to learn about them all
    /// (`tiemap_core::infer::checking::lone_link_question`).
    #[serde(default)]
    pub checks: Option<LoneLink>,
}

/// The next ties to ask about, most telling first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questions {
    pub map_id: u32,
    pub questions: Vec<Question>,
}

/// What the person's answers about ties did to the map, for the "Check ties" panel and the
/// signal panel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckingView {
    /// Answers given: they know each other, they don't, not sure.
    pub confirmed: usize,
    pub rejected: usize,
    pub unsure: usize,
    /// The weights the person chose (or the defaults), before learning.
    pub start: Option<SignalWeights>,
    /// The weights learned from the answers, when a refit happened (`signals` is these).
    pub learned: Option<SignalWeights>,
    /// "Similar roles now counts less: you rejected 7 of 9 ties that had only that".
    pub changes: Vec<String>,
    /// Per signal, how many checked ties it fired on and how many were confirmed.
    pub precision: Vec<SignalPrecision>,
    /// What the answers did to the ties.
    pub applied: Applied,
}

/// A `Vec<f32>` or `Vec<u32>` serialised as one run of bytes (each number little-endian, bit for
/// bit), not a sequence of numbers: bincode (the worker's messages) copies the run in one go,
/// where it wrote and read a sequence one call per number. A layout frame of a 30,000-person
/// map holds 60,000 positions (~5 ms a frame in wasm as a sequence), and its ties 327,000
/// ends (about 15 ms in the page's wasm, built for size).
mod four_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub trait Number: Copy {
        fn to_le(self) -> [u8; 4];
        fn from_le(bytes: [u8; 4]) -> Self;
    }

    impl Number for f32 {
        fn to_le(self) -> [u8; 4] {
            self.to_le_bytes()
        }
        fn from_le(bytes: [u8; 4]) -> Self {
            f32::from_le_bytes(bytes)
        }
    }

    impl Number for u32 {
        fn to_le(self) -> [u8; 4] {
            self.to_le_bytes()
        }
        fn from_le(bytes: [u8; 4]) -> Self {
            u32::from_le_bytes(bytes)
        }
    }

    pub fn serialize<T: Number, S: Serializer>(numbers: &[T], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = numbers.iter().flat_map(|x| x.to_le()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, T: Number, D: Deserializer<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(d)?;
        if bytes.len() % 4 != 0 {
            return Err(serde::de::Error::invalid_length(
                bytes.len(),
                &"four bytes per number",
            ));
        }
        Ok(bytes
            .chunks_exact(4)
            .map(|b| T::from_le([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_frame_crosses_bincode_and_json_bit_for_bit_as_one_run_of_bytes() {
        let frame = Positions {
            map_id: 7,
            pos_in_graph: vec![1.5, -0.0, f32::MAX, f32::MIN_POSITIVE, -3.25e-7, 0.0],
            converged: true,
            iterations: 832,
            progress: 0.5,
        };
        let bytes = bincode::serialize(&frame).expect("encodes");
        // map id, the numbers' byte count, their bytes, converged, iterations, progress: what
        // the page bench's listener reads (tools/bench/page/run.mjs)
        assert_eq!(bytes.len(), 4 + 8 + 4 * 6 + 1 + 4 + 4);
        assert_eq!(u64::from_le_bytes(bytes[4..12].try_into().unwrap()), 24);
        assert_eq!(&bytes[12..16], &1.5f32.to_le_bytes());
        let back: Positions = bincode::deserialize(&bytes).expect("decodes");
        let bits = |p: &Positions| {
            p.pos_in_graph
                .iter()
                .map(|x| x.to_bits())
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&back), bits(&frame));
        assert_eq!(back, frame);
        let json: Positions =
            serde_json::from_str(&serde_json::to_string(&frame).unwrap()).expect("json");
        assert_eq!(bits(&json), bits(&frame));
        // a run of bytes that is not whole numbers is refused, not read short
        let mut short = bytes.clone();
        short[4..12].copy_from_slice(&23u64.to_le_bytes());
        short.remove(12);
        assert!(bincode::deserialize::<Positions>(&short).is_err());
    }

    #[test]
    fn answers_about_a_link_cross_to_the_worker_and_into_the_project_file() {
        use tiemap_core::infer::checking::LoneLink;
        let link = Some(LoneLink::Employer("Globex".into()));
        let edit = |a: &str, checks: Option<LoneLink>| Edit::AnswerTie {
            a: a.into(),
            b: "z".into(),
            answer: Some(Answer::DontKnow),
            checks,
        };
        let edits = ClusterEdits::default()
            .with(edit("a", link.clone()))
            .with(edit("b", None));
        assert_eq!(edits.ties.answers[0].checks, link);
        // the worker's messages are bincode, which has no room for a field left out
        let bytes = bincode::serialize(&edits).expect("encodes");
        let back: ClusterEdits = bincode::deserialize(&bytes).expect("decodes");
        assert_eq!(back, edits);
        let e = edit("a", link.clone());
        let back: Edit = bincode::deserialize(&bincode::serialize(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        // a project file written before answers named their link still opens
        let json = serde_json::to_string(&edits).unwrap();
        assert_eq!(serde_json::from_str::<ClusterEdits>(&json).unwrap(), edits);
        let old = json.replace(",\"checks\":null", "");
        assert!(!old.contains("\"checks\":null"));
        let back: ClusterEdits = serde_json::from_str(&old).unwrap();
        assert_eq!(back.ties.answers[1].checks, None);
    }

    #[test]
    fn a_maps_ties_and_positions_cross_bincode_as_runs_of_bytes() {
        let map = MapData {
            ties: vec![0, 1, 1, 2, u32::MAX, 70_000],
            pos_in_graph: vec![0.5, -2.0, 1e30, -0.0],
            ..MapData::default()
        };
        let bytes = bincode::serialize(&map).expect("encodes");
        // each as its byte count and its bytes, in order
        let run = |numbers: &[[u8; 4]]| -> Vec<u8> {
            let mut v = ((numbers.len() * 4) as u64).to_le_bytes().to_vec();
            v.extend(numbers.iter().flatten());
            v
        };
        let ties = run(&map.ties.iter().map(|t| t.to_le_bytes()).collect::<Vec<_>>());
        let pos = run(&map
            .pos_in_graph
            .iter()
            .map(|x| x.to_le_bytes())
            .collect::<Vec<_>>());
        let both = [ties, pos].concat();
        assert!(bytes.windows(both.len()).any(|w| w == both.as_slice()));
        let back: MapData = bincode::deserialize(&bytes).expect("decodes");
        assert_eq!(back, map);
    }
}
