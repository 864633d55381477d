// Never losing the work: autosave in the browser, reload, the same export dropped again, a
// project file opened in a fresh browser profile, data exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openSite, waitForMap, dropFiles, inkedPixels, SHOTS } from './harness.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const legendOf = (page) => page.getByRole('region', { name: 'Clusters' });
const names = (page) => legendOf(page).locator('.legend-name').allInnerTexts();
const savedStatus = (page) => page.getByRole('region', { name: 'Saved maps' }).locator('.save-status');

async function rename(page, index, to) {
  const from = (await names(page))[index];
  await legendOf(page).getByRole('button', { name: `Rename ${from}`, exact: true }).click();
  const box = legendOf(page).getByRole('textbox', { name: 'Cluster name' });
  await box.fill(to);
  await box.press('Enter');
  await legendOf(page).locator('.legend-name', { hasText: to }).waitFor();
  return from;
}

async function waitSaved(page) {
  await savedStatus(page).filter({ hasText: /Saved in this browser at/ }).waitFor({ timeout: 15000 });
}

test('a renamed cluster is still there after a reload, and "delete everything" forgets it', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await rename(page, 0, 'Named before reload');
  await waitSaved(page);
  await page.reload();
  await waitForMap(page, /Sample network: 500 people/);
  await legendOf(page).locator('.legend-name', { hasText: 'Named before reload' }).waitFor();
  // The saved list shows it; deleting everything brings the plain sample back on reload.
  const saved = page.getByRole('region', { name: 'Saved maps' });
  await saved.getByText('Sample network', { exact: true }).waitFor();
  page.once('dialog', (d) => d.accept());
  await saved.getByRole('button', { name: 'Delete everything saved' }).click();
  await savedStatus(page).filter({ hasText: 'Everything saved in this browser is deleted.' }).waitFor();
  await page.reload();
  await waitForMap(page, /Sample network: 500 people/);
  await page.waitForTimeout(500);
  assert.ok(!(await names(page)).includes('Named before reload'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit is kept the moment it shows: rename, then reload at once or close the tab', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'Connections.csv', data: fixture('Connections_1.csv') }]);
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  await waitSaved(page);
  // Reload with no wait at all after the name shows.
  await rename(page, 0, 'Kept at once');
  await page.reload();
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  await legendOf(page).locator('.legend-name', { hasText: 'Kept at once' }).waitFor();
  // Close the tab right after a rename; a new tab of the same browser reopens it.
  await rename(page, 1, 'Kept after closing');
  await page.close({ runBeforeUnload: true });
  const next = await context.newPage();
  await next.goto(site.url);
  await waitForMap(next, /Read 60 people from Connections\.csv/);
  await legendOf(next).locator('.legend-name', { hasText: 'Kept after closing' }).waitFor();
  await legendOf(next).locator('.legend-name', { hasText: 'Kept at once' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('dropping the same export again brings back its names; a reload reopens it', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const csv = { name: 'Connections.csv', data: fixture('Connections_1.csv') };
  await dropFiles(page, [csv]);
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  await rename(page, 0, 'Old colleagues');
  await waitSaved(page);
  // Away to the sample, then the same file again (under another name).
  await page.getByRole('button', { name: 'Show sample' }).click();
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'Connections (1).csv', data: csv.data }]);
  await waitForMap(page, /Read 60 people from Connections \(1\)\.csv/);
  await legendOf(page).locator('.legend-name', { hasText: 'Old colleagues' }).waitFor();
  await savedStatus(page).filter({ hasText: /Found your names and layout for this export/ }).waitFor();
  await waitSaved(page);
  // A reload reopens the last map, not the sample.
  await page.reload();
  await waitForMap(page, /Read 60 people from/);
  await legendOf(page).locator('.legend-name', { hasText: 'Old colleagues' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a project file saved here opens the same map in a fresh browser profile', async () => {
  const a = await openSite(browser, site);
  await waitForMap(a.page, /Sample network/);
  await dropFiles(a.page, [{ name: 'Connections.csv', data: fixture('Connections_1.csv') }]);
  await waitForMap(a.page, /Read 60 people from Connections\.csv/);
  await rename(a.page, 1, 'Project <name> & co');
  await a.page.getByText('Layout settled').waitFor({ timeout: 30000 });
  await waitSaved(a.page);
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Save project file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'Connections.csv.tiemap');
  const path = `${SHOTS}/saved.tiemap`;
  await download.saveAs(path);
  const project = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(project.format, 'tiemap-project');
  assert.equal(project.version, 1);
  assert.equal(project.input.kind, 'files');
  const legendA = await names(a.page);
  const shotA = await a.page.locator('canvas.map-base').screenshot();
  const inkA = await inkedPixels(a.page);
  await a.context.close();

  // A new context is a fresh browser profile: nothing saved, the sample first.
  const b = await openSite(browser, site);
  await waitForMap(b.page, /Sample network/);
  await b.page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(path);
  await waitForMap(b.page, /Read 60 people from Connections\.csv/);
  await legendOf(b.page).locator('.legend-name', { hasText: 'Project <name> & co' }).waitFor();
  assert.deepEqual(await names(b.page), legendA);
  await b.page.getByText('Layout settled').waitFor({ timeout: 30000 });
  await b.page.waitForTimeout(500);
  const inkB = await inkedPixels(b.page);
  assert.ok(Math.abs(inkB - inkA) <= inkA * 0.01, `ink ${inkB} vs ${inkA}`);
  const shotB = await b.page.locator('canvas.map-base').screenshot();
  assert.ok(shotA.equals(shotB), 'the reopened map is drawn exactly as it was');
  // A damaged project is one sentence, and the map stays.
  const broken = readFileSync(path, 'utf8').slice(0, 400);
  await dropFiles(b.page, [{ name: 'broken.tiemap', data: Buffer.from(broken) }]);
  await b.page.getByRole('alert').filter({ hasText: 'broken.tiemap is a damaged tiemap project; save it again from the map.' }).waitFor();
  await legendOf(b.page).locator('.legend-name', { hasText: 'Project <name> & co' }).waitFor();
  assert.deepEqual(b.errors, []);
  await b.context.close();
  assert.deepEqual(a.errors, []);
});

test('GEXF and CSV exports download, with names hidden unless asked', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const exportPanel = page.getByRole('region', { name: 'Export' });
  const save = async (label) => {
    const [download] = await Promise.all([page.waitForEvent('download'), exportPanel.getByRole('button', { name: label }).click()]);
    const path = `${SHOTS}/export-${download.suggestedFilename()}`;
    await download.saveAs(path);
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const someone = 'Theo Weber'; // a person of the sample
  const gexf = await save('GEXF (Gephi)');
  assert.equal(gexf.name, 'tiemap sample.gexf');
  assert.match(gexf.text, /<viz:position /);
  assert.match(gexf.text, /Person 1"/);
  assert.ok(!gexf.text.includes(someone), 'names are hidden by default');
  assert.ok(!gexf.text.includes('linkedin.com'), 'profile links are hidden by default');
  await exportPanel.getByLabel('Names in exports').selectOption('all');
  const csv = await save('CSV of people');
  assert.equal(csv.name, 'tiemap sample.csv');
  assert.ok(csv.text.includes(someone));
  assert.equal(csv.text.split('\n').filter((l) => l.trim()).length, 501);
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Saved maps" says whether the browser keeps them (the page asked it to)', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const kept = page.getByRole('region', { name: 'Saved maps' }).locator('.storage-kept');
  await kept.waitFor({ timeout: 10000 });
  const text = await kept.innerText();
  assert.match(text, /^This browser (keeps them: it will not clear them to free space\.|may clear them when space runs low; a project file keeps a map for sure\.)$/);
  // The answer is the browser's own: what navigator.storage.persisted() says now.
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  assert.equal(text.startsWith('This browser keeps them'), persisted);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The legend as [{ name, color }], largest first. */
const rowsOf = (page) => legendOf(page).locator('.legend-row').evaluateAll((rs) => rs.map((r) => ({
  name: r.querySelector('.legend-name')?.textContent,
  color: r.querySelector('.swatch-input').value,
})));
const tabNote = (page) => page.getByRole('region', { name: 'This map' }).locator('.tab-note');
const NOTE = 'This map changed in another tab; its edits are shown here too.';

/** Waits until the legend has a cluster `name` (with `color`, if given). */
async function hasCluster(page, name, color) {
  await page.waitForFunction(([name, color]) => [...document.querySelectorAll('.legend-row')].some((r) =>
    r.querySelector('.legend-name')?.textContent === name && (!color || r.querySelector('.swatch-input').value === color)),
  [name, color], { timeout: 15000 });
}

/** A fresh browser whose first tab has dropped Connections_1.csv and saved it. */
async function firstTab() {
  const opened = await openSite(browser, site);
  await waitForMap(opened.page, /Sample network/);
  await dropFiles(opened.page, [{ name: 'Connections.csv', data: fixture('Connections_1.csv') }]);
  await waitForMap(opened.page, /Read 60 people from Connections\.csv/);
  await waitSaved(opened.page);
  return opened;
}

/** A second tab of the same browser, on the map the first one left (the newest save). */
async function secondTab(context, errors) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`tab 2: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`tab 2: ${e}`));
  await page.goto(site.url);
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  return page;
}

test('two tabs on one map: each edit shows in the other at once, undo takes back only its own, and both survive a reload', async () => {
  const { page: one, errors, context } = await firstTab();
  const two = await secondTab(context, errors);
  const start = await rowsOf(one);
  assert.deepEqual(await rowsOf(two), start, 'both tabs show the same map');
  assert.ok(start.length >= 3, `${start.length} clusters`);

  // A rename in tab 1 shows in tab 2 with no reload, with a note saying where it came from.
  await rename(one, 0, 'Renamed in tab one');
  await hasCluster(two, 'Renamed in tab one');
  await tabNote(two).filter({ hasText: NOTE }).waitFor();
  assert.equal(await tabNote(one).count(), 0, 'the tab that edited has no note');

  // Tab 2 renames another cluster and recolours a third; tab 1 shows both.
  await rename(two, 1, 'Renamed in tab two');
  await legendOf(two).getByLabel(`Colour of ${start[2].name}`, { exact: true }).fill('#d01c8b');
  await hasCluster(two, start[2].name, '#d01c8b');
  await hasCluster(one, 'Renamed in tab two');
  await hasCluster(one, start[2].name, '#d01c8b');
  await hasCluster(one, 'Renamed in tab one');
  await tabNote(one).filter({ hasText: NOTE }).waitFor();
  assert.equal(await tabNote(two).count(), 0, 'an edit of its own clears the note');
  await one.screenshot({ path: `${SHOTS}/tabs-note.png` });

  // Undo in tab 1 takes back tab 1's rename only; tab 2's edits stay, there and here.
  await legendOf(one).getByRole('button', { name: 'Undo', exact: true }).click();
  await hasCluster(one, start[0].name);
  await hasCluster(one, 'Renamed in tab two');
  await hasCluster(one, start[2].name, '#d01c8b');
  await hasCluster(two, start[0].name);
  await hasCluster(two, 'Renamed in tab two');
  await legendOf(one).getByRole('button', { name: 'Redo', exact: true }).click();
  await hasCluster(one, 'Renamed in tab one');
  await hasCluster(two, 'Renamed in tab one');

  // Reload both: every edit of both tabs is there in both.
  for (const page of [one, two]) {
    await page.reload();
    await waitForMap(page, /Read 60 people from Connections\.csv/);
    await hasCluster(page, 'Renamed in tab one');
    await hasCluster(page, 'Renamed in tab two');
    await hasCluster(page, start[2].name, '#d01c8b');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tab that never heard of the other tab\'s edit (no BroadcastChannel) saves without losing it', async () => {
  const { page: one, errors, context } = await firstTab();
  // Tab 2 hears nothing from tab 1: it learns of tab 1's rename only when it saves itself.
  await context.addInitScript(() => { delete window.BroadcastChannel; });
  const two = await secondTab(context, errors);
  await rename(one, 0, 'Only tab one knows');
  // Tab 2's saves (its autosave, its own rename) are written over a store that holds tab 1's
  // rename: merged, not replaced, and tab 2 takes tab 1's rename in as it saves.
  await rename(two, 1, 'Tab two, later');
  await hasCluster(two, 'Only tab one knows');
  await waitSaved(two);
  await one.reload();
  await waitForMap(one, /Read 60 people from Connections\.csv/);
  await hasCluster(one, 'Only tab one knows');
  await hasCluster(one, 'Tab two, later');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a full storage quota gives one sentence, keeps the map and its edits, and a project file still saves them', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  // The origin's quota down to one byte (what a full disk or a full quota does to a write).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: site.origin, quotaSize: 1 });
  await dropFiles(page, [{ name: 'Connections.csv', data: fixture('Connections_1.csv') }]);
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  const full = /^The browser would not let tiemap save this map \(\d+ kB\): its storage is full or blocked; the map stays here, and Save project file keeps it \(deleting saved maps you no longer need frees space\)\.$/;
  const banner = page.getByRole('alert');
  // (The sentence is the banner's text; its Dismiss button is beside it.)
  await banner.locator('.error-text').filter({ hasText: full }).waitFor({ timeout: 15000 });
  await savedStatus(page).filter({ hasText: full }).waitFor();
  // The map stays, and so does an edit made while nothing can be saved.
  assert.ok((await inkedPixels(page)) > 1000, 'the map is still drawn');
  await page.screenshot({ path: `${SHOTS}/storage-full-banner.png` });
  await banner.getByRole('button', { name: 'Dismiss error' }).click();
  await rename(page, 0, 'Named while full');
  await page.waitForTimeout(1500);
  assert.equal(await banner.count(), 0, 'the sentence is said once, not again for every edit');
  assert.match(await savedStatus(page).innerText(), full);
  await page.screenshot({ path: `${SHOTS}/storage-full.png` });
  // Save project file still works, with the edit in it.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save project file' }).click(),
  ]);
  const path = `${SHOTS}/storage-full.tiemap`;
  await download.saveAs(path);
  const project = JSON.parse(readFileSync(path, 'utf8'));
  assert.ok(Object.values(project.state.edits.names).includes('Named while full'), JSON.stringify(project.state.edits.names));
  // Space again: the next edit saves the map with both names, and a reload brings them back.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: site.origin });
  await rename(page, 1, 'Named with space');
  await waitSaved(page);
  await page.reload();
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  await legendOf(page).locator('.legend-name', { hasText: 'Named while full' }).waitFor();
  await legendOf(page).locator('.legend-name', { hasText: 'Named with space' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
