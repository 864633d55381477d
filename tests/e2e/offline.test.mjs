// Installable and usable offline: the web app manifest and its icons, a service worker that
// keeps the built site on the first visit so that everything works with the network cut
// (import, map, saving, a shared picture), from a sub-path too, and a new version deployed
// while the page is open: the person is told, updates when they choose, and keeps their map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, cpSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, openSite, waitForMap, dropFiles, siteKept, workerReady, DIST, SHOTS } from './harness.mjs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const legendOf = (page) => page.getByRole('region', { name: 'Clusters' });

/** Width and height from a PNG's IHDR chunk (after checking its signature). */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('installable: a manifest with the mark as icons, and the window coloured in both themes', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const href = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.href);
  assert.ok(href, 'a manifest link');
  const manifest = await page.evaluate((u) => fetch(u).then((r) => r.json()), href);
  assert.equal(manifest.short_name, 'tiemap');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './', 'relative, so a sub-path works');
  const sizes = {};
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const b64 = await page.evaluate((u) => fetch(u).then((r) => r.arrayBuffer()).then((b) => btoa(String.fromCharCode(...new Uint8Array(b)))), new URL(icon.src, href).href);
    const [w, h] = pngSize(Buffer.from(b64, 'base64'));
    assert.equal(`${w}x${h}`, icon.sizes, icon.src);
    sizes[icon.purpose] = (sizes[icon.purpose] || 0) + 1;
  }
  assert.ok(sizes.any >= 2 && sizes.maskable >= 1, JSON.stringify(sizes));
  // The window's colour follows the page's light/dark switch.
  const themeColour = () => page.evaluate(() => [...document.querySelectorAll('meta[name="theme-color"]')].map((m) => m.content));
  assert.deepEqual(await themeColour(), ['#ffffff', '#ffffff']);
  await page.getByRole('button', { name: 'Dark', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('meta[name="theme-color"]').content === '#1a1e24');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const prefix of ['/', '/people/tiemap/']) {
  test(`after one visit${prefix === '/' ? '' : ' (from a sub-path)'}, the site works with the network cut: drop an export, get a map, save it, share a PNG`, async () => {
    const here = prefix === '/' ? site : await serve(undefined, { prefix });
    try {
      const { page, errors, context } = await openSite(browser, here);
      await waitForMap(page, /Sample network: 500 people/);
      await siteKept(page);
      // The map's worker, fetched after the first picture, is part of the visit.
      await workerReady(page);
      await context.setOffline(true);
      const failed = [];
      context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      await page.reload();
      await waitForMap(page, /Sample network: 500 people/);
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page comes from the service worker');
      assert.equal(await page.evaluate(() => navigator.onLine), false, 'the network is cut');
      // Import and map (the worker's scripts and wasm come from the kept copy too).
      await dropFiles(page, [{ name: 'Basic_LinkedInDataExport.zip', data: fixture('linkedin-export.zip') }]);
      await waitForMap(page, /Read 60 people/);
      await page.getByText('Layout settled').waitFor({ timeout: 30000 });
      // Saved in the browser, and as a project file.
      await page.getByRole('region', { name: 'Saved maps' }).locator('.save-status').filter({ hasText: /Saved in this browser/ }).waitFor({ timeout: 15000 });
      const [project] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save project file' }).click()]);
      const projectPath = `${SHOTS}/offline-${prefix.length}.tiemap`;
      await project.saveAs(projectPath);
      assert.ok(readFileSync(projectPath).length > 1000, 'a project file with the map in it');
      // A shared picture.
      await page.getByRole('button', { name: 'Share picture' }).click();
      const dialog = page.getByRole('dialog', { name: 'Share a picture of your map' });
      const [png] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download PNG' }).click()]);
      const pngPath = `${SHOTS}/offline-share-${prefix.length}.png`;
      await png.saveAs(pngPath);
      const [w, h] = pngSize(readFileSync(pngPath));
      assert.ok(w >= 600 && h >= 300, `${w} x ${h}`);
      assert.deepEqual(failed, [], 'requests that failed offline');
      assert.deepEqual(errors, []);
      await context.close();
    } finally {
      if (here !== site) here.close();
    }
  });
}

test('a new version deployed while the page is open: the person is told, updates when they choose, and keeps their map', async () => {
  // A copy of the site we can "deploy" over.
  const dir = mkdtempSync(join(tmpdir(), 'tiemap-deploy-'));
  cpSync(DIST, dir, { recursive: true });
  const deployed = await serve(dir);
  try {
    const { page, errors, context } = await openSite(browser, deployed);
    await waitForMap(page, /Sample network: 500 people/);
    await siteKept(page);
    await page.reload(); // now the page is the service worker's
    await waitForMap(page, /Sample network: 500 people/);
    await dropFiles(page, [{ name: 'Basic_LinkedInDataExport.zip', data: fixture('linkedin-export.zip') }]);
    await waitForMap(page, /Read 60 people/);
    const first = (await legendOf(page).locator('.legend-name').allInnerTexts())[0];
    await legendOf(page).getByRole('button', { name: `Rename ${first}`, exact: true }).click();
    await legendOf(page).getByRole('textbox', { name: 'Cluster name' }).fill('Kept through the update');
    await legendOf(page).getByRole('textbox', { name: 'Cluster name' }).press('Enter');
    await page.getByRole('region', { name: 'Saved maps' }).locator('.save-status').filter({ hasText: /Saved in this browser/ }).waitFor({ timeout: 15000 });
    // Deploy a new version: another page and another service worker version.
    const index = readFileSync(join(dir, 'index.html'), 'utf8').replace('<head>', '<head>\n    <meta name="tiemap-deployed" content="next" />');
    writeFileSync(join(dir, 'index.html'), index);
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8').replace(/const VERSION = '([0-9a-f]+)';/, "const VERSION = '$1-next';");
    assert.match(sw, /-next'/);
    writeFileSync(join(dir, 'sw.js'), sw);
    // The browser's update check (it runs on each visit; here without leaving the page).
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const notice = page.getByRole('status').filter({ hasText: 'A new version of tiemap is ready' });
    await notice.waitFor({ timeout: 15000 });
    await page.screenshot({ path: `${SHOTS}/offline-update-notice.png` });
    // Nothing changed under the person's feet until they choose.
    await legendOf(page).locator('.legend-name', { hasText: 'Kept through the update' }).waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('meta[name="tiemap-deployed"]')), null);
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Update now' }).click()]);
    await waitForMap(page, /Read 60 people/);
    assert.equal(await page.evaluate(() => document.querySelector('meta[name="tiemap-deployed"]')?.content), 'next', 'the new version runs');
    await legendOf(page).locator('.legend-name', { hasText: 'Kept through the update' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    deployed.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
