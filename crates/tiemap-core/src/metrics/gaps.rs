//! What is missing for a goal the person picks: thin or missing functions and seniorities
//! (from a rule table per goal), clusters that hang on a single bridge, clusters gone quiet.
//! Each finding carries one plain-words sentence.

use super::bridges::lone_bridge_clusters;
use super::composition::Composition;
use super::taxonomy::{Function, Seniority};
use super::ties::TieReport;
use super::{check_membership, cluster_count, MetricsError};
use crate::model::{Date, Network};
use serde::{Deserialize, Serialize};

/// What the person wants next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Goal {
    /// Change jobs, optionally into a target function (else: the same kind of work).
    ChangeJobs { target: Option<Function> },
    /// Get promoted in `function` (`None`: the most common function on the map).
    GetPromoted { function: Option<Function> },
    /// Move into a field.
    MoveInto { function: Function },
    /// Sell to people in these functions (empty: anyone who decides).
    Sell { to: Vec<Function> },
    /// Hire people in a function.
    Hire { function: Function },
}

/// Which functions a rule counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    /// One fixed function.
    Function(Function),
    /// The goal's target function (or functions, for selling).
    Target,
    /// Anyone.
    Anyone,
}

/// One line of the rule table: at least `min_people` people (and at least `min_share` of
/// the titled people) matching `who` at `min_seniority` or above.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Need {
    /// Plain words for the people counted ("recruiters").
    pub what: &'static str,
    pub who: Who,
    pub min_seniority: Option<Seniority>,
    pub min_people: usize,
    pub min_share: f64,
}

const fn need(
    what: &'static str,
    who: Who,
    min_seniority: Option<Seniority>,
    min_people: usize,
    min_share: f64,
) -> Need {
    Need {
        what,
        who,
        min_seniority,
        min_people,
        min_share,
    }
}

/// The rule table: what each goal needs.
pub const CHANGE_JOBS: &[Need] = &[
    need(
        "recruiters",
        Who::Function(Function::HrRecruiting),
        None,
        5,
        0.01,
    ),
    need(
        "hiring managers",
        Who::Target,
        Some(Seniority::Manager),
        5,
        0.0,
    ),
    need("peers", Who::Target, None, 10, 0.05),
];
pub const GET_PROMOTED: &[Need] = &[
    need(
        "directors and above",
        Who::Target,
        Some(Seniority::Director),
        5,
        0.0,
    ),
    need(
        "managers and above",
        Who::Target,
        Some(Seniority::Manager),
        10,
        0.02,
    ),
];
pub const MOVE_INTO: &[Need] = &[
    need("people", Who::Target, None, 20, 0.05),
    need(
        "senior people",
        Who::Target,
        Some(Seniority::Senior),
        5,
        0.0,
    ),
    need(
        "recruiters",
        Who::Function(Function::HrRecruiting),
        None,
        3,
        0.0,
    ),
];
pub const SELL: &[Need] = &[
    need(
        "decision makers",
        Who::Target,
        Some(Seniority::Director),
        10,
        0.02,
    ),
    need("founders", Who::Function(Function::Founder), None, 5, 0.0),
];
pub const HIRE: &[Need] = &[
    need("people", Who::Target, None, 30, 0.05),
    need(
        "senior people",
        Who::Target,
        Some(Seniority::Senior),
        10,
        0.0,
    ),
    need(
        "recruiters",
        Who::Function(Function::HrRecruiting),
        None,
        2,
        0.0,
    ),
];

impl Goal {
    /// The rules of this goal.
    pub fn needs(&self) -> &'static [Need] {
        match self {
            Goal::ChangeJobs { .. } => CHANGE_JOBS,
            Goal::GetPromoted { .. } => GET_PROMOTED,
            Goal::MoveInto { .. } => MOVE_INTO,
            Goal::Sell { .. } => SELL,
            Goal::Hire { .. } => HIRE,
        }
    }

    /// How the goal reads in a sentence ("for changing jobs").
    pub fn phrase(&self) -> &'static str {
        match self {
            Goal::ChangeJobs { .. } => "for changing jobs",
            Goal::GetPromoted { .. } => "for a promotion",
            Goal::MoveInto { .. } => "for moving into a new field",
            Goal::Sell { .. } => "for selling",
            Goal::Hire { .. } => "for hiring",
        }
    }

    /// The functions `Who::Target` stands for (`None`: any function).
    fn targets(&self, composition: &Composition) -> Option<Vec<Function>> {
        match self {
            Goal::ChangeJobs { target } => target.map(|f| vec![f]),
            Goal::GetPromoted { function } => Some(vec![function.unwrap_or_else(|| {
                composition
                    .whole
                    .by_function
                    .iter()
                    .filter(|(f, _)| *f != Function::Other)
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map_or(Function::Other, |e| e.0)
            })]),
            Goal::MoveInto { function } | Goal::Hire { function } => Some(vec![*function]),
            Goal::Sell { to } if to.is_empty() => None,
            Goal::Sell { to } => Some(to.clone()),
        }
    }
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum FindingKind {
    /// Fewer people of a kind than the goal needs (`have == 0`: missing).
    Thin {
        what: &'static str,
        functions: Vec<Function>,
        min_seniority: Option<Seniority>,
        have: usize,
        want: usize,
    },
    /// A cluster whose every tie to the rest runs through one person (`person: None`: it
    /// has no tie to the rest at all).
    LoneBridge {
        cluster: u32,
        person: Option<u32>,
        size: usize,
    },
    /// A cluster with no new connection and no message for years.
    QuietCluster {
        cluster: u32,
        /// The year of the last connection or message (`None`: no date at all).
        last_active: Option<i32>,
        size: usize,
    },
}

/// One finding, with its sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub text: String,
}

/// Thresholds of [`find_gaps`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GapSettings {
    /// "Today".
    pub as_of: Date,
    /// Years without a new connection or message after which a cluster is quiet. Default 3.
    pub quiet_years: i32,
    /// Smallest cluster the structural findings talk about. Default 5.
    pub min_cluster_size: usize,
}

impl GapSettings {
    pub fn new(as_of: Date) -> Self {
        GapSettings {
            as_of,
            quiet_years: 3,
            min_cluster_size: 5,
        }
    }
}

fn functions_phrase(functions: &[Function]) -> String {
    let labels: Vec<&str> = functions.iter().map(|f| f.label()).collect();
    match labels.as_slice() {
        [] => String::new(),
        [one] => format!(" in {one}"),
        [rest @ .., last] => format!(" in {} or {last}", rest.join(", ")),
    }
}

fn seniority_phrase(s: Option<Seniority>) -> String {
    match s {
        None => String::new(),
        Some(s) => format!(" ({} or above)", s.label().to_lowercase()),
    }
}

fn cluster_name(names: &[String], c: u32) -> String {
    names
        .get(c as usize)
        .filter(|n| !n.trim().is_empty())
        .map_or_else(|| format!("cluster {}", c + 1), |n| n.trim().to_string())
}

/// Findings for `goal`: thin or missing kinds of people (from [`Goal::needs`]), clusters
/// that hang on a single person, clusters gone quiet. `membership` is one cluster label per
/// node; `cluster_names` (may be shorter or empty) names them in the sentences; `ties` adds
/// message recency to the quiet-cluster test.
pub fn find_gaps(
    goal: &Goal,
    network: &Network,
    composition: &Composition,
    membership: &[u32],
    ties: Option<&TieReport>,
    cluster_names: &[String],
    settings: &GapSettings,
) -> Result<Vec<Finding>, MetricsError> {
    check_membership(network.node_count(), membership)?;
    let mut findings = Vec::new();
    // 1) kinds of people, from the rule table
    let titled = composition.whole.people - composition.whole.untitled;
    let targets = goal.targets(composition);
    for need in goal.needs() {
        let functions: Option<Vec<Function>> = match need.who {
            Who::Function(f) => Some(vec![f]),
            Who::Target => targets.clone(),
            Who::Anyone => None,
        };
        let have = composition
            .roles
            .iter()
            .flatten()
            .filter(|r| functions.as_ref().is_none_or(|fs| fs.contains(&r.function)))
            .filter(|r| need.min_seniority.is_none_or(|s| r.seniority >= s))
            .count();
        let want = need
            .min_people
            .max((need.min_share * titled as f64).ceil() as usize);
        if have >= want {
            continue;
        }
        let fs = functions.clone().unwrap_or_default();
        // The function is named only when it is the goal's target ("recruiters" says it).
        let in_functions = match need.who {
            Who::Target => functions_phrase(&fs),
            _ => String::new(),
        };
        let who = format!(
            "{}{in_functions}{}",
            need.what,
            seniority_phrase(need.min_seniority)
        );
        let text = if have == 0 {
            format!(
                "You have no {who} on your map; {} aim for at least {want}.",
                goal.phrase()
            )
        } else {
            format!(
                "You have few {who} on your map ({have}); {} aim for at least {want}.",
                goal.phrase()
            )
        };
        findings.push(Finding {
            kind: FindingKind::Thin {
                what: need.what,
                functions: fs,
                min_seniority: need.min_seniority,
                have,
                want,
            },
            text,
        });
    }
    // 2) clusters that hang on one person
    let csr = network.csr();
    for lone in lone_bridge_clusters(&csr, membership, settings.min_cluster_size)? {
        let name = cluster_name(cluster_names, lone.cluster);
        let text = match lone.person {
            Some(p) => {
                let who = network
                    .nodes
                    .get(p as usize)
                    .map_or_else(|| format!("person {p}"), |n| n.label.clone());
                format!(
                    "The {name} group ({} people) hangs on {who} alone: every link to the rest of your map runs through them.",
                    lone.size
                )
            }
            None => format!(
                "The {name} group ({} people) has no link to the rest of your map except you.",
                lone.size
            ),
        };
        findings.push(Finding {
            kind: FindingKind::LoneBridge {
                cluster: lone.cluster,
                person: lone.person,
                size: lone.size,
            },
            text,
        });
    }
    // 3) clusters gone quiet
    let k = cluster_count(membership);
    let mut last: Vec<Option<Date>> = vec![None; k];
    let mut size = vec![0usize; k];
    for (v, &c) in membership.iter().enumerate() {
        let (Some(slot), Some(s)) = (last.get_mut(c as usize), size.get_mut(c as usize)) else {
            continue;
        };
        *s += 1;
        if let Some(d) = network.nodes.get(v).and_then(|n| n.connected_on) {
            *slot = (*slot).max(Some(d));
        }
    }
    if let Some(t) = ties {
        for p in &t.people {
            if let (Some(at), Some(&c)) = (p.last_contact, membership.get(p.node as usize)) {
                if let Some(slot) = last.get_mut(c as usize) {
                    *slot = (*slot).max(Some(at.date()));
                }
            }
        }
    }
    let quiet_from = settings.as_of.year() - settings.quiet_years.max(0);
    for c in 0..k {
        if size[c] < settings.min_cluster_size.max(1) {
            continue;
        }
        let last_active = last[c].map(Date::year);
        let Some(year) = last_active else {
            continue;
        };
        if year >= quiet_from {
            continue;
        }
        let name = cluster_name(cluster_names, c as u32);
        findings.push(Finding {
            kind: FindingKind::QuietCluster {
                cluster: c as u32,
                last_active,
                size: size[c],
            },
            text: format!(
                "The {name} group ({} people) has gone quiet: no new connection and no message since {year}.",
                size[c]
            ),
        });
    }
    Ok(findings)
}
