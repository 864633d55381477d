//! The owner's core network: Burt's measures on the people the owner actually deals with,
//! not on every connection.
//!
//! Burt's constraint and effective size were made for the few dozen contacts a person
//! relies on (Burt 1992, *Structural Holes*, ch. 2: "the network of contacts" from name
//! generators of 5 to 30 people). Over 2,000 LinkedIn connections with inferred ties they
//! come out near 0 and near n for everyone. So the core network is chosen first
//! ([`CoreChoice`]): the people with messages, endorsements or recommendations, or the top N
//! of them by tie strength. The measures are then taken on the ego network of those people:
//! the owner tied to each, plus the ties among them, unweighted (as networkx's `weight=None`;
//! ties among the contacts are inferred guesses, so their weights are not used).
//!
//! - constraint, effective size and efficiency: [`ego_holes`] on that subgraph;
//! - hierarchy (Burt 1992, p. 71): how much of the constraint comes from one contact,
//!   `H = sum_j (r_j ln r_j) / (N ln N)` with `r_j = c_j / (C / N)`, `c_j` contact `j`'s share
//!   of the constraint `C`; 0 when all contacts constrain alike, towards 1 when one does;
//! - brokerage: the pairs of contacts not tied to each other, whom only the owner joins
//!   (Burt 1992; Borgatti, Jones & Everett 1998, "Network measures of social capital");
//! - Gould & Fernandez (1989) brokerage roles of the owner between clusters
//!   ([`brokerage_roles`], as R's `sna::brokerage` counts them);
//! - the clusters of the core that only the owner joins to the rest of the core.
//!
//! Checked against networkx (constraint, effective size, `local_constraint` for hierarchy)
//! and an independent reimplementation of `sna::brokerage`'s counts to 1e-9 in
//! `tests/core_network_reference.rs` (fixture and script in `tools/reference/core_network/`).

use super::structure::{ego_holes, ego_terms};
use super::ties::TieReport;
use crate::model::Csr;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which people make up the owner's core network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoreChoice {
    /// Everyone with a message, endorsement or recommendation.
    Interacted,
    /// The `top` people with the highest tie strength.
    Strongest { top: usize },
}

/// The core's size when the person has not chosen: everyone with history up to this many,
/// else this many strongest ties. Burt's own name generators stop well below it.
pub const DEFAULT_CORE_MAX: usize = 50;

/// The sizes the page offers for "the top N by tie strength".
pub const CORE_SIZES: [usize; 5] = [10, 25, 50, 100, 250];

impl CoreChoice {
    /// The default for a person with `with_history` people with messages, endorsements or
    /// recommendations.
    pub fn default_for(with_history: usize) -> CoreChoice {
        if with_history <= DEFAULT_CORE_MAX {
            CoreChoice::Interacted
        } else {
            CoreChoice::Strongest {
                top: DEFAULT_CORE_MAX,
            }
        }
    }

    /// "the 25 people with the strongest ties to you".
    pub fn describe(&self) -> String {
        match self {
            CoreChoice::Interacted => {
                "everyone you have exchanged messages, endorsements or recommendations with"
                    .to_string()
            }
            CoreChoice::Strongest { top } => {
                format!("the {top} people with the strongest ties to you (messages, endorsements, recommendations)")
            }
        }
    }
}

/// The people of the core network, by node, strongest tie first (ties by node).
pub fn core_members(report: &TieReport, choice: CoreChoice) -> Vec<u32> {
    let mut people: Vec<(u32, f64)> = report.people.iter().map(|p| (p.node, p.score)).collect();
    people.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    if let CoreChoice::Strongest { top } = choice {
        people.truncate(top);
    }
    people.into_iter().map(|(v, _)| v).collect()
}

/// The subgraph of `csr` induced by `members`: node `i` of the result is `members[i]`.
pub fn induced(csr: &Csr, members: &[u32]) -> Csr {
    let index: BTreeMap<u32, u32> = members
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, i as u32))
        .collect();
    let mut edges = Vec::new();
    for (i, &v) in members.iter().enumerate() {
        let (nv, wv) = csr.neighbors(v as usize);
        for (&u, &w) in nv.iter().zip(wv) {
            if let Some(&j) = index.get(&u) {
                if (i as u32) < j {
                    edges.push((i as u32, j, w));
                }
            }
        }
    }
    Csr::from_edges(members.len(), edges)
}

/// The five Gould–Fernandez brokerage roles of one node: ordered pairs `(i, j)` of its
/// neighbours with a path `i -> v -> j` and no tie `i -> j`, by group membership (an
/// undirected tie counts as two arcs, so on undirected graphs each unordered pair counts
/// twice and representative equals gatekeeper, as in `sna::brokerage`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokerageRoles {
    /// `i`, `v`, `j` in one group (`w_I`).
    pub coordinator: u64,
    /// `i` and `j` in one group, `v` in another (`w_O`, "itinerant broker").
    pub consultant: u64,
    /// `i` and `v` in one group, `j` in another (`b_IO`).
    pub representative: u64,
    /// `v` and `j` in one group, `i` in another (`b_OI`).
    pub gatekeeper: u64,
    /// all three in different groups (`b_O`).
    pub liaison: u64,
}

impl BrokerageRoles {
    pub fn total(&self) -> u64 {
        self.coordinator + self.consultant + self.representative + self.gatekeeper + self.liaison
    }
}

/// Gould–Fernandez roles of node `v` of `csr`, with `groups[u]` the group of node `u`.
pub fn brokerage_roles(csr: &Csr, groups: &[u32], v: usize) -> BrokerageRoles {
    let mut roles = BrokerageRoles::default();
    let (nv, _) = csr.neighbors(v);
    let gv = groups[v];
    for &i in nv {
        let ni = csr.neighbors(i as usize).0;
        let gi = groups[i as usize];
        for &j in nv {
            if i == j || ni.binary_search(&j).is_ok() {
                continue;
            }
            let gj = groups[j as usize];
            let role = match (gi == gv, gj == gv, gi == gj) {
                (true, true, _) => &mut roles.coordinator,
                (false, false, true) => &mut roles.consultant,
                (true, false, _) => &mut roles.representative,
                (false, true, _) => &mut roles.gatekeeper,
                (false, false, false) => &mut roles.liaison,
            };
            *role += 1;
        }
    }
    roles
}

/// One cluster's share of the core network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreCluster {
    /// The cluster (index into the caller's cluster list).
    pub cluster: u32,
    /// Core members in it.
    pub members: usize,
    /// Ties from its core members to core members of other clusters.
    pub ties_out: usize,
    /// No tie to the rest of the core: only the owner joins it to the others.
    pub only_you: bool,
}

/// Burt's measures and the brokerage roles of the owner on their core network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreMeasures {
    /// Contacts in the core (N).
    pub size: usize,
    /// Ties among them.
    pub ties: usize,
    pub constraint: Option<f64>,
    pub effective_size: Option<f64>,
    pub efficiency: Option<f64>,
    /// Burt's hierarchy; `None` below two contacts or with no constraint.
    pub hierarchy: Option<f64>,
    /// Pairs of contacts not tied to each other.
    pub brokerage: u64,
    /// `brokerage` over all pairs; `None` below two contacts.
    pub brokerage_share: Option<f64>,
    /// The owner's Gould–Fernandez roles, the owner placed in `home_cluster`.
    pub roles: BrokerageRoles,
    /// The cluster with most core members (the owner's "own group" for the roles).
    pub home_cluster: Option<u32>,
    /// The clusters of the core, most members first.
    pub clusters: Vec<CoreCluster>,
    /// Constraint of a core of the same size with no ties among the contacts (`1 / N`) and
    /// with every contact tied to every other: the range this core's value lies in.
    pub constraint_range: Option<(f64, f64)>,
}

/// Constraint of an owner with `n` contacts who are all tied to each other (unweighted):
/// each contact gives `(1/n + (n - 1) / n^2)^2`.
pub fn clique_constraint(n: usize) -> f64 {
    let n = n as f64;
    n * (1.0 / n + (n - 1.0) / (n * n)).powi(2)
}

/// Burt's hierarchy from per-contact constraint terms.
pub fn hierarchy(terms: &[f64]) -> Option<f64> {
    let n = terms.len();
    let total: f64 = terms.iter().sum();
    if n < 2 || total <= 0.0 {
        return None;
    }
    let mean = total / n as f64;
    let sum: f64 = terms
        .iter()
        .map(|&c| {
            let r = c / mean;
            if r > 0.0 {
                r * r.ln()
            } else {
                0.0
            }
        })
        .sum();
    Some(sum / (n as f64 * (n as f64).ln()))
}

/// The owner's measures on the core `members` of `csr` (the whole map), with `membership[v]`
/// the cluster of node `v`.
pub fn core_measures(csr: &Csr, membership: &[u32], members: &[u32]) -> CoreMeasures {
    let sub = induced(csr, members);
    let n = members.len();
    let holes = ego_holes(&sub, false);
    let terms: Vec<f64> = ego_terms(&sub, false)
        .iter()
        .map(|t| t.constraint)
        .collect();
    let pairs = (n as u64) * (n as u64).saturating_sub(1) / 2;
    let brokerage = pairs - sub.edge_count() as u64;
    // Clusters of the core.
    let mut per: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for (i, &v) in members.iter().enumerate() {
        let c = membership[v as usize];
        let e = per.entry(c).or_default();
        e.0 += 1;
        e.1 += sub
            .neighbors(i)
            .0
            .iter()
            .filter(|&&j| membership[members[j as usize] as usize] != c)
            .count();
    }
    let mut clusters: Vec<CoreCluster> = per
        .into_iter()
        .map(|(cluster, (members, ties_out))| CoreCluster {
            cluster,
            members,
            ties_out,
            only_you: ties_out == 0,
        })
        .collect();
    clusters.sort_by(|a, b| b.members.cmp(&a.members).then(a.cluster.cmp(&b.cluster)));
    let home_cluster = clusters.first().map(|c| c.cluster);
    // A single cluster joins nothing.
    if clusters.len() == 1 {
        clusters[0].only_you = false;
    }
    // The ego graph: the owner is node n, in the home cluster.
    let mut edges: Vec<(u32, u32, f32)> = (0..n)
        .flat_map(|i| {
            let sub = &sub;
            sub.neighbors(i)
                .0
                .iter()
                .filter(move |&&j| (i as u32) < j)
                .map(move |&j| (i as u32, j, 1.0))
        })
        .collect();
    edges.extend((0..n as u32).map(|i| (i, n as u32, 1.0)));
    let ego = Csr::from_edges(n + 1, edges);
    let mut groups: Vec<u32> = members.iter().map(|&v| membership[v as usize]).collect();
    groups.push(home_cluster.unwrap_or(u32::MAX));
    let roles = brokerage_roles(&ego, &groups, n);
    CoreMeasures {
        size: n,
        ties: sub.edge_count(),
        constraint: holes.constraint,
        effective_size: holes.effective_size,
        efficiency: holes.efficiency,
        hierarchy: hierarchy(&terms),
        brokerage,
        brokerage_share: (pairs > 0).then(|| brokerage as f64 / pairs as f64),
        roles,
        home_cluster,
        clusters,
        constraint_range: (n > 0).then(|| (1.0 / n as f64, clique_constraint(n))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_star_core_has_no_hierarchy_and_full_brokerage() {
        // Four contacts who do not know each other.
        let csr = Csr::from_edges(6, [(4, 5, 1.0)]);
        let m = core_measures(&csr, &[0, 0, 1, 1, 2, 2], &[0, 1, 2, 3]);
        assert_eq!(m.size, 4);
        assert!((m.constraint.unwrap() - 0.25).abs() < 1e-12);
        assert!((m.effective_size.unwrap() - 4.0).abs() < 1e-12);
        assert!((m.efficiency.unwrap() - 1.0).abs() < 1e-12);
        assert!(m.hierarchy.unwrap().abs() < 1e-12);
        assert_eq!(m.brokerage, 6);
        assert_eq!(m.brokerage_share, Some(1.0));
        // Two clusters of two, neither tied to the other: only the owner joins them.
        assert_eq!(m.clusters.len(), 2);
        assert!(m.clusters.iter().all(|c| c.only_you));
        // Home cluster 0: pairs inside 0 coordinator (2 ordered), inside 1 consultant (2),
        // 0 -> 1 representative (4), 1 -> 0 gatekeeper (4).
        assert_eq!(m.home_cluster, Some(0));
        assert_eq!(
            m.roles,
            BrokerageRoles {
                coordinator: 2,
                consultant: 2,
                representative: 4,
                gatekeeper: 4,
                liaison: 0
            }
        );
        assert_eq!(m.roles.total(), 2 * m.brokerage);
    }

    #[test]
    fn a_clique_core_sits_at_the_top_of_its_range() {
        let csr = Csr::from_edges(
            5,
            (0..5u32).flat_map(|i| (i + 1..5).map(move |j| (i, j, 1.0))),
        );
        let m = core_measures(&csr, &[0; 5], &[0, 1, 2, 3, 4]);
        let (lo, hi) = m.constraint_range.unwrap();
        assert!((lo - 0.2).abs() < 1e-12);
        assert!((m.constraint.unwrap() - hi).abs() < 1e-12);
        assert_eq!(m.brokerage, 0);
        assert!((m.effective_size.unwrap() - 1.0).abs() < 1e-12);
        assert!(!m.clusters[0].only_you, "one cluster joins nothing");
    }

    #[test]
    fn hierarchy_grows_when_one_contact_constrains_more() {
        assert!(hierarchy(&[0.1, 0.1, 0.1]).unwrap().abs() < 1e-12);
        let skewed = hierarchy(&[0.5, 0.05, 0.05]).unwrap();
        assert!(skewed > 0.2 && skewed < 1.0, "{skewed}");
        assert_eq!(hierarchy(&[0.3]), None);
    }

    #[test]
    fn liaison_needs_three_groups() {
        // v = 0 in group 0 joins 1 (group 1) and 2 (group 2), who are not tied.
        let csr = Csr::from_edges(3, [(0, 1, 1.0), (0, 2, 1.0)]);
        let r = brokerage_roles(&csr, &[0, 1, 2], 0);
        assert_eq!(r.liaison, 2);
        assert_eq!(r.total(), 2);
        // Tie 1-2: no brokerage left.
        let closed = Csr::from_edges(3, [(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)]);
        assert_eq!(brokerage_roles(&closed, &[0, 1, 2], 0).total(), 0);
    }

    #[test]
    fn core_members_follow_the_choice() {
        use super::super::ties::TieStrength;
        let p = |node: u32, score: f64| TieStrength {
            node,
            sent: 1,
            received: 0,
            conversations: 1,
            first_contact: None,
            last_contact: None,
            last_sent: None,
            first_writer: None,
            endorsements: 0,
            recommendations: 0,
            score,
        };
        let report = TieReport {
            owner: None,
            people: vec![p(1, 0.5), p(4, 2.0), p(7, 1.0)],
            strongest: vec![],
            dormant: vec![],
            dormant_since: None,
            dormant_text: None,
            one_way: vec![],
            unmatched_messages: 0,
        };
        assert_eq!(core_members(&report, CoreChoice::Interacted), vec![4, 7, 1]);
        assert_eq!(
            core_members(&report, CoreChoice::Strongest { top: 2 }),
            vec![4, 7]
        );
        assert_eq!(CoreChoice::default_for(10), CoreChoice::Interacted);
        assert_eq!(
            CoreChoice::default_for(400),
            CoreChoice::Strongest { top: 50 }
        );
    }
}
