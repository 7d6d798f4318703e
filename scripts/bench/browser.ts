/**
 * Headless Chromium: the bench page (scripts/bench/page, its own Vite build) served on 127.0.0.1 gets the
 * generated files in its file input, runs the import and queries in the DuckDB-WASM worker and reports
 * through window.__bench; the tab's memory is sampled meanwhile.
 *   node --import tsx scripts/bench/browser.ts --dir bench-data/e1000000-s1 --out result.json [--light]
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CASE_FILES, parseBenchArgs, writeResult } from './bench-files';
import { createResult, describeError } from './measure';
import { drivePage } from './page-driver';

const args = parseBenchArgs(process.argv.slice(2));
const files = Object.values(CASE_FILES)
  .map((f) => path.resolve(args.dir, f))
  .filter((f) => existsSync(f));
const config = { episodes: args.episodes, light: args.light };

const timeoutMs = Math.max(1, args.episodes / 1e6) * 10 * 60_000;

/** The single-threaded run, then the threaded build's (a page served cross-origin isolated) added to it. */
async function runBoth() {
  const result = await drivePage({
    files,
    timeoutMs,
    start: (page) => page.evaluate((c) => void window.__runBench(c), config),
  });
  const out = result ?? createResult('browser', 'Chromium', args.episodes);
  if (!result) out.errors.push('the page returned no result');
  if (args.threads) {
    const threaded = await drivePage({
      files: files.filter((f) => f.endsWith(CASE_FILES.csv)),
      timeoutMs,
      isolated: true,
      start: (page) => page.evaluate((c) => void window.__runThreads(c), config),
    }).catch((e: unknown) => {
      out.errors.push(`threaded run: ${describeError(e)}`);
      return null;
    });
    for (const m of threaded?.measurements ?? []) if (m.id.endsWith('.threads')) out.measurements.push(m);
    out.notes.push(...(threaded?.notes ?? []).map((n) => `threaded run: ${n}`));
    out.errors.push(...(threaded?.errors ?? []).map((e) => `threaded run: ${e}`));
    for (const m of threaded?.memory ?? []) out.memory.push({ ...m, id: `${m.id} (threaded run)` });
  }
  return out;
}

runBoth()
  .then((out) => writeResult(args.out, out))
  .catch((e) => {
    const out = createResult('browser', 'Chromium', args.episodes);
    out.errors.push(describeError(e));
    writeResult(args.out, out);
  });
