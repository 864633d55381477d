// The `page` area of `cargo xtask bench`: what a person waits for on the built site.
//
//   node tools/bench/page/run.mjs --dist dist --drops target/bench/page/drops.json \
//     --out target/bench/page.json [--chromium /usr/bin/chromium] [--timeout-ms 120000] \
//     [--repeat 3]
//
// For each file in the drops manifest (written by xtask/src/bench/page.rs: generated
// LinkedIn exports and a graph file), in a fresh browser context (no cache, no saved maps):
// opens the built site from dist/ as a person does, waits until the bundled sample shows
// "Layout settled", then drops the file on the page with a real drag sequence (dragenter,
// dragover, drop with a DataTransfer holding a File) and waits until the page shows "Layout
// settled" for the new map; each file `--repeat` times (3), each on a freshly opened page, the
// times taken as the medians (`combine`). Nothing of the app is called or skipped: the page is
// only observed, through an init script (OBSERVE below) that
//   - times each drawing of the map: the renderer sets the map canvas's `data-zoom` attribute
//     once per frame it draws (src/components/map_canvas.rs, `render`), seen by a
//     MutationObserver in the same frame;
//   - reads the layout's progress from the worker's messages (gloo-worker's bincode
//     `FromWorker::ProcessOutput(HandlerId, MapEvent)`): a listener added beside the app's own
//     decodes `MapEvent::Loaded` (variant 1) and `MapEvent::Positions` (variant 2: map id,
//     positions, `converged`, `iterations`, `progress`), checking the length against the
//     byte count of the positions;
//   - reads the "Layout" panel's text ("Layout running…", "Layout settled") and the error
//     banner as the page shows them; "settled" is the first frame the map draws once the panel
//     says "Layout settled" (the frame that shows the settled map);
//   - records the main thread's long tasks (PerformanceObserver `longtask`: tasks of 50 ms
//     and more), split at the first picture and at "Layout settled": before the picture
//     (reading the file, handing it to the worker, taking in the new map, drawing it), while
//     the layout runs, and the drawing of the settled map (every tie, every pixel) once it
//     stopped; and long animation frames. A frame drawn inside a long task is on screen only when that task
//     ends (it goes on to style, layout, paint and the commit to the compositor), so the first
//     picture and "settled" are taken at the end of the task holding their draw (shownAt).
// It writes raw figures only; the goals are in xtask/src/bench/goals.rs.
import { createServer } from 'node:http';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const dist = resolve(opt('--dist', 'dist'));
const dropsPath = resolve(opt('--drops', 'target/bench/page/drops.json'));
const outPath = resolve(opt('--out', 'target/bench/page.json'));
const timeoutMs = Number(opt('--timeout-ms', '120000'));
// Each file is dropped this many times, each time on a freshly opened page: single waits on the
// shared 2-core machine differ by several percent, so the times are the medians over them.
const repeat = Number(opt('--repeat', '3'));
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`--repeat takes a whole number of drops (1 or more), not ${opt('--repeat', '3')}`);
  process.exit(2);
}
if (opt('--chromium', null)) process.env.CHROMIUM = opt('--chromium', null);
// after CHROMIUM is set: the harness reads it when loaded
const { launch, inkedPixels } = await import('../../../tests/e2e/harness.mjs');
const VIEWPORT = { width: 1280, height: 800 };
/** How long the sample may take to settle before a drop is measured. */
const SAMPLE_TIMEOUT_MS = 60_000;
/** A pause after the sample settled, so its last frames and font loads are not counted. */
const QUIET_MS = 500;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

/**
 * Serves dist/ at / (as tests/e2e/harness.mjs does: plain, no compression) and the files to
 * drop at /__drops/<n>, which the page fetches before the drop (not counted: a person's file
 * is on their disk).
 */
async function serve(drops) {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      const drop = path.match(/^\/__drops\/(\d+)$/);
      let file;
      if (drop) {
        file = drops[Number(drop[1])]?.file;
        if (!file) throw new Error('no such drop');
      } else {
        if (path.endsWith('/')) path += 'index.html';
        file = normalize(join(dist, path));
        if (!file.startsWith(dist)) { res.writeHead(403).end(); return; }
      }
      await stat(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** Runs in the page before its scripts: observes, and changes nothing the app does. */
function OBSERVE() {
  const b = {
    draws: [], longTasks: [], loaded: [], positions: [], waiters: [],
    sampleTextAt: null, sampleSettledAt: null, dropAt: null, settledTextAt: null, settledAt: null,
    undrawn: false, failedAt: null, failure: null, runningAfterLoad: false, newConverged: false,
    decodeErrors: 0,
  };
  window.__bench = b;
  const wake = () => {
    for (const w of b.waiters.splice(0)) {
      if (b[w.key] != null || b.failedAt != null) w.done(true); else b.waiters.push(w);
    }
  };
  /** Resolves true once `b[key]` is set (or the page showed an error), false after `ms`. */
  b.until = (key, ms) => new Promise((done) => {
    if (b[key] != null || b.failedAt != null) { done(true); return; }
    b.waiters.push({ key, done });
    setTimeout(() => done(false), ms);
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    b.longTaskError = String(e);
  }
  // Frames of 50 ms and more: a frame's picture is on screen at its end, not when the map's
  // renderer returned inside it (style, layout and paint of the page come after).
  b.longFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longFrames.push([e.startTime, e.duration]);
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) {
    b.longFrameError = String(e);
  }

  // The worker's messages: FromWorker::ProcessOutput (1), HandlerId (u64), MapEvent variant (u32).
  const onMessage = (ev) => {
    const d = ev.data;
    if (!(d instanceof Uint8Array) || d.length < 16) return;
    const v = new DataView(d.buffer, d.byteOffset, d.byteLength);
    if (v.getUint32(0, true) !== 1) return;
    const variant = v.getUint32(12, true);
    const now = performance.now();
    if (variant === 1) {
      b.loaded.push(now);
    } else if (variant === 2) {
      // Positions { map_id: u32, pos_in_graph: the f32s' bytes (u64 byte count), converged:
      // bool, iterations: u32, progress: f32 }
      if (d.length < 37) { b.decodeErrors++; return; }
      const mapId = v.getUint32(16, true);
      const len = Number(v.getBigUint64(20, true));
      if (d.length !== 37 + len || len % 8 !== 0) { b.decodeErrors++; return; }
      const converged = d[28 + len] === 1;
      const iterations = v.getUint32(29 + len, true);
      const progress = v.getFloat32(33 + len, true);
      b.positions.push({ at: now, mapId, nodes: len / 8, converged, iterations, progress });
      if (b.dropAt != null && b.loaded.some((t) => t > b.dropAt) && converged) {
        b.newConverged = true;
        // the panel's text is checked again once the page has taken this frame in
        requestAnimationFrame(() => check());
      }
    }
  };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', onMessage);
    }
  };

  // "Settled" is the first frame the map draws once the panel says "Layout settled" (that frame
  // shows the settled positions). Should no frame come within two animation frames, the time
  // two frames on is taken, and said (`undrawn`).
  const settleAt = (textKey, key) => {
    b[textKey] = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      if (b[key] == null) { b[key] = performance.now(); b.undrawn = true; wake(); }
    }));
  };
  const check = () => {
    const now = performance.now();
    const status = document.querySelector('.layout-controls p')?.textContent ?? null;
    const afterDrop = b.dropAt != null;
    const loadedAfterDrop = afterDrop && b.loaded.some((t) => t > b.dropAt);
    if (status === 'Layout settled' && b.sampleTextAt == null) settleAt('sampleTextAt', 'sampleSettledAt');
    if (loadedAfterDrop && status === 'Layout running…') b.runningAfterLoad = true;
    if (loadedAfterDrop && b.settledTextAt == null && status === 'Layout settled'
      && (b.runningAfterLoad || b.newConverged)) {
      settleAt('settledTextAt', 'settledAt');
    }
    if (afterDrop && b.failedAt == null) {
      const alert = document.querySelector('.error-banner .error-text');
      if (alert) { b.failedAt = now; b.failure = alert.textContent; }
    }
    wake();
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      if (r.type === 'attributes' && r.attributeName === 'data-zoom') {
        b.draws.push(now);
        if (b.sampleTextAt != null && b.sampleSettledAt == null) b.sampleSettledAt = now;
        if (b.settledTextAt != null && b.settledAt == null) b.settledAt = now;
      }
    }
    check();
  }).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-zoom'],
  });
}

/**
 * When the picture the renderer drew at `t` could be on screen: the end of the main-thread task
 * it was drawn in, which goes on to style, layout, paint and the commit to the compositor (a
 * long task, or a long animation frame, that holds `t`); `t` itself in a task under 50 ms,
 * which the browser does not report.
 */
function shownAt(spans, t) {
  if (t == null) return null;
  let end = t;
  for (const [s, d] of spans) if (s <= t && t <= s + d) end = Math.max(end, s + d);
  return end;
}

const round = (x, d = 1) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The longest long task overlapping [from, to], and how many overlap it. */
function longest(tasks, from, to) {
  const hit = tasks.filter(([s, d]) => s + d > from && s < to);
  return { ms: hit.length ? Math.max(...hit.map(([, d]) => d)) : 0, count: hit.length };
}

/** Sizes of the same-origin files requested before `beforeEpochMs`, read from dist/. */
async function bytesBefore(requests, origin, beforeEpochMs) {
  const files = [];
  const seen = new Set();
  for (const r of requests) {
    const url = new URL(r.request.url());
    if (url.origin !== origin || url.pathname.startsWith('/__drops/')) continue;
    const start = r.request.timing().startTime;
    const at = start > 0 ? start : r.at;
    if (at > beforeEpochMs || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    let path = url.pathname;
    if (path.endsWith('/')) path += 'index.html';
    try {
      const bytes = await readFile(normalize(join(dist, decodeURIComponent(path))));
      files.push({ path, raw: bytes.length, gzip: gzipSync(bytes).length });
    } catch {
      files.push({ path, raw: null, gzip: null, missing: true });
    }
  }
  files.sort((a, b) => (b.gzip ?? 0) - (a.gzip ?? 0));
  const sum = (k) => files.reduce((s, f) => s + (f[k] ?? 0), 0);
  return { files, raw_bytes: sum('raw'), gzip_bytes: sum('gzip') };
}

/** Lets the frame under way end and the performance observers report (two frames and 100 ms). */
async function settle(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
}

/** One drop: a fresh context, the page opened, the sample settled, the file dropped. */
async function measure(browser, site, drop, index) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(OBSERVE);
  const requests = [];
  context.on('request', (request) => requests.push({ request, at: Date.now() }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const out = { id: drop.id, name: drop.name, kind: drop.kind, size: drop.size, ties: drop.ties ?? null, file_bytes: drop.bytes };
  try {
    await page.goto(site.url);
    const sampleOk = await page.evaluate((ms) => window.__bench.until('sampleSettledAt', ms), SAMPLE_TIMEOUT_MS);
    if (!sampleOk) throw new Error(`the sample did not settle in ${SAMPLE_TIMEOUT_MS / 1000} s`);
    await settle(page);
    const load = await page.evaluate(() => ({
      origin: performance.timeOrigin,
      firstDraw: window.__bench.draws[0] ?? null,
      text: window.__bench.sampleTextAt,
      settled: window.__bench.sampleSettledAt,
      undrawn: window.__bench.undrawn,
      longFrames: window.__bench.longFrames,
      longTasks: window.__bench.longTasks,
      longFrameError: window.__bench.longFrameError ?? null,
      summary: document.querySelector('.summary-line')?.textContent ?? null,
    }));
    const sampleSpans = [...load.longTasks, ...load.longFrames];
    out.sample_picture_ms = round(shownAt(sampleSpans, load.firstDraw));
    out.sample_settled_text_ms = round(load.text);
    out.sample_settled_ms = round(shownAt(sampleSpans, load.settled));
    out.sample_settled_undrawn = load.undrawn;
    out.long_frame_error = load.longFrameError;
    out.sample_summary = load.summary;
    if (load.firstDraw != null) {
      out.load = await bytesBefore(requests, site.origin, load.origin + load.firstDraw);
    }
    await page.evaluate(() => document.fonts.ready.then(() => true));
    await page.waitForTimeout(QUIET_MS);

    // The drop: the file is fetched into the page first (a person's file is on their disk).
    await page.evaluate(async ({ url, name }) => {
      const bytes = await (await fetch(url)).arrayBuffer();
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: name.endsWith('.csv') ? 'text/csv' : 'text/plain' }));
      const el = document.querySelector('main');
      for (const type of ['dragenter', 'dragover']) {
        el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
      await new Promise((r) => setTimeout(r, 50));
      window.__bench.dropAt = performance.now();
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { url: `${site.origin}/__drops/${index}`, name: drop.drop_as });
    const settled = await page.evaluate((ms) => window.__bench.until('settledAt', ms), timeoutMs);
    await settle(page);
    const b = await page.evaluate(() => {
      const b = window.__bench;
      return {
        now: performance.now(), dropAt: b.dropAt, settledAt: b.settledAt, settledTextAt: b.settledTextAt,
        undrawn: b.undrawn, draws: b.draws, longFrames: b.longFrames,
        loaded: b.loaded, positions: b.positions, longTasks: b.longTasks, failedAt: b.failedAt,
        failure: b.failure, decodeErrors: b.decodeErrors, longTaskError: b.longTaskError ?? null,
        summary: document.querySelector('.summary-line')?.textContent ?? null,
      };
    });
    const t0 = b.dropAt;
    const end = b.settledAt ?? Math.min(b.now, t0 + timeoutMs);
    const loadedAt = b.loaded.find((t) => t > t0) ?? null;
    const picture = loadedAt == null ? null : b.draws.find((t) => t > loadedAt) ?? null;
    // the dropped file's map: frames after its map reached the page, of the newest map (the
    // worker numbers maps in order); the sample's own frame can come after the drop when the
    // worker started late
    const after = loadedAt == null ? [] : b.positions.filter((p) => p.at > loadedAt);
    const newMap = after.length ? Math.max(...after.map((p) => p.mapId)) : null;
    const mine = after.filter((p) => p.mapId === newMap);
    const converged = mine.find((p) => p.converged);
    out.timed_out = b.settledAt == null && b.failedAt == null;
    out.failure = b.failure;
    const since = (t) => (t == null ? null : round(t - t0));
    const spans = [...b.longTasks, ...b.longFrames];
    out.first_picture_ms = since(shownAt(spans, picture));
    out.first_picture_drawn_ms = since(picture);
    out.loaded_ms = since(loadedAt);
    out.settled_ms = since(shownAt(spans, b.settledAt));
    out.settled_text_ms = b.settledTextAt == null ? null : round(b.settledTextAt - t0);
    out.settled_undrawn = b.undrawn;
    out.measured_ms = round(end - t0);
    out.frames_drawn = b.draws.filter((t) => t > t0 && t <= end).length;
    out.frames_drawn_settling = picture == null ? null : b.draws.filter((t) => t >= picture && t <= end).length;
    out.worker_frames = mine.filter((p) => p.at <= end).length;
    out.layout_iterations = (converged ?? mine.filter((p) => p.at <= end).at(-1))?.iterations ?? null;
    out.layout_converged = converged != null;
    out.nodes_on_map = mine[0]?.nodes ?? null;
    out.decode_errors = b.decodeErrors;
    // every long task overlapping [drop, settled]; those before the first picture (reading the
    // file, handing it to the worker, taking in the new map and drawing it); and those that
    // start after it while the layout runs
    const all = longest(b.longTasks, t0, end);
    const before = longest(b.longTasks, t0, picture ?? end);
    // while the layout runs: from the first picture until the page says "Layout settled"; the
    // task that then draws the settled map (every tie, every pixel) is counted apart
    const stillAt = b.settledTextAt ?? end;
    const layout = picture == null ? { ms: null, count: null } : longest(b.longTasks.filter(([s]) => s >= picture && s < stillAt), picture, stillAt);
    const settledFrame = b.settledTextAt == null ? { ms: null } : longest(b.longTasks.filter(([s]) => s >= stillAt), stillAt, end);
    out.longest_task_ms = round(all.ms);
    out.long_tasks = all.count;
    out.longest_task_to_picture_ms = round(before.ms);
    out.longest_task_layout_ms = round(layout.ms);
    out.settled_frame_task_ms = round(settledFrame.ms);
    out.long_tasks_layout = layout.count;
    out.long_task_error = b.longTaskError;
    out.summary = b.summary;
    // the raw timeline, in ms from the drop: [start, duration] of long tasks and long frames, draw times
    const within = (xs) => xs.filter(([s, d]) => s + d > t0 && s < end).map(([s, d]) => [round(s - t0), round(d)]);
    out.timeline = {
      long_tasks: within(b.longTasks),
      long_frames: within(b.longFrames),
      draws: b.draws.filter((t) => t > t0 && t <= end).map((t) => round(t - t0)),
    };
    out.ink = settled ? await inkedPixels(page) : null;
  } catch (e) {
    out.error = String(e.message || e);
  }
  out.page_errors = errors.slice(0, 5);
  await context.close();
  return out;
}

// The median of the figures there are, as xtask/src/bench/page.rs takes it (the mean of the
// two middle ones for an even count).
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const n = v.length;
  if (!n) return null;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};

/**
 * Several drops of one file as one: the drop whose settled time is the median gives the
 * details; the first picture and settled are the medians over the drops, and the longest
 * task while the layout runs the longest of any drop. `runs` keeps each drop's figures.
 */
function combine(runs) {
  const failed = runs.find((r) => r.error || r.failure || r.timed_out);
  const sorted = [...runs].sort((a, b) => (a.settled_ms ?? Infinity) - (b.settled_ms ?? Infinity));
  const out = { ...(failed ?? sorted[Math.floor((sorted.length - 1) / 2)]) };
  if (!failed) {
    for (const key of ['first_picture_ms', 'first_picture_drawn_ms', 'settled_ms']) {
      out[key] = median(runs.map((r) => r[key]));
    }
    const tasks = runs.map((r) => r.longest_task_layout_ms).filter((x) => Number.isFinite(x));
    out.longest_task_layout_ms = tasks.length ? Math.max(...tasks) : null;
  }
  out.runs = runs.map((r) => ({
    sample_picture_ms: r.sample_picture_ms ?? null,
    sample_settled_ms: r.sample_settled_ms ?? null,
    first_picture_ms: r.first_picture_ms ?? null,
    settled_ms: r.settled_ms ?? null,
    longest_task_layout_ms: r.longest_task_layout_ms ?? null,
    layout_iterations: r.layout_iterations ?? null,
  }));
  return out;
}

const drops = JSON.parse(await readFile(dropsPath, 'utf8'));
const site = await serve(drops);
const browser = await launch();
const result = { browser: `Chromium ${browser.version()}`, viewport_css_px: [VIEWPORT.width, VIEWPORT.height], timeout_ms: timeoutMs, repeat, drops: [] };
let failed = 0;
try {
  for (const [i, drop] of drops.entries()) {
    console.log(`page: ${drop.name} (${(drop.bytes / 1e6).toFixed(1)} MB as ${drop.drop_as})`);
    const runs = [];
    for (let k = 0; k < repeat; k++) {
      const one = await measure(browser, site, drop, i);
      if (one.load && !result.load) result.load = one.load;
      delete one.load;
      runs.push(one);
      console.log(`page:   drop ${k + 1} of ${repeat}: first picture ${one.first_picture_ms} ms; settled ${one.settled_ms} ms`);
      // a file the page refused, or one that did not settle, says so the first time
      if (one.error || one.failure || one.timed_out) break;
    }
    const r = combine(runs);
    result.drops.push(r);
    if (r.error) failed++;
    console.log(`page:   ${r.error ? `FAILED: ${r.error}` : `load->sample settled ${r.sample_settled_ms} ms; first picture ${r.first_picture_ms} ms; settled ${r.timed_out ? `timed out (${timeoutMs} ms)` : `${r.settled_ms} ms`}; frames ${r.frames_drawn}; iterations ${r.layout_iterations}; longest task ${r.longest_task_layout_ms} ms (layout) / ${r.longest_task_ms} ms`}`);
  }
} finally {
  await browser.close();
  site.close();
}
if (!result.load) result.error = 'no page load was measured';
await writeFile(outPath, JSON.stringify(result, null, 2) + '\n');
console.log(`page: wrote ${outPath}`);
process.exit(failed ? 1 : 0);
