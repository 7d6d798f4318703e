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

drivePage({
  files,
  timeoutMs: Math.max(1, args.episodes / 1e6) * 10 * 60_000,
  start: (page) => page.evaluate((c) => void window.__runBench(c), config),
})
  .then((result) => {
    const out = result ?? createResult('browser', 'Chromium', args.episodes);
    if (!result) out.errors.push('the page returned no result');
    writeResult(args.out, out);
  })
  .catch((e) => {
    const out = createResult('browser', 'Chromium', args.episodes);
    out.errors.push(describeError(e));
    writeResult(args.out, out);
  });
