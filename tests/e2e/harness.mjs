// Shared helpers for tiemap's end-to-end tests: a static server for the built site and a
// headless Chromium (Debian's, driven by playwright-core; no browser is downloaded).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const require = createRequire(join(root, 'tools', 'package.json'));
const { chromium } = require('playwright-core');

export const DIST = process.env.TIEMAP_DIST || join(root, 'dist');
export const SHOTS = join(root, 'target', 'e2e');
mkdirSync(SHOTS, { recursive: true });

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/** Serves `dir` on 127.0.0.1 at a free port, optionally under a sub-path. */
export async function serve(dir = DIST, { prefix = '/' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(prefix)) { res.writeHead(404).end(); return; }
      path = path.slice(prefix.length);
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = normalize(join(dir, path));
      if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
      await stat(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Launches headless Chromium with the flags that keep it off the network. */
export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

/**
 * Opens the site in a fresh context. Records every request the page and its workers make,
 * and every console error and page error.
 */
export async function openSite(browser, site, { viewport = { width: 1200, height: 800 }, contextOptions = {}, setup = null } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, ...contextOptions });
  if (setup) await setup(context);
  const requests = [];
  const errors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker: ${m.text()}`); }));
  await page.goto(site.url);
  return { context, page, requests, errors };
}

/** Waits until the map is drawn: the status line is present and the canvas is not blank. */
export async function waitForMap(page, statusPattern) {
  const status = page.getByRole('status');
  await status.filter({ hasText: statusPattern }).waitFor({ timeout: 30000 });
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas');
    return c && c.width > 0;
  });
  // Labels are measured once per map: let the fonts load first so later frames match.
  await page.evaluate(() => document.fonts.ready.then(() => true));
}

/**
 * Waits until the page's web worker is downloaded and has answered, and the panels module (the
 * Insights and Share dialogs) is downloaded and started: on a first visit both are fetched only
 * after the baked sample is drawn, so they are part of loading the page.
 */
export async function workerReady(page) {
  await page.locator('.app[data-worker="ready"]').waitFor({ state: 'attached', timeout: 30000 });
  await page.locator('html[data-panels="ready"]').waitFor({ state: 'attached', timeout: 30000 });
}

/**
 * Waits until the service worker has kept the whole site for use offline (its install, which
 * fetches the site's own files once, is part of loading the page). Returns its state.
 */
export async function siteKept(page) {
  return page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.state));
}

/**
 * Counts map pixels that differ from the background: a blank map has none. The map may be
 * several stacked canvases (WebGL2 for nodes and ties, 2D for labels): they are composited first.
 */
export async function inkedPixels(page) {
  return page.evaluate(async () => {
    // A canvas that was just resized is blank until its next frame: let two frames pass.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const layers = [...document.querySelectorAll('canvas.map-base, canvas.map-labels')];
    const canvases = layers.length ? layers : [...document.querySelectorAll('canvas')];
    const base = canvases[0];
    const out = document.createElement('canvas');
    out.width = base.width; out.height = base.height;
    const ctx = out.getContext('2d');
    for (const c of canvases) ctx.drawImage(c, 0, 0, out.width, out.height);
    const { data } = ctx.getImageData(0, 0, out.width, out.height);
    // The background is the most common colour of the first row.
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 30) n++;
    }
    return n;
  });
}

/** Drops files on the page through a real drag sequence: dragenter, dragover, drop. */
export async function dropFiles(page, files, { target = 'main' } = {}) {
  const payload = files.map((f) => ({ name: f.name, type: f.type || '', data: Buffer.from(f.data).toString('base64') }));
  await page.evaluate(async ({ payload, target }) => {
    const dt = new DataTransfer();
    for (const f of payload) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const el = document.querySelector(target);
    for (const type of ['dragenter', 'dragover']) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
    await new Promise((r) => setTimeout(r, 50));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { payload, target });
}

/** A current-generation LinkedIn Connections.csv with `n` made-up people. */
export function connectionsCsv(n) {
  const rows = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  const companies = ['Globex', 'Initech', 'Hooli', '"Smith, Jones & Co"'];
  for (let i = 0; i < n; i++) {
    rows.push(`Person${i},Test${i},https://www.linkedin.com/in/person-${i},,${companies[i % companies.length]},Engineer,${String(1 + (i % 28)).padStart(2, '0')} Jul 2022`);
  }
  return rows.join('\n') + '\n';
}
