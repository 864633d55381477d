//! How well a drawing shows known groups: the silhouette of the groups in the plane and the
//! share of each node's nearest drawn neighbours that are in its own group.

use super::quadtree::QuadTree;
use super::LayoutError;
use crate::community::relabel_dense;
use crate::rng::Rng;

/// Up to this many nodes the silhouette is exact; above, it is computed on a seeded sample of
/// this many nodes.
pub const SILHOUETTE_EXACT_MAX: usize = 2_000;

/// The silhouette of `groups` (one label per node) in the drawing `pos_in_graph`
/// (`[x0, y0, ...]`), in `[-1, 1]`: for each node, `a` is its mean distance to the other
/// members of its group, `b` the smallest mean distance to the members of another group, and
/// its score `(b - a) / max(a, b)` (0 for a node alone in its group); the result is the mean
/// score. 1 is perfectly separated tight groups, 0 no structure.
///
/// Exact (all pairs) for up to [`SILHOUETTE_EXACT_MAX`] nodes. Above that, a seeded uniform
/// sample of [`SILHOUETTE_EXACT_MAX`] nodes is drawn and the silhouette of the sample is taken
/// (distances among sampled nodes only, as scikit-learn's `silhouette_score(sample_size=..)`),
/// an unbiased estimate with a standard error of about 0.01. A single group gives 0.
pub fn silhouette(pos_in_graph: &[f32], groups: &[u32], seed: u64) -> Result<f32, LayoutError> {
    let n = check(pos_in_graph, groups)?;
    let mut labels = groups.to_vec();
    let group_count = relabel_dense(&mut labels);
    if group_count < 2 || n < 2 {
        return Ok(0.0);
    }
    let mut sample: Vec<usize> = (0..n).collect();
    if n > SILHOUETTE_EXACT_MAX {
        Rng::new(seed).shuffle(&mut sample);
        sample.truncate(SILHOUETTE_EXACT_MAX);
        sample.sort_unstable();
    }
    let mut counts = vec![0usize; group_count];
    for &i in &sample {
        counts[labels[i] as usize] += 1;
    }
    let mut sums = vec![0.0f64; group_count];
    let mut total = 0.0f64;
    for &i in &sample {
        sums.iter_mut().for_each(|s| *s = 0.0);
        let (xi, yi) = (pos_in_graph[2 * i], pos_in_graph[2 * i + 1]);
        for &j in &sample {
            let dx = (xi - pos_in_graph[2 * j]) as f64;
            let dy = (yi - pos_in_graph[2 * j + 1]) as f64;
            sums[labels[j] as usize] += (dx * dx + dy * dy).sqrt();
        }
        let own = labels[i] as usize;
        if counts[own] < 2 {
            continue; // alone in its group: score 0
        }
        let a = sums[own] / (counts[own] - 1) as f64;
        let b = (0..group_count)
            .filter(|&g| g != own && counts[g] > 0)
            .map(|g| sums[g] / counts[g] as f64)
            .fold(f64::INFINITY, f64::min);
        let m = a.max(b);
        if m > 0.0 && b.is_finite() {
            total += (b - a) / m;
        }
    }
    Ok((total / sample.len() as f64) as f32)
}

/// The mean, over all nodes, of the share of its `k` nearest drawn neighbours (ties broken by
/// node index) that are in its own group. Uses the quadtree: `O(n log n)`. A random drawing
/// scores about the size of a node's group over `n`; a perfect one 1.
pub fn knn_group_share(pos_in_graph: &[f32], groups: &[u32], k: usize) -> Result<f32, LayoutError> {
    let n = check(pos_in_graph, groups)?;
    if n < 2 || k == 0 {
        return Ok(0.0);
    }
    let mut tree = QuadTree::new(8);
    tree.build(pos_in_graph, &[], &[]);
    let mut out = Vec::with_capacity(k + 1);
    let mut total = 0.0f64;
    for v in 0..n {
        tree.k_nearest(
            pos_in_graph[2 * v],
            pos_in_graph[2 * v + 1],
            k,
            Some(v as u32),
            &mut out,
        );
        if out.is_empty() {
            continue;
        }
        let same = out
            .iter()
            .filter(|&&(_, u)| groups.get(u as usize) == Some(&groups[v]))
            .count();
        total += same as f64 / out.len() as f64;
    }
    Ok((total / n as f64) as f32)
}

fn check(pos_in_graph: &[f32], groups: &[u32]) -> Result<usize, LayoutError> {
    let n = groups.len();
    if pos_in_graph.len() != 2 * n {
        return Err(LayoutError::GroupsLength {
            expected: pos_in_graph.len() / 2,
            got: n,
        });
    }
    if let Some(i) = pos_in_graph.iter().position(|x| !x.is_finite()) {
        return Err(LayoutError::NonFinitePosition { node: i / 2 });
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `groups` blobs of `per` points: blob g around (g * gap, 0), radius 1.
    fn blobs(groups: usize, per: usize, gap: f32, seed: u64) -> (Vec<f32>, Vec<u32>) {
        let mut rng = Rng::new(seed);
        let mut pos = Vec::new();
        let mut labels = Vec::new();
        for g in 0..groups {
            for _ in 0..per {
                pos.push(g as f32 * gap + rng.next_f32() - 0.5);
                pos.push(rng.next_f32() - 0.5);
                labels.push(g as u32 * 7 + 3);
            }
        }
        (pos, labels)
    }

    #[test]
    fn separated_blobs_score_high_and_mixed_ones_low() {
        let (pos, labels) = blobs(4, 100, 50.0, 1);
        let s = silhouette(&pos, &labels, 0).unwrap_or(f32::NAN);
        assert!(s > 0.9, "{s}");
        assert!(knn_group_share(&pos, &labels, 10).unwrap_or(0.0) > 0.99);
        let (pos, labels) = blobs(4, 100, 0.0, 1);
        let s = silhouette(&pos, &labels, 0).unwrap_or(f32::NAN);
        assert!(s.abs() < 0.1, "{s}");
        let share = knn_group_share(&pos, &labels, 10).unwrap_or(1.0);
        assert!(share < 0.4, "{share}");
    }

    #[test]
    fn exact_silhouette_of_a_hand_case() {
        // Group 0 at x = 0 and 1, group 1 at x = 10 and 11.
        let pos = [0.0, 0.0, 1.0, 0.0, 10.0, 0.0, 11.0, 0.0];
        let labels = [0, 0, 1, 1];
        // Node 0: a = 1, b = 10.5 -> 9.5/10.5; node 1: a = 1, b = 9.5 -> 8.5/9.5; symmetric.
        let want = (9.5 / 10.5 + 8.5 / 9.5) / 2.0;
        let got = silhouette(&pos, &labels, 0).unwrap_or(f32::NAN);
        assert!((got - want as f32).abs() < 1e-6, "{got} vs {want}");
    }

    #[test]
    fn sampled_silhouette_is_close_to_exact_and_seeded() {
        let (pos, labels) = blobs(5, 600, 6.0, 2); // 3,000 nodes: sampled
        let s1 = silhouette(&pos, &labels, 1).unwrap_or(f32::NAN);
        assert_eq!(s1, silhouette(&pos, &labels, 1).unwrap_or(f32::NAN));
        let s2 = silhouette(&pos, &labels, 2).unwrap_or(f32::NAN);
        assert_ne!(s1, s2);
        // brute force over all 3,000 nodes
        let n = labels.len();
        let mut total = 0.0f64;
        for i in 0..n {
            let mut sums = [0.0f64; 5];
            for j in 0..n {
                let d = ((pos[2 * i] - pos[2 * j]) as f64)
                    .hypot((pos[2 * i + 1] - pos[2 * j + 1]) as f64);
                sums[(labels[j] / 7) as usize] += d;
            }
            let own = (labels[i] / 7) as usize;
            let a = sums[own] / 599.0;
            let b = (0..5)
                .filter(|&g| g != own)
                .map(|g| sums[g] / 600.0)
                .fold(f64::INFINITY, f64::min);
            total += (b - a) / a.max(b);
        }
        let exact = (total / n as f64) as f32;
        assert!(s1 > 0.5, "{s1}");
        assert!(
            (s1 - exact).abs() < 0.03 && (s2 - exact).abs() < 0.03,
            "{s1} {s2} vs {exact}"
        );
    }

    #[test]
    fn mismatched_lengths_are_errors() {
        assert!(matches!(
            silhouette(&[0.0; 6], &[0, 1], 0),
            Err(LayoutError::GroupsLength {
                expected: 3,
                got: 2
            })
        ));
        assert!(knn_group_share(&[0.0, f32::NAN], &[0], 3).is_err());
    }
}
