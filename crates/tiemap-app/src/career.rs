//! The insights a career coach asks for, in plain words for this person: the core network
//! (Burt's measures on the people the owner actually deals with, each with a sentence, a
//! reference range and its source), whom to reconnect with (dormant ties ranked for novelty
//! and past strength, with the reason) and whom the owner has talked to lately, by cluster.
//!
//! Built by [`crate::insights::compute`] from the measurements of `tiemap_core::metrics`.

use serde::{Deserialize, Serialize};
use tiemap_core::metrics::{
    classify_title, core_measures, core_members, ego_terms, CoreChoice, CoreMeasures, Function,
    RoleOverrides, Seniority, TieReport, TieStrength,
};
use tiemap_core::model::PersonalExport;
use tiemap_core::{Csr, Date, Network};

/// One of the core network's figures, said for this person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreFigure {
    /// Stable machine name ("constraint").
    pub key: String,
    pub label: String,
    /// The number as shown ("0.18", "78 %").
    pub value: String,
    /// What it means for this person, in one sentence.
    pub sentence: String,
    /// What a typical value looks like: the range for a core of this size.
    pub range: String,
    /// Where the measure and the range come from.
    pub source: String,
}

/// One cluster's share of the core.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreClusterView {
    /// Index into [`crate::insights::Insights::clusters`].
    pub cluster: usize,
    pub members: usize,
    /// No tie from these contacts to the rest of the core: only the owner joins them.
    pub only_you: bool,
}

/// One Gould–Fernandez role of the owner, counted in pairs of contacts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleView {
    pub role: String,
    pub pairs: u64,
    /// What the role means here ("between two people of Kestrel Academy").
    pub meaning: String,
}

/// The owner's core network, measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoreView {
    /// The choice the measures are for.
    pub choice: CoreChoice,
    /// "the 25 people with the strongest ties to you (…)".
    pub choice_text: String,
    /// People with messages, endorsements or recommendations (the most the core can hold).
    pub with_history: usize,
    pub measures: CoreMeasures,
    pub figures: Vec<CoreFigure>,
    pub clusters: Vec<CoreClusterView>,
    pub roles: Vec<RoleView>,
    /// One sentence on the roles ("Most of the pairs you join are …").
    pub roles_sentence: String,
}

pub const SOURCE_CONSTRAINT: &str = "Burt, Structural Holes (1992), ch. 2; Burt, \"Structural Holes and Good Ideas\", American Journal of Sociology 110 (2004): managers with less constrained networks were more often promoted and had their ideas rated better. Computed as networkx's constraint.";
pub const SOURCE_EFFECTIVE_SIZE: &str = "Burt, Structural Holes (1992); Borgatti, \"Structural Holes: Unpacking Burt's Redundancy Measures\", Connections 20 (1997), for n - 2t/n. Computed as networkx's effective_size.";
pub const SOURCE_HIERARCHY: &str =
    "Burt, Structural Holes (1992): how unevenly the constraint is spread over the contacts.";
pub const SOURCE_BROKERAGE: &str = "Burt, Structural Holes (1992); Borgatti, Jones and Everett, \"Network Measures of Social Capital\", Connections 21 (1998): pairs of contacts not tied to each other.";
pub const SOURCE_ROLES: &str = "Gould and Fernandez, \"Structures of Mediation\", Sociological Methodology 19 (1989); counted as R's sna::brokerage does (raw counts, pairs here).";

fn percent(x: f64) -> String {
    format!("{:.0} %", 100.0 * x)
}

/// The core network's view, or why there is none.
pub(crate) fn core_view(
    csr: &Csr,
    membership: &[u32],
    cluster_names: &[String],
    report: &TieReport,
    choice: Option<CoreChoice>,
    name_of: &dyn Fn(u32) -> String,
) -> Result<CoreView, String> {
    let with_history = report.people.len();
    if with_history < 2 {
        return Err(format!(
            "Your files show messages, endorsements or recommendations with {with_history} person on the map; the core network needs at least 2."
        ));
    }
    let choice = choice.unwrap_or_else(|| CoreChoice::default_for(with_history));
    let members = core_members(report, choice);
    let m = core_measures(csr, membership, &members);
    let n = m.size;
    let cname = |c: u32| {
        cluster_names
            .get(c as usize)
            .cloned()
            .unwrap_or_else(|| "another cluster".to_string())
    };
    let mut figures = Vec::new();
    if let (Some(c), Some((lo, hi))) = (m.constraint, m.constraint_range) {
        let place = if hi > lo { (c - lo) / (hi - lo) } else { 0.0 };
        let how = if place < 1.0 / 3.0 {
            "loosely knit: most of them do not know each other, so they bring you news from separate circles"
        } else if place < 2.0 / 3.0 {
            "partly knit: some of them know each other, some bring news from elsewhere"
        } else {
            "tightly knit: most of them know each other, so what they tell you comes from one circle"
        };
        figures.push(CoreFigure {
            key: "constraint".into(),
            label: "Constraint".into(),
            value: format!("{c:.2}"),
            sentence: format!("Your {n} closest contacts are {how}."),
            range: format!(
                "For {n} contacts: {lo:.2} if none of them knew each other, {hi:.2} if all did. Lower is the broker's position."
            ),
            source: SOURCE_CONSTRAINT.into(),
        });
    }
    if let (Some(es), Some(eff)) = (m.effective_size, m.efficiency) {
        figures.push(CoreFigure {
            key: "effective_size".into(),
            label: "Effective size".into(),
            value: format!("{es:.1}"),
            sentence: format!(
                "Your {n} closest contacts are worth {es:.1} independent ones: {:.1} are redundant with others you already know.",
                n as f64 - es
            ),
            range: format!("From 1 (all {n} know each other) to {n} (none do)."),
            source: SOURCE_EFFECTIVE_SIZE.into(),
        });
        figures.push(CoreFigure {
            key: "efficiency".into(),
            label: "Efficiency".into(),
            value: percent(eff),
            sentence: format!(
                "{} of your core network reaches somewhere the rest of it does not.",
                percent(eff)
            ),
            range: format!(
                "From {} (everyone knows everyone) to 100 % (nobody knows anybody else).",
                percent(1.0 / n as f64)
            ),
            source: SOURCE_EFFECTIVE_SIZE.into(),
        });
    }
    if let Some(h) = m.hierarchy {
        let sub = tiemap_core::metrics::core_network::induced(csr, &members);
        let top = ego_terms(&sub, false)
            .iter()
            .enumerate()
            .max_by(|a, b| {
                a.1.constraint
                    .total_cmp(&b.1.constraint)
                    .then(b.0.cmp(&a.0))
            })
            .map(|(i, _)| name_of(members[i]));
        let sentence = if h < 0.1 {
            "Your constraint is spread evenly: no single contact holds your network together."
                .to_string()
        } else {
            format!(
                "Much of your constraint runs through one contact{}: the people you know also know them.",
                top.map(|t| format!(" ({t})")).unwrap_or_default()
            )
        };
        figures.push(CoreFigure {
            key: "hierarchy".into(),
            label: "Hierarchy".into(),
            value: format!("{h:.2}"),
            sentence,
            range: "From 0 (every contact constrains you alike) to 1 (one contact does it all); most personal networks are well under 0.3.".into(),
            source: SOURCE_HIERARCHY.into(),
        });
    }
    let pairs = n as u64 * (n as u64).saturating_sub(1) / 2;
    if let Some(share) = m.brokerage_share {
        figures.push(CoreFigure {
            key: "brokerage".into(),
            label: "Brokerage".into(),
            value: m.brokerage.to_string(),
            sentence: format!(
                "{} of the {} pairs of your closest contacts ({}) do not know each other: only you join them.",
                m.brokerage,
                pairs,
                percent(share)
            ),
            range: format!("From 0 (all tied) to {pairs} (none tied) for {n} contacts."),
            source: SOURCE_BROKERAGE.into(),
        });
    }
    let home = m
        .home_cluster
        .map(cname)
        .unwrap_or_else(|| "your cluster".into());
    let r = m.roles;
    let roles = vec![
        RoleView {
            role: "Coordinator".into(),
            pairs: r.coordinator / 2,
            meaning: format!("between two people of {home}, your largest cluster"),
        },
        RoleView {
            role: "Consultant".into(),
            pairs: r.consultant / 2,
            meaning: "between two people of the same other cluster".into(),
        },
        RoleView {
            role: "Representative / gatekeeper".into(),
            pairs: r.representative,
            meaning: format!("between {home} and another cluster"),
        },
        RoleView {
            role: "Liaison".into(),
            pairs: r.liaison / 2,
            meaning: "between two different other clusters".into(),
        },
    ];
    let roles_sentence = match roles.iter().max_by_key(|x| x.pairs) {
        Some(best) if best.pairs > 0 => format!(
            "Most of the pairs only you join are {} ({} pairs): you act as a {}.",
            best.meaning,
            best.pairs,
            best.role.to_lowercase()
        ),
        _ => "Your closest contacts all know each other: you broker between none of them.".into(),
    };
    let clusters = m
        .clusters
        .iter()
        .map(|c| CoreClusterView {
            cluster: c.cluster as usize,
            members: c.members,
            only_you: c.only_you,
        })
        .collect();
    Ok(CoreView {
        choice,
        choice_text: choice.describe(),
        with_history,
        measures: m,
        figures,
        clusters,
        roles,
        roles_sentence,
    })
}

/// A dormant tie worth reviving, with why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReconnectView {
    pub node: u32,
    pub name: String,
    /// Index into [`crate::insights::Insights::clusters`].
    pub cluster: usize,
    /// Past tie strength (as [`TieStrength::score`]).
    pub strength: f64,
    /// Novelty points: another cluster, another function, more senior (0 to 3).
    pub novelty: u8,
    /// The ranking value: past strength (scaled to the strongest dormant tie, 0 to 1) plus
    /// half a point per novelty point.
    pub rank: f64,
    /// "Wrote 14 messages, last Mar 2021; in Sales, a cluster you have not written to lately; …"
    pub reason: String,
}

/// Ties last used more than this many years before "today" are dormant.
pub const DORMANT_YEARS: i32 = 2;
/// Length of the reconnect list.
pub const TOP_RECONNECT: usize = 15;

fn seniority_rank(s: Seniority) -> usize {
    Seniority::ALL.iter().position(|&x| x == s).unwrap_or(0)
}

/// The owner's own function and seniority, from their current (or latest) position.
pub(crate) fn owner_role(
    export: &PersonalExport,
    roles: &RoleOverrides,
) -> Option<(Function, Seniority)> {
    let latest = export
        .positions
        .iter()
        .filter(|p| p.title.is_some())
        .max_by_key(|p| (p.finished_on.is_none(), p.finished_on, p.started_on))?;
    let r = classify_title(latest.title.as_deref()?, roles);
    Some((r.function, r.seniority))
}

/// Dormant ties ranked for novelty and past strength.
#[allow(clippy::too_many_arguments)]
pub(crate) fn reconnect(
    network: &Network,
    membership: &[u32],
    cluster_names: &[String],
    report: &TieReport,
    today: Date,
    owner: Option<(Function, Seniority)>,
    roles: &RoleOverrides,
    name_of: &dyn Fn(u32) -> String,
) -> (Vec<ReconnectView>, usize) {
    let cutoff = today.add_days(-365 * DORMANT_YEARS);
    let recent = |p: &TieStrength| p.last_contact.is_some_and(|t| t.date() >= cutoff);
    // Clusters the owner has been in touch with lately.
    let active: std::collections::BTreeSet<u32> = report
        .people
        .iter()
        .filter(|p| recent(p))
        .filter_map(|p| membership.get(p.node as usize).copied())
        .collect();
    let dormant: Vec<&TieStrength> = report
        .people
        .iter()
        .filter(|p| p.last_contact.is_some() && !recent(p) && p.score > 0.0)
        .collect();
    let max = dormant.iter().map(|p| p.score).fold(0.0, f64::max);
    let mut out: Vec<ReconnectView> = dormant
        .iter()
        .map(|p| {
            let cluster = membership.get(p.node as usize).copied().unwrap_or(0);
            let mut reasons = vec![format!(
                "{} messages{}, last {}",
                p.sent + p.received,
                if p.endorsements + p.recommendations > 0 {
                    " and endorsements or recommendations"
                } else {
                    ""
                },
                p.last_contact
                    .map(|t| t.date().month_year())
                    .unwrap_or_default()
            )];
            let mut novelty = 0u8;
            if !active.contains(&cluster) {
                novelty += 1;
                reasons.push(format!(
                    "in {}, a cluster you have not been in touch with for {DORMANT_YEARS} years",
                    cluster_names
                        .get(cluster as usize)
                        .map_or("a cluster", |s| s.as_str())
                ));
            }
            let title = network
                .nodes
                .get(p.node as usize)
                .and_then(|n| n.title.as_deref())
                .filter(|t| !t.trim().is_empty());
            if let (Some(title), Some((f, s))) = (title, owner) {
                let role = classify_title(title, roles);
                if role.function != f && role.function != Function::Other {
                    novelty += 1;
                    reasons.push(format!(
                        "works in {}, not {}",
                        role.function.label().to_lowercase(),
                        f.label().to_lowercase()
                    ));
                }
                if seniority_rank(role.seniority) > seniority_rank(s) {
                    novelty += 1;
                    reasons.push(format!(
                        "more senior than you ({})",
                        role.seniority.label().to_lowercase()
                    ));
                }
            }
            let strength = if max > 0.0 { p.score / max } else { 0.0 };
            ReconnectView {
                node: p.node,
                name: name_of(p.node),
                cluster: cluster as usize,
                strength: p.score,
                novelty,
                rank: strength + 0.5 * novelty as f64,
                reason: reasons.join("; "),
            }
        })
        .collect();
    let total = out.len();
    out.sort_by(|a, b| b.rank.total_cmp(&a.rank).then(a.node.cmp(&b.node)));
    out.truncate(TOP_RECONNECT);
    (out, total)
}

/// One person the owner talked to, with when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatelyPerson {
    pub node: u32,
    pub name: String,
    /// "Mar 2026".
    pub last: String,
    pub messages: usize,
}

/// Whom the owner talked to in one cluster, most recent first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatelyCluster {
    /// Index into [`crate::insights::Insights::clusters`].
    pub cluster: usize,
    /// The most recent few.
    pub people: Vec<LatelyPerson>,
    /// Everyone in the cluster with a dated message.
    pub total: usize,
    /// Of those, in the last 12 months.
    pub last_year: usize,
    /// "Mar 2026": the cluster's most recent message.
    pub last: String,
}

/// People listed per cluster in "talked to lately".
pub const LATELY_PER_CLUSTER: usize = 5;

/// The last message per person, by cluster, the most recently talked-to cluster first.
pub(crate) fn lately(
    membership: &[u32],
    report: &TieReport,
    today: Date,
    name_of: &dyn Fn(u32) -> String,
) -> Vec<LatelyCluster> {
    let year_ago = today.add_days(-365);
    let mut by: std::collections::BTreeMap<u32, Vec<&TieStrength>> = Default::default();
    for p in report.people.iter().filter(|p| p.last_contact.is_some()) {
        if let Some(&c) = membership.get(p.node as usize) {
            by.entry(c).or_default().push(p);
        }
    }
    let mut out: Vec<(tiemap_core::model::Timestamp, LatelyCluster)> = by
        .into_iter()
        .map(|(c, mut people)| {
            people.sort_by(|a, b| {
                b.last_contact
                    .cmp(&a.last_contact)
                    .then(a.node.cmp(&b.node))
            });
            let last = people[0]
                .last_contact
                .unwrap_or(tiemap_core::model::Timestamp::from_secs_since_epoch(0));
            let view = LatelyCluster {
                cluster: c as usize,
                total: people.len(),
                last_year: people
                    .iter()
                    .filter(|p| p.last_contact.is_some_and(|t| t.date() >= year_ago))
                    .count(),
                last: last.date().month_year(),
                people: people
                    .iter()
                    .take(LATELY_PER_CLUSTER)
                    .map(|p| LatelyPerson {
                        node: p.node,
                        name: name_of(p.node),
                        last: p
                            .last_contact
                            .map(|t| t.date().month_year())
                            .unwrap_or_default(),
                        messages: p.sent + p.received,
                    })
                    .collect(),
            };
            (last, view)
        })
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cluster.cmp(&b.1.cluster)));
    out.into_iter().map(|(_, v)| v).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Session, SessionSettings, Source};
    use tiemap_core::metrics::{tie_strengths, Goal, TieSettings};
    use tiemap_core::sample::linkedin_sample;

    fn session() -> (PersonalExport, Session) {
        let export = linkedin_sample(300, 7).export;
        let s = Session::new(
            1,
            Source::Personal(export.clone()),
            "Sample".into(),
            "Sample".into(),
            Vec::new(),
            true,
            SessionSettings::default(),
        )
        .expect("builds");
        (export, s)
    }

    fn jobs() -> Goal {
        Goal::ChangeJobs { target: None }
    }

    #[test]
    fn the_core_is_the_people_with_history_and_its_figures_speak_of_them() {
        let (_, s) = session();
        let ins = s.insights(jobs(), None).unwrap();
        let core = ins.core.as_ref().expect("the sample has messages");
        assert!(ins.core_hint.is_none());
        let with = ins.tie_strength.as_ref().unwrap().people_with_history;
        assert_eq!(core.with_history, with);
        assert_eq!(core.choice, CoreChoice::default_for(with));
        let n = core.measures.size;
        assert_eq!(
            n,
            with.min(tiemap_core::metrics::core_network::DEFAULT_CORE_MAX)
        );
        // Constraint inside the range for a core of this size, said in the sentence.
        let c = core.measures.constraint.unwrap();
        let (lo, hi) = core.measures.constraint_range.unwrap();
        assert!(lo - 1e-12 <= c && c <= hi + 1e-12, "{lo} <= {c} <= {hi}");
        let keys: Vec<&str> = core.figures.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "constraint",
                "effective_size",
                "efficiency",
                "hierarchy",
                "brokerage"
            ]
        );
        for f in &core.figures {
            assert!(f.sentence.ends_with('.') && !f.range.is_empty() && !f.source.is_empty());
        }
        assert!(core.figures[0]
            .sentence
            .contains(&format!("Your {n} closest")));
        assert!(core.figures[0].range.contains(&format!("{lo:.2}")));
        // Every core member sits in one of the listed clusters.
        let members: usize = core.clusters.iter().map(|c| c.members).sum();
        assert_eq!(members, n);
        // Roles count every pair of unconnected contacts once.
        let pairs: u64 = core.roles.iter().map(|r| r.pairs).sum();
        assert_eq!(pairs, core.measures.brokerage);
    }

    #[test]
    fn choosing_the_top_ten_measures_ten_people() {
        let (export, s) = session();
        let ins = s
            .insights(jobs(), Some(CoreChoice::Strongest { top: 10 }))
            .unwrap();
        let core = ins.core.unwrap();
        assert_eq!(core.measures.size, 10);
        assert!(core.choice_text.contains("10 people"));
        // The same numbers as the core's measure on the ten strongest ties.
        let map = s.map_data();
        let report = tie_strengths(
            s.network(),
            &export,
            &TieSettings::new(crate::insights::latest_date(s.network(), Some(&export)).unwrap()),
        );
        let members = core_members(&report, CoreChoice::Strongest { top: 10 });
        let index: std::collections::BTreeMap<u32, u32> = ins
            .clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i as u32))
            .collect();
        let membership: Vec<u32> = map.nodes.iter().map(|n| index[&n.cluster]).collect();
        let direct = core_measures(&s.network().csr(), &membership, &members);
        assert_eq!(direct, core.measures);
    }

    #[test]
    fn without_messages_the_core_says_what_to_drop() {
        let mut export = linkedin_sample(300, 7).export;
        export.messages.clear();
        export.endorsements.clear();
        export.recommendations.clear();
        let s = Session::new(
            1,
            Source::Personal(export),
            "S".into(),
            "S".into(),
            Vec::new(),
            true,
            SessionSettings::default(),
        )
        .unwrap();
        let ins = s.insights(jobs(), None).unwrap();
        assert!(ins.core.is_none());
        assert!(ins.core_hint.unwrap().contains("messages.csv"));
        assert!(ins.reconnect.is_empty() && ins.lately.is_empty());
    }

    #[test]
    fn reconnect_ranks_dormant_ties_with_reasons_and_lately_is_newest_first() {
        let (_, s) = session();
        let ins = s.insights(jobs(), None).unwrap();
        assert!(ins.reconnect_total >= ins.reconnect.len());
        assert!(ins.reconnect.windows(2).all(|w| w[0].rank >= w[1].rank));
        for p in &ins.reconnect {
            assert!(p.reason.contains("messages"), "{}", p.reason);
            // The reason names one novelty per point.
            let parts = p.reason.split("; ").count();
            assert_eq!(parts, 1 + p.novelty as usize, "{}", p.reason);
        }
        assert!(!ins.lately.is_empty());
        let total: usize = ins.lately.iter().map(|c| c.total).sum();
        let dated = ins.tie_strength.as_ref().unwrap().people_with_history;
        assert!(total <= dated && total > 0);
        for c in &ins.lately {
            assert!(c.people.len() <= LATELY_PER_CLUSTER && c.last_year <= c.total);
            assert_eq!(c.people[0].last, c.last);
        }
    }

    #[test]
    fn a_novel_dormant_tie_outranks_an_equally_strong_familiar_one() {
        use tiemap_core::model::Timestamp;
        let t =
            |y: i32| Timestamp::from_date_hms(Date::from_ymd(y, 6, 1).unwrap(), 12, 0, 0).unwrap();
        let p = |node: u32, last: i32| TieStrength {
            node,
            sent: 6,
            received: 6,
            conversations: 1,
            first_contact: Some(t(2015)),
            last_contact: Some(t(last)),
            last_sent: Some(t(last)),
            first_writer: None,
            endorsements: 0,
            recommendations: 0,
            score: 3.0,
        };
        let report = TieReport {
            owner: None,
            // 0 and 1 in cluster 0, still talked to through 2; 3 alone in cluster 1.
            people: vec![p(0, 2019), p(2, 2026), p(3, 2019)],
            strongest: vec![],
            dormant: vec![],
            dormant_since: None,
            dormant_text: None,
            one_way: vec![],
            unmatched_messages: 0,
        };
        let (_, s) = session();
        let network = s.network();
        let names = ["Family".to_string(), "Old team".to_string()];
        let (list, total) = reconnect(
            network,
            &[0, 0, 0, 1],
            &names,
            &report,
            Date::from_ymd(2026, 12, 1).unwrap(),
            None,
            &RoleOverrides::new(),
            &|v| format!("P{v}"),
        );
        assert_eq!(total, 2);
        assert_eq!(list[0].node, 3);
        assert_eq!(list[0].novelty, 1);
        assert!(list[0].reason.contains("Old team"));
        assert_eq!(list[1].node, 0);
    }
}
