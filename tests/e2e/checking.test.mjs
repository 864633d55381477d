// Checking ties: the person answers "do these two know each other?", the map learns, and the
// answers are kept (reload, project file) and undone like any edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openSite, waitForMap, dropFiles, SHOTS } from './harness.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const panel = (page) => page.getByRole('region', { name: 'Check ties' });
const count = (page) => panel(page).locator('.check-count');
const tiesNote = async (page) => page.locator('.ties-note').innerText();
const question = (page) => panel(page).locator('.pair');

async function openChecking(page) {
  await page.getByRole('button', { name: 'Check ties' }).click();
  await question(page).waitFor({ timeout: 30000 });
}

async function answered(page, n) {
  await count(page).filter({ hasText: new RegExp(`^${n} answered`) }).waitFor({ timeout: 30000 });
}

async function openExport(page) {
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'Connections.csv', data: fixture('hard/burst-Connections.csv') }]);
  await waitForMap(page, /Read [\d,]+ people from Connections\.csv/);
}

test('answers by keyboard change the map, show what changed, survive a reload and undo', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await openExport(page);
  const before = await tiesNote(page);
  await openChecking(page);
  const first = await question(page).innerText();
  assert.match(first, /^Do .+ and .+ know each other\?$/);
  await panel(page).locator('.evidence').filter({ hasText: /^Why the map thinks so: .+\.$/ }).waitFor();
  // Y / N / S, and an arrow to skip one
  await page.keyboard.press('n');
  await answered(page, 1);
  assert.notEqual(await question(page).innerText(), first, 'the next question shows');
  await page.keyboard.press('ArrowRight');
  for (const key of ['n', 'n', 'y', 'n', 's', 'n']) {
    const shown = await question(page).innerText();
    await page.keyboard.press(key);
    await page.waitForFunction((s) => document.querySelector('.check-ties .pair')?.innerText !== s, shown, { timeout: 30000 });
  }
  await answered(page, 7);
  await count(page).filter({ hasText: '1 know each other, 5 don\'t, 1 not sure' }).waitFor();
  // six yes/no answers are enough to refit the weights: the panel says what the refit did
  // (weights learned, kept because the answers set no signal apart, or not used because the
  // clusters they give agree with no more answers); learning that is used, and undoing it,
  // is tested natively (tiemap-app's session tests)
  const said = [
    / now counts (less|more): you (rejected|confirmed) \d+ of \d+ ties that /,
    /^Your 6 yes\/no answers do not say yet which signal to trust more than another: the weights stay as they are$/,
    /^The weights your answers suggest were not used: the clusters they give agree with \d of your 6 yes\/no answers, the clusters now with \d$/,
    // the first questions put a lone link to the person ("similar roles (student)")
    /^(Both at .+|The title word “.+”) alone no longer makes a tie: you said \d+ of \d+ such pairs don't know each other \(\d+ more ties taken out\)$/,
  ];
  // (the sentences of the sixth answer's refit, once the worker has inferred the ties again)
  await page.waitForFunction((sources) => {
    const lines = [...document.querySelectorAll('.check-ties .changes li')].map((l) => l.innerText);
    return lines.length > 0 && lines.every((t) => sources.some((s) => new RegExp(s).test(t)));
  }, said.map((r) => r.source), { timeout: 30000 });
  const changes = await panel(page).locator('.changes li').allInnerTexts();
  assert.ok(changes.length > 0 && changes.every((c) => said.some((r) => r.test(c))), changes.join(' | '));
  const afterNote = await tiesNote(page);
  assert.notEqual(afterNote, before, 'the ties were inferred again');
  // the signal panel shows how each signal fared on the answers
  await page.locator('.signal-precision').first().waitFor();
  await page.screenshot({ path: `${SHOTS}/checking.png` });

  // undo takes the last answer back, and the ties with it; redo puts it back
  await page.keyboard.press('Control+z');
  await answered(page, 6);
  await page.waitForFunction((n) => document.querySelector('.ties-note')?.innerText !== n, afterNote, { timeout: 30000 });
  await page.keyboard.press('Control+Shift+z');
  await answered(page, 7);
  await page.locator('.ties-note', { hasText: afterNote }).waitFor({ timeout: 30000 });

  // a reload brings the answers and the changed map back
  await page.waitForTimeout(1500);
  await page.reload();
  await waitForMap(page, /Read [\d,]+ people from Connections\.csv/);
  await page.locator('.ties-note', { hasText: afterNote }).waitFor({ timeout: 30000 });
  await openChecking(page);
  await answered(page, 7);

  await panel(page).locator('.changes li', { hasText: changes[0] }).waitFor({ timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an employer that alone links many departments is put to the person; two "no"s take every tie it alone makes', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'Connections.csv', data: fixture('hard/dominant-employer-Connections.csv') }]);
  await waitForMap(page, /Read [\d,]+ people from Connections\.csv/);
  const rows = () => page.getByRole('region', { name: 'Clusters' }).locator('.legend-list > .legend-row').count();
  const before = await rows();
  const tiesBefore = await tiesNote(page);
  await openChecking(page);
  // the question says what it checks: whether the ministry alone makes a tie
  await panel(page).locator('.evidence', { hasText: /^Why the map thinks so: both at Ministry of Digital Economy\.$/ }).waitFor();
  await panel(page).locator('.link-note', { hasText: 'Many pairs are linked only by both at Ministry of Digital Economy' }).waitFor();
  await page.keyboard.press('n');
  await answered(page, 1);
  // the next question checks the same link on another pair
  await panel(page).locator('.evidence', { hasText: /^Why the map thinks so: both at Ministry of Digital Economy\.$/ }).waitFor({ timeout: 30000 });
  await page.keyboard.press('n');
  await answered(page, 2);
  const said = panel(page).locator('.changes li', { hasText: /^Both at Ministry of Digital Economy alone no longer makes a tie: you said 2 of 2 such pairs don't know each other \(\d+ more ties taken out\)$/ });
  await said.waitFor({ timeout: 30000 });
  const taken = Number((await said.innerText()).match(/\((\d+) more ties/)[1]);
  assert.ok(taken > 100, `${taken} ties taken out`);
  assert.notEqual(await tiesNote(page), tiesBefore, 'the ties were inferred again');
  await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Clusters"] .legend-list > .legend-row').length > n, before, { timeout: 30000 });
  await page.screenshot({ path: `${SHOTS}/checking-link.png` });
  // undoing what the map learned brings the link back; learning again takes it out again
  await panel(page).getByRole('button', { name: 'Undo what the map learned' }).click();
  await said.waitFor({ state: 'detached', timeout: 30000 });
  await panel(page).getByRole('button', { name: 'Learn from my answers again' }).click();
  await said.waitFor({ timeout: 30000 });
  // a reload brings the answers, and what they did, back
  await page.waitForTimeout(1500);
  await page.reload();
  await waitForMap(page, /Read [\d,]+ people from Connections\.csv/);
  await openChecking(page);
  await answered(page, 2);
  await said.waitFor({ timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('in a friends list, a "no" across a gap in time cuts the cluster between the dates', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  await dropFiles(page, [{ name: 'friends.json', data: fixture('hard/facebook-like-friends.json') }]);
  await waitForMap(page, /Read \d+ people from friends\.json/);
  const rows = () => page.getByRole('region', { name: 'Clusters' }).locator('.legend-list > .legend-row').count();
  const legend = (n) => page.waitForFunction((k) => document.querySelectorAll('[aria-label="Clusters"] .legend-list > .legend-row').length === k, n, { timeout: 30000 });
  const before = await rows();
  await openChecking(page);
  // dates are all a friends list has: the question is about a cluster they alone hold together
  await panel(page).locator('.evidence')
    .filter({ hasText: /^Why the map thinks so: nothing in your export links them; the map put them in one cluster by when you connected with them \(\w+ \d{4} and \w+ \d{4}\)\.$/ })
    .waitFor();
  await panel(page).locator('.cut-note').waitFor();
  await page.keyboard.press('n');
  await answered(page, 1);
  await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Clusters"] .legend-list > .legend-row').length > n, before, { timeout: 30000 });
  const cut = await rows();
  // taken back, the cluster is whole again; put back, cut again the same way
  await page.keyboard.press('Control+z');
  await answered(page, 0);
  await legend(before);
  await page.keyboard.press('Control+Shift+z');
  await answered(page, 1);
  await legend(cut);
  // a reload brings the answer and the cut back
  await page.waitForTimeout(1500);
  await page.reload();
  await waitForMap(page, /Read \d+ people from friends\.json/);
  await legend(cut);
  await openChecking(page);
  await answered(page, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a person\'s panel rejects a listed tie and adds one; the project file carries the answers', async () => {
  const a = await openSite(browser, site);
  await openExport(a.page);
  // select someone through the search box
  await a.page.getByRole('combobox', { name: 'Search people' }).fill('a');
  await a.page.getByRole('combobox', { name: 'Search people' }).press('Enter');
  const person = a.page.locator('section.panel.person');
  await person.locator('ul.ties li').first().waitFor({ timeout: 30000 });
  const tiesBefore = await person.locator('ul.ties li').count();
  const reject = person.locator('ul.ties li .reject-tie').first();
  const label = await reject.getAttribute('aria-label');
  assert.match(label, /^.+ and .+ don't know each other$/);
  const other = label.replace(/^.+ and (.+) don't know each other$/, '$1');
  await reject.click();
  await a.page.waitForFunction((n) => document.querySelectorAll('section.panel.person ul.ties li').length === n - 1, tiesBefore, { timeout: 30000 });
  assert.equal(await person.locator('ul.ties li .link', { hasText: other }).count(), 0, 'the rejected tie is gone');
  // add a tie to someone not listed
  const listed = await person.locator('ul.ties li .link').allInnerTexts();
  const names = await a.page.evaluate(() => [...document.querySelectorAll('section.panel.person datalist option')].map((o) => o.value));
  const stranger = names.find((n) => !listed.includes(n) && n !== other);
  await person.locator('.know-each-other input').fill(stranger);
  const add = person.locator('.know-each-other button');
  assert.ok((await add.innerText()).endsWith(` and ${stranger} know each other`));
  await add.click();
  await person.locator('ul.ties li', { hasText: 'you said they know each other' }).filter({ hasText: stranger }).waitFor({ timeout: 30000 });

  await a.page.waitForTimeout(1500);
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: 'Save project file' }).click(),
  ]);
  const path = `${SHOTS}/checked.tiemap`;
  await download.saveAs(path);
  const project = JSON.parse(readFileSync(path, 'utf8'));
  const answers = project.state.edits.ties.answers;
  assert.equal(answers.length, 2);
  assert.deepEqual(answers.map((x) => x.answer).sort(), ['DontKnow', 'Know']);
  const note = await tiesNote(a.page);
  await a.context.close();

  // a fresh profile opens the project with the same ties
  const b = await openSite(browser, site);
  await waitForMap(b.page, /Sample network/);
  await b.page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(path);
  await waitForMap(b.page, /Read [\d,]+ people from Connections\.csv/);
  await b.page.locator('.ties-note', { hasText: note }).waitFor({ timeout: 30000 });
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await b.context.close();
});
