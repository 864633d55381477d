// Renders tiemap's PNG icons (the web app manifest's) from its mark, static/icons/icon.svg, in
// headless Chromium (Debian's, through playwright-core). Run it after changing the mark:
//   node tools/make-icons.mjs
// and commit the PNGs it writes beside the SVG:
// - icon-192.png, icon-512.png: the mark as it is (rounded square, transparent corners);
// - icon-maskable-512.png: full-bleed background with the mark's drawing inside the central
//   80 % circle, which is all a launcher's mask is sure to keep.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, 'package.json'));
const { chromium } = require('playwright-core');
const icons = join(here, '..', 'static', 'icons');
const svg = readFileSync(join(icons, 'icon.svg'), 'utf8');
const drawing = svg.match(/<g id="mark">[\s\S]*<\/g>\s*(?=<\/svg>)/)?.[0];
if (!drawing) throw new Error('static/icons/icon.svg has no <g id="mark"> drawing');
const background = svg.match(/<rect [^>]*fill="(#[0-9a-f]{6})"/i)?.[1] ?? '#111418';
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
<rect width="512" height="512" fill="${background}"/>
<g transform="translate(256 256) scale(0.78) translate(-256 -256)">${drawing}</g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
for (const [name, source, size] of [
  ['icon-192.png', svg, 192], ['icon-512.png', svg, 512], ['icon-maskable-512.png', maskable, 512],
]) {
  await page.setViewportSize({ width: size, height: size });
  const sized = source.replace(/width="512" height="512"/, `width="${size}" height="${size}"`);
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
  writeFileSync(join(icons, name), await page.screenshot({ omitBackground: true }));
  console.log(`static/icons/${name}: ${size} x ${size}`);
}
await browser.close();
