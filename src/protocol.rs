//! Messages between the page and the worker. `MapCommand` goes in, `MapEvent` comes out.

use serde::{Deserialize, Serialize};
use tiemap_core::import::InputFile;

/// Page -> worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MapCommand {
    /// Build the bundled sample network.
    LoadSample { people: usize, seed: u64 },
    /// Read dropped or picked files.
    Import { files: Vec<InputFile> },
}

/// Worker -> page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MapEvent {
    /// A long step is under way.
    Progress { stage: String, fraction: f32 },
    /// A new map replaces the one on screen.
    Loaded(Box<MapData>),
    /// New positions for the map on screen (streamed while the layout runs).
    Positions(Positions),
    /// The command failed; the map on screen stays. `sentence` is what the page shows.
    Failed { sentence: String },
}

/// A frame of the running layout.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Positions {
    /// Which map these positions belong to (`MapData::map_id`); stale frames are dropped.
    pub map_id: u32,
    /// `[x0, y0, x1, y1, ...]` in graph space, one pair per node.
    pub pos_in_graph: Vec<f32>,
    /// The layout has settled and stopped.
    pub converged: bool,
    /// Iterations run so far.
    pub iterations: u32,
}

/// One cluster as the legend and the map show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

/// One node as the page draws and describes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NodeView {
    pub label: String,
    pub company: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Number of ties (drives the node's size).
    pub degree: u32,
    /// Persistent cluster id (an id in `MapData::clusters`).
    pub cluster: u32,
}

/// Everything the page needs to draw a map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Ties as flat node-index pairs `[s0, t0, s1, t1, ...]`.
    pub ties: Vec<u32>,
    /// Starting positions, `[x0, y0, x1, y1, ...]` in graph space; `Positions` events follow.
    pub pos_in_graph: Vec<f32>,
    /// Clusters, largest first.
    pub clusters: Vec<ClusterView>,
    /// The import report, one sentence per file.
    pub report: Vec<String>,
    /// Whether this map is the bundled sample.
    pub is_sample: bool,
}
