// Compare and scale, as a product manager uses it: open the panel, size seed 002 at 100, 1,000
// and 10,000 users and read where each limit breaks (the same figures as `headroom tiers` on
// the command line); save scenarios by name, rename, delete and bring one back, move them to
// another browser as a file; compare the scenario with a saved one and share the comparison
// as one link. The panel is its own module: a first visit fetches none of it.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { open, pickPreset, reportShown, linkInAddress } = require('./helpers');

const CLI = path.join(__dirname, '..', '..', 'target', 'debug', 'headroom');
const PANEL_FILES = ['/analyses-start.js', '/analyses.css', '/analyses.js', '/analyses_bg.wasm'];

/** Opens the compare-and-scale panel and waits for its tabs. */
async function openPanel(page) {
  await page.getByRole('button', { name: 'Open tiers, breaking points and compare' }).click();
  await expect(page.getByRole('tab', { name: 'Tiers and breaking points' })).toBeVisible();
}

/** The tiers table's cells in the row of this column key, as shown. */
async function tierRow(page, key) {
  return page.locator(`table.tiers tr[data-key="${key}"] td`).allTextContents();
}

/** Saves the page's scenario under `name` from the Saved scenarios tab. */
async function save(page, name) {
  await page.getByRole('tab', { name: 'Saved scenarios' }).click();
  await page.locator('.save-name').fill(name);
  await page.getByRole('button', { name: 'Save this scenario' }).click();
  await expect(page.locator('.saved-status [role="status"]')).toContainText(`Saved “${name}”`);
}

test('a first visit fetches none of the panel; opening it fetches its four files from this origin', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url())));
  await open(page);
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((u) => u.pathname.startsWith('/analyses'))).toEqual([]);
  // The link under the answer opens the panel and brings it to the top of the window.
  await page.getByRole('button', { name: 'Tiers, breaking points and compare ↓' }).click();
  await expect(page.locator('table.tiers')).toBeVisible();
  await expect(page.locator('#compare-and-scale')).toBeFocused();
  const top = (await page.locator('#compare-and-scale').boundingBox()).y;
  expect(top).toBeGreaterThanOrEqual(-1);
  expect(top).toBeLessThan(40);
  const panel = fetched.filter((u) => u.pathname.startsWith('/analyses'));
  expect(panel.map((u) => u.pathname).sort()).toEqual([...PANEL_FILES].sort());
  expect(panel.every((u) => u.origin === new URL(page.url()).origin)).toBe(true);
});

test('seed 002 at 100, 1,000 and 10,000 users: the tiers and breaking points match the command line', async ({ page }) => {
  await open(page);
  await pickPreset(page, 'ux-flow-engine');
  await reportShown(page);
  await openPanel(page);
  // The seed document's own tiers, in one click.
  await page.getByRole('button', { name: "The seed's tiers: 100, 1,000, 10,000" }).click();
  await expect(page.getByLabel('Driver')).toHaveValue('users.concurrent_peak');
  const values = page.getByLabel('Values');
  await expect(values).toHaveValue('100, 1,000, 10,000');
  await expect(page.locator('table.tiers thead th')).toHaveText(['Concurrent users at the peak', '100', '1,000', /^10,000\s*past a limit$/]);
  // The tier past a limit says so; its figures are what it would need.
  await expect(page.locator('table.tiers thead th.over')).toHaveCount(1);

  const cli = JSON.parse(
    execFileSync(CLI, ['tiers', '--preset', 'ux-flow-engine', '--driver', 'users.concurrent_peak', '--values', '100,1000,10000', '--format', 'json']),
  );
  // Every figure of every tier is the command line's, as the page formats it ("—" for none).
  const rows = await page.locator('table.tiers tbody tr[data-key]').evaluateAll((trs) => trs.map((tr) => tr.dataset.key));
  expect(rows).toEqual(cli.columns.map((c) => c.key));
  const cognitive = await tierRow(page, 'services.1.instances_peak');
  expect(cognitive).toEqual(cli.tiers.map((t) => String(t.figures['services.1.instances_peak'])));
  expect(await tierRow(page, 'services.1.p95_response_ms')).toEqual(['2,750', '3,066', '—']);
  // The tightest limit is over its maximum at 10,000 users, and says so.
  await expect(page.locator('table.tiers tr.binding td.over')).toHaveCount(1);
  await expect(page.locator('table.tiers tr.binding td').nth(2)).toContainText('cognitive-core: maximum instances: 916.7% used');

  // Breaking points, first reached first: seed 002's AI service at its maximum at 1,091 users.
  const points = page.locator('ol.breaking-points li');
  await expect(points).toHaveCount(cli.breaking_points.length);
  await expect(points.first()).toHaveText('cognitive-core: maximum instances reached at 1,091 users (91.7% used today)');
  expect(cli.breaking_points[0]).toMatchObject({ reached: 'at', value: 1091 });

  // The charts: bars by category for each tier, the p95 against the load, the breaking points.
  await expect(page.locator('figure.tiers-chart rect.bar')).toHaveCount(3 * 4 + 4);
  await expect(page.locator('figure.p95-chart polyline').first()).toBeVisible();
  await expect(page.locator('figure.breaking-chart circle.breaking-mark')).toHaveCount(cli.breaking_points.length);

  // An edit in the form moves the panel at once: today's value follows the scenario.
  await page.locator('#f-users-concurrent_peak').fill('2000');
  await expect(page.locator('#tier-values-help')).toContainText('Today 2,000 users');
  await expect(points.first()).toContainText('(183.3% used today)');

  // Values the driver does not take are refused at the field, and the last tiers stay.
  await values.fill('100, lots');
  await values.press('Enter');
  await expect(values).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#analyses-root [role="alert"]')).toBeVisible();
});

test('saved scenarios: save, rename, delete and undo, and move to another browser as a file', async ({ page, browser }) => {
  await open(page);
  await openPanel(page);
  await save(page, 'Base deal');
  await pickPreset(page, 'ux-flow-engine');
  await reportShown(page);
  await save(page, 'Seed 002');
  const names = page.locator('table.saved-list tbody th');
  await expect(names).toHaveText(['Seed 002', 'Base deal']);

  // Rename, refusing a name in use.
  await page.getByRole('button', { name: 'Rename Base deal' }).click();
  const rename = page.locator('input.rename');
  await expect(rename).toBeFocused();
  await rename.fill('Seed 002');
  await rename.press('Enter');
  await expect(page.locator('table.saved-list [role="alert"]')).toContainText('Another saved scenario is named “Seed 002”');
  await rename.fill('Customer plan');
  await rename.press('Enter');
  await expect(names).toHaveText(['Seed 002', 'Customer plan']);

  // Delete, then bring it back.
  await page.getByRole('button', { name: 'Delete Customer plan' }).click();
  await expect(names).toHaveText(['Seed 002']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(names).toHaveText(['Seed 002', 'Customer plan']);

  // Saved scenarios survive a reload.
  await page.reload();
  await reportShown(page);
  await openPanel(page);
  await page.getByRole('tab', { name: 'Saved scenarios' }).click();
  await expect(names).toHaveText(['Seed 002', 'Customer plan']);

  // Export, then import into a browser that has none.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export saved scenarios' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^headroom-scenarios-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = fs.readFileSync(await download.path(), 'utf8');
  expect(file.split('\r\n')[0]).toBe('name,link,saved_at_ms');

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await open(fresh);
  await openPanel(fresh);
  await fresh.getByRole('tab', { name: 'Saved scenarios' }).click();
  await expect(fresh.getByText('No scenario is saved yet.')).toBeVisible();
  await fresh.locator('.saved-files input[type="file"]').setInputFiles({ name: 'scenarios.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(fresh.locator('.saved-status [role="status"]')).toHaveText('Imported 2 scenarios.');
  await expect(fresh.locator('table.saved-list tbody th')).toHaveText(['Seed 002', 'Customer plan']);
  // The same file again adds nothing.
  await fresh.locator('.saved-files input[type="file"]').setInputFiles({ name: 'scenarios.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await expect(fresh.locator('.saved-status [role="status"]')).toHaveText('Imported 0 scenarios; 2 were already saved.');

  // Opening a saved scenario replaces the work, which is kept under Recent.
  await fresh.getByRole('button', { name: 'Open Seed 002' }).click();
  await expect(fresh.getByLabel('Scenario name')).toHaveValue('ux-flow-engine');
  await other.close();
});

test('compare with a saved scenario, then share the comparison as one link that opens to it', async ({ page, browser }) => {
  await open(page);
  await pickPreset(page, 'ux-flow-engine');
  await reportShown(page);
  await openPanel(page);
  await save(page, 'As quoted');
  await page.locator('#f-users-concurrent_peak').fill('1500');
  await linkInAddress(page);

  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByLabel('Compare this scenario with').selectOption({ label: 'As quoted' });
  const inputs = page.locator('table.compare-inputs tbody tr');
  await expect(inputs).toHaveCount(1);
  await expect(inputs.first()).toHaveAttribute('data-path', 'users.concurrent_peak');
  await expect(inputs.first().locator('td')).toHaveText(['Changed', '1000', '1500']);
  const total = page.locator('table.compare-figures tr[data-id="cost.total_monthly_usd"] td');
  await expect(total.nth(0)).toHaveText('$1,350/month');
  await expect(total.nth(2)).toContainText('+$');

  // The comparison as a link: opened elsewhere, it shows the same comparison.
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const sharer = await context.newPage();
  await sharer.goto(page.url());
  await reportShown(sharer);
  await openPanel(sharer);
  await sharer.getByRole('tab', { name: 'Compare' }).click();
  await sharer.getByLabel('or a link').fill(await page.evaluate(() => location.href));
  await sharer.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(sharer.locator('.compare-same')).toContainText('are the same');
  // Back in the first page: copy the comparison link and open it in a fresh browser.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy comparison link' }).click();
  await expect(page.locator('.compare-actions [role="status"]')).toHaveText('Comparison link copied');
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  expect(shared).toContain('~vs~');
  await context.close();

  const elsewhere = await browser.newContext();
  const reader = await elsewhere.newPage();
  await reader.goto(shared);
  await reportShown(reader);
  await expect(reader.getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  await expect(reader.locator('table.compare-inputs tbody tr td')).toHaveText(['Changed', '1000', '1500']);
  await expect(reader.locator('table.compare-figures tr[data-id="cost.total_monthly_usd"] td').nth(0)).toHaveText('$1,350/month');
  await expect(reader.locator('#f-users-concurrent_peak')).toHaveValue('1,500');
  await elsewhere.close();
});

test('a damaged link pasted to compare is refused with its reason, and a panel that cannot load says so', async ({ page }) => {
  await open(page);
  await openPanel(page);
  await page.getByRole('tab', { name: 'Compare' }).click();
  await page.getByLabel('or a link').fill('https://example.com/#v8.AAAA');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.locator('#analyses-root [role="alert"]')).toContainText('damaged');

  // A comparison link whose other scenario is damaged: the page opens its own scenario, says
  // why the other did not open, and keeps the other's link as it came, to copy.
  const own = (await linkInAddress(page)).split('#')[1];
  const mixed = await page.context().newPage();
  await mixed.goto(`/#${own}~vs~v8.AAAA`);
  await reportShown(mixed);
  await expect(mixed.locator('#analyses-root [role="alert"]')).toContainText("The comparison link's other scenario did not open");
  const kept = mixed.getByLabel("The other scenario's link as it came, to copy:");
  await expect(kept).toHaveValue(/#v8\.AAAA$/);
  await expect.poll(() => mixed.evaluate(() => location.hash)).toBe(`#${own}`);
  await expect(kept).toHaveValue(/#v8\.AAAA$/);
  await mixed.close();

  const broken = await page.context().newPage();
  await broken.route('**/analyses_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await open(broken);
  await broken.getByRole('button', { name: 'Open tiers, breaking points and compare' }).click();
  await expect(broken.locator('#analyses-root [role="alert"]')).toHaveText('Compare and scale could not be loaded. Reload the page to try again.');
  // The page itself goes on working.
  await expect(broken.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
});
