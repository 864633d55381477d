//! Structure: degree, betweenness, Burt's constraint and effective size, clustering, hubs,
//! brokers and network-level figures, all over a [`Csr`].
//!
//! Betweenness, constraint and effective size follow networkx's definitions and
//! normalisations exactly (checked to 1e-9 by `tests/metrics_reference.rs` against values
//! networkx computed, see `tools/reference/metrics/make_reference.py`).

use super::{Figure, MetricsError};
use crate::model::Csr;
use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Number of ties of each node.
pub fn degrees(csr: &Csr) -> Vec<usize> {
    (0..csr.node_count()).map(|v| csr.degree(v)).collect()
}

/// Sum of the tie weights of each node.
pub fn weighted_degrees(csr: &Csr) -> Vec<f64> {
    (0..csr.node_count())
        .map(|v| csr.weighted_degree(v))
        .collect()
}

/// How betweenness is computed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BetweennessSettings {
    /// Shortest paths over distances `1 / weight` (a strong tie is a short hop) instead of
    /// hop counts. Default: `false` (hop counts, as networkx's `weight=None`).
    pub weighted: bool,
    /// Graphs with at most this many nodes get the exact value (one shortest-path search from
    /// every node: about `2 n m` steps). Default 2,000: 1,000 nodes of mean degree 10 took
    /// 0.19 s natively (criterion, `benches/metrics.rs`, on a loaded 2-core machine), 5,000
    /// nodes 5.4 s; the time grows as `n * m`.
    pub exact_max_nodes: usize,
    /// Above `exact_max_nodes`, the number of source nodes ("pivots") drawn at random, as
    /// networkx's `k=` option. Default 128; the time is `pivots` searches (30,000 nodes of
    /// mean degree 10: about 10 ms per pivot natively).
    pub pivots: usize,
    /// Seed of the pivot draw.
    pub seed: u64,
}

impl Default for BetweennessSettings {
    fn default() -> Self {
        BetweennessSettings {
            weighted: false,
            exact_max_nodes: 2_000,
            pivots: 128,
            seed: 1,
        }
    }
}

/// Betweenness of every node, with how it was obtained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Betweenness {
    /// Normalised as networkx's `betweenness_centrality(G)` for undirected graphs: the share
    /// of shortest paths between pairs of other people that pass through the node, in [0, 1].
    pub values: Vec<f64>,
    /// `true` when every node was a source (the exact value), `false` for a pivot estimate.
    pub exact: bool,
    /// Number of source nodes used.
    pub sources: usize,
}

/// Betweenness centrality (Brandes 2001), normalised exactly as networkx's
/// `betweenness_centrality(G, normalized=True, endpoints=False)` on an undirected graph:
/// the sum over ordered pairs `(s, t)` of `sigma_st(v) / sigma_st`, times
/// `1 / ((n - 1)(n - 2))` (that is `2 / ((n - 1)(n - 2))` over unordered pairs); no
/// rescaling when `n <= 2`.
///
/// With more than `settings.exact_max_nodes` nodes, `settings.pivots` distinct sources are
/// drawn with the seeded RNG and the sums rescaled as networkx does for `k=pivots`:
/// `1 / ((k - 1)(n - 2))` for nodes that were sources, `1 / (k (n - 2))` for the others
/// (an unbiased estimate; the pivots themselves differ from networkx's, which uses Python's
/// `random`).
pub fn betweenness(csr: &Csr, settings: &BetweennessSettings) -> Result<Betweenness, MetricsError> {
    let n = csr.node_count();
    if n > settings.exact_max_nodes && settings.pivots == 0 {
        return Err(MetricsError::NoPivots { nodes: n });
    }
    let sources: Option<Vec<u32>> = if n > settings.exact_max_nodes && settings.pivots < n {
        let mut all: Vec<u32> = (0..n as u32).collect();
        let mut rng = Rng::new(settings.seed);
        // Partial Fisher-Yates: the first `pivots` entries are a uniform sample.
        for i in 0..settings.pivots {
            let j = i + rng.below(n - i);
            all.swap(i, j);
        }
        all.truncate(settings.pivots);
        all.sort_unstable();
        Some(all)
    } else {
        None
    };
    let source_iter: Box<dyn Iterator<Item = u32>> = match &sources {
        Some(s) => Box::new(s.iter().copied()),
        None => Box::new(0..n as u32),
    };
    let mut bc = vec![0.0f64; n];
    let mut brandes = Brandes::new(n);
    for s in source_iter {
        if settings.weighted {
            brandes.single_source_weighted(csr, s as usize, &mut bc);
        } else {
            brandes.single_source_hops(csr, s as usize, &mut bc);
        }
    }
    // Rescale (networkx `_rescale`, endpoints=False, normalized=True).
    let big_n = n.saturating_sub(1);
    if big_n >= 2 {
        match &sources {
            None => {
                let scale = 1.0 / (big_n as f64 * (big_n - 1) as f64);
                bc.iter_mut().for_each(|b| *b *= scale);
            }
            Some(src) => {
                let k = src.len() as f64;
                let scale_nonsource = 1.0 / (k * (big_n - 1) as f64);
                let scale_source = if src.len() > 1 {
                    1.0 / ((k - 1.0) * (big_n - 1) as f64)
                } else {
                    f64::NAN
                };
                let mut is_source = vec![false; n];
                for &s in src {
                    is_source[s as usize] = true;
                }
                for (v, b) in bc.iter_mut().enumerate() {
                    *b *= if is_source[v] {
                        scale_source
                    } else {
                        scale_nonsource
                    };
                }
            }
        }
    }
    Ok(Betweenness {
        values: bc,
        exact: sources.is_none(),
        sources: sources.as_ref().map_or(n, Vec::len),
    })
}

/// A total order on distances for the Dijkstra heap.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Dist(f64);
impl Eq for Dist {}
impl PartialOrd for Dist {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Dist {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Scratch space of Brandes' algorithm, reused across sources (only visited entries are reset).
struct Brandes {
    hops: Vec<i64>,
    dist: Vec<f64>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    /// Nodes in the order their distance became final.
    order: Vec<u32>,
    heap: BinaryHeap<Reverse<(Dist, u64, u32)>>,
    finalized: Vec<bool>,
}

impl Brandes {
    fn new(n: usize) -> Self {
        Brandes {
            hops: vec![-1; n],
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
            finalized: vec![false; n],
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            let v = v as usize;
            self.hops[v] = -1;
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
            self.finalized[v] = false;
        }
        self.order.clear();
    }

    /// Breadth-first search from `s`, then dependency accumulation into `bc`.
    fn single_source_hops(&mut self, csr: &Csr, s: usize, bc: &mut [f64]) {
        self.reset();
        self.hops[s] = 0;
        self.sigma[s] = 1.0;
        self.order.push(s as u32);
        let mut head = 0;
        // 1) shortest-path counts, level by level
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let hv = self.hops[v];
            let sv = self.sigma[v];
            for &w in csr.neighbors(v).0 {
                let w = w as usize;
                if self.hops[w] < 0 {
                    self.hops[w] = hv + 1;
                    self.order.push(w as u32);
                }
                if self.hops[w] == hv + 1 {
                    self.sigma[w] += sv;
                }
            }
        }
        // 2) dependencies, farthest first; predecessors are the neighbours one hop closer
        for i in (0..self.order.len()).rev() {
            let w = self.order[i] as usize;
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            let hw = self.hops[w];
            for &v in csr.neighbors(w).0 {
                let v = v as usize;
                if self.hops[v] == hw - 1 {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            if w != s {
                bc[w] += self.delta[w];
            }
        }
    }

    /// Dijkstra from `s` over distances `1 / weight`, then dependency accumulation into `bc`.
    /// Equal-length paths are recognised by exact equality of the summed distances, as
    /// networkx does.
    fn single_source_weighted(&mut self, csr: &Csr, s: usize, bc: &mut [f64]) {
        self.reset();
        self.heap.clear();
        let mut counter = 0u64;
        self.dist[s] = 0.0;
        self.sigma[s] = 1.0;
        self.heap.push(Reverse((Dist(0.0), counter, s as u32)));
        // Nodes reached but not final are tracked in `order` only once final; remember the
        // tentatively reached ones so they are reset too.
        let mut touched: Vec<u32> = vec![s as u32];
        // 1) shortest-path counts in order of distance
        while let Some(Reverse((Dist(d), _, v))) = self.heap.pop() {
            let v = v as usize;
            if self.finalized[v] {
                continue;
            }
            self.finalized[v] = true;
            self.order.push(v as u32);
            let sv = self.sigma[v];
            let (ns, ws) = csr.neighbors(v);
            for (&w, &wt) in ns.iter().zip(ws) {
                let w = w as usize;
                if self.finalized[w] {
                    continue;
                }
                let vw = d + 1.0 / wt as f64;
                if vw < self.dist[w] {
                    if self.dist[w].is_infinite() {
                        touched.push(w as u32);
                    }
                    self.dist[w] = vw;
                    self.sigma[w] = sv;
                    counter += 1;
                    self.heap.push(Reverse((Dist(vw), counter, w as u32)));
                } else if vw == self.dist[w] {
                    self.sigma[w] += sv;
                }
            }
        }
        // 2) dependencies, farthest first; predecessors are the neighbours whose distance plus
        //    the hop gives exactly the node's distance
        for i in (0..self.order.len()).rev() {
            let w = self.order[i] as usize;
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            let dw = self.dist[w];
            let (ns, ws) = csr.neighbors(w);
            for (&v, &wt) in ns.iter().zip(ws) {
                let v = v as usize;
                if v != w && self.finalized[v] && self.dist[v] + 1.0 / wt as f64 == dw {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            if w != s {
                bc[w] += self.delta[w];
            }
        }
        // All touched nodes are finalised in a connected search; reset the rest anyway.
        for v in touched {
            let v = v as usize;
            if !self.finalized[v] {
                self.dist[v] = f64::INFINITY;
                self.sigma[v] = 0.0;
            }
        }
    }
}

/// Burt's structural-hole measures and local clustering of every node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StructuralHoles {
    /// Burt's constraint, as networkx's `constraint(G)` (or `constraint(G, weight=...)`):
    /// `c(u) = sum over neighbours v of (p_uv + sum over neighbours w of u of p_uw p_wv)^2`,
    /// `p_uv = w_uv / sum_x w_ux`. `None` for a node without ties (networkx gives NaN).
    pub constraint: Vec<Option<f64>>,
    /// Burt's effective size, as networkx's `effective_size(G)`: unweighted, Borgatti's
    /// `n - 2t/n` (n neighbours, t ties among them); weighted,
    /// `sum over neighbours v of (1 - sum over neighbours w of u of p_uw m_vw)`,
    /// `m_vw = w_vw / max_x w_vx`. `None` for a node without ties (networkx gives NaN).
    pub effective_size: Vec<Option<f64>>,
    /// Local clustering coefficient (unweighted, as networkx's `clustering(G)`): the share of
    /// pairs of neighbours that are tied; 0 for fewer than two neighbours.
    pub clustering: Vec<f64>,
}

/// Constraint, effective size and clustering of every node. With `weighted == false` every
/// tie counts as weight 1, as networkx's `weight=None`.
///
/// Cost: the sum over nodes of the squared degree (sparse graphs: milliseconds for 30k nodes).
pub fn structural_holes(csr: &Csr, weighted: bool) -> StructuralHoles {
    let n = csr.node_count();
    let weight = |x: f32| if weighted { x as f64 } else { 1.0 };
    let sum: Vec<f64> = (0..n)
        .map(|v| csr.neighbors(v).1.iter().map(|&x| weight(x)).sum())
        .collect();
    let max: Vec<f64> = (0..n)
        .map(|v| {
            csr.neighbors(v)
                .1
                .iter()
                .map(|&x| weight(x))
                .fold(0.0, f64::max)
        })
        .collect();
    let mut constraint = vec![None; n];
    let mut effective_size = vec![None; n];
    let mut clustering = vec![0.0; n];
    // stamp[v] == u + 1 marks v as a neighbour of the current u.
    let mut stamp = vec![0u32; n];
    let mut acc = vec![0.0f64; n];
    let mut redundancy = vec![0.0f64; n];
    let mut shared = vec![0u32; n];
    for u in 0..n {
        let (nu, wu) = csr.neighbors(u);
        if nu.is_empty() {
            continue;
        }
        let mark = u as u32 + 1;
        for (&v, &x) in nu.iter().zip(wu) {
            let v = v as usize;
            stamp[v] = mark;
            acc[v] = weight(x) / sum[u];
            redundancy[v] = 0.0;
            shared[v] = 0;
        }
        // Two-step paths u - w - v with v also a neighbour of u.
        for (&w, &x) in nu.iter().zip(wu) {
            let w = w as usize;
            let p_uw = weight(x) / sum[u];
            let (nw, ww) = csr.neighbors(w);
            for (&v, &y) in nw.iter().zip(ww) {
                let v = v as usize;
                if v == u || stamp[v] != mark {
                    continue;
                }
                acc[v] += p_uw * weight(y) / sum[w];
                redundancy[v] += p_uw * weight(y) / max[v];
                shared[v] += 1;
            }
        }
        let k = nu.len() as f64;
        let mut c = 0.0;
        let mut es = 0.0;
        let mut twice_t = 0u64;
        for &v in nu {
            let v = v as usize;
            c += acc[v] * acc[v];
            es += 1.0 - redundancy[v];
            twice_t += shared[v] as u64;
        }
        constraint[u] = Some(c);
        effective_size[u] = Some(if weighted { es } else { k - twice_t as f64 / k });
        if nu.len() >= 2 {
            clustering[u] = twice_t as f64 / (k * (k - 1.0));
        }
    }
    StructuralHoles {
        constraint,
        effective_size,
        clustering,
    }
}

/// The owner's position in their own ego network.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EgoHoles {
    /// Burt's constraint of the owner; `None` for a network without people.
    pub constraint: Option<f64>,
    /// Burt's effective size of the owner; `None` for a network without people.
    pub effective_size: Option<f64>,
    /// Effective size divided by the number of connections (Burt's efficiency), in (0, 1].
    pub efficiency: Option<f64>,
}

/// Constraint and effective size of the owner of a personal export, computed on the ego
/// network: the owner (node `o`) tied with weight 1 to each of the `n` nodes of `csr`, plus
/// the ties among them. The owner is not a node of `csr`.
///
/// With `weighted == false` (every tie weight 1; node `j` has `d_j` ties in `csr`):
/// - constraint `c(o) = sum_j (1/n + sum_{q in N(j)} (1/n) * 1/(d_q + 1))^2`
///   (`p_oj = 1/n`; `p_qj = 1/(d_q + 1)` because `q` is also tied to the owner);
/// - effective size `n - 2m/n`, `m` the number of ties in `csr` (Borgatti).
///
/// With `weighted == true` the ties of `csr` keep their weights and the owner's ties weigh
/// 1, and the networkx weighted formulas of [`structural_holes`] are applied to `o`.
/// Both are the values networkx gives for the owner on that ego graph.
pub fn ego_holes(csr: &Csr, weighted: bool) -> EgoHoles {
    let n = csr.node_count();
    if n == 0 {
        return EgoHoles {
            constraint: None,
            effective_size: None,
            efficiency: None,
        };
    }
    let terms = ego_terms(csr, weighted);
    let c = terms.iter().map(|t| t.constraint).sum();
    let es = if weighted {
        terms.iter().map(|t| 1.0 - t.redundancy).sum()
    } else {
        n as f64 - 2.0 * csr.edge_count() as f64 / n as f64
    };
    EgoHoles {
        constraint: Some(c),
        effective_size: Some(es),
        efficiency: Some(es / n as f64),
    }
}

/// What one contact `j` adds to the owner's measures in [`ego_holes`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EgoTerm {
    /// `j`'s share of the owner's constraint, `(p_oj + sum_q p_oq p_qj)^2` (networkx's
    /// `local_constraint(G, owner, j)`).
    pub constraint: f64,
    /// `sum_q p_oq m_jq`: how much of `j` the owner's other contacts already reach.
    pub redundancy: f64,
}

/// The per-contact terms of [`ego_holes`] for the ego network of `csr` (the owner tied with
/// weight 1 to every node of `csr`), one per node.
pub fn ego_terms(csr: &Csr, weighted: bool) -> Vec<EgoTerm> {
    let n = csr.node_count();
    if n == 0 {
        return Vec::new();
    }
    let weight = |x: f32| if weighted { x as f64 } else { 1.0 };
    let owner_weight = 1.0;
    // Totals of each node including its tie to the owner.
    let sum: Vec<f64> = (0..n)
        .map(|v| owner_weight + csr.neighbors(v).1.iter().map(|&x| weight(x)).sum::<f64>())
        .collect();
    let sum_o = owner_weight * n as f64;
    let p_o = owner_weight / sum_o;
    // Every neighbour of every node j is also a neighbour of the owner.
    (0..n)
        .map(|j| {
            let (nj, wj) = csr.neighbors(j);
            let max_j = wj.iter().map(|&x| weight(x)).fold(owner_weight, f64::max);
            let indirect: f64 = nj
                .iter()
                .zip(wj)
                .map(|(&q, &x)| p_o * weight(x) / sum[q as usize])
                .sum();
            EgoTerm {
                constraint: (p_o + indirect).powi(2),
                redundancy: wj.iter().map(|&x| p_o * weight(x) / max_j).sum(),
            }
        })
        .collect()
}

/// A node and the value it was ranked by.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub node: u32,
    pub value: f64,
}

/// The `top` nodes by `values`, highest first; equal values by node index. NaN values are
/// left out.
pub fn top_by(values: &[f64], top: usize) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_nan())
        .map(|(i, &v)| Ranked {
            node: i as u32,
            value: v,
        })
        .collect();
    ranked.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.node.cmp(&b.node)));
    ranked.truncate(top);
    ranked
}

/// Hubs: the `top` people with the most ties within the network.
pub fn hubs(csr: &Csr, top: usize) -> Vec<Ranked> {
    let d: Vec<f64> = (0..csr.node_count())
        .map(|v| csr.degree(v) as f64)
        .collect();
    top_by(&d, top)
        .into_iter()
        .filter(|r| r.value > 0.0)
        .collect()
}

/// Brokers: the `top` people with the highest betweenness (only those above zero).
pub fn brokers(betweenness: &Betweenness, top: usize) -> Vec<Ranked> {
    top_by(&betweenness.values, top)
        .into_iter()
        .filter(|r| r.value > 0.0)
        .collect()
}

/// Figures about the whole network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkSummary {
    pub nodes: usize,
    pub ties: usize,
    /// 2m / (n (n - 1)); 0 below two nodes.
    pub density: f64,
    /// Connected components, isolated nodes counting one each.
    pub components: usize,
    /// Share of nodes in the largest component.
    pub largest_component_share: f64,
    /// Nodes without ties.
    pub isolated: usize,
    /// 2m / n.
    pub mean_degree: f64,
    /// Mean of the local clustering coefficients, zeros included (networkx's
    /// `average_clustering(G)`).
    pub average_clustering: f64,
}

pub const MEANING_NODES: &str = "How many people are on the map.";
pub const MEANING_TIES: &str = "How many links the map draws between people.";
pub const MEANING_DENSITY: &str =
    "The share of all possible pairs of people that are linked; small in any large network.";
pub const MEANING_COMPONENTS: &str =
    "How many separate islands the map falls into when nobody links them.";
pub const MEANING_LARGEST_COMPONENT: &str = "The share of people in the biggest connected island.";
pub const MEANING_ISOLATED: &str = "People with no link to anyone else on the map.";
pub const MEANING_MEAN_DEGREE: &str =
    "How many others on the map a person is linked to, on average.";
pub const MEANING_AVERAGE_CLUSTERING: &str =
    "How often two people linked to the same person are also linked to each other (0 to 1).";
pub const MEANING_DEGREE: &str = "How many other people on the map this person is linked to.";
pub const MEANING_WEIGHTED_DEGREE: &str =
    "The summed strength of this person's links: many or strong links give a high value.";
pub const MEANING_BETWEENNESS: &str =
    "The share of shortest paths between other people that run through this person: a broker.";
pub const MEANING_CONSTRAINT: &str =
    "How much this person's contacts are tied to each other (0 to 1): high means one closed circle.";
pub const MEANING_EFFECTIVE_SIZE: &str =
    "How many of this person's contacts are non-redundant, i.e. not already linked to each other.";
pub const MEANING_CLUSTERING: &str =
    "The share of this person's pairs of contacts who are linked to each other.";
pub const MEANING_EGO_CONSTRAINT: &str =
    "How closed your network is: near 0 your contacts mostly do not know each other, near 1 they all do.";
pub const MEANING_EGO_EFFECTIVE_SIZE: &str =
    "How many independent contacts your network is worth once contacts who know each other are discounted.";
pub const MEANING_EGO_EFFICIENCY: &str =
    "Effective size per contact: the share of your network that reaches somewhere new.";

impl NetworkSummary {
    /// The figures with their one-sentence meanings, in display order.
    pub fn figures(&self) -> Vec<Figure> {
        vec![
            Figure::new("nodes", "People", self.nodes as f64, MEANING_NODES),
            Figure::new("ties", "Links", self.ties as f64, MEANING_TIES),
            Figure::new("density", "Density", self.density, MEANING_DENSITY),
            Figure::new(
                "components",
                "Islands",
                self.components as f64,
                MEANING_COMPONENTS,
            ),
            Figure::new(
                "largest_component_share",
                "In the largest island",
                self.largest_component_share,
                MEANING_LARGEST_COMPONENT,
            ),
            Figure::new(
                "isolated",
                "Unlinked people",
                self.isolated as f64,
                MEANING_ISOLATED,
            ),
            Figure::new(
                "mean_degree",
                "Links per person",
                self.mean_degree,
                MEANING_MEAN_DEGREE,
            ),
            Figure::new(
                "average_clustering",
                "Clustering",
                self.average_clustering,
                MEANING_AVERAGE_CLUSTERING,
            ),
        ]
    }
}

/// Network-level figures; `clustering` is [`StructuralHoles::clustering`] (pass it to avoid
/// computing it twice).
pub fn summary(csr: &Csr, clustering: &[f64]) -> NetworkSummary {
    let n = csr.node_count();
    let m = csr.edge_count();
    let labels = csr.component_labels();
    let components = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut sizes = vec![0usize; components];
    for &l in &labels {
        if let Some(s) = sizes.get_mut(l as usize) {
            *s += 1;
        }
    }
    let largest = sizes.iter().copied().max().unwrap_or(0);
    NetworkSummary {
        nodes: n,
        ties: m,
        density: if n < 2 {
            0.0
        } else {
            2.0 * m as f64 / (n as f64 * (n as f64 - 1.0))
        },
        components,
        largest_component_share: if n == 0 {
            0.0
        } else {
            largest as f64 / n as f64
        },
        isolated: (0..n).filter(|&v| csr.degree(v) == 0).count(),
        mean_degree: if n == 0 {
            0.0
        } else {
            2.0 * m as f64 / n as f64
        },
        average_clustering: if clustering.is_empty() {
            0.0
        } else {
            clustering.iter().sum::<f64>() / clustering.len() as f64
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(n: u32) -> Csr {
        Csr::from_edges(n as usize, (0..n - 1).map(|i| (i, i + 1, 1.0)))
    }

    #[test]
    fn path_betweenness_by_hand() {
        // Path 0-1-2-3-4: node 2 lies on 4 of the 6 pairs not involving it; normalised
        // 4 / (4*3/2) = 2/3.
        let b = betweenness(&path(5), &BetweennessSettings::default()).unwrap();
        assert!(b.exact);
        let expect = [0.0, 0.5, 2.0 / 3.0, 0.5, 0.0];
        for (got, want) in b.values.iter().zip(expect) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
    }

    #[test]
    fn weighted_betweenness_prefers_strong_ties() {
        // Square 0-1-2-3-0; the 0-1 and 1-2 ties are strong, so 0..2 goes via 1 only.
        let csr = Csr::from_edges(4, [(0, 1, 4.0), (1, 2, 4.0), (2, 3, 1.0), (3, 0, 1.0)]);
        let unweighted = betweenness(&csr, &BetweennessSettings::default()).unwrap();
        let weighted = betweenness(
            &csr,
            &BetweennessSettings {
                weighted: true,
                ..BetweennessSettings::default()
            },
        )
        .unwrap();
        assert!((unweighted.values[1] - unweighted.values[3]).abs() < 1e-12);
        assert!(weighted.values[1] > weighted.values[3]);
    }

    #[test]
    fn sampling_with_every_node_as_pivot_is_exact() {
        let g = crate::sample::planted_partition(60, 3, 5.0, 0.1, 4);
        let exact = betweenness(&g.csr, &BetweennessSettings::default()).unwrap();
        let sampled = betweenness(
            &g.csr,
            &BetweennessSettings {
                exact_max_nodes: 10,
                pivots: 59,
                seed: 3,
                ..BetweennessSettings::default()
            },
        )
        .unwrap();
        assert!(!sampled.exact);
        assert_eq!(sampled.sources, 59);
        // Estimates are in the right range and seed-stable.
        let again = betweenness(
            &g.csr,
            &BetweennessSettings {
                exact_max_nodes: 10,
                pivots: 59,
                seed: 3,
                ..BetweennessSettings::default()
            },
        )
        .unwrap();
        assert_eq!(sampled, again);
        let err: f64 = exact
            .values
            .iter()
            .zip(&sampled.values)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
            / 60.0;
        let mean: f64 = exact.values.iter().sum::<f64>() / 60.0;
        assert!(err < 0.2 * mean, "mean abs error {err} vs mean {mean}");
        assert!(matches!(
            betweenness(
                &g.csr,
                &BetweennessSettings {
                    exact_max_nodes: 10,
                    pivots: 0,
                    ..BetweennessSettings::default()
                }
            ),
            Err(MetricsError::NoPivots { nodes: 60 })
        ));
    }

    #[test]
    fn star_holes_by_hand() {
        // Star: centre 0 with 4 leaves. Centre: constraint 4 * (1/4)^2 = 1/4, effective size 4.
        let csr = Csr::from_edges(5, (1..5).map(|i| (0, i, 1.0)));
        let h = structural_holes(&csr, false);
        assert!((h.constraint[0].unwrap() - 0.25).abs() < 1e-12);
        assert!((h.effective_size[0].unwrap() - 4.0).abs() < 1e-12);
        assert!((h.constraint[1].unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(h.clustering, vec![0.0; 5]);
        let iso = structural_holes(&Csr::from_edges(2, []), false);
        assert_eq!(iso.constraint, vec![None, None]);
    }

    #[test]
    fn ego_holes_equal_holes_of_the_owner_node() {
        // Build the ego graph explicitly and compare with the closed form.
        let g = crate::sample::planted_partition(40, 3, 4.0, 0.2, 9);
        let n = 40u32;
        for weighted in [false, true] {
            let mut edges: Vec<(u32, u32, f32)> = g
                .edges
                .iter()
                .enumerate()
                .map(|(i, &(u, v, _))| (u, v, 1.0 + (i % 3) as f32))
                .collect();
            let csr = Csr::from_edges(40, edges.iter().copied());
            edges.extend((0..n).map(|j| (j, n, 1.0)));
            let ego = Csr::from_edges(41, edges);
            let full = structural_holes(&ego, weighted);
            let owner = ego_holes(&csr, weighted);
            let (c, e) = (owner.constraint.unwrap(), owner.effective_size.unwrap());
            assert!((c - full.constraint[40].unwrap()).abs() < 1e-9);
            assert!((e - full.effective_size[40].unwrap()).abs() < 1e-9);
        }
    }

    #[test]
    fn summary_counts() {
        let csr = Csr::from_edges(6, [(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0)]);
        let h = structural_holes(&csr, false);
        let s = summary(&csr, &h.clustering);
        assert_eq!((s.nodes, s.ties, s.components, s.isolated), (6, 4, 3, 1));
        assert!((s.largest_component_share - 0.5).abs() < 1e-12);
        assert!((s.average_clustering - 0.5).abs() < 1e-12);
        assert_eq!(s.figures().len(), 8);
        let top = hubs(&csr, 2);
        assert_eq!(top.iter().map(|r| r.node).collect::<Vec<_>>(), vec![0, 1]);
    }
}
