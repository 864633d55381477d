// The insights dialog ("What the map says") on the sample network: every section with
// numbers, bar charts drawn as SVG, a goal that changes the findings, Escape to close.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openSite, waitForMap, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

/** Sum of the values written at the end of the bars of a chart. */
const barSum = (chart) => chart.locator('.bar-value').evaluateAll((ts) => ts.reduce((a, t) => a + Number(t.textContent), 0));

test('the insights of the sample show every section, charts, goal findings, and close with Escape', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('button', { name: 'Insights' }).click();
  const dialog = page.getByRole('dialog', { name: 'What the map says' });
  await dialog.waitFor();
  await dialog.getByRole('region', { name: 'Composition' }).waitFor({ timeout: 30000 });
  await dialog.getByText(/^500 people, \d+ ties/).waitFor();

  // Every section is there and says something with a number in it.
  for (const name of ['Composition', 'Diversity', 'Growth', 'Structure', 'Tie strength', "What's missing"]) {
    const text = await dialog.getByRole('region', { name }).innerText();
    assert.match(text, /\d/, `${name} has no number: ${text.slice(0, 200)}`);
  }

  // Composition: the function bars add up to the people with a title.
  const composition = dialog.getByRole('region', { name: 'Composition' });
  const functions = composition.getByRole('img', { name: 'People by function' });
  const bars = functions.locator('rect.bar');
  assert.ok(await bars.count() >= 3, 'too few function bars');
  const widths = await bars.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.ok(widths.every((w) => w > 0), `empty bars: ${widths}`);
  const untitledLine = await composition.getByText(/of 500 people have no title/).innerText();
  const untitled = Number(untitledLine.match(/^(\d+)/)[1]);
  assert.equal(await barSum(functions), 500 - untitled);
  assert.equal(await barSum(composition.getByRole('img', { name: 'People by seniority' })), 500 - untitled);

  // Per cluster: pick the first cluster; its bars add up to its titled people.
  const picker = composition.getByLabel('Cluster to describe');
  const option = (await picker.locator('option').allInnerTexts())[1];
  const size = Number(option.match(/\((\d+) people\)$/)[1]);
  await picker.selectOption({ index: 1 });
  const clusterLine = composition.getByText(new RegExp(`of ${size} people have no title`));
  await clusterLine.waitFor();
  const clusterUntitled = Number((await clusterLine.innerText()).match(/^(\d+)/)[1]);
  assert.equal(await barSum(functions), size - clusterUntitled);

  // Growth: stacked columns with coloured segments.
  const growth = dialog.getByRole('img', { name: 'Connections per year by cluster' });
  assert.ok(await growth.locator('.column rect').count() > 5);

  // Structure: hubs and brokers are listed; the note on inferred ties is beside the numbers.
  const structure = dialog.getByRole('region', { name: 'Structure' });
  assert.ok(await structure.locator('.people-list li').count() >= 10);
  assert.ok(await structure.getByText(/inferred from/).count() >= 3);

  // Tie strength from the sample's messages.
  const ties = dialog.getByRole('region', { name: 'Tie strength' });
  await ties.getByText('Strongest ties').waitFor();
  assert.ok(await ties.locator('.people-list li').count() > 0);

  // What's missing: another goal gives other findings.
  const missing = dialog.getByRole('region', { name: "What's missing" });
  const findings = async () => missing.locator('.finding').allInnerTexts();
  await missing.locator('.finding').first().waitFor();
  const jobs = await findings();
  await missing.getByLabel('Goal', { exact: true }).selectOption('hire');
  await missing.getByLabel('Field of the goal').selectOption({ label: 'Legal' });
  await missing.getByText(/for hiring/).first().waitFor({ timeout: 15000 });
  const hire = await findings();
  assert.notDeepEqual(hire, jobs);
  assert.ok(hire.some((f) => /Legal/.test(f)), `no finding names Legal: ${hire}`);

  await page.screenshot({ path: `${SHOTS}/insights.png` });

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the close button closes the insights, and they open again', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('button', { name: 'Insights' }).click();
  const dialog = page.getByRole('dialog', { name: 'What the map says' });
  await dialog.getByRole('region', { name: 'Diversity' }).waitFor({ timeout: 30000 });
  await dialog.getByRole('button', { name: 'Close insights' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Insights' }).click();
  await dialog.getByRole('region', { name: 'Diversity' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('correcting how a title is read moves its people in the charts; Reset and Ctrl+Z work', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('button', { name: 'Insights' }).click();
  const dialog = page.getByRole('dialog', { name: 'What the map says' });
  const composition = dialog.getByRole('region', { name: 'Composition' });
  await composition.waitFor({ timeout: 30000 });
  const functions = composition.getByRole('img', { name: 'People by function' });
  const barOf = async (label) => {
    const rows = await functions.locator('.bar-row').evaluateAll((gs) => gs.map((g) => [g.querySelector('.bar-label').textContent, Number(g.querySelector('.bar-value').textContent)]));
    return (rows.find(([l]) => l === label) ?? [label, 0])[1];
  };
  const totalBefore = await barSum(functions);
  assert.equal(await barOf('Legal'), 0, 'the sample has no lawyers');

  await composition.getByText('How titles are read').click();
  const first = composition.locator('.title-row').first();
  const title = await first.locator('.title-text').innerText();
  const people = Number(await first.locator('td.num').innerText());
  const readAs = await first.locator('.title-function option:checked').innerText();
  assert.ok(people >= 2, `the most common title has ${people} people`);
  const readAsBefore = await barOf(readAs);

  // Read the most common title as Legal: its people move from their bar to a Legal bar.
  await first.locator('.title-function').selectOption({ label: 'Legal' });
  await page.waitForFunction(() => [...document.querySelectorAll('.bar-label')].some((t) => t.textContent === 'Legal'), null, { timeout: 15000 });
  assert.equal(await barOf('Legal'), people);
  assert.equal(await barOf(readAs), readAsBefore - people);
  assert.equal(await barSum(functions), totalBefore, 'nobody is lost');
  const fixed = composition.locator(`.title-row[data-title="${await first.getAttribute('data-title')}"]`);
  assert.match(await fixed.getAttribute('class'), /corrected/);
  await composition.getByText('1 corrected').waitFor();

  // The filter finds it; "only Other" hides it (it is Legal now).
  await composition.getByLabel('Find a title').fill(title.toLowerCase());
  assert.equal(await composition.locator('.title-row').first().locator('.title-text').innerText(), title);
  await composition.getByLabel('Find a title').fill('');

  // Reset takes it back; Ctrl+Z brings the correction back again.
  await fixed.getByRole('button', { name: 'Reset' }).click();
  await page.waitForFunction(() => ![...document.querySelectorAll('.bar-label')].some((t) => t.textContent === 'Legal'), null, { timeout: 15000 });
  assert.equal(await barOf(readAs), readAsBefore);
  await dialog.locator('h2').first().click();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => [...document.querySelectorAll('.bar-label')].some((t) => t.textContent === 'Legal'), null, { timeout: 15000 });
  assert.equal(await barOf('Legal'), people);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the panel's numbers for the sample are the core's (measured natively into a fixture)", async () => {
  // Written by `cargo test -p tiemap --lib the_sample_insights_fixture_matches_the_core`.
  const core = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sample-insights.json'), 'utf8'));
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByRole('button', { name: 'Insights' }).click();
  const dialog = page.getByRole('dialog', { name: 'What the map says' });
  await dialog.getByRole('region', { name: 'Structure' }).waitFor({ timeout: 30000 });
  await dialog.getByText(`${core.people} people, ${core.ties} ties`, { exact: false }).first().waitFor();
  const diversity = dialog.getByRole('region', { name: 'Diversity' });
  const figure = async (label) => diversity.locator('.figure', { has: page.getByText(label, { exact: true }) }).locator('.figure-value').innerText();
  assert.equal(await figure('Effective number of clusters'), core.effective_clusters);
  assert.equal(await figure('Function diversity (Blau)'), core.function_blau);
  assert.equal(await figure('Seniority diversity (Blau)'), core.seniority_blau);
  assert.equal(await figure('Companies'), core.companies);
  const composition = dialog.getByRole('region', { name: 'Composition' });
  await composition.getByText(`${core.untitled} of ${core.people} people have no title`).waitFor();
  assert.equal(await composition.getByRole('img', { name: 'People by company' }).locator('.bar-label').first().textContent(), core.first_company);
  const structure = dialog.getByRole('region', { name: 'Structure' });
  const lists = structure.locator('.people-list');
  const namesOf = (i) => lists.nth(i).locator('.person-name').allInnerTexts();
  assert.deepEqual(await namesOf(0), core.hubs);
  assert.deepEqual(await namesOf(1), core.brokers);
  const ties = dialog.getByRole('region', { name: 'Tie strength' });
  await ties.getByText(`One-way ties (${core.one_way_total})`).waitFor();
  await ties.getByText(`Dormant strong ties (${core.dormant_total})`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
