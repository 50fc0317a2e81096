// Each customer's economics, as a product manager reads them: the inventory preset's three
// customers, each with its own contract, get a row of figures in the Deal section that add up to
// the bill; a contract typed lower raises that customer's share of it and lowers revenue; the
// rule for shared costs moves cost between customers and never changes the total; each figure
// opens to how it was made.
const { test, expect } = require('@playwright/test');
const { open, metric, pickPreset, openSection, field } = require('./helpers');

/** The cost of each of the three listed customers, in USD per month. */
async function costs(page) {
  return Promise.all([0, 1, 2].map((i) => metric(page, `deal.customers.${i}.cost_monthly_usd`)));
}

/** Whether the customers' costs add up to the total, to a millionth of a cent. */
async function addUp(page) {
  const sum = (await costs(page)).reduce((a, b) => a + b, 0);
  return Math.abs(sum - (await metric(page, 'cost.total_monthly_usd'))) < 1e-8;
}

test("each customer's cost, share of its contract and margin add up and follow the inputs", async ({ page }) => {
  await open(page);
  await pickPreset(page, 'inventory-cloud-run');
  const table = page.getByRole('region', { name: "Each customer's economics" });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.locator('tbody th')).toHaveText(['Customer 1', 'Customer 2', 'Customer 3']);
  await expect.poll(() => addUp(page)).toBe(true);

  // The busiest customer causes the most, and every one adds less than its average share:
  // the fixed lines stay when one leaves.
  const [first, second, third] = await costs(page);
  expect(first).toBeGreaterThan(second);
  expect(second).toBeGreaterThan(third);
  const adds = await metric(page, 'deal.customers.2.marginal_monthly_usd');
  expect(adds).toBeGreaterThan(0);
  expect(adds).toBeLessThan(third);

  // Customer 3's contract halved: its cost as a share of it doubles, and revenue falls by the
  // half a year's contract ÷ 12.
  const share = await metric(page, 'deal.customers.2.cost_pct_of_contract');
  const revenue = await metric(page, 'deal.revenue_monthly_usd');
  await openSection(page, 'Customers and tenant groups');
  await page.locator('#f-tenants-2-contract_value_per_year_usd').fill('17,500');
  await expect
    .poll(() => metric(page, 'deal.customers.2.cost_pct_of_contract'))
    .toBeCloseTo(2 * share, 9);
  expect(await metric(page, 'deal.revenue_monthly_usd')).toBeCloseTo(revenue - 17_500 / 12, 6);
  // The bill as a share of the contracts and the gross margin are two halves of one whole.
  const whole = (await metric(page, 'deal.cost_pct_of_contract')) + (await metric(page, 'deal.gross_margin_pct'));
  expect(whole).toBeCloseTo(100, 9);

  // Shared costs split by contract value: customer 1, with the largest contract, bears more of
  // them; the total does not move.
  const total = await metric(page, 'cost.total_monthly_usd');
  await field(page, 'Shared costs split').selectOption('contract');
  await expect.poll(async () => (await costs(page))[0]).toBeGreaterThan(first);
  expect(await metric(page, 'cost.total_monthly_usd')).toBe(total);
  await expect.poll(() => addUp(page)).toBe(true);

  // The target margin sets the contract each customer would need.
  await field(page, 'Target gross margin').fill('50');
  const cost = await metric(page, 'deal.customers.0.cost_monthly_usd');
  await expect
    .poll(() => metric(page, 'deal.customers.0.contract_for_target_per_year_usd'))
    .toBeCloseTo((cost * 12) / 0.5, 6);

  // Every figure opens to how it was made.
  const cell = table.locator('[data-metric="deal.customers.0.cost_monthly_usd"]');
  await cell.locator('summary').click();
  await expect(cell.locator('.formula')).toContainText('its part of tai-api, Internet egress');
});

test('a customer added to the table counts in the deal at once, and one removed leaves it', async ({ page }) => {
  await open(page);
  await pickPreset(page, 'inventory-cloud-run');
  const table = page.getByRole('region', { name: "Each customer's economics" });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const revenue = await metric(page, 'deal.revenue_monthly_usd');
  await openSection(page, 'Customers and tenant groups');
  await page.locator('#add-tenants').click();
  // A fourth customer, at the deal's contract until one is typed: the deal counts it, no error
  // asks for it, and revenue rises by its contract.
  await expect(page.locator('#f-deal-customers')).toHaveValue('4');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.locator('tbody th').last()).toHaveText('Customer 4');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect.poll(() => metric(page, 'deal.revenue_monthly_usd')).toBeGreaterThan(revenue);
  const four = await Promise.all([0, 1, 2, 3].map((i) => metric(page, `deal.customers.${i}.cost_monthly_usd`)));
  expect(four.reduce((a, b) => a + b, 0)).toBeCloseTo(await metric(page, 'cost.total_monthly_usd'), 8);
  // Removed again, the deal is as it was.
  await page.locator('#remove-tenants-3').click();
  await expect(page.locator('#f-deal-customers')).toHaveValue('3');
  await expect.poll(() => metric(page, 'deal.revenue_monthly_usd')).toBeCloseTo(revenue, 6);
});
