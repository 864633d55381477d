//! What a graph file holds: nodes with attributes and real ties among them.

use serde::{Deserialize, Serialize};

/// A typed attribute value read from a graph file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AttrValue {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Text(s) => f.write_str(s),
            AttrValue::Number(n) => write!(f, "{n}"),
            AttrValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// One node of a graph file.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct GraphNode {
    /// The node's id in the file (unique within the file).
    pub key: String,
    pub label: Option<String>,
    /// Other attributes, in file order.
    pub attrs: Vec<(String, AttrValue)>,
    /// A position found in the file (GEXF `viz:position`, x/y attributes, ...).
    pub pos_in_graph: Option<[f32; 2]>,
    /// An RGB colour found in the file.
    pub color: Option<[u8; 3]>,
    pub size: Option<f32>,
    /// A community / partition attribute found in the file (`modularity_class`, Pajek `.clu`, ...).
    pub community: Option<String>,
}

/// One tie of a graph file, by node index into [`GraphFile::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraphEdge {
    pub source: u32,
    pub target: u32,
    /// Positive weight; 1.0 when the file gives none.
    pub weight: f32,
}

/// A whole graph file.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct GraphFile {
    /// The format's short name: "GEXF", "GraphML", "GML", "Pajek", "GDF", "CSV edge list",
    /// "JSON node-link", "graphology JSON", "Cytoscape JSON", "edge list", "CSV adjacency
    /// list", "CSV matrix".
    pub format: String,
    pub directed: bool,
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}
