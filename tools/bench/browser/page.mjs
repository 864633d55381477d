// The in-browser benchmarks: our wasm core (src/bin/bench.rs) beside its JavaScript peers
// (graphology), on the same seeded graphs, timed the same way (performance.now around the
// call). Bundled by esbuild into target/bench/browser/page.js; run.mjs drives it through
// window.tiemapBench.<area>(config), one area at a time.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import louvain from 'graphology-communities-louvain';
import Sigma from 'sigma';

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
  return { nodes, ties, clusters, layout_steps: cfg.layout_steps, file_bytes: bytes.length, ms, wasm_memory_start_bytes: startBytes, wasm_memory_peak_bytes: peak };
}

// The render area draws with the app's own renderer: the root `tiemap` lib built as a cdylib
// (its one wasm-bindgen export, `TiemapRenderBench`), in pkg/tiemap.js beside bench.js.
let renderWasm = null;
async function loadRenderWasm() {
  if (!renderWasm) {
    const m = await import(new URL('./pkg/tiemap.js', import.meta.url).href);
    await m.default({ module_or_path: new URL('./pkg/tiemap_bg.wasm', import.meta.url).href });
    renderWasm = m;
  }
  return renderWasm;
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
  // after each step: the report finds in it when the map settled (xtask/src/bench/goals.rs)
  const trace = [];
  let converged = false;
  while (layoutMs < s.budget_ms) {
    const t = now();
    converged = state.step(s.chunk);
    layoutMs += now() - t;
    trace.push({ ms: layoutMs, iterations: state.iterations(), level: state.level(), silhouette: state.silhouette(truth) });
    if (converged) break;
  }
  const settle = {
    nodes: s.nodes,
    edges: g.edge_count(),
    groups: s.groups,
    mean_degree: s.degree,
    mixing: s.mixing,
    leiden_ms: leidenMs,
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
    out.csv_edge_list = { ties_requested: c.ties, ties_read: ties, nodes: c.nodes, size_bytes: bytes.length, ms: median(times), runs_ms: times };
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
    out.infer = { people: p.people, ties, ms: median(inferTimes), runs_ms: inferTimes };
    sample.free();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Drawing: our renderer (src/render/bench.rs, `TiemapRenderBench`) and sigma.js 3 draw the same
// generated map on canvases of the same size, through the same scripted pans and zooms, one
// frame per animation frame; each frame is timed from the camera change to the GPU done with
// both the map and its labels (the same read-back on both sides).

// A clustered map: a planted partition with each group's people scattered (Gaussian) around a
// centre on a sunflower spiral, cloud radius growing with the group's size.
function clusteredMap(cfg) {
  const g = planted(cfg);
  const truth = g.truth();
  const n = g.node_count();
  const s = g.sources(), t = g.targets();
  const seen = new Set();
  const ties = [];
  for (let e = 0; e < s.length; e++) {
    const a = Math.min(s[e], t[e]), b = Math.max(s[e], t[e]);
    if (a === b) continue;
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    ties.push(a, b);
  }
  g.free();
  const sizes = new Array(cfg.groups).fill(0);
  for (let i = 0; i < n; i++) sizes[truth[i]] += 1;
  const rng = mulberry32(cfg.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const golden = Math.PI * (3 - Math.sqrt(5));
  const centre = sizes.map((_, k) => {
    const r = 260 * Math.sqrt(k + 0.5);
    return [r * Math.cos(k * golden), r * Math.sin(k * golden)];
  });
  const pos = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = truth[i];
    const spread = 9 * Math.sqrt(sizes[k]);
    pos[2 * i] = centre[k][0] + spread * gauss();
    pos[2 * i + 1] = centre[k][1] + spread * gauss();
  }
  // one hue per group, spread around the colour wheel
  const colors = new Uint8Array(3 * cfg.groups);
  for (let k = 0; k < cfg.groups; k++) {
    const [r, gg, b] = hsl((k * 137.508) % 360, 0.62, 0.5);
    colors.set([r, gg, b], 3 * k);
  }
  return { n, pos, ties: Uint32Array.from(ties), cluster: Uint32Array.from(truth), colors };
}

function hsl(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = (k) => {
    const m = (k + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(m - 3, 9 - m, 1))));
  };
  return [f(0), f(8), f(4)];
}

// The scripted camera: `frames` views as (dx, dy) CSS pixels of pan from the fitted view and a
// zoom factor over it: a slow circle at the fitted zoom, a zoom in to 4x while drifting, then
// back out past the fit.
function script(frames) {
  const views = [];
  const third = Math.max(1, Math.floor(frames / 3));
  for (let f = 0; f < frames; f++) {
    const a = (2 * Math.PI * f) / third;
    if (f < third) {
      views.push([120 * Math.cos(a), 80 * Math.sin(a), 1]);
    } else if (f < 2 * third) {
      const u = (f - third) / third;
      views.push([200 * u, -120 * u, Math.pow(4, u)]);
    } else {
      const u = (f - 2 * third) / Math.max(1, frames - 2 * third);
      views.push([200 * (1 - u), -120 * (1 - u), 4 * Math.pow(0.7 / 4, u)]);
    }
  }
  return views;
}

const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));

function stats(times) {
  const s = [...times].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
  return {
    mean_ms: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
    median_ms: median(s),
    p95_ms: q(0.95),
    max_ms: s[s.length - 1],
    frames: s.length,
  };
}

// The same wait for both sides: every WebGL context finishes and gives back one pixel, and
// the label canvas gives back one pixel (which makes the 2D canvas run its queued drawing).
function syncAll(gls, labelCtx) {
  const px = new Uint8Array(4);
  for (const gl of gls) {
    gl.finish();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
  }
  labelCtx.getImageData(0, 0, 1, 1);
}

function layer(parent, w, h) {
  const div = document.createElement('div');
  div.style.cssText = `position:absolute;left:0;top:0;width:${w}px;height:${h}px;background:#fbfbfd;`;
  parent.appendChild(div);
  return div;
}

async function render(cfg) {
  const [w, h] = cfg.viewport_css_px;
  const dpr = cfg.device_pixel_ratio;
  const map = clusteredMap(cfg.graph);
  log(`render: ${map.n} nodes, ${map.ties.length / 2} ties, ${w}x${h} CSS px at dpr ${dpr}`);
  const stage = document.createElement('div');
  stage.style.cssText = `position:relative;width:${w}px;height:${h}px;overflow:hidden;`;
  document.body.prepend(stage);
  const views = script(cfg.frames);

  // ours: the map canvas and its label overlay, as the app stacks them
  const oursBox = layer(stage, w, h);
  const canvas = document.createElement('canvas');
  const overlay = document.createElement('canvas');
  for (const c of [canvas, overlay]) {
    c.style.cssText = `position:absolute;left:0;top:0;width:${w}px;height:${h}px;`;
    oursBox.appendChild(c);
  }
  const { TiemapRenderBench } = await loadRenderWasm();
  const ours = new TiemapRenderBench(canvas, overlay, map.pos, map.ties, map.cluster, map.colors, dpr);
  const oursGl = canvas.getContext('webgl2');
  const oursLabels = overlay.getContext('2d');
  const radii = ours.radii();

  // sigma.js: the same nodes, sizes, colours and ties, its default programs and labels
  const theirBox = layer(stage, w, h);
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const hex = (k) => '#' + [0, 1, 2].map((c) => map.colors[3 * k + c].toString(16).padStart(2, '0')).join('');
  for (let i = 0; i < map.n; i++) {
    graph.addNode(i, { x: map.pos[2 * i], y: -map.pos[2 * i + 1], size: radii[i], color: hex(map.cluster[i]), label: `Person ${i}` });
  }
  // each tie in its source's cluster colour at the alpha the scene gives ours
  const alpha = Math.min(0.45, Math.max(0.05, 0.45 * Math.sqrt(2000 / (map.ties.length / 2)))); // scene::tie_alpha
  const rgba = Array.from({ length: map.colors.length / 3 }, (_, k) => `rgba(${map.colors[3 * k]},${map.colors[3 * k + 1]},${map.colors[3 * k + 2]},${alpha})`);
  for (let e = 0; e < map.ties.length; e += 2) {
    graph.addEdge(map.ties[e], map.ties[e + 1], { color: rgba[map.cluster[map.ties[e]]], size: cfg.tie_thickness_css_px });
  }
  const sigma = new Sigma(graph, theirBox, { hideEdgesOnMove: false, hideLabelsOnMove: false, renderLabels: true, enableEdgeEvents: false });
  const theirGls = ['edges', 'nodes', 'hoverNodes'].map((k) => sigma.webGLContexts[k]).filter(Boolean);
  const theirLabels = sigma.canvasContexts.labels;
  const camera = sigma.getCamera();
  // sigma's camera for one of our views: the same graph point centred (sigma's graph y points
  // up, so it was given -y above), the same zoom over its own fitted view
  const theirView = (v) => {
    const [cx, cy, zoom] = ours.view_center(v[0], v[1], v[2]);
    const framed = sigma.normalizationFunction({ x: cx, y: -cy });
    return { x: framed.x, y: framed.y, ratio: 1 / zoom, angle: 0 };
  };

  const sides = {
    ours: {
      show: () => { oursBox.style.visibility = 'visible'; theirBox.style.visibility = 'hidden'; },
      draw: (v) => ours.frame(v[0], v[1], v[2]),
      sync: () => syncAll([oursGl], oursLabels),
    },
    sigma: {
      show: () => { theirBox.style.visibility = 'visible'; oursBox.style.visibility = 'hidden'; },
      draw: (v) => {
        camera.setState(theirView(v));
        sigma.render();
        return sigma.displayedNodeLabels.size;
      },
      sync: () => syncAll(theirGls, theirLabels),
    },
  };
  const times = { ours: [], sigma: [] };
  const labels = { ours: [], sigma: [] };
  // warm-up (shader compiles, text measuring, JIT), then rounds alternating the sides so a
  // change in the machine's load hits both alike
  for (const name of ['ours', 'sigma']) {
    const side = sides[name];
    side.show();
    for (let f = 0; f < cfg.warm_up_frames; f++) {
      await nextFrame();
      side.draw(views[(f * 7) % views.length]);
      side.sync();
    }
  }
  for (let round = 0; round < cfg.rounds; round++) {
    for (const name of round % 2 ? ['sigma', 'ours'] : ['ours', 'sigma']) {
      const side = sides[name];
      side.show();
      for (const v of views) {
        await nextFrame();
        const t0 = now();
        const shown = side.draw(v);
        side.sync();
        times[name].push(now() - t0);
        labels[name].push(shown);
      }
    }
    log(`render: round ${round + 1}/${cfg.rounds}: ours median ${median(times.ours).toFixed(1)} ms, sigma median ${median(times.sigma).toFixed(1)} ms`);
  }

  // finding the node under the pointer: many points over the canvas, in the fitted view and
  // zoomed in, each a call from JavaScript as a pointer move makes
  const prng = mulberry32(99);
  const points = Array.from({ length: cfg.pick_points }, () => [prng() * w, prng() * h]);
  let hits = 0;
  ours.pick(1, 1, 0, 0, 1); // builds the hit grid, as the first pointer move does
  const pickTimes = [];
  for (const z of [1, 4]) {
    const t0 = now();
    for (const [x, y] of points) if (ours.pick(x, y, 0, 0, z) >= 0) hits += 1;
    pickTimes.push((now() - t0) / points.length);
  }

  const oursStats = stats(times.ours);
  const theirStats = stats(times.sigma);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const result = {
    nodes: map.n,
    ties: map.ties.length / 2,
    groups: cfg.graph.groups,
    viewport_css_px: [w, h],
    device_pixel_ratio: dpr,
    frames_per_round: views.length,
    rounds: cfg.rounds,
    warm_up_frames: cfg.warm_up_frames,
    timing: 'per frame: from the camera change to both the WebGL map and the 2D label canvas done (gl.finish + a 1-pixel readPixels on every WebGL context, a 1-pixel getImageData on the label canvas), one frame per requestAnimationFrame; every frame draws everything (no reuse of an earlier frame)',
    ours: {
      renderer: ours.renderer(),
      faint_ties: ours.faint_ties(),
      drew: ours.faint_ties() === 'cpu' && alpha <= 0.15
        ? `every node not wholly under others (discs with a border ring, degree-sized, one triangle list; the others leave no pixel, so they are not sent) and every tie (faint, so 1-device-pixel lines, stepped through on the CPU into one texture, as this WebGL has no GPU behind it; tinted source-to-target colour, alpha ${alpha}), then labels on a 2D overlay (label grid, hubs always, cluster names, halo + text)`
        : `every node (discs with a border ring, degree-sized, one triangle list) and every tie (${alpha <= 0.15 ? 'faint, so 1-device-pixel lines in one line list' : `instanced quads ${cfg.tie_thickness_css_px} CSS px`}, tinted source-to-target colour, alpha ${alpha}), then labels on a 2D overlay (label grid, hubs always, cluster names, halo + text)`,
      ...oursStats,
      labels_mean: mean(labels.ours),
      frame_ms: times.ours,
    },
    sigma: {
      version: '3.0.3',
      drew: `every node (default circle program, the same sizes and colours) and every tie (default "line" = rectangle program, size ${cfg.tie_thickness_css_px}, source cluster colour, alpha ${alpha}), then its default labels (label grid, labelRenderedSizeThreshold 6), its picking layers included as it always draws them`,
      ...theirStats,
      labels_mean: mean(labels.sigma),
      frame_ms: times.sigma,
    },
    ratio_mean: oursStats.mean_ms / theirStats.mean_ms,
    ratio_median: oursStats.median_ms / theirStats.median_ms,
    ratio_p95: oursStats.p95_ms / theirStats.p95_ms,
    pick: {
      points: points.length,
      ms_per_pick_fitted: pickTimes[0],
      ms_per_pick_zoomed_4x: pickTimes[1],
      ms_per_pick: Math.max(...pickTimes),
      hits,
    },
  };
  sigma.kill();
  ours.free();
  stage.remove();
  return result;
}

window.tiemapBench = {
  ready: loadWasm(),
  render,
  memory,
  layout,
  simd,
  communities,
  imports,
  userAgent: () => navigator.userAgent,
};
