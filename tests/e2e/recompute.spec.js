// Load → edit → recompute: the agent-platform preset's figures, and an edit recomputing at once.
const { test, expect } = require('@playwright/test');
const { HEADLINES, open, metric, expectMetric, field } = require('./helpers');

test('first visit shows the agent-platform preset and its figures', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Presets' }).click();
  await expect(page.locator('#preset-list button[aria-current]')).toHaveAttribute('data-preset', 'agent-platform');
  await page.keyboard.press('Escape');

  expect(await metric(page, 'load.peak_concurrent_runs')).toBeCloseTo(10.4167, 3);
  expect(await metric(page, 'llm.tokens_per_day')).toBe(150_000_000);
  expect(await metric(page, 'llm.cost_per_day_usd')).toBeCloseTo(810, 6);
  expect(await metric(page, 'load.steps_per_day')).toBe(60_000);

  for (const id of HEADLINES) {
    const card = page.locator(`[data-metric="${id}"]`).first();
    await expect(card, `headline card ${id}`).toBeVisible();
    await metric(page, id);
  }
  // Money is formatted for people ("$24,704"), while data-value stays raw.
  const total = page.locator('[data-metric="cost.total_monthly_usd"]').first();
  await expect(total).toContainText(/\$\d{1,3}(,\d{3})*(\.\d+)?/);
  expect(await total.getAttribute('data-value')).toMatch(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/);
});

test('every input named in the contract has a visible label', async ({ page }) => {
  await open(page);
  for (const label of [
    'Runs per day',
    'Peak-to-average ratio',
    'Average run duration',
    'Steps per run (average)',
    'Model',
    'Customers',
    'Contract value per customer',
    'Maximum instances',
  ]) {
    await expect(field(page, label), label).toBeVisible();
    await expect(page.locator('label', { hasText: label }).first(), `label ${label}`).toBeVisible();
  }
  const model = field(page, 'Model');
  expect(await model.evaluate((el) => el.tagName)).toBe('SELECT');
  await expect(model.locator('option[value="gpt-4o-mini"]')).toHaveCount(1);
  await expect(model.locator('option[value="custom"]')).toHaveCount(1);
});

test('editing Runs per day recomputes at once', async ({ page }) => {
  await open(page);
  const runs = field(page, 'Runs per day');
  await expect(runs).toHaveValue('10,000');
  const tokensBefore = await metric(page, 'llm.tokens_per_day');

  await runs.fill('20000');
  await expectMetric(page, 'load.steps_per_day', 120000);
  await expect(runs).toHaveAttribute('aria-invalid', 'false');
  expect(await metric(page, 'llm.tokens_per_day')).toBe(2 * tokensBefore);
  expect(await metric(page, 'load.peak_concurrent_runs')).toBeCloseTo(2 * 10.4167, 3);

  // Key by key, as a person types: each keystroke is an input event that recomputes.
  await runs.fill('');
  await runs.pressSequentially('5000');
  await expectMetric(page, 'load.steps_per_day', 30000);
  await expect(page.locator('[role="status"].stale')).toBeHidden();
});

test('changing the model recomputes the LLM bill', async ({ page }) => {
  await open(page);
  const before = await metric(page, 'llm.cost_per_day_usd');
  await field(page, 'Model').selectOption('gpt-4o-mini');
  await expect
    .poll(() => metric(page, 'llm.cost_per_day_usd'), { message: 'LLM cost after choosing gpt-4o-mini' })
    .toBeLessThan(before);
  // Tokens do not depend on the price list.
  expect(await metric(page, 'llm.tokens_per_day')).toBe(150_000_000);
});

test('each table row reveals its formula under "How"', async ({ page }) => {
  await open(page);
  const rows = page.locator('[data-metric]:has(details)');
  expect(await rows.count()).toBeGreaterThan(10);
  const row = page.locator('[data-metric="load.steps_per_day"]:has(details)');
  await expect(row).toHaveCount(1);
  const details = row.locator('details');
  await expect(details.locator('summary')).toHaveText(/How/);
  expect(await details.evaluate((d) => d.open)).toBe(false);
  await details.locator('summary').click();
  expect(await details.evaluate((d) => d.open)).toBe(true);
  const revealed = (await details.innerText()).replace(/^\s*How\s*/, '').trim();
  expect(revealed.length, `formula text: ${revealed}`).toBeGreaterThan(3);

  // Every metric row has one.
  const withoutHow = await page.evaluate(() =>
    [...document.querySelectorAll('tr[data-metric], [data-metric]:has(details)')]
      .filter((el) => !el.querySelector('details > summary'))
      .map((el) => el.getAttribute('data-metric')),
  );
  expect(withoutHow).toEqual([]);
});
