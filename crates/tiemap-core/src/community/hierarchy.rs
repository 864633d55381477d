//! Two levels of clusters, as InMaps showed them: a handful of top-level clusters a person can
//! name at a glance, each holding sub-clusters (the communities found at the map's
//! resolution).
//!
//! Real exports give 15-25 communities at modularity resolution 1, many of them small. The top
//! level is found by clustering the same graph again at lower resolutions until at most
//! [`top_level_target`] groups are big (at least [`big_cluster_floor`] people); each fine
//! community then goes, whole, to the top-level group most of its members fell in, so the
//! levels nest. Small top-level groups join the group they are most tied to.

use super::{detect, relabel_dense, Algorithm, LeidenSettings};
use crate::Csr;

/// How many top-level clusters a map of `n` people opens on: about `sqrt(n) / 2.8`, from 3
/// up to 12 (InMaps showed six to ten colour groups).
pub fn top_level_target(n: usize) -> usize {
    ((n as f64).sqrt() / 2.8).round().clamp(3.0, 12.0) as usize
}

/// A cluster smaller than this is not a top-level cluster of its own: 1 % of the people, at
/// least 3.
pub fn big_cluster_floor(n: usize) -> usize {
    n.div_ceil(100).max(3)
}

/// Resolutions tried, from the map's own down, for the top level.
const RESOLUTION_STEPS: [f64; 9] = [1.0, 0.7, 0.5, 0.35, 0.25, 0.17, 0.11, 0.07, 0.04];

/// The top-level group of each node (dense ids, by first appearance), nesting `fine` (one
/// community per node): every member of a fine community is in the same top-level group. At
/// resolution 1 at most [`top_level_target`] groups are big; the target scales with
/// `settings.resolution`.
pub fn top_level(
    csr: &Csr,
    fine: &[u32],
    algorithm: Algorithm,
    settings: &LeidenSettings,
) -> Vec<u32> {
    let n = csr.node_count().min(fine.len());
    if n == 0 {
        return Vec::new();
    }
    // A higher resolution asks for more, smaller clusters at both levels.
    let target = ((top_level_target(n) as f64 * settings.resolution).round() as usize).max(2);
    let floor = big_cluster_floor(n);
    let fine_count = fine[..n].iter().map(|&c| c as usize + 1).max().unwrap_or(0);

    let big_count = |labels: &[u32]| {
        let mut sizes = vec![0usize; labels.iter().map(|&c| c as usize + 1).max().unwrap_or(0)];
        for &c in labels {
            sizes[c as usize] += 1;
        }
        sizes.iter().filter(|&&s| s >= floor).count()
    };

    // 1) the coarsest grouping needed: the fine communities themselves if few are big
    let mut coarse: Vec<u32> = fine[..n].to_vec();
    if big_count(&coarse) > target {
        for &step in &RESOLUTION_STEPS[1..] {
            let s = LeidenSettings {
                resolution: settings.resolution * step,
                ..settings.clone()
            };
            coarse = detect(csr, algorithm, &s).membership;
            if big_count(&coarse) <= target {
                break;
            }
        }
    }

    // 2) each fine community goes whole to the coarse group most of its members are in
    let coarse_count = coarse.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let mut overlap = vec![std::collections::BTreeMap::<u32, usize>::new(); fine_count];
    for v in 0..n {
        *overlap[fine[v] as usize].entry(coarse[v]).or_insert(0) += 1;
    }
    let parent: Vec<u32> = overlap
        .iter()
        .map(|m| {
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map_or(0, |(&g, _)| g)
        })
        .collect();
    let mut top: Vec<u32> = (0..n).map(|v| parent[fine[v] as usize]).collect();

    // 3) small groups join the group they are most tied to (if any), smallest first
    for _ in 0..coarse_count {
        let groups = top.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut sizes = vec![0usize; groups];
        for &c in &top {
            sizes[c as usize] += 1;
        }
        let mut small: Vec<usize> = (0..groups)
            .filter(|&g| sizes[g] > 0 && sizes[g] < floor)
            .collect();
        small.sort_by_key(|&g| (sizes[g], g));
        let mut moved = false;
        for g in small {
            let mut ties = vec![0.0f64; groups];
            for v in (0..n).filter(|&v| top[v] as usize == g) {
                let (nbrs, weights) = csr.neighbors(v);
                for (&u, &w) in nbrs.iter().zip(weights) {
                    let h = top[u as usize] as usize;
                    if h != g {
                        ties[h] += w as f64;
                    }
                }
            }
            let best = (0..groups)
                .filter(|&h| ties[h] > 0.0 && sizes[h] >= sizes[g])
                .max_by(|&a, &b| ties[a].total_cmp(&ties[b]).then(b.cmp(&a)));
            if let Some(h) = best {
                for c in top.iter_mut().filter(|c| **c as usize == g) {
                    *c = h as u32;
                }
                moved = true;
                break;
            }
        }
        if !moved {
            break;
        }
    }
    relabel_dense(&mut top);
    top
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::planted_partition;
    use crate::Csr;

    #[test]
    fn targets_grow_with_the_network_and_stop_at_twelve() {
        assert_eq!(top_level_target(30), 3);
        assert_eq!(top_level_target(500), 8);
        assert_eq!(top_level_target(30_000), 12);
        assert_eq!(big_cluster_floor(50), 3);
        assert_eq!(big_cluster_floor(1_650), 17);
    }

    #[test]
    fn many_communities_fold_into_a_few_nested_top_level_groups() {
        // 40 planted groups of 40: the fine level finds about 40, the top at most 12.
        let g = planted_partition(1_600, 40, 12.0, 0.05, 5);
        let csr = g.csr;
        let settings = LeidenSettings::with_seed(1);
        let fine = detect(&csr, Algorithm::Leiden, &settings).membership;
        let fine_count = fine.iter().copied().max().unwrap_or(0) + 1;
        assert!(fine_count > 20, "{fine_count}");
        let top = top_level(&csr, &fine, Algorithm::Leiden, &settings);
        let top_count = top.iter().copied().max().unwrap_or(0) as usize + 1;
        assert!(top_count <= top_level_target(1_600), "{top_count}");
        assert!(top_count >= 3, "{top_count}");
        // nested: a fine community never spans two top-level groups
        for c in 0..fine_count {
            let mut tops: Vec<u32> = (0..fine.len())
                .filter(|&v| fine[v] == c)
                .map(|v| top[v])
                .collect();
            tops.dedup();
            assert!(tops.len() <= 1, "fine {c} in {tops:?}");
        }
    }

    #[test]
    fn few_communities_stay_as_they_are() {
        let g = planted_partition(300, 5, 12.0, 0.02, 2);
        let csr = g.csr;
        let settings = LeidenSettings::with_seed(1);
        let mut fine = detect(&csr, Algorithm::Leiden, &settings).membership;
        let top = top_level(&csr, &fine, Algorithm::Leiden, &settings);
        relabel_dense(&mut fine);
        assert_eq!(top, fine);
    }
}
