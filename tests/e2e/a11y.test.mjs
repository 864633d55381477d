// Usable by everyone: axe-core (from npm, tools/package.json) audits every view of the page,
// the map, the insights, the share dialog, the saved maps, the tie signals, the title
// corrections and the timeline, in the light and the dark theme, and finds no serious or
// critical violation of WCAG 2.1 A and AA (colour contrast included). Dialogs keep the focus
// inside and give it back; the map has a keyboard path and says where it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serve, launch, openSite, waitForMap, dropFiles, SHOTS } from './harness.mjs';

const root = new URL('../..', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(join(root, 'tools', 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');
const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

/**
 * Runs axe on the page (or on `within`, a CSS selector) and returns the serious and critical
 * violations as lines: "rule (impact): what, at selector". axe is evaluated through the
 * DevTools protocol, which the page's Content Security Policy does not govern (the page
 * itself still allows no inline script).
 */
async function audit(page, within = null) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (within) => {
    const result = await window.axe.run(within ? { include: [within] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`) }));
  }, within);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 6).join('\n    ')}`);
}

async function openExport(page) {
  await waitForMap(page, /Sample network: 500 people/);
  await dropFiles(page, [{ name: 'Basic_LinkedInDataExport.zip', data: fixture('linkedin-export.zip') }]);
  await waitForMap(page, /Read 60 people/);
  await page.getByText(/Layout (settled|running)/).waitFor();
}

for (const theme of ['light', 'dark']) {
  test(`axe finds no serious or critical violation in any view (${theme} theme)`, async () => {
    const { page, errors, context } = await openSite(browser, site);
    await openExport(page);
    if (theme === 'dark') {
      await page.getByRole('button', { name: 'Dark', exact: true }).click();
      await page.locator('.app.dark').waitFor();
    }
    const found = {};
    // The map with its sidebar: saved maps, tie signals, the timeline.
    await page.getByRole('region', { name: 'Saved maps' }).locator('.save-status').filter({ hasText: /Saved in this browser/ }).waitFor({ timeout: 15000 });
    await page.getByRole('region', { name: 'Tie signals' }).waitFor();
    await page.getByRole('group', { name: 'Growth timeline' }).waitFor();
    found.map = await audit(page);
    // A person opened from the map.
    await page.locator('canvas.map-labels').focus();
    for (const key of ['ArrowDown', 'Enter', 'Enter']) await page.keyboard.press(key);
    await page.locator('.sidebar .person').first().waitFor().catch(() => {});
    found['person panel'] = await audit(page);
    // The insights, with the title corrections open.
    await page.getByRole('button', { name: 'Insights', exact: true }).click();
    const insights = page.getByRole('dialog', { name: 'What the map says' });
    await insights.waitFor();
    await insights.getByText('How titles are read').click();
    await insights.getByRole('searchbox', { name: 'Find a title' }).waitFor();
    found.insights = await audit(page);
    await page.keyboard.press('Escape');
    await insights.waitFor({ state: 'detached' });
    // The share dialog.
    await page.getByRole('button', { name: 'Share picture' }).click();
    await page.getByRole('dialog', { name: 'Share a picture of your map' }).waitFor();
    found['share dialog'] = await audit(page);
    await page.screenshot({ path: `${SHOTS}/a11y-${theme}.png` });
    for (const [view, lines] of Object.entries(found)) {
      assert.deepEqual(lines, [], `${view} (${theme}):\n${lines.join('\n')}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('dialogs keep the focus inside while open and give it back to the button that opened them', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  for (const [button, name] of [['Share picture', 'Share a picture of your map'], ['Insights', 'What the map says']]) {
    await page.getByRole('button', { name: button, exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor();
    const inside = () => page.evaluate((name) => {
      const d = [...document.querySelectorAll('[role=dialog]')].find((x) => x.getAttribute('aria-labelledby') && document.getElementById(x.getAttribute('aria-labelledby'))?.textContent === name);
      return !!d && d.contains(document.activeElement);
    }, name);
    assert.ok(await inside(), `${name}: the focus went in`);
    const stops = await dialog.evaluate((d) => d.querySelectorAll('button, input, select, summary, [tabindex="0"]').length);
    for (let i = 0; i < stops + 3; i++) {
      await page.keyboard.press('Tab');
      assert.ok(await inside(), `${name}: Tab ${i + 1} left the dialog`);
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      assert.ok(await inside(), `${name}: Shift+Tab left the dialog`);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.textContent), button, `${name}: the focus is back`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the map has a keyboard path and a text alternative: clusters with their sizes and names, then people; Enter opens one, announced', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await openExport(page);
  const map = page.getByRole('application', { name: /Map of 60/ });
  // The text alternative lists the clusters the legend shows, with their sizes.
  const legendNames = await page.getByRole('region', { name: 'Clusters' }).locator('.legend-name').allInnerTexts();
  const outline = await page.locator('#map-outline li').allInnerTexts();
  assert.ok(outline.length >= 2, outline.join('\n'));
  for (const line of outline) assert.match(line, /^.+: \d+ (people|person)$/);
  assert.deepEqual(outline.map((l) => l.replace(/: \d+ (people|person)$/, '')), legendNames.slice(0, outline.length));
  assert.equal(await map.getAttribute('aria-describedby'), 'map-outline');
  // Tab into the map (from the search box before it... the map is a tab stop of its own).
  await map.focus();
  const said = page.locator('.map-announcement');
  await said.filter({ hasText: /^Map of 60 people in \d+ clusters/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await said.filter({ hasText: new RegExp(`^Cluster 1 of \\d+: ${legendNames[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, \\d+ people`) }).waitFor();
  await page.keyboard.press('ArrowDown');
  await said.filter({ hasText: /^Cluster 2 of/ }).waitFor();
  await page.keyboard.press('Enter');
  await said.filter({ hasText: /; 1 of \d+ in / }).waitFor();
  await page.keyboard.press('ArrowRight');
  const person = await said.filter({ hasText: /; 2 of \d+ in / }).innerText();
  const name = person.split(',')[0];
  await page.keyboard.press('Enter');
  // The person's panel opens and is announced.
  await page.locator('.sidebar').getByText(name, { exact: true }).first().waitFor();
  await page.getByText(new RegExp(`^Opened ${name}`)).waitFor();
  await page.screenshot({ path: `${SHOTS}/a11y-keyboard-person.png` });
  await page.keyboard.press('Escape');
  await said.filter({ hasText: /^Cluster 2 of/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
