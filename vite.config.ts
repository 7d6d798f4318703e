import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { buildSecurityHeaders } from './security-headers.ts';

// DuckDB-WASM's threaded build runs only in a cross-origin isolated page (these two headers). It is off by
// default: on the 2-core test machine it was slower than the single-threaded build (docs/benchmarks.md).
// `ATLAS_ISOLATE=1 npm start` (or `npm run preview`) turns it on; an intranet server sends the same headers.
const crossOriginIsolation =
  process.env.ATLAS_ISOLATE === '1'
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : {};

// Everything the page loads comes from this origin: DuckDB's WASM and worker files are emitted as
// assets (`?url` imports), fonts and boundaries are bundled, and no CDN or tile server is named.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', strictPort: false, headers: crossOriginIsolation },
  // The built app is served with the same Content-Security-Policy header as an intranet server would
  // send (README), with an intranet tile server allowed only when TILE_ORIGINS names it (docs/geography.md).
  // The dev server has none: React Refresh injects inline scripts.
  preview: { headers: { ...buildSecurityHeaders(tileOrigins(process.env.TILE_ORIGINS)), ...crossOriginIsolation } },
});

function tileOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => /^https?:\/\/[^/\s;']+$/.test(o));
}
