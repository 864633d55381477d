//! Leiden (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing
//! well-connected communities") and Louvain, optimising modularity with a resolution.
//!
//! One pass of Leiden, on graph `G` with partition `P`:
//! 1) fast local moving: nodes in a queue (random order) each move to the neighbouring (or an
//!    empty) community with the best modularity gain; the neighbours of a moved node that are
//!    not in its new community go back in the queue;
//! 2) refinement: inside each community of `P`, start from singletons and merge well-connected
//!    singletons into well-connected refined communities (randomly, favouring larger gains), so
//!    every refined community is connected;
//! 3) aggregation: one node per refined community; its starting community is its community in
//!    `P`. Repeat on the aggregated graph until refinement merges nothing.
//!
//! Passes repeat from the previous result until a pass moves no node. Louvain skips 2) and
//! aggregates by `P` itself. All state lives in flat arrays reused between levels; there is no
//! hash map in the hot loops.

use super::graph::WorkGraph;
use super::{relabel_dense, renumber_by_size, LeidenSettings, Partition};
use crate::model::Csr;
use crate::rng::Rng;
use std::collections::VecDeque;

/// Leiden community detection optimising modularity at `settings.resolution`.
///
/// Every community of the result is connected. Nodes without ties are communities of their own.
pub fn leiden(csr: &Csr, settings: &LeidenSettings) -> Partition {
    run(csr, settings, Method::Leiden, &mut |_| {})
}

/// [`leiden`], telling `progress` after each pass how far it is from done (0 to 1).
pub fn leiden_telling(
    csr: &Csr,
    settings: &LeidenSettings,
    progress: &mut dyn FnMut(f32),
) -> Partition {
    run(csr, settings, Method::Leiden, progress)
}

/// Louvain community detection (Blondel et al. 2008) with the same fast local moving, for
/// comparison. Its communities may be disconnected in theory; the result splits them into
/// connected parts (which never lowers modularity), so the two methods return the same kind of
/// partition.
pub fn louvain(csr: &Csr, settings: &LeidenSettings) -> Partition {
    run(csr, settings, Method::Louvain, &mut |_| {})
}

/// [`louvain`], telling `progress` after each pass how far it is from done (0 to 1).
pub fn louvain_telling(
    csr: &Csr,
    settings: &LeidenSettings,
    progress: &mut dyn FnMut(f32),
) -> Partition {
    run(csr, settings, Method::Louvain, progress)
}

/// [`leiden`] starting from `initial` (one community id per node of `csr`) instead of
/// singletons: passes move nodes only where the graph asks for it, so a graph that differs from
/// the one `initial` was found on in a few ties keeps its communities elsewhere (a cold start
/// visits the nodes in another random order and may draw them all anew). Deterministic for
/// the same graph, start and seed; ids past `initial`'s end start as singletons.
pub fn leiden_from(csr: &Csr, settings: &LeidenSettings, initial: &[u32]) -> Partition {
    let base = WorkGraph::from_csr(csr);
    let n = base.node_count();
    let mut start: Vec<u32> = (0..n)
        .map(|v| initial.get(v).copied().unwrap_or(u32::MAX - v as u32))
        .collect();
    relabel_dense(&mut start);
    let membership = optimise_from(&base, settings, Method::Leiden, start, &mut |_| {});
    partition_of(csr, &membership, settings.resolution)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Leiden,
    Louvain,
}

fn run(
    csr: &Csr,
    settings: &LeidenSettings,
    method: Method,
    progress: &mut dyn FnMut(f32),
) -> Partition {
    let base = WorkGraph::from_csr(csr);
    let membership = optimise(&base, settings, method, progress);
    partition_of(csr, &membership, settings.resolution)
}

/// `membership` on `csr` as a [`Partition`]: ids by size, and its modularity.
fn partition_of(csr: &Csr, membership: &[u32], resolution: f64) -> Partition {
    let (membership, community_count) = renumber_by_size(membership);
    let modularity = super::modularity(csr, &membership, resolution).unwrap_or(0.0);
    Partition {
        membership,
        community_count,
        modularity,
    }
}

/// Groups the communities of `fine` (one id per node of `csr`, dense `0..count`) into coarser
/// ones at `settings.resolution`: the method runs on the graph with one node per community
/// (ties between communities summed, ties inside kept as self-loops), where modularity is the
/// same as on `csr` for every grouping of whole communities, so a lower resolution costs a
/// run over a few hundred nodes instead of the whole graph. Returns each fine community's
/// group (dense ids by size); every member of a fine community is in its group.
pub fn group_communities(
    csr: &Csr,
    fine: &[u32],
    count: usize,
    settings: &LeidenSettings,
    algorithm: super::Algorithm,
) -> Vec<u32> {
    let method = match algorithm {
        super::Algorithm::Leiden => Method::Leiden,
        super::Algorithm::Louvain => Method::Louvain,
    };
    let base = WorkGraph::from_csr(csr).aggregate(fine, count);
    renumber_by_size(&optimise(&base, settings, method, &mut |_| {})).0
}

/// The membership the method finds on `base`, starting from singletons.
fn optimise(
    base: &WorkGraph,
    settings: &LeidenSettings,
    method: Method,
    progress: &mut dyn FnMut(f32),
) -> Vec<u32> {
    let singletons = (0..base.node_count() as u32).collect();
    optimise_from(base, settings, method, singletons, progress)
}

/// The membership the method finds on `base`, starting from `membership` (dense ids).
fn optimise_from(
    base: &WorkGraph,
    settings: &LeidenSettings,
    method: Method,
    mut membership: Vec<u32>,
    progress: &mut dyn FnMut(f32),
) -> Vec<u32> {
    let n = base.node_count();
    if n > 0 && base.total_strength > 0.0 {
        let mut rng = Rng::new(settings.seed);
        let mut work = Workspace::default();
        let resolution = settings.resolution.max(0.0) / base.total_strength;
        let passes = if settings.iterations == 0 {
            LeidenSettings::MAX_PASSES
        } else {
            settings.iterations
        };
        let mut last_quality = quality(base, &membership, settings.resolution);
        let mut first_gain: Option<f64> = None;
        // passes in a row that added less than `MIN_PASS_GAIN`
        let mut small = 0;
        for _ in 0..passes {
            let moved = one_pass(
                base,
                &mut membership,
                resolution,
                settings,
                method,
                &mut rng,
                &mut work,
            );
            if settings.iterations == 0 {
                if !moved {
                    break;
                }
                // Later passes move a few nodes for a sliver of modularity each (a bursty
                // 30,000-person export: 21 passes, the last 15 adding 0.0004 in all): stop
                // when two passes in a row add less than `MIN_PASS_GAIN` each.
                let q = quality(base, &membership, settings.resolution);
                let gain = q - last_quality;
                last_quality = q;
                progress(pass_progress(
                    first_gain.get_or_insert(gain).max(gain),
                    gain,
                ));
                small = if gain < LeidenSettings::MIN_PASS_GAIN {
                    small + 1
                } else {
                    0
                };
                if small >= 2 {
                    break;
                }
            }
        }
        // Leiden's communities are connected by construction (the property tests check it);
        // Louvain's may not be.
        if method == Method::Louvain {
            split_disconnected(base, &mut membership);
        }
    }
    membership
}

/// How far passes are from done, 0 to 1, when the first added `first` modularity and the last
/// `gain`: gains shrink about geometrically, and passes stop under `MIN_PASS_GAIN`.
fn pass_progress(first: f64, gain: f64) -> f32 {
    let floor = LeidenSettings::MIN_PASS_GAIN;
    if gain <= floor || first <= floor {
        return 1.0;
    }
    ((first / gain).ln() / (first / floor).ln()).clamp(0.0, 1.0) as f32
}

/// Modularity of `membership` on `base` at `resolution` (ties inside communities, self-loops
/// included, minus what chance would put there), O(ties).
fn quality(base: &WorkGraph, membership: &[u32], resolution: f64) -> f64 {
    let total = base.total_strength;
    if total <= 0.0 {
        return 0.0;
    }
    let mut inside = 0.0;
    let mut strength = vec![0.0f64; base.node_count()];
    for v in 0..base.node_count() {
        let c = membership[v];
        inside += base.self_weight[v];
        if let Some(s) = strength.get_mut(c as usize) {
            *s += base.strength[v] + base.self_weight[v];
        }
        let (ns, ws) = base.row(v);
        for (&u, &w) in ns.iter().zip(ws) {
            if membership[u as usize] == c {
                inside += w;
            }
        }
    }
    let expected: f64 = strength.iter().map(|s| (s / total) * (s / total)).sum();
    inside / total - resolution * expected
}

/// Buffers reused across levels and passes.
#[derive(Default)]
struct Workspace {
    /// Local moving: weight from the current node to each community (zero outside `touched`)
    /// and the community's total strength, side by side for one cache line per community.
    slots: Vec<(f64, f64)>,
    /// Refinement: weight from the current node to each refined community.
    weight_to: Vec<f64>,
    touched: Vec<u32>,
    /// Total strength of each community.
    community_strength: Vec<f64>,
    community_size: Vec<u32>,
    empty: Vec<u32>,
    queue: VecDeque<u32>,
    queued: Vec<bool>,
    order: Vec<u32>,
    /// Refinement: refined community of each node, its strength, size, and the weight of its
    /// ties to the rest of its (non-refined) community.
    refined: Vec<u32>,
    refined_strength: Vec<f64>,
    refined_size: Vec<u32>,
    refined_external: Vec<f64>,
    candidates: Vec<(u32, f64)>,
}

/// One full pass from `membership` (ids of nodes of `base`, any values `< n`). Returns whether
/// any node moved.
fn one_pass(
    base: &WorkGraph,
    membership: &mut [u32],
    resolution: f64,
    settings: &LeidenSettings,
    method: Method,
    rng: &mut Rng,
    work: &mut Workspace,
) -> bool {
    let n = base.node_count();
    // Original node -> node of the current (aggregated) graph.
    let mut node_to_current: Vec<u32> = (0..n as u32).collect();
    let mut current_membership: Vec<u32> = membership.to_vec();
    let mut aggregated: Option<WorkGraph> = None;
    let mut moved_any = false;
    let mut level = 0usize;
    loop {
        let graph = aggregated.as_ref().unwrap_or(base);
        // 1) fast local moving
        moved_any |= move_nodes(graph, &mut current_membership, resolution, rng, work);
        let count = relabel_dense(&mut current_membership);
        if count == graph.node_count() {
            break;
        }
        level += 1;
        if settings.max_levels > 0 && level >= settings.max_levels {
            break;
        }
        // 2) refinement (Leiden) and 3) aggregation
        let (next, next_membership) = match method {
            Method::Leiden => {
                let refined_count = refine(
                    graph,
                    &current_membership,
                    count,
                    resolution,
                    settings.randomness,
                    rng,
                    work,
                );
                if refined_count == graph.node_count() {
                    break;
                }
                let refined = &work.refined;
                let next = graph.aggregate(refined, refined_count);
                let mut next_membership = vec![0u32; refined_count];
                for (v, &r) in refined.iter().enumerate() {
                    next_membership[r as usize] = current_membership[v];
                }
                for x in node_to_current.iter_mut() {
                    *x = refined[*x as usize];
                }
                (next, next_membership)
            }
            Method::Louvain => {
                let next = graph.aggregate(&current_membership, count);
                for x in node_to_current.iter_mut() {
                    *x = current_membership[*x as usize];
                }
                (next, (0..count as u32).collect())
            }
        };
        aggregated = Some(next);
        current_membership = next_membership;
    }
    for (m, &x) in membership.iter_mut().zip(&node_to_current) {
        *m = current_membership[x as usize];
    }
    moved_any
}

/// Fast local moving (Leiden's queue-based variant). `membership` ids are `< n`. Returns whether
/// any node changed community.
fn move_nodes(
    graph: &WorkGraph,
    membership: &mut [u32],
    resolution: f64,
    rng: &mut Rng,
    work: &mut Workspace,
) -> bool {
    let n = graph.node_count();
    let Workspace {
        slots,
        touched,
        community_size,
        empty,
        queue,
        queued,
        order,
        ..
    } = work;
    slots.clear();
    slots.resize(n, (0.0, 0.0));
    community_size.clear();
    community_size.resize(n, 0);
    for (v, &c) in membership.iter().enumerate() {
        slots[c as usize].1 += graph.strength[v];
        community_size[c as usize] += 1;
    }
    empty.clear();
    empty.extend(
        (0..n as u32)
            .rev()
            .filter(|&c| community_size[c as usize] == 0),
    );
    order.clear();
    order.extend(0..n as u32);
    rng.shuffle(order);
    queue.clear();
    queue.extend(order.iter().copied());
    queued.clear();
    queued.resize(n, true);

    let mut moved = false;
    while let Some(v) = queue.pop_front() {
        let v = v as usize;
        queued[v] = false;
        let own = membership[v];
        let k = graph.strength[v];
        let (ns, ws) = graph.row(v);
        for (&u, &w) in ns.iter().zip(ws) {
            let c = membership[u as usize];
            if slots[c as usize].0 == 0.0 {
                touched.push(c);
            }
            slots[c as usize].0 += w;
        }
        slots[own as usize].1 -= k;
        community_size[own as usize] -= 1;
        let scaled = resolution * k;
        let mut best = own;
        let mut best_gain = slots[own as usize].0 - scaled * slots[own as usize].1;
        for &c in touched.iter() {
            let gain = slots[c as usize].0 - scaled * slots[c as usize].1;
            if gain > best_gain {
                best_gain = gain;
                best = c;
            }
        }
        // An empty community gains 0; only worth it if `own` still has other nodes.
        if best_gain < 0.0 && community_size[own as usize] > 0 {
            if let Some(&e) = empty.last() {
                best = e;
            }
        }
        for &c in touched.iter() {
            slots[c as usize].0 = 0.0;
        }
        touched.clear();
        slots[best as usize].1 += k;
        community_size[best as usize] += 1;
        if best != own {
            moved = true;
            membership[v] = best;
            if empty.last() == Some(&best) {
                empty.pop();
            }
            if community_size[own as usize] == 0 {
                empty.push(own);
            }
            for &u in ns {
                if !queued[u as usize] && membership[u as usize] != best {
                    queued[u as usize] = true;
                    queue.push_back(u);
                }
            }
        }
    }
    moved
}

/// Leiden's refinement of `membership` (ids `0..count`). Leaves the refined partition in
/// `work.refined` (ids `0..returned count`, by first appearance); every refined community is
/// connected and inside one community of `membership`.
fn refine(
    graph: &WorkGraph,
    membership: &[u32],
    count: usize,
    resolution: f64,
    randomness: f64,
    rng: &mut Rng,
    work: &mut Workspace,
) -> usize {
    let n = graph.node_count();
    let Workspace {
        weight_to,
        touched,
        community_strength,
        refined,
        refined_strength,
        refined_size,
        refined_external,
        candidates,
        order,
        ..
    } = work;
    community_strength.clear();
    community_strength.resize(count, 0.0);
    for (v, &c) in membership.iter().enumerate() {
        community_strength[c as usize] += graph.strength[v];
    }
    refined.clear();
    refined.extend(0..n as u32);
    refined_strength.clear();
    refined_strength.extend_from_slice(&graph.strength);
    refined_size.clear();
    refined_size.resize(n, 1);
    refined_external.clear();
    for (v, &c) in membership.iter().enumerate() {
        let (ns, ws) = graph.row(v);
        let external: f64 = ns
            .iter()
            .zip(ws)
            .filter(|(&u, _)| membership[u as usize] == c)
            .map(|(_, &w)| w)
            .sum();
        refined_external.push(external);
    }
    weight_to.clear();
    weight_to.resize(n, 0.0);
    order.clear();
    order.extend(0..n as u32);
    rng.shuffle(order);

    for &v in order.iter() {
        let v = v as usize;
        let own = refined[v];
        if refined_size[own as usize] != 1 {
            continue;
        }
        let c = membership[v] as usize;
        let k = graph.strength[v];
        let total = community_strength[c];
        // Only nodes well connected to their community move.
        if refined_external[own as usize] < resolution * k * (total - k) {
            continue;
        }
        let (ns, ws) = graph.row(v);
        for (&u, &w) in ns.iter().zip(ws) {
            if membership[u as usize] as usize != c {
                continue;
            }
            let r = refined[u as usize];
            if weight_to[r as usize] == 0.0 {
                touched.push(r);
            }
            weight_to[r as usize] += w;
        }
        refined_strength[own as usize] = 0.0;
        refined_size[own as usize] = 0;
        // Candidates: staying alone (gain 0) and well-connected refined communities with a
        // non-negative gain.
        candidates.clear();
        candidates.push((own, 0.0));
        let mut best_gain = 0.0f64;
        for &r in touched.iter() {
            let strength_r = refined_strength[r as usize];
            if refined_external[r as usize] < resolution * strength_r * (total - strength_r) {
                continue;
            }
            let gain = weight_to[r as usize] - resolution * k * strength_r;
            if gain >= 0.0 {
                candidates.push((r, gain));
                best_gain = best_gain.max(gain);
            }
        }
        let chosen = choose(candidates, best_gain, randomness, rng);
        if chosen != own {
            let r = chosen as usize;
            refined[v] = chosen;
            refined_strength[r] += k;
            refined_size[r] += 1;
            refined_external[r] += refined_external[own as usize] - 2.0 * weight_to[r];
        } else {
            refined_strength[own as usize] = k;
            refined_size[own as usize] = 1;
        }
        for &r in touched.iter() {
            weight_to[r as usize] = 0.0;
        }
        touched.clear();
    }
    relabel_dense(refined)
}

/// Picks a candidate with probability proportional to `exp((gain - best) / randomness)`, or
/// the first best one when `randomness` is 0. The gains are overwritten with those weights (each
/// `exp` is worked out once: wasm has no fast one, and it was a tenth of Leiden's time there).
fn choose(candidates: &mut [(u32, f64)], best_gain: f64, randomness: f64, rng: &mut Rng) -> u32 {
    let first_best = candidates
        .iter()
        .find(|(_, g)| *g >= best_gain)
        .or(candidates.first())
        .map(|(c, _)| *c)
        .unwrap_or(0);
    if randomness <= 0.0 || candidates.len() == 1 {
        return first_best;
    }
    // exp(-50) is below f64's precision next to the best candidate's weight of 1: skip it.
    let mut total = 0.0f64;
    for (_, g) in candidates.iter_mut() {
        let x = (*g - best_gain) / randomness;
        *g = if x < -50.0 { 0.0 } else { x.exp() };
        total += *g;
    }
    let mut target = rng.next_f64() * total;
    for &(c, weight) in candidates.iter() {
        target -= weight;
        if target < 0.0 {
            return c;
        }
    }
    first_best
}

/// Splits every community that is not connected in `graph` into its connected parts. Splitting
/// parts with no tie between them raises modularity, so this only helps.
fn split_disconnected(graph: &WorkGraph, membership: &mut [u32]) {
    let n = graph.node_count();
    let community: &[u32] = membership;
    let inside = (0..n).flat_map(|v| {
        let c = community[v];
        graph
            .row(v)
            .0
            .iter()
            .filter(move |&&u| (v as u32) < u && community[u as usize] == c)
            .map(move |&u| (v as u32, u))
    });
    let parts = crate::model::component_labels(n, inside);
    membership.copy_from_slice(&parts);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passes_quality_is_modularity() {
        // `quality` (on the working graph, each pass) is the crate's `modularity` (on the graph)
        let g = crate::sample::planted_partition(1_000, 12, 8.0, 0.2, 5);
        let base = WorkGraph::from_csr(&g.csr);
        for resolution in [0.5, 1.0, 2.0] {
            for membership in [g.truth.clone(), (0..1_000).collect(), vec![0; 1_000]] {
                let want =
                    super::super::modularity(&g.csr, &membership, resolution).expect("lengths");
                let got = quality(&base, &membership, resolution);
                assert!((got - want).abs() < 1e-9, "{got} vs {want} at {resolution}");
            }
        }
    }

    #[test]
    fn grouping_communities_raises_modularity_at_the_lower_resolution() {
        // 40 planted groups: at resolution 0.1 whole communities are grouped, every member of
        // a fine community lands in the same group, and modularity at 0.1 (computed on the
        // whole graph) is higher than the fine partition's.
        let g = crate::sample::planted_partition(2_000, 40, 10.0, 0.1, 3);
        let fine = leiden(&g.csr, &LeidenSettings::with_seed(1));
        let low = LeidenSettings {
            resolution: 0.1,
            ..LeidenSettings::with_seed(1)
        };
        let group = group_communities(
            &g.csr,
            &fine.membership,
            fine.community_count,
            &low,
            super::super::Algorithm::Leiden,
        );
        assert_eq!(group.len(), fine.community_count);
        let top: Vec<u32> = fine.membership.iter().map(|&c| group[c as usize]).collect();
        let groups = top.iter().max().map_or(0, |&m| m as usize + 1);
        assert!(
            groups < fine.community_count,
            "{groups} of {}",
            fine.community_count
        );
        let q_fine = crate::community::modularity(&g.csr, &fine.membership, 0.1).unwrap();
        let q_top = crate::community::modularity(&g.csr, &top, 0.1).unwrap();
        assert!(q_top > q_fine, "{q_top} <= {q_fine}");
    }

    fn two_cliques() -> Csr {
        let mut edges = Vec::new();
        for a in 0..5u32 {
            for b in a + 1..5 {
                edges.push((a, b, 1.0));
                edges.push((a + 5, b + 5, 1.0));
            }
        }
        edges.push((4, 5, 1.0));
        Csr::from_edges(10, edges)
    }

    #[test]
    fn a_warm_start_keeps_the_communities_a_few_removed_ties_do_not_touch() {
        // 30 weakly planted groups (more than half of each node's ties leave its group); one tie
        // in 40 removed. Started from the first partition, Leiden keeps nearly every node where
        // it was, where a cold start with the same seed draws much of the map anew; it still
        // improves on its start where the graph asks (never lower modularity on the new graph).
        let g = crate::sample::planted_partition(1_500, 30, 10.0, 0.55, 9);
        let settings = LeidenSettings::with_seed(4);
        let first = leiden(&g.csr, &settings);
        let mut edges = Vec::new();
        for u in 0..g.csr.node_count() {
            let (from, to) = (g.csr.offsets[u] as usize, g.csr.offsets[u + 1] as usize);
            for k in from..to {
                let v = g.csr.neighbors[k] as usize;
                // one tie in 40 goes
                if u < v && !(u * 7 + v).is_multiple_of(40) {
                    edges.push((u as u32, v as u32, g.csr.weights[k]));
                }
            }
        }
        let changed = Csr::from_edges(g.csr.node_count(), edges);
        let warm = leiden_from(&changed, &settings, &first.membership);
        let keep = crate::community::compare::nmi(&first.membership, &warm.membership).unwrap();
        assert!(keep > 0.97, "the warm start kept NMI {keep}");
        let cold = leiden(&changed, &settings);
        let cold_keep =
            crate::community::compare::nmi(&first.membership, &cold.membership).unwrap();
        assert!(
            cold_keep < 0.9,
            "a cold start kept NMI {cold_keep}: the test shows nothing"
        );
        let q_start =
            crate::community::modularity(&changed, &first.membership, settings.resolution).unwrap();
        assert!(
            warm.modularity >= q_start - 1e-12,
            "{} < {q_start}",
            warm.modularity
        );
        // the same start, the same result
        assert_eq!(leiden_from(&changed, &settings, &first.membership), warm);
        // every community connected, as from a cold start
        let base = WorkGraph::from_csr(&changed);
        let mut split = warm.membership.clone();
        split_disconnected(&base, &mut split);
        assert_eq!(renumber_by_size(&split).1, warm.community_count);
    }

    #[test]
    fn finds_two_cliques() {
        for method in [leiden, louvain] {
            let p = method(&two_cliques(), &LeidenSettings::with_seed(3));
            assert_eq!(p.community_count, 2);
            assert_eq!(p.membership, vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
            // Q = 2 * (20/42 - (21/42)^2) = 0.452380...
            assert!((p.modularity - (40.0 / 42.0 - 0.5)).abs() < 1e-12);
        }
    }

    #[test]
    fn empty_and_tieless_graphs_are_singletons() {
        let p = leiden(&Csr::from_edges(0, []), &LeidenSettings::default());
        assert_eq!((p.membership.len(), p.community_count), (0, 0));
        let p = leiden(&Csr::from_edges(3, []), &LeidenSettings::default());
        assert_eq!(p.membership, vec![0, 1, 2]);
        assert_eq!(p.modularity, 0.0);
    }

    #[test]
    fn resolution_zero_gives_one_community_per_component() {
        let settings = LeidenSettings {
            resolution: 0.0,
            ..LeidenSettings::default()
        };
        let p = leiden(&two_cliques(), &settings);
        assert_eq!(p.community_count, 1);
    }

    #[test]
    fn split_disconnected_splits_only_disconnected() {
        let g = WorkGraph::from_csr(&Csr::from_edges(4, [(0, 1, 1.0), (2, 3, 1.0)]));
        let mut m = vec![0, 0, 0, 0];
        split_disconnected(&g, &mut m);
        assert_eq!(m, vec![0, 0, 1, 1]);
    }

    #[test]
    fn choose_is_greedy_without_randomness_and_seeded_with_it() {
        let cands = [(4u32, 0.0), (7, 2.0), (9, 2.0)];
        let mut rng = Rng::new(1);
        assert_eq!(choose(&mut cands.clone(), 2.0, 0.0, &mut rng), 7);
        // With large randomness all three are picked over many draws.
        let mut seen = [false; 3];
        for _ in 0..200 {
            let c = choose(&mut cands.clone(), 2.0, 100.0, &mut rng);
            seen[cands.iter().position(|x| x.0 == c).unwrap_or(0)] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }
}
