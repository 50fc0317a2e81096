// The share link: the address bar keeps the scenario in its fragment, "Copy link" puts that
// address on the clipboard, and opening it in a fresh browser reproduces the same figures.
const { test, expect } = require('@playwright/test');
const { ORIGIN, open, allMetrics, expectMetric, expectMetricNear, field, linkInAddress, addressChangedFrom } = require('./helpers');

const contextOptions = { baseURL: ORIGIN, permissions: ['clipboard-read', 'clipboard-write'] };

test('the address bar follows edits without adding history entries', async ({ page }) => {
  await open(page);
  const first = await linkInAddress(page);
  expect(first).toMatch(new RegExp(`^${ORIGIN.replace(/[.]/g, '\\.')}/#v\\d+\\.`));
  const historyLength = await page.evaluate(() => history.length);

  const runs = field(page, 'Runs per day');
  await runs.fill('');
  await runs.pressSequentially('20000', { delay: 40 });
  await expectMetric(page, 'load.steps_per_day', 120000);
  const edited = await addressChangedFrom(page, first);
  expect(edited).not.toBe(first);
  expect(await page.evaluate(() => history.length), 'replaceState, not pushState').toBe(historyLength);

  // A burst of quick edits still ends with the address updated, and no history entries added.
  await runs.fill('30000');
  await runs.fill('40000');
  await expectMetric(page, 'load.steps_per_day', 240000);
  await addressChangedFrom(page, edited);
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
});

test('Copy link copies the address; a fresh browser opening it shows the same figures', async ({ page, browser }) => {
  await open(page);
  await field(page, 'Runs per day').fill('20000');
  await field(page, 'Customers').fill('7');
  await field(page, 'Model').selectOption('gpt-4o-mini');
  await expectMetric(page, 'load.steps_per_day', 120000);

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const href = await page.evaluate(() => location.href);
  expect(copied).toBe(href);
  expect(copied).toMatch(new RegExp(`^${ORIGIN.replace(/[.]/g, '\\.')}/#v\\d+\\.[A-Za-z0-9_-]+$`));
  const figures = await allMetrics(page);
  expect(Object.keys(figures).length).toBeGreaterThan(10);

  const fresh = await browser.newContext(contextOptions);
  try {
    const other = await fresh.newPage();
    await other.goto(copied);
    await expect(other.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
    await expect(field(other, 'Runs per day')).toHaveValue('20,000');
    await expect(field(other, 'Customers')).toHaveValue('7');
    await expect(field(other, 'Model')).toHaveValue('gpt-4o-mini');
    expect(await allMetrics(other)).toEqual(figures);
    // A fresh browser has no work of its own: nothing to restore, no error.
    await expect(other.getByRole('button', { name: 'Restore previous scenario' })).toBeHidden();
    await expect(other.locator('[role="alert"].link-error')).toBeHidden();
  } finally {
    await fresh.close();
  }
});

test('the address bar link alone (no clipboard) reopens the scenario', async ({ page, browser }) => {
  await open(page);
  const before = await linkInAddress(page);
  await field(page, 'Peak-to-average ratio').fill('5');
  await field(page, 'Average run duration').fill('45');
  await addressChangedFrom(page, before);
  // The address follows typing once it pauses: wait until it holds still, with both edits.
  let href = page.url();
  await expect
    .poll(async () => {
      await page.waitForTimeout(400);
      const now = page.url();
      const still = now === href;
      href = now;
      return still;
    })
    .toBe(true);
  const figures = await allMetrics(page);

  const fresh = await browser.newContext(contextOptions);
  try {
    const other = await fresh.newPage();
    await other.goto(href);
    await expect(other.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
    await expect(field(other, 'Peak-to-average ratio')).toHaveValue('5');
    await expect(field(other, 'Average run duration')).toHaveValue('45');
    expect(await allMetrics(other)).toEqual(figures);
  } finally {
    await fresh.close();
  }
});

test('links recorded in every earlier format open to their recorded figures', async ({ page }) => {
  const fs = require('fs');
  const path = require('path');
  for (const file of fs.readdirSync(path.join(__dirname, '..', 'links')).filter((f) => /^v\d+\.txt$/.test(f))) {
    const text = fs.readFileSync(path.join(__dirname, '..', 'links', file), 'utf8');
    const entries = text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    expect(entries.length).toBeGreaterThan(2);
    for (const entry of entries.slice(0, 3)) {
      const [fragment, ...pairs] = entry.split(' ');
      await page.goto('about:blank');
      await open(page, `/#${fragment}`);
      for (const pair of pairs) {
        const [id, value] = pair.split('=');
        const percentile = /^(P10|P50|P90):(.+)$/.exec(id);
        if (percentile) {
          // A figure's percentile over the link's Monte Carlo samples: the same bits.
          const [, which, figure] = percentile;
          const cell = page.locator(`[data-spread="${figure}"][data-p10]`).first();
          await expect(cell).toHaveAttribute(`data-${which.toLowerCase()}`, /./, { timeout: 30_000 });
          expect(Number(await cell.getAttribute(`data-${which.toLowerCase()}`)), `${file}: ${id}`).toBe(Number(value));
        } else {
          await expectMetricNear(page, id, Number(value), 1e-9);
        }
      }
    }
  }
});
