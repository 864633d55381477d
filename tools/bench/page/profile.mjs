// Where the main thread's time goes while a dropped export settles: a CPU profile of the page
// (not the worker), summarised by function.
//
//   node tools/bench/page/profile.mjs --dist dist --file connections.csv [--drop-as Connections.csv]
//     [--out target/bench/page-profile.json] [--top 40] [--trace [--tasks 4] [--held 12]]
//
// Opens the built site as tools/bench/page/run.mjs does, waits for the sample to settle, starts
// V8's sampling profiler on the page, drops the file with a real drag sequence, waits until the
// page says "Layout settled" for the new map, and prints the functions with the most self time
// and the most total time (time with the function on the stack). Wasm functions are named only
// when the wasm keeps its name section: `dist` built with wasm-opt has none; for names, copy
// dist and put `wasm-bindgen --target web` output of target/wasm32-unknown-unknown/release-app/app.wasm
// in place of the app's `_bg.wasm` (same wasm-bindgen, so the same glue).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
process.env.TIEMAP_DIST = resolve(opt('--dist', 'dist'));
const file = resolve(opt('--file', ''));
const dropAs = opt('--drop-as', 'Connections.csv');
const outPath = resolve(opt('--out', 'target/bench/page-profile.json'));
const top = Number(opt('--top', '40'));
const { launch, serve, DIST } = await import('../../../tests/e2e/harness.mjs');
const { readFile } = await import('node:fs/promises');

const site = await serve(DIST);
const fileBytes = await readFile(file);

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
await context.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // each frame the map draws (the overlay's data-zoom is set once per frame) and the share of
  // the ties it drew
  window.__frames = [];
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === 'data-zoom') window.__frames.push([performance.now(), `${r.target.getAttribute('data-tie-share')} ${r.target.getAttribute('data-node-share')} x${r.target.getAttribute('data-resolution')} ${r.target.getAttribute('data-frame-ms') ?? ''}`]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-zoom'] });
});
const page = await context.newPage();
// the file to drop, answered by the test itself (a person's file is on their disk: not counted)
await page.route('**/__drop', (route) => route.fulfill({ status: 200, body: fileBytes }));
const layoutText = () => page.evaluate(() => document.querySelector('.layout-controls p')?.textContent ?? '');
await page.goto(site.url);
await page.waitForFunction(() => document.body.innerText.includes('Layout settled'), null, { timeout: 60_000 });
await page.waitForTimeout(500);
const summaryBefore = await page.evaluate(() => document.querySelector('.summary-line')?.textContent ?? '');

const tracing = args.includes('--trace');
if (tracing) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'cc', 'gpu', 'toplevel'] });
}
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
await cdp.send('Profiler.start');
const t0 = await page.evaluate(async ({ url, name }) => {
  const bytes = await (await fetch(url)).arrayBuffer();
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], name, { type: 'text/csv' }));
  const el = document.querySelector('main');
  for (const type of ['dragenter', 'dragover']) el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  await new Promise((r) => setTimeout(r, 50));
  const at = performance.now();
  el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  return at;
}, { url: `${site.url}__drop`, name: dropAs });
await page.waitForFunction((before) => {
  const s = document.querySelector('.summary-line')?.textContent ?? '';
  return s !== before && document.body.innerText.includes('Layout settled');
}, summaryBefore, { timeout: 180_000, polling: 100 });
const t1 = await page.evaluate(() => performance.now());
const { profile } = await cdp.send('Profiler.stop');
const trace = tracing ? JSON.parse((await browser.stopTracing()).toString()) : null;
const longTasks = (await page.evaluate(() => window.__longTasks)).filter(([s]) => s >= t0);
console.log(`profile: settled ${Math.round(t1 - t0)} ms after the drop (${await layoutText()})`);
const frames = (await page.evaluate(() => window.__frames)).filter(([t]) => t >= t0);
console.log(`profile: frames (ms after the drop: share of ties) ${frames.map(([t, share]) => `${Math.round(t - t0)}: ${share}`).join(', ')}`);
console.log(`profile: long tasks (start: ms) ${longTasks.map(([s, d]) => `${Math.round(s - t0)}: ${Math.round(d)}`).join(', ')}`);
console.log(`profile: ${longTasks.length} long tasks; longest ${Math.round(Math.max(0, ...longTasks.map(([, d]) => d)))} ms`);

// self and total time per function
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => {
  const f = n.callFrame;
  const where = f.url ? f.url.split('/').pop() : '';
  return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};
const self = new Map();
const total = new Map();
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const n = byId.get(id);
  const k = name(n);
  self.set(k, (self.get(k) ?? 0) + dt);
  const seen = new Set();
  for (let at = id; at != null; at = parent.get(at)) {
    const kk = name(byId.get(at));
    if (seen.has(kk)) continue;
    seen.add(kk);
    total.set(kk, (total.get(kk) ?? 0) + dt);
  }
});
const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, Math.round(v)]);
const result = { file, settled_ms: Math.round(t1 - t0), long_tasks: longTasks, self_ms: sorted(self), total_ms: sorted(total) };
console.log('self ms:');
for (const [k, v] of result.self_ms) console.log(`  ${String(v).padStart(6)}  ${k}`);
console.log('total ms:');
for (const [k, v] of result.total_ms) console.log(`  ${String(v).padStart(6)}  ${k}`);
if (trace) {
  // the page's main thread: its longest tasks, and what each held (events directly under it)
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur != null);
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((a, b) => b.dur - a.dur).filter((e, i, xs) => i === 0 || xs[i - 1].ts !== e.ts).slice(0, Number(opt("--tasks", "4")));
  result.tasks = [];
  for (const t of tasks) {
    const inside = mine.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const by = new Map();
    for (const e of inside) by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
    const parts = [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${Math.round(v)}`);
    // what the GPU process did meanwhile (where the page's own drawing and the compositor's
    // read-back of the WebGL canvas run when there is no GPU)
    const gpu = events.filter((e) => e.ph === 'X' && e.dur != null && e.pid !== main.pid && e.ts < t.ts + t.dur && e.ts + e.dur > t.ts);
    const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
    const gby = new Map();
    for (const e of gpu) {
      const k = `${names.get(`${e.pid}:${e.tid}`) ?? e.tid}/${e.name}`;
      gby.set(k, (gby.get(k) ?? 0) + Math.min(e.ts + e.dur, t.ts + t.dur) / 1000 - Math.max(e.ts, t.ts) / 1000);
    }
    const gparts = [...gby.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${Math.round(v)}`);
    // the page's functions with the most self time inside the task: the CPU profile's
    // samples (timestamps on the trace's clock) that fall in it
    const fns = new Map();
    // and with the most time on the stack (self and callees)
    const held = new Map();
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      if (at < t.ts || at > t.ts + t.dur) return;
      const k = name(byId.get(id));
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      fns.set(k, (fns.get(k) ?? 0) + dt);
      const seen = new Set();
      for (let up = id; up != null; up = parent.get(up)) {
        const kk = name(byId.get(up));
        if (seen.has(kk)) continue;
        seen.add(kk);
        held.set(kk, (held.get(kk) ?? 0) + dt);
      }
    });
    const fparts = [...fns.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k.replace(/::h[0-9a-f]{16}/, '')} ${Math.round(v)}`);
    const hparts = [...held.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(opt('--held', '12'))).map(([k, v]) => `${k.replace(/::h[0-9a-f]{16}/, '')} ${Math.round(v)}`);
    result.tasks.push({ ms: Math.round(t.dur / 1000), parts, other_processes: gparts, functions: fparts, held: hparts });
    console.log(`task ${Math.round(t.dur / 1000)} ms: ${parts.join(', ')}`);
    console.log(`  elsewhere: ${gparts.join(', ')}`);
    console.log(`  functions (self ms): ${fparts.join(', ')}`);
    console.log(`  functions (on the stack, ms):\n    ${hparts.join('\n    ')}`);
  }
}
await writeFile(outPath, JSON.stringify(result, null, 1) + '\n');
await browser.close();
site.close();
