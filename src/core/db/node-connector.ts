import { createRequire } from 'node:module';
import path from 'node:path';
import type { DbConnector, Row } from './connector';
import { arrowToRows } from './connector';
import { sql } from '../sql/sql';

type NodeBlocking = typeof import('@duckdb/duckdb-wasm/blocking');

const require = createRequire(import.meta.url);

/** The same DuckDB-WASM engine the browser runs, through its Node bindings: tests run real SQL. */
export async function createNodeConnector(): Promise<DbConnector> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as NodeBlocking;
  const arrowCjs = require('apache-arrow') as typeof import('apache-arrow');
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
  const conn = db.connect();
  return {
    query<T extends Row>(sql: string) {
      return Promise.resolve().then(() => arrowToRows<T>(conn.query(sql)));
    },
    exec(sql: string) {
      return Promise.resolve().then(() => {
        conn.query(sql);
      });
    },
    registerFileBuffer(name, bytes) {
      return Promise.resolve().then(() => db.registerFileBuffer(name, bytes));
    },
    dropFile(name) {
      return Promise.resolve().then(() => db.dropFile(name));
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
      return Promise.resolve(false);
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
