// Every preset in the real page: pick it, see its headline numbers — the same figures the
// native engine recorded for it in the newest share-link corpus that records presets as they
// are (tests/links/v<N>.txt, "preset as is"), and a link of that format in the address bar: a
// preset has no ranges, so its link is of the newest format without them.
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { open, metric, pickPreset } = require('./helpers');

const LINKS = path.join(__dirname, '..', 'links');

/** The newest link format whose corpus tests/links/v<N>.txt records the presets as they are. */
const FORMAT = Math.max(
  ...fs
    .readdirSync(LINKS)
    .filter((name) => /preset as is/.test(fs.readFileSync(path.join(LINKS, name), 'utf8')))
    .map((name) => Number(/^v(\d+)\.txt$/.exec(name)?.[1] ?? 0)),
);

/** The corpus entries recorded for each preset as is: preset id → { metric id: value }. */
function recordedPresets() {
  const text = fs.readFileSync(path.join(LINKS, `v${FORMAT}.txt`), 'utf8');
  const lines = text.split('\n');
  const presets = {};
  lines.forEach((line, i) => {
    const named = /^# (\S+) preset as is/.exec(line);
    if (!named) return;
    const [, ...pairs] = lines[i + 1].split(' ');
    presets[named[1]] = Object.fromEntries(
      pairs.map((pair) => {
        const [id, value] = pair.split('=');
        return [id, Number(value)];
      }),
    );
  });
  return presets;
}

const PRESETS = recordedPresets();

test('the corpus records every preset', () => {
  expect(Object.keys(PRESETS).sort()).toEqual(
    ['agent-platform', 'agent-swarm-ecs', 'inventory-cloud-run', 'ux-flow-engine', 'workflow-saas'],
  );
});

for (const [id, recorded] of Object.entries(PRESETS)) {
  test(`picking ${id} shows its headline numbers`, async ({ page }) => {
    await open(page);
    await pickPreset(page, id);
    await expect(page.getByLabel('Scenario name')).toHaveValue(id);
    for (const [metricId, value] of Object.entries(recorded)) {
      await expect
        .poll(() => metric(page, metricId), { message: `${id}: ${metricId}` })
        .toBeCloseTo(value, 6);
    }
    // The headline cards: cost, revenue, margin, break-even, and the binding limit.
    const cards = page.locator('.headlines .card:not([hidden])');
    await expect(cards).toHaveCount(5);
    await expect(cards.first()).toContainText('$');
    await expect(cards.last()).toContainText('Binding limit');
    // Its cost lines are drawn in the breakdown, and the link now carries the preset.
    await expect(page.locator('[data-category]').first()).toBeVisible();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(new RegExp(`^#v${FORMAT}\\.`));
  });
}

test('each seed preset names its binding limit or finding', async ({ page }) => {
  await open(page);
  const expectations = {
    'ux-flow-engine': 'cognitive-core',
    'agent-swarm-ecs': 'Aurora max_connections',
    'inventory-cloud-run': 'tai-api',
  };
  for (const [id, text] of Object.entries(expectations)) {
    await pickPreset(page, id);
    await expect(page.locator('[data-finding="headroom.tightest_limit"]')).toContainText(text);
  }
});
