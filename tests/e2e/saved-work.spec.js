// Saved work and links that do not open: localStorage keeps the working scenario; a damaged or
// unknown link says so and leaves that work untouched; a good link that replaces different
// work keeps the work recoverable.
const { test, expect } = require('@playwright/test');
const { open, metric, allMetrics, expectMetric, field, linkInAddress, addressChangedFrom, pickPreset } = require('./helpers');

/** Edits Runs per day to 12345 in a first page and waits for it to be saved. Returns the page's link. */
async function makeLocalWork(page) {
  await open(page);
  const start = await linkInAddress(page);
  await field(page, 'Runs per day').fill('12345');
  await expectMetric(page, 'load.steps_per_day', 12345 * 6);
  return addressChangedFrom(page, start);
}

/** Someone else's scenario, Runs per day 20000: a link made in another browser. */
async function someoneElsesLink(browser) {
  const elsewhere = await browser.newContext();
  try {
    const theirs = await elsewhere.newPage();
    await open(theirs, 'http://127.0.0.1:8787/');
    const start = await linkInAddress(theirs);
    await field(theirs, 'Runs per day').fill('20000');
    await expectMetric(theirs, 'load.steps_per_day', 120000);
    return await addressChangedFrom(theirs, start);
  } finally {
    await elsewhere.close();
  }
}

test('reloading the bare address brings back the edited scenario', async ({ page }) => {
  await makeLocalWork(page);
  const figures = await allMetrics(page);
  await page.goto('about:blank');
  await open(page, '/');
  await expect(field(page, 'Runs per day')).toHaveValue('12,345');
  expect(await allMetrics(page)).toEqual(figures);
  await expect(page.locator('[role="alert"].link-error')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Restore previous scenario' })).toBeHidden();

  // A plain reload (the address bar holding the link) does the same.
  await page.reload();
  await expect(page.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
  await expect(field(page, 'Runs per day')).toHaveValue('12,345');
  await expect(page.getByRole('button', { name: 'Restore previous scenario' })).toBeHidden();
});

const BAD_LINKS = [
  ['cut in half', null, /damaged/i],
  ['garbage payload', 'v1.garbage', /damaged/i],
  ['unknown version', 'v10.abc', /format/i],
];

for (const [what, fixed, message] of BAD_LINKS) {
  test(`a link (${what}) says so and leaves the saved work untouched`, async ({ page, context }) => {
    const good = await makeLocalWork(page);
    const figures = await allMetrics(page);
    let fragment = fixed;
    if (fragment === null) {
      const full = new URL(good).hash.slice(1);
      fragment = full.slice(0, Math.floor(full.length / 2));
    }
    await page.close();

    const other = await context.newPage();
    await other.goto(`/#${fragment}`);
    const alert = other.locator('[role="alert"].link-error');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(message);
    if (what === 'unknown version') {
      await expect(alert).toContainText(/10/);
      await expect(alert).toContainText(/unknown|does not know|newer/i);
    }
    await expect(other.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
    await expect(field(other, 'Runs per day')).toHaveValue('12,345');
    expect(await allMetrics(other)).toEqual(figures);
    await expect(other.getByRole('button', { name: 'Restore previous scenario' })).toBeHidden();

    // The saved work is still there for the next visit.
    await other.goto('about:blank');
    await open(other, '/');
    await expect(field(other, 'Runs per day')).toHaveValue('12,345');
    await expect(other.locator('[role="alert"].link-error')).toBeHidden();
  });
}

test('a damaged link on a first visit falls back to the default preset', async ({ page }) => {
  await page.goto('/#v1.garbage');
  await expect(page.locator('[role="alert"].link-error')).toContainText(/damaged/i);
  await expect(page.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
  await expect(field(page, 'Runs per day')).toHaveValue('10,000');
  expect(await metric(page, 'load.steps_per_day')).toBe(60000);
});

test('opening a link over different local work keeps that work restorable', async ({ page, context, browser }) => {
  const link = await someoneElsesLink(browser);

  await makeLocalWork(page);
  const mine = await allMetrics(page);
  await page.close();

  const tab = await context.newPage();
  await tab.goto(link);
  await expect(tab.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
  await expect(field(tab, 'Runs per day')).toHaveValue('20,000');
  await expectMetric(tab, 'load.steps_per_day', 120000);
  const restore = tab.getByRole('button', { name: 'Restore previous scenario' });
  await expect(restore).toBeVisible();

  await restore.click();
  await expect(field(tab, 'Runs per day')).toHaveValue('12,345');
  await expectMetric(tab, 'load.steps_per_day', 12345 * 6);
  expect(await allMetrics(tab)).toEqual(mine);
});

test('opening a link to the same scenario as the local work offers nothing to restore', async ({ page, context }) => {
  const link = await makeLocalWork(page);
  await page.close();
  const tab = await context.newPage();
  await tab.goto(link);
  await expect(tab.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
  await expect(field(tab, 'Runs per day')).toHaveValue('12,345');
  await expect(tab.getByRole('button', { name: 'Restore previous scenario' })).toBeHidden();
});

test('work a link replaced is still there after a reload, under Recent', async ({ page, context, browser }) => {
  const link = await someoneElsesLink(browser);
  await makeLocalWork(page);
  const mine = await allMetrics(page);
  await page.goto(link);
  await expectMetric(page, 'load.steps_per_day', 120000);
  await page.reload();
  await expectMetric(page, 'load.steps_per_day', 120000);
  // The banner belonged to the moment; the work is kept under Recent.
  await expect(page.getByRole('button', { name: 'Restore previous scenario' })).toBeHidden();
  await page.locator('.recent-toggle').click();
  await page.getByRole('button', { name: 'Open “agent-platform”' }).click();
  await expectMetric(page, 'load.steps_per_day', 12345 * 6);
  expect(await allMetrics(page)).toEqual(mine);
  // The shared scenario it replaced is kept in turn, with its own bill; the work now open is
  // no longer listed.
  await page.locator('.recent-toggle').click();
  const entries = page.locator('.recent-list li');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('You opened a recent scenario.');
  await expect(entries.first().locator('.total')).toHaveText(/^\$[\d,.]+\/month$/);
  await entries.first().getByRole('button').click();
  await expectMetric(page, 'load.steps_per_day', 120000);
});

test('saved work this version cannot open is kept under Recent, with why, to copy', async ({ page }) => {
  await open(page);
  await page.evaluate(() => localStorage.setItem('headroom.scenario', 'v99.made-by-a-newer-version'));
  await page.goto('about:blank');
  await open(page, '/');
  const alert = page.locator('[role="alert"].saved-error');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/format 99/);
  await page.locator('.recent-toggle').click();
  const kept = page.locator('.recent-list li', { hasText: 'Could not be opened' });
  await expect(kept).toContainText(/format 99/);
  await expect(kept.locator('input')).toHaveValue('v99.made-by-a-newer-version');
  // It is still there after the next reload, when the page has saved its own work over it.
  await page.reload();
  await page.locator('.recent-toggle').click();
  await expect(page.locator('.recent-list input')).toHaveValue('v99.made-by-a-newer-version');
});

test('a damaged link stays in the address bar and in its notice, to send back', async ({ page }) => {
  await page.goto('/#v1.garbage');
  const alert = page.locator('[role="alert"].link-error', { hasText: 'damaged' });
  await expect(alert).toBeVisible();
  await expect(alert.locator('input')).toHaveValue('http://127.0.0.1:8787/#v1.garbage');
  // Longer than the address bar's pause after an edit: nothing overwrites it until the user
  // changes the scenario.
  await page.waitForTimeout(1000);
  expect(new URL(page.url()).hash).toBe('#v1.garbage');
  await field(page, 'Runs per day').fill('20000');
  await expect.poll(() => new URL(page.url()).hash).toMatch(/^#v\d+\./);
  // Once the address bar has moved on, the link is still kept under Recent, after a reload too.
  await page.reload();
  await page.locator('.recent-toggle').click();
  const kept = page.locator('.recent-list li', { hasText: 'A link that could not be opened.' });
  await expect(kept).toContainText(/damaged/);
  await expect(kept.locator('input')).toHaveValue('http://127.0.0.1:8787/#v1.garbage');
  // The list closes like a menu.
  await expect(page.locator('.recent-list')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('.recent-list')).toBeHidden();
});

test('work an earlier version set aside moves to Recent', async ({ page }) => {
  const link = await makeLocalWork(page);
  const fragment = new URL(link).hash.slice(1);
  await page.evaluate((f) => {
    localStorage.setItem('headroom.set-aside', f);
    localStorage.removeItem('headroom.recent');
  }, fragment);
  await field(page, 'Runs per day').fill('10000');
  await page.goto('about:blank');
  await open(page, '/');
  await page.locator('.recent-toggle').click();
  await page.getByRole('button', { name: 'Open “agent-platform”' }).click();
  await expect(field(page, 'Runs per day')).toHaveValue('12,345');
  expect(await page.evaluate(() => localStorage.getItem('headroom.set-aside'))).toBeNull();
});

test('a reload straight after a restore shows the restored scenario', async ({ page }) => {
  const mine = await makeLocalWork(page);
  await pickPreset(page, 'workflow-saas');
  // Long enough for the address bar to hold the preset's link.
  await expect.poll(() => page.url()).not.toBe(mine);
  await page.getByRole('button', { name: 'Restore previous scenario' }).click();
  await page.reload();
  await expect(field(page, 'Runs per day')).toHaveValue('12,345');
});

test('two tabs setting work aside keep each other\'s under Recent', async ({ context }) => {
  const a = await context.newPage();
  await open(a);
  await field(a, 'Scenario name').fill('tab a work');
  const b = await context.newPage();
  await open(b, '/');
  await field(b, 'Scenario name').fill('tab b work');
  await pickPreset(a, 'workflow-saas');
  await pickPreset(b, 'ux-flow-engine');
  await expect(b.locator('.recent-toggle')).toBeVisible();
  await a.close();
  await b.close();
  const fresh = await context.newPage();
  await open(fresh, '/');
  await fresh.locator('.recent-toggle').click();
  await expect(fresh.getByRole('button', { name: 'Open “tab a work”' })).toBeVisible();
  await expect(fresh.getByRole('button', { name: 'Open “tab b work”' })).toBeVisible();
});

test('a tab that saves over another tab\'s work keeps that work under Recent', async ({ context }) => {
  const a = await context.newPage();
  await open(a);
  await field(a, 'Scenario name').fill('tab a work');
  await field(a, 'Scenario name').press('Tab');
  const b = await context.newPage();
  await open(b, '/');
  await expect(field(b, 'Scenario name')).toHaveValue('tab a work');
  await field(b, 'Scenario name').fill('tab b work');
  await field(b, 'Scenario name').press('Tab');
  // Tab a goes on editing: its save replaces tab b's work, which is kept.
  await field(a, 'Customers').fill('7');
  await expect(a.locator('.recent-toggle')).toBeVisible();
  await b.close();
  await a.close();
  const fresh = await context.newPage();
  await open(fresh, '/');
  await expect(field(fresh, 'Customers')).toHaveValue('7');
  await fresh.locator('.recent-toggle').click();
  await expect(fresh.getByRole('button', { name: 'Open “tab b work”' })).toBeVisible();
});

test('a reload before the address caught up with the typing shows the work as typed', async ({ page }) => {
  await open(page);
  const start = await linkInAddress(page);
  const name = field(page, 'Scenario name');
  await name.fill('before-reload');
  await addressChangedFrom(page, start);
  await name.fill('typed-just-before-reload');
  await page.reload();
  await expect(field(page, 'Scenario name')).toHaveValue('typed-just-before-reload');
  // Not a shared link: no banner says so.
  await expect(page.getByText('You opened a shared link')).toHaveCount(0);
});
