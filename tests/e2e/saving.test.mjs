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
