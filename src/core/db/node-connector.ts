import { createRequire } from 'node:module';
import path from 'node:path';
import type { DbConnector, Row } from './connector';
import { arrowToRows, stoppedError } from './connector';
import { assertRegisteredPath, ENGINE_OPEN_CONFIG, lockDownEngine } from './engine-lockdown';
import { sql } from '../sql/sql';

type NodeBlocking = typeof import('@duckdb/duckdb-wasm/blocking');
type ArrowCjs = typeof import('apache-arrow');

const require = createRequire(import.meta.url);

/**
 * The same DuckDB-WASM engine the browser runs, through its Node bindings, opened and locked down the
 * same way: tests run real SQL on the engine the app ships.
 */
export async function createNodeConnector(): Promise<DbConnector> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as NodeBlocking;
  const arrowCjs = require('apache-arrow') as ArrowCjs;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: {
      mainModule: path.join(dist, 'duckdb-mvp.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs'),
    },
    eh: {
      mainModule: path.join(dist, 'duckdb-eh.wasm'),
      mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs'),
    },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open(ENGINE_OPEN_CONFIG);
  const conn = db.connect();
  await lockDownEngine((text) => Promise.resolve(arrowToRows(conn.query(text))));

  /**
   * The pending-query protocol the browser uses, polled here with a turn of the event loop between polls
   * so that a timer or a cancel can abort the query in the engine.
   */
  async function sendStoppable(text: string, signal: AbortSignal) {
    if (signal.aborted) throw stoppedError(signal);
    return conn.useUnsafe(async (bindings, id) => {
      let header = bindings.startPendingQuery(id, text, false);
      while (header === null) {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal.aborted) {
          bindings.cancelPendingQuery(id);
          throw stoppedError(signal);
        }
        header = bindings.pollPendingQuery(id);
      }
      const reader = arrowCjs.RecordBatchReader.from(new duckdb.ResultStreamIterator(bindings, id, header));
      return new arrowCjs.Table(reader.readAll());
    });
  }

  return {
    async query<T extends Row>(text: string, options?: { signal?: AbortSignal }) {
      await Promise.resolve();
      return arrowToRows<T>(options?.signal ? await sendStoppable(text, options.signal) : conn.query(text));
    },
    async exec(text: string) {
      await Promise.resolve();
      conn.query(text);
    },
    prepare(text) {
      return Promise.resolve().then(() => conn.prepare(text).close());
    },
    registerFileBuffer(path, bytes) {
      return Promise.resolve().then(() => {
        assertRegisteredPath(path);
        db.registerFileBuffer(path, bytes);
      });
    },
    dropFile(path) {
      return Promise.resolve().then(() => db.dropFile(path));
    },
    insertArrowIPC(table, ipc) {
      return Promise.resolve().then(() =>
        conn.insertArrowFromIPCStream(ipc, { name: table, create: !hasTable(table) }),
      );
    },
    queryArrowIPC(sql) {
      // The bindings return tables of the CommonJS build of apache-arrow; only that build's writer
      // recognises them (an ESM import would be a second copy of the classes and write nothing).
      return Promise.resolve().then(() => arrowCjs.tableToIPC(conn.query(sql) as never, 'stream'));
    },
    cancel() {
      return Promise.resolve(conn.cancelSent());
    },
    close() {
      return Promise.resolve().then(() => {
        conn.close();
        db.reset();
      });
    },
  };

  function hasTable(table: string): boolean {
    const rows = conn.query(sql`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${table}`.text).toArray();
    return Number(rows[0]?.toJSON().n ?? 0) > 0;
  }
}
