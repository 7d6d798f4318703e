import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC } from 'apache-arrow';
import type { DbConnector, Row } from './connector';
import { arrowToRows } from './connector';
import { sql } from '../sql/sql';

/** URLs of the engine files, served by the app itself (Vite `?url` imports): never a CDN. */
export interface WasmBundleUrls {
  mvpModule: string;
  mvpWorker: string;
  ehModule: string;
  ehWorker: string;
  /**
   * The threaded build, chosen only where the page is cross-origin isolated (COOP/COEP headers: shared
   * memory for its threads); elsewhere the single-threaded build runs.
   */
  coi?: { module: string; worker: string; pthreadWorker: string };
}

/** DuckDB-WASM running in its own Web Worker; the page only exchanges messages with it. */
export async function createWasmConnector(urls: WasmBundleUrls): Promise<DbConnector> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: urls.mvpModule, mainWorker: urls.mvpWorker },
    eh: { mainModule: urls.ehModule, mainWorker: urls.ehWorker },
    ...(urls.coi
      ? { coi: { mainModule: urls.coi.module, mainWorker: urls.coi.worker, pthreadWorker: urls.coi.pthreadWorker } }
      : {}),
  });
  const threads = bundle.pthreadWorker ? Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4)) : 1;
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  // Extensions would be fetched from the internet; a government intranet has none.
  await db.open({
    query: { castBigIntToDouble: false },
    allowUnsignedExtensions: false,
    ...(threads > 1 ? { maximumThreads: threads } : {}),
  });
  const conn = await db.connect();
  await conn.query('SET autoinstall_known_extensions = false').catch(() => undefined);
  await conn.query('SET autoload_known_extensions = false').catch(() => undefined);

  return {
    async query<T extends Row>(text: string) {
      return arrowToRows<T>(await conn.query(text));
    },
    async exec(text: string) {
      await conn.query(text);
    },
    async registerFileBuffer(name, bytes) {
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    async insertArrowIPC(table, ipc) {
      const exists = await conn.query(sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${table}`.text);
      const n = Number(exists.toArray()[0]?.toJSON().n ?? 0);
      await conn.insertArrowFromIPCStream(ipc, { name: table, create: n === 0 });
    },
    async queryArrowIPC(text) {
      return tableToIPC((await conn.query(text)) as never, 'stream');
    },
    async cancel() {
      return conn.cancelSent();
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
}
