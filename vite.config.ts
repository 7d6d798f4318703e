import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
  server: { host: '127.0.0.1', strictPort: false },
});
