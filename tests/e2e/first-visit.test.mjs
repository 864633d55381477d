// A first visit: the bundled sample, baked at build time, is drawn settled before any file of
// the map's worker is requested; the worker comes after that first picture, opens the same
// sample without changing what is on screen, and then everything works on the sample as on
// any map. A file dropped before the worker is there waits for it, and the page says so. The
// Insights and Share dialogs (the panels module) come later still; a dialog opened before they
// are there waits for them, and one that cannot come says so and leaves the map as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, workerReady, connectionsCsv, dropFiles, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const WORKER_FILE = /\/worker[^/]*\.(js|wasm)$/;
const PANELS_FILE = /\/panels[^/]*\.(js|wasm)$/;

/** Notes (in the page, on the page's clock) when the map first draws: the bench's signal. */
async function noteFirstDraw(context) {
  await context.addInitScript(() => {
    window.__firstDrawAt = null;
    window.__layoutTexts = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.attributeName === 'data-zoom' && window.__firstDrawAt == null) {
          window.__firstDrawAt = Date.now();
        }
      }
      const layout = document.querySelector('section[aria-label="Layout"]')?.textContent ?? '';
      const said = /Layout (settled|running)/.exec(layout)?.[0];
      if (said && window.__layoutTexts.at(-1) !== said) window.__layoutTexts.push(said);
    }).observe(document, { attributes: true, subtree: true, childList: true, characterData: true });
  });
}

/** Opens the site with the worker's files held back until `release()` is called. */
async function openWithWorkerHeld() {
  let release;
  const held = new Promise((r) => { release = r; });
  const opened = await openSite(browser, site, {
    setup: (c) => c.route(WORKER_FILE, async (route) => { await held; await route.continue(); }),
  });
  return { ...opened, release };
}

/** The legend as text, the map's summary and a picture of the map. */
async function shown(page) {
  return {
    legend: await page.getByRole('region', { name: 'Clusters' }).locator('.legend-name').allInnerTexts(),
    map: await page.getByRole('application', { name: /Map of/ }).getAttribute('aria-label'),
    layout: await page.getByRole('region', { name: 'Layout' }).innerText(),
    picture: (await page.locator('.map-view').screenshot()).toString('base64'),
  };
}

test('the first picture of the sample shows, settled, before any file of the worker is requested', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await noteFirstDraw(context);
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now(), page: !r.serviceWorker() }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(site.url);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor();
  await page.screenshot({ path: `${SHOTS}/first-visit.png` });
  await workerReady(page);
  const firstDrawAt = await page.evaluate(() => window.__firstDrawAt);
  assert.ok(firstDrawAt, 'the map drew');
  const workerFiles = requests.filter((r) => WORKER_FILE.test(new URL(r.url).pathname));
  assert.ok(workerFiles.length >= 2, `the worker's script and wasm were fetched: ${requests.map((r) => r.url).join('\n')}`);
  const early = workerFiles.filter((r) => r.at < firstDrawAt);
  assert.deepEqual(early.map((r) => r.url), [], 'worker files requested before the first picture');
  // (the service worker fetches every file again for the offline copy: not counted here)
  const panelsFiles = requests.filter((r) => r.page && PANELS_FILE.test(new URL(r.url).pathname));
  assert.equal(panelsFiles.length, 2, `the page fetched the panels module's script and wasm once: ${panelsFiles.map((r) => r.url)}`);
  const workerAt = Math.min(...workerFiles.map((r) => r.at));
  assert.deepEqual(panelsFiles.filter((r) => r.at < workerAt).map((r) => r.url), [], 'panels files requested before the worker');
  // Settled at once: the layout never ran on the sample.
  assert.deepEqual(await page.evaluate(() => window.__layoutTexts), ['Layout settled']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the worker arrives the sample stays as drawn, and renaming and a new resolution work on it', async () => {
  // The worker's files are held back until the page has been looked at without it.
  const { page, errors, context, release } = await openWithWorkerHeld();
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => true));
  const before = await shown(page);
  assert.equal(await page.locator('.app').getAttribute('data-worker'), 'starting');
  release();
  await workerReady(page);
  // Let the page take in whatever the worker said, and draw.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
  const after = await shown(page);
  assert.deepEqual(after.legend, before.legend);
  assert.equal(after.map, before.map);
  assert.equal(after.layout, before.layout);
  assert.ok(after.picture === before.picture, 'the map was drawn differently once the worker arrived');

  // Naming a cluster and a new resolution: the worker's answers.
  const legend = page.getByRole('region', { name: 'Clusters' });
  const [first] = before.legend;
  await legend.getByRole('button', { name: `Rename ${first}`, exact: true }).click();
  await legend.getByRole('textbox', { name: 'Cluster name' }).fill('My old team');
  await legend.getByRole('textbox', { name: 'Cluster name' }).press('Enter');
  await legend.locator('.legend-name', { hasText: 'My old team' }).waitFor();
  const slider = page.getByRole('slider', { name: /Cluster resolution/ });
  await slider.fill('1.6');
  await slider.dispatchEvent('change');
  await page.getByText(/Cluster resolution 1\.6/).waitFor();
  await page.waitForFunction(() => !document.querySelector('.busy'));
  const names = await legend.locator('.legend-name').allInnerTexts();
  assert.ok(names.includes('My old team'), `the name stays on its group: ${names}`);
  assert.notDeepEqual(names, ['My old team', ...before.legend.slice(1)], 'the clusters changed with the resolution');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file dropped before the worker is there waits for it, and the page says so', async () => {
  const { page, errors, context, release } = await openWithWorkerHeld();
  await waitForMap(page, /Sample network: 500 people/);
  await dropFiles(page, [{ name: 'Connections.csv', type: 'text/csv', data: connectionsCsv(25) }]);
  await page.locator('.busy', { hasText: /Reading Connections\.csv \(starting tiemap's worker\)/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}/first-visit-waiting.png` });
  release();
  await waitForMap(page, /Read 25 people from Connections\.csv/);
  await page.getByRole('application', { name: 'Map of 25 nodes' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a name being typed when the worker arrives is kept', async () => {
  const { page, errors, context, release } = await openWithWorkerHeld();
  await waitForMap(page, /Sample network: 500 people/);
  const legend = page.getByRole('region', { name: 'Clusters' });
  const [first] = await legend.locator('.legend-name').allInnerTexts();
  await legend.getByRole('button', { name: `Rename ${first}`, exact: true }).click();
  const box = legend.getByRole('textbox', { name: 'Cluster name' });
  assert.equal(await box.inputValue(), first, 'the current name is offered first');
  await box.fill('Typed as it came');
  release();
  await workerReady(page);
  // The worker's first answers are taken in (the legend renders again).
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
  assert.equal(await box.inputValue(), 'Typed as it came');
  await box.press('Enter');
  await legend.locator('.legend-name', { hasText: 'Typed as it came' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Insights opened before the panels module is there waits for it; one that cannot load says so, the map stays, and the next try works', async () => {
  let release;
  const held = new Promise((r) => { release = r; });
  let refuse = true;
  const { page, errors, context } = await openSite(browser, site, {
    setup: (c) => c.route(PANELS_FILE, async (route) => {
      if (refuse) { await route.abort(); return; }
      await held;
      await route.continue();
    }),
  });
  await waitForMap(page, /Sample network: 500 people/);
  await page.locator('.app[data-worker="ready"]').waitFor({ state: 'attached', timeout: 30000 });
  // The prefetch after the worker failed, quietly.
  await page.locator('html[data-panels="failed"]').waitFor({ state: 'attached', timeout: 30000 });
  const before = await shown(page);
  await page.getByRole('button', { name: 'Insights' }).click();
  const failed = page.getByRole('alertdialog');
  await failed.waitFor();
  assert.match(await failed.innerText(), /could not be loaded.*reload the page/);
  await page.screenshot({ path: `${SHOTS}/panels-failed.png` });
  await failed.getByRole('button', { name: 'Close' }).click();
  await failed.waitFor({ state: 'detached' });
  const after = await shown(page);
  assert.deepEqual(after.legend, before.legend);
  assert.equal(after.map, before.map);

  // Reachable again but slow: the page says it is opening, then the dialog is there.
  refuse = false;
  await page.getByRole('button', { name: 'Insights' }).click();
  await page.locator('.busy[role="status"]', { hasText: 'Opening…' }).waitFor();
  release();
  const dialog = page.getByRole('dialog', { name: 'What the map says' });
  await dialog.getByRole('region', { name: 'Composition' }).waitFor({ timeout: 30000 });
  assert.equal(await page.locator('.busy[role="status"]', { hasText: 'Opening…' }).count(), 0);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // The aborted fetches are the only console errors.
  assert.deepEqual(errors.filter((e) => !/Failed to load resource|panels/.test(e)), []);
  await context.close();
});

test('Check ties opened before the panels module is there says so in the sidebar, then asks and takes an answer', async () => {
  let release;
  const held = new Promise((r) => { release = r; });
  const { page, errors, context } = await openSite(browser, site, {
    setup: (c) => c.route(PANELS_FILE, async (route) => {
      await held;
      await route.continue();
    }),
  });
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('button', { name: 'Check ties' }).click();
  // The panel is drawn by the panels module: until it is there, the sidebar says so in the
  // panel's place (in the flow of the sidebar, not over its text).
  const opening = page.locator('.sidebar .busy[role="status"]', { hasText: 'Opening…' });
  await opening.waitFor();
  const [pill, summary] = await Promise.all([
    opening.boundingBox(),
    page.locator('.sidebar .summary-line').boundingBox(),
  ]);
  assert.ok(pill.y + pill.height <= summary.y, `"Opening…" (${JSON.stringify(pill)}) is above the map's summary (${JSON.stringify(summary)})`);
  release();
  const panel = page.getByRole('region', { name: 'Check ties' });
  await panel.getByText(/^Do .+ and .+ know each other\?$/).waitFor({ timeout: 30000 });
  assert.equal(await opening.count(), 0);
  await page.keyboard.press('y');
  await panel.getByText(/^1 answered: 1 know each other/).waitFor({ timeout: 30000 });
  await page.screenshot({ path: `${SHOTS}/check-ties-late-module.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
