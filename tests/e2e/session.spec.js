// A full session — load, edit, a bad value and its fix, formulas, preset, copy link, CSV export,
// reload, a damaged link and a restore — logs no console error, throws nothing, and sends no
// request to any host but the one serving the app.
const { test, expect } = require('@playwright/test');
const { ORIGIN, open, expectMetric, field, staleBanner, linkInAddress, watchPage, pickPreset } = require('./helpers');

test('a full session is clean and stays on 127.0.0.1:8787', async ({ page, context }) => {
  const problems = watchPage(page);
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));

  await open(page);
  await field(page, 'Runs per day').fill('20000');
  await expectMetric(page, 'load.steps_per_day', 120000);
  await field(page, 'Model').selectOption('gpt-4o-mini');
  await field(page, 'Customers').fill('abc');
  await expect(staleBanner(page)).toBeVisible();
  await field(page, 'Customers').fill('12');
  await expect(staleBanner(page)).toBeHidden();
  await page.locator('[data-metric="load.steps_per_day"]:has(details) summary').click();

  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const link = await linkInAddress(page);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^headroom-agent-platform-\d{4}-\d{2}-\d{2}\.csv$/);
  await download.path();

  await pickPreset(page, 'agent-platform');
  await expectMetric(page, 'load.steps_per_day', 60000);
  await page.getByRole('button', { name: 'Restore previous scenario' }).click();
  await expectMetric(page, 'load.steps_per_day', 120000);

  await page.reload();
  await expectMetric(page, 'load.steps_per_day', 120000);
  await page.goto('/#v1.garbage');
  await expect(page.locator('[role="alert"].link-error')).toBeVisible();
  await page.goto('about:blank');
  await page.goto(link);
  await expectMetric(page, 'load.steps_per_day', 120000);
  await page.waitForTimeout(500); // let the debounced address update and any late work finish

  const foreign = requests.filter(
    (u) => !(u.startsWith(`${ORIGIN}/`) || u.startsWith(`blob:${ORIGIN}/`) || u.startsWith('data:')),
  );
  expect(requests.length).toBeGreaterThan(3);
  expect(foreign, 'requests to other hosts').toEqual([]);
  expect(problems.foreignRequests, 'requests to other hosts').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
  expect(problems.pageErrors, 'uncaught exceptions').toEqual([]);
});
