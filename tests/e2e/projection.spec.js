// The growth projection as a person uses it: enter customer milestones, read the chart's words,
// open the month-by-month table, switch to 36 months; and fold a form section away and back.
const { test, expect } = require('@playwright/test');
const { open, field, metric } = require('./helpers');

test('customer milestones grow the projection, month by month', async ({ page }) => {
  await open(page);
  const launchTotal = await metric(page, 'cost.total_monthly_usd');
  await field(page, 'Customers at 12 months').fill('4');
  await field(page, 'Customers at 24 months').fill('10');

  const chart = page.getByRole('img', { name: /Monthly cost by category and revenue/ });
  await expect(chart).toBeVisible();
  await expect(page.locator('#projection-desc')).toContainText('Month 24: 10 customers');

  await page.locator('.month-table > summary').click();
  const rows = page.locator('.month-table tbody tr');
  await expect(rows).toHaveCount(24);
  const total = async (month) =>
    Number(await page.locator(`.month-table tr[data-month="${month}"] td[data-column="total_monthly_usd"]`).getAttribute('data-value'));
  expect(await total(1)).toBeCloseTo(launchTotal, 6);
  // Ten customers bring ten times the LLM work, which is nearly all of the bill.
  const ratio = (await total(24)) / (await total(1));
  expect(ratio).toBeGreaterThan(9.9);
  expect(ratio).toBeLessThan(10.01);

  await field(page, 'Projection length').selectOption('36');
  await expect(rows).toHaveCount(36);
  // The address keeps the projection: a reload shows the same 36 months.
  await page.waitForTimeout(500);
  await page.reload();
  await page.locator('.month-table > summary').click();
  await expect(page.locator('.month-table tbody tr')).toHaveCount(36);
});

test('the cost chart and the limits are there to read', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('img', { name: /Monthly cost by category/ }).first()).toBeVisible();
  await expect(page.locator('#cost-chart-desc')).toContainText('LLM $24,638 a month');
  await field(page, 'Provider limit: requests').fill('100');
  await expect(page.locator('.limits tbody tr').first()).toHaveAttribute('data-limit', 'llm.rate_limit_requests_used_pct');
  await expect(page.locator('[data-finding="llm.rate_limit_exceeded"]')).toBeVisible();
});

test('a form section folds away and back', async ({ page }) => {
  await open(page);
  const summary = page.locator('details.form-section > summary', { hasText: 'Workload' });
  await summary.click();
  await expect(field(page, 'Runs per day')).toBeHidden();
  await summary.click();
  await field(page, 'Runs per day').fill('20000');
  expect(await metric(page, 'load.steps_per_day')).toBe(120000);
});
