// Page benchmark and BENCHMARKS.md writer, run by `.ci/bench` after `cargo bench --bench engine`
// and `trunk build --release --offline`:
//   - the first-visit files in dist/ (everything index.html references, plus index.html), raw,
//     gzipped at level 9 and, beside it, brotli at quality 11;
//   - the time from navigation start to the report being shown, over fresh browser contexts
//     (no cache, no saved work) on loopback;
//   - criterion's estimates for the engine benchmarks (target/criterion/*/new/estimates.json).
// Timings are reported, never asserted: this exits 0 whatever it measures.
//   node tests/bench/page.js [--runs N] [--out BENCHMARKS.md]
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const zlib = require('zlib');
const { spawn, execFileSync } = require('child_process');
const { chromium } = require('@playwright/test');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const CRITERION = path.join(ROOT, 'target', 'criterion');
const { launchOptions } = require(path.join(ROOT, 'playwright.config.js')).use;

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(opt('--runs', '15'));
// Loads of the page's Monte Carlo run: one load's time ranges over a third of the median (the
// worker's WebAssembly is compiled afresh in each new context and tiers up as it runs), so the
// median is of as many loads as the report's.
const MONTE_CARLO_LOADS = 15;
const OUT = path.resolve(ROOT, opt('--out', 'BENCHMARKS.md'));
const PORT = Number(process.env.BENCH_PORT || 8788);
const URL_ROOT = `http://127.0.0.1:${PORT}/`;

const BUDGET = {
  transferBytes: 300 * 1024, // first visit, gzipped (tests/e2e/size.spec.js checks the same)
  reportMs: 500, // navigation start → report shown
  evaluateNs: 50_000, // engine::evaluate of the agent-platform preset
  figuresNs: 5_000, // engine::evaluate_figures of the agent-platform preset
  growingNs: 1_000_000, // the same, growing, with a 36-month projection: within one frame
  heaviestNs: 16_000_000, // the heaviest scenario built within the valid ranges: one frame at 60 Hz
  monteCarloNs: 50_000_000, // 10,000 samples of the largest preset, no projection, natively
  monteCarloPageMs: 150, // the same in Chromium
  tiersNs: 20_000_000, // tiers of ten values on the largest preset, natively
};

/** The link of the largest preset with the ranges `tests/bench/engine.rs` draws for it. */
function uncertainLink() {
  const cli = path.join(ROOT, 'target', 'release', 'headroom');
  const scenario = execFileSync(cli, [
    'eval', '--preset', 'ux-flow-engine',
    '--set', 'users.concurrent_peak=700..1500',
    '--set', 'users.requests_per_user_per_s=0.5..2',
    '--set', 'services.1.latency_ms=1000..4000',
    '--format', 'scenario',
  ], { encoding: 'utf8' });
  const file = path.join(ROOT, 'target', 'bench', 'uncertain.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, scenario);
  return execFileSync(cli, ['link', file], { encoding: 'utf8' }).trim();
}

/**
 * The page's own timing of its Monte Carlo run of `link`, in fresh contexts: for each of `runs`
 * loads, the time the engine computed the samples of the launch (the panel's data-computing-ms:
 * the worker's slices added up) and the time from the request's posting to the worker to its
 * last sample of the launch (data-samples-ms: the messages and the worker's time between slices
 * included), in ms. The worker is started by the load itself, so its download and compilation
 * come before the request is posted and count in neither.
 */
async function monteCarloInPage(browser, link, runs) {
  const times = { computing: [], samples: [] };
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${URL_ROOT}${link}`);
    const lead = page.locator('.uncertainty .lead[data-total-ms]:not([data-total-ms="0"])');
    await lead.waitFor({ state: 'attached', timeout: 60_000 });
    times.computing.push(Number(await lead.getAttribute('data-computing-ms')));
    times.samples.push(Number(await lead.getAttribute('data-samples-ms')));
    await context.close();
  }
  return times;
}

// ---------------------------------------------------------------------------------------------
// First-visit files.

function firstVisitFiles() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const refs = new Set(['index.html']);
  // Attribute values quoted or not (the release build minifies the page), including the
  // data-js and data-wasm that public/start.js loads.
  for (const m of html.matchAll(/(?:href|src|data-js|data-wasm|module_or_path)\s*[=:]\s*(['"]?)\/?([^'"#?\s>]+)\1/g)) {
    const rel = m[2];
    if (!/^[a-z]+:/i.test(rel) && fs.existsSync(path.join(DIST, rel))) refs.add(rel);
  }
  for (const m of html.matchAll(/from\s+['"]\/?([^'"]+\.js)['"]/g)) {
    if (fs.existsSync(path.join(DIST, m[1]))) refs.add(m[1]);
  }
  return measured([...refs]);
}

/** The files fetched only when first used: the Monte Carlo worker and the compare panel. */
const ON_DEMAND = {
  'the Monte Carlo worker (a scenario\'s first range)': ['worker-start.js', 'worker.js', 'worker_bg.wasm'],
  'the compare-and-scale panel (first opened)': ['analyses-start.js', 'analyses.js', 'analyses_bg.wasm', 'analyses.css'],
};

/** Each file's size raw, gzip -9 and brotli 11, by kind. */
function measured(names) {
  const kind = (f) => {
    if (f.endsWith('.wasm')) return 'wasm';
    if (f.endsWith('.js')) return 'js';
    if (f.endsWith('.css')) return 'css';
    if (f.endsWith('.html')) return 'html';
    return 'icon/other';
  };
  const files = names.map((f) => {
    const body = fs.readFileSync(path.join(DIST, f));
    const brotli = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
    return {
      file: f,
      kind: kind(f),
      raw: body.length,
      gzip: zlib.gzipSync(body, { level: 9 }).length,
      brotli: brotli.length,
    };
  });
  const order = { html: 0, js: 1, wasm: 2, css: 3, 'icon/other': 4 };
  files.sort((a, b) => order[a.kind] - order[b.kind] || a.file.localeCompare(b.file));
  return files;
}

// ---------------------------------------------------------------------------------------------
// Criterion estimates.

function criterionResults() {
  const out = [];
  if (!fs.existsSync(CRITERION)) return out;
  // A benchmark's results are in <name>/new, a group's in <group>/<name>/new.
  const dirs = fs.readdirSync(CRITERION).flatMap((dir) =>
    fs.existsSync(path.join(CRITERION, dir, 'new')) || !fs.statSync(path.join(CRITERION, dir)).isDirectory()
      ? [dir]
      : fs.readdirSync(path.join(CRITERION, dir)).map((sub) => path.join(dir, sub)),
  );
  for (const dir of dirs) {
    const base = path.join(CRITERION, dir, 'new');
    const est = path.join(base, 'estimates.json');
    if (!fs.existsSync(est)) continue;
    const e = JSON.parse(fs.readFileSync(est, 'utf8'));
    let name = dir;
    try {
      name = JSON.parse(fs.readFileSync(path.join(base, 'benchmark.json'), 'utf8')).full_id || dir;
    } catch (_) {
      /* keep the directory name */
    }
    out.push({
      name,
      meanNs: e.mean.point_estimate,
      meanLo: e.mean.confidence_interval.lower_bound,
      meanHi: e.mean.confidence_interval.upper_bound,
      medianNs: e.median.point_estimate,
      mtime: fs.statSync(est).mtime,
    });
  }
  out.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Page load timing.

function waitForServer(url, deadlineMs) {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve();
      });
      req.on('error', () => {
        if (Date.now() - start > deadlineMs) reject(new Error(`no server at ${url}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

// Runs in the page before its own scripts: notes when the total-cost card first holds a value,
// and the next animation frame after that (the report painted).
function observeReport() {
  const selector = '[data-metric="cost.total_monthly_usd"]';
  window.__bench = {};
  const check = () => {
    const el = document.querySelector(selector);
    if (!el || window.__bench.inDom) return;
    if (!el.getAttribute('data-value') || !el.checkVisibility()) return;
    window.__bench.inDom = performance.now();
    requestAnimationFrame(() => {
      window.__bench.frame = performance.now();
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

async function pageTimings(browser) {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) {
    const context = await browser.newContext(); // fresh: no cache, no localStorage
    const page = await context.newPage();
    await page.addInitScript(observeReport);
    await page.goto(URL_ROOT, { waitUntil: 'commit' });
    await page.locator('[data-metric="cost.total_monthly_usd"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => window.__bench && window.__bench.frame !== undefined, null, { timeout: 10_000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        shown: window.__bench.frame,
        inDom: window.__bench.inDom,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      };
    });
    runs.push(t);
    await context.close();
  }
  return runs;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
};

// ---------------------------------------------------------------------------------------------
// Report.

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const fmtNs = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
const verdict = (ok) => (ok === null ? 'not measured' : ok ? 'pass' : 'FAIL');

function sh(cmd, argv) {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (_) {
    return 'unknown';
  }
}

/** Where `.ci/bench` and `.ci/fuzz --record` leave their summaries (Markdown). */
const AT_SCALE = path.join(ROOT, 'target', 'bench', 'at-scale.md');
const FUZZ = path.join(ROOT, 'target', 'bench', 'fuzz.md');
const VERSUS_SQUIGGLE = path.join(ROOT, 'target', 'bench', 'versus-squiggle.md');

/**
 * The body of a section written by another step: the summary it left in `fresh`, else the body
 * of `heading` in the last BENCHMARKS.md, without the heading.
 */
function freshOrKept(fresh, heading) {
  if (fs.existsSync(fresh)) return fs.readFileSync(fresh, 'utf8').trim();
  const kept = keptSection(OUT, heading);
  if (!kept) return '';
  return kept.split('\n').slice(1).join('\n').trim();
}

/** The section of `file` that starts with `heading`, up to the next `## ` heading, trimmed. */
function keptSection(file, heading) {
  if (!fs.existsSync(file)) return '';
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) return '';
  const next = text.indexOf('\n## ', start + heading.length);
  return text.slice(start, next < 0 ? undefined : next).trim();
}

async function main() {
  const files = firstVisitFiles();
  const totalRaw = files.reduce((s, f) => s + f.raw, 0);
  const totalGz = files.reduce((s, f) => s + f.gzip, 0);
  const totalBr = files.reduce((s, f) => s + f.brotli, 0);
  console.log('first-visit files (dist/):');
  for (const f of files) console.log(`  ${f.file.padEnd(44)} ${String(f.raw).padStart(9)} B ${String(f.gzip).padStart(9)} B gz`);
  console.log(`  ${'total'.padEnd(44)} ${String(totalRaw).padStart(9)} B ${String(totalGz).padStart(9)} B gz`);

  const server = spawn('python3', ['-m', 'http.server', String(PORT), '-d', DIST, '--bind', '127.0.0.1'], {
    stdio: 'ignore',
  });
  let browser;
  let runs;
  let monteCarlo;
  let browserVersion;
  try {
    await waitForServer(URL_ROOT, 15_000);
    browser = await chromium.launch({ ...launchOptions, headless: true });
    browserVersion = browser.version();
    // One warm-up load (process start-up, disk cache of the OS), not counted.
    const warm = await browser.newContext();
    const wp = await warm.newPage();
    await wp.goto(URL_ROOT);
    await wp.locator('[data-metric="cost.total_monthly_usd"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    await warm.close();
    runs = await pageTimings(browser);
    monteCarlo = await monteCarloInPage(browser, uncertainLink(), MONTE_CARLO_LOADS);
  } finally {
    if (browser) await browser.close();
    server.kill();
  }
  const shown = runs.map((r) => r.shown);
  const inDom = runs.map((r) => r.inDom);
  const med = quantile(shown, 0.5);
  const p90 = quantile(shown, 0.9);
  console.log(`report shown (navigation start → first frame with the report), ${runs.length} fresh loads:`);
  console.log(`  median ${med.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, min ${Math.min(...shown).toFixed(1)} ms, max ${Math.max(...shown).toFixed(1)} ms`);

  const bench = criterionResults();
  for (const b of bench) console.log(`criterion ${b.name}: mean ${fmtNs(b.meanNs)}, median ${fmtNs(b.medianNs)}`);
  const evaluate = bench.find((b) => b.name === 'evaluate agent-platform');
  const figures = bench.find((b) => b.name === 'evaluate agent-platform, figures only');
  const growing = bench.find((b) => b.name === 'evaluate agent-platform growing over 36 months');
  // The preset whose recompute, with a 36-month projection, takes longest.
  const slowest = bench
    .filter((b) => /^evaluate \S+ over 36 months$/.test(b.name))
    .sort((a, b) => b.meanNs - a.meanNs)[0];
  // The heaviest scenario built within the valid ranges (tests/scenarios/heaviest.rs).
  const heaviest = bench
    .filter((b) => b.name.startsWith('evaluate the heaviest: '))
    .sort((a, b) => b.meanNs - a.meanNs)[0];
  const monteCarloNative = bench.find((b) => b.name === 'monte carlo/ux-flow-engine, 10000 samples, no projection');
  const tiers = bench.find((b) => b.name === 'scaling/ux-flow-engine, tiers of 10 values');
  const breaking = bench.find((b) => b.name === 'scaling/ux-flow-engine, breaking points');
  const monteCarloPage = quantile(monteCarlo.computing, 0.5);
  const monteCarloWall = quantile(monteCarlo.samples, 0.5);

  const date = new Date().toISOString().slice(0, 10);
  const machine = {
    nproc: sh('nproc', []),
    arch: sh('uname', ['-m']),
    kernel: sh('uname', ['-sr']),
    cpu: (os.cpus()[0] || {}).model || 'unknown',
    memGiB: (os.totalmem() / 2 ** 30).toFixed(0),
    chromium: browserVersion,
    rustc: sh('rustc', ['--version']),
    node: process.version,
  };

  const md = [];
  md.push('# Benchmarks');
  md.push('');
  md.push(`Measured on ${date} by \`npm run bench\` (\`.ci/bench\`). Timings are reported here, never asserted by CI;`);
  md.push('the transfer budget is also checked by `tests/e2e/size.spec.js` in `npm test`.');
  md.push('');
  md.push('## Budgets');
  md.push('');
  md.push('| budget | limit | measured | result |');
  md.push('| --- | --- | --- | --- |');
  md.push(`| first-visit transfer (gzip -9, all files) | ≤ ${BUDGET.transferBytes / 1024} KB (${BUDGET.transferBytes.toLocaleString('en-US')} B) | ${kb(totalGz)} (${totalGz.toLocaleString('en-US')} B); brotli ${kb(totalBr)} | ${verdict(totalGz <= BUDGET.transferBytes)} |`);
  md.push(`| report shown after navigation start (median of ${runs.length}) | ≤ 500 ms | ${med.toFixed(1)} ms (p90 ${p90.toFixed(1)} ms) | ${verdict(med <= BUDGET.reportMs)} |`);
  md.push(`| \`engine::evaluate\`, agent-platform preset (criterion mean) | ≤ 50 µs | ${evaluate ? `${fmtNs(evaluate.meanNs)} (median ${fmtNs(evaluate.medianNs)})` : 'not run'} | ${verdict(evaluate ? evaluate.meanNs <= BUDGET.evaluateNs : null)} |`);
  md.push(`| \`engine::evaluate_figures\`, agent-platform preset: figures only, no formulas or projection (criterion mean) | ≤ 5 µs | ${figures ? `${fmtNs(figures.meanNs)} (median ${fmtNs(figures.medianNs)})` : 'not run'} | ${verdict(figures ? figures.meanNs <= BUDGET.figuresNs : null)} |`);
  md.push(`| \`engine::evaluate\`, agent-platform growing, 36-month projection (criterion mean) | ≤ 1 ms | ${growing ? `${fmtNs(growing.meanNs)} (median ${fmtNs(growing.medianNs)})` : 'not run'} | ${verdict(growing ? growing.meanNs <= BUDGET.growingNs : null)} |`);
  md.push(`| \`engine::evaluate\`, slowest preset with a 36-month projection${slowest ? ` (${slowest.name.split(' ')[1]})` : ''} (criterion mean) | ≤ 1 ms | ${slowest ? `${fmtNs(slowest.meanNs)} (median ${fmtNs(slowest.medianNs)})` : 'not run'} | ${verdict(slowest ? slowest.meanNs <= BUDGET.growingNs : null)} |`);
  md.push(`| \`engine::evaluate\`, heaviest scenario built within the valid ranges${heaviest ? ` (${heaviest.name.replace('evaluate the heaviest: ', '')})` : ''} (criterion mean) | ≤ 16 ms | ${heaviest ? `${fmtNs(heaviest.meanNs)} (median ${fmtNs(heaviest.medianNs)})` : 'not run'} | ${verdict(heaviest ? heaviest.meanNs <= BUDGET.heaviestNs : null)} |`);
  md.push(`| Monte Carlo: 10,000 samples of the largest preset (ux-flow-engine, three ranges), no projection, natively (criterion mean) | ≤ 50 ms | ${monteCarloNative ? `${fmtNs(monteCarloNative.meanNs)} (median ${fmtNs(monteCarloNative.medianNs)})` : 'not run'} | ${verdict(monteCarloNative ? monteCarloNative.meanNs <= BUDGET.monteCarloNs : null)} |`);
  md.push(`| Monte Carlo: the same in Chromium, the engine's time as the page measures it (the worker's slices added up; median of ${monteCarlo.computing.length} loads) | ≤ 150 ms | ${monteCarloPage.toFixed(0)} ms (of ${monteCarlo.computing.map((t) => t.toFixed(0)).join(', ')}) | ${verdict(monteCarloPage <= BUDGET.monteCarloPageMs)} |`);
  md.push(`| Monte Carlo: the same in Chromium from the request's posting to the worker to its last sample, the messages and the time between the worker's 50 ms slices included (median) | — | ${monteCarloWall.toFixed(0)} ms (of ${monteCarlo.samples.map((t) => t.toFixed(0)).join(', ')}) | — |`);
  md.push(`| Tiers: ten values of the largest preset's concurrent users (ux-flow-engine), natively (criterion mean) | ≤ 20 ms | ${tiers ? `${fmtNs(tiers.meanNs)} (median ${fmtNs(tiers.medianNs)})` : 'not run'} | ${verdict(tiers ? tiers.meanNs <= BUDGET.tiersNs : null)} |`);
  md.push(`| Breaking points: every limit of the same preset along its concurrent users, natively (criterion mean) | — | ${breaking ? `${fmtNs(breaking.meanNs)} (median ${fmtNs(breaking.medianNs)})` : 'not run'} | — |`);
  md.push('| Monte Carlo against Squiggle 0.10 on the seed-000 model, at 1,000, 10,000 and 100,000 samples | ≥ 5× faster | see [Versus Squiggle](#versus-squiggle) | see there |');
  md.push('');
  md.push('## Machine');
  md.push('');
  md.push(`- ${machine.nproc} cores (\`nproc\`), ${machine.arch} (\`uname -m\`), ${machine.kernel}, ${machine.memGiB} GiB memory`);
  md.push(`- CPU: ${machine.cpu}`);
  md.push(`- Chromium ${machine.chromium} (Debian package, headless, flags from \`playwright.config.js\`)`);
  md.push(`- ${machine.rustc}; Node ${machine.node}`);
  md.push('- Shared development machine: other builds may have been running, so timings are indicative.');
  md.push('');
  md.push('## First-visit transfer');
  md.push('');
  md.push('`trunk build --release --offline` (opt-level "z", LTO, wasm-opt -Os version_132), then every file');
  md.push('`dist/index.html` references, plus the page itself, each compressed with Node zlib gzip level 9 (the');
  md.push('budget) and brotli quality 11 (what a host that serves brotli sends).');
  md.push('');
  md.push('| file | kind | raw | gzip -9 | brotli 11 |');
  md.push('| --- | --- | ---: | ---: | ---: |');
  for (const f of files) md.push(`| \`${f.file}\` | ${f.kind} | ${f.raw.toLocaleString('en-US')} B | ${f.gzip.toLocaleString('en-US')} B | ${f.brotli.toLocaleString('en-US')} B |`);
  md.push(`| **total** | | **${totalRaw.toLocaleString('en-US')} B** (${kb(totalRaw)}) | **${totalGz.toLocaleString('en-US')} B** (${kb(totalGz)}) | **${totalBr.toLocaleString('en-US')} B** (${kb(totalBr)}) |`);
  md.push('');
  md.push('Fetched later, only when first used (gzip -9):');
  md.push('');
  md.push('| module | files | raw | gzip -9 |');
  md.push('| --- | --- | ---: | ---: |');
  for (const [what, names] of Object.entries(ON_DEMAND)) {
    const parts = measured(names.filter((n) => fs.existsSync(path.join(DIST, n))));
    const raw = parts.reduce((s, f) => s + f.raw, 0);
    const gz = parts.reduce((s, f) => s + f.gzip, 0);
    md.push(`| ${what} | ${parts.map((f) => `\`${f.file}\``).join(', ')} | ${raw.toLocaleString('en-US')} B | ${gz.toLocaleString('en-US')} B (${kb(gz)}) |`);
  }
  // What takes the space is measured by hand (twiggy on a build that keeps names) when the
  // bundle is reshaped; the section is carried over from the last BENCHMARKS.md as written.
  const kept = keptSection(OUT, '## What takes the space');
  if (kept) {
    md.push('');
    md.push(kept);
  }
  md.push('');
  md.push('## Report shown');
  md.push('');
  md.push(`\`tests/bench/page.js\` serves \`dist/\` with \`python3 -m http.server\` on 127.0.0.1 (no compression), then loads`);
  md.push(`the bare address ${runs.length} times, each in a fresh Playwright browser context (empty cache and localStorage, so`);
  md.push('the agent-platform preset), after one uncounted warm-up load. A script added before the page\'s own notes');
  md.push('`performance.now()` (milliseconds since navigation start) at the first animation frame after the');
  md.push('`[data-metric="cost.total_monthly_usd"]` card is visible with a value.');
  md.push('');
  md.push('| statistic | report shown (next frame) | card in DOM | DOMContentLoaded |');
  md.push('| --- | ---: | ---: | ---: |');
  const dcl = runs.map((r) => r.domContentLoaded).filter((x) => x !== null);
  for (const [label, q] of [['median', 0.5], ['p90', 0.9]]) {
    md.push(`| ${label} | ${quantile(shown, q).toFixed(1)} ms | ${quantile(inDom, q).toFixed(1)} ms | ${dcl.length ? `${quantile(dcl, q).toFixed(1)} ms` : '–'} |`);
  }
  md.push(`| min | ${Math.min(...shown).toFixed(1)} ms | ${Math.min(...inDom).toFixed(1)} ms | ${dcl.length ? `${Math.min(...dcl).toFixed(1)} ms` : '–'} |`);
  md.push(`| max | ${Math.max(...shown).toFixed(1)} ms | ${Math.max(...inDom).toFixed(1)} ms | ${dcl.length ? `${Math.max(...dcl).toFixed(1)} ms` : '–'} |`);
  md.push('');
  md.push('## Engine (criterion)');
  md.push('');
  md.push('`cargo bench --bench engine` (`tests/bench/engine.rs`, bench profile: opt-level 3, LTO), native, one thread.');
  md.push('Values from `target/criterion/<name>/new/estimates.json`.');
  md.push('');
  if (bench.length) {
    md.push('| benchmark | mean | 95% CI of mean | median |');
    md.push('| --- | ---: | ---: | ---: |');
    for (const b of bench) md.push(`| ${b.name} | ${fmtNs(b.meanNs)} | ${fmtNs(b.meanLo)} – ${fmtNs(b.meanHi)} | ${fmtNs(b.medianNs)} |`);
  } else {
    md.push('Not run (no `target/criterion` results).');
  }
  md.push('');
  md.push('## Versus Squiggle');
  md.push('');
  md.push(freshOrKept(VERSUS_SQUIGGLE, '## Versus Squiggle') || 'Not run: `node tests/bench/versus-squiggle.mjs` after `cargo bench`.');
  md.push('');
  md.push('## Random scenarios at scale');
  md.push('');
  md.push(freshOrKept(AT_SCALE, '## Random scenarios at scale') || 'Not run.');
  md.push('');
  md.push('## Fuzzing');
  md.push('');
  // The long fuzzing runs take an hour; `bash .ci/fuzz --record` writes them here, and a
  // benchmark run carries them over.
  md.push(freshOrKept(FUZZ, '## Fuzzing') || 'Not run: `bash .ci/fuzz --record`.');
  md.push('');
  md.push('## Reproduce');
  md.push('');
  md.push('```sh');
  md.push('npm run bench        # = bash .ci/bench: setup, cargo bench, Squiggle side by side, the random scenarios at scale, trunk build, tests/bench/page.js');
  md.push('bash .ci/fuzz --record   # ten million executions of each fuzz target, about an hour');
  md.push('```');
  md.push('');
  fs.writeFileSync(OUT, md.join('\n'));
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
