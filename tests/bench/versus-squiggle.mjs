// Headroom's Monte Carlo run against Squiggle 0.10's, at equal sample counts, side by side in one
// `npm run bench`: the model of seed document 000 with its six uncertain inputs (runs per day,
// peak ratio, run duration, steps per run, input and output tokens per call), as the peer model
// writes it for Squiggle, and as Headroom's agent-platform preset with the same six ranges
// (`tests/bench/engine.rs`, `uncertain("agent-platform")`).
//
// Squiggle evaluates the six-line formula below; Headroom evaluates its whole engine for every
// sample (every figure of the report), so the ratio is a test of the engine's figures-only path.
// Squiggle's time is the best of five `run`s in Node; Headroom's is criterion's mean of the
// benchmark `monte carlo/agent-platform, <n> samples, no projection`, which `cargo bench` ran just
// before in the same `npm run bench`.
//
// Squiggle is installed on first use into target/bench/squiggle (it is not a dependency of the
// app). Writes target/bench/versus-squiggle.md, which tests/bench/page.js puts in BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PEER = path.join(ROOT, 'target', 'bench', 'squiggle');
const VERSION = '0.10.0';
const OUT = path.join(ROOT, 'target', 'bench', 'versus-squiggle.md');
const SAMPLES = [1_000, 10_000, 100_000];

// The peer model of seed 000: the same six inputs, each a 90% interval (Squiggle's `a to b`,
// lognormal), and the figures a product manager reads from them.
const MODEL = `
runs = 8000 to 12000
peak = 2.5 to 3.5
dur = 20 to 45
steps = 4 to 9
tin = 1500 to 2600
tout = 350 to 700
peak_qps = runs / 86400 * peak
conc = peak_qps * dur
tokens_day = runs * steps * (tin + tout)
cost_month = runs * steps * (tin * 3 + tout * 15) / 1000000 * 30
storage = runs * steps * 6 * 90 / 1000000
out = {conc: mean(conc), p10: quantile(cost_month, 0.1), p50: quantile(cost_month, 0.5), p90: quantile(cost_month, 0.9), st: mean(storage)}
out
`;

function installPeer() {
  const entry = path.join(PEER, 'node_modules', '@quri', 'squiggle-lang', 'package.json');
  if (fs.existsSync(entry) && JSON.parse(fs.readFileSync(entry, 'utf8')).version === VERSION) return;
  fs.mkdirSync(PEER, { recursive: true });
  fs.writeFileSync(path.join(PEER, 'package.json'), '{"private": true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', PEER, `@quri/squiggle-lang@${VERSION}`], {
    stdio: 'inherit',
  });
}

/** criterion's mean for a benchmark of `group`, in ms, or null when it has not run. */
function criterionMs(name, group = 'monte carlo') {
  const dir = path.join(ROOT, 'target', 'criterion', group, name, 'new', 'estimates.json');
  if (!fs.existsSync(dir)) return null;
  return JSON.parse(fs.readFileSync(dir, 'utf8')).mean.point_estimate / 1e6;
}

async function main() {
  installPeer();
  // The package's own entry point, as its `exports` names it.
  const pkg = path.join(PEER, 'node_modules', '@quri', 'squiggle-lang');
  const { exports } = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  const squiggle = await import(pathToFileURL(path.join(pkg, exports['.'])).href);
  const rows = [];
  for (const n of SAMPLES) {
    const env = { ...squiggle.defaultEnvironment, sampleCount: n };
    let best = Infinity;
    let result;
    for (let i = 0; i < 5; i += 1) {
      const t = performance.now();
      result = await squiggle.run(MODEL, { environment: env });
      best = Math.min(best, performance.now() - t);
    }
    if (!result.result.ok) throw new Error(`Squiggle failed: ${result.result.value}`);
    const headroom = criterionMs(`agent-platform, ${n} samples, no projection`);
    const floor = ['drawing', 'percentiles'].map((part) =>
      criterionMs(`agent-platform, ${n} samples, ${part}`, 'monte carlo floor'),
    );
    rows.push({ n, squiggle: best, headroom, ratio: headroom ? best / headroom : null, floor });
    console.log(`n=${n}: Squiggle ${best.toFixed(1)} ms, Headroom ${headroom ? headroom.toFixed(1) : '—'} ms`);
  }
  const md = [
    `Squiggle ${VERSION} (\`@quri/squiggle-lang\`, Node ${process.version}, best of 5 \`run\`s) against Headroom (native,`,
    'criterion mean of `monte carlo/agent-platform, <n> samples, no projection`), in the same `npm run bench`,',
    'at equal sample counts, on the seed-000 model with the same six uncertain inputs. Squiggle evaluates a',
    'six-line formula; each Headroom sample evaluates the whole engine (every figure of the report, about 60),',
    'then the run makes every figure\'s percentiles, the odds, histograms, the tornado and rank correlations.',
    '',
    '| samples | Squiggle 0.10 | Headroom | Headroom faster by | target (≥ 5×) |',
    '| ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.n.toLocaleString('en-US')} | ${r.squiggle.toFixed(1)} ms | ${r.headroom ? `${r.headroom.toFixed(1)} ms` : 'not run'} | ${r.ratio ? `${r.ratio.toFixed(1)}×` : '—'} | ${r.ratio === null ? 'not measured' : r.ratio >= 5 ? 'pass' : 'FAIL'} |`,
    ),
    ...floorTable(rows),
  ];
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, `${md.join('\n')}\n`);
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
}

/**
 * What the 5× target leaves for the engine: the time a run takes before any figure is computed
 * (`monte carlo floor` in tests/bench/engine.rs: drawing the six inputs, and the percentiles of
 * the figures that vary), against a fifth of Squiggle's time, and what is left a sample for one
 * evaluation of the whole report.
 */
function floorTable(rows) {
  const file = path.join(ROOT, 'target', 'bench', 'monte-carlo-floor.json');
  if (!fs.existsSync(file) || rows.some((r) => r.floor.includes(null))) return [];
  const { varying_figures: varying } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ms = (x) => `${x.toFixed(2)} ms`;
  const perSample = (r, x) => `${((x * 1e6) / r.n).toFixed(0)} ns`;
  return [
    '',
    `Where a run's time goes before the engine: drawing the six inputs (each a uniform draw, Φ⁻¹ and an`,
    `exponential) and the P10, P50 and P90 of the ${varying} figures that vary (criterion means of`,
    "`monte carlo floor/…`, on values of the same count). The last column is what a fifth of Squiggle's",
    'time leaves a sample for evaluating the whole report, every figure of it, once these are paid; one',
    'evaluation of the figures alone takes about what `engine::evaluate_figures` takes in [Budgets](#budgets).',
    '',
    "| samples | a fifth of Squiggle's time | drawing | percentiles | left for the engine, a sample |",
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const [drawing, percentiles] = r.floor;
      const left = r.squiggle / 5 - drawing - percentiles;
      return `| ${r.n.toLocaleString('en-US')} | ${ms(r.squiggle / 5)} | ${ms(drawing)} | ${ms(percentiles)} | ${left > 0 ? perSample(r, left) : 'nothing: the target is below what drawing and percentiles take'} |`;
    }),
  ];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
