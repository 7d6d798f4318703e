// npm run bench [-- --episodes N | --quick] [--seed S] [--no-browser] [--no-native] [--no-node] [--no-app] [--no-patrols] [--no-origins]
//                 [--light (UTF-8 CSV only) | --full (Node also imports GBK and Parquet end to end)]
//                 [--no-threads (skip the threaded build in a cross-origin isolated page)]
//
// Generates the synthetic episodes once into bench-data/ (reused when the same arguments made them),
// then runs each platform in its own process (Node + DuckDB-WASM, native DuckDB, headless Chromium with
// the bench page, the built app as a user meets it) and prints one table with the targets of issue 9. Results: bench-data/results-<N>.json and .md. Not part of `npm test`.
// Above 2M episodes it runs the scale check instead (see scripts/bench/scale.ts and docs/benchmarks.md).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildTable,
  formatMarkdownTable,
  formatMemory,
  formatNotes,
  formatScaling,
  formatTerminalTable,
} from './bench/report.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCALE_THRESHOLD = 2_000_000;

function parseArgs(argv) {
  const opts = {
    episodes: 1_000_000,
    seed: '1',
    browser: true,
    native: true,
    app: true,
    node: true,
    light: false,
    full: false,
    patrols: true,
    origins: true,
    threads: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--episodes') opts.episodes = Number(next().replaceAll('_', ''));
    else if (a === '--quick') opts.episodes = 100_000;
    else if (a === '--seed') opts.seed = next();
    else if (a === '--browser') opts.browser = true;
    else if (a === '--no-browser') opts.browser = false;
    else if (a === '--no-native') opts.native = false;
    else if (a === '--no-node') opts.node = false;
    else if (a === '--no-app') opts.app = false;
    else if (a === '--light') opts.light = true;
    else if (a === '--full') opts.full = true;
    else if (a === '--no-patrols') opts.patrols = false;
    else if (a === '--no-origins') opts.origins = false;
    else if (a === '--no-threads') opts.threads = false;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.episodes) || opts.episodes <= 0)
    throw new Error('--episodes must be a positive whole number');
  return opts;
}

/** 1-minute load averages sampled every 5 s while the children run: other work slows every figure. */
const loadSamples = [];

async function run(args, label) {
  console.log(`\n▶ ${label}`);
  const t0 = Date.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  const timer = setInterval(() => loadSamples.push(os.loadavg()[0]), 5000);
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? signal)));
  clearInterval(timer);
  console.log(`  (${label}: ${((Date.now() - t0) / 1000).toFixed(0)} s, exit ${code})`);
  return code === 0;
}

function tsx(script, extra = []) {
  return ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', script, ...extra];
}

/** Generates into bench-data/e<N>-s<seed> unless a manifest there says the same arguments made it. */
async function ensureData(opts, formats) {
  const dir = path.join(ROOT, 'bench-data', `e${opts.episodes}-s${opts.seed}`);
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const have = new Set(m.files.map((f) => f.path));
    const want = formats.map((f) => ({ csv: 'cases.csv', gbk: 'cases_gbk.csv', parquet: 'cases.parquet' })[f]);
    if (m.generator.episodes === opts.episodes && m.generator.seed === opts.seed && want.every((f) => have.has(f))) {
      console.log(`Reusing ${path.relative(ROOT, dir)} (same generator arguments).`);
      return dir;
    }
  }
  mkdirSync(dir, { recursive: true });
  const ok = await run(
    tsx('scripts/generate-sample.ts', [
      '--episodes',
      String(opts.episodes),
      '--seed',
      opts.seed,
      '--out',
      dir,
      '--formats',
      formats.join(','),
    ]),
    `generate ${opts.episodes} episodes`,
  );
  if (!ok) throw new Error('generation failed');
  return dir;
}

function readResult(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function describeMachine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function describeLoad() {
  if (loadSamples.length === 0) return 'load average not sampled';
  const mean = loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length;
  return `load average ${mean.toFixed(1)} mean, ${Math.max(...loadSamples).toFixed(1)} max during the run`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const scale = opts.episodes > SCALE_THRESHOLD;
  const dir = await ensureData(opts, scale ? ['csv'] : opts.light ? ['csv'] : ['csv', 'gbk', 'parquet']);
  const outDir = path.join(ROOT, 'bench-data', 'results');
  mkdirSync(outDir, { recursive: true });
  const common = ['--dir', dir];
  if (opts.light) common.push('--light');
  if (opts.full) common.push('--full');
  if (!opts.threads) common.push('--no-threads');
  const plan = scale
    ? [
        ['browser', 'scripts/bench/scale.ts', opts.browser, 'scale: Chromium tab, all parts'],
        ['node-wasm', 'scripts/bench/scale.ts', opts.node, 'scale: Node + DuckDB-WASM, all parts', ['--node']],
      ]
    : [
        ['node-wasm', 'scripts/bench/node-wasm.ts', opts.node, 'Node + DuckDB-WASM'],
        ['native', 'scripts/bench/native.ts', opts.native, 'native DuckDB'],
        ['browser', 'scripts/bench/browser.ts', opts.browser, 'headless Chromium, bench page'],
        ['app', 'scripts/bench/app.ts', opts.browser && opts.app, 'headless Chromium, the app'],
      ];
  const results = {};
  for (const [platform, script, enabled, label, extra = []] of plan) {
    if (!enabled) continue;
    const out = path.join(outDir, `${platform}-${opts.episodes}.json`);
    await run(tsx(script, [...common, '--out', out, ...extra]), label);
    results[platform] = readResult(out);
  }
  const rows = buildTable(results);
  const machine = describeMachine();
  const title = `${opts.episodes.toLocaleString('en')} episodes, ${machine}; ${describeLoad()}`;
  console.log(`\n${title}\n`);
  console.log(formatTerminalTable(rows));
  const scaling = formatScaling(results);
  console.log(`\nMemory\n${formatMemory(results)}\n\nEngines and notes\n${formatNotes(results)}`);
  if (scaling) console.log(`\nHotspot statistics by cells and slices\n${scaling}`);
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  const base = path.join(ROOT, 'bench-data', `results-${opts.episodes}`);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ machine, load: describeLoad(), episodes: opts.episodes, results, rows }, null, 2)}\n`,
  );
  writeFileSync(
    `${base}.md`,
    `## ${title}\n\n${formatMarkdownTable(rows)}\n\n### Memory\n\n${formatMemory(results)}\n\n### Engines and notes\n\n${formatNotes(results)}\n${scaling ? `\n### Hotspot statistics by cells and slices\n\n${scaling}\n` : ''}`,
  );
  console.log(`Written ${path.relative(ROOT, base)}.json and .md`);
  // issue 11: origin tables, flows, drill-down and the ZIP of sheets on the same episodes (Node WASM)
  if (!scale && opts.node && opts.origins)
    await run(
      tsx('scripts/bench/origins.ts', [...common, '--out', path.join(outDir, `origins-${opts.episodes}.json`)]),
      'origin regions (Node WASM)',
    );
  // issue 12: its own data (5M track points, 1M episodes) and table, bench-data/results-patrols.md
  if (!scale && opts.browser && opts.patrols)
    await run(tsx('scripts/bench/patrols.ts'), 'patrol coverage (Chromium page)');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
