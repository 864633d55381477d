//! Network metrics: what the map says, in numbers and plain words.
//!
//! Each piece of common networking advice becomes a measurement on the person's own data:
//!
//! - [`structure`]: degree, betweenness (brokers), Burt's constraint and effective size, hubs,
//!   network-level figures, and the owner's own ego-network constraint ([`ego_holes`]);
//! - [`core_network`]: Burt's measures and Gould–Fernandez brokerage roles on the people the
//!   owner actually deals with (the core network), with reference ranges;
//! - [`bridges`]: pairs of clusters joined through only one or two people;
//! - [`taxonomy`] and [`composition`]: function and seniority inferred from titles (with the
//!   person's corrections), counted over the whole network and per cluster, top companies;
//! - [`diversity`]: effective number of clusters, Shannon and Blau diversity, year by year,
//!   and growth (connections per year stacked by cluster);
//! - [`ties`]: tie strength and recency from messages, endorsements and recommendations:
//!   strongest ties, dormant strong ties, one-way ties;
//! - [`chapters`]: chapters of the owner's career and schooling with few people from them;
//! - [`gaps`]: what is missing for a goal the person picks, as findings in plain words.
//!
//! Every figure has a one-sentence meaning beside it (`MEANING_*` constants and
//! [`Figure::meaning`]) for the page to show. All functions are pure and deterministic:
//! results that come from maps are sorted, sampling takes a seed.

pub mod bridges;
pub mod chapters;
pub mod composition;
pub mod core_network;
pub mod diversity;
pub mod gaps;
pub mod structure;
pub mod taxonomy;
pub mod ties;

pub use bridges::{cluster_bridges, lone_bridge_clusters, ClusterBridge, LoneBridge};
pub use chapters::{chapters, Chapter, ChapterSettings, Chapters};
pub use composition::{
    composition, title_table, top_companies, CompanyCount, Composition, RoleCounts, TitleRow,
};
pub use core_network::{
    brokerage_roles, core_measures, core_members, BrokerageRoles, CoreChoice, CoreCluster,
    CoreMeasures,
};
pub use diversity::{
    blau, diversity, diversity_by_year, effective_number, growth, shannon, Diversity, Growth,
    YearDiversity,
};
pub use gaps::{find_gaps, Finding, FindingKind, GapSettings, Goal};
pub use structure::{
    betweenness, brokers, degrees, ego_holes, ego_terms, hubs, structural_holes, summary,
    weighted_degrees, Betweenness, BetweennessSettings, EgoHoles, NetworkSummary, Ranked,
    StructuralHoles,
};
pub use taxonomy::{classify_title, Function, Role, RoleOverride, RoleOverrides, Seniority};
pub use ties::{tie_strengths, Direction, OneWayTie, TieReport, TieSettings, TieStrength};

use serde::Serialize;
use thiserror::Error;

/// What can go wrong when measuring.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum MetricsError {
    /// The cluster memberships do not cover the network's nodes one to one.
    #[error("the cluster list has {found} entries but the network has {expected} people")]
    MembershipLength { expected: usize, found: usize },
    /// Sampled betweenness was asked for with no pivots.
    #[error(
        "betweenness of {nodes} people needs sampling, but the number of pivots is 0; use at least 1"
    )]
    NoPivots { nodes: usize },
    /// A setting is out of its range.
    #[error("setting {name} = {value} is out of range: expected {expected}")]
    BadSetting {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
}

/// One figure with its plain-words meaning, for the page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Stable machine name ("density").
    pub key: &'static str,
    /// Short label ("Density").
    pub label: &'static str,
    pub value: f64,
    /// One sentence: what the figure means.
    pub meaning: &'static str,
}

impl Figure {
    pub fn new(key: &'static str, label: &'static str, value: f64, meaning: &'static str) -> Self {
        Figure {
            key,
            label,
            value,
            meaning,
        }
    }
}

/// Checks that `membership` has one cluster per node.
pub(crate) fn check_membership(nodes: usize, membership: &[u32]) -> Result<(), MetricsError> {
    if membership.len() != nodes {
        return Err(MetricsError::MembershipLength {
            expected: nodes,
            found: membership.len(),
        });
    }
    Ok(())
}

/// Number of clusters named by `membership` (largest label + 1).
pub(crate) fn cluster_count(membership: &[u32]) -> usize {
    membership
        .iter()
        .map(|&c| c as usize + 1)
        .max()
        .unwrap_or(0)
}
