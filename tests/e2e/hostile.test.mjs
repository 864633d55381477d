// Hostile and broken files dropped on the page: each gets one sentence, and the map on screen
// stays as it was. Names that hold HTML are shown as text everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync, crc32 } from 'node:zlib';
import { serve, launch, openSite, waitForMap, dropFiles, inkedPixels, connectionsCsv, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

/** A ZIP archive (deflated entries) built here, so hostile archives need no fixture files. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8); local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const sentences = (text) => text.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length;

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
const CASES = [
  { name: 'laughs.gexf', data: `<?xml version="1.0"?><!DOCTYPE gexf [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><gexf><graph><nodes><node id="1" label="&c;"/></nodes></graph></gexf>` },
  { name: 'external.graphml', data: `<?xml version="1.0"?><!DOCTYPE graphml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><graphml><graph><node id="&xxe;"/></graph></graphml>` },
  { name: 'bomb.zip', data: zip([{ name: 'Connections.csv', data: Buffer.concat([Buffer.from(HEADER), Buffer.alloc(60 * 1024 * 1024, 'a')]) }]), expect: /200 times/ },
  { name: 'escape.zip', data: zip([{ name: '../../etc/Connections.csv', data: Buffer.from(connectionsCsv(3)) }]) },
  { name: 'photo.csv', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), expect: /PNG/ },
  { name: 'empty.csv', data: '', expect: /empty/ },
  { name: 'header-only.csv', data: HEADER, expect: /no (rows|people|connections)|only a header|holds no/ },
  { name: 'wide.csv', data: `${HEADER}${'x,'.repeat(1_000_000)}x\n`, expect: /fields/ },
  { name: 'deep.json', data: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { name: 'unclosed.gml', data: 'graph [ node [ id 1 label "a" ] node [ id 2 edge [ source 1 target 2 ' },
];

test('every hostile or broken file gets one sentence and the map stays', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 30000 });
  const before = await inkedPixels(page);
  const alert = page.getByRole('alert');
  for (const c of CASES) {
    await dropFiles(page, [{ name: c.name, data: Buffer.from(c.data) }]);
    await alert.waitFor({ timeout: 30000 });
    const text = (await alert.locator('.error-text').innerText()).trim();
    assert.equal(sentences(text), 1, `${c.name}: more than one sentence: ${text}`);
    assert.ok(text.includes(c.name.replace(/\.[a-z]+$/, '')) || text.includes(c.name), `${c.name}: the sentence does not name the file: ${text}`);
    if (c.expect) assert.match(text, c.expect, c.name);
    await page.getByRole('status').filter({ hasText: 'Sample network: 500 people' }).waitFor();
    assert.equal(await inkedPixels(page), before, `${c.name}: the map changed`);
    await page.getByRole('button', { name: 'Dismiss error' }).click();
    await alert.waitFor({ state: 'detached' });
  }
  // A 300 MB file is refused before it is read (built in the page: too big to send over).
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(300 * 1024 * 1024)], 'huge.csv', { type: 'text/csv' }));
    const main = document.querySelector('main');
    main.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await alert.waitFor();
  const huge = (await alert.locator('.error-text').innerText()).trim();
  assert.match(huge, /huge\.csv/);
  assert.match(huge, /256 MB/);
  assert.equal(sentences(huge), 1, huge);
  assert.equal(await inkedPixels(page), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a UTF-16 Connections.csv (no byte-order mark) is read', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const text = connectionsCsv(7);
  const utf16 = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) utf16.writeUInt16LE(text.charCodeAt(i), 2 * i);
  await dropFiles(page, [{ name: 'Connections.csv', data: utf16 }]);
  await waitForMap(page, /Read 7 people from Connections\.csv/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('names that hold HTML are plain text in the legend, the panels and the search', async () => {
  const { page, errors, context } = await openSite(browser, site);
  await waitForMap(page, /Sample network/);
  const evil = '<img src=x onerror=alert(1)>';
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  const rows = [
    'Notes:', '', HEADER.trim(),
    `"${evil}",Smith,https://www.linkedin.com/in/evil,,"<b>Globex</b>",Engineer,17 Jul 2022`,
    'Ana,Lopez,https://www.linkedin.com/in/ana,,"<b>Globex</b>",Engineer,18 Jul 2022',
    'Bo,Chen,https://www.linkedin.com/in/bo,,"<b>Globex</b>",Designer,19 Jul 2022',
  ];
  await dropFiles(page, [{ name: 'Connections.csv', data: Buffer.from(rows.join('\n') + '\n') }]);
  await waitForMap(page, /Read 3 people/);
  const search = page.getByRole('combobox', { name: 'Search people' });
  await search.fill('img');
  await page.getByRole('listbox').getByRole('option').first().waitFor();
  assert.match(await page.getByRole('listbox').innerText(), /<img src=x onerror=alert\(1\)>/);
  await search.press('ArrowDown');
  await search.press('Enter');
  const panel = page.locator('section.person');
  await panel.getByRole('heading', { name: `${evil} Smith` }).waitFor();
  await panel.getByText('<b>Globex</b>', { exact: true }).waitFor();
  assert.equal(await page.locator('main img, aside img').count(), 0, 'an <img> element was created from a name');
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0, 'a script from a name ran');
  await page.screenshot({ path: `${SHOTS}/html-names.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
