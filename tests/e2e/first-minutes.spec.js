// A product manager's first minutes with a deal, on a wide screen and on a phone: the deal's
// inputs first, the answer in view while they are typed, numbers typed as people write them, no
// trap in the preset menu, and a summary and a printout that carry the scenario.
const { test, expect } = require('@playwright/test');
const { open, field, metric, expectMetric, pickPreset, openSection, staleBanner } = require('./helpers');

const SCREENS = [
  { name: 'wide screen', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

/**
 * Whether the element is wholly inside the window and, unless it is part of the answer, not
 * under the answer that stays at the top.
 */
async function inView(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const answer = document.querySelector('.answer');
    const a = answer.getBoundingClientRect();
    const covers = !answer.contains(el) && a.left < r.right && a.right > r.left;
    const top = covers ? Math.max(0, a.bottom) : 0;
    return r.width > 0 && r.top >= top - 1 && r.left >= 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth;
  });
}

for (const screen of SCREENS) {
  test.describe(`on a ${screen.name}`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height } });

    test('the monthly cost is in view at once and the page never scrolls sideways', async ({ page }) => {
      await open(page);
      const total = page.locator('.answer [data-metric="cost.total_monthly_usd"] .card-value');
      expect(await inView(total)).toBe(true);
      const widths = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(widths[0]).toBeLessThanOrEqual(widths[1]);
      // No number in the answer is cut at its card's edge.
      for (const value of await page.locator('.answer .card-value').all()) {
        const [scroll, client] = await value.evaluate((el) => [el.scrollWidth, el.clientWidth]);
        expect(scroll, await value.textContent()).toBeLessThanOrEqual(client);
      }
      // Every preset, too.
      for (const id of ['workflow-saas', 'ux-flow-engine', 'inventory-cloud-run', 'agent-swarm-ecs']) {
        await pickPreset(page, id);
        await expect(page.getByLabel('Scenario name')).toHaveValue(id);
        const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        expect(scrollWidth, id).toBeLessThanOrEqual(width);
      }
      // A service named as long as a name may be: its bar's label is cut short (whole in its
      // tooltip), and the page stays as wide.
      await pickPreset(page, 'ux-flow-engine');
      await openSection(page, 'Services');
      const long = 'Cognitive core: inference, orchestration';
      const name = page.locator('[data-path="services.1.name"]');
      await name.fill(long);
      await name.press('Tab');
      const bar = page.locator('.cost-chart [data-line="services.1.cost_monthly_usd"]');
      await expect(bar.locator('title')).toHaveText(long);
      await expect(bar.locator('.chart-label')).toHaveText('Cognitive core: inference,…');
      const [named, wide] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(named, 'with a long service name').toBeLessThanOrEqual(wide);
      // One long word, too: the findings and the chart's words wrap it.
      await name.fill('M'.repeat(40));
      await name.press('Tab');
      await expect(bar.locator('title')).toHaveText('M'.repeat(40));
      const [word, across] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(word, 'with a service named in one long word').toBeLessThanOrEqual(across);
      // The month-by-month table opened: it scrolls in its own box, the page stays as wide.
      await page.locator('.month-table > summary').click();
      await expect(page.locator('.month-table tbody tr').first()).toBeVisible();
      const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
      expect(scrollWidth, 'with the month table open').toBeLessThanOrEqual(width);
    });

    test('the margin stays in view while the contract value is typed, and wherever the form is', async ({ page }) => {
      await open(page);
      const contract = field(page, 'Contract value per customer');
      await contract.focus();
      await contract.fill('180k');
      await expectMetric(page, 'deal.revenue_monthly_usd', 15000);
      const margin = page.locator('.answer [data-metric="deal.gross_margin_pct"]');
      expect(await inView(margin)).toBe(true);
      expect(await inView(contract)).toBe(true);
      // Far down the form, the answer is still at the top of the window.
      const last = field(page, 'Action timeout cap');
      await last.focus();
      await last.scrollIntoViewIfNeeded();
      expect(await inView(last)).toBe(true);
      expect(await inView(page.locator('.answer [data-metric="cost.total_monthly_usd"]'))).toBe(true);
    });
  });
}

test('the contract value is at most ten Tab presses from the top, and a skip link goes to the deal', async ({ page }) => {
  await open(page);
  await page.locator('body').focus();
  let presses = 0;
  let focused = '';
  while (presses < 10 && focused !== 'f-deal-contract_value_per_year_usd') {
    await page.keyboard.press('Tab');
    presses += 1;
    focused = await page.evaluate(() => document.activeElement?.id ?? '');
  }
  expect(focused).toBe('f-deal-contract_value_per_year_usd');

  await page.goto('about:blank');
  await open(page);
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the deal' })).toBeFocused();
  // The address takes the scenario's link 300 ms after it is shown: compare against that, so
  // that only a jump that changed the address could fail.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v\d+\./);
  const before = page.url();
  await page.keyboard.press('Enter');
  await expect(field(page, 'Runs per day')).toBeFocused();
  expect(page.url()).toBe(before);

  // The section index opens a folded section and puts the keyboard in it.
  await page.getByRole('navigation', { name: 'Sections of the form' }).getByRole('link', { name: 'Aurora Serverless v2' }).click();
  await expect(page.locator('#f-aurora-enabled')).toBeFocused();
  expect(page.url()).toBe(before);
});

test('the deal block says how revenue is made, and numbers are read as people write them', async ({ page }) => {
  await open(page);
  const revenue = page.locator('.deal-first .revenue');
  await expect(revenue).toContainText('customers × contract value per year ÷ 12 = 1 × $500,000 ÷ 12');
  await field(page, 'Customers').fill('3');
  await expect(revenue).toContainText('3 × $500,000 ÷ 12 = $125,000/month');
  for (const [typed, value] of [['180k', 180000], ['$1.5M', 1500000], ['$180,000', 180000], ['2.5 M', 2500000]]) {
    await field(page, 'Contract value per customer').fill(typed);
    await expect(field(page, 'Contract value per customer')).toHaveAttribute('aria-invalid', 'false');
    await expectMetric(page, 'deal.revenue_monthly_usd', (3 * value) / 12, 6);
  }
  // Left, the field writes the value as the form does.
  await field(page, 'Contract value per customer').fill('180k');
  await field(page, 'Contract value per customer').press('Tab');
  await expect(field(page, 'Contract value per customer')).toHaveValue('180,000');
  await field(page, 'Average run duration').fill('45 s');
  await expect(field(page, 'Average run duration')).toHaveAttribute('aria-invalid', 'false');
  await field(page, 'Peak-to-average ratio').fill('3x');
  await expect(field(page, 'Peak-to-average ratio')).toHaveAttribute('aria-invalid', 'false');
  // A preset's value reads as a person would write it.
  await pickPreset(page, 'workflow-saas');
  await expect(field(page, 'Runs per day')).toHaveValue('328.77');
});

test('a half-typed value never drives the figures', async ({ page }) => {
  await open(page);
  const contract = field(page, 'Contract value per customer');
  const margin = await metric(page, 'deal.gross_margin_pct');
  await contract.click();
  await contract.fill('180');
  await expectMetric(page, 'deal.revenue_monthly_usd', 15, 6);
  await contract.fill('180q');
  await expect(contract).toHaveAttribute('aria-invalid', 'true');
  await expect(staleBanner(page)).toBeVisible();
  // The figures are those from before the field was typed into, not the "180" on the way.
  await expectMetric(page, 'deal.revenue_monthly_usd', 500000 / 12, 6);
  expect(await metric(page, 'deal.gross_margin_pct')).toBe(margin);
  await contract.fill('180k');
  await expect(staleBanner(page)).toBeHidden();
  await expectMetric(page, 'deal.revenue_monthly_usd', 15000, 6);
});

test('the headline answers cost, revenue, margin, break-even and the binding limit, with how', async ({ page }) => {
  await open(page);
  const cards = page.locator('.answer .card');
  await expect(cards).toHaveCount(5);
  await expect(cards.nth(0)).toContainText('Cost per month');
  await expect(cards.nth(1)).toContainText('Revenue per month');
  await expect(cards.nth(2)).toContainText('Gross margin');
  await expect(cards.nth(3)).toContainText('Break-even contract per year');
  await expect(cards.nth(3)).toContainText('Cost per run');
  const binding = cards.nth(4);
  await expect(binding).toContainText('Binding limit');
  await expect(binding).toContainText('Worker pool slots');
  // The provider's limits are left at 0: the card says they were not checked.
  await expect(binding).toContainText('Not checked (no limit typed): LLM requests per minute, LLM tokens per minute');
  // One customer: the cost per customer would repeat the total, so it is not shown.
  await expect(cards.nth(0).locator('[data-metric="deal.cost_per_customer_monthly_usd"]')).toHaveCount(0);
  await field(page, 'Customers').fill('4');
  await expect(cards.nth(0).locator('[data-metric="deal.cost_per_customer_monthly_usd"]')).toBeVisible();
  // Each card opens to its formula.
  await cards.nth(2).locator('summary').click();
  await expect(cards.nth(2).locator('.formula')).toContainText('(revenue − cost) ÷ revenue');
  await binding.locator('summary').click();
  await expect(binding.locator('.formula')).toContainText('÷');
  // A limit typed in is checked, and leaves the list of those not checked.
  await openSection(page, 'LLM');
  await field(page, 'Provider limit: requests').fill('100');
  await expect(binding).toContainText('LLM requests per minute at');
  await expect(binding).toContainText('Not checked (no limit typed): LLM tokens per minute');
  // Past its limit, the card says so.
  await expect(binding).toContainText('LLM requests per minute at 125%: exceeded');
  await expect(binding).toHaveClass(/exceeded/);
});

test('a stray key on the preset menu replaces nothing; a click on a preset does', async ({ page }) => {
  await open(page);
  await field(page, 'Runs per day').fill('12345');
  const presets = page.getByRole('button', { name: 'Presets' });
  await presets.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(field(page, 'Runs per day')).toHaveValue('12,345');
  await pickPreset(page, 'ux-flow-engine');
  await expect(page.getByLabel('Scenario name')).toHaveValue('ux-flow-engine');
  // Names in the menu speak of the product, not of where the numbers came from.
  await presets.click();
  for (const name of await page.locator('#preset-list button').allTextContents()) {
    expect(name).not.toMatch(/seed/i);
  }
});

test('a switched-off section or an empty list folds to one line that says what it adds', async ({ page }) => {
  await open(page);
  const aurora = page.locator('details#g-aurora');
  await expect(aurora).not.toHaveAttribute('open', '');
  await expect(aurora.locator('summary')).toHaveText(/^Aurora Serverless v2 — off: open to switch on an Aurora database/);
  const services = page.locator('details#g-services');
  await expect(services.locator('summary')).toHaveText(/^Services — none yet: add services/);
  // Switched on, it opens and reads as its title alone.
  await openSection(page, 'Aurora Serverless v2');
  await page.locator('#f-aurora-enabled').selectOption('yes');
  await expect(aurora.locator('summary')).toHaveText('Aurora Serverless v2');
  await expect(aurora).toHaveAttribute('open', '');
});

test('Copy summary puts a short answer and the link on the clipboard', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Copy summary' }).click();
  await expect(page.getByText('Summary copied')).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text.split('\n');
  expect(lines[0].length).toBeLessThanOrEqual(255);
  expect(lines[0]).toMatch(/^agent-platform: \$24,704\/month, gross margin 40\.7%, break-even \$296,448\/year per customer, binding limit Worker pool slots at 20\.8%$/);
  expect(lines[1]).toContain('Not checked (no limit typed): LLM requests per minute, LLM tokens per minute.');
  expect(lines.at(-1)).toBe(await page.evaluate(() => location.href));
});

test('on paper: the name, the date, the catalog and the link first, and only the inputs in effect', async ({ page }) => {
  await open(page);
  await page.emulateMedia({ media: 'print' });
  const header = page.locator('.print-header');
  await expect(header).toBeVisible();
  await expect(header.locator('h2')).toHaveText('agent-platform');
  await expect(header).toContainText(/Printed \d{4}-\d{2}-\d{2} · price catalog \d{4}/);
  await expect(header.locator('.print-link')).toHaveText(await page.evaluate(() => location.href));
  const printed = page.locator('section[aria-labelledby="report-inputs"]');
  await expect(printed).toContainText('Runs per day');
  // Aurora is off: none of its inputs are printed as if they counted.
  await expect(printed).not.toContainText('Aurora');
  await expect(printed).not.toContainText('ACU');
});

test('without growth the projection is one line, not two years of equal bars', async ({ page }) => {
  await open(page);
  await expect(page.locator('.flat-projection')).toHaveText(
    /^Every month bills as the launch\. Launch: 1 customer, \$24,704 a month \(LLM \$24,638, Compute \$66\.54, Database \$0\.00\) against \$41,667 revenue, a gross margin of 40\.7%\./,
  );
  await expect(page.locator('.projection-chart')).toHaveCount(0);
  await field(page, 'Customers at 12 months').fill('3');
  await expect(page.locator('.flat-projection')).toHaveCount(0);
  await expect(page.locator('.projection-chart')).toBeVisible();
});

test('a jump link opened in a new tab opens the work at that place, not a failed link', async ({ page, context }) => {
  await open(page);
  await field(page, 'Runs per day').fill('12345');
  await expectMetric(page, 'load.steps_per_day', 12345 * 6);
  await page.waitForTimeout(500);
  const href = await page.getByRole('navigation', { name: 'Sections of the form' }).getByRole('link', { name: 'LLM' }).getAttribute('href');
  const tab = await context.newPage();
  await tab.goto(href);
  await expect(tab.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
  await expect(field(tab, 'Runs per day')).toHaveValue('12,345');
  await expect(tab.locator('[role="alert"].link-error')).toBeHidden();
  await expect(tab.locator('.recent-toggle')).toHaveCount(0);
  await expect(tab.locator('#f-llm-enabled')).toBeFocused();
  await expect.poll(() => tab.evaluate(() => location.hash)).toMatch(/^#v\d+\./);
});

test('a price being typed over never drives the figures with half of what is typed', async ({ page }) => {
  await open(page);
  const total = await metric(page, 'cost.total_monthly_usd');
  const price = page.locator('input[data-price]').first();
  await price.click();
  await price.fill('400');
  await expect.poll(() => metric(page, 'cost.total_monthly_usd')).not.toBe(total);
  await price.fill('400q');
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  await expect(staleBanner(page)).toBeVisible();
  await expect.poll(() => metric(page, 'cost.total_monthly_usd')).toBe(total);
});
