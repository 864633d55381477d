//! The layout as a small state machine driven by the caller: `step(iterations)` runs that many
//! ForceAtlas2 iterations (through the coarse levels first when the layout starts from
//! scratch), and `positions()` is always the drawing of every node of the graph.

use super::forceatlas2::{mean_spacing, Engine, LevelGraph};
use super::multilevel::{build_hierarchy, quick_communities, Hierarchy};
use super::settings::Fa2Settings;
use super::{initial_positions, LayoutError};
use crate::model::Csr;
use crate::rng::Rng;

/// How a layout starts.
#[derive(Clone, Debug, PartialEq)]
pub enum LayoutStart {
    /// From scratch: seeded random positions (through the multilevel scheme for graphs of at
    /// least [`Fa2Settings::multilevel_min_nodes`] nodes).
    Random,
    /// From these positions `[x0, y0, x1, y1, ...]` (exactly two finite numbers per node).
    Positions(Vec<f32>),
    /// From scratch, using known communities (one label per node): the coarsening never mixes
    /// communities and ends with the community graph, which is laid out first; each node then
    /// starts near its community's place.
    Communities(Vec<u32>),
}

/// What a call to [`LayoutState::step`] did.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepStats {
    /// Iterations run by this call (0 once converged).
    pub iterations_done: usize,
    /// The finest level has settled (see [`Fa2Settings::convergence_threshold`]); further
    /// calls do nothing until the settings, pins or sizes change.
    pub converged: bool,
    /// The global speed `s(G)` of the last iteration.
    pub global_speed: f32,
    /// Mean displacement of the nodes in the last iteration, in graph units of its level.
    pub mean_displacement: f32,
    /// `mean_displacement` over the mean node spacing of its level: what convergence is
    /// judged on (see [`Fa2Settings::convergence_threshold`]).
    pub relative_displacement: f32,
    /// The level the last iteration ran on: 0 is the graph itself, higher is coarser.
    pub level: usize,
}

/// Iteration cap of the coarsest level (it is small: a few dozen nodes).
const COARSEST_CAP: usize = 1_500;
/// Iteration cap of the intermediate levels. They are cheap next to the graph itself, and a
/// level left unsettled leaves its work to the finer levels: at 30,000 people a cap of 40 left
/// 769 iterations on the graph itself, 150 (which the levels rarely reach) 310, for a tighter
/// drawing.
const COARSE_CAP: usize = 150;
/// Barnes-Hut `theta` of the graph itself when coarser levels were laid out before it (at
/// least; a wider one in the settings stays). The coarse levels placed the clusters, so the
/// far field the approximation coarsens is settled and the graph only refines locally. On six
/// hard exports of 30,000 people (`examples/wait.rs`, two runs each, interleaved with 1.2) the
/// layout took 11 % less time (21.2 s against 23.9 s in all) for the same silhouette of the
/// clusters (0.767, mean); the planted 30,000-node graph settled at 0.862 both ways
/// (`examples/layout_quality.rs`). Theta 1.5 on every level cost 0.022 of that silhouette.
const FINEST_THETA: f32 = 1.5;
/// Children start within this share of their parent's mean tie length (on the level above)
/// around their parent: the local scale, which in a clustered drawing is far below the mean
/// spacing.
const PROLONG_RADIUS: f32 = 0.3;

/// A running ForceAtlas2 layout.
#[derive(Clone, Debug)]
pub struct LayoutState {
    settings: Fa2Settings,
    engine: Engine,
    /// Finer levels still to lay out, finest first (popped from the back).
    pending: Vec<LevelGraph>,
    /// `parents[k]` maps level `k` to level `k + 1`; popped from the back.
    parents: Vec<Vec<u32>>,
    level: usize,
    coarsest_level: usize,
    /// For each node of the graph, its node at the current level (empty on level 0).
    ancestor: Vec<u32>,
    /// Unit-disc offsets used to draw nodes around their ancestor while coarse levels run.
    offsets: Vec<f32>,
    /// The drawing while coarse levels run (on level 0 the engine's positions are the drawing).
    display: Vec<f32>,
    /// Pinned positions of nodes of the graph.
    pins: Vec<Option<[f32; 2]>>,
    /// Sizes of the nodes of the graph, applied when the finest level starts.
    sizes: Option<Vec<f32>>,
    level_iterations: usize,
    total_iterations: usize,
    rng: Rng,
    /// Nodes of each level, finest (the graph) first: a level's share of the work.
    level_sizes: Vec<usize>,
    /// How far the layout is from settled, 0 to 1, never going back (see [`LayoutState::progress`]).
    progress: f32,
}

impl LayoutState {
    /// A layout of `csr` with `settings`, starting as `start` says, every random choice from
    /// `seed`.
    pub fn new(
        csr: &Csr,
        settings: Fa2Settings,
        start: LayoutStart,
        seed: u64,
    ) -> Result<LayoutState, LayoutError> {
        let n = csr.node_count();
        let settings = settings.sanitized();
        let mut rng = Rng::new(seed);
        let finest = LevelGraph::finest(csr);
        let groups = match start {
            LayoutStart::Positions(pos) => {
                if pos.len() != 2 * n {
                    return Err(LayoutError::PositionsLength {
                        expected: 2 * n,
                        got: pos.len(),
                    });
                }
                if let Some(i) = pos.iter().position(|x| !x.is_finite()) {
                    return Err(LayoutError::NonFinitePosition { node: i / 2 });
                }
                return Ok(LayoutState::single_level(finest, pos, settings, rng));
            }
            LayoutStart::Communities(membership) => {
                if membership.len() != n {
                    return Err(LayoutError::MembershipLength {
                        expected: n,
                        got: membership.len(),
                    });
                }
                Some(membership)
            }
            LayoutStart::Random => None,
        };
        if n < settings.multilevel_min_nodes.max(2) {
            let pos = initial_positions(n, rng.next_u64());
            return Ok(LayoutState::single_level(finest, pos, settings, rng));
        }
        let groups = match groups {
            Some(g) => g,
            None => quick_communities(&finest, &mut rng),
        };
        let Hierarchy {
            mut levels,
            parents,
        } = build_hierarchy(finest, Some(&groups), &mut rng);
        let Some(coarsest) = levels.pop() else {
            return Err(LayoutError::Internal("empty hierarchy"));
        };
        let level = levels.len();
        let level_sizes = levels
            .iter()
            .chain([&coarsest])
            .map(LevelGraph::node_count)
            .collect();
        let pos = initial_positions(coarsest.node_count(), rng.next_u64());
        let mut offsets = Vec::with_capacity(2 * n);
        for _ in 0..n {
            let [x, y] = unit_disc(&mut rng);
            offsets.push(x);
            offsets.push(y);
        }
        let mut engine = Engine::new(coarsest, pos, &settings);
        if level > 0 {
            engine.thin_ties(rng.clone().next_u64() ^ level as u64);
        }
        let mut state = LayoutState {
            engine,
            settings,
            pending: levels,
            parents,
            level,
            coarsest_level: level,
            ancestor: Vec::new(),
            offsets,
            display: Vec::new(),
            pins: vec![None; n],
            sizes: None,
            level_iterations: 0,
            total_iterations: 0,
            rng,
            level_sizes,
            progress: 0.0,
        };
        state.compute_ancestors();
        state.project();
        Ok(state)
    }

    fn single_level(
        finest: LevelGraph,
        pos: Vec<f32>,
        settings: Fa2Settings,
        rng: Rng,
    ) -> LayoutState {
        let n = finest.node_count();
        LayoutState {
            engine: Engine::new(finest, pos, &settings),
            settings,
            pending: Vec::new(),
            parents: Vec::new(),
            level: 0,
            coarsest_level: 0,
            ancestor: Vec::new(),
            offsets: Vec::new(),
            display: Vec::new(),
            pins: vec![None; n],
            sizes: None,
            level_iterations: 0,
            total_iterations: 0,
            rng,
            level_sizes: vec![n],
            progress: 0.0,
        }
    }

    /// A layout of a changed graph that keeps the drawing: node `v` keeps
    /// `previous[2v..2v + 2]` when it is there and finite; other nodes start near the mean of
    /// their already placed neighbours (or at a seeded random place inside the drawing when
    /// they have none). `previous` may be shorter or longer than the graph.
    pub fn warm_start(
        csr: &Csr,
        previous: &[f32],
        settings: Fa2Settings,
        seed: u64,
    ) -> LayoutState {
        let n = csr.node_count();
        let mut rng = Rng::new(seed);
        let mut pos = vec![0.0f32; 2 * n];
        let mut placed = vec![false; n];
        for v in 0..n {
            if let (Some(&x), Some(&y)) = (previous.get(2 * v), previous.get(2 * v + 1)) {
                if x.is_finite() && y.is_finite() {
                    pos[2 * v] = x;
                    pos[2 * v + 1] = y;
                    placed[v] = true;
                }
            }
        }
        let known: Vec<f32> = (0..n)
            .filter(|&v| placed[v])
            .flat_map(|v| [pos[2 * v], pos[2 * v + 1]])
            .collect();
        let spacing = mean_spacing(&known).max(1.0);
        let radius = spacing * (known.len() as f32 / 2.0).sqrt().max(1.0);
        let (cx, cy) = centroid(&known);
        // New nodes next to placed neighbours, in a few sweeps so chains of new nodes follow.
        for _ in 0..3 {
            for v in 0..n {
                if placed[v] {
                    continue;
                }
                let (ns, _) = csr.neighbors(v);
                let (mut sx, mut sy, mut k) = (0.0f32, 0.0f32, 0usize);
                for &u in ns {
                    if placed[u as usize] {
                        sx += pos[2 * u as usize];
                        sy += pos[2 * u as usize + 1];
                        k += 1;
                    }
                }
                if k > 0 {
                    let [ox, oy] = unit_disc(&mut rng);
                    pos[2 * v] = sx / k as f32 + ox * spacing;
                    pos[2 * v + 1] = sy / k as f32 + oy * spacing;
                    placed[v] = true;
                }
            }
        }
        for v in 0..n {
            if !placed[v] {
                let [ox, oy] = unit_disc(&mut rng);
                pos[2 * v] = cx + ox * radius;
                pos[2 * v + 1] = cy + oy * radius;
            }
        }
        LayoutState::single_level(LevelGraph::finest(csr), pos, settings.sanitized(), rng)
    }

    /// Runs up to `iterations` iterations (fewer once converged).
    pub fn step(&mut self, iterations: usize) -> StepStats {
        let mut done = 0;
        while done < iterations {
            if self.level == 0 && self.engine.converged() {
                break;
            }
            self.engine.iterate();
            done += 1;
            self.level_iterations += 1;
            self.total_iterations += 1;
            if self.level > 0 {
                let cap = if self.level == self.coarsest_level {
                    COARSEST_CAP
                } else {
                    COARSE_CAP
                };
                if self.engine.converged() || self.level_iterations >= cap {
                    self.descend();
                }
            }
        }
        if self.level > 0 {
            self.project();
        }
        self.progress = self.progress.max(self.measured_progress());
        let figures = self.engine.figures;
        StepStats {
            iterations_done: done,
            converged: self.converged(),
            global_speed: figures.global_speed,
            mean_displacement: figures.mean_displacement,
            relative_displacement: figures.relative_displacement,
            level: self.level,
        }
    }

    /// How far the layout is from settled, 0 to 1 (1 once settled), never going back while it
    /// runs: the levels done, each weighed by its nodes, and the level under way by how far its
    /// drawing is from settled (`Engine::progress`) or from its iteration cap.
    pub fn progress(&self) -> f32 {
        if self.converged() {
            1.0
        } else {
            self.progress.min(0.99)
        }
    }

    fn measured_progress(&self) -> f32 {
        let total: usize = self.level_sizes.iter().sum();
        if total == 0 {
            return 1.0;
        }
        let done: usize = self.level_sizes.iter().skip(self.level + 1).sum();
        let mut here = self.engine.progress();
        if self.level > 0 {
            let cap = if self.level == self.coarsest_level {
                COARSEST_CAP
            } else {
                COARSE_CAP
            };
            here = here.max(self.level_iterations as f32 / cap as f32);
        }
        let size = self.level_sizes.get(self.level).copied().unwrap_or(0);
        ((done as f64 + size as f64 * f64::from(here.clamp(0.0, 1.0))) / total as f64) as f32
    }

    /// True once the finest level has settled.
    pub fn converged(&self) -> bool {
        self.level == 0 && self.engine.converged()
    }

    /// Iterations run so far, over all levels.
    pub fn iterations(&self) -> usize {
        self.total_iterations
    }

    /// The level the next iteration runs on (0 = the graph itself).
    pub fn level(&self) -> usize {
        self.level
    }

    /// The drawing: `[x0, y0, x1, y1, ...]` in graph space, one pair per node of the graph.
    pub fn positions(&self) -> &[f32] {
        if self.level == 0 {
            &self.engine.pos
        } else {
            &self.display
        }
    }

    pub fn settings(&self) -> &Fa2Settings {
        &self.settings
    }

    /// New settings from now on (the layout resumes if it had converged).
    pub fn set_settings(&mut self, settings: Fa2Settings) {
        self.progress = 0.0;
        self.settings = settings.sanitized();
        self.engine.set_settings(&self.level_settings());
    }

    /// The settings of the level being laid out: the graph itself, when coarser levels came
    /// before it, with at least [`FINEST_THETA`].
    fn level_settings(&self) -> Fa2Settings {
        let mut settings = self.settings.clone();
        if self.level == 0 && self.coarsest_level > 0 {
            settings.barnes_hut_theta = settings.barnes_hut_theta.max(FINEST_THETA);
        }
        settings
    }

    /// Node radii for `adjust_sizes` (missing or invalid entries count as 1). Coarse levels
    /// keep their own sizes; these apply to the graph itself.
    pub fn set_node_sizes(&mut self, sizes: &[f32]) {
        self.progress = 0.0;
        if self.level == 0 {
            self.engine.set_sizes(sizes);
        } else {
            self.sizes = Some(sizes.to_vec());
        }
    }

    /// Holds `node` at `pos_in_graph` until [`LayoutState::unpin`]; it still pushes and pulls
    /// the others.
    pub fn pin(&mut self, node: usize, pos_in_graph: [f32; 2]) -> Result<(), LayoutError> {
        let count = self.pins.len();
        if node >= count {
            return Err(LayoutError::NoSuchNode { node, count });
        }
        if !(pos_in_graph[0].is_finite() && pos_in_graph[1].is_finite()) {
            return Err(LayoutError::NonFinitePosition { node });
        }
        self.pins[node] = Some(pos_in_graph);
        self.progress = 0.0;
        if self.level == 0 {
            self.apply_pin(node);
        } else {
            self.display[2 * node] = pos_in_graph[0];
            self.display[2 * node + 1] = pos_in_graph[1];
        }
        Ok(())
    }

    /// Lets `node` move again.
    pub fn unpin(&mut self, node: usize) {
        if let Some(p) = self.pins.get_mut(node) {
            *p = None;
        }
        if self.level == 0 {
            if let Some(f) = self.engine.fixed.get_mut(node) {
                *f = false;
            }
            self.engine.resume();
        }
    }

    fn apply_pin(&mut self, node: usize) {
        if let Some(Some([x, y])) = self.pins.get(node).copied() {
            if let Some(f) = self.engine.fixed.get_mut(node) {
                *f = true;
                self.engine.pos[2 * node] = x;
                self.engine.pos[2 * node + 1] = y;
                // a moved pin changes the balance: resume
                self.engine.resume();
            }
        }
    }

    /// Moves to the next finer level: children start around their parent.
    fn descend(&mut self) {
        let (Some(fine), Some(parent)) = (self.pending.pop(), self.parents.pop()) else {
            return;
        };
        let radius = local_radius(&self.engine.graph.csr, &self.engine.pos);
        let coarse_pos = &self.engine.pos;
        let mut pos = Vec::with_capacity(2 * fine.node_count());
        for &p in &parent {
            let p = p as usize;
            let [ox, oy] = unit_disc(&mut self.rng);
            let r = radius.get(p).copied().unwrap_or(0.0);
            let (x, y) = (
                coarse_pos.get(2 * p).copied().unwrap_or(0.0),
                coarse_pos.get(2 * p + 1).copied().unwrap_or(0.0),
            );
            pos.push(x + ox * r);
            pos.push(y + oy * r);
        }
        self.level -= 1;
        self.engine = Engine::new(fine, pos, &self.level_settings());
        if self.level > 0 {
            self.engine
                .thin_ties(self.rng.clone().next_u64() ^ self.level as u64);
        }
        self.level_iterations = 0;
        if self.level == 0 {
            if let Some(sizes) = self.sizes.take() {
                self.engine.set_sizes(&sizes);
            }
            for v in 0..self.pins.len() {
                self.apply_pin(v);
            }
            self.ancestor = Vec::new();
            self.display = Vec::new();
            self.offsets = Vec::new();
        } else {
            self.compute_ancestors();
        }
    }

    fn compute_ancestors(&mut self) {
        let n = self.pins.len();
        let mut anc: Vec<u32> = (0..n as u32).collect();
        for parent in &self.parents {
            for a in anc.iter_mut() {
                *a = parent.get(*a as usize).copied().unwrap_or(0);
            }
        }
        // `self.parents` holds the maps up to the current level only.
        self.ancestor = anc;
    }

    /// Draws every node around its ancestor at the current level.
    fn project(&mut self) {
        let radius = local_radius(&self.engine.graph.csr, &self.engine.pos);
        let pos = &self.engine.pos;
        let n = self.pins.len();
        self.display.resize(2 * n, 0.0);
        for v in 0..n {
            let a = self.ancestor.get(v).copied().unwrap_or(0) as usize;
            let (x, y) = match self.pins[v] {
                Some([x, y]) => (x, y),
                None => {
                    let r = radius.get(a).copied().unwrap_or(0.0);
                    (
                        pos.get(2 * a).copied().unwrap_or(0.0) + self.offsets[2 * v] * r,
                        pos.get(2 * a + 1).copied().unwrap_or(0.0) + self.offsets[2 * v + 1] * r,
                    )
                }
            };
            self.display[2 * v] = x;
            self.display[2 * v + 1] = y;
        }
    }
}

/// For each node, [`PROLONG_RADIUS`] times its mean tie length in the drawing `pos` (the mean
/// node spacing for a node without ties).
fn local_radius(csr: &Csr, pos: &[f32]) -> Vec<f32> {
    let spacing = mean_spacing(pos);
    (0..csr.node_count())
        .map(|v| {
            let (ns, _) = csr.neighbors(v);
            if ns.is_empty() || 2 * v + 1 >= pos.len() {
                return PROLONG_RADIUS * spacing;
            }
            let (x, y) = (pos[2 * v], pos[2 * v + 1]);
            let total: f32 = ns
                .iter()
                .map(|&u| {
                    let u = u as usize;
                    let dx = pos.get(2 * u).map_or(0.0, |&ux| ux - x);
                    let dy = pos.get(2 * u + 1).map_or(0.0, |&uy| uy - y);
                    (dx * dx + dy * dy).sqrt()
                })
                .sum();
            PROLONG_RADIUS * total / ns.len() as f32
        })
        .collect()
}

/// A seeded point uniform in the unit disc, by rejection (no trigonometry, so bit-identical
/// on every platform).
pub(crate) fn unit_disc(rng: &mut Rng) -> [f32; 2] {
    loop {
        let x = 2.0 * rng.next_f32() - 1.0;
        let y = 2.0 * rng.next_f32() - 1.0;
        if x * x + y * y <= 1.0 {
            return [x, y];
        }
    }
}

fn centroid(pos: &[f32]) -> (f32, f32) {
    let n = pos.len() / 2;
    if n == 0 {
        return (0.0, 0.0);
    }
    let (mut sx, mut sy) = (0.0f64, 0.0f64);
    for p in pos.chunks_exact(2) {
        sx += p[0] as f64;
        sy += p[1] as f64;
    }
    ((sx / n as f64) as f32, (sy / n as f64) as f32)
}
