// The career views of the insights on a made-up full export (tests/e2e/career-export.mjs):
// the core network (Burt's measures on the people one deals with, adjustable), whom to
// reconnect with, talked to lately, and the missing chapters from Positions.csv and
// Education.csv. Also writes the README's picture, docs/career-insights.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openSite, waitForMap, dropFiles, SHOTS } from './harness.mjs';
import { exportFiles, talks } from './career-export.mjs';

const DOCS = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'docs');

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

async function openInsights(page) {
  await waitForMap(page, /Sample network/);
  await dropFiles(page, exportFiles());
  await waitForMap(page, /Read 160 people/);
  await page.getByRole('button', { name: 'Insights' }).click();
  const dialog = page.getByRole('dialog', { name: 'What the map says' });
  await dialog.getByRole('region', { name: 'Your core network' }).waitFor({ timeout: 30000 });
  return dialog;
}

test('the core network is measured on the people one writes to, said for them, and adjustable', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  const dialog = await openInsights(page);
  const core = dialog.getByRole('region', { name: 'Your core network' });
  const written = talks().length;
  // Everyone Robin exchanged messages with: the 38 people of the conversations.
  await core.getByText(new RegExp(`Measured on everyone you have exchanged .*: ${written} people`)).waitFor();
  const figures = core.locator('.core-figure');
  assert.deepEqual(await figures.evaluateAll((fs) => fs.map((f) => f.dataset.key)),
    ['constraint', 'effective_size', 'efficiency', 'hierarchy', 'brokerage']);
  for (const f of await figures.all()) {
    const text = await f.innerText();
    assert.match(text, /Source: /, text);
    assert.match(await f.locator('.core-range').innerText(), /\d/, text);
  }
  const constraint = figures.first();
  assert.match(await constraint.locator('.core-sentence').innerText(), new RegExp(`^Your ${written} closest contacts are`));
  const c = Number(await constraint.locator('.figure-value').innerText());
  const range = (await constraint.locator('.core-range').innerText()).match(/: ([\d.]+) if none .*, ([\d.]+) if all/);
  assert.ok(range, 'the range of a core of this size is stated');
  assert.ok(Number(range[1]) <= c && c <= Number(range[2]), `${range[1]} <= ${c} <= ${range[2]}`);
  // Not the whole-network value near 0: at least 1 / 38.
  assert.ok(c >= 1 / written - 0.005, `constraint ${c}`);
  // Clusters of the core and the roles.
  assert.ok(await core.locator('.core-clusters li').count() >= 2);
  await core.locator('.roles-table').getByText('Liaison').waitFor();
  assert.match(await core.locator('.roles-sentence').innerText(), /pairs|none/);

  // The README's picture: the core network as it opens, at the top of the dialog.
  await core.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await dialog.screenshot({ path: join(DOCS, 'career-insights.png') });

  // Adjustable: the 10 strongest ties.
  await core.getByLabel('People in the core network').selectOption({ label: 'Your 10 strongest ties' });
  await core.getByText(/Measured on the 10 people with the strongest ties to you.*: 10 people/).waitFor({ timeout: 15000 });
  assert.match(await figures.first().locator('.core-sentence').innerText(), /^Your 10 closest contacts/);

  // The whole-network figures stay, marked as such.
  const whole = dialog.getByRole('region', { name: 'Structure' });
  await whole.getByRole('heading', { name: 'Whole network: every connection' }).waitFor();
  await whole.getByText('Your constraint (whole network)').waitFor();

  await page.screenshot({ path: `${SHOTS}/career-core.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('whom to reconnect with ranks dormant ties with the reason, and talked to lately goes by cluster', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  const dialog = await openInsights(page);
  const reconnect = dialog.getByRole('region', { name: 'Whom to reconnect with' });
  // The 18 people last written to in 2019 and 2020 are dormant; the 20 of 2026 are not.
  await reconnect.getByRole('heading', { name: 'Whom to reconnect with (18)' }).waitFor();
  const reasons = await reconnect.locator('.reconnect-reason').allInnerTexts();
  assert.equal(reasons.length, 15);
  // The Hooli sales directors bring most that is new: another cluster, another function,
  // more senior than Robin (a senior engineer).
  assert.match(reasons[0], /a cluster you have not been in touch with/);
  assert.match(reasons[0], /works in sales, not engineering/);
  assert.match(reasons[0], /more senior than you \(director\)/);
  assert.ok(reasons.every((r) => /^\d+ messages, last \w{3} 20(19|20)/.test(r)), reasons.join('\n'));

  const lately = dialog.getByRole('region', { name: 'Talked to lately' });
  const clusters = await lately.locator('.lately-cluster').allInnerTexts();
  assert.ok(clusters.length >= 2, clusters.join('\n'));
  assert.match(clusters[0], /in the last 12 months, last \w{3} 2026/);
  assert.match(clusters.at(-1), /0 in the last 12 months, last \w{3} 20(19|20)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("What's missing names the chapters with few people from them, with the number", async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  const dialog = await openInsights(page);
  const missing = dialog.getByRole('region', { name: "What's missing" });
  const chapters = await missing.locator('.chapter-findings li').allInnerTexts();
  assert.equal(chapters.length, 3, chapters.join('\n'));
  assert.match(chapters[0], /3 years at Vandelay Industries ended before your first connection \(May 2011\): 0 connections from there/);
  assert.match(chapters[1], /4 years at Initech, 3 connections from there\./);
  assert.match(chapters[2], /Shelbyville College \(2002–2005\): no classmates on your map/);
  await missing.getByText(/Every chapter \(3 jobs, 1 school\)/).click();
  await missing.getByText(/at Globex \(since 2019\): 60 connections work there now/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
