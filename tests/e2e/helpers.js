// Shared helpers for the end-to-end specs. Not a spec itself (no .spec in the name).
const { expect } = require('@playwright/test');

const ORIGIN = 'http://127.0.0.1:8787';
const HEADLINES = [
  'cost.total_monthly_usd',
  'deal.revenue_monthly_usd',
  'deal.gross_margin_pct',
  'deal.break_even_contract_per_year_usd',
];

/** Opens `path` (default: the bare app address) and waits until the report is shown. */
async function open(page, path = '/') {
  await page.goto(path);
  await reportShown(page);
}

async function reportShown(page) {
  await expect(page.locator('[data-metric="cost.total_monthly_usd"]').first()).toBeVisible();
}

/** The raw value of a metric, from its data-value attribute. */
async function metric(page, id) {
  const raw = await page.locator(`[data-metric="${id}"]`).first().getAttribute('data-value');
  expect(raw, `data-value of ${id}`).not.toBeNull();
  expect(raw.trim(), `data-value of ${id}`).not.toBe('');
  const value = Number(raw);
  expect(Number.isFinite(value), `data-value of ${id} is a number: ${raw}`).toBe(true);
  return value;
}

/** Every metric on the page: id → raw data-value string (first occurrence of each id). */
async function allMetrics(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-metric]')) {
      const id = el.getAttribute('data-metric');
      if (!(id in out)) out[id] = el.getAttribute('data-value');
    }
    return out;
  });
}

/** Waits for a metric to reach a value (recomputation is synchronous, but rendering is not). */
async function expectMetric(page, id, expected, digits) {
  const locator = page.locator(`[data-metric="${id}"]`).first();
  if (digits === undefined) {
    await expect(locator).toHaveAttribute('data-value', String(expected));
  } else {
    await expect.poll(async () => Number(await locator.getAttribute('data-value'))).toBeCloseTo(expected, digits);
  }
}

/**
 * Waits for a metric to come within `relative` of a value, as a share of it: how the share-link
 * corpora hold every recorded figure (tests/links.rs), so that a figure computed more exactly
 * than when it was recorded still matches.
 */
async function expectMetricNear(page, id, expected, relative) {
  const locator = page.locator(`[data-metric="${id}"]`).first();
  await expect
    .poll(async () => {
      const got = Number(await locator.getAttribute('data-value'));
      return Math.abs(got - expected) <= relative * Math.abs(expected) ? expected : got;
    })
    .toBe(expected);
}

/** Picks a preset from the Presets menu, as a person does: open the menu, click its name. */
async function pickPreset(page, id) {
  await page.getByRole('button', { name: 'Presets' }).click();
  await page.locator(`#preset-list button[data-preset="${id}"]`).click();
}

/**
 * Unfolds the form section with this title, as a person does by clicking its heading: a
 * section switched off, or a list with no items, is folded to one line.
 */
async function openSection(page, title) {
  const section = page.locator('details.form-section', {
    has: page.locator(':scope > summary', { hasText: new RegExp(`^${title}( —|$)`) }),
  });
  if ((await section.getAttribute('open')) === null) {
    await section.locator(':scope > summary').click();
  }
  await expect(section).toHaveAttribute('open', '');
}

/** An input by its visible label. */
function field(page, label) {
  return page.getByLabel(label, { exact: true });
}

/** The stale-figures banner. */
function staleBanner(page) {
  return page.locator('[role="status"].stale');
}

/** Waits until the address bar holds a share link (written ~300 ms after the last edit). */
async function linkInAddress(page) {
  await expect.poll(() => page.evaluate(() => location.hash), { message: 'address bar fragment' }).toMatch(/^#v\d+\./);
  return page.evaluate(() => location.href);
}

/** Waits until the address bar fragment differs from `previous` and holds a link. */
async function addressChangedFrom(page, previous) {
  await expect
    .poll(() => page.evaluate(() => location.href), { message: 'address bar updated after the edit' })
    .not.toBe(previous);
  return linkInAddress(page);
}

/**
 * RFC 4180 CSV parser: quoted fields with "" escapes, commas and line breaks inside quotes,
 * CRLF or LF record ends. Returns an array of records (arrays of strings).
 */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let started = false; // whether the current record has any content
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      cell += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (cell !== '') throw new Error(`stray quote inside an unquoted cell at offset ${i}`);
      quoted = true;
      started = true;
      i += 1;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
      started = true;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      started = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += c;
      started = true;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted cell');
  if (started || cell !== '') {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * Records what would make a session unclean: console errors, uncaught exceptions, and any
 * request to a host other than the test server.
 */
function watchPage(page) {
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(`${msg.text()} @ ${JSON.stringify(msg.location())}`);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err && err.stack ? err.stack : err)));
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(`${ORIGIN}/`) || url.startsWith(`blob:${ORIGIN}/`) || url.startsWith('data:')) return;
    problems.foreignRequests.push(url);
  });
  return problems;
}

/** Today's local date as YYYY-MM-DD, as the page sees it. */
function localDate(page) {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
}

module.exports = {
  ORIGIN,
  HEADLINES,
  pickPreset,
  openSection,
  open,
  reportShown,
  metric,
  allMetrics,
  expectMetric,
  expectMetricNear,
  field,
  staleBanner,
  linkInAddress,
  addressChangedFrom,
  parseCsv,
  watchPage,
  localDate,
};
