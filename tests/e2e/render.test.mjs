// The map itself: WebGL2 drawing, names that appear as you zoom and never overlap, keyboard
// zoom and "Fit map", search that flies to a person, the hover card, click to select, pan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, dropFiles, workerReady, connectionsCsv, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const MAP = 'canvas.map-labels';

/** The overlay's camera and label attributes. */
async function view(page) {
  return page.locator(MAP).evaluate((c) => ({
    renderer: c.dataset.renderer,
    zoom: Number(c.dataset.zoom),
    center: c.dataset.center,
    selected: c.dataset.selected,
    labels: Number(c.dataset.labels),
    peopleNamed: Number(c.dataset.peopleNamed),
  }));
}

/** Waits for the next animation frame to have drawn. */
async function settle(page, ms = 120) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(ms);
}

/** Pixels of the WebGL canvas that differ from its background. */
async function glInked(page) {
  return page.evaluate(() => {
    const gl = document.querySelector('canvas.map-base');
    const c = document.createElement('canvas');
    c.width = gl.width; c.height = gl.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(gl, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 30) n++;
    }
    return n;
  });
}

async function openMap() {
  const opened = await openSite(browser, site);
  await waitForMap(opened.page, /Sample network: 500 people/);
  await opened.page.waitForFunction((sel) => document.querySelector(sel)?.dataset.zoom, MAP);
  await settle(opened.page);
  return opened;
}

test('the map is drawn with WebGL2 and more names appear as you zoom in', async () => {
  const { page, errors, context } = await openMap();
  const fitted = await view(page);
  assert.equal(fitted.renderer, 'webgl2');
  assert.equal(await page.locator('canvas.map-base').getAttribute('data-renderer'), 'webgl2');
  assert.equal(fitted.zoom, 1);
  assert.ok(await glInked(page) > 300, 'the WebGL canvas is blank');
  assert.ok(fitted.labels >= 5, `only ${fitted.labels} names at the fitted view`);
  await page.screenshot({ path: `${SHOTS}/render-fitted.png` });

  await page.locator(MAP).focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('+');
  await settle(page);
  const zoomed = await view(page);
  assert.ok(zoomed.zoom > 5, `zoom ${zoomed.zoom}`);
  // Semantic zoom: on screen there are fewer people, but each is big enough to be named.
  assert.ok(zoomed.labels >= 8, `only ${zoomed.labels} names zoomed in`);
  await page.screenshot({ path: `${SHOTS}/render-zoomed.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('without a GPU, the faint ties of a big map are drawn on the CPU, and the map still shows', async () => {
  const { page, errors, context } = await openMap();
  // headless Chromium with --disable-gpu: WebGL2 is SwiftShader, a rasteriser on the CPU
  assert.equal(await page.locator('canvas.map-base').getAttribute('data-faint-ties'), 'cpu');
  await workerReady(page);
  await dropFiles(page, [{ name: 'Connections.csv', data: connectionsCsv(4000) }]);
  await waitForMap(page, /Read 4,000 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 60000 });
  await settle(page);
  // enough ties that each is faint (alpha 0.15 from 18,000 ties): a hairline
  const summary = await page.getByText(/ties are inferred from/).textContent();
  const ties = Number(summary.match(/these ([\d,]+) ties/)[1].replace(/,/g, ''));
  assert.ok(ties >= 18000, `${ties} ties`);
  // and the map is drawn: the people (those not wholly under others) over their ties
  await page.screenshot({ path: `${SHOTS}/render-cpu-ties.png` });
  assert.ok(await glInked(page) > 20000, 'the WebGL canvas is nearly blank');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard zoom changes the view and Fit map restores it', async () => {
  const { page, errors, context } = await openMap();
  const fitted = await view(page);
  await page.locator(MAP).focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await settle(page);
  const zoomed = await view(page);
  assert.ok(Math.abs(zoomed.zoom - 1.5625) < 1e-3, `zoom ${zoomed.zoom}`);
  await page.keyboard.press('-');
  await settle(page);
  assert.ok(Math.abs((await view(page)).zoom - 1.25) < 1e-3);
  await page.keyboard.press('Shift+ArrowLeft');
  await settle(page);
  assert.notEqual((await view(page)).center, fitted.center, 'Shift and the arrow keys pan');

  await page.getByRole('button', { name: 'Fit map' }).click();
  await settle(page);
  const back = await view(page);
  assert.equal(back.zoom, 1);
  assert.equal(back.center, fitted.center);

  // The 0 key fits too, after a wheel zoom.
  const box = await page.locator(MAP).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await settle(page);
  assert.ok((await view(page)).zoom > 1.2, 'the wheel zooms in');
  await page.locator(MAP).focus();
  await page.keyboard.press('0');
  await settle(page);
  assert.equal((await view(page)).zoom, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('search flies to a person and selects them; hover shows their card; click selects', async () => {
  const { page, errors, context } = await openMap();
  const before = await view(page);
  const search = page.getByRole('combobox', { name: 'Search people' });
  await search.fill('Theo');
  const options = page.getByRole('listbox').getByRole('option');
  await options.first().waitFor();
  const name = (await options.first().locator('span').first().innerText()).trim();
  assert.match(name, /Theo/);
  await search.press('ArrowDown');
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await search.press('Enter');
  await page.waitForTimeout(700); // the flight lasts 450 ms
  await settle(page);
  const flown = await view(page);
  assert.notEqual(flown.selected, '', 'the person is selected');
  assert.ok(flown.zoom >= 3.9, `zoom ${flown.zoom}`);
  assert.notEqual(flown.center, before.center);
  assert.equal(await page.getByRole('listbox').isHidden(), true);
  await page.screenshot({ path: `${SHOTS}/render-search.png` });

  // The chosen person is now at the centre: hovering there shows their card (on a part of
  // their disc no cluster name covers: over a cluster's name the pointer is on the name, and
  // a click there renames the cluster).
  const box = await page.locator(MAP).boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const clear = async () => {
    const names = ((await page.locator(MAP).getAttribute('data-cluster-names')) || '')
      .split(';').filter(Boolean).map((r) => r.split(',').map(Number));
    const covered = ([x, y]) => names.some(([rx, ry, rw, rh]) =>
      x - box.x >= rx && x - box.x <= rx + rw && y - box.y >= ry && y - box.y <= ry + rh);
    const spot = [[cx, cy], [cx, cy + 8], [cx, cy - 8], [cx + 8, cy], [cx - 8, cy],
      [cx, cy + 14], [cx, cy - 14]].find((p) => !covered(p));
    assert.ok(spot, 'some of the person\'s disc is clear of cluster names');
    return spot;
  };
  let [sx, sy] = await clear();
  await page.mouse.move(sx - 30, sy - 30);
  await page.mouse.move(sx, sy);
  const card = page.getByRole('tooltip');
  await card.waitFor();
  assert.equal((await card.locator('.hover-card-name').innerText()).trim(), name);
  assert.ok((await card.innerText()).split('\n').length >= 2, 'the card shows a title or company');
  await page.screenshot({ path: `${SHOTS}/render-hover.png` });

  // Escape clears the selection; a click on the person selects them again.
  await page.locator(MAP).focus();
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal((await view(page)).selected, '');
  [sx, sy] = await clear();
  await page.mouse.move(sx - 30, sy - 30);
  await page.mouse.move(sx, sy);
  await card.waitFor();
  assert.equal((await card.locator('.hover-card-name').innerText()).trim(), name);
  await page.mouse.click(sx, sy);
  await settle(page);
  assert.equal((await view(page)).selected, flown.selected);

  // A click on empty space (the fitted view's margin) clears it.
  await page.getByRole('button', { name: 'Fit map' }).click();
  await settle(page);
  await page.mouse.click(box.x + 8, box.y + 8);
  await settle(page);
  assert.equal((await view(page)).selected, '');

  // Over a cluster's name (drawn over its people at their centre) the pointer is on the name:
  // no person's card, as a click there renames the cluster.
  const [nx, ny, nw, nh] = (await page.locator(MAP).getAttribute('data-cluster-names'))
    .split(';')[0].split(',').map(Number);
  await page.mouse.move(box.x + nx + nw / 2, box.y + ny + nh / 2);
  await settle(page, 300);
  assert.equal(await card.count(), 0, 'no card over a cluster name');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dragging empty space pans; dragging a person moves them', async () => {
  const { page, errors, context } = await openMap();
  const box = await page.locator(MAP).boundingBox();
  const fitted = await view(page);
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, box.y + 40, { steps: 5 });
  await page.mouse.up();
  await settle(page);
  const panned = await view(page);
  assert.notEqual(panned.center, fitted.center);
  assert.equal(panned.selected, '', 'a drag is not a click');

  // Bring a person to the centre, then drag them 120 px right: their card follows.
  await page.getByRole('combobox', { name: 'Search people' }).fill('a');
  await page.getByRole('combobox', { name: 'Search people' }).press('Enter');
  await page.waitForTimeout(700);
  await settle(page);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const name = (await page.getByRole('tooltip').locator('.hover-card-name').innerText()).trim();
  await page.mouse.down();
  await page.mouse.move(cx + 120, cy, { steps: 6 });
  await page.mouse.up();
  await settle(page);
  await page.mouse.move(cx + 140, cy + 30);
  await page.mouse.move(cx + 120, cy);
  await page.getByRole('tooltip').waitFor();
  assert.equal((await page.getByRole('tooltip').locator('.hover-card-name').innerText()).trim(), name);
  assert.deepEqual(errors, []);
  await context.close();
});

test('touch: one finger pans, two fingers pinch-zoom, a tap selects (a phone-sized screen)', async () => {
  const { page, errors, context } = await openSite(browser, site, {
    viewport: { width: 900, height: 700 },
    contextOptions: { hasTouch: true, isMobile: false, deviceScaleFactor: 2 },
  });
  await waitForMap(page, /Sample network: 500 people/);
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.zoom, MAP);
  await settle(page);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 4, radiusY: 4, force: 1 })),
  });
  const box = await page.locator(MAP).boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const fitted = await view(page);

  // One finger drags the map.
  await touch('touchStart', [[cx - 100, cy - 100]]);
  for (let i = 1; i <= 6; i++) await touch('touchMove', [[cx - 100 + 10 * i, cy - 100 + 6 * i]]);
  await touch('touchEnd', []);
  await settle(page);
  const panned = await view(page);
  assert.notEqual(panned.center, fitted.center, 'one finger pans');
  assert.equal(panned.zoom, fitted.zoom, 'a pan does not zoom');

  // Two fingers moving apart zoom in about 2x; moving together zoom back out.
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [[cx - 40 - 5 * i, cy], [cx + 40 + 5 * i, cy]]);
  await touch('touchEnd', []);
  await settle(page);
  const pinched = await view(page);
  assert.ok(pinched.zoom > fitted.zoom * 1.7 && pinched.zoom < fitted.zoom * 2.3, `pinch out: zoom ${fitted.zoom} -> ${pinched.zoom}`);
  // (people's names: the names of clusters now off the screen go with them)
  assert.ok(pinched.peopleNamed >= fitted.peopleNamed && pinched.peopleNamed > 0,
    `zooming in names at least as many people: ${fitted.peopleNamed} -> ${pinched.peopleNamed}`);
  await touch('touchStart', [[cx - 80, cy], [cx + 80, cy]]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [[cx - 80 + 5 * i, cy], [cx + 80 - 5 * i, cy]]);
  await touch('touchEnd', []);
  await settle(page);
  const back = await view(page);
  assert.ok(Math.abs(back.zoom - fitted.zoom) < 0.15 * fitted.zoom, `pinch in: zoom ${back.zoom}`);

  // A tap on a person selects them (found through search, which centres them).
  await page.getByRole('combobox', { name: 'Search people' }).fill('a');
  await page.getByRole('combobox', { name: 'Search people' }).press('Enter');
  await page.waitForTimeout(700);
  await settle(page);
  assert.notEqual((await view(page)).selected, '', 'search selects');
  // A tap on empty space (the map's left edge, inside the fit margin) clears the selection.
  await page.touchscreen.tap(box.x + 6, cy);
  await settle(page);
  assert.equal((await view(page)).selected, '', 'a tap on empty space clears the selection');
  await page.touchscreen.tap(cx, cy);
  await settle(page);
  assert.notEqual((await view(page)).selected, '', 'a tap selects the person under the finger');
  await page.screenshot({ path: `${SHOTS}/touch-pinched.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('people can be sized by brokerage or tie strength instead of ties, and back', async () => {
  const { page, errors, context } = await openMap();
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  await settle(page, 300);
  const shot = () => page.locator('canvas.map-base').screenshot();
  const byTies = await shot();
  const picker = page.getByLabel('Size people by');
  await picker.selectOption({ label: 'Brokerage (betweenness)' });
  await page.getByText(/Size: how much each person bridges others/).waitFor({ timeout: 15000 });
  await settle(page, 300);
  const byBrokerage = await shot();
  assert.ok(!byBrokerage.equals(byTies), 'the map changes when sized by brokerage');
  await picker.selectOption({ label: 'Tie strength' });
  await page.getByText(/Size: how strong your tie with each person is/).waitFor({ timeout: 15000 });
  await settle(page, 300);
  const byStrength = await shot();
  assert.ok(!byStrength.equals(byTies) && !byStrength.equals(byBrokerage));
  await picker.selectOption({ label: 'Ties on the map' });
  await page.getByText(/Size: how many people on the map each person is tied to/).waitFor();
  await settle(page, 300);
  assert.ok((await shot()).equals(byTies), 'back to ties gives the same picture');
  assert.deepEqual(errors, []);
  await context.close();
});
