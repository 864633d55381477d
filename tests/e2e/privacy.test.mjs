// Private by construction: a Content Security Policy without inline script, no request after
// the page has loaded whatever the person does, and the site works from a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openSite, waitForMap, dropFiles, siteKept, workerReady, SHOTS } from './harness.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

test('the Content Security Policy forbids inline script and foreign connections', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? '');
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
  assert.match(directive('connect-src'), /^connect-src 'self'$/);
  assert.match(directive('script-src'), /^script-src 'self'/);
  assert.doesNotMatch(directive('script-src'), /'unsafe-inline'|'unsafe-eval'|\*/);
  assert.match(directive('img-src'), /^img-src 'self' data: blob:$/);
  // The page has no inline script, and one injected now does not run.
  assert.equal(await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length), 0);
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.head.append(s);
    return window.__inlineRan === true;
  });
  assert.equal(ran, false, 'an inline script ran');
  // The refusal is the only error the page logged.
  assert.ok(errors.every((e) => /Content Security Policy/.test(e)), errors.join('\n'));
  await context.close();
});

test('after the page has loaded, no flow makes a network request', async () => {
  const { page, requests, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText(/Layout (settled|running)/).waitFor();
  // Loading includes the offline copy: the service worker fetches the site's own files once.
  assert.match(await siteKept(page), /^activat(ing|ed)$/);
  // Loading includes the map's worker, fetched once the first picture is drawn.
  await workerReady(page);
  const loaded = requests.length;
  assert.ok(requests.every((u) => u.startsWith(site.url) || u.startsWith('data:') || u.startsWith('blob:')), requests.join('\n'));
  // Import, layout, labeling, exports, saving, a project file.
  await dropFiles(page, [{ name: 'Basic_LinkedInDataExport.zip', data: fixture('linkedin-export.zip') }]);
  await waitForMap(page, /Read 60 people/);
  const legend = page.getByRole('region', { name: 'Clusters' });
  const first = (await legend.locator('.legend-name').allInnerTexts())[0];
  await legend.getByRole('button', { name: `Rename ${first}`, exact: true }).click();
  await legend.getByRole('textbox', { name: 'Cluster name' }).fill('Private name');
  await legend.getByRole('textbox', { name: 'Cluster name' }).press('Enter');
  await page.getByRole('region', { name: 'Layout' }).getByRole('button', { name: 'Restart layout' }).click();
  const slider = page.getByRole('slider', { name: /Cluster resolution/ });
  await slider.fill('1.5');
  await slider.dispatchEvent('change');
  for (const label of ['GEXF (Gephi)', 'CSV of people']) {
    await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Export' }).getByRole('button', { name: label }).click()]);
  }
  await page.getByRole('region', { name: 'Saved maps' }).locator('.save-status').filter({ hasText: /Saved in this browser/ }).waitFor({ timeout: 15000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project file' }).click()]);
  const path = `${SHOTS}/privacy.tiemap`;
  await download.saveAs(path);
  await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(path);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const share = page.getByRole('button', { name: 'Share picture' });
  if (await share.count()) {
    await share.click();
    await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  }
  await page.waitForTimeout(500);
  const after = requests.slice(loaded).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(after, [], 'requests after the page had loaded');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the built site works from a sub-path of a static server', async () => {
  const sub = await serve(undefined, { prefix: '/people/tiemap/' });
  try {
    const { page, requests, errors, context } = await openSite(browser, sub);
    await waitForMap(page, /Sample network: 500 people/);
    await page.getByText(/Layout (settled|running)/).waitFor();
    assert.ok(requests.every((u) => !u.startsWith(sub.origin + '/') || u.startsWith(sub.url)), requests.join('\n'));
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    sub.close();
  }
});
