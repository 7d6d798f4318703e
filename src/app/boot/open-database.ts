import mvpModule from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehModule from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiModule from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import { createWasmConnector } from '../../core/db/wasm-connector';
import type { DbConnector } from '../../core/db/connector';
import { prepareDatabase } from '../../core/db/prepare-database';

/**
 * Opens DuckDB-WASM from files bundled with the app and creates the canonical tables: the threaded build
 * where the server makes the page cross-origin isolated (docs/benchmarks.md), else the single-threaded one.
 */
export async function openDatabase(): Promise<DbConnector> {
  const db = await createWasmConnector({
    mvpModule,
    mvpWorker,
    ehModule,
    ehWorker,
    coi: { module: coiModule, worker: coiWorker, pthreadWorker: coiPthreadWorker },
  });
  await prepareDatabase(db);
  return db;
}
