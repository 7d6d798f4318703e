/** The bench pages' own Vite builds (scripts/bench/page → bench-data/page-dist, …), no app config involved. */
import path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './bench-files';

export const PAGE_DIST = path.join(REPO_ROOT, 'bench-data/page-dist');

/** Builds the page in `pageDir` (under scripts/bench) into `outDir`; returns the milliseconds it took. */
export async function buildBenchPage(pageDir = 'page', outDir = PAGE_DIST): Promise<number> {
  const t0 = performance.now();
  await build({
    root: path.join(REPO_ROOT, 'scripts/bench', pageDir),
    base: './',
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    build: {
      rolldownOptions: { checks: { bundlerTimings: false } },
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 8000,
    },
  });
  return performance.now() - t0;
}
