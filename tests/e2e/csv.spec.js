// "Export CSV": the downloaded file's name, encoding, header and rows, parsed as RFC 4180.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');
const { open, allMetrics, expectMetric, field, metric, parseCsv, localDate, pickPreset } = require('./helpers');

const HEADER = ['section', 'id', 'label', 'value', 'unit', 'formula', 'severity', 'region', 'as_of', 'source'];
const RAW_NUMBER = /^-?(\d+(\.\d+)?|\.\d+)(e[-+]?\d+)?$/i;

async function exportCsv(page, button = 'Export CSV') {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
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
  rows.slice(1).forEach((row, i) => expect(row.length, `row ${i + 2} has ${HEADER.length} cells: ${JSON.stringify(row)}`).toBe(HEADER.length));
  return rows.slice(1).map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]])));
}

test('Export CSV opens with the answer, then the bill, the inputs, every other figure, prices, findings and the catalog', async ({ page }) => {
  await open(page);
  const { name, bytes } = await exportCsv(page);
  expect(name).toBe(`headroom-agent-platform-${await localDate(page)}.csv`);
  const rows = checkFile(bytes);

  // Blocks in order, each once: Summary, Bill, Input, the metrics by section, Price, Finding, Catalog.
  const blocks = rows.map((r) => r.section).filter((s, i, all) => i === 0 || all[i - 1] !== s);
  expect(blocks.slice(0, 3)).toEqual(['Summary', 'Bill', 'Input']);
  expect(blocks.slice(-3)).toEqual(['Price', 'Finding', 'Catalog']);
  expect(new Set(blocks).size, `each block once: ${blocks}`).toBe(blocks.length);
  const catalog = rows[rows.length - 1];
  expect(catalog.id).toBe('catalog.version');
  expect(catalog.value).not.toBe('');

  // The summary: the headline's figures, the binding limit and the limits not checked.
  const summary = rows.filter((r) => r.section === 'Summary');
  expect(summary.slice(0, 5).map((r) => r.id)).toEqual([
    'cost.total_monthly_usd',
    'deal.cost_per_customer_monthly_usd',
    'deal.revenue_monthly_usd',
    'deal.gross_margin_pct',
    'deal.break_even_contract_per_year_usd',
  ]);
  expect(summary.find((r) => r.id === 'limits.binding_pct').label).toBe('Binding limit: Worker pool slots');
  expect(summary.filter((r) => r.id === 'limits.not_checked').map((r) => r.label)).toEqual([
    'Not checked (no limit typed): LLM requests per minute',
    'Not checked (no limit typed): LLM tokens per minute',
  ]);
  // And what the bill leaves out for want of a price, as the total's card says.
  expect(summary.filter((r) => r.id === 'cost.not_priced').map((r) => r.label)).toEqual([
    'Left out of the bill (no price yet): The PostgreSQL server',
  ]);
  // Money to the cent, and the bill's lines add up to the total, cent for cent.
  const total = summary[0];
  expect(total.value).toBe('24704.04');
  const cents = (v) => Math.round(Number(v) * 100);
  const bill = rows.filter((r) => r.section === 'Bill');
  // The ledger's PostgreSQL server is in the bill at $0.00 until its price is typed.
  expect(bill.map((r) => r.label)).toEqual(['LLM', 'Compute: Cloud Run', 'Database: PostgreSQL server']);
  expect(bill.reduce((sum, r) => sum + cents(r.value), 0)).toBe(cents(total.value));

  // One row per metric shown on the page, each once, as a raw number without float noise.
  const shown = await allMetrics(page);
  const metricRows = rows.filter(
    (r) => !['Input', 'Price', 'Finding', 'Catalog'].includes(r.section) && !r.id.startsWith('limits.') && r.id !== 'cost.not_priced',
  );
  const byId = Object.fromEntries(metricRows.map((r) => [r.id, r]));
  expect(new Set(metricRows.map((r) => r.id)).size, 'metric ids are unique').toBe(metricRows.length);
  for (const [id, raw] of Object.entries(shown)) {
    expect(byId[id], `CSV row for ${id}`).toBeDefined();
    expect(byId[id].value, `${id} is a raw number`).toMatch(RAW_NUMBER);
    const value = Number(raw);
    // Amounts for a period to the cent (a bill line may take the cent that makes the lines add
    // up), other money from a dollar to the cent, the rest to four decimals or four digits.
    const perPeriod = ['USD/month', 'USD/day', 'USD/year'].includes(byId[id].unit);
    const tolerance = perPeriod ? 0.01 : byId[id].unit.startsWith('USD') && Math.abs(value) >= 1 ? 0.005 : Math.abs(value) * 5e-4;
    expect(Math.abs(Number(byId[id].value) - value), `${id}: ${byId[id].value} for ${raw}`).toBeLessThanOrEqual(tolerance + 1e-12);
    expect(byId[id].value.replace(/^-?0\.0*|[.e].*$/g, '').length, `${id} has no float noise`).toBeLessThanOrEqual(10);
  }
  for (const r of metricRows) {
    expect(r.value, `${r.id} is a raw number`).toMatch(RAW_NUMBER);
    expect(r.label, `${r.id} has a label`).not.toBe('');
    expect(r.formula, `${r.id} has a formula`).not.toBe('');
  }
  expect(byId['load.steps_per_day'].value).toBe('60000');
  expect(byId['llm.tokens_per_day'].value).toBe('150000000');
  expect(byId['llm.cost_per_day_usd'].value).toBe('810.00');

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
  for (const p of prices) expect(p.formula, `price ${p.id} keeps its region in its own column`).toBe('');
  for (const f of rows.filter((r) => r.section === 'Finding')) {
    expect(f.id).not.toBe('');
    expect(f.label, `finding ${f.id} message`).not.toBe('');
    expect(['info', 'warning']).toContain(f.severity);
    expect(f.unit).toBe('');
  }
});

test('Export projection lays the plan out month by month, months as columns, from the launch', async ({ page }) => {
  await open(page);
  await field(page, 'Customers at 12 months').fill('4');
  await expect(page.locator('.projection-chart')).toBeVisible();
  const { name, bytes } = await exportCsv(page, 'Export projection');
  expect(name).toBe(`headroom-agent-platform-projection-${await localDate(page)}.csv`);
  expect([...bytes.subarray(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.toString('utf8').slice(1));
  expect(rows[0].slice(0, 5)).toEqual(['id', 'label', 'unit', 'Launch', 'Month 1']);
  expect(rows[0][rows[0].length - 1]).toBe('Month 24');
  for (const row of rows) expect(row.length).toBe(3 + 25);
  const byId = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  expect(byId['projection.customers'].slice(3, 5)).toEqual(['1', '1']);
  expect(byId['projection.customers'][3 + 12]).toBe('4');
  expect(byId['projection.total_monthly_usd'][3]).toBe('24704.04');
  expect(byId['projection.total_monthly_usd'][2]).toBe('USD/month');
  for (const row of rows.slice(1)) for (const cell of row.slice(3)) expect(cell, row[0]).toMatch(RAW_NUMBER);
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
    const { bytes: plan } = await exportCsv(page, 'Export projection');
    expect(plan.equals(execFileSync(CLI, ['eval', '--preset', id, '--format', 'projection-csv'])), `${id} projection`).toBe(true);
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
