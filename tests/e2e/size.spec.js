// The size budget: everything a first visit downloads — HTML, JS, WebAssembly, CSS, icon —
// gzipped at level 9 totals at most 300 KB (of 1,024 bytes, as the budget has always counted).
const zlib = require('zlib');
const { test, expect } = require('@playwright/test');
const { ORIGIN, reportShown } = require('./helpers');

const BUDGET = 300 * 1024;

test('first-visit transfer is at most 300 KB gzipped', async ({ page }) => {
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto('/', { waitUntil: 'networkidle' });
  await reportShown(page);

  const files = new Map();
  for (const r of responses) {
    const url = r.url();
    if (!url.startsWith(`${ORIGIN}/`) || r.status() !== 200 || files.has(url)) continue;
    files.set(url, await r.body());
  }
  // Headless Chromium may skip the favicon; count it anyway, as a browser with tabs fetches it.
  const icons = await page.evaluate(() => [...document.querySelectorAll('link[rel~="icon"]')].map((l) => l.href));
  for (const href of icons) {
    if (!files.has(href)) files.set(href, await (await page.request.get(href)).body());
  }

  let raw = 0;
  let gzipped = 0;
  const lines = [];
  for (const [url, body] of files) {
    const gz = zlib.gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzipped += gz;
    lines.push(`${new URL(url).pathname.padEnd(44)} ${String(body.length).padStart(9)} B  ${String(gz).padStart(8)} B gz`);
  }
  lines.push(`${'total'.padEnd(44)} ${String(raw).padStart(9)} B  ${String(gzipped).padStart(8)} B gz  (budget ${BUDGET} B)`);
  const table = lines.join('\n');
  console.log(`first-visit transfer:\n${table}`);
  await test.info().attach('first-visit-transfer.txt', { body: table, contentType: 'text/plain' });

  const kinds = [...files.keys()].map((u) => new URL(u).pathname);
  expect(kinds.some((p) => p.endsWith('.wasm')), 'the wasm was downloaded').toBe(true);
  expect(kinds.some((p) => p.endsWith('.js')), 'the JS was downloaded').toBe(true);
  expect(kinds.some((p) => p.endsWith('.css')), 'the CSS was downloaded').toBe(true);
  expect(gzipped, `gzipped total of ${files.size} files`).toBeLessThanOrEqual(BUDGET);
});
