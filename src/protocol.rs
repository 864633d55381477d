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
    /// The command failed; the map on screen stays. `sentence` is what the page shows.
    Failed { sentence: String },
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
    /// Persistent cluster id.
    pub cluster: u32,
}

/// Everything the page needs to draw a map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapData {
    /// What is on the map: "Sample network", "Connections.csv".
    pub title: String,
    /// "Sample network: 400 people", "Read 1,482 people from Connections.csv".
    pub summary: String,
    /// Where the ties come from, in plain words.
    pub ties_note: String,
    pub nodes: Vec<NodeView>,
    /// Ties as flat node-index pairs `[s0, t0, s1, t1, ...]`.
    pub ties: Vec<u32>,
    /// `[x0, y0, x1, y1, ...]` in graph space.
    pub pos_in_graph: Vec<f32>,
    /// The import report, one sentence per file.
    pub report: Vec<String>,
    /// Whether this map is the bundled sample.
    pub is_sample: bool,
}
