// Accessibility: axe-core finds no violation of WCAG 2.1 A and AA in the page as first shown,
// with a field marked invalid, with a link error shown, or with every formula opened.
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const { open, field } = require('./helpers');

async function violations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the page as first shown', async ({ page }) => {
  await open(page);
  expect(await violations(page)).toEqual([]);
});

test('a field marked invalid, and every formula opened', async ({ page }) => {
  await open(page);
  await field(page, 'Runs per day').fill('abc');
  await expect(field(page, 'Runs per day')).toHaveAttribute('aria-invalid', 'true');
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  expect(await violations(page)).toEqual([]);
});

test('a damaged link', async ({ page }) => {
  await open(page, '/#v1.garbage');
  await expect(page.locator('[role="alert"].link-error')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
