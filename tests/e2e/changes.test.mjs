// "What changed": a newer export of the same (made-up) person dropped after the older one,
// and a saved map reopened before the newer export is dropped. The newer export has 20 more
// Globex people (connected in 2027), the 24 Umbrella people gone, new messages with ten of
// the people written to in 2026 and three Hooli people, none with the other ten of 2026.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, dropFiles, SHOTS } from './harness.mjs';
import { exportFiles, people, talks } from './career-export.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

function newer() {
  const old = people();
  const list = old.filter((p) => p.company !== 'Umbrella');
  for (let i = 160; i < 180; i++) {
    const first = ['Ada', 'Bo', 'Cy', 'Di', 'Ed'][i % 5];
    list.push({ first, last: `Newhire${i}`, url: `https://www.linkedin.com/in/newhire-${i}`, company: 'Globex', title: 'Software Engineer', on: new Date(Date.UTC(2027, i % 12, 5)) });
  }
  // Talks refer to indices of `list`: the first 130 people keep their places.
  const t = talks().map((x) => (x.index < 10 ? { ...x, count: x.count + 3 } : x)).filter((x) => x.index < 130);
  for (const index of [61, 62, 63]) t.push({ index, year: 2027, count: 2 });
  return exportFiles(list, t);
}

const legend = (page) => page.getByRole('region', { name: 'Clusters' });

async function whatChanged(page) {
  await page.getByRole('button', { name: 'What changed' }).click();
  const dialog = page.getByRole('dialog', { name: 'What changed' });
  await dialog.locator('.changes-summary').waitFor({ timeout: 30000 });
  return dialog;
}

async function checkChanges(page, dialog) {
  const summary = await dialog.locator('.changes-summary').innerText();
  assert.match(summary, /^\+20 people, −24;/, summary);
  assert.match(summary, /13 ties warmed, 10 cooled\.$/, summary);
  await dialog.getByRole('heading', { name: 'People added (20)' }).waitFor();
  await dialog.getByRole('heading', { name: 'People gone (24)' }).waitFor();
  const gone = await dialog.getByRole('region', { name: 'People gone' }).locator('li').allInnerTexts();
  assert.ok(gone.slice(0, 12).every((g) => /Umbrella/.test(g)), gone.join('\n'));
  const clusters = await dialog.locator('.change-clusters li').allTextContents();
  assert.ok(clusters.some((c) => /^Grew/.test(c) && /grew by/.test(c)), clusters.join('\n'));
  assert.ok(clusters.some((c) => /^(Gone|Shrank)/.test(c)), clusters.join('\n'));
  // The timeline spans both: 2027 only in the newer export.
  const y2027 = await dialog.locator('.change-timeline tr', { hasText: '2027' }).innerText();
  assert.match(y2027, /2027\s+0\s+20/);
  await dialog.getByRole('region', { name: 'Ties that warmed' }).getByText(/→/).first().waitFor();
  // Continuing clusters keep their old names on the new map.
  const kept = clusters.filter((c) => /^(Grew|Shrank|Same)/.test(c)).map((c) => c.replace(/^(Grew|Shrank|Same)\s*/, '').replace(/ \(\d+ → \d+\).*$/, ''));
  assert.ok(kept.length >= 1);
  await dialog.getByRole('button', { name: 'Close what changed' }).click();
  const names = await legend(page).locator('.legend-name').allInnerTexts();
  for (const k of kept) assert.ok(names.includes(k), `${k} not in ${names}`);
}

test('dropping a newer export after the older one says what changed', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  await waitForMap(page, /Sample network/);
  assert.equal(await page.getByRole('button', { name: 'What changed' }).count(), 0, 'nothing to compare the sample with');
  await dropFiles(page, exportFiles());
  await waitForMap(page, /Read 160 people/);
  await dropFiles(page, newer());
  await waitForMap(page, /Read 156 people/);
  const dialog = await whatChanged(page);
  await page.screenshot({ path: `${SHOTS}/what-changed.png` });
  await checkChanges(page, dialog);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a saved map reopened, then the newer export dropped, says what changed', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  await waitForMap(page, /Sample network/);
  await dropFiles(page, exportFiles());
  await waitForMap(page, /Read 160 people/);
  const saved = page.getByRole('region', { name: 'Saved maps' }).locator('.save-status');
  await saved.filter({ hasText: /Saved in this browser at/ }).waitFor({ timeout: 15000 });
  await page.reload();
  await waitForMap(page, /Read 160 people/);
  await dropFiles(page, newer());
  await waitForMap(page, /Read 156 people/);
  await checkChanges(page, await whatChanged(page));
  assert.deepEqual(errors, []);
  await context.close();
});
