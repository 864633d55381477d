//! The wasm entry point of the in-browser benchmarks (`cargo xtask bench`).
//!
//! Not part of the site: trunk builds only the `app` and `worker` bins that `index.html` names.
//! `tools/bench/browser/page.mjs` loads this module (wasm-bindgen `--target web`) beside the
//! JavaScript peers (graphology) and times both on the same seeded graphs. Every function here
//! does the work only; the page measures the time, so ours and theirs are timed alike.

use tiemap_core::community::{leiden, modularity, LeidenSettings};
use tiemap_core::import::{import_files, Imported, InputFile, Limits};
use tiemap_core::infer::{infer, InferSettings};
use tiemap_core::layout::{initial_positions, silhouette, Fa2Settings, LayoutStart, LayoutState};
use tiemap_core::rng::Rng;
use tiemap_core::sample::{connections_csv, linkedin_sample, planted_partition, SampleExport};
use tiemap_core::Csr;
use wasm_bindgen::prelude::*;

const KARATE: &str = include_str!("../../crates/tiemap-core/tests/fixtures/graphs/karate.edges");
const LESMIS: &str = include_str!("../../crates/tiemap-core/tests/fixtures/graphs/lesmis.edges");

fn main() {}

/// A seeded graph, shared by our code and the JavaScript peers (through its edge arrays).
#[wasm_bindgen]
pub struct BenchGraph {
    csr: Csr,
    edges: Vec<(u32, u32, f32)>,
    truth: Vec<u32>,
}

#[wasm_bindgen]
impl BenchGraph {
    /// `tiemap_core::sample::planted_partition` with these parameters.
    pub fn planted(
        nodes: usize,
        groups: usize,
        mean_degree: f64,
        mixing: f64,
        seed: u32,
    ) -> BenchGraph {
        let g = planted_partition(nodes, groups, mean_degree, mixing, u64::from(seed));
        BenchGraph {
            csr: g.csr,
            edges: g.edges,
            truth: g.truth,
        }
    }

    /// A fixture of `crates/tiemap-core/tests/fixtures/graphs/`: "karate" or "lesmis".
    pub fn fixture(name: &str) -> Result<BenchGraph, JsError> {
        let text = match name {
            "karate" => KARATE,
            "lesmis" => LESMIS,
            other => return Err(JsError::new(&format!("no fixture graph named {other:?}"))),
        };
        let mut nodes = 0usize;
        let mut edges = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(n) = line.strip_prefix("# nodes ") {
                nodes = n.trim().parse().map_err(|_| {
                    JsError::new(&format!("{name}.edges:{}: bad node count", i + 1))
                })?;
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split_whitespace().collect();
            let bad = || JsError::new(&format!("{name}.edges:{}: expected `u v [weight]`", i + 1));
            let u: u32 = f.first().and_then(|x| x.parse().ok()).ok_or_else(bad)?;
            let v: u32 = f.get(1).and_then(|x| x.parse().ok()).ok_or_else(bad)?;
            let w: f32 = match f.get(2) {
                Some(x) => x.parse().map_err(|_| bad())?,
                None => 1.0,
            };
            edges.push((u, v, w));
        }
        let csr = Csr::from_edges(nodes, edges.iter().copied());
        Ok(BenchGraph {
            csr,
            edges,
            truth: Vec::new(),
        })
    }

    pub fn node_count(&self) -> usize {
        self.csr.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.csr.edge_count()
    }

    pub fn sources(&self) -> Vec<u32> {
        self.edges.iter().map(|e| e.0).collect()
    }

    pub fn targets(&self) -> Vec<u32> {
        self.edges.iter().map(|e| e.1).collect()
    }

    pub fn weights(&self) -> Vec<f32> {
        self.edges.iter().map(|e| e.2).collect()
    }

    /// The planted groups (empty for fixtures).
    pub fn truth(&self) -> Vec<u32> {
        self.truth.clone()
    }

    /// The seeded random start our layout uses, `[x0, y0, ...]`, for the peers to start from.
    pub fn initial_positions(&self, seed: u32) -> Vec<f32> {
        initial_positions(self.csr.node_count(), u64::from(seed))
    }

    /// Our Leiden with default settings and this seed: `[modularity, community count]`.
    pub fn leiden(&self, seed: u32) -> Vec<f64> {
        let p = leiden(&self.csr, &LeidenSettings::with_seed(u64::from(seed)));
        vec![p.modularity, p.community_count as f64]
    }

    /// The communities our Leiden finds with this seed (one label per node).
    pub fn leiden_membership(&self, seed: u32) -> Vec<u32> {
        leiden(&self.csr, &LeidenSettings::with_seed(u64::from(seed))).membership
    }

    /// Modularity (resolution 1, weighted) of any labelling, so every method is scored alike.
    pub fn modularity_of(&self, membership: Vec<u32>) -> Result<f64, JsError> {
        modularity(&self.csr, &membership, 1.0).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// A running layout to time.
#[wasm_bindgen]
pub struct LayoutBench {
    state: LayoutState,
}

#[wasm_bindgen]
impl LayoutBench {
    /// One level, Barnes-Hut (theta from `Fa2Settings::infer`: 0.5 up to 50k nodes), no
    /// convergence stop, random start: the same set-up as the criterion `layout` bench, so the
    /// figures sit side by side. Runs `warm_up` iterations first.
    pub fn single_level(
        graph: &BenchGraph,
        seed: u32,
        warm_up: usize,
    ) -> Result<LayoutBench, JsError> {
        let mut settings = Fa2Settings::infer(graph.csr.node_count(), graph.csr.edge_count());
        settings.barnes_hut_optimize = true;
        settings.multilevel_min_nodes = usize::MAX;
        settings.convergence_threshold = 0.0;
        let mut state =
            LayoutState::new(&graph.csr, settings, LayoutStart::Random, u64::from(seed))
                .map_err(|e| JsError::new(&e.to_string()))?;
        state.step(warm_up);
        Ok(LayoutBench { state })
    }

    /// The app's layout: `Fa2Settings::infer`, multilevel, starting from these communities.
    pub fn from_communities(
        graph: &BenchGraph,
        membership: Vec<u32>,
        seed: u32,
    ) -> Result<LayoutBench, JsError> {
        let settings = Fa2Settings::infer(graph.csr.node_count(), graph.csr.edge_count());
        let state = LayoutState::new(
            &graph.csr,
            settings,
            LayoutStart::Communities(membership),
            u64::from(seed),
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(LayoutBench { state })
    }

    /// Runs `iterations` iterations; true once the layout has converged.
    pub fn step(&mut self, iterations: usize) -> bool {
        self.state.step(iterations).converged
    }

    pub fn iterations(&self) -> usize {
        self.state.iterations()
    }

    /// The drawing, `[x0, y0, x1, y1, ...]` (to compare builds bit for bit).
    pub fn positions(&self) -> Vec<f32> {
        self.state.positions().to_vec()
    }

    /// The level the layout is on (0 is the graph itself).
    pub fn level(&self) -> usize {
        self.state.level()
    }

    /// Silhouette of `groups` in the current drawing (`layout::quality::silhouette`, seed 3).
    pub fn silhouette(&self, groups: Vec<u32>) -> Result<f32, JsError> {
        silhouette(self.state.positions(), &groups, 3).map_err(|e| JsError::new(&e.to_string()))
    }
}

/// A CSV edge list of `ties` ties among `nodes` named people, as the criterion `import_graph`
/// bench writes it (`Source,Target,Type,Weight`, ids `person{N}`).
fn csv_edge_list_text(ties: usize, nodes: usize, seed: u32) -> String {
    let mut rng = Rng::new(u64::from(seed));
    let mut text = String::with_capacity(ties * 32);
    text.push_str("Source,Target,Type,Weight\n");
    for _ in 0..ties {
        let u = rng.below(nodes.max(1));
        let v = rng.below(nodes.max(1));
        let w = 1 + rng.below(9);
        text.push_str(&format!("person{u},person{v},Undirected,{w}.5\n"));
    }
    text
}

/// [`csv_edge_list_text`] as bytes, to be handed back as a dropped file.
#[wasm_bindgen]
pub fn csv_edge_list(ties: usize, nodes: usize, seed: u32) -> Vec<u8> {
    csv_edge_list_text(ties, nodes, seed).into_bytes()
}

/// Imports one dropped file through `tiemap_core::import::import_files` (the bytes are copied
/// in from the JavaScript array, as a dropped file's are). Returns the ties of a graph file or
/// the people of a personal export.
#[wasm_bindgen]
pub fn import_file(name: &str, bytes: Vec<u8>) -> Result<usize, JsError> {
    let files = [InputFile {
        name: name.to_string(),
        bytes,
    }];
    let outcome =
        import_files(&files, &Limits::default()).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(match outcome.data {
        Imported::Graph(g) => g.edges.len(),
        Imported::Personal(p) => p.people.len(),
    })
}

/// The app's whole flow on a big graph file: import, clusters (Leiden), a multilevel layout
/// started from them and `layout_steps` iterations. Returns `[nodes, ties, clusters]`; the
/// page reads the wasm memory's size afterwards (it only grows, so that is the peak).
#[wasm_bindgen]
pub fn big_graph_flow(
    name: &str,
    bytes: Vec<u8>,
    layout_steps: usize,
) -> Result<Vec<f64>, JsError> {
    let files = [InputFile {
        name: name.to_string(),
        bytes,
    }];
    let outcome =
        import_files(&files, &Limits::default()).map_err(|e| JsError::new(&e.to_string()))?;
    drop(files);
    let Imported::Graph(graph) = outcome.data else {
        return Err(JsError::new("not a graph file"));
    };
    let network = tiemap_core::Network::from_graph_file(&graph);
    drop(graph);
    let csr = network.csr();
    let partition = leiden(&csr, &LeidenSettings::with_seed(1));
    let settings = Fa2Settings::infer(csr.node_count(), csr.edge_count());
    let mut state = LayoutState::new(
        &csr,
        settings,
        LayoutStart::Communities(partition.membership.clone()),
        1,
    )
    .map_err(|e| JsError::new(&e.to_string()))?;
    state.step(layout_steps);
    Ok(vec![
        csr.node_count() as f64,
        csr.edge_count() as f64,
        partition.community_count as f64,
    ])
}

/// A generated LinkedIn export to import and infer ties from.
#[wasm_bindgen]
pub struct PersonalBench {
    sample: SampleExport,
}

#[wasm_bindgen]
impl PersonalBench {
    /// `tiemap_core::sample::linkedin_sample(people, seed)`.
    pub fn new(people: usize, seed: u32) -> PersonalBench {
        PersonalBench {
            sample: linkedin_sample(people, u64::from(seed)),
        }
    }

    /// Its `Connections.csv`.
    pub fn connections_csv(&self) -> Vec<u8> {
        connections_csv(&self.sample.export.people).into_bytes()
    }

    /// Tie inference over the whole export (connections, positions, messages, ...), with
    /// `InferSettings::for_size`: `[ties, people]`.
    pub fn infer(&self) -> Result<Vec<u32>, JsError> {
        let settings = InferSettings::for_size(self.sample.export.people.len());
        let inference =
            infer(&self.sample.export, &settings).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(vec![
            inference.report.ties as u32,
            inference.report.people as u32,
        ])
    }
}
