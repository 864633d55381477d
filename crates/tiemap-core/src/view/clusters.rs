//! Where each cluster's name goes: the weighted centroid of its members.

/// One cluster's anchor on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterAnchor {
    /// The cluster id (as the nodes carry it).
    pub cluster: u32,
    /// Weighted centroid of the members, graph space.
    pub center_in_graph: [f32; 2],
    /// Number of members with a finite position.
    pub members: u32,
    /// Sum of the members' weights.
    pub weight: f32,
}

/// The weighted centroid of each cluster's members (weight `weight_of(i)`, at least a small
/// positive floor so clusters of weight-0 nodes still get a centre). Nodes with non-finite
/// positions are skipped. The result is sorted by descending member count, then by cluster id,
/// so the biggest clusters are named first.
pub fn cluster_anchors(
    pos_in_graph: &[f32],
    cluster_of: impl Fn(usize) -> Option<u32>,
    weight_of: impl Fn(usize) -> f32,
) -> Vec<ClusterAnchor> {
    let mut sums: std::collections::BTreeMap<u32, (f64, f64, f64, u32)> = Default::default();
    for (i, p) in pos_in_graph.chunks_exact(2).enumerate() {
        if !(p[0].is_finite() && p[1].is_finite()) {
            continue;
        }
        let Some(c) = cluster_of(i) else { continue };
        let w = weight_of(i);
        let w = if w.is_finite() {
            w.max(0.0) as f64
        } else {
            0.0
        } + 1e-3;
        let e = sums.entry(c).or_default();
        e.0 += p[0] as f64 * w;
        e.1 += p[1] as f64 * w;
        e.2 += w;
        e.3 += 1;
    }
    let mut out: Vec<ClusterAnchor> = sums
        .into_iter()
        .map(|(cluster, (x, y, w, n))| ClusterAnchor {
            cluster,
            center_in_graph: [(x / w) as f32, (y / w) as f32],
            members: n,
            weight: w as f32,
        })
        .collect();
    // `sums` is in cluster order, and the sort is stable.
    crate::order::sort_by_number(&mut out, |a| u128::from(u32::MAX - a.members));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centroid_is_weighted_and_biggest_cluster_comes_first() {
        let pos = [
            0.0,
            0.0,
            10.0,
            0.0,
            100.0,
            100.0,
            102.0,
            100.0,
            104.0,
            100.0,
            f32::NAN,
            0.0,
        ];
        let cluster = [7, 7, 3, 3, 3, 3];
        let weight = [3.0, 1.0, 1.0, 1.0, 1.0, 50.0];
        let a = cluster_anchors(&pos, |i| Some(cluster[i]), |i| weight[i]);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].cluster, 3);
        assert_eq!(a[0].members, 3, "the NaN member is skipped");
        assert!((a[0].center_in_graph[0] - 102.0).abs() < 1e-3);
        assert_eq!(a[1].cluster, 7);
        // (0*3 + 10*1) / 4 = 2.5, pulled towards the heavier node
        assert!((a[1].center_in_graph[0] - 2.5).abs() < 0.01, "{:?}", a[1]);
    }

    #[test]
    fn nodes_without_a_cluster_are_not_anchored() {
        let pos = [0.0, 0.0, 1.0, 1.0];
        let a = cluster_anchors(&pos, |i| (i == 1).then_some(4), |_| 0.0);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].center_in_graph, [1.0, 1.0]);
    }
}
