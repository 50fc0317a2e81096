// "Export CSV": the downloaded file's name, encoding, header and rows, parsed as RFC 4180.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { open, allMetrics, expectMetric, field, metric, parseCsv, localDate, pickPreset } = require('./helpers');

const HEADER = ['section', 'id', 'label', 'value', 'unit', 'formula', 'as_of', 'source'];
const RAW_NUMBER = /^-?(\d+(\.\d+)?|\.\d+)(e[-+]?\d+)?$/i;

async function exportCsv(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  return { name: download.suggestedFilename(), bytes };
}

function checkFile(bytes) {
  // UTF-8 byte-order mark, then the header.
  expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual(HEADER);
  rows.slice(1).forEach((row, i) => expect(row.length, `row ${i + 2} has 8 cells: ${JSON.stringify(row)}`).toBe(8));
  return rows.slice(1).map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]])));
}

test('Export CSV downloads every figure as a raw number, then inputs, prices, findings and the catalog', async ({ page }) => {
  await open(page);
  const { name, bytes } = await exportCsv(page);
  expect(name).toBe(`headroom-agent-platform-${await localDate(page)}.csv`);
  const rows = checkFile(bytes);

  // Sections in order: metrics, then Input, Price, Projection, Finding, and one Catalog row last.
  const order = rows.map((r) => r.section);
  const firstOf = (s) => order.indexOf(s);
  const lastOf = (s) => order.lastIndexOf(s);
  const metricRows = rows.filter((r) => !['Input', 'Price', 'Projection', 'Finding', 'Catalog'].includes(r.section));
  expect(metricRows.length).toBeGreaterThan(10);
  expect(firstOf('Input')).toBe(metricRows.length);
  expect(firstOf('Price')).toBeGreaterThan(lastOf('Input'));
  expect(firstOf('Projection')).toBeGreaterThan(lastOf('Price'));
  if (firstOf('Finding') !== -1) {
    expect(firstOf('Finding')).toBeGreaterThan(lastOf('Projection'));
  }
  // The projection: 24 months × 10 columns (customers, runs, concurrency, instances, LLM, compute, total, revenue, margin, ledger), raw numbers, month 1's total the report's total.
  const projection = rows.filter((r) => r.section === 'Projection');
  expect(projection.length).toBe(24 * 10);
  for (const r of projection) expect(r.value, r.id).toMatch(RAW_NUMBER);
  const month1Total = projection.find((r) => r.id === 'projection.month_01.total_monthly_usd');
  expect(Number(month1Total.value)).toBe(await metric(page, 'cost.total_monthly_usd'));
  expect(order.filter((s) => s === 'Catalog')).toEqual(['Catalog']);
  expect(order[order.length - 1]).toBe('Catalog');
  const catalog = rows[rows.length - 1];
  expect(catalog.id).toBe('catalog.version');
  expect(catalog.value).not.toBe('');

  // One row per metric shown on the page, with the same raw value; every value is a plain number.
  const shown = await allMetrics(page);
  const byId = Object.fromEntries(metricRows.map((r) => [r.id, r]));
  expect(new Set(metricRows.map((r) => r.id)).size, 'metric ids are unique').toBe(metricRows.length);
  for (const [id, raw] of Object.entries(shown)) {
    expect(byId[id], `CSV row for ${id}`).toBeDefined();
    expect(byId[id].value, `${id} is a raw number`).toMatch(RAW_NUMBER);
    expect(Number(byId[id].value), id).toBe(Number(raw));
  }
  for (const r of metricRows) {
    expect(r.value, `${r.id} is a raw number`).toMatch(RAW_NUMBER);
    expect(r.label, `${r.id} has a label`).not.toBe('');
    expect(r.formula, `${r.id} has a formula`).not.toBe('');
  }
  expect(Number(byId['load.steps_per_day'].value)).toBe(60000);
  expect(Number(byId['llm.tokens_per_day'].value)).toBe(150000000);
  expect(Number(byId['llm.cost_per_day_usd'].value)).toBeCloseTo(810, 6);

  // Inputs as typed; prices with their date and source.
  const inputs = Object.fromEntries(rows.filter((r) => r.section === 'Input').map((r) => [r.id, r]));
  expect(inputs['workload.runs_per_day'].value).toBe('10000');
  expect(inputs['llm.model']).toBeDefined();
  const prices = rows.filter((r) => r.section === 'Price');
  expect(prices.length).toBeGreaterThan(0);
  for (const p of prices) {
    expect(p.value, `price ${p.id}`).toMatch(RAW_NUMBER);
    // Catalog prices carry their date; a custom model's prices are typed in, so have none.
    if (!p.id.startsWith('custom.')) expect(p.as_of, `price ${p.id} as_of`).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
    expect(p.source, `price ${p.id} source`).not.toBe('');
  }
  for (const f of rows.filter((r) => r.section === 'Finding')) {
    expect(f.id).not.toBe('');
    expect(f.label, `finding ${f.id} message`).not.toBe('');
  }
});

test('the CSV follows edits', async ({ page }) => {
  await open(page);
  await field(page, 'Runs per day').fill('20000');
  await expectMetric(page, 'load.steps_per_day', 120000);
  const { bytes } = await exportCsv(page);
  const rows = checkFile(bytes);
  const get = (id) => rows.find((r) => r.id === id);
  expect(get('load.steps_per_day').value).toBe('120000');
  expect(get('workload.runs_per_day').value).toBe('20000');
  await expect(page.getByText(/headroom-agent-platform-\d{4}-\d{2}-\d{2}\.csv/)).toBeVisible();
});

test('a scenario name with commas and quotes names the file safely and survives quoting', async ({ page }) => {
  await open(page);
  await field(page, 'Scenario name').fill('Acme, "pilot" =1+1');
  const { name, bytes } = await exportCsv(page);
  expect(name).toBe(`headroom-acme-pilot-1-1-${await localDate(page)}.csv`);
  const rows = checkFile(bytes);
  const nameRow = rows.find((r) => r.section === 'Input' && r.id === 'name');
  expect(nameRow.value).toBe('Acme, "pilot" =1+1');
});

// The page and the command line run the same engine on the same arithmetic (engine/math.rs):
// their CSVs of a preset are the same file, byte for byte. `npm test` builds the command line
// (target/debug/headroom) in its native test step, before this runs.
const CLI = path.join(__dirname, '..', '..', 'target', 'debug', 'headroom');
const PRESET_IDS = ['agent-platform', 'workflow-saas', 'ux-flow-engine', 'inventory-cloud-run', 'agent-swarm-ecs'];

test('every preset exports the same bytes as the command line', async ({ page }) => {
  expect(fs.existsSync(CLI), `${CLI} (built by cargo test or cargo build)`).toBe(true);
  await open(page);
  for (const id of PRESET_IDS) {
    await pickPreset(page, id);
    const { bytes } = await exportCsv(page);
    const cli = execFileSync(CLI, ['eval', '--preset', id, '--format', 'csv']);
    if (!bytes.equals(cli)) {
      // Name the first line that differs, for a readable failure.
      const ours = bytes.toString('utf8').split('\n');
      const theirs = cli.toString('utf8').split('\n');
      const line = ours.findIndex((text, i) => text !== theirs[i]);
      expect(`${id} line ${line + 1}: ${ours[line]}`).toBe(`${id} line ${line + 1}: ${theirs[line]}`);
    }
    expect(bytes.equals(cli), id).toBe(true);
  }
});
