// Where the worker's time goes after a drop: a trace with V8's sampling profiler on every thread
// (the page's worker included: profile.mjs sees only the page), the worker thread's samples
// summarised by function (self time; with --held, time on the stack too) in windows of time
// after the drop (ms).
//
//   node tools/bench/page/wprof.mjs --dist DIR --file connections.csv [--windows 0,300,700,1000,4000]
//     [--top 15] [--held]
//
// Wasm functions are named only when the worker's wasm keeps its name section, which wasm-opt
// drops: copy dist/ and put `wasm-bindgen --target no-modules --no-typescript --out-name
// worker_simd` output of target/simd128/wasm32-unknown-unknown/release/worker.wasm (the simd
// worker `cargo xtask build` built) in place of its worker_simd_bg.wasm.
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1] : dflt; };
process.env.TIEMAP_DIST = resolve(opt('--dist', 'dist'));
const file = resolve(opt('--file', ''));
const windows = opt('--windows', '0,300,700,1000,5000').split(',').map(Number);
const top = Number(opt('--top', '15'));
const { launch, serve, DIST } = await import('../../../tests/e2e/harness.mjs');
const site = await serve(DIST);
const fileBytes = await readFile(file);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
const page = await context.newPage();
await page.route('**/__drop', (route) => route.fulfill({ status: 200, body: fileBytes }));
await page.goto(site.url);
await page.waitForFunction(() => document.body.innerText.includes('Layout settled'), null, { timeout: 60_000 });
await page.waitForTimeout(500);
const summaryBefore = await page.evaluate(() => document.querySelector('.summary-line')?.textContent ?? '');
await browser.startTracing(page, { categories: ['disabled-by-default-v8.cpu_profiler', 'toplevel', 'v8', 'devtools.timeline', 'blink.user_timing'] });
await page.evaluate(() => console.timeStamp('tiemap-drop'));
await page.evaluate(async ({ url }) => {
  const bytes = await (await fetch(url)).arrayBuffer();
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], 'Connections.csv', { type: 'text/csv' }));
  const el = document.querySelector('main');
  for (const type of ['dragenter', 'dragover']) el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  await new Promise((r) => setTimeout(r, 50));
  performance.mark('tiemap-drop');
  el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}, { url: `${site.url}__drop` });
await page.waitForFunction((before) => {
  const s = document.querySelector('.summary-line')?.textContent ?? '';
  return s !== before && document.body.innerText.includes('Layout settled');
}, summaryBefore, { timeout: 180_000, polling: 100 });
const trace = JSON.parse((await browser.stopTracing()).toString());
const events = trace.traceEvents ?? trace;
const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const mark = events.find((e) => e.name === 'tiemap-drop') ?? events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === 'tiemap-drop');
const dropTs = mark ? mark.ts : 0;
// profiles: id -> { thread, start, nodes, samples: [[ts, nodeId]] }
const profiles = new Map();
for (const e of events) {
  if (e.name === 'Profile') profiles.set(`${e.pid}:${e.id}`, { thread: `${e.pid}:${e.tid}`, start: e.args.data.startTime, t: e.args.data.startTime, nodes: new Map() });
}
for (const e of events.filter((e) => e.name === 'ProfileChunk').sort((a, b) => a.ts - b.ts)) {
  const p = profiles.get(`${e.pid}:${e.id}`);
  if (!p) continue;
  const cp = e.args.data.cpuProfile ?? {};
  for (const n of cp.nodes ?? []) p.nodes.set(n.id, n);
  const deltas = e.args.data.timeDeltas ?? [];
  (cp.samples ?? []).forEach((id, i) => { p.t += deltas[i] ?? 0; (p.samples ??= []).push([p.t, id]); });
}
for (const p of profiles.values()) {
  const thread = names.get(p.thread) ?? p.thread;
  if (!/Worker/.test(thread) || !p.samples?.length) continue;
  const label = (id) => { const n = p.nodes.get(id); const f = n?.callFrame ?? {}; return (f.functionName || f.url?.split('/').pop() || '(anon)').replace(/::h[0-9a-f]{16}$/, ''); };
  console.log(`== ${thread}: ${p.samples.length} samples, drop at ${dropTs}, samples ${p.samples[0][0]}..${p.samples.at(-1)[0]}`);
  for (let w = 0; w + 1 < windows.length; w++) {
    const [lo, hi] = [windows[w], windows[w + 1]];
    const self = new Map(); const held = new Map(); let total = 0;
    for (let i = 0; i + 1 < p.samples.length; i++) {
      const [t, id] = p.samples[i];
      const ms = (t - dropTs) / 1000;
      if (ms < lo || ms >= hi) continue;
      const dt = (p.samples[i + 1][0] - t) / 1000;
      total += dt;
      const k = label(id);
      self.set(k, (self.get(k) ?? 0) + dt);
      const seen = new Set();
      for (let at = id; at != null; at = p.nodes.get(at)?.parent) {
        const kk = label(at);
        if (seen.has(kk)) continue;
        seen.add(kk);
        held.set(kk, (held.get(kk) ?? 0) + dt);
      }
    }
    console.log(`-- ${lo}-${hi} ms after the drop: ${Math.round(total)} ms sampled`);
    for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
    if (args.includes('--held')) {
      console.log('   (on the stack)');
      for (const [k, v] of [...held.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2 * top)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
    }
  }
}
await browser.close();
site.close();
