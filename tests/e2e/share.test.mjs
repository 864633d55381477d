// Sharing the map as a picture: the dialog, PNG downloads of the chosen size that are not
// blank, SVGs with names hidden (the default), as initials or in full, and the copy button
// where the browser can copy images.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, openSite, waitForMap, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const dialogOf = (page) => page.getByRole('dialog', { name: 'Share a picture of your map' });

async function openDialog(page) {
  await page.getByRole('button', { name: 'Share picture' }).click();
  const dialog = dialogOf(page);
  await dialog.waitFor();
  return dialog;
}

/** Clicks `button` in the dialog and returns the download's name, path and bytes. */
async function download(page, button, as) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    dialogOf(page).getByRole('button', { name: button }).click(),
  ]);
  const path = `${SHOTS}/share-${as}-${dl.suggestedFilename()}`;
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), path, bytes: readFileSync(path) };
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Decodes the PNG in the page; counts pixels that differ from the top-left one, and opaque ones. */
async function inkOf(page, bytes) {
  return page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bitmap.width; c.height = bitmap.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r0, g0, b0, a0] = [px[0], px[1], px[2], px[3]];
    let inked = 0; let opaque = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - r0) + Math.abs(px[i + 1] - g0) + Math.abs(px[i + 2] - b0) + Math.abs(px[i + 3] - a0) > 30) inked++;
      if (px[i + 3] > 0) opaque++;
    }
    return { width: bitmap.width, height: bitmap.height, inked, opaque, corner: [r0, g0, b0, a0], total: px.length / 4 };
  }, bytes.toString('base64'));
}

/**
 * Share of pixels near each colour (RGB distance < 40), in a PNG (bytes) or, with null, in the
 * live map (its canvases composited).
 */
async function colourShares(page, bytes, colours) {
  return page.evaluate(async ({ b64, colours }) => {
    let source;
    if (b64) {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      source = [await createImageBitmap(new Blob([data], { type: 'image/png' }))];
    } else {
      source = [...document.querySelectorAll('canvas.map-base, canvas.map-labels')];
    }
    const c = document.createElement('canvas');
    c.width = source[0].width; c.height = source[0].height;
    const ctx = c.getContext('2d');
    for (const s of source) ctx.drawImage(s, 0, 0, c.width, c.height);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const rgb = colours.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const counts = rgb.map(() => 0);
    for (let i = 0; i < px.length; i += 4) {
      rgb.forEach(([r, g, b], k) => {
        if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 40) counts[k]++;
      });
    }
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((n) => n / total);
  }, { b64: bytes ? bytes.toString('base64') : null, colours });
}

/** The texts of an SVG's `<text class="...">` elements, unescaped. */
function texts(svg, cls) {
  const un = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => un(m[1]));
}

test('the dialog opens with focus inside and names hidden; a 2x PNG has the size chosen and is not blank', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const dialog = await openDialog(page);
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('[role=dialog]')), true, 'focus is in the dialog');
  assert.equal(await dialog.getByLabel('Names', { exact: true }).inputValue(), 'hidden', 'names start hidden');
  // The picture is titled for the person, not after the file.
  assert.equal(await dialog.getByLabel('Title', { exact: true }).inputValue(), 'My network');
  await dialog.getByLabel('Scale', { exact: true }).selectOption('2');

  const screen = await page.evaluate(() => {
    const c = document.querySelector('canvas.map-labels');
    return [c.clientWidth, c.clientHeight];
  });
  const shown = await dialog.locator('.share-size').evaluate((p) => [Number(p.dataset.width), Number(p.dataset.height)]);
  assert.deepEqual(shown, [screen[0] * 2, screen[1] * 2], 'as on screen, twice the pixels');

  const png = await download(page, 'Download PNG', '2x');
  assert.equal(png.name, 'My network.png');
  assert.deepEqual(pngSize(png.bytes), shown, 'the IHDR size is the size chosen');
  const ink = await inkOf(page, png.bytes);
  assert.deepEqual([ink.width, ink.height], shown);
  assert.ok(ink.inked > ink.total * 0.01, `the picture is not blank: ${ink.inked} of ${ink.total} pixels inked`);
  assert.equal(ink.opaque, ink.total, 'a light background is opaque');
  // What you get is what you see: the big clusters' colours take the same shares of the
  // picture as of the map on screen.
  const legend = await page.locator('.legend-row').evaluateAll((rows) => rows.map((r) => ({
    color: r.querySelector('.swatch-input').value, size: Number(r.querySelector('.legend-size').textContent),
  })));
  const big = legend.filter((c) => c.size >= 40).map((c) => c.color);
  const onScreen = await colourShares(page, null, big);
  const inPicture = await colourShares(page, png.bytes, big);
  big.forEach((colour, k) => {
    assert.ok(inPicture[k] > 0.5 * onScreen[k] && inPicture[k] < 2 * onScreen[k],
      `${colour}: ${(inPicture[k] * 100).toFixed(1)} % of the picture's cluster pixels vs ${(onScreen[k] * 100).toFixed(1)} % on screen`);
  });
  await dialog.getByText(/Downloaded My network\.png/).waitFor();

  // A transparent picture keeps the map and lets the page show through elsewhere.
  await dialog.getByLabel('Background', { exact: true }).selectOption({ label: 'Transparent' });
  await dialog.getByLabel('Scale', { exact: true }).selectOption('1');
  const clear = await inkOf(page, (await download(page, 'Download PNG', 'transparent')).bytes);
  assert.deepEqual(clear.corner.slice(3), [0], 'the corner is transparent');
  assert.ok(clear.opaque > clear.total * 0.01 && clear.opaque < clear.total * 0.9, `${clear.opaque} of ${clear.total} opaque`);

  // Escape closes the dialog and gives focus back to the button.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Share picture');
  assert.deepEqual(errors, []);
  await context.close();
});

test('1200 x 627 at 1x is exactly 1200 x 627; SVGs show no names, initials, or names as asked', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const clusters = await page.getByRole('region', { name: 'Clusters' }).locator('.legend-name').allInnerTexts();
  assert.ok(clusters.length >= 3);
  const dialog = await openDialog(page);
  await dialog.getByLabel('Shape', { exact: true }).selectOption({ label: '1200 × 627 (link preview)' });
  await dialog.getByLabel('Scale', { exact: true }).selectOption('1');
  await dialog.getByLabel('View', { exact: true }).selectOption('whole');
  const preview = await download(page, 'Download PNG', 'preview');
  assert.deepEqual(pngSize(preview.bytes), [1200, 627]);
  assert.ok((await inkOf(page, preview.bytes)).inked > 1200 * 627 * 0.01);

  // Names as the person asks: all first, to learn which names the picture would show.
  await dialog.getByLabel('Names', { exact: true }).selectOption('all');
  // With names shown, a default title becomes the owner's (from Profile.csv).
  const titled = await dialog.getByLabel('Title', { exact: true }).inputValue();
  assert.match(titled, /^\S+ \S+'s network$/);
  const all = await download(page, 'Download SVG', 'all');
  // The file is named after the title (an apostrophe becomes "_" in file names).
  assert.equal(all.name, `${titled.replace(/'/g, '_')}.svg`);
  const allSvg = all.bytes.toString('utf8');
  assert.match(allSvg, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1200" height="627"/);
  const people = texts(allSvg, 'person');
  assert.ok(people.length >= 5, `people are named: ${people}`);
  // (a full name, not initials: the sample's names have two or more words, "Carla 🐱 Park")
  for (const name of people) assert.match(name, /^\S+( \S+)+$/u, `a full name: ${name}`);
  for (const name of clusters.slice(0, 3)) assert.ok(texts(allSvg, 'legend-name').includes(name), `legend has ${name}`);

  await dialog.getByLabel('Names', { exact: true }).selectOption('initials');
  const initialsSvg = (await download(page, 'Download SVG', 'initials')).bytes.toString('utf8');
  const initials = texts(initialsSvg, 'person');
  assert.ok(initials.length >= 5);
  for (const t of initials) assert.match(t, /^(\p{Lu}\.[ -]?)+$|^Person \d+$/u, `initials only: ${t}`);
  for (const name of people) assert.ok(!initialsSvg.includes(name), `${name} is not in the initials picture`);

  await dialog.getByLabel('Names', { exact: true }).selectOption('hidden');
  const hiddenSvg = (await download(page, 'Download SVG', 'hidden')).bytes.toString('utf8');
  assert.deepEqual(texts(hiddenSvg, 'person'), []);
  assert.ok(!hiddenSvg.includes('Theo Weber'), 'a person of the sample');
  for (const name of people) assert.ok(!hiddenSvg.includes(name), `${name} is not in the picture`);
  const clusterLabels = texts(hiddenSvg, 'cluster');
  assert.ok(clusterLabels.length >= 2, `cluster names stay on the map: ${clusterLabels}`);
  for (const c of clusterLabels) assert.ok(clusters.includes(c), `${c} is a cluster name`);
  assert.ok(texts(hiddenSvg, 'legend-name').includes(clusters[0]));
  assert.deepEqual(texts(hiddenSvg, 'title'), ['My network']);
  assert.deepEqual(texts(hiddenSvg, 'mark'), ['made with tiemap']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('names with markup stay text in the SVG; Copy is offered exactly where the browser can copy images', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const legend = page.getByRole('region', { name: 'Clusters' });
  const [first] = await legend.locator('.legend-name').allInnerTexts();
  await legend.getByRole('button', { name: `Rename ${first}`, exact: true }).click();
  const box = legend.getByRole('textbox', { name: 'Cluster name' });
  await box.fill('<img src=x onerror=alert(1)>');
  await box.press('Enter');
  await legend.locator('.legend-name', { hasText: '<img' }).waitFor();

  const dialog = await openDialog(page);
  await dialog.getByLabel('Title', { exact: true }).fill('My <b>map</b>');
  const svg = await download(page, 'Download SVG', 'markup');
  assert.equal(svg.name, 'My _b_map__b_.svg');
  const text = svg.bytes.toString('utf8');
  assert.ok(!text.includes('<img'), 'no element made of a name');
  assert.ok(!text.includes('<b>'));
  assert.ok(text.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.deepEqual(texts(text, 'title'), ['My <b>map</b>']);
  // The SVG parses as XML.
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: !!doc.querySelector('parsererror'), imgs: doc.querySelectorAll('img').length };
  }, text);
  assert.deepEqual(parsed, { error: false, imgs: 0 });

  const canCopy = await page.evaluate(() => typeof ClipboardItem === 'function' && typeof navigator.clipboard?.write === 'function');
  assert.equal(await dialog.getByRole('button', { name: 'Copy image' }).count(), canCopy ? 1 : 0);
  const canShare = await page.evaluate(() => typeof navigator.canShare === 'function'
    && navigator.canShare({ files: [new File([], 'x.png', { type: 'image/png' })] }));
  assert.equal(await dialog.getByRole('button', { name: 'Share', exact: true }).count(), canShare ? 1 : 0);
  if (canCopy) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await dialog.getByRole('button', { name: 'Copy image' }).click();
    await dialog.getByText(/Copied a \d+ × \d+ picture/).waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item.types;
    });
    assert.ok(copied.includes('image/png'), `${copied}`);
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('figures from the insights go into the picture on request, the same numbers as the insights panel', async () => {
  const { page, errors, context } = await openSite(browser, site, { viewport: { width: 1400, height: 1000 } });
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  // The panel's figures, to compare with.
  await page.getByRole('button', { name: 'Insights' }).click();
  const panel = page.getByRole('dialog', { name: 'What the map says' });
  const diversity = panel.getByRole('region', { name: 'Diversity' });
  await diversity.waitFor({ timeout: 30000 });
  const figure = async (label) => diversity.locator('.figure', { has: page.getByText(label, { exact: true }) }).locator('.figure-value').innerText();
  const effective = await figure('Effective number of clusters');
  const blau = await figure('Function diversity (Blau)');
  await panel.getByRole('button', { name: 'Close insights' }).click();

  const dialog = await openDialog(page);
  await dialog.getByLabel('Shape', { exact: true }).selectOption({ label: 'Square' });
  await dialog.getByLabel('Scale', { exact: true }).selectOption('1');
  const plain = (await download(page, 'Download SVG', 'plain')).bytes.toString('utf8');
  assert.deepEqual(texts(plain, 'insights-heading'), [], 'no figures unless asked');
  await dialog.getByText('Figures from the insights').click();
  const svg = (await download(page, 'Download SVG', 'figures')).bytes.toString('utf8');
  assert.deepEqual(texts(svg, 'insights-heading'), ['What the map says']);
  const values = texts(svg, 'insight-value');
  const labels = texts(svg, 'insight-label');
  assert.ok(values.length >= 4 && values.length === labels.length, `${values} / ${labels}`);
  assert.equal(values[0], effective);
  assert.ok(values.includes(blau), `function diversity ${blau} in ${values}`);
  assert.ok(labels.some((l) => /^effective clusters/.test(l)));
  // Names stay hidden: the figures name nobody.
  assert.deepEqual(texts(svg, 'person'), []);
  const png = await download(page, 'Download PNG', 'figures');
  assert.deepEqual(pngSize(png.bytes), [1080, 1080]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the figures can be asked for before the insights were ever opened', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  const dialog = await openDialog(page);
  await dialog.getByText('Figures from the insights').click();
  // Measured on request; the download waits for nothing but the person's click.
  let svg = '';
  for (let i = 0; i < 20 && !svg.includes('insights-heading'); i++) {
    await page.waitForTimeout(500);
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 3000 }).catch(() => null),
      dialog.getByRole('button', { name: 'Download SVG' }).click(),
    ]);
    if (dl) svg = readFileSync(await dl.path()).toString('utf8');
  }
  assert.ok(texts(svg, 'insight-value').length >= 4, 'the figures arrived');
  assert.deepEqual(errors, []);
  await context.close();
});
