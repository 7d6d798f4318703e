/** The bench page's own Vite build (scripts/bench/page → bench-data/page-dist), no app config involved. */
import path from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from './bench-files';

export const PAGE_DIST = path.join(REPO_ROOT, 'bench-data/page-dist');

export async function buildBenchPage(): Promise<number> {
  const t0 = performance.now();
  await build({
    root: path.join(REPO_ROOT, 'scripts/bench/page'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    build: {
      rolldownOptions: { checks: { bundlerTimings: false } },
      outDir: PAGE_DIST,
      emptyOutDir: true,
      target: 'es2022',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 8000,
    },
  });
  return performance.now() - t0;
}
