// A Cloud Run service moved to a region of Cloud Run's second price tier, as a product manager
// does for a customer in Frankfurt: the listed tier-2 rates bill at once (CPU 40% above tier 1),
// the price the list lacks is named in the findings, beside the total and in the prices used,
// and typing it there brings it into the bill and the link.
const { test, expect } = require('@playwright/test');
const { open, metric, linkInAddress } = require('./helpers');

test('a tier-2 region bills its listed rates and asks for the price the list lacks', async ({ page }) => {
  await open(page);
  const cpu = await metric(page, 'cost.compute_cpu_monthly_usd');
  expect(cpu).toBeGreaterThan(0);
  await page.locator('#f-compute-price_tier').selectOption('tier2');
  await expect.poll(() => metric(page, 'cost.compute_cpu_monthly_usd')).toBeCloseTo(cpu * 1.4, 6);

  const asked = page.locator('.findings li', { hasText: 'No price for “Cloud Run request-based in a tier-2 region: requests”' });
  await expect(asked).toHaveCount(1);
  // The total says what it leaves out, beside its figure.
  const leftOut = page.locator('[data-metric="cost.total_monthly_usd"] .unpriced');
  await expect(leftOut).toContainText('tier-2 region: requests');
  expect(await metric(page, 'cost.compute_requests_monthly_usd')).toBe(0);
  const row = page.locator('section.prices tr[data-price="gcp.run.tier2.request.per_million_requests"]');
  await expect(row).toContainText('not in the price list');
  const input = row.getByRole('textbox');
  await expect(input).toHaveAttribute('placeholder', 'type it');

  // Typed as read from the pricing page: the fee bills, the finding goes, the link keeps it.
  await input.fill('0.40');
  await expect.poll(() => metric(page, 'cost.compute_requests_monthly_usd')).toBeGreaterThan(0);
  await expect(asked).toHaveCount(0);
  await expect(leftOut).not.toContainText('tier-2 region: requests');
  const fee = await metric(page, 'cost.compute_requests_monthly_usd');
  const link = await linkInAddress(page);
  await page.goto('about:blank');
  await page.goto(link);
  await expect.poll(() => metric(page, 'cost.compute_requests_monthly_usd')).toBe(fee);
  await expect(page.locator('#f-compute-price_tier')).toHaveValue('tier2');
});
