// Naming and editing the clusters: rename, recolour, hide, merge, move a person; undo and
// redo with the buttons and the keyboard; names that survive re-clustering.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, inkedPixels, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const legendOf = (page) => page.getByRole('region', { name: 'Clusters' });
/** The legend as [{ name, size, color, hidden }], largest first. */
const rows = (page) => legendOf(page).locator('.legend-row').evaluateAll((rs) => rs.map((r) => ({
  name: r.querySelector('.legend-name')?.textContent ?? r.querySelector('input[type=text]')?.value,
  size: Number(r.querySelector('.legend-size')?.textContent),
  color: r.querySelector('.swatch-input').value,
  hidden: r.classList.contains('hidden'),
})));

async function rename(page, from, to) {
  await legendOf(page).getByRole('button', { name: `Rename ${from}`, exact: true }).click();
  const box = legendOf(page).getByRole('textbox', { name: 'Cluster name' });
  assert.equal(await box.inputValue(), from, 'the current (suggested) name is offered first');
  await box.fill(to);
  await box.press('Enter');
  await legendOf(page).locator('.legend-name', { hasText: to }).waitFor();
}

test('rename a cluster, undo and redo it with buttons and keys, and keep it at a new resolution', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const [first] = await rows(page);
  await rename(page, first.name, 'My first job <b>&</b>');
  let now = await rows(page);
  assert.equal(now[0].name, 'My first job <b>&</b>', 'names are plain text');
  assert.equal(now[0].color, first.color);

  const undo = legendOf(page).getByRole('button', { name: 'Undo' });
  const redo = legendOf(page).getByRole('button', { name: 'Redo' });
  assert.equal(await redo.isDisabled(), true);
  await undo.click();
  await legendOf(page).locator('.legend-name', { hasText: first.name }).first().waitFor();
  assert.equal((await rows(page))[0].name, first.name);
  await redo.click();
  await legendOf(page).locator('.legend-name', { hasText: 'My first job' }).waitFor();
  // Keyboard: Ctrl+Z undoes, Ctrl+Shift+Z redoes (focus on the page, not in a text field).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await legendOf(page).locator('.legend-name', { hasText: first.name }).first().waitFor();
  await page.keyboard.press('Control+Shift+z');
  await legendOf(page).locator('.legend-name', { hasText: 'My first job' }).waitFor();

  // A nearby resolution re-runs Leiden: the name stays on the same group.
  const slider = page.getByRole('slider', { name: /Cluster resolution/ });
  await slider.fill('1.1');
  await slider.dispatchEvent('change');
  await page.getByText(/Cluster resolution 1\.1/).waitFor();
  await page.waitForFunction(() => !document.querySelector('.busy'));
  now = await rows(page);
  const kept = now.find((r) => r.name === 'My first job <b>&</b>');
  assert.ok(kept, `the name is gone after re-clustering: ${now.map((r) => r.name)}`);
  assert.ok(Math.abs(kept.size - first.size) <= first.size * 0.2, `${kept.size} vs ${first.size}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('recolour, hide and show, merge two clusters, move a person', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const start = await rows(page);
  const [a, b] = start;

  // Recolour.
  await legendOf(page).getByLabel(`Colour of ${a.name}`, { exact: true }).fill('#d01c8b');
  await page.waitForFunction(() => document.querySelector('.legend-row .swatch-input').value === '#d01c8b');

  // Hide the largest cluster: its people leave the map; show it again.
  const inked = await inkedPixels(page);
  await legendOf(page).getByRole('button', { name: `Hide ${a.name}`, exact: true }).click();
  await page.waitForFunction(() => document.querySelector('.legend-row').classList.contains('hidden'));
  await page.waitForTimeout(300);
  const hiddenInk = await inkedPixels(page);
  assert.ok(hiddenInk < inked * 0.9, `hiding ${a.size} people left ${hiddenInk} of ${inked} inked pixels`);
  await page.screenshot({ path: `${SHOTS}/edit-hidden.png` });
  await legendOf(page).getByRole('button', { name: `Show ${a.name}`, exact: true }).click();
  await page.waitForFunction(() => !document.querySelector('.legend-row').classList.contains('hidden'));

  // Merge b into a: highlight b, choose a, Merge.
  await legendOf(page).locator('.legend-item', { hasText: b.name }).click();
  await legendOf(page).getByLabel('Merge into').selectOption({ label: a.name });
  await legendOf(page).getByRole('button', { name: 'Merge', exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.legend-row').length === n - 1, start.length);
  const merged = await rows(page);
  assert.equal(merged[0].name, a.name);
  assert.equal(merged[0].size, a.size + b.size);
  assert.equal(merged[0].color, '#d01c8b', 'the recolour survives the merge');
  assert.ok(!merged.some((r) => r.name === b.name));
  // Undo brings b back with its people.
  await legendOf(page).getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.legend-row').length === n, start.length);
  assert.equal((await rows(page)).find((r) => r.name === b.name)?.size, b.size);

  // Move a person: search, select, choose another cluster in their panel.
  const search = page.getByRole('combobox', { name: 'Search people' });
  await search.fill('a');
  await page.getByRole('listbox').getByRole('option').first().waitFor();
  await search.press('ArrowDown');
  await search.press('Enter');
  const panel = page.locator('section.person');
  const select = panel.getByRole('combobox', { name: /^Cluster of / });
  await select.waitFor();
  const fromName = await select.locator('option:checked').innerText();
  const target = start.find((r) => r.name !== fromName);
  await select.selectOption({ label: target.name });
  await page.waitForFunction(
    ({ name, size }) => [...document.querySelectorAll('.legend-row')].some((r) =>
      r.querySelector('.legend-name')?.textContent === name && Number(r.querySelector('.legend-size').textContent) === size + 1),
    target,
  );
  assert.equal(await select.locator('option:checked').innerText(), target.name);
  await page.screenshot({ path: `${SHOTS}/edit-moved.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('clicking a cluster name on the map opens it for renaming', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const map = page.locator('canvas.map-labels');
  const rects = (await map.getAttribute('data-cluster-names')).split(';').map((r) => r.split(',').map(Number));
  assert.ok(rects.length >= 3, `only ${rects.length} cluster names on the map`);
  const [x, y, w, h] = rects[0];
  await map.click({ position: { x: x + w / 2, y: y + h / 2 } });
  const box = legendOf(page).locator('.legend-rename');
  await box.waitFor();
  assert.equal(await box.getAttribute('aria-label'), 'Cluster name');
  const before = (await rows(page)).map((r) => r.name);
  assert.ok(before.includes(await box.inputValue()), 'the box holds one of the clusters\' names');
  await box.fill('Named on the map');
  await box.press('Enter');
  await legendOf(page).locator('.legend-name', { hasText: 'Named on the map' }).waitFor();
  // The editor closed with the name kept.
  assert.equal(await legendOf(page).locator('.legend-rename').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
