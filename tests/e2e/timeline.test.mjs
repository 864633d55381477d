// The growth timeline: scrub the sample map back in time and watch it grow; Play runs it to
// the end; a graph file (no connection dates) has no timeline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openSite, waitForMap, inkedPixels, dropFiles, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

/** Moves the slider to `value` as a person dragging it would (an input event). */
const slideTo = (page, value) => page.locator('.timeline-slider').evaluate((el, v) => {
  el.value = String(v);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}, value);

const shownPeople = async (page) => {
  const text = await page.locator('.timeline-status').innerText();
  const m = text.match(/: (\d+) of 500 people/);
  return m ? Number(m[1]) : null;
};

test('scrubbing the timeline draws only the people connected by then, and Show all brings everyone back', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 900 } });
  await waitForMap(page, /Sample network: 500 people/);
  const bar = page.getByRole('group', { name: 'Growth timeline' });
  await bar.waitFor();
  assert.match(await bar.locator('.timeline-status').innerText(), /^Everyone: 500 people$/);
  const slider = bar.getByLabel('Show connections made up to');
  const [min, max] = [Number(await slider.getAttribute('min')), Number(await slider.getAttribute('max'))];
  assert.ok(max - min > 12, `the sample spans ${max - min} months`);
  // Let the layout settle so ink changes come from the timeline, not the layout.
  await page.getByText('Layout settled').waitFor({ timeout: 60000 });
  const inkAll = await inkedPixels(page);

  // Early on, few people; later, more; the count never falls as the month moves on.
  const steps = [min, min + Math.floor((max - min) / 3), min + Math.floor((2 * (max - min)) / 3), max - 1];
  const counts = [];
  for (const m of steps) {
    await slideTo(page, m);
    await page.waitForFunction(() => /Connected by/.test(document.querySelector('.timeline-status')?.textContent ?? ''));
    counts.push(await shownPeople(page));
  }
  assert.ok(counts.every((c) => c !== null), `status: ${counts}`);
  for (let i = 1; i < counts.length; i++) assert.ok(counts[i] >= counts[i - 1], `counts fall: ${counts}`);
  assert.ok(counts[0] < counts[counts.length - 1], `no growth: ${counts}`);
  assert.ok(counts[counts.length - 1] <= 500);

  await slideTo(page, steps[1]);
  await page.waitForFunction((n) => document.querySelector('.timeline-status')?.textContent.includes(`: ${n} of 500`), counts[1]);
  const inkEarly = await inkedPixels(page);
  assert.ok(inkEarly < inkAll * 0.9, `an earlier month draws less: ${inkEarly} vs ${inkAll}`);
  assert.match(await slider.getAttribute('aria-valuetext'), /^[A-Z][a-z]{2} \d{4}$/);
  await page.screenshot({ path: `${SHOTS}/timeline-early.png` });

  await bar.getByRole('button', { name: 'Show all' }).click();
  await bar.getByText('Everyone: 500 people').waitFor();
  const inkBack = await inkedPixels(page);
  assert.ok(Math.abs(inkBack - inkAll) < inkAll * 0.05, `everyone is back: ${inkBack} vs ${inkAll}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Play runs the timeline from the first month to everyone', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 900 } });
  await waitForMap(page, /Sample network: 500 people/);
  const bar = page.getByRole('group', { name: 'Growth timeline' });
  await bar.getByRole('button', { name: 'Play' }).click();
  await bar.getByRole('button', { name: 'Pause' }).waitFor();
  // It moves: two readings a moment apart differ and grow.
  await page.waitForFunction(() => /Connected by/.test(document.querySelector('.timeline-status')?.textContent ?? ''));
  const a = await shownPeople(page);
  await page.waitForTimeout(1500);
  const b = await shownPeople(page);
  assert.ok(a !== null && b !== null && b > a, `playing grows the map: ${a} then ${b}`);
  // ... and ends with everyone, the button back to Play.
  await bar.getByText('Everyone: 500 people').waitFor({ timeout: 30000 });
  await bar.getByRole('button', { name: 'Play' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a graph file has no connection dates and no timeline', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('group', { name: 'Growth timeline' }).waitFor();
  const gexf = readFileSync(join(import.meta.dirname, 'fixtures', 'bridge.gexf'));
  await dropFiles(page, [{ name: 'bridge.gexf', data: gexf }]);
  await waitForMap(page, /Read 6 nodes and 7 ties from bridge\.gexf/);
  assert.equal(await page.getByRole('group', { name: 'Growth timeline' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
