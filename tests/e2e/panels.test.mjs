// The panels beside the map: clusters, resolution, tie signals, layout controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const clusterNames = async (page) =>
  page.getByRole('region', { name: 'Clusters' }).locator('.legend-name').allInnerTexts();

test('the sample has named clusters and the layout settles', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const names = await clusterNames(page);
  assert.ok(names.length >= 4, `only ${names.length} clusters`);
  assert.ok(names.some((n) => n.includes('·')), `no suggested names: ${names}`);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  await page.screenshot({ path: `${SHOTS}/sample-settled.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a higher resolution gives more clusters; a small change keeps clusters and colours', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const legend = async () => page.getByRole('region', { name: 'Clusters' }).locator('.legend-row').evaluateAll((rows) =>
    rows.map((r) => `${r.querySelector('.legend-name').textContent}|${r.querySelector('.swatch-input').value}`));
  const before = await legend();
  const slider = page.getByRole('slider', { name: /Cluster resolution/ });
  const setResolution = async (value) => { await slider.fill(value); await slider.dispatchEvent('change'); };
  await setResolution('1.1');
  await page.getByText(/Cluster resolution 1\.1/).waitFor();
  await page.waitForTimeout(1000);
  const nearly = await legend();
  // The largest clusters keep their names and colours (stable identity).
  const kept = before.slice(0, 3).filter((entry) => nearly.includes(entry));
  assert.ok(kept.length >= 2, `only ${kept.length} of the 3 largest clusters kept name and colour: ${before.slice(0, 3)} vs ${nearly}`);
  await setResolution('2.5');
  await page.waitForFunction((n) => document.querySelectorAll('.legend-item').length > n, before.length);
  assert.ok((await legend()).length > before.length);
  assert.deepEqual(errors, []);
  await context.close();
});

test('small clusters fold into a grey Other and unfold again', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const legend = page.getByRole('region', { name: 'Clusters' });
  const entries = async () => legend.locator('.legend-item').evaluateAll((items) => items.map((i) => ({
    name: i.querySelector('.legend-name').textContent,
    size: Number(i.querySelector('.legend-size').textContent),
  })));
  // Many small clusters first (high resolution), then fold those under 20 people.
  const slider = page.getByRole('slider', { name: /Cluster resolution/ });
  await slider.fill('3.0');
  await slider.dispatchEvent('change');
  await page.getByText(/Cluster resolution 3\.0/).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.legend-item').length > 12);
  const fine = await entries();
  const small = fine.filter((e) => e.size < 20);
  assert.ok(small.length >= 2, `sizes ${fine.map((e) => e.size)}`);
  await page.getByLabel('Fold small clusters').selectOption('20');
  await legend.getByText(/^Other \(/).waitFor();
  const folded = await entries();
  const other = folded[folded.length - 1];
  assert.equal(other.name, `Other (${small.length} clusters under 20 people)`);
  assert.equal(other.size, small.reduce((a, e) => a + e.size, 0));
  assert.deepEqual(folded.slice(0, -1), fine.filter((e) => e.size >= 20));
  assert.equal(folded.reduce((a, e) => a + e.size, 0), 500);
  await page.screenshot({ path: `${SHOTS}/fold-small.png` });
  await page.getByLabel('Fold small clusters').selectOption('0');
  await page.waitForFunction((n) => document.querySelectorAll('.legend-item').length === n, fine.length);
  assert.deepEqual(await entries(), fine);
  assert.deepEqual(errors, []);
  await context.close();
});

test('turning a tie signal off re-infers the ties and says so', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const note = page.locator('.ties-note');
  assert.match(await note.innerText(), /shared employer/);
  await page.getByRole('region', { name: 'Tie signals' }).getByRole('checkbox', { name: 'Shared employer' }).click();
  await page.waitForFunction(() => !document.querySelector('.ties-note').textContent.includes('shared employer'));
  assert.doesNotMatch(await note.innerText(), /shared employer/);
  // The same map: still 500 people, not refitted from scratch.
  await page.getByRole('status').filter({ hasText: 'Sample network: 500 people' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('pause, resume and restart the layout', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const layout = page.getByRole('region', { name: 'Layout' });
  await layout.getByRole('button', { name: 'Restart layout' }).click();
  await layout.getByRole('button', { name: 'Pause layout' }).click();
  await layout.getByText('Layout paused').waitFor();
  assert.equal(await layout.getByRole('button', { name: 'Pause layout' }).isDisabled(), true);
  await layout.getByRole('button', { name: 'Resume layout' }).click();
  await layout.getByText(/Layout (running|settled)/).waitFor();
  await layout.getByText('Layout settled').waitFor({ timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the dark theme darkens the page and the map, and is remembered', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const corner = () => page.evaluate(async () => {
    // A canvas read before its first frame is blank: let two frames pass (as inkedPixels).
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const c = document.querySelector('canvas.map-base');
    const out = document.createElement('canvas');
    out.width = c.width; out.height = c.height;
    const ctx = out.getContext('2d');
    ctx.drawImage(c, 0, 0);
    const [r, g, b] = ctx.getImageData(2, c.height - 3, 1, 1).data;
    return (r + g + b) / 3;
  });
  const pageBackground = () => page.evaluate(() => getComputedStyle(document.querySelector('.app')).backgroundColor);
  assert.ok(await corner() > 200, 'a light map first');
  const toggle = page.getByRole('button', { name: 'Dark' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  await page.waitForFunction(() => document.querySelector('.app').classList.contains('dark'));
  await page.waitForTimeout(300);
  assert.ok(await corner() < 60, `the map background is not dark: ${await corner()}`);
  assert.equal(await pageBackground(), 'rgb(17, 20, 24)');
  await page.screenshot({ path: `${SHOTS}/dark.png` });
  await page.reload();
  await waitForMap(page, /Sample network: 500 people/);
  await page.waitForFunction(() => document.querySelector('.app').classList.contains('dark'));
  assert.equal(await page.getByRole('button', { name: 'Dark' }).getAttribute('aria-pressed'), 'true');
  await page.getByRole('button', { name: 'Dark' }).click();
  await page.waitForFunction(() => !document.querySelector('.app').classList.contains('dark'));
  assert.deepEqual(errors, []);
  await context.close();
});
