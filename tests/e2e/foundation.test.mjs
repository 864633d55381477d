// The first vertical slice: the sample map, a dropped and a picked Connections.csv, a wrong
// file, and no request that leaves the site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, inkedPixels, dropFiles, connectionsCsv, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

test('the page opens on the sample map and draws it', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('application', { name: /Map of 500/ }).waitFor();
  assert.ok(await inkedPixels(page) > 2000, 'the canvas is blank');
  await page.screenshot({ path: `${SHOTS}/sample.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a Connections.csv dropped through a real drag sequence is read and drawn', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  // The overlay shows while a file is dragged over the window.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], 'x.csv'));
    document.querySelector('main').dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.getByText('Drop your LinkedIn export').waitFor();
  await page.screenshot({ path: `${SHOTS}/drag-overlay.png` });

  await dropFiles(page, [{ name: 'Connections.csv', type: 'text/csv', data: connectionsCsv(25) }]);
  await waitForMap(page, /Read 25 people from Connections\.csv/);
  await page.getByRole('application', { name: 'Map of 25 nodes' }).waitFor();
  assert.equal(await page.getByText('Drop your LinkedIn export').count(), 0, 'overlay stays after the drop');
  await page.getByRole('region', { name: 'Import report' }).getByText('25 people from Connections.csv').waitFor();
  assert.ok(await inkedPixels(page) > 500);
  await page.screenshot({ path: `${SHOTS}/dropped-connections.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same file through the Open file picker', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await page.getByLabel('Open file').setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(connectionsCsv(31)) });
  await waitForMap(page, /Read 31 people from Connections\.csv/);
  await page.getByRole('button', { name: 'Show sample' }).click();
  await waitForMap(page, /Sample network: 500 people/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file tiemap does not understand gets a one-sentence error and the map stays', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  // Measure a still map: the layout must have settled first.
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const before = await inkedPixels(page);
  await dropFiles(page, [{ name: 'holiday-notes.txt', type: 'text/plain', data: 'Pack sunscreen, book the ferry.\n' }]);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = (await alert.innerText()).replace('×', '').trim();
  assert.match(text, /^tiemap can't read holiday-notes\.txt: expected a LinkedIn Connections\.csv/);
  assert.equal(text.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length, 1, `more than one sentence: ${text}`);
  // The sample map is still on screen, unchanged.
  await page.getByRole('status').filter({ hasText: 'Sample network: 500 people' }).waitFor();
  assert.equal(await inkedPixels(page), before);
  await page.screenshot({ path: `${SHOTS}/wrong-file.png` });
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no request leaves the site during load, the sample, a drop, a pick and an error', async () => {
  const { page, requests, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'Connections.csv', data: connectionsCsv(12) }]);
  await waitForMap(page, /Read 12 people/);
  await page.getByLabel('Open file').setInputFiles({ name: 'c.csv', mimeType: 'text/csv', buffer: Buffer.from(connectionsCsv(5)) });
  await waitForMap(page, /Read 5 people/);
  await dropFiles(page, [{ name: 'x.bin', data: Buffer.from([0, 1, 2, 3, 255]) }]);
  await page.getByRole('alert').waitFor();
  await page.waitForTimeout(500);
  assert.ok(requests.length >= 5, `only ${requests.length} requests recorded`);
  const foreign = requests.filter((u) => !(u.startsWith(site.origin + '/') || u.startsWith('data:') || u.startsWith('blob:')));
  assert.deepEqual(foreign, [], 'requests left the site');
  await context.close();
});

test('when the worker stops, the map stays and Retry starts a new worker', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const before = await inkedPixels(page);
  // An uncaught error in the worker: how a Rust panic (a wasm trap) or running out of memory
  // surfaces. Raised here from the worker's own event loop.
  const [worker] = page.workers();
  await worker.evaluate(() => { setTimeout(() => { throw new Error('simulated crash'); }, 0); });
  const alert = page.getByRole('alert');
  await alert.filter({ hasText: /background worker stopped \(Error: simulated crash\); your map is still here/ }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Sample network: 500 people' }).waitFor();
  assert.equal(await inkedPixels(page), before, 'the map on screen stays as it was');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await page.waitForFunction(() => !document.querySelector('[role=alert]'));
  await waitForMap(page, /Sample network: 500 people/);
  // The new worker answers: a finer resolution gives more clusters.
  const count = () => page.locator('.legend-row').count();
  const clusters = await count();
  const slider = page.getByRole('slider', { name: /Cluster resolution/ });
  await slider.fill('2.5');
  await slider.dispatchEvent('change');
  await page.waitForFunction((n) => document.querySelectorAll('.legend-row').length > n, clusters);
  assert.ok(errors.every((e) => /simulated crash/.test(e)), errors.join('\n'));
  await context.close();
});
