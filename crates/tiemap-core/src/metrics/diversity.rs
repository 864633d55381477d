//! Diversity: how spread the network is over clusters, functions, seniorities and companies,
//! now and year by year; and growth, connections per year stacked by cluster.
//!
//! For counts `c_i` with shares `p_i = c_i / sum c`:
//! - Shannon diversity `H = -sum p_i ln p_i` (natural log; 0 for one group or none);
//! - effective number `exp(H)`: as many equally large groups would give the same `H`;
//! - Blau index `1 - sum p_i^2`: the chance that two people drawn at random (with
//!   replacement) fall in different groups.

use super::composition::{company_keys, Composition};
use super::{check_membership, cluster_count, MetricsError};
use crate::model::Network;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Shannon diversity of `counts` (natural log); zeros ignored; 0 when empty.
pub fn shannon(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let t = total as f64;
    -counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / t;
            p * p.ln()
        })
        .sum::<f64>()
}

/// `exp` of the Shannon diversity: the number of equally large groups with the same
/// diversity; 0 when empty.
pub fn effective_number(counts: &[usize]) -> f64 {
    if counts.iter().all(|&c| c == 0) {
        0.0
    } else {
        shannon(counts).exp()
    }
}

/// Blau's index `1 - sum p^2`; 0 when empty.
pub fn blau(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let t = total as f64;
    1.0 - counts.iter().map(|&c| (c as f64 / t).powi(2)).sum::<f64>()
}

pub const MEANING_EFFECTIVE_CLUSTERS: &str =
    "How many equally large groups your network is worth: many small groups score higher than one big one.";
pub const MEANING_SHANNON: &str =
    "How evenly people spread over the categories (0 when everyone is in one; higher is more varied).";
pub const MEANING_BLAU: &str =
    "The chance that two people picked at random fall in different categories (0 to 1).";
pub const MEANING_GROWTH: &str = "How many people you connected with each year, by cluster.";

/// The diversity figures of one set of people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diversity {
    pub people: usize,
    /// Effective number of clusters (exp of the Shannon diversity of cluster sizes).
    pub clusters_effective: f64,
    /// Function diversity over people with a title (sixteen functions, "Other" included).
    pub function_shannon: f64,
    pub function_blau: f64,
    /// Seniority diversity over people with a title.
    pub seniority_shannon: f64,
    pub seniority_blau: f64,
    /// Company diversity over people with a company; every distinct company is a category.
    pub company_shannon: f64,
    pub company_blau: f64,
    /// Distinct companies.
    pub companies: usize,
}

/// Running counts from which [`Diversity`] is read.
struct Tally {
    people: usize,
    clusters: Vec<usize>,
    functions: Vec<usize>,
    seniorities: Vec<usize>,
    companies: Vec<usize>,
}

impl Tally {
    fn new(clusters: usize, companies: usize) -> Self {
        Tally {
            people: 0,
            clusters: vec![0; clusters],
            functions: vec![0; 16],
            seniorities: vec![0; 9],
            companies: vec![0; companies],
        }
    }

    fn add(&mut self, v: usize, input: &Inputs) {
        self.people += 1;
        if let Some(&c) = input.membership.get(v) {
            if let Some(x) = self.clusters.get_mut(c as usize) {
                *x += 1;
            }
        }
        if let Some(Some(role)) = input.composition.roles.get(v) {
            if let Some(x) = self.functions.get_mut(role.function.index()) {
                *x += 1;
            }
            if let Some(x) = self.seniorities.get_mut(role.seniority.index()) {
                *x += 1;
            }
        }
        if let Some(Some(id)) = input.company_ids.get(v) {
            if let Some(x) = self.companies.get_mut(*id) {
                *x += 1;
            }
        }
    }

    fn read(&self) -> Diversity {
        Diversity {
            people: self.people,
            clusters_effective: effective_number(&self.clusters),
            function_shannon: shannon(&self.functions),
            function_blau: blau(&self.functions),
            seniority_shannon: shannon(&self.seniorities),
            seniority_blau: blau(&self.seniorities),
            company_shannon: shannon(&self.companies),
            company_blau: blau(&self.companies),
            companies: self.companies.iter().filter(|&&c| c > 0).count(),
        }
    }
}

struct Inputs<'a> {
    membership: &'a [u32],
    composition: &'a Composition,
    company_ids: Vec<Option<usize>>,
    companies: usize,
}

fn inputs<'a>(
    network: &Network,
    membership: &'a [u32],
    composition: &'a Composition,
) -> Result<Inputs<'a>, MetricsError> {
    check_membership(network.node_count(), membership)?;
    if composition.roles.len() != network.node_count() {
        return Err(MetricsError::MembershipLength {
            expected: network.node_count(),
            found: composition.roles.len(),
        });
    }
    let keys = company_keys(network);
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.iter().flatten() {
        let next = ids.len();
        ids.entry(k.as_str()).or_insert(next);
    }
    let company_ids = keys
        .iter()
        .map(|k| k.as_deref().and_then(|k| ids.get(k).copied()))
        .collect();
    Ok(Inputs {
        membership,
        composition,
        company_ids,
        companies: ids.len(),
    })
}

/// Diversity of the whole network (`composition` from [`super::composition()`] on the same
/// network).
pub fn diversity(
    network: &Network,
    membership: &[u32],
    composition: &Composition,
) -> Result<Diversity, MetricsError> {
    let input = inputs(network, membership, composition)?;
    let mut tally = Tally::new(cluster_count(membership), input.companies);
    for v in 0..network.node_count() {
        tally.add(v, &input);
    }
    Ok(tally.read())
}

/// Diversity of the connections made up to the end of one year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearDiversity {
    pub year: i32,
    /// Connections made during this year.
    pub new_connections: usize,
    /// Diversity of everyone connected up to the end of this year.
    pub cumulative: Diversity,
}

/// For each year from the first to the last connection date, the diversity of the
/// connections made up to the end of that year (people without a connection date are left
/// out). Companies and titles are today's: the export does not say what they were then.
pub fn diversity_by_year(
    network: &Network,
    membership: &[u32],
    composition: &Composition,
) -> Result<Vec<YearDiversity>, MetricsError> {
    let input = inputs(network, membership, composition)?;
    let mut dated: Vec<(i32, usize)> = network
        .nodes
        .iter()
        .enumerate()
        .filter_map(|(v, n)| n.connected_on.map(|d| (d.year(), v)))
        .collect();
    dated.sort_unstable();
    let (Some(&(first, _)), Some(&(last, _))) = (dated.first(), dated.last()) else {
        return Ok(Vec::new());
    };
    let mut tally = Tally::new(cluster_count(membership), input.companies);
    let mut out = Vec::with_capacity((last - first + 1) as usize);
    let mut i = 0;
    for year in first..=last {
        let start = i;
        while let Some(&(y, v)) = dated.get(i) {
            if y > year {
                break;
            }
            tally.add(v, &input);
            i += 1;
        }
        out.push(YearDiversity {
            year,
            new_connections: i - start,
            cumulative: tally.read(),
        });
    }
    Ok(out)
}

/// Connections per year, stacked by cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Growth {
    /// Every year from the first to the last connection date.
    pub years: Vec<i32>,
    /// `counts[i][c]`: people of cluster `c` connected in `years[i]`.
    pub counts: Vec<Vec<usize>>,
    /// People without a connection date.
    pub undated: usize,
}

/// Connections per year, stacked by cluster (`membership`: one cluster label per node).
pub fn growth(network: &Network, membership: &[u32]) -> Result<Growth, MetricsError> {
    check_membership(network.node_count(), membership)?;
    let k = cluster_count(membership);
    let years: Vec<Option<i32>> = network
        .nodes
        .iter()
        .map(|n| n.connected_on.map(|d| d.year()))
        .collect();
    let undated = years.iter().filter(|y| y.is_none()).count();
    let (Some(first), Some(last)) = (
        years.iter().flatten().min().copied(),
        years.iter().flatten().max().copied(),
    ) else {
        return Ok(Growth {
            years: Vec::new(),
            counts: Vec::new(),
            undated,
        });
    };
    let mut counts = vec![vec![0usize; k]; (last - first + 1) as usize];
    for (v, y) in years.iter().enumerate() {
        let (Some(y), Some(&c)) = (y, membership.get(v)) else {
            continue;
        };
        if let Some(x) = counts
            .get_mut((y - first) as usize)
            .and_then(|row| row.get_mut(c as usize))
        {
            *x += 1;
        }
    }
    Ok(Growth {
        years: (first..=last).collect(),
        counts,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::composition::composition;
    use crate::metrics::taxonomy::RoleOverrides;
    use crate::model::{Date, NodeInfo, Origin};

    #[test]
    fn indices_by_hand() {
        assert_eq!(shannon(&[]), 0.0);
        assert_eq!(shannon(&[5]), 0.0);
        assert!((shannon(&[1, 1]) - 2f64.ln()).abs() < 1e-12);
        assert!((effective_number(&[3, 3, 3, 0]) - 3.0).abs() < 1e-12);
        assert!((blau(&[1, 1, 2]) - (1.0 - (0.0625 + 0.0625 + 0.25))).abs() < 1e-12);
        assert_eq!(blau(&[0, 0]), 0.0);
        assert_eq!(effective_number(&[]), 0.0);
    }

    fn dated(rows: &[(&str, &str, i32)]) -> Network {
        Network {
            nodes: rows
                .iter()
                .map(|&(t, c, y)| NodeInfo {
                    title: Some(t.into()),
                    company: Some(c.into()),
                    connected_on: Date::from_ymd(y, 6, 1),
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
    fn year_by_year_and_growth() {
        let n = dated(&[
            ("Engineer", "A", 2015),
            ("Engineer", "A", 2015),
            ("Recruiter", "B", 2017),
            ("Designer", "C", 2017),
        ]);
        let m = [0, 0, 1, 1];
        let comp = composition(&n, Some(&m), &RoleOverrides::new()).unwrap();
        let years = diversity_by_year(&n, &m, &comp).unwrap();
        assert_eq!(
            years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2015, 2016, 2017]
        );
        assert_eq!(years[0].cumulative.function_shannon, 0.0);
        assert!((years[0].cumulative.clusters_effective - 1.0).abs() < 1e-12);
        assert_eq!(years[1].new_connections, 0);
        assert_eq!(years[1].cumulative, years[0].cumulative);
        let all = diversity(&n, &m, &comp).unwrap();
        assert_eq!(years[2].cumulative, all);
        assert!((all.clusters_effective - 2.0).abs() < 1e-12);
        assert!((all.company_blau - (1.0 - 0.25 - 0.0625 - 0.0625)).abs() < 1e-12);
        assert_eq!(all.companies, 3);
        let g = growth(&n, &m).unwrap();
        assert_eq!(g.years, vec![2015, 2016, 2017]);
        assert_eq!(g.counts, vec![vec![2, 0], vec![0, 0], vec![0, 2]]);
        assert_eq!(g.undated, 0);
    }
}
