// The growth projection as a person uses it: enter customer milestones, read the chart's words,
// open the month-by-month table, switch to 36 months; and fold a form section away and back.
const { test, expect } = require('@playwright/test');
const { open, field, metric } = require('./helpers');

test('customer milestones grow the projection, month by month', async ({ page }) => {
  await open(page);
  const launchTotal = await metric(page, 'cost.total_monthly_usd');
  await field(page, 'Customers at 12 months').fill('4');
  await field(page, 'Customers at 24 months').fill('10');

  const chart = page.getByRole('img', { name: /^Monthly cost by category, with the gross margin on its own axis/ });
  await expect(chart).toBeVisible();
  // The first month is the launch the headline shows.
  await expect(chart).toHaveAccessibleDescription(/^Launch: 1 customer, \$24,704 a month .* Month 24: 10 customers/);
  await expect(page.locator('#projection-desc')).toContainText('Month 24: 10 customers');
  await expect(chart.locator('g.month')).toHaveCount(25);
  // Revenue far above the cost would flatten the bars on a shared axis: the margin has its own.
  await expect(chart.locator('polyline.margin-line')).toHaveCount(1);

  await page.locator('.month-table > summary').click();
  const rows = page.locator('.month-table tbody tr');
  await expect(rows).toHaveCount(25);
  await expect(page.locator('.month-table tr[data-month="0"] th')).toHaveText('Launch');
  const total = async (month) =>
    Number(await page.locator(`.month-table tr[data-month="${month}"] td[data-column="total_monthly_usd"]`).getAttribute('data-value'));
  expect(await total(0)).toBe(launchTotal);
  // Ten customers bring ten times the LLM work, which is nearly all of the bill.
  const ratio = (await total(24)) / (await total(0));
  expect(ratio).toBeGreaterThan(9.9);
  expect(ratio).toBeLessThan(10.01);
  // Month 24's total: the headline at launch × 10 within 1%, LLM being nearly all of it.
  expect(Math.abs((await total(24)) / (10 * launchTotal) - 1)).toBeLessThan(0.01);
  const shown = page.locator('.month-table tr[data-month="24"] td[data-column="total_monthly_usd"]');
  await expect(shown).toHaveText(/^\$\d{1,3}(,\d{3})*$/);

  await field(page, 'Projection length').selectOption('36');
  await expect(rows).toHaveCount(37);
  // The address keeps the projection: a reload shows the same 36 months.
  await page.waitForTimeout(500);
  await page.reload();
  await page.locator('.month-table > summary').click();
  await expect(page.locator('.month-table tbody tr')).toHaveCount(37);
});

test('the cost chart and the limits are there to read', async ({ page }) => {
  await open(page);
  const chart = page.getByRole('img', { name: 'Monthly cost by category', exact: true });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/LLM \$24,638 a month \(99\.7%\); Cloud Run \$66\.54 a month/);
  // Each bar carries its amount and share in words, not only its colour.
  await expect(chart.locator('g[data-category="llm"] text.chart-value')).toHaveText('$24,638 (99.7%)');
  await expect(chart.locator('g[data-category="compute"] text.chart-value')).toHaveText(/^\$66\.54 \(/);
  await field(page, 'Provider limit: requests').fill('100');
  await expect(page.locator('.limits tbody tr').first()).toHaveAttribute('data-limit', 'llm.rate_limit_requests_used_pct');
  await expect(page.locator('[data-finding="llm.rate_limit_exceeded"]')).toBeVisible();
});

test('a form section folds away and back', async ({ page }) => {
  await open(page);
  const summary = page.locator('details.form-section > summary', { hasText: 'Runs' });
  await expect(summary).toHaveText('Runs');
  await summary.click();
  await expect(field(page, 'Peak-to-average ratio')).toBeHidden();
  // Runs per day is one of the deal's inputs at the top, which stay.
  await expect(field(page, 'Runs per day')).toBeVisible();
  // By keyboard too: the heading is a control that opens its section again.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(field(page, 'Peak-to-average ratio')).toBeVisible();
  await field(page, 'Steps per run (average)').fill('12');
  expect(await metric(page, 'load.steps_per_day')).toBe(120000);
});

test('on paper: the charts and every month of the projection', async ({ page }) => {
  await open(page);
  await field(page, 'Customers at 24 months').fill('10');
  await expect(page.locator('.month-table tbody tr')).toHaveCount(25);
  await page.emulateMedia({ media: 'print' });
  await expect(field(page, 'Runs per day')).toBeHidden();
  await expect(page.getByRole('img', { name: 'Monthly cost by category', exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /Monthly cost by category, with the gross margin/ })).toBeVisible();
  // The month table prints though its fold is closed.
  expect(await page.locator('details.month-table').evaluate((d) => d.open)).toBe(false);
  await expect(page.locator('.month-table tr[data-month="24"]')).toBeVisible();
});
