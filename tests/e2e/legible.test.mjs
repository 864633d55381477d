// Legible maps of realistic exports: a hard export (most connections in one year under one
// position, generic roles, empty and "NA" fields; made-up people from the generator in
// crates/tiemap-core/src/sample/hard.rs) opens on at most 12 top-level clusters with distinct
// names and descriptions, a cluster expands into its sub-clusters, every cluster name is inside
// a shared picture, and the page's clusters are the command line's (one pipeline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openSite, waitForMap, dropFiles, SHOTS } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name) => readFileSync(new URL(`./fixtures/hard/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const legendOf = (page) => page.getByRole('region', { name: 'Clusters' });
const un = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

async function openHard(name, file, pattern) {
  const opened = await openSite(browser, site, { viewport: { width: 1400, height: 900 } });
  await waitForMap(opened.page, /Sample network/);
  await dropFiles(opened.page, [{ name, data: fixture(file) }]);
  await waitForMap(opened.page, pattern);
  await opened.page.getByText('Layout settled').waitFor({ timeout: 60000 });
  return opened;
}

/** The top-level rows of the legend: name, size and description. */
async function topLevel(page) {
  return legendOf(page).locator('.legend-list > .legend-row').evaluateAll((rows) => rows.map((r) => ({
    name: r.querySelector(':scope > .legend-item .legend-name')?.textContent ?? '',
    size: Number(r.querySelector(':scope > .legend-item .legend-size')?.textContent ?? 0),
    description: r.querySelector(':scope > .legend-desc')?.textContent ?? '',
  })));
}

test('a bursty export opens on at most 12 named clusters that expand into sub-clusters', async () => {
  const { page, errors, context } = await openHard('Connections.csv', 'burst-Connections.csv', /Read 1,637 people from Connections\.csv/);
  const rows = await topLevel(page);
  assert.ok(rows.length >= 3 && rows.length <= 12, `${rows.length} top-level clusters`);
  const total = rows.reduce((n, r) => n + r.size, 0);
  assert.equal(total, 1637);
  const names = rows.map((r) => r.name);
  assert.equal(new Set(names).size, names.length, `distinct names: ${names}`);
  assert.ok(names.every((n) => !/\(\d+\)$/.test(n)), `no bare numbers: ${names}`);
  for (const r of rows) assert.match(r.description, /^\d[\d,]* people/, `a description for ${r.name}`);

  // Expanding a cluster shows its sub-clusters, with their own names and sizes.
  const expander = legendOf(page).getByRole('button', { name: /^Show the \d+ sub-clusters of / }).first();
  const label = await expander.getAttribute('aria-label');
  const parent = label.replace(/^Show the \d+ sub-clusters of /, '');
  await expander.click();
  const subs = legendOf(page).getByRole('list', { name: `Sub-clusters of ${parent}` });
  await subs.waitFor();
  const subRows = await subs.locator('.legend-sub-row').evaluateAll((rs) => rs.map((r) => ({
    name: r.querySelector('.legend-name').textContent,
    size: Number(r.querySelector('.legend-size').textContent),
  })));
  assert.ok(subRows.length >= 2, `sub-clusters of ${parent}: ${JSON.stringify(subRows)}`);
  const parentSize = rows.find((r) => r.name === parent).size;
  assert.equal(subRows.reduce((n, r) => n + r.size, 0), parentSize);
  // A sub-cluster is renamed in place, as a cluster is.
  await subs.getByRole('button', { name: `Rename ${subRows[0].name}` }).click();
  const input = legendOf(page).getByLabel('Sub-cluster name');
  await input.fill('Night shift');
  await input.press('Enter');
  await subs.locator('.legend-name', { hasText: 'Night shift' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/legible-burst.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page clusters an export exactly as `tiemap communities` does', async () => {
  const { page, errors, context } = await openHard('Connections.csv', 'burst-Connections.csv', /Read 1,637 people/);
  const exportPanel = page.getByRole('region', { name: 'Export' });
  const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: 'GEXF (Gephi)' }).click()]);
  const gexf = readFileSync(await download.path(), 'utf8');
  const pageClusters = [...gexf.matchAll(/<attvalue for="cluster" value="(\d+)"\/>/g)].map((m) => Number(m[1]));
  assert.equal(pageClusters.length, 1637);

  const dir = mkdtempSync(join(tmpdir(), 'tiemap-cli-'));
  const input = join(dir, 'Connections.csv');
  writeFileSync(input, fixture('burst-Connections.csv'));
  const out = join(dir, 'labels.json');
  execFileSync('cargo', ['run', '-q', '-p', 'tiemap-cli', '--', 'communities', input, '--seed', '1', '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const cli = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(pageClusters, cli.nodes.map((n) => n.map_cluster));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared picture of the whole map has every cluster name inside the frame', async () => {
  const { page, errors, context } = await openHard('Connections.csv', 'burst-Connections.csv', /Read 1,637 people/);
  const names = (await topLevel(page)).filter((r) => r.name !== 'Not tied to a cluster' && r.size >= 17).map((r) => r.name);
  await page.getByRole('button', { name: 'Share picture' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share a picture of your map' });
  await dialog.getByLabel('View', { exact: true }).selectOption('whole');
  await dialog.getByLabel('Shape', { exact: true }).selectOption({ label: '1200 × 627 (link preview)' });
  await dialog.getByLabel('Scale', { exact: true }).selectOption('1');
  const [png] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download PNG' }).click()]);
  await png.saveAs(`${SHOTS}/legible-share.png`);
  const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download SVG' }).click()]);
  const svg = readFileSync(await dl.path(), 'utf8');
  const area = svg.match(/<svg class="map" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/).slice(1).map(Number);
  const labels = [...svg.matchAll(/<text class="cluster" x="([-\d.]+)" y="([-\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), font: Number(m[3]), text: un(m[4]) }));
  const drawn = labels.map((l) => l.text.replace(/[\u2068\u2069]/g, ''));
  for (const name of names) assert.ok(drawn.includes(name), `${name} is drawn: ${drawn}`);
  for (const l of labels) {
    // Left edge and vertical centre inside the map area; the right edge by a generous estimate.
    assert.ok(l.x >= 0 && l.y - l.font / 2 >= 0 && l.y + l.font / 2 <= area[3], `${l.text} at ${l.x},${l.y}`);
    assert.ok(l.x + l.text.length * l.font * 0.5 <= area[2] + 1, `${l.text} runs off the right edge`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a friends list with names and dates only is named by period and says so', async () => {
  const { page, errors, context } = await openHard('friends.json', 'facebook-like-friends.json', /Read \d+ people from friends\.json/);
  const rows = await topLevel(page);
  assert.ok(rows.length <= 12, `${rows.length} clusters`);
  const named = rows.filter((r) => r.name !== 'Not tied to a cluster');
  assert.ok(named.every((r) => /^Friends from /.test(r.name)), `period names: ${named.map((r) => r.name)}`);
  assert.equal(new Set(rows.map((r) => r.name)).size, rows.length);
  assert.ok(named.every((r) => r.description.includes('names and dates only')));
  assert.deepEqual(errors, []);
  await context.close();
});
