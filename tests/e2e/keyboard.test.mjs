// Without a mouse, and with less motion: a whole journey by keyboard alone (open a file through
// the file picker, rename a cluster, check a tie, open the insights, share a PNG) with no mouse or pointer
// event at all; and with `prefers-reduced-motion`, neither the running layout nor the timeline
// moves the map by itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openSite, waitForMap, dropFiles, connectionsCsv, SHOTS } from './harness.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

/** Presses Tab (Shift+Tab with `back`) until the focused element matches `test`; returns the presses. */
async function tabTo(page, test, { back = false, max = 250 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(test)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`no focus stop matched ${test} in ${max} presses`);
}

const focused = (name) => `(() => { const a = document.activeElement; return !!a && (a.getAttribute('aria-label') || a.textContent || '').trim() === ${JSON.stringify(name)}; })()`;

test('keyboard only: open a file through the picker, rename a cluster, check a tie, open the insights, share a PNG, with no mouse event', async () => {
  const { page, errors, context } = await openSite(browser, site, {
    setup: (ctx) => ctx.addInitScript(() => {
      window.__mouse = [];
      for (const type of ['mousedown', 'mouseup', 'mousemove', 'pointerdown', 'pointerup', 'pointermove', 'wheel', 'touchstart']) {
        addEventListener(type, (e) => { if (e.isTrusted) window.__mouse.push(type); }, true);
      }
    }),
  });
  // Playwright intercepts file choosers only once it has been told to (asynchronously, when a
  // listener is added): told now, so it is on before Enter asks for one. Added with the
  // map drawn at once (the baked sample): `waitForEvent` beside the key press lost that race
  // here in about 1 try of 2.
  page.on('filechooser', () => {});
  await waitForMap(page, /Sample network: 500 people/);
  // Open file: Tab to the picker's input, Enter opens the system's file chooser.
  await tabTo(page, `document.activeElement?.matches('input[type=file]:not([webkitdirectory])')`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles({ name: 'Basic_LinkedInDataExport.zip', mimeType: 'application/zip', buffer: fixture('linkedin-export.zip') });
  await waitForMap(page, /Read 60 people/);
  // Rename the first cluster from the legend.
  const legend = page.getByRole('region', { name: 'Clusters' });
  const first = (await legend.locator('.legend-name').allInnerTexts())[0];
  await tabTo(page, focused(`Rename ${first}`));
  await page.keyboard.press('Enter');
  await legend.getByRole('textbox', { name: 'Cluster name' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Cluster name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Named by keyboard');
  await page.keyboard.press('Enter');
  await legend.locator('.legend-name', { hasText: 'Named by keyboard' }).waitFor();
  // Check a tie: open "Check ties", answer the first question with Y, close with Escape.
  await tabTo(page, focused('Check ties'));
  await page.keyboard.press('Enter');
  const check = page.getByRole('region', { name: 'Check ties' });
  await check.locator('.pair').waitFor({ timeout: 30000 });
  await page.keyboard.press('y');
  await check.locator('.check-count').filter({ hasText: /^1 answered/ }).waitFor({ timeout: 30000 });
  await page.keyboard.press('Escape');
  await check.waitFor({ state: 'detached' });
  // The insights: open, look, close; the focus comes back.
  await tabTo(page, focused('Insights'), { back: true });
  await page.keyboard.press('Enter');
  const insights = page.getByRole('dialog', { name: 'What the map says' });
  await insights.waitFor();
  await page.keyboard.press('Escape');
  await insights.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Insights');
  // Share a PNG.
  await tabTo(page, focused('Share picture'), { back: true });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Share a picture of your map' });
  await dialog.waitFor();
  await tabTo(page, focused('Download PNG'), { max: 40 });
  const [png] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = `${SHOTS}/keyboard-share.png`;
  await png.saveAs(path);
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(1, 4)], [80, 78, 71], 'a PNG');
  await page.screenshot({ path: `${SHOTS}/keyboard-journey.png` });
  assert.deepEqual(await page.evaluate(() => window.__mouse), [], 'mouse or pointer events');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Watches the map for `ms`: every 80 ms a fingerprint of its pixels (its canvases composited,
 * scaled down) and the layout's status. Returns the distinct fingerprints seen while the
 * layout was running, and how many looks saw it running.
 */
async function watchMap(page, ms) {
  return page.evaluate(async (ms) => {
    const out = document.createElement('canvas');
    out.width = 240; out.height = 160;
    const ctx = out.getContext('2d', { willReadFrequently: true });
    const looks = [];
    const start = performance.now();
    while (performance.now() - start < ms) {
      await new Promise((r) => requestAnimationFrame(r));
      ctx.clearRect(0, 0, out.width, out.height);
      for (const c of document.querySelectorAll('canvas.map-base, canvas.map-labels')) ctx.drawImage(c, 0, 0, out.width, out.height);
      const { data } = ctx.getImageData(0, 0, out.width, out.height);
      let h = 2166136261;
      for (let i = 0; i < data.length; i += 4) h = Math.imul(h ^ (data[i] + 3 * data[i + 1] + 7 * data[i + 2]), 16777619) >>> 0;
      const running = /running/.test(document.querySelector('.layout-controls p')?.textContent ?? '');
      looks.push({ h, running });
      await new Promise((r) => setTimeout(r, 80));
    }
    const whileRunning = looks.filter((l) => l.running);
    return { distinct: new Set(whileRunning.map((l) => l.h)).size, running: whileRunning.length, last: looks.at(-1).h };
  }, ms);
}

for (const reducedMotion of ['reduce', 'no-preference']) {
  test(`prefers-reduced-motion: ${reducedMotion}: the running layout ${reducedMotion === 'reduce' ? 'does not move' : 'moves'} the map, and the timeline ${reducedMotion === 'reduce' ? 'steps only when asked' : 'plays'}`, async () => {
    const { page, errors, context } = await openSite(browser, site, { contextOptions: { reducedMotion } });
    await waitForMap(page, /Sample network: 500 people/);
    // A map big enough for its layout to run a while.
    await dropFiles(page, [{ name: 'Connections.csv', data: connectionsCsv(6000) }]);
    await waitForMap(page, /Read 6,000 people/);
    // The drop's own layout ends first: on a slow machine it may still run when the map shows,
    // and its settled picture (drawn while the status still said running) is not the restart's.
    await page.getByText('Layout settled').waitFor({ timeout: 60000 });
    const before = await watchMap(page, 200);
    // Restart the layout and watch the map while it runs (a few seconds here).
    const watched = watchMap(page, 4000);
    await page.getByRole('region', { name: 'Layout' }).getByRole('button', { name: 'Restart layout' }).press('Enter');
    const seen = await watched;
    assert.ok(seen.running >= 2, `the layout was seen running ${seen.running} times`);
    if (reducedMotion === 'reduce') {
      assert.equal(seen.distinct, 1, 'the map moved while the layout ran');
      await page.getByText('Layout settled').waitFor({ timeout: 60000 });
      assert.notEqual((await watchMap(page, 200)).last, before.last, 'the settled layout is shown');
    } else {
      assert.ok(seen.distinct >= 2, `the layout should animate when no less motion is asked (${seen.distinct} pictures)`);
    }
    // Back to the sample for the timeline (it has connection dates over years).
    await page.getByRole('button', { name: 'Show sample' }).press('Enter');
    await waitForMap(page, /Sample network: 500 people/);
    // The timeline (the sample has connection dates).
    const timeline = page.getByRole('group', { name: 'Growth timeline' });
    const status = async () => (await timeline.innerText()).replace(/\s+/g, ' ');
    const button = timeline.locator('.timeline-play');
    assert.equal(await button.innerText(), reducedMotion === 'reduce' ? 'Step' : 'Play');
    await button.press('Enter');
    await page.waitForTimeout(100);
    const once = await status();
    await page.waitForTimeout(1500);
    if (reducedMotion === 'reduce') {
      assert.equal(await status(), once, 'the timeline went on by itself');
      await button.press('Enter');
      await page.waitForFunction((s) => document.querySelector('.timeline').innerText.replace(/\s+/g, ' ') !== s, once);
    } else {
      assert.notEqual(await status(), once, 'Play goes on by itself');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}
