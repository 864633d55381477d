//! What changed between two maps of the same person: an older export (or saved map) and a
//! newer one.
//!
//! People are matched by profile URL, else by name and company (both compared as tie
//! inference compares them). Clusters are followed through the people they share:
//! - a new cluster *continues* an old one when each holds the majority of the other's matched
//!   people; it keeps the old cluster's name ([`Changes::renames`]) and is said to have grown,
//!   shrunk or stayed;
//! - an old cluster *split* when at least two new clusters each took a quarter of its matched
//!   people and each of them came mostly from it;
//! - new clusters *merged* when at least two old clusters each gave a quarter of a new
//!   cluster's matched people and sent it most of theirs;
//! - a new cluster *appeared* otherwise; an old one that went nowhere is *gone*.
//!
//! Ties *warmed* with people the owner exchanged messages with since the older export; they
//! *cooled* with people the owner wrote with in the year before the older export and not
//! since. The timeline counts connections per year in both.

use crate::session::Session;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use tiemap_core::infer::normalize_company;
use tiemap_core::metrics::{tie_strengths, TieReport, TieSettings};
use tiemap_core::model::{normalize_profile_url, PersonalExport};
use tiemap_core::Date;

/// A person added or gone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonChange {
    pub name: String,
    pub company: Option<String>,
    /// The cluster's name (in the new map for people added, the old one for people gone).
    pub cluster: String,
    /// "Mar 2026".
    pub connected: Option<String>,
}

/// What happened to a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClusterFate {
    Grew,
    Shrank,
    Same,
    Split,
    Merged,
    Appeared,
    Gone,
}

/// One cluster's change, in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterChange {
    pub fate: ClusterFate,
    /// The cluster's name: the old one for continuing, split and gone clusters.
    pub name: String,
    pub before: usize,
    pub after: usize,
    /// "Northfield (40 → 52): grew by 12."
    pub text: String,
}

/// A tie that warmed or cooled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieChange {
    pub name: String,
    /// Messages in the older export with them, and in the newer.
    pub before: usize,
    pub after: usize,
    /// "Mar 2026".
    pub last: Option<String>,
}

/// One year of the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearChange {
    pub year: i32,
    /// Connections made that year in the older export, and in the newer.
    pub before: usize,
    pub after: usize,
}

/// Everything that changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    /// The newest date in each ("Oct 2025").
    pub before_as_of: Option<String>,
    pub after_as_of: Option<String>,
    pub people_before: usize,
    pub people_after: usize,
    /// People in both, and how many of them were matched by name and company.
    pub matched: usize,
    pub matched_by_name: usize,
    pub added: Vec<PersonChange>,
    pub gone: Vec<PersonChange>,
    pub clusters: Vec<ClusterChange>,
    /// New cluster id -> the old name it keeps.
    pub renames: Vec<(u32, String)>,
    pub warmed: Vec<TieChange>,
    pub cooled: Vec<TieChange>,
    pub timeline: Vec<YearChange>,
    /// One sentence: "+34 people, -5; 2 clusters grew, 1 appeared; 6 ties warmed, 3 cooled."
    pub summary: String,
}

/// What a map holds that the comparison needs.
struct Side<'a> {
    names: Vec<String>,
    urls: Vec<Option<String>>,
    companies: Vec<Option<String>>,
    connected: Vec<Option<Date>>,
    /// Top-level cluster index of each person.
    cluster: Vec<usize>,
    cluster_names: Vec<String>,
    cluster_ids: Vec<u32>,
    export: Option<&'a PersonalExport>,
    report: Option<TieReport>,
    as_of: Option<Date>,
}

fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'a> Side<'a> {
    fn of(session: &'a Session) -> Side<'a> {
        let map = session.map_data();
        let top: Vec<&crate::model::ClusterView> =
            map.clusters.iter().filter(|c| c.parent.is_none()).collect();
        let index: HashMap<u32, usize> = top.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let network = session.network();
        let export = session.personal_export();
        let as_of = crate::insights::latest_date(network, export);
        let report = export.map(|e| {
            tie_strengths(
                network,
                e,
                &TieSettings::new(as_of.unwrap_or_else(|| Date::from_days_since_epoch(0))),
            )
        });
        Side {
            names: network.nodes.iter().map(|n| n.label.clone()).collect(),
            urls: network
                .nodes
                .iter()
                .map(|n| {
                    n.url
                        .as_deref()
                        .filter(|u| !u.trim().is_empty())
                        .map(normalize_profile_url)
                })
                .collect(),
            companies: network.nodes.iter().map(|n| n.company.clone()).collect(),
            connected: network.nodes.iter().map(|n| n.connected_on).collect(),
            cluster: map
                .nodes
                .iter()
                .map(|n| index.get(&n.cluster).copied().unwrap_or(0))
                .collect(),
            cluster_names: top.iter().map(|c| c.name.clone()).collect(),
            cluster_ids: top.iter().map(|c| c.id).collect(),
            export,
            report,
            as_of,
        }
    }

    fn name_company(&self, v: usize) -> (String, Option<String>) {
        (
            name_key(&self.names[v]),
            self.companies[v].as_deref().and_then(normalize_company),
        )
    }

    fn person(&self, v: usize) -> PersonChange {
        PersonChange {
            name: self.names[v].clone(),
            company: self.companies[v].clone(),
            cluster: self
                .cluster_names
                .get(self.cluster[v])
                .cloned()
                .unwrap_or_default(),
            connected: self.connected[v].map(Date::month_year),
        }
    }

    /// Messages with each person, and the last one.
    fn messages(&self) -> HashMap<usize, (usize, Option<tiemap_core::model::Timestamp>)> {
        self.report
            .iter()
            .flat_map(|r| r.people.iter())
            .map(|p| (p.node as usize, (p.sent + p.received, p.last_contact)))
            .collect()
    }
}

/// Matches people of `old` to people of `new`: `(old, new)` pairs and how many by name.
fn match_people(old: &Side, new: &Side) -> (Vec<(usize, usize)>, usize) {
    let mut by_url: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<(String, Option<String>), Option<usize>> = HashMap::new();
    for v in 0..new.names.len() {
        if let Some(u) = new.urls[v].as_deref() {
            by_url.entry(u).or_insert(v);
        }
        by_name
            .entry(new.name_company(v))
            .and_modify(|e| *e = None)
            .or_insert(Some(v));
    }
    let mut taken = vec![false; new.names.len()];
    let mut pairs = Vec::new();
    let mut by_name_count = 0;
    let mut rest = Vec::new();
    for u in 0..old.names.len() {
        match old.urls[u].as_deref().and_then(|x| by_url.get(x)) {
            Some(&v) if !taken[v] => {
                taken[v] = true;
                pairs.push((u, v));
            }
            _ => rest.push(u),
        }
    }
    for u in rest {
        if let Some(Some(v)) = by_name.get(&old.name_company(u)) {
            let v = *v;
            // A URL on both sides that differs is another person.
            let urls_differ = old.urls[u].is_some() && new.urls[v].is_some();
            if !taken[v] && !urls_differ {
                taken[v] = true;
                pairs.push((u, v));
                by_name_count += 1;
            }
        }
    }
    pairs.sort_unstable();
    (pairs, by_name_count)
}

/// Share above which a cluster's people are "most" of it.
const MAJORITY: f64 = 0.5;
/// Share above which a part counts in a split or a merge.
const PART: f64 = 0.25;
/// Size changes of at most this many people (and under a tenth) are "the same".
const SAME: usize = 2;

fn sized(before: usize, after: usize) -> ClusterFate {
    let d = after.abs_diff(before);
    if d <= SAME || (d as f64) < 0.1 * before as f64 {
        ClusterFate::Same
    } else if after > before {
        ClusterFate::Grew
    } else {
        ClusterFate::Shrank
    }
}

/// Compares an older map with a newer one of the same person.
pub fn compare(old: &Session, new: &Session) -> Changes {
    let a = Side::of(old);
    let b = Side::of(new);
    let (pairs, matched_by_name) = match_people(&a, &b);
    let mut in_new = vec![false; b.names.len()];
    let mut in_old = vec![false; a.names.len()];
    for &(u, v) in &pairs {
        in_old[u] = true;
        in_new[v] = true;
    }
    let recent_first = |s: &Side, list: Vec<usize>| {
        let mut list = list;
        list.sort_by(|&x, &y| s.connected[y].cmp(&s.connected[x]).then(x.cmp(&y)));
        list.into_iter().map(|v| s.person(v)).collect::<Vec<_>>()
    };
    let added = recent_first(&b, (0..b.names.len()).filter(|&v| !in_new[v]).collect());
    let gone = recent_first(&a, (0..a.names.len()).filter(|&u| !in_old[u]).collect());

    // Clusters: overlap of matched people.
    let (na, nb) = (a.cluster_names.len(), b.cluster_names.len());
    let mut overlap = vec![vec![0usize; nb]; na];
    for &(u, v) in &pairs {
        overlap[a.cluster[u]][b.cluster[v]] += 1;
    }
    let row: Vec<usize> = overlap.iter().map(|r| r.iter().sum()).collect();
    let col: Vec<usize> = (0..nb)
        .map(|j| overlap.iter().map(|r| r[j]).sum())
        .collect();
    let size_a: Vec<usize> = (0..na)
        .map(|i| a.cluster.iter().filter(|&&c| c == i).count())
        .collect();
    let size_b: Vec<usize> = (0..nb)
        .map(|j| b.cluster.iter().filter(|&&c| c == j).count())
        .collect();
    let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
    let mut done_a = vec![false; na];
    let mut done_b = vec![false; nb];
    let mut clusters = Vec::new();
    let mut renames = Vec::new();
    // Continuing clusters.
    for i in 0..na {
        for j in 0..nb {
            let o = overlap[i][j];
            if share(o, row[i]) > MAJORITY && share(o, col[j]) > MAJORITY {
                done_a[i] = true;
                done_b[j] = true;
                let fate = sized(size_a[i], size_b[j]);
                let name = a.cluster_names[i].clone();
                let how = match fate {
                    ClusterFate::Grew => format!("grew by {}", size_b[j] - size_a[i]),
                    ClusterFate::Shrank => format!("shrank by {}", size_a[i] - size_b[j]),
                    _ => "about the same".to_string(),
                };
                clusters.push(ClusterChange {
                    fate,
                    text: format!("{name} ({} → {}): {how}.", size_a[i], size_b[j]),
                    name: name.clone(),
                    before: size_a[i],
                    after: size_b[j],
                });
                renames.push((b.cluster_ids[j], name));
            }
        }
    }
    // Splits: an old cluster whose people went, in parts, to new clusters made mostly of them.
    for i in 0..na {
        if done_a[i] {
            continue;
        }
        let parts: Vec<usize> = (0..nb)
            .filter(|&j| {
                !done_b[j]
                    && share(overlap[i][j], row[i]) >= PART
                    && share(overlap[i][j], col[j]) > MAJORITY
            })
            .collect();
        if parts.len() >= 2 {
            done_a[i] = true;
            let after: usize = parts.iter().map(|&j| size_b[j]).sum();
            let names: Vec<String> = parts.iter().map(|&j| b.cluster_names[j].clone()).collect();
            for &j in &parts {
                done_b[j] = true;
            }
            clusters.push(ClusterChange {
                fate: ClusterFate::Split,
                text: format!(
                    "{} ({}) split into {} ({after} people).",
                    a.cluster_names[i],
                    size_a[i],
                    names.join(" and ")
                ),
                name: a.cluster_names[i].clone(),
                before: size_a[i],
                after,
            });
        }
    }
    // Merges: a new cluster made of parts of old clusters that sent it most of their people.
    for j in 0..nb {
        if done_b[j] {
            continue;
        }
        let parts: Vec<usize> = (0..na)
            .filter(|&i| {
                !done_a[i]
                    && share(overlap[i][j], col[j]) >= PART
                    && share(overlap[i][j], row[i]) > MAJORITY
            })
            .collect();
        if parts.len() >= 2 {
            done_b[j] = true;
            let before: usize = parts.iter().map(|&i| size_a[i]).sum();
            let names: Vec<String> = parts.iter().map(|&i| a.cluster_names[i].clone()).collect();
            for &i in &parts {
                done_a[i] = true;
            }
            clusters.push(ClusterChange {
                fate: ClusterFate::Merged,
                text: format!(
                    "{} merged into {} ({before} → {} people).",
                    names.join(" and "),
                    b.cluster_names[j],
                    size_b[j]
                ),
                name: b.cluster_names[j].clone(),
                before,
                after: size_b[j],
            });
        }
    }
    for j in (0..nb).filter(|&j| !done_b[j]) {
        let new_people = size_b[j] - col[j];
        clusters.push(ClusterChange {
            fate: ClusterFate::Appeared,
            text: format!(
                "{} appeared ({} people, {new_people} of them new).",
                b.cluster_names[j], size_b[j]
            ),
            name: b.cluster_names[j].clone(),
            before: 0,
            after: size_b[j],
        });
    }
    for i in (0..na).filter(|&i| !done_a[i]) {
        clusters.push(ClusterChange {
            fate: ClusterFate::Gone,
            text: format!(
                "{} ({} people) is gone: its people are spread over other clusters or left.",
                a.cluster_names[i], size_a[i]
            ),
            name: a.cluster_names[i].clone(),
            before: size_a[i],
            after: 0,
        });
    }

    // Ties.
    let ma = a.messages();
    let mb = b.messages();
    let year_before = a.as_of.map(|d| d.add_days(-365));
    let mut warmed = Vec::new();
    let mut cooled = Vec::new();
    for &(u, v) in &pairs {
        let (before, last_a) = ma.get(&u).copied().unwrap_or((0, None));
        let (after, last_b) = mb.get(&v).copied().unwrap_or((0, None));
        let change = TieChange {
            name: b.names[v].clone(),
            before,
            after,
            last: last_b.or(last_a).map(|t| t.date().month_year()),
        };
        if after > before {
            warmed.push(change);
        } else if after == before
            && before > 0
            && last_a.zip(year_before).is_some_and(|(t, y)| t.date() >= y)
        {
            cooled.push(change);
        }
    }
    warmed.sort_by(|x, y| {
        (y.after - y.before)
            .cmp(&(x.after - x.before))
            .then(x.name.cmp(&y.name))
    });
    cooled.sort_by(|x, y| y.before.cmp(&x.before).then(x.name.cmp(&y.name)));

    // Timeline.
    let mut years: BTreeMap<i32, (usize, usize)> = BTreeMap::new();
    for d in a.connected.iter().flatten() {
        years.entry(d.year()).or_default().0 += 1;
    }
    for d in b.connected.iter().flatten() {
        years.entry(d.year()).or_default().1 += 1;
    }
    let timeline = years
        .into_iter()
        .map(|(year, (before, after))| YearChange {
            year,
            before,
            after,
        })
        .collect();
    let count = |f: ClusterFate| clusters.iter().filter(|c| c.fate == f).count();
    let mut parts = vec![format!("+{} people, −{}", added.len(), gone.len())];
    let fates: Vec<String> = [
        (ClusterFate::Grew, "grew"),
        (ClusterFate::Shrank, "shrank"),
        (ClusterFate::Split, "split"),
        (ClusterFate::Merged, "merged"),
        (ClusterFate::Appeared, "appeared"),
        (ClusterFate::Gone, "gone"),
    ]
    .iter()
    .filter(|(f, _)| count(*f) > 0)
    .map(|(f, w)| {
        let n = count(*f);
        format!("{n} cluster{} {w}", if n == 1 { "" } else { "s" })
    })
    .collect();
    if !fates.is_empty() {
        parts.push(fates.join(", "));
    }
    if a.export.is_some() || b.export.is_some() {
        parts.push(format!(
            "{} ties warmed, {} cooled",
            warmed.len(),
            cooled.len()
        ));
    }
    Changes {
        before_as_of: a.as_of.map(Date::month_year),
        after_as_of: b.as_of.map(Date::month_year),
        people_before: a.names.len(),
        people_after: b.names.len(),
        matched: pairs.len(),
        matched_by_name,
        added,
        gone,
        clusters,
        renames,
        warmed,
        cooled,
        timeline,
        summary: parts.join("; ") + ".",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{SessionSettings, Source};
    use tiemap_core::model::{Message, Person, Timestamp};

    fn person(i: usize, company: &str, year: i32, url: bool) -> Person {
        Person {
            first_name: format!("Name{i}"),
            last_name: format!("Family{}", i % 7),
            profile_url: url.then(|| format!("https://www.linkedin.com/in/p-{i}")),
            company: Some(company.to_string()),
            position: Some("Engineer".into()),
            connected_on: Date::from_ymd(year, 1 + (i % 12) as u32, 1),
            ..Person::default()
        }
    }

    fn msg(p: &Person, year: i32, month: u32, from_owner: bool) -> Message {
        let name = format!("{} {}", p.first_name, p.last_name);
        let owner = (
            "Owner Person".to_string(),
            "https://www.linkedin.com/in/owner".to_string(),
        );
        let other = (name, p.profile_url.clone().unwrap_or_default());
        let (from, to) = if from_owner {
            (owner, other)
        } else {
            (other, owner)
        };
        Message {
            conversation_id: format!("c-{}", p.first_name),
            conversation_title: None,
            from_name: from.0,
            from_url: Some(from.1),
            to_names: vec![to.0],
            to_urls: vec![to.1],
            sent_at: Timestamp::from_date_hms(Date::from_ymd(year, month, 2).unwrap(), 9, 0, 0),
            subject: None,
            folder: None,
            direction: None,
        }
    }

    fn session(export: PersonalExport) -> Session {
        Session::new(
            1,
            Source::Personal(export),
            "T".into(),
            "T".into(),
            Vec::new(),
            true,
            SessionSettings::default(),
        )
        .unwrap()
    }

    /// Three employers of 30; in the newer export Globex grew by 20, Initech's people left,
    /// ten people lost their URL (matched by name and company), talks changed.
    fn pair() -> (PersonalExport, PersonalExport) {
        let mut old = Vec::new();
        for i in 0..90 {
            let company = ["Globex", "Hooli", "Initech"][i / 30];
            old.push(person(i, company, 2015 + (i % 5) as i32, true));
        }
        let mut new: Vec<Person> = old[..60].to_vec();
        for p in new.iter_mut().take(10) {
            p.profile_url = None;
        }
        for i in 90..110 {
            new.push(person(i, "Globex", 2025, true));
        }
        let owner = Some(tiemap_core::model::Profile {
            first_name: "Owner".into(),
            last_name: "Person".into(),
            ..Default::default()
        });
        // Talks: with 31 and 32 in 2024 (the year before the old export ends), nothing since
        // with 31; with 33 since.
        let mut old_messages = vec![];
        for p in [&old[31], &old[32], &old[33]] {
            old_messages.push(msg(p, 2024, 6, true));
            old_messages.push(msg(p, 2024, 7, false));
        }
        let mut new_messages = old_messages.clone();
        new_messages.push(msg(&old[33], 2025, 9, true));
        new_messages.push(msg(&old[33], 2025, 10, false));
        new_messages.push(msg(&new[45], 2025, 11, true));
        let old = PersonalExport {
            owner: owner.clone(),
            people: old,
            messages: old_messages,
            ..PersonalExport::default()
        };
        let new = PersonalExport {
            owner,
            people: new,
            messages: new_messages,
            ..PersonalExport::default()
        };
        (old, new)
    }

    #[test]
    fn a_hand_built_pair_shows_its_known_changes() {
        let (old, new) = pair();
        let (a, b) = (session(old), session(new));
        let c = compare(&a, &b);
        assert_eq!((c.people_before, c.people_after), (90, 80));
        assert_eq!(c.matched, 60);
        assert_eq!(c.matched_by_name, 10);
        assert_eq!(c.added.len(), 20);
        assert!(c
            .added
            .iter()
            .all(|p| p.company.as_deref() == Some("Globex")));
        assert_eq!(c.gone.len(), 30);
        assert!(c
            .gone
            .iter()
            .all(|p| p.company.as_deref() == Some("Initech")));
        // The cluster of Globex continues under its old name and grew by 20.
        let old_globex = a.map_data();
        let globex_name = old_globex
            .clusters
            .iter()
            .find(|cl| cl.parent.is_none() && cl.size == 30 && cl.name.contains("Globex"))
            .map(|cl| cl.name.clone());
        let grew: Vec<&ClusterChange> = c
            .clusters
            .iter()
            .filter(|x| x.fate == ClusterFate::Grew)
            .collect();
        assert_eq!(grew.len(), 1, "{:#?}", c.clusters);
        assert_eq!((grew[0].before, grew[0].after), (30, 50));
        if let Some(name) = globex_name {
            assert_eq!(grew[0].name, name);
        }
        assert!(c.renames.iter().any(|(_, n)| *n == grew[0].name));
        // Initech's cluster is gone.
        assert!(c
            .clusters
            .iter()
            .any(|x| x.fate == ClusterFate::Gone && x.before == 30));
        // Warmed: 33 (2 more messages) and 45 (1 new); cooled: 31 and 32 (talked in 2024, not since).
        let warmed: Vec<&str> = c.warmed.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(warmed, ["Name33 Family5", "Name45 Family3"]);
        let cooled: Vec<&str> = c.cooled.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(cooled, ["Name31 Family3", "Name32 Family4"]);
        // The timeline spans both: 2025 only in the newer export.
        let y2025 = c.timeline.iter().find(|y| y.year == 2025).unwrap();
        assert_eq!((y2025.before, y2025.after), (0, 20));
        assert_eq!(c.timeline.iter().map(|y| y.before).sum::<usize>(), 90);
        assert!(c.summary.starts_with("+20 people, −30;"), "{}", c.summary);
    }

    #[test]
    fn two_clusters_merging_and_one_splitting_are_told_apart() {
        // Old: A (Globex, 20) and B (Hooli, 20) and C (Initech, 40); new: A and B's people all
        // at one employer (merge), C's people at two (split).
        let mut old = Vec::new();
        for i in 0..80 {
            let company = if i < 20 {
                "Globex"
            } else if i < 40 {
                "Hooli"
            } else {
                "Initech"
            };
            old.push(person(i, company, 2015 + (i % 3) as i32, true));
        }
        let mut new = old.clone();
        for (i, p) in new.iter_mut().enumerate() {
            p.company = Some(
                if i < 40 {
                    "Megacorp"
                } else if i < 60 {
                    "Initech East"
                } else {
                    "Initech West"
                }
                .to_string(),
            );
        }
        let (a, b) = (
            session(PersonalExport {
                people: old,
                ..PersonalExport::default()
            }),
            session(PersonalExport {
                people: new,
                ..PersonalExport::default()
            }),
        );
        let c = compare(&a, &b);
        assert_eq!(c.matched, 80);
        let fates: Vec<ClusterFate> = c.clusters.iter().map(|x| x.fate).collect();
        assert!(fates.contains(&ClusterFate::Merged), "{:#?}", c.clusters);
        assert!(fates.contains(&ClusterFate::Split), "{:#?}", c.clusters);
        let merged = c
            .clusters
            .iter()
            .find(|x| x.fate == ClusterFate::Merged)
            .unwrap();
        assert_eq!((merged.before, merged.after), (40, 40));
        let split = c
            .clusters
            .iter()
            .find(|x| x.fate == ClusterFate::Split)
            .unwrap();
        assert_eq!(split.before, 40);
        assert!(c.added.is_empty() && c.gone.is_empty());
    }
}
