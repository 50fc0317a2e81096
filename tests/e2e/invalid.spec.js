// A value that is not accepted is flagged on its input, says what is allowed, and leaves the
// report on the last valid figures under a "stale" banner until it is fixed.
const { test, expect } = require('@playwright/test');
const { open, allMetrics, expectMetric, field, staleBanner } = require('./helpers');

/** The text of the elements an input's aria-describedby points at. */
async function description(input) {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => {
        const target = document.getElementById(id);
        return target ? target.textContent : `<missing #${id}>`;
      })
      .join(' | '),
  );
}

const CASES = [
  ['Runs per day', ''],
  ['Runs per day', 'abc'],
  ['Runs per day', '-5'],
  ['Runs per day', '1e300'],
  ['Peak-to-average ratio', '1000'],
  ['Peak-to-average ratio', '0'],
  ['Average run duration', '-1'],
  ['Customers', '1.5e400'],
  ['Maximum instances', 'abc'],
  ['Contract value per customer', '-100'],
];

for (const [label, bad] of CASES) {
  test(`"${bad}" in ${label} is flagged and the report goes stale`, async ({ page }) => {
    await open(page);
    const input = field(page, label);
    const good = await input.inputValue();
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(staleBanner(page)).toBeHidden();
    const before = await allMetrics(page);

    await input.fill(bad);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect.poll(() => description(input), { message: `aria-describedby text of ${label}` }).toContain('Allowed:');
    const banner = staleBanner(page);
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/stale/i);
    // The report keeps the last valid figures.
    expect(await allMetrics(page)).toEqual(before);
    // The bad text stays in the input for the user to fix.
    await expect(input).toHaveValue(bad);

    await input.fill(good);
    await expect(input).toHaveAttribute('aria-invalid', 'false');
    await expect(staleBanner(page)).toBeHidden();
    expect(await description(input)).not.toContain('Allowed:');
    expect(await allMetrics(page)).toEqual(before);
  });
}

test('after a bad value, the next good value recomputes', async ({ page }) => {
  await open(page);
  const runs = field(page, 'Runs per day');
  await runs.fill('abc');
  await expect(staleBanner(page)).toBeVisible();
  await expectMetric(page, 'load.steps_per_day', 60000);
  await runs.fill('20000');
  await expect(runs).toHaveAttribute('aria-invalid', 'false');
  await expect(staleBanner(page)).toBeHidden();
  await expectMetric(page, 'load.steps_per_day', 120000);
});

test('two bad fields keep the banner until both are fixed', async ({ page }) => {
  await open(page);
  const runs = field(page, 'Runs per day');
  const peak = field(page, 'Peak-to-average ratio');
  const peakGood = await peak.inputValue();
  await runs.fill('abc');
  await peak.fill('');
  await expect(staleBanner(page)).toBeVisible();
  await runs.fill('20000');
  await expect(runs).toHaveAttribute('aria-invalid', 'false');
  await expect(peak).toHaveAttribute('aria-invalid', 'true');
  await expect(staleBanner(page)).toBeVisible();
  await peak.fill(peakGood);
  await expect(staleBanner(page)).toBeHidden();
  await expectMetric(page, 'load.steps_per_day', 120000);
});
