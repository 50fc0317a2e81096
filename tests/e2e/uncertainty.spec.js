// Ranges and the Monte Carlo run, as a product manager uses them: give runs per day a range,
// see each figure's P10 to P90, the odds and the histograms, share the link, and open it in a
// fresh browser to the same percentiles, bit for bit. Also: the CSV carries the percentiles, a
// bad range is refused at its field, and typing stays live while a run is under way.
const { test, expect } = require('@playwright/test');
const { open, metric } = require('./helpers');

/** The P10, P50 and P90 the page shows for a figure, from its row's data attributes. */
async function spread(page, id) {
  const cell = page.locator(`[data-spread="${id}"][data-p10]`).first();
  await expect(cell).toBeVisible();
  return {
    p10: await cell.getAttribute('data-p10'),
    p50: await cell.getAttribute('data-p50'),
    p90: await cell.getAttribute('data-p90'),
  };
}

/** Opens the range of runs per day and types 8,000 to 12,000. */
async function rangeRunsPerDay(page) {
  const toggle = page.getByRole('button', { name: 'Give Runs per day a range' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // The keyboard's focus is in the range's low bound.
  await expect(page.locator('#f-workload-runs_per_day-low')).toBeFocused();
  await page.keyboard.type('8k');
  await page.getByLabel('High').first().fill('12,000');
}

test('a range on runs per day gives percentiles, odds and histograms, and the link keeps them', async ({ page, browser }) => {
  await open(page);
  const point = await metric(page, 'cost.total_monthly_usd');
  await rangeRunsPerDay(page);
  await expect(page.locator('[data-odds="uncertainty.margin_below_target"]')).toBeVisible();
  const total = await spread(page, 'cost.total_monthly_usd');
  expect(Number(total.p10)).toBeLessThan(Number(total.p50));
  expect(Number(total.p50)).toBeLessThan(Number(total.p90));
  // The point figure is unchanged by the range: the value typed is still the figure.
  expect(await metric(page, 'cost.total_monthly_usd')).toBe(point);
  // Runs per day from 8,000 to 12,000 (a 90% interval): its own P10 and P90 lie inside.
  const runs = await spread(page, 'load.runs_per_day');
  expect(Number(runs.p10)).toBeGreaterThan(8000);
  expect(Number(runs.p90)).toBeLessThan(12000);
  await expect(page.locator('.total-histogram svg[role="img"]')).toBeVisible();
  await expect(page.locator('.margin-histogram .mark.target')).toHaveCount(1);
  // What drives the spread: a bar in the chart of the total and in the chart of the margin.
  await expect(page.locator('.tornado-total .swing[data-input="workload.runs_per_day"]')).toHaveCount(1);
  await expect(page.locator('.tornado-margin .swing[data-input="workload.runs_per_day"]')).toHaveCount(1);
  await expect(page.locator('.card-detail.spread[data-spread="cost.total_monthly_usd"]')).toContainText('P10–P90');

  // Shared: the link is a format-9 link that opens elsewhere to the same percentiles.
  const link = page.url();
  expect(link).toContain('#v9.');
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await open(other, link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(other.locator('#f-workload-runs_per_day-low')).toHaveValue('8,000');
  expect(await spread(other, 'cost.total_monthly_usd')).toEqual(total);
  expect(await spread(other, 'load.runs_per_day')).toEqual(runs);
  await elsewhere.close();
});

test('the same link gives the percentiles the command line gives', async ({ page }) => {
  // The first entry of tests/links/v9.txt, with the percentiles the command line recorded
  // (tests/links.rs checks them natively to 1e-9; the page must give the same bits).
  const corpus = require('fs').readFileSync(require('path').join(__dirname, '../links/v9.txt'), 'utf8');
  const entry = corpus.split('\n').find((line) => line.startsWith('v9.'));
  const [fragment, ...recorded] = entry.split(' ');
  const expected = Object.fromEntries(recorded.map((pair) => pair.split('=')));
  await open(page, `/#${fragment}`);
  const total = await spread(page, 'cost.total_monthly_usd');
  const margin = await spread(page, 'deal.gross_margin_pct');
  for (const [key, got] of [
    ['P10:cost.total_monthly_usd', total.p10],
    ['P50:cost.total_monthly_usd', total.p50],
    ['P90:cost.total_monthly_usd', total.p90],
    ['P10:deal.gross_margin_pct', margin.p10],
    ['P50:deal.gross_margin_pct', margin.p50],
    ['P90:deal.gross_margin_pct', margin.p90],
  ]) {
    expect(Number(got), key).toBe(Number(expected[key]));
  }
});

test('the CSV carries each figure\'s percentiles and the odds', async ({ page }) => {
  await open(page);
  await rangeRunsPerDay(page);
  await expect(page.locator('[data-odds]').first()).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const text = require('fs').readFileSync(await download.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe('section,id,label,value,unit,formula,severity,region,as_of,source,p10,p50,p90');
  const total = lines.find((l) => l.startsWith('Summary,cost.total_monthly_usd,'));
  const cells = total.split(',');
  const [p10, p50, p90] = cells.slice(-3).map(Number);
  expect(p10).toBeLessThan(p50);
  expect(p50).toBeLessThan(p90);
  expect(lines.some((l) => l.startsWith('Summary,uncertainty.margin_below_target,'))).toBe(true);
  expect(lines.some((l) => l.startsWith('Input,workload.runs_per_day,') && l.includes('range 8000..12000 (lognormal)'))).toBe(true);
});

test('from the keyboard, a range is typed into the field itself', async ({ page }) => {
  await open(page);
  const runs = page.locator('#f-workload-runs_per_day');
  await runs.focus();
  await runs.fill('');
  await page.keyboard.type('8k to 12k');
  await page.keyboard.press('Tab');
  // The field shows its value again, and the range is open beside it.
  await expect(runs).toHaveValue('10,000');
  await expect(page.locator('#f-workload-runs_per_day-low')).toHaveValue('8,000');
  await expect(page.locator('#f-workload-runs_per_day-high')).toHaveValue('12,000');
  await expect(page.locator('[data-odds="uncertainty.margin_below_target"]')).toBeVisible();
  expect(await metric(page, 'load.runs_per_day')).toBe(10000);
  // A range the value lies outside moves the value into it: to the range's median (√(20,000 ×
  // 30,000) = 24,494.9), to three significant digits.
  await runs.fill('20k..30k');
  await runs.press('Tab');
  await expect(runs).toHaveValue('24,500');
  // A hyphen is read as a range's dash only with spaces; without, the message says how.
  await runs.fill('8k-12k');
  await expect(page.locator('#f-workload-runs_per_day-error')).toContainText('For a range, type 8k..12k or 8k to 12k.');
});

test('a range that is not allowed is refused at its field and changes nothing', async ({ page }) => {
  await open(page);
  const toggle = page.getByRole('button', { name: 'Give Runs per day a range' });
  await toggle.click();
  await page.locator('#f-workload-runs_per_day-low').fill('12000');
  await page.locator('#f-workload-runs_per_day-high').fill('8000');
  await expect(page.locator('#f-workload-runs_per_day-range-error')).toHaveText("A range's low must be below its high.");
  await expect(page.locator('[data-odds]')).toHaveCount(0);
  expect(page.url()).not.toContain('#v9.');
  // Taken off again, the field is a point value.
  await page.getByRole('button', { name: 'Remove the range of Runs per day' }).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
});

test('typing stays live while a run is under way, and the last edit wins', async ({ page }) => {
  await open(page);
  await page.locator('#f-uncertainty-samples').waitFor({ state: 'detached' });
  await rangeRunsPerDay(page);
  const samples = page.locator('#f-uncertainty-samples');
  await samples.fill('100000');
  // While 100,000 samples are drawn, the point figures follow each keystroke.
  const runs = page.locator('#f-workload-runs_per_day');
  await runs.fill('20000');
  await expect(page.locator('[data-metric="load.runs_per_day"]').first()).toHaveAttribute('data-value', '20000');
  await samples.fill('1000');
  await expect(page.locator('.uncertainty .lead')).toContainText('1,000 samples', { timeout: 30_000 });
  await expect(page.locator('.sampling')).toBeHidden();
});

test('the binding limit says how often the samples exceed it', async ({ page }) => {
  await open(page);
  const runs = page.locator('#f-workload-runs_per_day');
  await runs.fill('20k..60k');
  await runs.press('Tab');
  const odds = page.locator('.card.binding [data-odds-of]');
  await expect(odds).toContainText(/^Exceeded in [\d.]+% of the samples$/);
  const metric = await odds.getAttribute('data-odds-of');
  // The same chance as the run's finding for that limit.
  const share = Number((await odds.textContent()).match(/[\d.]+/)[0]);
  const finding = page.locator(`[data-odds="uncertainty.exceeded.${metric}"]`);
  expect(Number(await finding.getAttribute('data-value')) * 100).toBeCloseTo(share, 1);
});

test('the worker that draws the samples is fetched only once a range is set, from this origin', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url())));
  await open(page);
  await expect(page.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
  // A first visit downloads none of it.
  expect(fetched.filter((url) => url.pathname.includes('worker'))).toEqual([]);
  await rangeRunsPerDay(page);
  await expect(page.locator('[data-odds="uncertainty.margin_below_target"]')).toBeVisible();
  const worker = fetched.filter((url) => url.pathname.includes('worker')).map((url) => url.pathname);
  expect(worker.sort()).toEqual(['/worker-start.js', '/worker.js', '/worker_bg.wasm']);
  expect(fetched.every((url) => url.host === '127.0.0.1:8787')).toBe(true);
  await expect(page.locator('.sampling-error')).toBeHidden();
});

test('a worker whose WebAssembly cannot be fetched is said at the report, and the point figures stay', async ({ page }) => {
  await page.route('**/worker_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await open(page);
  const point = await metric(page, 'cost.total_monthly_usd');
  await rangeRunsPerDay(page);
  const error = page.locator('.sampling-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('could not be loaded');
  await expect(page.locator('.sampling')).toBeHidden();
  expect(await metric(page, 'cost.total_monthly_usd')).toBe(point);
  // The range typed is kept, in its field and in the link.
  await expect(page.locator('#f-workload-runs_per_day-low')).toHaveValue('8k');
  await expect(page).toHaveURL(/#v9\./);
  // Later edits do not pretend to draw, and the CSV is saved without the percentiles.
  await page.getByLabel('High').first().fill('13,000');
  await expect(error).toBeVisible();
  await expect(page.locator('.sampling')).toBeHidden();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});
