//! Bridges between clusters: pairs of clusters joined through only one or two people, and
//! clusters whose every tie to the rest of the map runs through a single person.

use super::{check_membership, cluster_count, MetricsError};
use crate::model::Csr;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Two clusters whose ties to each other all touch one or two people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterBridge {
    /// The two clusters, smaller label first.
    pub clusters: (u32, u32),
    /// The one or two people every tie between the clusters touches (a smallest such set;
    /// sorted). Without them the two clusters have no direct tie.
    pub people: Vec<u32>,
    /// Ties between the two clusters.
    pub ties: usize,
}

pub const MEANING_CLUSTER_BRIDGE: &str =
    "These two groups are linked only through these one or two people: they are your bridges.";

/// Every pair of clusters with at least one tie between them whose ties all touch at most
/// two people (a vertex cover of size 1 or 2 of the ties between them), sorted by cluster
/// pair. Among several such sets the lexicographically smallest is given.
pub fn cluster_bridges(csr: &Csr, membership: &[u32]) -> Result<Vec<ClusterBridge>, MetricsError> {
    check_membership(csr.node_count(), membership)?;
    let mut between: BTreeMap<(u32, u32), Vec<(u32, u32)>> = BTreeMap::new();
    for (u, &cu) in membership.iter().enumerate() {
        for &v in csr.neighbors(u).0 {
            let cv = membership[v as usize];
            if (u as u32) < v && cu != cv {
                between
                    .entry((cu.min(cv), cu.max(cv)))
                    .or_default()
                    .push((u as u32, v));
            }
        }
    }
    Ok(between
        .into_iter()
        .filter_map(|(clusters, ties)| {
            small_cover(&ties).map(|people| ClusterBridge {
                clusters,
                people,
                ties: ties.len(),
            })
        })
        .collect())
}

/// A cluster whose ties to all other clusters run through one person (or that has no tie
/// to any other cluster at all). The person is a member of the cluster when one member
/// touches every outside tie, else the outsider every outside tie goes to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoneBridge {
    pub cluster: u32,
    /// The one person every outside tie touches; `None` when the cluster has no outside tie.
    pub person: Option<u32>,
    /// Ties from the cluster to other clusters.
    pub outside_ties: usize,
    /// People in the cluster.
    pub size: usize,
}

/// Clusters of at least `min_size` people that hang on a single bridge, sorted by cluster.
/// Needs at least two clusters.
pub fn lone_bridge_clusters(
    csr: &Csr,
    membership: &[u32],
    min_size: usize,
) -> Result<Vec<LoneBridge>, MetricsError> {
    check_membership(csr.node_count(), membership)?;
    let k = cluster_count(membership);
    if k < 2 {
        return Ok(Vec::new());
    }
    let mut outside: Vec<Vec<(u32, u32)>> = vec![Vec::new(); k];
    let mut size = vec![0usize; k];
    for (u, &cu) in membership.iter().enumerate() {
        size[cu as usize] += 1;
        for &v in csr.neighbors(u).0 {
            if membership[v as usize] != cu {
                outside[cu as usize].push((u as u32, v));
            }
        }
    }
    Ok((0..k)
        .filter(|&c| size[c] >= min_size)
        .filter_map(|c| {
            let ties = &outside[c];
            // Ties are (inside, outside): prefer the member of the cluster as the bridge.
            let person = match ties.first() {
                None => None,
                Some(&(inside, _)) if ties.iter().all(|t| t.0 == inside) => Some(inside),
                Some(&(_, outside)) if ties.iter().all(|t| t.1 == outside) => Some(outside),
                Some(_) => return None,
            };
            Some(LoneBridge {
                cluster: c as u32,
                person,
                outside_ties: ties.len(),
                size: size[c],
            })
        })
        .collect())
}

/// A smallest set of at most two people touching every tie, or `None` if it takes three or
/// more. Deterministic: the lexicographically smallest set of the smallest size.
fn small_cover(ties: &[(u32, u32)]) -> Option<Vec<u32>> {
    let &(x, y) = ties.first()?;
    let covers = |c: u32, t: &(u32, u32)| t.0 == c || t.1 == c;
    // One person: must be an end of the first tie.
    let mut ones: Vec<u32> = [x, y]
        .into_iter()
        .filter(|&c| ties.iter().all(|t| covers(c, t)))
        .collect();
    ones.sort_unstable();
    if let Some(&c) = ones.first() {
        return Some(vec![c]);
    }
    // Two people: one is an end of the first tie; the other covers what is left.
    let mut best: Option<Vec<u32>> = None;
    for c in [x, y] {
        let rest: Vec<&(u32, u32)> = ties.iter().filter(|t| !covers(c, t)).collect();
        let Some(&&(a, b)) = rest.first() else {
            continue;
        };
        for d in [a, b] {
            if rest.iter().all(|t| covers(d, t)) {
                let mut pair = vec![c.min(d), c.max(d)];
                pair.dedup();
                if best.as_ref().is_none_or(|bst| pair < *bst) {
                    best = Some(pair);
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers() {
        assert_eq!(small_cover(&[(1, 2), (1, 3), (4, 1)]), Some(vec![1]));
        assert_eq!(small_cover(&[(1, 2), (3, 4)]), Some(vec![1, 3]));
        assert_eq!(small_cover(&[(1, 2), (3, 4), (5, 6)]), None);
        assert_eq!(small_cover(&[(5, 2), (2, 7), (9, 7)]), Some(vec![2, 7]));
        assert_eq!(small_cover(&[]), None);
    }

    #[test]
    fn two_cliques_with_one_bridge() {
        // Cliques {0,1,2} and {3,4,5}; 2-3 the only tie between them; {6,7} apart.
        let csr = Csr::from_edges(
            8,
            [
                (0, 1, 1.0),
                (1, 2, 1.0),
                (0, 2, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (3, 5, 1.0),
                (2, 3, 1.0),
                (6, 7, 1.0),
            ],
        );
        let m = [0, 0, 0, 1, 1, 1, 2, 2];
        let b = cluster_bridges(&csr, &m).unwrap();
        assert_eq!(
            b,
            vec![ClusterBridge {
                clusters: (0, 1),
                people: vec![2],
                ties: 1
            }]
        );
        let lone = lone_bridge_clusters(&csr, &m, 2).unwrap();
        assert_eq!(lone.len(), 3);
        assert_eq!(lone[0].person, Some(2));
        assert_eq!(lone[1].person, Some(3));
        assert_eq!(lone[2].person, None);
        assert!(cluster_bridges(&csr, &m[..3]).is_err());
    }
}
