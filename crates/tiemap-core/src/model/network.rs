//! The network the app draws: people (or graph nodes) and undirected weighted ties, each tie
//! carrying the evidence that made it.

use super::{Csr, Date, ExportKind, GraphFile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A source of inferred ties, each with its own weight and on/off switch in the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Signal {
    /// Both currently work at the same (normalised) employer.
    SharedEmployer,
    /// The owner connected with both within a few days.
    ConnectionCohort,
    /// Both were connected while the owner worked at the same place (Positions.csv).
    CareerChapter,
    /// Their titles share distinctive words.
    SimilarRole,
    /// Both took part in the same group conversation (messages.csv).
    Conversation,
    /// Both carry the same contact label, group or organisation.
    ContactLabel,
}

impl Signal {
    pub const ALL: [Signal; 6] = [
        Signal::SharedEmployer,
        Signal::ConnectionCohort,
        Signal::CareerChapter,
        Signal::SimilarRole,
        Signal::Conversation,
        Signal::ContactLabel,
    ];

    /// The name a person reads in the signal panel.
    pub fn label(self) -> &'static str {
        match self {
            Signal::SharedEmployer => "Shared employer",
            Signal::ConnectionCohort => "Connected around the same time",
            Signal::CareerChapter => "Same chapter of your career",
            Signal::SimilarRole => "Similar roles",
            Signal::Conversation => "Group conversations",
            Signal::ContactLabel => "Shared contact labels",
        }
    }
}

/// Why two people are tied: one piece of evidence per signal that fired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Evidence {
    /// A real tie read from a graph file.
    FromFile,
    /// Both at this (display form of the normalised) company.
    SharedEmployer { company: Arc<str> },
    /// Connected `days_apart` days apart, around `around`.
    ConnectionCohort { days_apart: u32, around: Date },
    /// Both connected while the owner worked at `company`.
    CareerChapter { company: Arc<str> },
    /// Their titles share these words.
    SimilarRole { shared_words: Vec<Arc<str>> },
    /// Both took part in `conversations` group conversations.
    Conversation { conversations: u32 },
    /// Both carry this contact label, group or organisation.
    ContactLabel { label: Arc<str> },
    /// The person said these two know each other: the tie stays whatever the weights.
    Confirmed,
}

impl Evidence {
    /// The signal this evidence belongs to (`None` for a tie from a file).
    pub fn signal(&self) -> Option<Signal> {
        match self {
            Evidence::FromFile | Evidence::Confirmed => None,
            Evidence::SharedEmployer { .. } => Some(Signal::SharedEmployer),
            Evidence::ConnectionCohort { .. } => Some(Signal::ConnectionCohort),
            Evidence::CareerChapter { .. } => Some(Signal::CareerChapter),
            Evidence::SimilarRole { .. } => Some(Signal::SimilarRole),
            Evidence::Conversation { .. } => Some(Signal::Conversation),
            Evidence::ContactLabel { .. } => Some(Signal::ContactLabel),
        }
    }

    /// A short phrase for the "why are they linked" panel: "both at Globex".
    pub fn describe(&self) -> String {
        match self {
            Evidence::FromFile => "tie in the file".to_string(),
            Evidence::SharedEmployer { company } => format!("both at {company}"),
            Evidence::ConnectionCohort {
                days_apart: 0,
                around,
            } => {
                format!("connected the same day in {}", around.month_year())
            }
            Evidence::ConnectionCohort { days_apart, around } if *days_apart <= 7 => {
                format!("connected the same week in {}", around.month_year())
            }
            Evidence::ConnectionCohort { days_apart, around } => {
                format!(
                    "connected {days_apart} days apart around {}",
                    around.month_year()
                )
            }
            Evidence::CareerChapter { company } => {
                format!("both connected while you were at {company}")
            }
            Evidence::SimilarRole { shared_words } => {
                format!("similar roles ({})", shared_words.join(", "))
            }
            Evidence::Conversation { conversations: 1 } => {
                "in a group conversation together".to_string()
            }
            Evidence::Conversation { conversations } => {
                format!("in {conversations} group conversations together")
            }
            Evidence::ContactLabel { label } => format!("both labelled {label}"),
            Evidence::Confirmed => "you said they know each other".to_string(),
        }
    }
}

/// One undirected tie. `source < target` always; at most one tie per pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tie {
    pub source: u32,
    pub target: u32,
    /// Positive.
    pub weight: f32,
    pub evidence: Vec<Evidence>,
}

/// What is shown about one node.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct NodeInfo {
    /// Stable identity across re-imports (normalised profile URL, e-mail, or the file's node id).
    pub key: String,
    /// The name drawn on the map.
    pub label: String,
    pub company: Option<String>,
    pub title: Option<String>,
    /// Profile URL, shown as text only.
    pub url: Option<String>,
    pub connected_on: Option<Date>,
    /// Position given by a graph file, offered as the layout's starting state.
    pub pos_in_graph: Option<[f32; 2]>,
    pub color: Option<[u8; 3]>,
    pub size: Option<f32>,
    /// Community given by a graph file.
    pub community: Option<String>,
    /// Other attributes from a graph file, for the details panel; for a person known only
    /// from the owner's address book, [`NodeInfo::ADDRESS_BOOK`].
    pub attrs: Vec<(String, String)>,
}

impl NodeInfo {
    /// The attribute of a person known only from the owner's address book (LinkedIn's
    /// `Contacts.csv`), not a connection.
    pub const ADDRESS_BOOK: (&'static str, &'static str) = ("source", "address book");

    /// Whether the person is known only from the owner's address book.
    pub fn from_address_book(&self) -> bool {
        let (key, value) = NodeInfo::ADDRESS_BOOK;
        self.attrs.iter().any(|(k, v)| k == key && v == value)
    }
}

/// Where a network's ties came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Origin {
    /// Ties inferred from a personal export with these signals.
    Inferred {
        kind: ExportKind,
        signals: Vec<Signal>,
    },
    /// Real ties read from a graph file of this format.
    File { format: String },
}

/// The network the app lays out, clusters and draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Network {
    pub nodes: Vec<NodeInfo>,
    pub ties: Vec<Tie>,
    pub origin: Origin,
}

impl Network {
    /// An empty network of the given origin.
    pub fn empty(origin: Origin) -> Network {
        Network {
            nodes: Vec::new(),
            ties: Vec::new(),
            origin,
        }
    }

    /// Builds a network from a graph file: undirected, parallel ties merged (weights added),
    /// self-loops and ties to missing nodes dropped, non-positive or non-finite weights set to 1.
    pub fn from_graph_file(file: &GraphFile) -> Network {
        let n = file.nodes.len() as u32;
        let mut merged: BTreeMap<(u32, u32), f32> = BTreeMap::new();
        for e in &file.edges {
            if e.source == e.target || e.source >= n || e.target >= n {
                continue;
            }
            let w = if e.weight.is_finite() && e.weight > 0.0 {
                e.weight
            } else {
                1.0
            };
            let key = (e.source.min(e.target), e.source.max(e.target));
            *merged.entry(key).or_insert(0.0) += w;
        }
        let nodes = file
            .nodes
            .iter()
            .map(|gn| NodeInfo {
                key: gn.key.clone(),
                label: gn
                    .label
                    .clone()
                    .filter(|l| !l.trim().is_empty())
                    .unwrap_or_else(|| gn.key.clone()),
                pos_in_graph: gn.pos_in_graph,
                color: gn.color,
                size: gn.size,
                community: gn.community.clone(),
                attrs: gn
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_string()))
                    .collect(),
                ..NodeInfo::default()
            })
            .collect();
        let ties = merged
            .into_iter()
            .map(|((source, target), weight)| Tie {
                source,
                target,
                weight,
                evidence: vec![Evidence::FromFile],
            })
            .collect();
        Network {
            nodes,
            ties,
            origin: Origin::File {
                format: file.format.clone(),
            },
        }
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The compact adjacency that layout, clustering and metrics run on.
    pub fn csr(&self) -> Csr {
        Csr::from_edges(
            self.nodes.len(),
            self.ties.iter().map(|t| (t.source, t.target, t.weight)),
        )
    }

    /// Share of possible ties that exist: 2m / (n (n - 1)).
    pub fn density(&self) -> f64 {
        let n = self.nodes.len() as f64;
        if n < 2.0 {
            0.0
        } else {
            2.0 * self.ties.len() as f64 / (n * (n - 1.0))
        }
    }

    /// Number of ties per node on average.
    pub fn mean_degree(&self) -> f64 {
        if self.nodes.is_empty() {
            0.0
        } else {
            2.0 * self.ties.len() as f64 / self.nodes.len() as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GraphEdge, GraphNode};

    #[test]
    fn graph_file_ties_are_merged_and_cleaned() {
        let file = GraphFile {
            format: "edge list".into(),
            directed: true,
            nodes: (0..3)
                .map(|i| GraphNode {
                    key: i.to_string(),
                    ..GraphNode::default()
                })
                .collect(),
            edges: vec![
                GraphEdge {
                    source: 0,
                    target: 1,
                    weight: 1.0,
                },
                GraphEdge {
                    source: 1,
                    target: 0,
                    weight: 2.0,
                },
                GraphEdge {
                    source: 2,
                    target: 2,
                    weight: 1.0,
                },
                GraphEdge {
                    source: 1,
                    target: 2,
                    weight: f32::NAN,
                },
                GraphEdge {
                    source: 1,
                    target: 9,
                    weight: 1.0,
                },
            ],
        };
        let net = Network::from_graph_file(&file);
        assert_eq!(net.ties.len(), 2);
        assert_eq!(
            (net.ties[0].source, net.ties[0].target, net.ties[0].weight),
            (0, 1, 3.0)
        );
        assert_eq!(
            (net.ties[1].source, net.ties[1].target, net.ties[1].weight),
            (1, 2, 1.0)
        );
        assert_eq!(net.nodes[2].label, "2");
        assert!((net.density() - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn evidence_reads_as_a_phrase() {
        let around = Date::from_ymd(2016, 3, 10).unwrap();
        assert_eq!(
            Evidence::SharedEmployer {
                company: "Globex".into()
            }
            .describe(),
            "both at Globex"
        );
        assert_eq!(
            Evidence::ConnectionCohort {
                days_apart: 3,
                around
            }
            .describe(),
            "connected the same week in Mar 2016"
        );
    }
}
