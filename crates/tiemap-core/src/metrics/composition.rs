//! Composition: who is on the map, by function, seniority and company, for the whole network
//! and per cluster.

use super::taxonomy::{normalize_title, Classifier, Function, Role, RoleOverrides, Seniority};
use super::{check_membership, cluster_count, MetricsError};
use crate::model::Network;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How many people of a group have each function and seniority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCounts {
    /// People in the group.
    pub people: usize,
    /// People without a title (not counted below).
    pub untitled: usize,
    /// Count per function, in [`Function::ALL`] order (all sixteen, zeros included).
    pub by_function: Vec<(Function, usize)>,
    /// Count per seniority, in [`Seniority::ALL`] order (all nine, zeros included).
    pub by_seniority: Vec<(Seniority, usize)>,
}

impl RoleCounts {
    fn new() -> Self {
        RoleCounts {
            people: 0,
            untitled: 0,
            by_function: Function::ALL.iter().map(|&f| (f, 0)).collect(),
            by_seniority: Seniority::ALL.iter().map(|&s| (s, 0)).collect(),
        }
    }

    fn add(&mut self, role: Option<Role>) {
        self.people += 1;
        match role {
            None => self.untitled += 1,
            Some(r) => {
                if let Some(e) = self.by_function.get_mut(r.function.index()) {
                    e.1 += 1;
                }
                if let Some(e) = self.by_seniority.get_mut(r.seniority.index()) {
                    e.1 += 1;
                }
            }
        }
    }

    /// People with this function.
    pub fn function(&self, f: Function) -> usize {
        self.by_function.get(f.index()).map_or(0, |e| e.1)
    }

    /// People with this seniority.
    pub fn seniority(&self, s: Seniority) -> usize {
        self.by_seniority.get(s.index()).map_or(0, |e| e.1)
    }

    /// The counts per function as a plain vector (for diversity).
    pub fn function_counts(&self) -> Vec<usize> {
        self.by_function.iter().map(|e| e.1).collect()
    }

    /// The counts per seniority as a plain vector (for diversity).
    pub fn seniority_counts(&self) -> Vec<usize> {
        self.by_seniority.iter().map(|e| e.1).collect()
    }
}

/// Roles of every node and the counts they add up to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Composition {
    /// Role of each node; `None` when it has no (non-blank) title.
    pub roles: Vec<Option<Role>>,
    pub whole: RoleCounts,
    /// Counts per cluster, indexed by cluster label (empty without memberships).
    pub per_cluster: Vec<RoleCounts>,
}

pub const MEANING_FUNCTIONS: &str =
    "What kind of work the people on your map do, read from their job titles.";
pub const MEANING_SENIORITIES: &str =
    "How senior the people on your map are, read from their job titles.";
pub const MEANING_COMPANIES: &str = "Where the people on your map work now.";

/// Function and seniority of every node's title (with the person's `overrides`), counted over
/// the network and, given `membership` (one cluster label per node), per cluster. Each
/// distinct title is classified once.
pub fn composition(
    network: &Network,
    membership: Option<&[u32]>,
    overrides: &RoleOverrides,
) -> Result<Composition, MetricsError> {
    if let Some(m) = membership {
        check_membership(network.node_count(), m)?;
    }
    let classifier = Classifier::new(overrides);
    let mut cache: HashMap<&str, Role> = HashMap::new();
    let roles: Vec<Option<Role>> = network
        .nodes
        .iter()
        .map(|n| {
            let title = n
                .title
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())?;
            Some(
                *cache
                    .entry(title)
                    .or_insert_with(|| classifier.classify(title)),
            )
        })
        .collect();
    let mut whole = RoleCounts::new();
    let k = membership.map_or(0, cluster_count);
    let mut per_cluster = vec![RoleCounts::new(); k];
    for (v, role) in roles.iter().enumerate() {
        whole.add(*role);
        if let Some(c) = membership.and_then(|m| m.get(v)) {
            if let Some(counts) = per_cluster.get_mut(*c as usize) {
                counts.add(*role);
            }
        }
    }
    Ok(Composition {
        roles,
        whole,
        per_cluster,
    })
}

/// One distinct title (as [`normalize_title`] keys it), how the taxonomy reads it, and
/// whether the person corrected it: a row of the table where the person fixes the taxonomy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleRow {
    /// The [`RoleOverrides`] key.
    pub key: String,
    /// The most common spelling on the map (ties: the alphabetically first).
    pub example: String,
    /// People with this title.
    pub people: usize,
    /// What the tables (and the person's correction, if any) make of it.
    pub role: Role,
    /// The person corrected this title.
    pub corrected: bool,
}

/// The `top` most common titles on the map, most people first (ties by key), each with its
/// role under `overrides`. Corrected titles are always listed (after the others when they
/// would not make the cut), so a correction can be seen and taken back.
pub fn title_table(network: &Network, overrides: &RoleOverrides, top: usize) -> Vec<TitleRow> {
    let mut by_key: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for n in &network.nodes {
        let Some(title) = n.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        let key = normalize_title(title);
        if key.is_empty() {
            continue;
        }
        *by_key.entry(key).or_default().entry(title).or_insert(0) += 1;
    }
    let classifier = Classifier::new(overrides);
    let mut rows: Vec<TitleRow> = by_key
        .into_iter()
        .map(|(key, spellings)| {
            let people = spellings.values().sum();
            let example = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
            TitleRow {
                role: classifier.classify(&example),
                corrected: overrides.contains_key(&key),
                key,
                example,
                people,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.people.cmp(&a.people).then(a.key.cmp(&b.key)));
    let (mut shown, rest): (Vec<TitleRow>, Vec<TitleRow>) =
        rows.into_iter()
            .enumerate()
            .fold((Vec::new(), Vec::new()), |(mut s, mut r), (i, row)| {
                if i < top {
                    s.push(row);
                } else {
                    r.push(row);
                }
                (s, r)
            });
    shown.extend(rest.into_iter().filter(|r| r.corrected));
    shown
}

/// Legal-form words dropped from the end of a company name when comparing.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "plc",
    "gmbh",
    "ag",
    "se",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "ab",
    "as",
    "oy",
    "spa",
    "srl",
    "sl",
    "kg",
    "pty",
    "lp",
    "llp",
];

/// The key under which a company is counted: lower case, words only, trailing legal forms
/// ("Inc.", "GmbH") dropped. `None` for a blank name.
pub fn company_key(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .filter(|w| !w.is_empty())
        .collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_FORMS.contains(w)) {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The company key of every node (see [`company_key`]).
pub fn company_keys(network: &Network) -> Vec<Option<String>> {
    network
        .nodes
        .iter()
        .map(|n| n.company.as_deref().and_then(company_key))
        .collect()
}

/// A company and how many people on the map work there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCount {
    /// The most common spelling (ties: the alphabetically first).
    pub company: String,
    pub people: usize,
}

/// The `top` companies by number of people (ties by name).
pub fn top_companies(network: &Network, top: usize) -> Vec<CompanyCount> {
    let mut by_key: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for n in &network.nodes {
        let Some(name) = n.company.as_deref() else {
            continue;
        };
        if let Some(key) = company_key(name) {
            *by_key
                .entry(key)
                .or_default()
                .entry(name.trim())
                .or_insert(0) += 1;
        }
    }
    let mut counts: Vec<CompanyCount> = by_key
        .into_values()
        .map(|spellings| {
            let people = spellings.values().sum();
            let company = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
            CompanyCount { company, people }
        })
        .collect();
    counts.sort_by(|a, b| b.people.cmp(&a.people).then(a.company.cmp(&b.company)));
    counts.truncate(top);
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NodeInfo, Origin};

    pub(crate) fn net(rows: &[(&str, &str)]) -> Network {
        Network {
            nodes: rows
                .iter()
                .map(|(t, c)| NodeInfo {
                    title: (!t.is_empty()).then(|| t.to_string()),
                    company: (!c.is_empty()).then(|| c.to_string()),
                    ..NodeInfo::default()
                })
                .collect(),
            ties: Vec::new(),
            origin: Origin::File {
                format: "test".into(),
            },
        }
    }

    #[test]
    fn counts_whole_and_per_cluster() {
        let n = net(&[
            ("Software Engineer", "Acme Inc."),
            ("Senior Software Engineer", "ACME"),
            ("Technical Recruiter", "Globex GmbH"),
            ("", "Globex"),
            ("VP Sales", "Initech"),
        ]);
        let c = composition(&n, Some(&[0, 0, 1, 1, 1]), &RoleOverrides::new()).unwrap();
        assert_eq!(c.whole.people, 5);
        assert_eq!(c.whole.untitled, 1);
        assert_eq!(c.whole.function(Function::Engineering), 2);
        assert_eq!(c.whole.function(Function::HrRecruiting), 1);
        assert_eq!(c.whole.seniority(Seniority::Vp), 1);
        assert_eq!(c.per_cluster.len(), 2);
        assert_eq!(c.per_cluster[0].function(Function::Engineering), 2);
        assert_eq!(c.per_cluster[1].function(Function::Sales), 1);
        assert_eq!(c.per_cluster[1].untitled, 1);
        assert!(composition(&n, Some(&[0]), &RoleOverrides::new()).is_err());
        let top = top_companies(&n, 2);
        assert_eq!(
            top,
            vec![
                CompanyCount {
                    company: "ACME".into(),
                    people: 2
                },
                CompanyCount {
                    company: "Globex".into(),
                    people: 2
                }
            ]
        );
    }

    #[test]
    fn title_table_counts_spellings_and_keeps_corrections() {
        use crate::metrics::taxonomy::RoleOverride;
        let n = net(&[
            ("Software Engineer", ""),
            ("software engineer", ""),
            ("Software-Engineer", ""),
            ("Chief Happiness Officer", ""),
            ("Chief Happiness Officer", ""),
            ("Barista", ""),
            ("", ""),
        ]);
        let rows = title_table(&n, &RoleOverrides::new(), 10);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].key, "software engineer");
        assert_eq!(rows[0].people, 3);
        assert_eq!(rows[0].role.function, Function::Engineering);
        assert!(!rows[0].corrected);
        assert_eq!(rows[1].example, "Chief Happiness Officer");
        assert_eq!(rows[2].role.function, Function::Other);

        // A correction changes the role, and a corrected title past the cut stays listed.
        let mut fix = RoleOverrides::new();
        fix.insert(
            "barista".into(),
            RoleOverride {
                function: Some(Function::Operations),
                seniority: Some(Seniority::Junior),
            },
        );
        let rows = title_table(&n, &fix, 1);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].key, "software engineer");
        assert_eq!(rows[1].key, "barista");
        assert!(rows[1].corrected);
        assert_eq!(rows[1].role.function, Function::Operations);
        assert_eq!(rows[1].role.seniority, Seniority::Junior);
        // and the counts follow the correction
        let c = composition(&n, None, &fix).unwrap();
        assert_eq!(c.whole.function(Function::Operations), 1);
        assert_eq!(c.whole.function(Function::Other), 2);
    }
}
