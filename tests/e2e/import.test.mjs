// Reading what people drop: a LinkedIn archive, a graph file, two CSVs at once, a hostile file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openSite, waitForMap, inkedPixels, dropFiles, SHOTS } from './harness.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

test('a LinkedIn archive ZIP: people, inferred ties, named clusters and an import report', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'Basic_LinkedInDataExport_11-22-2026.zip', type: 'application/zip', data: fixture('linkedin-export.zip') }]);
  await waitForMap(page, /Read 60 people from Basic_LinkedInDataExport/);
  const report = page.getByRole('region', { name: 'Import report' });
  await report.getByText('60 people from Connections.csv').waitFor();
  await report.getByText(/messages from messages\.csv/).waitFor();
  await page.getByText(/ties are inferred from shared employer/).waitFor();
  const legend = page.getByRole('region', { name: 'Clusters' });
  assert.ok(await legend.locator('.legend-item').count() >= 2, 'fewer than two clusters');
  await legend.locator('.legend-item', { hasText: /Globex/ }).first().waitFor();
  assert.ok(await inkedPixels(page) > 1000);
  await page.screenshot({ path: `${SHOTS}/linkedin-zip.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unzipped export folder is read, with what it skipped', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const folder = join(mkdtempSync(join(tmpdir(), 'tiemap-folder-')), 'Basic_LinkedInDataExport_11-30-2026');
  mkdirSync(join(folder, 'Jobs'), { recursive: true });
  writeFileSync(join(folder, 'Connections.csv'), fixture('Connections_1.csv'));
  writeFileSync(join(folder, 'Ad_Targeting.csv'), 'Member Age,Company Names\n25 to 34,Globex\n');
  writeFileSync(join(folder, 'Jobs', 'Saved Jobs.csv'), 'Saved Date,Job Url,Job Title,Company Name\n');
  writeFileSync(join(folder, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
  await page.getByLabel('Open folder').setInputFiles(folder);
  await waitForMap(page, /Read 60 people from Basic_LinkedInDataExport_11-30-2026/);
  const report = page.getByRole('region', { name: 'Import report' });
  await report.getByText('60 people from Basic_LinkedInDataExport_11-30-2026/Connections.csv').waitFor();
  await report.getByText('Skipped Basic_LinkedInDataExport_11-30-2026/Ad_Targeting.csv: not a file tiemap reads').waitFor();
  // Photos are never read.
  assert.equal(await report.getByText(/photo\.jpg/).count(), 0);
  await page.getByText(/ties are inferred from/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a GEXF file brings its real ties', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'bridge.gexf', data: fixture('bridge.gexf') }]);
  await waitForMap(page, /Read 6 nodes and 7 ties from bridge\.gexf/);
  await page.getByText('Ties come from the GEXF file.').waitFor();
  // Real ties: no signal panel.
  assert.equal(await page.getByRole('region', { name: 'Tie signals' }).count(), 0);
  await page.getByRole('application', { name: 'Map of 6 nodes' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Clusters' }).locator('.legend-item').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two CSVs dropped at once are read together', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const csv = fixture('Connections_1.csv');
  const other = Buffer.from(csv.toString().replaceAll('linkedin.com/in/', 'linkedin.com/in/other-'));
  await dropFiles(page, [{ name: 'Connections_1.csv', data: csv }, { name: 'Connections_2.csv', data: other }]);
  await waitForMap(page, /Read 120 people from Connections_1\.csv, Connections_2\.csv/);
  const report = page.getByRole('region', { name: 'Import report' });
  await report.getByText('60 people from Connections_1.csv').waitFor();
  await report.getByText('60 people from Connections_2.csv').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('Invitations.csv beside Connections.csv: a person\'s panel says who invited whom', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  // Made-up invitations: one from Dana Garcia (her URL spelled as LinkedIn writes it elsewhere),
  // one to someone who is not a connection.
  const invitations = ['From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl',
    'Dana Garcia,Sam Owner,"1/8/18, 6:14 PM",,INCOMING,https://www.linkedin.com/in/Dana-Garcia-1/,https://www.linkedin.com/in/sam-owner',
    'Sam Owner,Gus Gray,"3/15/24, 1:30 PM",,OUTGOING,https://www.linkedin.com/in/sam-owner,https://www.linkedin.com/in/gus-gray'].join('\n');
  await dropFiles(page, [{ name: 'Connections.csv', data: fixture('Connections_1.csv') }, { name: 'Invitations.csv', data: Buffer.from(invitations) }]);
  await waitForMap(page, /Read 60 people from Connections\.csv/);
  const search = page.getByRole('combobox', { name: 'Search people' });
  await search.fill('Dana Garcia');
  await page.getByRole('listbox').getByRole('option').first().waitFor();
  await search.press('ArrowDown');
  await search.press('Enter');
  const panel = page.getByRole('region', { name: 'About Dana Garcia' });
  await panel.locator('.invitation').filter({ hasText: /^They invited you to connect, Jan 2018\.$/ }).waitFor();
  await panel.screenshot({ path: `${SHOTS}/invitation-panel.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an XML entity bomb is refused in one sentence and the map stays', async () => {
  const { page, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const before = await inkedPixels(page);
  await dropFiles(page, [{ name: 'billion-laughs.gexf', data: fixture('billion-laughs.gexf') }]);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = (await alert.innerText()).replace('×', '').trim();
  assert.match(text, /billion-laughs\.gexf/);
  assert.match(text, /entit/);
  await page.getByRole('status').filter({ hasText: 'Sample network: 500 people' }).waitFor();
  assert.equal(await inkedPixels(page), before, 'the map changed');
  await context.close();
});
