// Services in the form: a service is added, typed into, carried by the share link through a
// reload and into a fresh browser, and removed. The report's figures for services are tested
// elsewhere; this spec checks the form, the address bar and the keyboard focus.
const { test, expect } = require('@playwright/test');
const AxeBuilder = require('@axe-core/playwright').default;
const { ORIGIN, open, reportShown, linkInAddress, addressChangedFrom, openSection } = require('./helpers');

/** The input of a field of the service at `index`, by its id (`f-services-0-vcpu`). */
function serviceField(page, index, key) {
  return page.locator(`#f-services-${index}-${key}`);
}

const TYPED = [
  ['name', 'api'],
  ['memory_gib', '4'],
  ['vcpu', '2'],
  ['max_instances', '12'],
];

async function expectTyped(page) {
  await expect(page.getByRole('group', { name: 'Service 1: api' })).toBeVisible();
  for (const [key, value] of TYPED) {
    await expect(serviceField(page, 0, key), key).toHaveValue(value);
  }
  await expect(serviceField(page, 0, 'platform')).toHaveValue('fargate');
  await expect(serviceField(page, 0, 'arch')).toBeVisible();
}

test('a service is added, typed into, kept by the link through a reload, and removed', async ({ page, browser }) => {
  await open(page);
  const start = await linkInAddress(page);
  await openSection(page, 'Services');
  const add = page.getByRole('button', { name: 'Add service' });
  await expect(serviceField(page, 0, 'name')).toHaveCount(0);
  await expect(page.getByText('No service yet.')).toBeVisible();

  // Added: its fields appear, and the keyboard is in its first one.
  await add.click();
  await expect(page.getByRole('group', { name: 'Service 1: service-1' })).toBeVisible();
  await expect(serviceField(page, 0, 'name')).toBeFocused();
  await expect(page.getByText('No service yet.')).toBeHidden();

  // Typed into, the way a person would, one field after another.
  for (const [key, value] of TYPED) {
    await serviceField(page, 0, key).fill(value);
    await expect(serviceField(page, 0, key)).toHaveAttribute('aria-invalid', 'false');
  }
  // Fargate's fields show only on Fargate.
  await expect(serviceField(page, 0, 'arch')).toBeHidden();
  await serviceField(page, 0, 'platform').selectOption('fargate');
  await expect(serviceField(page, 0, 'arch')).toBeVisible();
  await expect(serviceField(page, 0, 'billing')).toBeHidden();

  // A bad value says so beside the field, stays there, and changes nothing until it is fixed.
  const memory = serviceField(page, 0, 'memory_gib');
  await memory.fill('4x');
  await expect(memory).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-services-0-memory_gib-error')).toContainText('is not a number');
  await expect(page.locator('[role="status"].stale')).toBeVisible();
  await expect(memory).toHaveValue('4x');
  await memory.fill('4');
  await expect(memory).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('[role="status"].stale')).toBeHidden();
  await expectTyped(page);

  // The link in the address bar carries the service through a reload…
  const href = await addressChangedFrom(page, start);
  await page.reload();
  await reportShown(page);
  expect(await page.evaluate(() => location.href)).toBe(href);
  await expectTyped(page);

  // …and into a browser that has never seen it (no saved work to fall back on).
  const fresh = await browser.newContext({ baseURL: ORIGIN });
  try {
    const other = await fresh.newPage();
    await other.goto(href);
    await reportShown(other);
    await expectTyped(other);
  } finally {
    await fresh.close();
  }

  // Removed by the button that names it: its fields go, the keyboard goes to "Add service",
  // and the link no longer carries it.
  await page.getByRole('button', { name: 'Remove service api' }).click();
  await expect(serviceField(page, 0, 'name')).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Service 1/ })).toHaveCount(0);
  await expect(add).toBeFocused();
  const removed = await addressChangedFrom(page, href);
  await page.reload();
  await reportShown(page);
  expect(await page.evaluate(() => location.href)).toBe(removed);
  await expect(serviceField(page, 0, 'name')).toHaveCount(0);
});

test('removing a service moves the keyboard to the next one, which has taken its place', async ({ page }) => {
  await open(page);
  await openSection(page, 'Services');
  const add = page.getByRole('button', { name: 'Add service' });
  await add.click();
  await serviceField(page, 0, 'name').fill('gateway');
  await add.click();
  await expect(serviceField(page, 1, 'name')).toBeFocused();
  await serviceField(page, 1, 'name').fill('worker');

  await page.getByRole('button', { name: 'Remove service gateway' }).click();
  const next = page.getByRole('button', { name: 'Remove service worker' });
  await expect(next).toBeFocused();
  await expect(serviceField(page, 0, 'name')).toHaveValue('worker');
  await expect(serviceField(page, 1, 'name')).toHaveCount(0);
  // The keyboard alone removes it too.
  await page.keyboard.press('Enter');
  await expect(serviceField(page, 0, 'name')).toHaveCount(0);
  await expect(add).toBeFocused();
});

test('a service and a switched-on section pass the accessibility checks', async ({ page }) => {
  await open(page);
  await openSection(page, 'Services');
  await page.getByRole('button', { name: 'Add service' }).click();
  await serviceField(page, 0, 'vcpu').fill('abc');
  await expect(serviceField(page, 0, 'vcpu')).toHaveAttribute('aria-invalid', 'true');
  await openSection(page, 'Aurora Serverless v2');
  await page.locator('#f-aurora-enabled').selectOption('yes');
  await expect(page.locator('#f-aurora-min_acu')).toBeVisible();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
});
