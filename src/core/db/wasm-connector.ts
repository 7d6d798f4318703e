import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, tableToIPC, type RecordBatch } from 'apache-arrow';
import type { DbConnector, Row } from './connector';
import { arrowToRows, stoppedError } from './connector';
import { assertRegisteredPath, ENGINE_OPEN_CONFIG, lockDownEngine } from './engine-lockdown';
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
  await db.open({ ...ENGINE_OPEN_CONFIG, ...(threads > 1 ? { maximumThreads: threads } : {}) });
  const conn = await db.connect();
  await lockDownEngine(async (text) => arrowToRows(await conn.query(text)));

  /**
   * `send` runs the statement as a pending query that the page polls; between two polls the worker takes
   * the cancel message, so a runaway query stops (a plain `query` would hold the worker to the end).
   */
  async function sendStoppable(text: string, signal: AbortSignal): Promise<Table> {
    if (signal.aborted) throw stoppedError(signal);
    const cancel = () => void conn.cancelSent();
    signal.addEventListener('abort', cancel);
    try {
      const reader = await conn.send(text);
      const batches: RecordBatch[] = [];
      for await (const batch of reader) batches.push(batch as RecordBatch);
      return new Table(batches);
    } catch (err) {
      throw signal.aborted ? stoppedError(signal) : err;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  return {
    async query<T extends Row>(text: string, options?: { signal?: AbortSignal }) {
      const table = options?.signal ? await sendStoppable(text, options.signal) : await conn.query(text);
      return arrowToRows<T>(table);
    },
    async exec(text: string) {
      await conn.query(text);
    },
    async prepare(text) {
      const statement = await conn.prepare(text);
      await statement.close();
    },
    async registerFileBuffer(path, bytes) {
      assertRegisteredPath(path);
      await db.registerFileBuffer(path, bytes);
    },
    async dropFile(path) {
      await db.dropFile(path);
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
