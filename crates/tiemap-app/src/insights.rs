//! "What the map says": every measurement of `tiemap_core::metrics` for the open map,
//! gathered into one serialisable [`Insights`] value. The worker computes it (pure Rust, no
//! browser API, tested natively); the insights panel only draws it.
//!
//! Clusters are the ones the page shows (the person's names, merges, moves and folds), in
//! the legend's order, largest first: cluster `i` in every list below is `clusters[i]`.
//!
//! The core has no clock: "today" is the latest date in the data (the newest connection or
//! message), which is close to the day the export was taken.

use crate::model::ClusterView;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;
use tiemap_core::import::group_thousands;
use tiemap_core::metrics::{
    betweenness, brokers, cluster_bridges, composition, diversity, diversity_by_year, ego_holes,
    find_gaps, growth, hubs, lone_bridge_clusters, tie_strengths, title_table, top_companies,
    BetweennessSettings, CompanyCount, Diversity, EgoHoles, FindingKind, Function, GapSettings,
    Goal, Growth, MetricsError, Ranked, RoleCounts, RoleOverrides, TieSettings, TitleRow,
    YearDiversity,
};
use tiemap_core::model::{Origin, PersonalExport};
use tiemap_core::{Csr, Date, Network};

/// Length of the hub and broker lists.
pub const TOP_PEOPLE: usize = 10;
/// Length of the company list.
pub const TOP_COMPANIES: usize = 10;
/// Length of the list of cluster pairs joined through one or two people.
pub const TOP_CLUSTER_BRIDGES: usize = 12;
/// Length of the strongest, dormant and one-way tie lists.
pub const TOP_TIES: usize = 10;
/// Length of the title table the person corrects the taxonomy in.
pub const TOP_TITLES: usize = 200;
/// Smallest cluster the bridge findings talk about.
pub const MIN_CLUSTER_SIZE: usize = 5;

/// What can go wrong while measuring the open map.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum InsightsError {
    /// A node's cluster is not in the cluster list (the page and the worker disagree).
    #[error("person {node} is in cluster {cluster}, which is not in the cluster list")]
    UnknownCluster { node: usize, cluster: u32 },
    #[error(transparent)]
    Metrics(#[from] MetricsError),
}

impl InsightsError {
    /// The sentence the page shows.
    pub fn sentence(&self) -> String {
        format!(
            "The insights could not be measured: {self}. Try again after the map has finished loading."
        )
    }
}

/// One cluster as the insights name and colour it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsightCluster {
    /// Persistent id (as in `MapData::clusters`).
    pub id: u32,
    pub name: String,
    pub color: [u8; 3],
    pub size: usize,
}

/// A person and the figure they were picked by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonFigure {
    pub node: u32,
    pub name: String,
    /// Index into [`Insights::clusters`].
    pub cluster: usize,
    pub value: f64,
}

/// A cluster whose every tie to the rest of the map runs through one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoneBridgeView {
    /// Index into [`Insights::clusters`].
    pub cluster: usize,
    /// The bridging person's name; `None` when the cluster has no tie to the rest.
    pub person: Option<String>,
    pub size: usize,
    pub outside_ties: usize,
}

/// Two clusters joined through only one or two people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BridgeView {
    /// Indices into [`Insights::clusters`].
    pub clusters: (usize, usize),
    /// The bridging people's names.
    pub people: Vec<String>,
    /// Ties between the two clusters.
    pub ties: usize,
}

/// Hubs, brokers, bridges and the owner's own position.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Most ties within the network, most first.
    pub hubs: Vec<PersonFigure>,
    /// Highest betweenness (normalised as networkx does), highest first.
    pub brokers: Vec<PersonFigure>,
    /// Betweenness is exact (else sampled from `betweenness_sources` people).
    pub betweenness_exact: bool,
    pub betweenness_sources: usize,
    /// Clusters of at least [`MIN_CLUSTER_SIZE`] people that hang on one person.
    pub lone_bridges: Vec<LoneBridgeView>,
    /// Pairs of clusters joined through one or two people, largest pairs first (at most
    /// [`TOP_CLUSTER_BRIDGES`]).
    pub cluster_bridges: Vec<BridgeView>,
    /// All such pairs (before the list was cut).
    pub cluster_bridges_total: usize,
    /// Burt's constraint and effective size of the owner (personal exports only: a graph
    /// file has no owner).
    pub owner: Option<EgoHoles>,
}

/// One person's tie with the owner, from messages, endorsements and recommendations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TiePerson {
    pub node: u32,
    pub name: String,
    /// Index into [`Insights::clusters`].
    pub cluster: usize,
    pub score: f64,
    pub sent: usize,
    pub received: usize,
    /// "Mar 2021".
    pub last_contact: Option<String>,
    /// When the owner last wrote to them ("Mar 2021").
    pub last_sent: Option<String>,
}

/// A conversation only one side took part in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OneWayView {
    pub node: u32,
    pub name: String,
    /// They wrote and the owner never answered (else the owner wrote and they never did).
    pub they_wrote: bool,
    pub messages: usize,
}

/// Tie strength and recency over the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieStrengths {
    /// People on the map with any message, endorsement or recommendation.
    pub people_with_history: usize,
    pub strongest: Vec<TiePerson>,
    /// People the owner wrote to often who have not heard from them for years (at most
    /// [`TOP_TIES`] listed; `dormant_total` in all).
    pub dormant: Vec<TiePerson>,
    pub dormant_total: usize,
    /// "12 people you wrote to often have not heard from you since 2021."
    pub dormant_text: Option<String>,
    pub one_way: Vec<OneWayView>,
    pub one_way_total: usize,
    /// Messages whose other side is not on the map.
    pub unmatched_messages: usize,
}

/// What a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingTag {
    /// No one of a kind the goal needs.
    Missing,
    /// Fewer of a kind than the goal needs.
    Thin,
    /// A cluster hangs on one person.
    LoneBridge,
    /// A cluster has gone quiet.
    Quiet,
}

/// One finding of "what's missing", in plain words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindingView {
    pub tag: FindingTag,
    pub text: String,
}

/// Everything the insights panel shows for one map and one goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Insights {
    /// The map these insights belong to (stale answers are dropped).
    pub map_id: u32,
    /// The goal the findings are for.
    pub goal: Goal,
    pub people: usize,
    pub ties: usize,
    /// "Ties inferred from shared employer, connection cohort": said beside each structural
    /// number. `None` when the ties come from a graph file.
    pub ties_inferred: Option<String>,
    /// The same, short, for beside each number: "ties inferred from shared employer, …".
    pub ties_inferred_short: Option<String>,
    /// The day measurements are made from ("Oct 2026"): the latest date in the data.
    pub as_of: Option<String>,
    /// The clusters as shown, largest first.
    pub clusters: Vec<InsightCluster>,
    /// Functions and seniorities of the whole network...
    pub whole: RoleCounts,
    /// ... and of each cluster (same order as `clusters`).
    pub per_cluster: Vec<RoleCounts>,
    pub companies: Vec<CompanyCount>,
    /// The most common titles and how they are read (at most [`TOP_TITLES`], plus every
    /// corrected one), where the person corrects the taxonomy.
    pub titles: Vec<TitleRow>,
    pub diversity: Diversity,
    /// Diversity of the connections made up to the end of each year.
    pub by_year: Vec<YearDiversity>,
    /// Connections per year stacked by cluster (`counts[year][cluster]`).
    pub growth: Growth,
    pub structure: Structure,
    /// `None` when the input has no messages, endorsements or recommendations.
    pub tie_strength: Option<TieStrengths>,
    /// What to drop to see tie strength, when it is missing or partial.
    pub tie_strength_hint: Option<String>,
    /// What is missing for `goal`.
    pub findings: Vec<FindingView>,
    /// The owner's core network: Burt's measures on the people they actually deal with.
    pub core: Option<crate::career::CoreView>,
    /// Why there is no core network view.
    pub core_hint: Option<String>,
    /// Dormant ties worth reviving, best first (at most [`crate::career::TOP_RECONNECT`]).
    pub reconnect: Vec<crate::career::ReconnectView>,
    /// All dormant ties ranked.
    pub reconnect_total: usize,
    /// Whom the owner talked to lately, by cluster.
    pub lately: Vec<crate::career::LatelyCluster>,
    /// Chapters of the owner's career and schooling (Positions.csv, Education.csv) with the
    /// people from each; `None` without either file.
    pub chapters: Option<tiemap_core::metrics::Chapters>,
}

/// What [`compute`] measures.
pub struct InsightsInput<'a> {
    pub map_id: u32,
    pub network: &'a Network,
    pub csr: &'a Csr,
    /// Cluster id of each node as shown (`NodeView::cluster`).
    pub node_clusters: &'a [u32],
    /// The clusters as shown (`MapData::clusters`).
    pub clusters: &'a [ClusterView],
    /// The personal export the map was made from (`None` for a graph file).
    pub export: Option<&'a PersonalExport>,
    pub goal: Goal,
    /// Which people make up the core network (`None`: the default for the data).
    pub core: Option<tiemap_core::metrics::CoreChoice>,
    /// The person's corrections of the title taxonomy.
    pub roles: &'a RoleOverrides,
}

/// The goals the picker offers, by the value of its options.
pub const GOAL_KINDS: [(&str, &str); 5] = [
    ("change-jobs", "Change jobs"),
    ("get-promoted", "Get promoted"),
    ("move-into", "Move into a field"),
    ("sell", "Sell"),
    ("hire", "Hire"),
];

/// The goal the picker's `kind` (a value of [`GOAL_KINDS`]) and function stand for. Moving
/// into a field and hiring need a function: without one they take Data and Engineering.
/// An unknown kind is changing jobs.
pub fn goal_from_choice(kind: &str, function: Option<Function>) -> Goal {
    match kind {
        "get-promoted" => Goal::GetPromoted { function },
        "move-into" => Goal::MoveInto {
            function: function.unwrap_or(Function::Data),
        },
        "sell" => Goal::Sell {
            to: function.into_iter().collect(),
        },
        "hire" => Goal::Hire {
            function: function.unwrap_or(Function::Engineering),
        },
        _ => Goal::ChangeJobs { target: function },
    }
}

/// The picker's kind and function for `goal` (the inverse of [`goal_from_choice`]).
pub fn goal_choice(goal: &Goal) -> (&'static str, Option<Function>) {
    match goal {
        Goal::ChangeJobs { target } => ("change-jobs", *target),
        Goal::GetPromoted { function } => ("get-promoted", *function),
        Goal::MoveInto { function } => ("move-into", Some(*function)),
        Goal::Sell { to } => ("sell", to.first().copied()),
        Goal::Hire { function } => ("hire", Some(*function)),
    }
}

/// The few figures a shared picture carries under the map (no person's name among them:
/// the picture's name setting governs names). At most six, most telling first.
pub fn share_lines(ins: &Insights) -> Vec<crate::picture::InsightLine> {
    use crate::picture::InsightLine;
    let line = |value: String, label: String| InsightLine { value, label };
    let mut out = Vec::new();
    out.push(line(
        format!("{:.1}", ins.diversity.clusters_effective),
        format!("effective clusters, of {}", ins.clusters.len()),
    ));
    let titled = ins.whole.people - ins.whole.untitled;
    if let Some((f, n)) = ins
        .whole
        .by_function
        .iter()
        .filter(|(f, _)| *f != Function::Other)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .filter(|(_, n)| *n > 0 && titled > 0)
    {
        out.push(line(
            format!("{:.0}%", 100.0 * *n as f64 / titled as f64),
            format!("work in {}", f.label().to_lowercase()),
        ));
    }
    if titled > 0 {
        out.push(line(
            format!("{:.2}", ins.diversity.function_blau),
            "function diversity (0 to 1)".to_string(),
        ));
    }
    if ins.diversity.companies > 0 {
        out.push(line(
            group_thousands(ins.diversity.companies),
            "employers".to_string(),
        ));
    }
    let per_year: Vec<(i32, usize)> = ins
        .growth
        .years
        .iter()
        .zip(&ins.growth.counts)
        .map(|(&y, row)| (y, row.iter().sum()))
        .collect();
    if let Some((year, n)) = per_year
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .filter(|(_, n)| *n > 0)
    {
        out.push(line(
            format!("+{} in {year}", group_thousands(*n)),
            "the busiest year".to_string(),
        ));
    }
    if ins.structure.cluster_bridges_total > 0 {
        out.push(line(
            group_thousands(ins.structure.cluster_bridges_total),
            "cluster pairs with 1-2 bridges".to_string(),
        ));
    }
    if let Some(t) = ins.tie_strength.as_ref().filter(|t| t.dormant_total > 0) {
        out.push(line(
            group_thousands(t.dormant_total),
            "strong ties gone quiet".to_string(),
        ));
    }
    out.truncate(6);
    out
}

/// The latest date in the data: newest connection or message.
pub(crate) fn latest_date(network: &Network, export: Option<&PersonalExport>) -> Option<Date> {
    let connected = network.nodes.iter().filter_map(|n| n.connected_on);
    let messages = export
        .into_iter()
        .flat_map(|e| e.messages.iter())
        .filter_map(|m| m.sent_at.map(|t| t.date()));
    connected.chain(messages).max()
}

/// Measures everything the insights panel shows.
pub fn compute(input: &InsightsInput) -> Result<Insights, InsightsError> {
    let network = input.network;
    let csr = input.csr;
    // 1) clusters as shown -> dense labels in legend order
    let index: BTreeMap<u32, usize> = input
        .clusters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect();
    let membership: Vec<u32> = input
        .node_clusters
        .iter()
        .enumerate()
        .map(|(node, id)| {
            index
                .get(id)
                .map(|&i| i as u32)
                .ok_or(InsightsError::UnknownCluster { node, cluster: *id })
        })
        .collect::<Result<_, _>>()?;
    let clusters: Vec<InsightCluster> = input
        .clusters
        .iter()
        .enumerate()
        .map(|(i, c)| InsightCluster {
            id: c.id,
            name: c.name.clone(),
            color: c.color,
            size: membership.iter().filter(|&&m| m as usize == i).count(),
        })
        .collect();
    let cluster_names: Vec<String> = clusters.iter().map(|c| c.name.clone()).collect();
    let name_of = |v: u32| {
        network
            .nodes
            .get(v as usize)
            .map_or_else(|| format!("Person {}", v + 1), |n| n.label.clone())
    };
    let cluster_of = |v: u32| membership.get(v as usize).map_or(0, |&c| c as usize);
    let figure = |r: &Ranked| PersonFigure {
        node: r.node,
        name: name_of(r.node),
        cluster: cluster_of(r.node),
        value: r.value,
    };

    // 2) composition and diversity
    let comp = composition(network, Some(&membership), input.roles)?;
    let titles = title_table(network, input.roles, TOP_TITLES);
    let companies = top_companies(network, TOP_COMPANIES);
    let div = diversity(network, &membership, &comp)?;
    let by_year = diversity_by_year(network, &membership, &comp)?;
    let grown = growth(network, &membership)?;

    // 3) structure
    let b = betweenness(csr, &BetweennessSettings::default())?;
    let mut pairs = cluster_bridges(csr, &membership)?;
    let cluster_bridges_total = pairs.len();
    let pair_size = |p: &(u32, u32)| clusters[p.0 as usize].size.min(clusters[p.1 as usize].size);
    pairs.sort_by(|a, b| {
        pair_size(&b.clusters)
            .cmp(&pair_size(&a.clusters))
            .then(a.clusters.cmp(&b.clusters))
    });
    let structure = Structure {
        hubs: hubs(csr, TOP_PEOPLE).iter().map(figure).collect(),
        brokers: brokers(&b, TOP_PEOPLE).iter().map(figure).collect(),
        betweenness_exact: b.exact,
        betweenness_sources: b.sources,
        lone_bridges: lone_bridge_clusters(csr, &membership, MIN_CLUSTER_SIZE)?
            .into_iter()
            .map(|l| LoneBridgeView {
                cluster: l.cluster as usize,
                person: l.person.map(name_of),
                size: l.size,
                outside_ties: l.outside_ties,
            })
            .collect(),
        cluster_bridges: pairs
            .iter()
            .take(TOP_CLUSTER_BRIDGES)
            .map(|p| BridgeView {
                clusters: (p.clusters.0 as usize, p.clusters.1 as usize),
                people: p.people.iter().map(|&v| name_of(v)).collect(),
                ties: p.ties,
            })
            .collect(),
        cluster_bridges_total,
        owner: input.export.map(|_| ego_holes(csr, false)),
    };
    let (ties_inferred, ties_inferred_short) = match &network.origin {
        Origin::File { .. } => (None, None),
        Origin::Inferred { signals, .. } => {
            let names: Vec<String> = signals.iter().map(|s| s.label().to_lowercase()).collect();
            let short = match names.as_slice() {
                [] => "no ties: every tie signal is off".to_string(),
                [a] => format!("ties inferred from {a}"),
                [a, b] => format!("ties inferred from {a} and {b}"),
                [a, b, ..] => format!("ties inferred from {a}, {b}, …"),
            };
            let full = if names.is_empty() {
                "No ties: every tie signal is off.".to_string()
            } else {
                format!(
                    "Ties here are inferred from {}: informed guesses, not known links.",
                    names.join(", ")
                )
            };
            (Some(full), Some(short))
        }
    };

    // 4) tie strength and recency
    let latest = latest_date(network, input.export);
    let today = latest.unwrap_or_else(|| Date::from_days_since_epoch(0));
    let report = input.export.and_then(|e| {
        let any =
            !e.messages.is_empty() || !e.endorsements.is_empty() || !e.recommendations.is_empty();
        any.then(|| tie_strengths(network, e, &TieSettings::new(today)))
    });
    let tie_strength_hint = match input.export {
        None => Some(
            "A graph file holds no messages: open your LinkedIn export (the whole ZIP, with messages.csv) to see who you talk to and who has gone quiet."
                .to_string(),
        ),
        Some(e) if e.messages.is_empty() => Some(
            "Your files hold no messages: drop the whole LinkedIn ZIP (or messages.csv with Connections.csv) to see your strongest, dormant and one-way ties."
                .to_string(),
        ),
        Some(_) => None,
    };
    let tie_strength = report.as_ref().map(|r| {
        let by_node: BTreeMap<u32, &tiemap_core::metrics::TieStrength> =
            r.people.iter().map(|p| (p.node, p)).collect();
        let person = |v: &u32| {
            let p = by_node.get(v);
            TiePerson {
                node: *v,
                name: name_of(*v),
                cluster: cluster_of(*v),
                score: p.map_or(0.0, |p| p.score),
                sent: p.map_or(0, |p| p.sent),
                received: p.map_or(0, |p| p.received),
                last_contact: p
                    .and_then(|p| p.last_contact)
                    .map(|t| t.date().month_year()),
                last_sent: p.and_then(|p| p.last_sent).map(|t| t.date().month_year()),
            }
        };
        TieStrengths {
            people_with_history: r.people.len(),
            strongest: r.strongest.iter().take(TOP_TIES).map(person).collect(),
            dormant: r.dormant.iter().take(TOP_TIES).map(person).collect(),
            dormant_total: r.dormant.len(),
            dormant_text: r.dormant_text.clone(),
            one_way: r
                .one_way
                .iter()
                .take(TOP_TIES)
                .map(|o| OneWayView {
                    node: o.node,
                    name: name_of(o.node),
                    they_wrote: o.wrote == tiemap_core::metrics::Direction::Them,
                    messages: o.messages,
                })
                .collect(),
            one_way_total: r.one_way.len(),
            unmatched_messages: r.unmatched_messages,
        }
    });

    // 5) the core network, reconnecting, talked to lately
    let (core, core_hint) = match (report.as_ref(), input.export) {
        (_, None) => (None, Some("A graph file has no owner: the core network is measured on a personal export (your LinkedIn ZIP).".to_string())),
        (None, Some(_)) => (None, Some("The core network is the people you deal with: drop the whole LinkedIn ZIP (messages.csv, endorsements, recommendations) to measure it. The figures below are for every connection.".to_string())),
        (Some(r), Some(_)) => match crate::career::core_view(csr, &membership, &cluster_names, r, input.core, &name_of) {
            Ok(v) => (Some(v), None),
            Err(sentence) => (None, Some(sentence)),
        },
    };
    let (reconnect, reconnect_total) = match (report.as_ref(), input.export) {
        (Some(r), Some(e)) => crate::career::reconnect(
            network,
            &membership,
            &cluster_names,
            r,
            today,
            crate::career::owner_role(e, input.roles),
            input.roles,
            &name_of,
        ),
        _ => (Vec::new(), 0),
    };
    let lately = report
        .as_ref()
        .map(|r| crate::career::lately(&membership, r, today, &name_of))
        .unwrap_or_default();

    let chapters = input
        .export
        .filter(|e| !e.positions.is_empty() || !e.education.is_empty())
        .map(|e| {
            tiemap_core::metrics::chapters(
                network,
                e,
                &tiemap_core::metrics::ChapterSettings::new(today),
            )
        });

    // 6) what is missing for the goal
    let findings = find_gaps(
        &input.goal,
        network,
        &comp,
        &membership,
        report.as_ref(),
        &cluster_names,
        &GapSettings::new(today),
    )?
    .into_iter()
    .map(|f| FindingView {
        tag: match f.kind {
            FindingKind::Thin { have: 0, .. } => FindingTag::Missing,
            FindingKind::Thin { .. } => FindingTag::Thin,
            FindingKind::LoneBridge { .. } => FindingTag::LoneBridge,
            FindingKind::QuietCluster { .. } => FindingTag::Quiet,
        },
        text: f.text,
    })
    .collect();

    Ok(Insights {
        map_id: input.map_id,
        goal: input.goal.clone(),
        people: network.node_count(),
        ties: csr.edge_count(),
        ties_inferred,
        ties_inferred_short,
        as_of: latest.map(Date::month_year),
        clusters,
        whole: comp.whole,
        per_cluster: comp.per_cluster,
        companies,
        titles,
        diversity: div,
        by_year,
        growth: grown,
        structure,
        tie_strength,
        tie_strength_hint,
        findings,
        core,
        core_hint,
        reconnect,
        reconnect_total,
        lately,
        chapters,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Session, SessionSettings, Source};
    use tiemap_core::infer::{self, InferSettings};
    use tiemap_core::sample::linkedin_sample;

    const PEOPLE: usize = 300;
    const SEED: u64 = 7;

    fn session_of(export: PersonalExport) -> Session {
        Session::new(
            1,
            Source::Personal(export),
            "Sample".into(),
            "Sample".into(),
            Vec::new(),
            true,
            SessionSettings::default(),
        )
        .expect("builds")
    }

    fn sample() -> (PersonalExport, Session) {
        let export = linkedin_sample(PEOPLE, SEED).export;
        (export.clone(), session_of(export))
    }

    fn change_jobs() -> Goal {
        Goal::ChangeJobs { target: None }
    }

    #[test]
    fn composition_counts_add_up_to_the_people_with_a_title() {
        let (export, session) = sample();
        let ins = session.insights(change_jobs(), None).unwrap();
        let titled = export
            .people
            .iter()
            .filter(|p| p.position.as_deref().is_some_and(|t| !t.trim().is_empty()))
            .count();
        assert!(titled > 0 && titled < PEOPLE, "the sample has blank titles");
        assert_eq!(ins.people, PEOPLE);
        assert_eq!(ins.whole.people, PEOPLE);
        assert_eq!(ins.whole.people - ins.whole.untitled, titled);
        let by_function: usize = ins.whole.by_function.iter().map(|e| e.1).sum();
        let by_seniority: usize = ins.whole.by_seniority.iter().map(|e| e.1).sum();
        assert_eq!(by_function, titled);
        assert_eq!(by_seniority, titled);
        // Per cluster: one count per shown cluster, sizes as the legend says.
        let map = session.map_data();
        assert_eq!(ins.per_cluster.len(), map.clusters.len());
        for ((counts, c), shown) in ins.per_cluster.iter().zip(&ins.clusters).zip(&map.clusters) {
            assert_eq!(c.id, shown.id);
            assert_eq!(c.size, shown.size as usize);
            assert_eq!(counts.people, c.size, "cluster {}", c.name);
        }
        // Top companies: most people first.
        assert!(!ins.companies.is_empty());
        assert!(ins.companies.windows(2).all(|w| w[0].people >= w[1].people));
    }

    #[test]
    fn a_title_correction_moves_its_people_in_the_counts_and_undoes() {
        use crate::model::{ClusterEdits, Edit};
        let (_, mut session) = sample();
        let before = session.insights(change_jobs(), None).unwrap();
        let row = before
            .titles
            .first()
            .expect("the sample has titles")
            .clone();
        assert!(!row.corrected);
        assert!(before.titles.windows(2).all(|w| w[0].people >= w[1].people));
        // Read the most common title as Legal (nothing in the sample is).
        assert_ne!(row.role.function, Function::Legal);
        let legal_before = before.whole.function(Function::Legal);
        let was_before = before.whole.function(row.role.function);
        let edits = ClusterEdits::default().with(Edit::SetRole {
            title: row.example.to_uppercase(),
            function: Some(Function::Legal),
            seniority: None,
        });
        session.set_edits(edits.clone());
        let after = session.insights(change_jobs(), None).unwrap();
        assert_eq!(
            after.whole.function(Function::Legal),
            legal_before + row.people
        );
        assert_eq!(
            after.whole.function(row.role.function),
            was_before - row.people
        );
        let fixed = after.titles.iter().find(|r| r.key == row.key).unwrap();
        assert!(fixed.corrected);
        assert_eq!(fixed.role.function, Function::Legal);
        assert_eq!(
            fixed.role.seniority, row.role.seniority,
            "seniority left as read"
        );
        // Per-cluster counts follow too.
        let legal_in_clusters: usize = after
            .per_cluster
            .iter()
            .map(|c| c.function(Function::Legal))
            .sum();
        assert_eq!(legal_in_clusters, legal_before + row.people);
        // Taking the correction back restores the reading.
        session.set_edits(edits.with(Edit::SetRole {
            title: row.key.clone(),
            function: None,
            seniority: None,
        }));
        let undone = session.insights(change_jobs(), None).unwrap();
        assert_eq!(undone.whole, before.whole);
        assert_eq!(undone.titles, before.titles);
    }

    #[test]
    fn the_share_lines_are_the_panel_figures_without_names() {
        let (export, session) = sample();
        let ins = session.insights(change_jobs(), None).unwrap();
        let lines = share_lines(&ins);
        assert!((4..=6).contains(&lines.len()), "{lines:?}");
        assert_eq!(
            lines[0].value,
            format!("{:.1}", ins.diversity.clusters_effective)
        );
        assert!(lines[0]
            .label
            .contains(&format!("of {}", ins.clusters.len())));
        assert!(lines
            .iter()
            .any(|l| l.value == format!("{:.2}", ins.diversity.function_blau)));
        // The busiest year's count is the growth chart's tallest column.
        let best: usize = ins
            .growth
            .counts
            .iter()
            .map(|r| r.iter().sum())
            .max()
            .unwrap();
        assert!(
            lines
                .iter()
                .any(|l| l.value.starts_with(&format!("+{best} in "))),
            "{lines:?}"
        );
        // No person on the map is named.
        for p in &export.people {
            let name = format!("{} {}", p.first_name, p.last_name);
            assert!(lines
                .iter()
                .all(|l| !l.label.contains(&name) && !l.value.contains(&name)));
        }
    }

    /// The figures the insights panel shows for the page's sample network, as the core
    /// measures them natively: `tests/e2e/fixtures/sample-insights.json`, which the
    /// end-to-end test compares the panel with. Regenerate with TIEMAP_WRITE_FIXTURES=1.
    #[test]
    fn the_sample_insights_fixture_matches_the_core() {
        let session = Session::open(
            1,
            &crate::saver::SAMPLE,
            SessionSettings::default(),
            &|_, _| {},
        )
        .unwrap();
        let ins = session.insights(change_jobs(), None).unwrap();
        let names = |list: &[PersonFigure]| list.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        let ties = ins.tie_strength.as_ref().expect("the sample has messages");
        let now = serde_json::to_string_pretty(&serde_json::json!({
            "people": ins.people,
            "ties": ins.ties,
            "effective_clusters": format!("{:.1}", ins.diversity.clusters_effective),
            "function_blau": format!("{:.2}", ins.diversity.function_blau),
            "seniority_blau": format!("{:.2}", ins.diversity.seniority_blau),
            "companies": ins.diversity.companies.to_string(),
            "untitled": ins.whole.untitled,
            "hubs": names(&ins.structure.hubs),
            "brokers": names(&ins.structure.brokers),
            "dormant_total": ties.dormant_total,
            "one_way_total": ties.one_way_total,
            "first_company": ins.companies.first().map(|c| c.company.clone()),
        }))
        .unwrap()
            + "\n";
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/e2e/fixtures/sample-insights.json"
        );
        if std::env::var_os("TIEMAP_WRITE_FIXTURES").is_some() {
            std::fs::write(path, &now).unwrap();
        }
        let expected = std::fs::read_to_string(path).expect("the fixture exists");
        assert_eq!(
            now, expected,
            "the sample's insights changed; if on purpose, rerun with TIEMAP_WRITE_FIXTURES=1"
        );
    }

    #[test]
    fn growth_per_year_sums_to_the_people_with_a_date() {
        let (export, session) = sample();
        let ins = session.insights(change_jobs(), None).unwrap();
        let dated = export
            .people
            .iter()
            .filter(|p| p.connected_on.is_some())
            .count();
        let total: usize = ins.growth.counts.iter().flatten().sum();
        assert!(dated > 0);
        assert_eq!(total, dated);
        assert_eq!(ins.growth.undated, PEOPLE - dated);
        assert_eq!(ins.growth.counts.len(), ins.growth.years.len());
        assert!(ins
            .growth
            .counts
            .iter()
            .all(|row| row.len() == ins.clusters.len()));
        // Each cluster's column sums to at most its size.
        for (c, cluster) in ins.clusters.iter().enumerate() {
            let col: usize = ins.growth.counts.iter().map(|row| row[c]).sum();
            assert!(col <= cluster.size);
        }
        // Year by year: cumulative people grow to the dated total.
        let last = ins.by_year.last().expect("years");
        assert_eq!(last.cumulative.people, dated);
        assert!(ins
            .by_year
            .windows(2)
            .all(|w| w[0].cumulative.people <= w[1].cumulative.people));
        // "Today" is the newest connection or message.
        let newest_connection = export.people.iter().filter_map(|p| p.connected_on).max();
        let newest_message = export
            .messages
            .iter()
            .filter_map(|m| m.sent_at.map(|t| t.date()))
            .max();
        let today = newest_connection.max(newest_message).expect("dated");
        assert_eq!(ins.as_of, Some(today.month_year()));
    }

    #[test]
    fn the_top_broker_has_the_highest_betweenness_and_the_top_hub_the_most_ties() {
        let (export, session) = sample();
        let ins = session.insights(change_jobs(), None).unwrap();
        // Measured again, independently of the session, on the same inferred network.
        let network = infer::infer(&export, &InferSettings::for_size(export.people.len()))
            .unwrap()
            .network;
        let csr = network.csr();
        let b = betweenness(&csr, &BetweennessSettings::default()).unwrap();
        let max_b = b.values.iter().copied().fold(f64::MIN, f64::max);
        let top = &ins.structure.brokers[0];
        assert!(
            (top.value - max_b).abs() < 1e-12,
            "{} vs {max_b}",
            top.value
        );
        assert!((b.values[top.node as usize] - max_b).abs() < 1e-12);
        assert_eq!(top.name, network.nodes[top.node as usize].label);
        assert!(ins
            .structure
            .brokers
            .windows(2)
            .all(|w| w[0].value >= w[1].value));
        let max_degree = (0..csr.node_count()).map(|v| csr.degree(v)).max().unwrap();
        assert_eq!(ins.structure.hubs[0].value, max_degree as f64);
        assert!(ins.structure.betweenness_exact);
        // The owner's ego network: constraint in (0, 1], effective size at most the people.
        let owner = ins.structure.owner.expect("a personal export has an owner");
        let c = owner.constraint.unwrap();
        assert!(c > 0.0 && c <= 1.0, "constraint {c}");
        assert!(owner.effective_size.unwrap() <= PEOPLE as f64);
        assert!(ins
            .ties_inferred
            .as_deref()
            .is_some_and(|t| t.contains("shared employer")));
        assert!(ins
            .ties_inferred_short
            .as_deref()
            .is_some_and(|t| t.starts_with("ties inferred from shared employer")));
    }

    #[test]
    fn bridges_name_people_on_the_map() {
        let (_, session) = sample();
        let map = session.map_data();
        let ins = session.insights(change_jobs(), None).unwrap();
        let labels: Vec<&str> = map.nodes.iter().map(|n| n.label.as_str()).collect();
        for b in &ins.structure.cluster_bridges {
            assert!((1..=2).contains(&b.people.len()));
            assert!(b.clusters.0 < b.clusters.1 && b.clusters.1 < ins.clusters.len());
            assert!(b.people.iter().all(|p| labels.contains(&p.as_str())));
        }
        assert!(ins.structure.cluster_bridges.len() <= TOP_CLUSTER_BRIDGES);
        assert!(ins.structure.cluster_bridges_total >= ins.structure.cluster_bridges.len());
        for l in &ins.structure.lone_bridges {
            assert!(l.size >= MIN_CLUSTER_SIZE);
            assert_eq!(l.size, ins.clusters[l.cluster].size);
            if let Some(p) = &l.person {
                assert!(labels.contains(&p.as_str()));
            }
        }
    }

    #[test]
    fn the_sample_has_strongest_and_one_way_ties_from_its_messages() {
        let (export, session) = sample();
        assert!(!export.messages.is_empty());
        let ins = session.insights(change_jobs(), None).unwrap();
        let ties = ins.tie_strength.expect("the sample has messages");
        assert!(ins.tie_strength_hint.is_none());
        assert!(!ties.strongest.is_empty());
        assert!(ties.strongest.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(ties
            .strongest
            .iter()
            .all(|p| p.sent + p.received > 0 || p.score > 0.0));
        assert!(ties.people_with_history >= ties.strongest.len());
        assert_eq!(ties.dormant_total == 0, ties.dormant_text.is_none());
        assert!(ties.one_way.len() <= ties.one_way_total);
    }

    #[test]
    fn without_messages_the_tie_section_says_what_to_drop() {
        let mut export = linkedin_sample(PEOPLE, SEED).export;
        export.messages.clear();
        export.endorsements.clear();
        export.recommendations.clear();
        let ins = session_of(export).insights(change_jobs(), None).unwrap();
        assert!(ins.tie_strength.is_none());
        assert!(ins
            .tie_strength_hint
            .as_deref()
            .is_some_and(|h| h.contains("messages.csv")));
    }

    #[test]
    fn findings_change_with_the_goal() {
        let (_, session) = sample();
        let jobs = session.insights(change_jobs(), None).unwrap();
        let legal = session
            .insights(
                Goal::Hire {
                    function: Function::Legal,
                },
                None,
            )
            .unwrap();
        assert_eq!(
            legal.goal,
            Goal::Hire {
                function: Function::Legal
            }
        );
        assert!(!legal.findings.is_empty());
        assert_ne!(jobs.findings, legal.findings);
        // Hiring lawyers from an engineer's network: lawyers are thin or missing.
        assert!(legal
            .findings
            .iter()
            .any(|f| matches!(f.tag, FindingTag::Missing | FindingTag::Thin)
                && f.text.contains("for hiring")));
        // Structural findings do not depend on the goal.
        let structural = |i: &Insights| -> Vec<FindingView> {
            i.findings
                .iter()
                .filter(|f| matches!(f.tag, FindingTag::LoneBridge | FindingTag::Quiet))
                .cloned()
                .collect()
        };
        assert_eq!(structural(&jobs), structural(&legal));
    }

    #[test]
    fn a_graph_file_has_no_owner_and_no_inferred_ties() {
        let files = vec![tiemap_core::import::InputFile {
            name: "edges.txt".into(),
            bytes: b"# nodes 6\n0 1\n1 2\n2 0\n3 4\n4 5\n5 3\n2 3\n".to_vec(),
        }];
        let session = Session::open(
            1,
            &crate::saver::MapInput::Files(std::rc::Rc::new(files)),
            SessionSettings::default(),
            &|_: &str, _: f32| {},
        )
        .unwrap();
        let ins = session.insights(change_jobs(), None).unwrap();
        assert_eq!(ins.people, 6);
        assert_eq!(ins.ties, 7);
        assert!(ins.structure.owner.is_none());
        assert!(ins.ties_inferred.is_none() && ins.ties_inferred_short.is_none());
        assert!(ins.tie_strength.is_none());
        assert!(ins.tie_strength_hint.is_some());
        assert_eq!(ins.whole.untitled, 6);
        // Node 2 and 3 hold the only path between the triangles: the top brokers.
        let top: Vec<u32> = ins
            .structure
            .brokers
            .iter()
            .take(2)
            .map(|p| p.node)
            .collect();
        assert!(top.contains(&2) && top.contains(&3), "{top:?}");
    }

    #[test]
    fn a_node_in_an_unknown_cluster_is_an_error_with_a_sentence() {
        let (export, _) = sample();
        let network = infer::infer(&export, &InferSettings::default())
            .unwrap()
            .network;
        let csr = network.csr();
        let ids = vec![3u32; network.node_count()];
        let err = compute(&InsightsInput {
            map_id: 1,
            network: &network,
            csr: &csr,
            node_clusters: &ids,
            clusters: &[],
            export: Some(&export),
            goal: change_jobs(),
            core: None,
            roles: &RoleOverrides::new(),
        })
        .unwrap_err();
        assert_eq!(
            err,
            InsightsError::UnknownCluster {
                node: 0,
                cluster: 3
            }
        );
        assert!(err.sentence().ends_with('.'));
    }

    #[test]
    fn insights_survive_the_trip_to_the_page() {
        let (_, session) = sample();
        let ins = session
            .insights(
                Goal::GetPromoted {
                    function: Some(Function::Engineering),
                },
                None,
            )
            .unwrap();
        // Through a JSON value (floats stay exact; JSON text would round the last digit).
        let value = serde_json::to_value(&ins).unwrap();
        assert_eq!(value["goal"]["GetPromoted"]["function"], "Engineering");
        let back: Insights = serde_json::from_value(value).unwrap();
        assert_eq!(back, ins);
    }

    #[test]
    fn goal_choices_round_trip() {
        for (kind, _) in GOAL_KINDS {
            for f in [None, Some(Function::Sales)] {
                let goal = goal_from_choice(kind, f);
                let (k, g) = goal_choice(&goal);
                assert_eq!(k, kind);
                assert_eq!(goal_from_choice(k, g), goal);
            }
        }
        assert_eq!(
            goal_from_choice("hire", None),
            Goal::Hire {
                function: Function::Engineering
            }
        );
        assert_eq!(
            goal_from_choice("nonsense", None),
            Goal::ChangeJobs { target: None }
        );
    }
}
