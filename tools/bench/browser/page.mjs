// The in-browser benchmarks: our wasm core (src/bin/bench.rs) beside its JavaScript peers
// (graphology), on the same seeded graphs, timed the same way (performance.now around the
// call). Bundled by esbuild into target/bench/browser/page.js; run.mjs drives it through
// window.tiemapBench.<area>(config), one area at a time.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import louvain from 'graphology-communities-louvain';

// The wasm-bindgen module sits beside the bundle (target/bench/browser/pkg/); a computed URL
// keeps esbuild from trying to bundle it.
let wasm = null;
let wasmMemory = null;
// The same module built with `-C target-feature=+simd128` (pkg-simd/), when the bench command
// built it: only the `simd` area uses it.
let wasmSimd = null;
let wasmSimdError = null;
async function loadWasm() {
  const url = new URL('./pkg/bench.js', import.meta.url).href;
  wasm = await import(url);
  const exports = await wasm.default({ module_or_path: new URL('./pkg/bench_bg.wasm', import.meta.url).href });
  wasmMemory = exports.memory;
  try {
    const simdUrl = new URL('./pkg-simd/bench.js', import.meta.url).href;
    const mod = await import(simdUrl);
    await mod.default({ module_or_path: new URL('./pkg-simd/bench_bg.wasm', import.meta.url).href });
    wasmSimd = mod;
  } catch (e) {
    wasmSimdError = String(e?.message ?? e);
  }
  return true;
}

// A tiny module using one v128 instruction (i32x4.splat of 0, dropped): valid only where the
// browser supports wasm simd128. The same test the app's worker loader would make.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 17, 26, 11,
]);

// Peak memory of the whole flow on a big graph: run first, while the wasm memory is still
// small (it only grows, so its size afterwards is this flow's peak). The file is built here in
// JavaScript, so its text does not count against the wasm memory; its copy into wasm does.
async function memory(cfg) {
  const startBytes = wasmMemory.buffer.byteLength;
  const rng = mulberry32(cfg.seed);
  const lines = ['Source,Target,Type,Weight'];
  for (let i = 0; i < cfg.ties; i++) {
    const u = Math.floor(rng() * cfg.nodes);
    const v = Math.floor(rng() * cfg.nodes);
    lines.push(`person${u},person${v},Undirected,${1 + Math.floor(rng() * 9)}.5`);
  }
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  log(`memory: ${cfg.ties} ties, ${cfg.nodes} nodes, ${(bytes.length / 1e6).toFixed(1)} MB`);
  const t0 = now();
  const [nodes, ties, clusters] = wasm.big_graph_flow('big.csv', bytes, cfg.layout_steps);
  const ms = now() - t0;
  const peak = wasmMemory.buffer.byteLength;
  return { nodes, ties, clusters, layout_steps: cfg.layout_steps, file_bytes: bytes.length, ms, wasm_memory_start_bytes: startBytes, wasm_memory_peak_bytes: peak, budget_bytes: cfg.budget_bytes };
}

const now = () => performance.now();
const log = (...a) => console.log('[bench]', ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// Lets the page breathe (and the console reach the runner) between long runs.
const yieldToBrowser = () => new Promise((r) => setTimeout(r, 0));

// Seeded RNG for graphology's Louvain (mulberry32).
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The same graph in graphology, starting from our seeded positions when given.
function toGraphology(g, positions) {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const n = g.node_count();
  for (let i = 0; i < n; i++) {
    graph.addNode(i, positions ? { x: positions[2 * i], y: positions[2 * i + 1] } : {});
  }
  const s = g.sources(), t = g.targets(), w = g.weights();
  for (let e = 0; e < s.length; e++) {
    if (s[e] === t[e]) continue;
    graph.mergeEdge(s[e], t[e], { weight: w[e] });
  }
  return graph;
}

function planted(spec) {
  return wasm.BenchGraph.planted(spec.nodes, spec.groups, spec.degree, spec.mixing, spec.seed);
}

async function layout(cfg) {
  const iteration = [];
  for (const spec of cfg.iteration) {
    const g = planted(spec);
    log(`layout: ${spec.nodes} nodes, ${g.edge_count()} ties`);
    // ours: the criterion bench's set-up, warmed up past the first wild iterations
    const ours = wasm.LayoutBench.single_level(g, 1, cfg.warm_up);
    const oursTimes = [];
    for (let r = 0; r < spec.batches; r++) {
      const t0 = now();
      ours.step(spec.ours_batch);
      oursTimes.push((now() - t0) / spec.ours_batch);
    }
    ours.free();
    await yieldToBrowser();
    // graphology: same graph, same starting positions, inferSettings + Barnes-Hut, and the
    // same attraction as ours (LinLog: a logarithm per tie), so both do the same work
    const graph = toGraphology(g, g.initial_positions(1));
    const settings = { ...forceAtlas2.inferSettings(graph), linLogMode: true, barnesHutOptimize: true, barnesHutTheta: 0.5 };
    forceAtlas2.assign(graph, { iterations: spec.their_warm_up, settings }); // JIT warm-up
    const theirTimes = [];
    for (let r = 0; r < spec.batches; r++) {
      const t0 = now();
      forceAtlas2.assign(graph, { iterations: spec.their_batch, settings });
      theirTimes.push((now() - t0) / spec.their_batch);
      await yieldToBrowser();
    }
    const theirMs = median(theirTimes);
    const oursMs = median(oursTimes);
    iteration.push({
      nodes: spec.nodes,
      edges: g.edge_count(),
      groups: spec.groups,
      mean_degree: spec.degree,
      mixing: spec.mixing,
      ours_ms_per_iteration: oursMs,
      ours_batches_ms_per_iteration: oursTimes,
      graphology_ms_per_iteration: theirMs,
      graphology_batches_ms_per_iteration: theirTimes,
      batches: spec.batches,
      ours_iterations_per_batch: spec.ours_batch,
      graphology_iterations_per_batch: spec.their_batch,
      speedup: theirMs / oursMs,
    });
    g.free();
    await yieldToBrowser();
  }

  // Settling: the app's loop (multilevel, communities start) on a planted graph.
  const s = cfg.settle;
  const g = planted(s);
  const truth = g.truth();
  const t0 = now();
  const membership = g.leiden_membership(1);
  const leidenMs = now() - t0;
  const state = wasm.LayoutBench.from_communities(g, membership, 1);
  let layoutMs = 0;
  const trace = [];
  let reached = null;
  let converged = false;
  while (layoutMs < s.budget_ms) {
    const t = now();
    converged = state.step(s.chunk);
    layoutMs += now() - t;
    const sil = state.silhouette(truth);
    trace.push({ ms: layoutMs, iterations: state.iterations(), level: state.level(), silhouette: sil });
    if (reached === null && state.level() === 0 && sil >= s.goal_silhouette) {
      reached = { ms: layoutMs, iterations: state.iterations(), silhouette: sil };
    }
    if (converged) break;
  }
  const at = (ms) => {
    let last = null;
    for (const p of trace) if (p.ms <= ms) last = p;
    return last;
  };
  const settle = {
    nodes: s.nodes,
    edges: g.edge_count(),
    groups: s.groups,
    mean_degree: s.degree,
    mixing: s.mixing,
    leiden_ms: leidenMs,
    goal_silhouette: s.goal_silhouette,
    goal_ms: s.goal_ms,
    reached_goal: reached,
    at_goal_time: at(s.goal_ms),
    final: trace[trace.length - 1] ?? null,
    converged,
    trace,
  };
  state.free();
  g.free();
  return { warm_up_iterations: cfg.warm_up, iteration, settle };
}

// simd128: the layout iteration of the `layout` area (ours only), timed on the plain build and
// on the `+simd128` build of the same code in this page, batches alternating between the two so
// both see the same load. Also checks that both builds draw the same picture (bit for bit)
// after the same iterations.
async function simd(cfg) {
  const supported = WebAssembly.validate(SIMD_PROBE);
  if (!wasmSimd) {
    throw new Error(`no simd128 build loaded (pkg-simd/): ${wasmSimdError ?? 'unknown'}`);
  }
  const rows = [];
  for (const spec of cfg.iteration) {
    const graphs = [planted(spec), wasmSimd.BenchGraph.planted(spec.nodes, spec.groups, spec.degree, spec.mixing, spec.seed)];
    log(`simd: ${spec.nodes} nodes, ${graphs[0].edge_count()} ties`);
    const benches = [wasm.LayoutBench.single_level(graphs[0], 1, cfg.warm_up), wasmSimd.LayoutBench.single_level(graphs[1], 1, cfg.warm_up)];
    const times = [[], []];
    for (let r = 0; r < spec.batches; r++) {
      for (const k of r % 2 ? [1, 0] : [0, 1]) {
        const t0 = now();
        benches[k].step(spec.ours_batch);
        times[k].push((now() - t0) / spec.ours_batch);
        await yieldToBrowser();
      }
    }
    const [a, b] = benches.map((x) => x.positions());
    let same = a.length === b.length;
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) same = false;
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    }
    const scalarMs = median(times[0]);
    const simdMs = median(times[1]);
    rows.push({
      nodes: spec.nodes,
      edges: graphs[0].edge_count(),
      iterations: benches[0].iterations(),
      scalar_ms_per_iteration: scalarMs,
      scalar_batches_ms_per_iteration: times[0],
      simd_ms_per_iteration: simdMs,
      simd_batches_ms_per_iteration: times[1],
      speedup: scalarMs / simdMs,
      identical_positions: same,
      max_position_difference: maxDiff,
      batches: spec.batches,
      iterations_per_batch: spec.ours_batch,
    });
    benches.forEach((x) => x.free());
    graphs.forEach((x) => x.free());
    await yieldToBrowser();
  }
  return { simd128_supported: supported, warm_up_iterations: cfg.warm_up, iteration: rows };
}

async function communities(cfg) {
  const rows = [];
  for (const spec of cfg.graphs) {
    const g = spec.fixture ? wasm.BenchGraph.fixture(spec.fixture) : planted(spec);
    log(`communities: ${spec.name}, ${g.node_count()} nodes, ${g.edge_count()} ties`);
    const ours = [];
    for (let seed = 0; seed < spec.seeds; seed++) {
      const t0 = now();
      const [q, count] = g.leiden(seed);
      ours.push({ seed, ms: now() - t0, modularity: q, communities: count });
      await yieldToBrowser();
    }
    const graph = toGraphology(g, null);
    const theirs = [];
    for (let seed = 0; seed < spec.seeds; seed++) {
      const t0 = now();
      const d = louvain.detailed(graph, { rng: mulberry32(seed + 1), getEdgeWeight: 'weight', resolution: 1 });
      const ms = now() - t0;
      const membership = new Uint32Array(g.node_count());
      for (let i = 0; i < membership.length; i++) membership[i] = d.communities[i] ?? 0;
      // scored by our modularity, so both columns use one formula
      theirs.push({ seed, ms, modularity: g.modularity_of(membership), own_modularity: d.modularity, communities: d.count });
      await yieldToBrowser();
    }
    const summary = (runs) => ({
      best_modularity: Math.max(...runs.map((r) => r.modularity)),
      median_ms: median(runs.map((r) => r.ms)),
      runs,
    });
    rows.push({
      graph: spec.name,
      nodes: g.node_count(),
      edges: g.edge_count(),
      seeds: spec.seeds,
      ours: summary(ours),
      graphology_louvain: summary(theirs),
    });
    g.free();
  }
  return { graphs: rows };
}

async function imports(cfg) {
  const out = {};
  // a big CSV edge list, dropped as a file
  {
    const c = cfg.csv;
    const bytes = wasm.csv_edge_list(c.ties, c.nodes, 1);
    log(`import: CSV edge list, ${c.ties} ties, ${(bytes.length / 1e6).toFixed(1)} MB`);
    const times = [];
    let ties = 0;
    for (let r = 0; r < c.repeats; r++) {
      const t0 = now();
      ties = wasm.import_file('ties.csv', bytes);
      times.push(now() - t0);
      await yieldToBrowser();
    }
    out.csv_edge_list = { ties_requested: c.ties, ties_read: ties, nodes: c.nodes, size_bytes: bytes.length, ms: median(times), runs_ms: times, goal_ms: c.goal_ms };
  }
  // a Connections.csv, then tie inference over the generated export
  {
    const p = cfg.personal;
    const sample = wasm.PersonalBench.new(p.people, 11);
    const bytes = sample.connections_csv();
    log(`import: Connections.csv, ${p.people} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);
    const times = [];
    let people = 0;
    for (let r = 0; r < p.repeats; r++) {
      const t0 = now();
      people = wasm.import_file('Connections.csv', bytes);
      times.push(now() - t0);
      await yieldToBrowser();
    }
    out.connections_csv = { rows: p.people, people_read: people, size_bytes: bytes.length, ms: median(times), runs_ms: times };
    const inferTimes = [];
    let ties = 0;
    for (let r = 0; r < p.repeats; r++) {
      const t0 = now();
      [ties] = sample.infer();
      inferTimes.push(now() - t0);
      await yieldToBrowser();
    }
    out.infer = { people: p.people, ties, ms: median(inferTimes), runs_ms: inferTimes, goal_ms: p.infer_goal_ms };
    sample.free();
  }
  return out;
}

window.tiemapBench = {
  ready: loadWasm(),
  memory,
  layout,
  simd,
  communities,
  imports,
  userAgent: () => navigator.userAgent,
};
