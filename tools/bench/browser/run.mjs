// Runs the in-browser benchmarks in headless Chromium and writes one JSON per area.
//
//   node tools/bench/browser/run.mjs --site target/bench/browser --out target/bench [--quick] [--areas layout,simd,render]
//
// Expects the wasm-bindgen output in <site>/pkg/ (cargo xtask bench builds it), and the same
// module built with `+simd128` in <site>/pkg-simd/ for the `simd` area. Bundles
// page.mjs with esbuild into <site>/page.js, serves <site> from a static server on 127.0.0.1,
// opens it in Debian's Chromium through playwright-core, and runs each area (memory, layout,
// communities, import, render) in the same page. An area that fails is reported and the others still
// run; the exit code is 1 if any failed.
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const quick = args.includes('--quick');
const site = path.resolve(opt('--site', 'target/bench/browser'));
const outDir = path.resolve(opt('--out', 'target/bench'));
const chromiumPath = opt('--chromium', '/usr/bin/chromium');

// What each area runs. The full sizes are the ones docs/benchmarks.md states goals for; the
// goals themselves are in xtask/src/bench/goals.rs: this runner only measures and writes raw
// figures, and the report (cargo xtask bench) checks them.
const FULL = {
  layout: {
    warm_up: 30,
    // planted graphs as in the criterion `layout` bench (mixing 0.15, seed 42)
    iteration: [
      { nodes: 1_000, groups: 10, degree: 10, mixing: 0.15, seed: 42, batches: 5, ours_batch: 20, their_warm_up: 5, their_batch: 10 },
      { nodes: 10_000, groups: 40, degree: 20, mixing: 0.15, seed: 42, batches: 5, ours_batch: 5, their_warm_up: 2, their_batch: 3 },
      { nodes: 30_000, groups: 60, degree: 10, mixing: 0.15, seed: 42, batches: 3, ours_batch: 5, their_warm_up: 1, their_batch: 2 },
    ],
    // as the layout_quality example (30k nodes, 60 groups, degree 10, mixing 0.15, seed 7)
    settle: { nodes: 30_000, groups: 60, degree: 10, mixing: 0.15, seed: 7, chunk: 10, budget_ms: 10_000 },
  },
  // the layout area's iteration graphs, on the plain and the +simd128 build (pkg-simd/)
  simd: {
    warm_up: 30,
    iteration: [
      { nodes: 1_000, groups: 10, degree: 10, mixing: 0.15, seed: 42, batches: 8, ours_batch: 20 },
      { nodes: 10_000, groups: 40, degree: 20, mixing: 0.15, seed: 42, batches: 8, ours_batch: 5 },
      { nodes: 30_000, groups: 60, degree: 10, mixing: 0.15, seed: 42, batches: 6, ours_batch: 5 },
    ],
  },
  communities: {
    // planted graphs as in the criterion `community` bench and compare.py (degree 15, mixing 0.25, seed 42)
    graphs: [
      { name: 'karate', fixture: 'karate', seeds: 5 },
      { name: 'lesmis', fixture: 'lesmis', seeds: 5 },
      { name: 'planted_1k', nodes: 1_000, groups: 10, degree: 15, mixing: 0.25, seed: 42, seeds: 5 },
      { name: 'planted_10k', nodes: 10_000, groups: 40, degree: 15, mixing: 0.25, seed: 42, seeds: 5 },
      { name: 'planted_100k', nodes: 100_000, groups: 150, degree: 15, mixing: 0.25, seed: 42, seeds: 3 },
    ],
  },
  // 100,000 nodes and 1,000,000 ties imported, clustered and laid out: the peak wasm memory
  memory: { ties: 1_000_000, nodes: 100_000, seed: 5, layout_steps: 30 },
  imports: {
    csv: { ties: 1_000_000, nodes: 100_000, repeats: 3 },
    personal: { people: 30_000, repeats: 3 },
  },
  // 30,000 people and 300,000 ties drawn by ours and by sigma.js 3, same canvas, same camera script
  render: {
    graph: { nodes: 30_000, groups: 60, degree: 20, mixing: 0.15, seed: 42 },
    viewport_css_px: [1280, 800],
    device_pixel_ratio: 1,
    // frames are slow without a GPU (seconds each for sigma.js on SwiftShader): 2 x 18 per side
    frames: 18,
    rounds: 2,
    warm_up_frames: 2,
    tie_thickness_css_px: 0.7,
    pick_points: 20_000,
  },
};
const QUICK = {
  layout: {
    warm_up: 10,
    iteration: [{ nodes: 1_000, groups: 10, degree: 10, mixing: 0.15, seed: 42, batches: 3, ours_batch: 5, their_warm_up: 2, their_batch: 3 }],
    settle: { nodes: 2_000, groups: 5, degree: 10, mixing: 0.15, seed: 7, chunk: 10, budget_ms: 2_000 },
  },
  simd: {
    warm_up: 10,
    iteration: [{ nodes: 1_000, groups: 10, degree: 10, mixing: 0.15, seed: 42, batches: 4, ours_batch: 5 }],
  },
  communities: {
    graphs: [
      { name: 'karate', fixture: 'karate', seeds: 2 },
      { name: 'planted_1k', nodes: 1_000, groups: 10, degree: 15, mixing: 0.25, seed: 42, seeds: 2 },
    ],
  },
  memory: { ties: 50_000, nodes: 10_000, seed: 5, layout_steps: 5 },
  imports: {
    csv: { ties: 50_000, nodes: 10_000, repeats: 1 },
    personal: { people: 1_000, repeats: 1 },
  },
  render: {
    graph: { nodes: 3_000, groups: 10, degree: 20, mixing: 0.15, seed: 42 },
    viewport_css_px: [1280, 800],
    device_pixel_ratio: 1,
    frames: 12,
    rounds: 2,
    warm_up_frames: 2,
    tie_thickness_css_px: 0.7,
    pick_points: 2_000,
  },
};
const config = quick ? QUICK : FULL;
// `--areas layout,simd` runs only those areas (all by default).
const only = opt('--areas', null)?.split(',');
const ALL_AREAS = [
  // first: the wasm memory only grows, so its size after this step is this flow's peak
  { name: 'memory', file: 'memory.json', timeout_ms: 600_000 },
  { name: 'layout', file: 'layout.json', timeout_ms: 600_000 },
  { name: 'simd', file: 'simd.json', timeout_ms: 600_000 },
  { name: 'communities', file: 'community.json', timeout_ms: 900_000 },
  { name: 'imports', file: 'import.json', timeout_ms: 600_000 },
  { name: 'render', file: 'render.json', timeout_ms: 600_000 },
];
const AREAS = only ? ALL_AREAS.filter((a) => only.includes(a.name)) : ALL_AREAS;

const INDEX = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tiemap benchmarks</title><link rel="icon" href="data:,"></head>
<body><p>tiemap in-browser benchmarks: driven by tools/bench/browser/run.mjs</p>
<script type="module" src="./page.js"></script></body></html>
`;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

function serve(root) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function browserVersion() {
  try {
    return execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

async function main() {
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(here, 'page.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: path.join(site, 'page.js'),
    logLevel: 'warning',
  });
  await writeFile(path.join(site, 'index.html'), INDEX);

  const server = await serve(site);
  const { port } = server.address();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let failed = 0;
  try {
    // the render area draws on a 1280x800 CSS px stage at device pixel ratio 1
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page.on('console', (m) => console.log(`  page: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`  page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.tiemapBench !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.tiemapBench.ready);
    const meta = {
      browser: browserVersion(),
      user_agent: await page.evaluate(() => navigator.userAgent),
      quick,
      date: new Date().toISOString(),
      load_average_at_start: (await import('node:os')).loadavg(),
    };
    for (const area of AREAS) {
      const started = Date.now();
      console.log(`browser bench: ${area.name} ...`);
      try {
        page.setDefaultTimeout(area.timeout_ms);
        const result = await Promise.race([
          page.evaluate(([name, cfg]) => window.tiemapBench[name](cfg), [area.name, config[area.name]]),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${area.timeout_ms / 1000} s`)), area.timeout_ms)),
        ]);
        const doc = { ...meta, area: area.name, wall_s: (Date.now() - started) / 1000, config: config[area.name], ...result };
        await writeFile(path.join(outDir, area.file), JSON.stringify(doc, null, 1));
        console.log(`browser bench: ${area.name} done in ${doc.wall_s.toFixed(1)} s -> ${path.join(outDir, area.file)}`);
      } catch (e) {
        failed += 1;
        const doc = { ...meta, area: area.name, error: String(e?.message ?? e) };
        await writeFile(path.join(outDir, area.file), JSON.stringify(doc, null, 1));
        console.log(`browser bench: ${area.name} FAILED: ${doc.error}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`browser bench: ${e?.stack ?? e}`);
  process.exit(1);
});
