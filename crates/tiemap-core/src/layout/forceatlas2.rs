//! One ForceAtlas2 iteration over flat arrays (Jacomy, Venturini, Heymann, Bastian 2014,
//! "ForceAtlas2, a continuous graph layout algorithm for handy network visualization",
//! PLoS ONE 9(6): e98679).
//!
//! Forces (the paper's notation, `d` the distance, `m = degree + 1` the mass):
//! - repulsion between every pair `k_r m1 m2 / d` (Barnes-Hut over a quadtree, or exact);
//! - gravity towards the origin `g m` (or `g m d` in strong gravity mode);
//! - attraction along every tie `w^delta d` (or `w^delta log(1 + d)` in LinLog mode), divided
//!   by the node's mass when dissuading hubs;
//! - with `adjust_sizes`, distances are taken between node borders.
//!
//! Adaptive speed (section "Adaptive speed" of the paper): each node's swinging
//! `swg(n) = m |F_t(n) - F_{t-1}(n)|` and traction `tra(n) = m |F_t(n) + F_{t-1}(n)| / 2`
//! are summed into `swg(G)` and `tra(G)`; the global speed is `s(G) = tau tra(G) / swg(G)`
//! (tau the jitter tolerance), allowed to rise by at most 50% per iteration; each node moves by
//! `F(n) s(n)` with the per-node swinging brake `s(n) = s(G) / (1 + sqrt(s(G) swg(n)))` (the
//! paper's `k_s s(G) / (1 + s(G) sqrt(swg(n)))` with the brake under the square root, which
//! lets consistent nodes travel much faster), divided by `slow_down`. Its displacement in one
//! iteration is capped (the paper's `s(n) < k_smax / |F(n)|`) at `k_smax = 10` times the mean
//! node spacing of the previous iteration, or 10 graph units if that is larger: a scale-free
//! cap, because a LinLog layout settles at a scale set by its size and scaling ratio, often far
//! from its starting scale.
//!
//! The force law is chosen once per pass (generic kernels below, one monomorphised loop per
//! law), never by an `if` inside an inner loop.

use super::detmath;
use super::lanes::{F4, U4};
use super::quadtree::QuadTree;
use super::settings::Fa2Settings;
use crate::model::Csr;

/// `k_smax` of the paper: the largest displacement of a node in one iteration.
const K_S_MAX: f32 = 10.0;
/// The global speed may rise by at most this factor per iteration.
const MAX_RISE: f32 = 1.5;
/// Iterations on a level before it can be called converged (the speed needs a few
/// iterations to adapt after a start).
const MIN_ITERATIONS: usize = 20;
/// The drawing is compared with the one this many iterations before (see [`VISIBLE_CHANGE`]),
/// every half this many iterations.
const WINDOW: usize = 10;
/// The drawing has stopped changing visibly when, over [`WINDOW`] iterations, its nodes moved
/// on average less than this share of the drawing's width: 2 pixels in a 1,000-pixel picture.
/// Judged on where the nodes end up, not on the path they took, so nodes that only tremble in
/// place (which the per-iteration displacement counts as movement for hundreds of iterations
/// on big maps) do not keep the layout running.
const VISIBLE_CHANGE: f32 = 0.002;
/// Bodies per quadtree leaf.
const LEAF_SIZE: usize = 4;

/// The graph of one level: adjacency, masses and sizes.
#[derive(Clone, Debug, Default)]
pub(crate) struct LevelGraph {
    pub csr: Csr,
    /// Repulsion mass of each node: degree + 1 on the finest level, the sum of the merged
    /// nodes' masses on coarser ones.
    pub mass: Vec<f32>,
    /// Radius of each node for `adjust_sizes`.
    pub size: Vec<f32>,
}

impl LevelGraph {
    /// The finest level of `csr`: mass = degree + 1, size 1.
    pub fn finest(csr: &Csr) -> LevelGraph {
        let n = csr.node_count();
        LevelGraph {
            mass: (0..n).map(|v| csr.degree(v) as f32 + 1.0).collect(),
            size: vec![1.0; n],
            csr: csr.clone(),
        }
    }

    pub fn node_count(&self) -> usize {
        self.mass.len()
    }
}

/// Figures of the last iteration.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct IterationFigures {
    pub global_speed: f32,
    pub mean_displacement: f32,
    /// Mean displacement over the mean node spacing.
    pub relative_displacement: f32,
}

/// The ForceAtlas2 engine over one level graph.
#[derive(Clone, Debug)]
pub(crate) struct Engine {
    settings: Fa2Settings,
    pub graph: LevelGraph,
    /// `[x0, y0, x1, y1, ...]` in graph space.
    pub pos: Vec<f32>,
    pub fixed: Vec<bool>,
    /// Ties once each, `u < v`, with `w^edge_weight_influence`.
    edges: Vec<(u32, u32, f32)>,
    /// Per node factor on the attraction it feels (1, or mean mass / mass with dissuade hubs).
    attraction_scale: Vec<f32>,
    force: Vec<f32>,
    old_force: Vec<f32>,
    tree: QuadTree,
    speed: f32,
    /// Mean node spacing after the last iteration.
    spacing: f32,
    below_threshold_streak: usize,
    /// The drawing [`WINDOW`] iterations ago and half a window ago (empty until then): the
    /// change over the last window is judged every half window.
    window_start: Vec<f32>,
    half_window_start: Vec<f32>,
    /// The drawing's change over the first window and the last (see `picture_change`).
    first_change: Option<f32>,
    last_change: Option<f32>,
    /// On a coarse level, the seed its ties are thinned with (see [`Engine::thin_ties`]).
    thinning: Option<u64>,
    pub iterations: usize,
    pub figures: IterationFigures,
}

impl Engine {
    pub fn new(graph: LevelGraph, pos: Vec<f32>, settings: &Fa2Settings) -> Engine {
        let n = graph.node_count();
        let mut engine = Engine {
            settings: settings.sanitized(),
            edges: Vec::new(),
            attraction_scale: Vec::new(),
            fixed: vec![false; n],
            force: vec![0.0; 2 * n],
            old_force: vec![0.0; 2 * n],
            tree: QuadTree::new(LEAF_SIZE),
            speed: 1.0,
            spacing: 0.0,
            below_threshold_streak: 0,
            window_start: Vec::new(),
            half_window_start: Vec::new(),
            first_change: None,
            last_change: None,
            thinning: None,
            iterations: 0,
            figures: IterationFigures::default(),
            graph,
            pos,
        };
        engine.prepare();
        engine
    }

    /// New settings; the layout is no longer considered converged.
    pub fn set_settings(&mut self, settings: &Fa2Settings) {
        self.settings = settings.sanitized();
        self.below_threshold_streak = 0;
        self.window_start.clear();
        self.half_window_start.clear();
        self.first_change = None;
        self.last_change = None;
        self.prepare();
    }

    /// Thins this level's ties to about [`THINNED_DEGREE`] per node (see [`thin`]), seeded:
    /// for coarse levels, whose drawing only starts the next level.
    pub fn thin_ties(&mut self, seed: u64) {
        self.thinning = Some(seed);
        self.prepare();
    }

    /// The layout is no longer considered converged (pins or sizes changed).
    pub fn resume(&mut self) {
        self.below_threshold_streak = 0;
        self.window_start.clear();
        self.half_window_start.clear();
        self.first_change = None;
        self.last_change = None;
    }

    pub fn set_sizes(&mut self, sizes: &[f32]) {
        for (i, s) in self.graph.size.iter_mut().enumerate() {
            *s = sizes
                .get(i)
                .copied()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .unwrap_or(1.0);
        }
        self.below_threshold_streak = 0;
        self.window_start.clear();
        self.half_window_start.clear();
        self.first_change = None;
        self.last_change = None;
    }

    /// Derived arrays that depend on the settings.
    fn prepare(&mut self) {
        let csr = &self.graph.csr;
        let influence = self.settings.edge_weight_influence;
        self.edges.clear();
        for u in 0..csr.node_count() {
            let (ns, ws) = csr.neighbors(u);
            for (&v, &w) in ns.iter().zip(ws) {
                if (u as u32) < v {
                    self.edges.push((u as u32, v, detmath::pow(w, influence)));
                }
            }
        }
        if let Some(seed) = self.thinning.filter(|_| self.edges.len() > THIN_FROM_TIES) {
            thin(
                &mut self.edges,
                THINNED_DEGREE * self.graph.node_count(),
                seed,
            );
        }
        let n = self.graph.node_count();
        let mean_mass = self.graph.mass.iter().sum::<f32>() / n.max(1) as f32;
        self.attraction_scale = if self.settings.dissuade_hubs {
            self.graph
                .mass
                .iter()
                .map(|&m| mean_mass / m.max(1e-6))
                .collect()
        } else {
            vec![1.0; n]
        };
    }

    /// How far the nodes moved on average since the start of the window, as a share of the
    /// drawing's width (movable nodes only); `None` before the first window.
    fn picture_change(&self) -> Option<f32> {
        if self.window_start.len() != self.pos.len() {
            return None;
        }
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        let (mut moved, mut moving) = (0.0f64, 0usize);
        for (v, (p, q)) in self
            .pos
            .chunks_exact(2)
            .zip(self.window_start.chunks_exact(2))
            .enumerate()
        {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
            if !self.fixed[v] {
                moved += f64::from(((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt());
                moving += 1;
            }
        }
        let width = (hi[0] - lo[0]).max(hi[1] - lo[1]);
        (moving > 0 && width > 0.0).then(|| (moved / (moving as f64) / f64::from(width)) as f32)
    }

    /// How far this level is from settled, 0 to 1: how many times smaller the drawing's change
    /// over a window became since the first window, against how many times smaller it must
    /// become to be under [`VISIBLE_CHANGE`] (a log scale: the change shrinks geometrically).
    pub fn progress(&self) -> f32 {
        if self.converged() {
            return 1.0;
        }
        match (self.first_change, self.last_change) {
            (Some(first), Some(last)) if first > VISIBLE_CHANGE && last > 0.0 => {
                ((first / last).ln() / (first / VISIBLE_CHANGE).ln()).clamp(0.0, 1.0)
            }
            (Some(_), Some(last)) if last < VISIBLE_CHANGE => 1.0,
            _ => 0.0,
        }
    }

    pub fn converged(&self) -> bool {
        self.below_threshold_streak >= Fa2Settings::CONVERGED_STREAK
    }

    /// Runs one iteration.
    pub fn iterate(&mut self) {
        let n = self.graph.node_count();
        if n == 0 {
            self.below_threshold_streak = Fa2Settings::CONVERGED_STREAK;
            return;
        }
        std::mem::swap(&mut self.force, &mut self.old_force);
        self.force.iter_mut().for_each(|f| *f = 0.0);
        let s = &self.settings;

        // 1) repulsion
        let kr = s.scaling_ratio;
        match (s.barnes_hut_optimize, s.adjust_sizes) {
            (true, false) => {
                self.tree
                    .build(&self.pos, &self.graph.mass, &self.graph.size);
                repulsion_barnes_hut_best::<PointRepulsion>(
                    &self.tree,
                    kr,
                    s.barnes_hut_theta,
                    &mut self.force,
                );
            }
            (true, true) => {
                self.tree
                    .build(&self.pos, &self.graph.mass, &self.graph.size);
                repulsion_barnes_hut_best::<SizedRepulsion>(
                    &self.tree,
                    kr,
                    s.barnes_hut_theta,
                    &mut self.force,
                );
            }
            (false, false) => repulsion_exact::<PointRepulsion>(
                &self.pos,
                &self.graph.mass,
                &self.graph.size,
                kr,
                &mut self.force,
            ),
            (false, true) => repulsion_exact::<SizedRepulsion>(
                &self.pos,
                &self.graph.mass,
                &self.graph.size,
                kr,
                &mut self.force,
            ),
        }

        // 2) gravity
        if s.strong_gravity_mode {
            gravity::<StrongGravity>(&self.pos, &self.graph.mass, s.gravity, &mut self.force);
        } else {
            gravity::<ConstantGravity>(&self.pos, &self.graph.mass, s.gravity, &mut self.force);
        }

        // 3) attraction
        let (pos, size, edges, scale) = (
            &self.pos,
            &self.graph.size,
            &self.edges,
            &self.attraction_scale,
        );
        match (s.linlog_mode, s.adjust_sizes) {
            (false, false) => attraction_best::<Linear>(pos, size, edges, scale, &mut self.force),
            (true, false) => attraction_best::<LinLog>(pos, size, edges, scale, &mut self.force),
            (false, true) => {
                attraction_best::<LinearSized>(pos, size, edges, scale, &mut self.force)
            }
            (true, true) => {
                attraction_best::<LinLogSized>(pos, size, edges, scale, &mut self.force)
            }
        }

        // 4) speed
        let (mut swinging, mut traction) = (0.0f64, 0.0f64);
        for v in 0..n {
            if self.fixed[v] {
                continue;
            }
            let (fx, fy) = (self.force[2 * v], self.force[2 * v + 1]);
            let (ox, oy) = (self.old_force[2 * v], self.old_force[2 * v + 1]);
            let m = self.graph.mass[v] as f64;
            swinging += m * (((fx - ox) * (fx - ox) + (fy - oy) * (fy - oy)).sqrt() as f64);
            traction += m * (((fx + ox) * (fx + ox) + (fy + oy) * (fy + oy)).sqrt() as f64) * 0.5;
        }
        if swinging > 0.0 && traction > 0.0 {
            let target = (s.jitter_tolerance as f64 * traction / swinging) as f32;
            self.speed = target.min(self.speed * MAX_RISE);
        }
        let global = self.speed;

        // 5) apply
        let cap = K_S_MAX * self.spacing.max(1.0);
        let inv_slow = 1.0 / s.slow_down;
        let (mut moved, mut moving) = (0.0f64, 0usize);
        for v in 0..n {
            if self.fixed[v] {
                continue;
            }
            let (fx, fy) = (self.force[2 * v], self.force[2 * v + 1]);
            let (ox, oy) = (self.old_force[2 * v], self.old_force[2 * v + 1]);
            let swg = self.graph.mass[v] * ((fx - ox) * (fx - ox) + (fy - oy) * (fy - oy)).sqrt();
            let f = (fx * fx + fy * fy).sqrt();
            let mut local = global / (1.0 + (global * swg).sqrt());
            if f * local > cap {
                local = cap / f;
            }
            let local = local * inv_slow;
            let (dx, dy) = (fx * local, fy * local);
            if dx.is_finite() && dy.is_finite() {
                self.pos[2 * v] += dx;
                self.pos[2 * v + 1] += dy;
                moved += ((dx * dx + dy * dy).sqrt()) as f64;
            }
            moving += 1;
        }
        let spacing = mean_spacing(&self.pos);
        self.spacing = spacing;
        let mean_displacement = (moved / moving.max(1) as f64) as f32;
        let relative = if spacing > 0.0 {
            mean_displacement / spacing
        } else {
            0.0
        };
        if moving == 0 || (relative < s.convergence_threshold && self.iterations >= MIN_ITERATIONS)
        {
            self.below_threshold_streak += 1;
        } else {
            self.below_threshold_streak = 0;
        }
        self.iterations += 1;
        // judged every half window on the last whole window: a level settles up to half a
        // window sooner than when judged once a window (at 30,000 people, 8 levels of 11)
        if self.iterations.is_multiple_of(WINDOW / 2) {
            let change = self.picture_change();
            if let Some(change) = change {
                self.first_change.get_or_insert(change);
                self.last_change = Some(change);
            }
            if s.convergence_threshold > 0.0
                && self.iterations >= MIN_ITERATIONS
                && change.is_some_and(|c| c < VISIBLE_CHANGE)
            {
                self.below_threshold_streak = Fa2Settings::CONVERGED_STREAK;
            }
            std::mem::swap(&mut self.window_start, &mut self.half_window_start);
            self.half_window_start.clone_from(&self.pos);
        }
        self.figures = IterationFigures {
            global_speed: global,
            mean_displacement,
            relative_displacement: relative,
        };
    }
}

/// Ties kept per node on a thinned level (see [`thin`]); the level's mean degree is twice
/// this. Coarse levels are dense: at 30,000 people the level two above the graph had 6,196
/// nodes and 137,670 ties (the graph itself: 163,467 on 29,696), so attraction on the coarse
/// levels cost as much as on the graph. Thinned to 8 per node, the layout's CPU time fell
/// 8-18 % on six hard exports of 10,000-30,000 people, the settled silhouette within ±0.006
/// of the unthinned one, either way (`examples/wait.rs --curve`).
const THINNED_DEGREE: usize = 8;
/// Levels with at most this many ties are not thinned: they are cheap, and on small maps
/// thinning moved the settled drawing for nothing (the legibility bench's Facebook-like export,
/// 600 people: silhouette of the clusters 0.514 -> 0.484).
const THIN_FROM_TIES: usize = 40_000;

/// Keeps about `keep` of `edges`, each with the same attraction on average (threshold
/// sampling): a tie at least as heavy as the threshold `tau` is kept as it is; a lighter one
/// is kept with probability `w / tau` and then weighs `tau`. Every node feels, in
/// expectation, the pull it felt before. Nothing changes when there are no more than `keep`.
fn thin(edges: &mut Vec<(u32, u32, f32)>, keep: usize, seed: u64) {
    if edges.len() <= keep || keep == 0 {
        return;
    }
    let mut w: Vec<f64> = edges.iter().map(|e| f64::from(e.2)).collect();
    w.sort_unstable_by(|a, b| b.total_cmp(a));
    // tau such that (ties at or above it) + (sum of the lighter ones) / tau = keep: with the
    // `k` heaviest kept whole, tau = (sum of the rest) / (keep - k), valid when w[k] <= tau
    let mut rest: f64 = w.iter().sum();
    let mut tau = rest / keep as f64;
    for (k, &x) in w.iter().enumerate().take(keep) {
        let t = rest / (keep - k) as f64;
        if x <= t {
            tau = t;
            break;
        }
        rest -= x;
    }
    let tau = tau as f32;
    let mut rng = crate::rng::Rng::new(seed);
    edges.retain_mut(|e| {
        if e.2 >= tau {
            return true;
        }
        let kept = rng.next_f32() * tau < e.2;
        e.2 = tau;
        kept
    });
}

/// `rms_radius / sqrt(n)`: the distance between neighbours if the nodes were spread evenly
/// over the drawing.
pub(crate) fn mean_spacing(pos: &[f32]) -> f32 {
    let n = pos.len() / 2;
    if n == 0 {
        return 0.0;
    }
    let (mut sx, mut sy) = (0.0f64, 0.0f64);
    for p in pos.chunks_exact(2) {
        sx += p[0] as f64;
        sy += p[1] as f64;
    }
    let (cx, cy) = (sx / n as f64, sy / n as f64);
    let mut r2 = 0.0f64;
    for p in pos.chunks_exact(2) {
        r2 += (p[0] as f64 - cx).powi(2) + (p[1] as f64 - cy).powi(2);
    }
    ((r2 / n as f64).sqrt() / (n as f64).sqrt()) as f32
}

/// A repulsion law between two bodies: returns the factor `f` such that the force on body 1
/// is `f * (x1 - x2, y1 - y2)`.
trait RepulsionLaw {
    fn factor(kr: f32, d2: f32, m1: f32, m2: f32, s1: f32, s2: f32) -> f32;
    /// [`RepulsionLaw::factor`] on four lanes, the same operations in the same order (so the
    /// same bits) as the scalar one.
    fn factor4(kr: F4, d2: F4, m1: F4, m2: F4, s1: F4, s2: F4) -> F4;
}

/// `k_r m1 m2 / d`.
struct PointRepulsion;
impl RepulsionLaw for PointRepulsion {
    #[inline(always)]
    fn factor(kr: f32, d2: f32, m1: f32, m2: f32, _s1: f32, _s2: f32) -> f32 {
        if d2 > 0.0 {
            kr * m1 * m2 / d2
        } else {
            0.0
        }
    }
    #[inline(always)]
    fn factor4(kr: F4, d2: F4, m1: F4, m2: F4, _s1: F4, _s2: F4) -> F4 {
        let f = kr.mul(m1).mul(m2).div(d2);
        F4::select(d2.gt(F4::splat(0.0)), f, F4::splat(0.0))
    }
}

/// `k_r m1 m2 / d'` with `d'` the distance between borders; `100 k_r m1 m2` when overlapping.
struct SizedRepulsion;
impl RepulsionLaw for SizedRepulsion {
    #[inline(always)]
    fn factor(kr: f32, d2: f32, m1: f32, m2: f32, s1: f32, s2: f32) -> f32 {
        let d = d2.sqrt();
        let border = d - s1 - s2;
        if d <= 0.0 {
            0.0
        } else if border > 0.0 {
            kr * m1 * m2 / (border * border) * (border / d)
        } else {
            100.0 * kr * m1 * m2 / d
        }
    }
    #[inline(always)]
    fn factor4(kr: F4, d2: F4, m1: F4, m2: F4, s1: F4, s2: F4) -> F4 {
        let zero = F4::splat(0.0);
        let d = d2.sqrt();
        let border = d.sub(s1).sub(s2);
        let apart = kr
            .mul(m1)
            .mul(m2)
            .div(border.mul(border))
            .mul(border.div(d));
        let overlap = F4::splat(100.0).mul(kr).mul(m1).mul(m2).div(d);
        let f = F4::select(border.gt(zero), apart, overlap);
        F4::select(d.le(zero), zero, f)
    }
}

/// Exact `O(n^2)` repulsion, each pair once.
fn repulsion_exact<L: RepulsionLaw>(
    pos: &[f32],
    mass: &[f32],
    size: &[f32],
    kr: f32,
    force: &mut [f32],
) {
    let n = mass.len();
    for i in 0..n {
        let (xi, yi, mi, si) = (pos[2 * i], pos[2 * i + 1], mass[i], size[i]);
        let (mut fx, mut fy) = (0.0f32, 0.0f32);
        for j in i + 1..n {
            let dx = xi - pos[2 * j];
            let dy = yi - pos[2 * j + 1];
            let f = L::factor(kr, dx * dx + dy * dy, mi, mass[j], si, size[j]);
            fx += dx * f;
            fy += dy * f;
            force[2 * j] -= dx * f;
            force[2 * j + 1] -= dy * f;
        }
        force[2 * i] += fx;
        force[2 * i + 1] += fy;
    }
}

/// Barnes-Hut repulsion: bodies in Morton order walk the tree; a cell that is far enough
/// (`width < theta * distance`) and does not hold the body acts as one body at its centre of
/// mass (point law); otherwise its leaves are summed body by body with the law `L`.
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
#[inline(never)]
fn repulsion_barnes_hut<L: RepulsionLaw>(tree: &QuadTree, kr: f32, theta: f32, force: &mut [f32]) {
    let cells = tree.cells();
    let bodies = tree.bodies();
    let theta2 = theta * theta;
    for (p, b) in bodies.iter().enumerate() {
        let p = p as u32;
        let (mut fx, mut fy) = (0.0f32, 0.0f32);
        let mut c = 0usize;
        while c < cells.len() {
            let cell = &cells[c];
            let holds_body = p >= cell.start && p < cell.end;
            if !holds_body {
                let dx = b.x - cell.cx;
                let dy = b.y - cell.cy;
                let d2 = dx * dx + dy * dy;
                if cell.width * cell.width < theta2 * d2 {
                    let f = PointRepulsion::factor(kr, d2, b.mass, cell.mass, 0.0, 0.0);
                    fx += dx * f;
                    fy += dy * f;
                    c = cell.next as usize;
                    continue;
                }
            }
            if cell.next as usize == c + 1 {
                for (q, o) in bodies[cell.start as usize..cell.end as usize]
                    .iter()
                    .enumerate()
                {
                    if cell.start + q as u32 == p {
                        continue;
                    }
                    let dx = b.x - o.x;
                    let dy = b.y - o.y;
                    let f = L::factor(kr, dx * dx + dy * dy, b.mass, o.mass, b.size, o.size);
                    fx += dx * f;
                    fy += dy * f;
                }
            }
            c += 1;
        }
        let v = b.node as usize;
        force[2 * v] += fx;
        force[2 * v + 1] += fy;
    }
}

/// [`repulsion_barnes_hut`] for four bodies at once: each group of four consecutive bodies (in
/// Morton order, so close together) walks the tree together, one body per lane. Each lane
/// keeps its own walk: it is active at cell `c` only when its own scalar walk would visit `c`
/// (`c >= skip[lane]`), takes a far cell as one body and then skips its subtree, and sums a
/// leaf's bodies in their order; the group moves to `c + 1` when any lane opened `c`, else to
/// the nearest cell some lane still has to visit. So every lane adds up exactly the terms of
/// the scalar walk in the same order, with the same operations ([`lanes`](super::lanes)): the
/// forces are bit-identical to the scalar walk's, and the group visits each cell once for
/// up to four bodies. Used by wasm builds with simd128, where a lane operation costs what a
/// scalar one does; native builds keep the scalar walk (tests check both agree bit for bit).
#[cfg_attr(
    not(all(target_arch = "wasm32", target_feature = "simd128")),
    allow(dead_code)
)]
#[inline(never)]
fn repulsion_barnes_hut_grouped<L: RepulsionLaw>(
    tree: &QuadTree,
    kr: f32,
    theta: f32,
    force: &mut [f32],
) {
    let cells = tree.cells();
    let bodies = tree.bodies();
    let theta2 = F4::splat(theta * theta);
    let kr4 = F4::splat(kr);
    let zero = F4::splat(0.0);
    let end = cells.len() as u32;
    for (g, group) in bodies.chunks(4).enumerate() {
        let first = (4 * g) as u32;
        let lane = |i: usize| group.get(i).unwrap_or(&group[0]);
        let bx = F4::new([0, 1, 2, 3].map(|i| lane(i).x));
        let by = F4::new([0, 1, 2, 3].map(|i| lane(i).y));
        let bm = F4::new([0, 1, 2, 3].map(|i| lane(i).mass));
        let bs = F4::new([0, 1, 2, 3].map(|i| lane(i).size));
        let p = U4::new([0, 1, 2, 3].map(|i| first + i as u32));
        // Lanes past the last body never become active.
        let mut skip = U4::new([0, 1, 2, 3].map(|i| if i < group.len() { 0 } else { u32::MAX }));
        let (mut fx, mut fy) = (zero, zero);
        let mut c = 0u32;
        while c < end {
            let cell = &cells[c as usize];
            let active = U4::splat(c).ge(skip);
            let holds = p.ge(U4::splat(cell.start)).and(p.lt(U4::splat(cell.end)));
            let dx = bx.sub(F4::splat(cell.cx));
            let dy = by.sub(F4::splat(cell.cy));
            let d2 = dx.mul(dx).add(dy.mul(dy));
            let far = F4::splat(cell.width * cell.width)
                .lt(theta2.mul(d2))
                .and_not(holds);
            let accept = active.and(far);
            if accept.any() {
                let f = PointRepulsion::factor4(kr4, d2, bm, F4::splat(cell.mass), zero, zero);
                fx = F4::select(accept, fx.add(dx.mul(f)), fx);
                fy = F4::select(accept, fy.add(dy.mul(f)), fy);
                skip = U4::select(accept, U4::splat(cell.next), skip);
            }
            let open = active.and_not(far);
            if open.any() {
                if cell.next == c + 1 {
                    for q in cell.start..cell.end {
                        let o = &bodies[q as usize];
                        let m = open.and(p.ne(U4::splat(q)));
                        let dx = bx.sub(F4::splat(o.x));
                        let dy = by.sub(F4::splat(o.y));
                        let d2 = dx.mul(dx).add(dy.mul(dy));
                        let f = L::factor4(kr4, d2, bm, F4::splat(o.mass), bs, F4::splat(o.size));
                        fx = F4::select(m, fx.add(dx.mul(f)), fx);
                        fy = F4::select(m, fy.add(dy.mul(f)), fy);
                    }
                }
                c += 1;
            } else {
                c = skip.min_lane();
            }
        }
        let (fx, fy) = (fx.to_array(), fy.to_array());
        for (i, b) in group.iter().enumerate() {
            let v = b.node as usize;
            force[2 * v] += fx[i];
            force[2 * v + 1] += fy[i];
        }
    }
}

/// The Barnes-Hut walk this build uses: grouped four bodies at a time on wasm with simd128,
/// one body at a time elsewhere (the same forces, bit for bit).
#[inline(always)]
fn repulsion_barnes_hut_best<L: RepulsionLaw>(
    tree: &QuadTree,
    kr: f32,
    theta: f32,
    force: &mut [f32],
) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    repulsion_barnes_hut_grouped::<L>(tree, kr, theta, force);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    repulsion_barnes_hut::<L>(tree, kr, theta, force);
}

/// A gravity law: the factor `f` such that the force is `-f * (x, y)`.
trait GravityLaw {
    fn factor(g: f32, mass: f32, d: f32) -> f32;
}

/// `g m` towards the origin.
struct ConstantGravity;
impl GravityLaw for ConstantGravity {
    #[inline(always)]
    fn factor(g: f32, mass: f32, d: f32) -> f32 {
        if d > 0.0 {
            g * mass / d
        } else {
            0.0
        }
    }
}

/// `g m d` towards the origin.
struct StrongGravity;
impl GravityLaw for StrongGravity {
    #[inline(always)]
    fn factor(g: f32, mass: f32, _d: f32) -> f32 {
        g * mass
    }
}

#[inline(never)]
fn gravity<L: GravityLaw>(pos: &[f32], mass: &[f32], g: f32, force: &mut [f32]) {
    for (v, &m) in mass.iter().enumerate() {
        let (x, y) = (pos[2 * v], pos[2 * v + 1]);
        let f = L::factor(g, m, (x * x + y * y).sqrt());
        force[2 * v] -= x * f;
        force[2 * v + 1] -= y * f;
    }
}

/// An attraction law: the factor `f` such that the force on node 1 is
/// `f * (x2 - x1, y2 - y1)` (before the tie weight and the node's scale).
trait AttractionLaw {
    /// Whether the law reads the node sizes.
    const SIZED: bool;
    fn factor(d: f32, s1: f32, s2: f32) -> f32;
    /// [`AttractionLaw::factor`] on four lanes, the same operations in the same order.
    fn factor4(d: F4, s1: F4, s2: F4) -> F4;
}

/// `d`.
struct Linear;
impl AttractionLaw for Linear {
    const SIZED: bool = false;
    #[inline(always)]
    fn factor(_d: f32, _s1: f32, _s2: f32) -> f32 {
        1.0
    }
    #[inline(always)]
    fn factor4(_d: F4, _s1: F4, _s2: F4) -> F4 {
        F4::splat(1.0)
    }
}

/// `log(1 + d)`.
struct LinLog;
impl AttractionLaw for LinLog {
    const SIZED: bool = false;
    #[inline(always)]
    fn factor(d: f32, _s1: f32, _s2: f32) -> f32 {
        if d > 0.0 {
            detmath::ln_1p_fast(d) / d
        } else {
            0.0
        }
    }
    #[inline(always)]
    fn factor4(d: F4, _s1: F4, _s2: F4) -> F4 {
        let zero = F4::splat(0.0);
        F4::select(d.gt(zero), detmath::ln_1p_fast4(d).div(d), zero)
    }
}

/// `d'` between borders, nothing when overlapping.
struct LinearSized;
impl AttractionLaw for LinearSized {
    const SIZED: bool = true;
    #[inline(always)]
    fn factor(d: f32, s1: f32, s2: f32) -> f32 {
        let border = d - s1 - s2;
        if border > 0.0 {
            border / d
        } else {
            0.0
        }
    }
    #[inline(always)]
    fn factor4(d: F4, s1: F4, s2: F4) -> F4 {
        let zero = F4::splat(0.0);
        let border = d.sub(s1).sub(s2);
        F4::select(border.gt(zero), border.div(d), zero)
    }
}

/// `log(1 + d')` between borders, nothing when overlapping.
struct LinLogSized;
impl AttractionLaw for LinLogSized {
    const SIZED: bool = true;
    #[inline(always)]
    fn factor(d: f32, s1: f32, s2: f32) -> f32 {
        let border = d - s1 - s2;
        if border > 0.0 {
            detmath::ln_1p_fast(border) / d
        } else {
            0.0
        }
    }
    #[inline(always)]
    fn factor4(d: F4, s1: F4, s2: F4) -> F4 {
        let zero = F4::splat(0.0);
        let border = d.sub(s1).sub(s2);
        F4::select(border.gt(zero), detmath::ln_1p_fast4(border).div(d), zero)
    }
}

#[inline(never)]
fn attraction<L: AttractionLaw>(
    pos: &[f32],
    size: &[f32],
    edges: &[(u32, u32, f32)],
    scale: &[f32],
    force: &mut [f32],
) {
    for &(u, v, w) in edges {
        let (u, v) = (u as usize, v as usize);
        let dx = pos[2 * v] - pos[2 * u];
        let dy = pos[2 * v + 1] - pos[2 * u + 1];
        let d = (dx * dx + dy * dy).sqrt();
        let f = w * L::factor(d, size[u], size[v]);
        let (fu, fv) = (f * scale[u], f * scale[v]);
        force[2 * u] += dx * fu;
        force[2 * u + 1] += dy * fu;
        force[2 * v] -= dx * fv;
        force[2 * v + 1] -= dy * fv;
    }
}

/// [`attraction`] four ties at a time: the factors of four ties are computed in four lanes
/// ([`lanes`](super::lanes)), then added to the forces tie by tie in the scalar order, so the
/// forces are bit-identical to [`attraction`]'s. Used by wasm builds with simd128.
#[cfg_attr(
    not(all(target_arch = "wasm32", target_feature = "simd128")),
    allow(dead_code)
)]
#[inline(never)]
fn attraction_grouped<L: AttractionLaw>(
    pos: &[f32],
    size: &[f32],
    edges: &[(u32, u32, f32)],
    scale: &[f32],
    force: &mut [f32],
) {
    let chunks = edges.chunks_exact(4);
    let rest = chunks.remainder();
    for e in chunks {
        let u = [0, 1, 2, 3].map(|i| e[i].0 as usize);
        let v = [0, 1, 2, 3].map(|i| e[i].1 as usize);
        let dx = F4::new(v.map(|v| pos[2 * v])).sub(F4::new(u.map(|u| pos[2 * u])));
        let dy = F4::new(v.map(|v| pos[2 * v + 1])).sub(F4::new(u.map(|u| pos[2 * u + 1])));
        let d = dx.mul(dx).add(dy.mul(dy)).sqrt();
        let (su, sv) = if L::SIZED {
            (F4::new(u.map(|u| size[u])), F4::new(v.map(|v| size[v])))
        } else {
            (F4::splat(0.0), F4::splat(0.0))
        };
        let f = F4::new([0, 1, 2, 3].map(|i| e[i].2)).mul(L::factor4(d, su, sv));
        let fu = f.mul(F4::new(u.map(|u| scale[u])));
        let fv = f.mul(F4::new(v.map(|v| scale[v])));
        let (ux, uy) = (dx.mul(fu).to_array(), dy.mul(fu).to_array());
        let (vx, vy) = (dx.mul(fv).to_array(), dy.mul(fv).to_array());
        for i in 0..4 {
            force[2 * u[i]] += ux[i];
            force[2 * u[i] + 1] += uy[i];
            force[2 * v[i]] -= vx[i];
            force[2 * v[i] + 1] -= vy[i];
        }
    }
    attraction::<L>(pos, size, rest, scale, force);
}

/// The attraction loop this build uses: four ties at a time on wasm with simd128, one at a
/// time elsewhere (the same forces, bit for bit).
#[inline(always)]
fn attraction_best<L: AttractionLaw>(
    pos: &[f32],
    size: &[f32],
    edges: &[(u32, u32, f32)],
    scale: &[f32],
    force: &mut [f32],
) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    attraction_grouped::<L>(pos, size, edges, scale, force);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    attraction::<L>(pos, size, edges, scale, force);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::initial_positions;

    #[test]
    fn grouped_attraction_gives_the_scalar_forces_bit_for_bit() {
        // 4k + 3 ties (a scalar remainder), repeated nodes inside a chunk of four, a tie of
        // length 0, varied weights, sizes and scales.
        let g = crate::sample::planted_partition(700, 5, 8.0, 0.2, 3);
        let n = g.csr.node_count();
        let mut pos = initial_positions(n, 4);
        pos[2] = pos[0];
        pos[3] = pos[1];
        let mut edges: Vec<(u32, u32, f32)> = vec![(0, 1, 1.0), (0, 2, 2.5), (0, 3, 0.5)];
        for u in 0..n {
            let (ns, ws) = g.csr.neighbors(u);
            for (&v, &w) in ns.iter().zip(ws) {
                if (u as u32) < v {
                    edges.push((u as u32, v, w * (1.0 + (v % 3) as f32)));
                }
            }
        }
        edges.truncate(4 * ((edges.len() - 3) / 4) + 3);
        let size: Vec<f32> = (0..n).map(|i| 0.5 + (i % 5) as f32 * 2.0).collect();
        let scale: Vec<f32> = (0..n).map(|i| 1.0 / (1.0 + (i % 7) as f32)).collect();
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        macro_rules! check {
            ($law:ty) => {{
                let mut scalar = vec![0.0; 2 * n];
                let mut grouped = vec![0.0; 2 * n];
                attraction::<$law>(&pos, &size, &edges, &scale, &mut scalar);
                attraction_grouped::<$law>(&pos, &size, &edges, &scale, &mut grouped);
                assert_eq!(bits(&scalar), bits(&grouped), stringify!($law));
                assert!(scalar.iter().filter(|f| **f != 0.0).count() > n);
            }};
        }
        check!(Linear);
        check!(LinLog);
        check!(LinearSized);
        check!(LinLogSized);
    }

    fn engine(csr: &Csr, settings: Fa2Settings) -> Engine {
        let pos = initial_positions(csr.node_count(), 5);
        Engine::new(LevelGraph::finest(csr), pos, &settings)
    }

    #[test]
    fn barnes_hut_with_small_theta_matches_exact_repulsion() {
        let g = crate::sample::planted_partition(600, 4, 6.0, 0.1, 1);
        let pos = initial_positions(600, 9);
        let graph = LevelGraph::finest(&g.csr);
        let mut exact = vec![0.0; 1200];
        repulsion_exact::<PointRepulsion>(&pos, &graph.mass, &graph.size, 2.0, &mut exact);
        let mut tree = QuadTree::new(LEAF_SIZE);
        tree.build(&pos, &graph.mass, &graph.size);
        let mut approx = vec![0.0; 1200];
        repulsion_barnes_hut::<PointRepulsion>(&tree, 2.0, 0.01, &mut approx);
        for (a, e) in approx.iter().zip(&exact) {
            assert!((a - e).abs() <= 1e-3 * e.abs().max(1.0), "{a} vs {e}");
        }
        // A coarse theta is still close on the whole.
        let mut coarse = vec![0.0; 1200];
        repulsion_barnes_hut::<PointRepulsion>(&tree, 2.0, 1.2, &mut coarse);
        let err: f32 = coarse.iter().zip(&exact).map(|(a, e)| (a - e).abs()).sum();
        let total: f32 = exact.iter().map(|e| e.abs()).sum();
        assert!(err / total < 0.1, "relative error {}", err / total);
    }

    #[test]
    fn grouped_walk_gives_the_scalar_walks_forces_bit_for_bit() {
        // Clustered points, exact duplicates (max-depth leaves with more than four bodies),
        // a body count that is not a multiple of four, varied masses and sizes.
        let mut rng = crate::rng::Rng::new(11);
        let n = 1_203;
        let mut pos = Vec::new();
        for i in 0..n {
            let c = (i % 7) as f32 * 80.0;
            if i % 13 == 0 {
                pos.extend_from_slice(&[c, -c]);
            } else {
                pos.push(c + rng.normal() as f32 * 15.0);
                pos.push(-c + rng.normal() as f32 * 5.0);
            }
        }
        let mass: Vec<f32> = (0..n).map(|i| 1.0 + (i % 9) as f32).collect();
        let size: Vec<f32> = (0..n).map(|i| 0.5 + (i % 4) as f32).collect();
        let mut checked = 0;
        for leaf in [1, LEAF_SIZE, 9] {
            let mut tree = QuadTree::new(leaf);
            tree.build(&pos, &mass, &size);
            for theta in [0.0, 0.5, 1.2, 3.0] {
                let mut scalar = vec![0.0; 2 * n];
                let mut grouped = vec![0.0; 2 * n];
                repulsion_barnes_hut::<PointRepulsion>(&tree, 0.7, theta, &mut scalar);
                repulsion_barnes_hut_grouped::<PointRepulsion>(&tree, 0.7, theta, &mut grouped);
                let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(
                    bits(&scalar),
                    bits(&grouped),
                    "point law, leaf {leaf}, theta {theta}"
                );
                let mut scalar = vec![0.0; 2 * n];
                let mut grouped = vec![0.0; 2 * n];
                repulsion_barnes_hut::<SizedRepulsion>(&tree, 0.7, theta, &mut scalar);
                repulsion_barnes_hut_grouped::<SizedRepulsion>(&tree, 0.7, theta, &mut grouped);
                assert_eq!(
                    bits(&scalar),
                    bits(&grouped),
                    "sized law, leaf {leaf}, theta {theta}"
                );
                assert!(scalar.iter().any(|&f| f != 0.0));
                checked += 1;
            }
        }
        assert_eq!(checked, 12);
    }

    #[test]
    fn grouped_walk_handles_tiny_trees() {
        for n in 1..=6 {
            let pos: Vec<f32> = (0..n)
                .flat_map(|i| [i as f32 * 3.0, (i * i) as f32])
                .collect();
            let mass = vec![2.0; n];
            let mut tree = QuadTree::new(LEAF_SIZE);
            tree.build(&pos, &mass, &[]);
            let mut scalar = vec![0.0; 2 * n];
            let mut grouped = vec![0.0; 2 * n];
            repulsion_barnes_hut::<PointRepulsion>(&tree, 1.0, 1.2, &mut scalar);
            repulsion_barnes_hut_grouped::<PointRepulsion>(&tree, 1.0, 1.2, &mut grouped);
            assert_eq!(scalar, grouped, "{n} bodies");
            if n > 1 {
                assert!(scalar[0] < 0.0, "the leftmost body is pushed left");
            }
        }
    }

    #[test]
    fn two_tied_nodes_settle_at_the_balance_of_forces() {
        // Linear attraction d, repulsion kr * 2 * 2 / d: balance at d = sqrt(4 kr).
        let csr = Csr::from_edges(2, [(0, 1, 1.0)]);
        let settings = Fa2Settings {
            gravity: 0.0,
            barnes_hut_optimize: false,
            scaling_ratio: 4.0,
            ..Fa2Settings::default()
        };
        let mut e = engine(&csr, settings);
        for _ in 0..500 {
            e.iterate();
        }
        let d = ((e.pos[0] - e.pos[2]).powi(2) + (e.pos[1] - e.pos[3]).powi(2)).sqrt();
        assert!((d - 4.0).abs() < 0.05, "distance {d}");
        assert!(e.converged());
    }

    #[test]
    fn dissuade_hubs_pushes_a_hub_outwards_less_pulled() {
        // A star: with dissuade hubs the hub's pull towards its leaves is weaker, but the star
        // still holds together and positions stay finite.
        let csr = Csr::from_edges(30, (1..30).map(|v| (0, v, 1.0)));
        let settings = Fa2Settings {
            dissuade_hubs: true,
            barnes_hut_optimize: false,
            ..Fa2Settings::default()
        };
        let mut e = engine(&csr, settings);
        for _ in 0..300 {
            e.iterate();
        }
        assert!(e.pos.iter().all(|x| x.is_finite()));
        let scale = &e.attraction_scale;
        assert!(scale[0] < scale[1]);
    }

    #[test]
    fn adjust_sizes_separates_overlapping_nodes() {
        let csr = Csr::from_edges(20, (0..19).map(|v| (v, v + 1, 1.0)));
        let settings = Fa2Settings {
            adjust_sizes: true,
            barnes_hut_optimize: false,
            ..Fa2Settings::default()
        };
        let mut e = engine(&csr, settings);
        e.set_sizes(&[5.0; 20]);
        for _ in 0..600 {
            e.iterate();
        }
        let mut min_d = f32::INFINITY;
        for i in 0..20 {
            for j in i + 1..20 {
                let d = ((e.pos[2 * i] - e.pos[2 * j]).powi(2)
                    + (e.pos[2 * i + 1] - e.pos[2 * j + 1]).powi(2))
                .sqrt();
                min_d = min_d.min(d);
            }
        }
        assert!(min_d > 9.0, "nodes of radius 5 overlap: {min_d}");
    }

    #[test]
    fn thinning_keeps_about_the_asked_ties_and_each_nodes_pull() {
        // a dense coarse level: 200 nodes, every pair tied, weights from 0.1 to ~40 (a few
        // heavy ties, many light ones, as summed coarse ties are)
        let mut rng = crate::rng::Rng::new(5);
        let mut edges = Vec::new();
        for u in 0..200u32 {
            for v in u + 1..200 {
                let w = if rng.chance(0.02) {
                    20.0 + 20.0 * rng.next_f32()
                } else {
                    0.1 + rng.next_f32()
                };
                edges.push((u, v, w));
            }
        }
        let pull = |edges: &[(u32, u32, f32)]| {
            let mut p = vec![0.0f64; 200];
            for &(u, v, w) in edges {
                p[u as usize] += f64::from(w);
                p[v as usize] += f64::from(w);
            }
            p
        };
        let before = pull(&edges);
        let heavy: Vec<(u32, u32, f32)> = edges.iter().copied().filter(|e| e.2 >= 20.0).collect();
        let mut thinned = edges.clone();
        thin(&mut thinned, 1_600, 9);
        let kept = thinned.len();
        assert!(
            (1_450..=1_750).contains(&kept),
            "{kept} of {} kept",
            edges.len()
        );
        // the heavy ties are kept as they were
        for e in &heavy {
            assert!(thinned.contains(e), "{e:?} lost");
        }
        // each node's pull is kept on average (its ~195 light ties became ~12, so one node's
        // pull varies by about a quarter either way), the whole map's within 2 %
        let after = pull(&thinned);
        let mut change: Vec<f64> = before
            .iter()
            .zip(&after)
            .map(|(b, a)| a / b - 1.0)
            .collect();
        change.sort_by(f64::total_cmp);
        let mean = change.iter().sum::<f64>() / change.len() as f64;
        assert!(mean.abs() < 0.03, "mean change of a node's pull {mean:.3}");
        let (lo, median, hi) = (change[0], change[100].abs(), change[199]);
        assert!(
            median < 0.1 && lo > -0.7 && hi < 0.7,
            "{lo:.2} {median:.2} {hi:.2}"
        );
        let (b, a): (f64, f64) = (before.iter().sum(), after.iter().sum());
        assert!((a / b - 1.0).abs() < 0.02, "total pull {b:.1} -> {a:.1}");
        // seeded: the same ties again; and a level with few ties is left alone
        let mut again = edges.clone();
        thin(&mut again, 1_600, 9);
        assert_eq!(again, thinned);
        let mut few = edges[..100].to_vec();
        thin(&mut few, 1_600, 9);
        assert_eq!(few, edges[..100].to_vec());
    }
}
