//! Persistent cluster ids across re-runs.
//!
//! After a re-run (another resolution, other tie signals, another seed, a newer export of the
//! same person) the new communities are matched to the previous ones by the overlap of node
//! keys, so each keeps its persistent id, and with it its colour and the name the person gave
//! it. Node sets may differ between runs, hence keys (strings) rather than indices.
//!
//! Matching is **greedy by largest overlap**, one to one: all (previous, new) pairs that share
//! at least one key are ranked by Jaccard similarity of their key sets (ties: larger shared
//! count, then smaller previous id, then smaller new community id) and accepted in that order
//! when neither side is matched yet and the Jaccard similarity is at least the threshold
//! ([`MIN_JACCARD`] by default). So when a cluster splits, the larger part keeps the id; when
//! two merge, the merged cluster keeps the id of the one it overlaps most. Unmatched new
//! communities get fresh ids, in the order of their community ids (largest first).

use std::collections::HashMap;

/// Least Jaccard similarity of key sets for a new community to inherit a previous id.
pub const MIN_JACCARD: f64 = 0.2;

/// Persistent ids of one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StableLabels {
    /// Persistent cluster id of each node, in the order of the keys given.
    pub ids: Vec<u32>,
    /// The next id never handed out; pass it to the next call.
    pub next_free_id: u32,
}

/// Persistent ids for `membership` (one community id per key in `keys`), inheriting the ids of
/// `previous` (`(key, persistent id)` of the last run) with the [`MIN_JACCARD`] threshold.
/// Fresh ids start at `next_free_id` (or above every previous id, if that is larger).
/// Extra entries of the longer of `keys` and `membership` are ignored.
pub fn stabilize(
    previous: &[(String, u32)],
    keys: &[String],
    membership: &[u32],
    next_free_id: u32,
) -> StableLabels {
    stabilize_with(previous, keys, membership, next_free_id, MIN_JACCARD)
}

/// [`stabilize`] with an explicit Jaccard threshold.
pub fn stabilize_with(
    previous: &[(String, u32)],
    keys: &[String],
    membership: &[u32],
    next_free_id: u32,
    min_jaccard: f64,
) -> StableLabels {
    let n = keys.len().min(membership.len());
    let mut dense = membership[..n].to_vec();
    let count = super::relabel_dense(&mut dense);
    // Previous id of each key (the first entry wins if a key repeats) and previous sizes.
    let mut previous_of: HashMap<&str, u32> = HashMap::with_capacity(previous.len());
    let mut previous_size: HashMap<u32, usize> = HashMap::new();
    for (key, id) in previous {
        if previous_of.insert(key.as_str(), *id).is_none() {
            *previous_size.entry(*id).or_insert(0) += 1;
        }
    }
    let mut new_size = vec![0usize; count];
    let mut shared: HashMap<(u32, u32), usize> = HashMap::new();
    for (key, &c) in keys.iter().zip(&dense) {
        new_size[c as usize] += 1;
        if let Some(&p) = previous_of.get(key.as_str()) {
            *shared.entry((p, c)).or_insert(0) += 1;
        }
    }
    struct Pair {
        previous: u32,
        new: u32,
        shared: usize,
        jaccard: f64,
    }
    let mut candidates: Vec<Pair> = shared
        .into_iter()
        .map(|((p, c), s)| {
            let union = previous_size.get(&p).copied().unwrap_or(0) + new_size[c as usize] - s;
            Pair {
                previous: p,
                new: c,
                shared: s,
                jaccard: s as f64 / union.max(1) as f64,
            }
        })
        .filter(|pair| pair.jaccard >= min_jaccard)
        .collect();
    candidates.sort_by(|x, y| {
        y.jaccard
            .total_cmp(&x.jaccard)
            .then(y.shared.cmp(&x.shared))
            .then(x.previous.cmp(&y.previous))
            .then(x.new.cmp(&y.new))
    });
    let mut assigned: Vec<Option<u32>> = vec![None; count];
    let mut taken: Vec<u32> = Vec::new();
    for pair in &candidates {
        if assigned[pair.new as usize].is_none() && !taken.contains(&pair.previous) {
            assigned[pair.new as usize] = Some(pair.previous);
            taken.push(pair.previous);
        }
    }
    let mut next = previous
        .iter()
        .map(|(_, id)| id.saturating_add(1))
        .max()
        .unwrap_or(0)
        .max(next_free_id);
    // Dense ids are by first appearance; hand fresh ids out in the order of the caller's
    // community ids (largest first when they come from `leiden`).
    let mut order: Vec<(u32, u32)> = Vec::with_capacity(count);
    let mut seen = vec![false; count];
    for (&original, &c) in membership[..n].iter().zip(&dense) {
        if !seen[c as usize] {
            seen[c as usize] = true;
            order.push((original, c));
        }
    }
    order.sort_unstable();
    for &(_, c) in &order {
        if assigned[c as usize].is_none() {
            assigned[c as usize] = Some(next);
            next = next.saturating_add(1);
        }
    }
    StableLabels {
        ids: dense
            .iter()
            .map(|&c| assigned[c as usize].unwrap_or(u32::MAX))
            .collect(),
        next_free_id: next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("k{i}")).collect()
    }

    fn previous(keys: &[String], ids: &[u32]) -> Vec<(String, u32)> {
        keys.iter().cloned().zip(ids.iter().copied()).collect()
    }

    #[test]
    fn first_run_numbers_by_community_id() {
        let k = keys(5);
        let s = stabilize(&[], &k, &[1, 0, 0, 2, 1], 0);
        assert_eq!(s.ids, vec![1, 0, 0, 2, 1]);
        assert_eq!(s.next_free_id, 3);
    }

    #[test]
    fn relabelled_and_shuffled_partitions_map_back() {
        let k = keys(9);
        let prev = previous(&k, &[10, 10, 10, 11, 11, 11, 12, 12, 12]);
        // Same communities, other ids, nodes in another order.
        let order = [8usize, 3, 0, 5, 7, 1, 4, 2, 6];
        let shuffled: Vec<String> = order.iter().map(|&i| k[i].clone()).collect();
        let truth = [10u32, 10, 10, 11, 11, 11, 12, 12, 12];
        let new_membership: Vec<u32> = order.iter().map(|&i| [2, 0, 1][i / 3]).collect();
        let s = stabilize(&prev, &shuffled, &new_membership, 13);
        let expected: Vec<u32> = order.iter().map(|&i| truth[i]).collect();
        assert_eq!(s.ids, expected);
        assert_eq!(s.next_free_id, 13);
    }

    #[test]
    fn split_keeps_the_id_on_the_larger_part() {
        let k = keys(10);
        let prev = previous(&k, &[4; 10]);
        let s = stabilize(&prev, &k, &[0, 0, 0, 1, 1, 1, 1, 1, 1, 1], 5);
        assert_eq!(s.ids, vec![5, 5, 5, 4, 4, 4, 4, 4, 4, 4]);
        assert_eq!(s.next_free_id, 6);
    }

    #[test]
    fn merge_keeps_the_id_of_the_larger_overlap() {
        let k = keys(8);
        let prev = previous(&k, &[1, 1, 1, 1, 1, 2, 2, 2]);
        let s = stabilize(&prev, &k, &[0; 8], 3);
        assert_eq!(s.ids, vec![1; 8]);
        assert_eq!(s.next_free_id, 3);
    }

    #[test]
    fn changed_node_sets_and_threshold() {
        let k = keys(6);
        let prev = previous(&k, &[0, 0, 0, 1, 1, 1]);
        // k0..k2 gone; three new people join community 1's successor; a new unrelated group.
        let mut now: Vec<String> = k[3..].to_vec();
        now.extend(["a", "b", "c", "x", "y"].map(String::from));
        let s = stabilize(&prev, &now, &[0, 0, 0, 0, 0, 0, 1, 1], 2);
        // {k3,k4,k5,a,b,c} vs previous {k3,k4,k5}: Jaccard 0.5 -> id 1; {x,y} is new.
        assert_eq!(s.ids, vec![1, 1, 1, 1, 1, 1, 2, 2]);
        assert_eq!(s.next_free_id, 3);
        // A weak overlap under the threshold does not inherit.
        let s = stabilize_with(&prev, &now, &[0, 0, 0, 0, 0, 0, 1, 1], 2, 0.6);
        assert_eq!(s.ids, vec![2, 2, 2, 2, 2, 2, 3, 3]);
        assert_eq!(s.next_free_id, 4);
    }
}
