// The worker is built twice: with wasm simd128 and without. The loader picks the simd build
// where the browser validates a simd module and the plain build elsewhere; both draw the same
// settled map, pixel for pixel (the simd lanes compute the scalar loops' bits).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSite, waitForMap, SHOTS } from './harness.mjs';

let site;
let browser;
before(async () => { site = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); site?.close(); });

const wasmLoaded = (requests) => requests.map((u) => new URL(u).pathname.split('/').pop()).filter((f) => f.endsWith('.wasm'));

async function settledMap({ simd }) {
  // Without simd: a browser whose simd128 probe says no (the loader's validate call).
  const setup = simd ? null : (context) => context.route('**/worker_loader.js', async (route) => {
    const res = await route.fetch();
    const text = await res.text();
    assert.ok(text.includes('WebAssembly.validate('), 'the loader probes for simd128');
    await route.fulfill({ response: res, body: text.replace('WebAssembly.validate(', '(() => false)(') });
  });
  // The service worker fetches every file of the site to keep it offline (both builds among
  // them); blocked here, the requests seen are the page's and its worker's own.
  const { page, errors, context, requests } = await openSite(browser, site, { setup, contextOptions: { serviceWorkers: 'block' } });
  await waitForMap(page, /Sample network: 500 people/);
  await page.getByText('Layout settled').waitFor({ timeout: 60000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const shot = await page.locator('canvas.map-base').screenshot({ path: `${SHOTS}/worker-${simd ? 'simd' : 'plain'}.png` });
  const wasm = wasmLoaded(requests);
  await context.close();
  return { shot, wasm, errors };
}

test('the simd worker runs where simd128 is supported, the plain one elsewhere, and both settle on the same map', async () => {
  const simd = await settledMap({ simd: true });
  assert.ok(simd.wasm.includes('worker_simd_bg.wasm'), `simd build loaded: ${simd.wasm}`);
  assert.ok(!simd.wasm.includes('worker_bg.wasm'), `plain build not loaded: ${simd.wasm}`);
  const plain = await settledMap({ simd: false });
  assert.ok(plain.wasm.includes('worker_bg.wasm'), `plain build loaded: ${plain.wasm}`);
  assert.ok(!plain.wasm.includes('worker_simd_bg.wasm'), `simd build not loaded: ${plain.wasm}`);
  assert.deepEqual(simd.errors, []);
  assert.deepEqual(plain.errors, []);
  assert.ok(simd.shot.equals(plain.shot), 'the settled maps differ');
});
