//! The graph model shared by every part of the core.
//!
//! - [`PersonalExport`]: what a personal export (LinkedIn, Facebook, contacts) holds: people
//!   and what is known about them, but no ties among them.
//! - [`GraphFile`]: what a graph file (GEXF, GraphML, ...) holds: nodes and real ties.
//! - [`Network`]: what the app draws: nodes with display info and undirected weighted ties,
//!   each tie with the [`Evidence`] that made it.
//! - [`Csr`]: a compact adjacency over a network, the input of layout, clustering and metrics.

mod csr;
mod date;
mod export;
mod graphfile;
mod network;

pub use csr::{component_labels, Csr};
pub use date::{Date, Timestamp};
pub use export::{
    normalize_profile_url, Endorsement, ExportKind, Invitation, InvitationDirection, Message,
    OwnPosition, OwnSchool, Person, PersonSource, PersonalExport, Profile, Recommendation,
    RecommendationDirection,
};
pub use graphfile::{AttrValue, GraphEdge, GraphFile, GraphNode};
pub use network::{Evidence, Network, NodeInfo, Origin, Signal, Tie};
