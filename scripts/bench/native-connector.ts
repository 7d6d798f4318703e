/**
 * The DbConnector seam over native DuckDB (@duckdb/node-api), so the app's import runs unchanged on
 * the native engine for comparison. Registered buffers (relative paths under `registered/`) become files
 * in a scratch folder that DuckDB searches (file_search_path). Arrow IPC is not needed by the CSV path and is refused.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DbConnector, Row } from '../../src/core/db/connector';
import { normalizeValue } from '../../src/core/db/connector';

export async function createNativeConnector(options: { threads?: number } = {}): Promise<DbConnector> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-native-'));
  mkdirSync(path.join(scratch, 'registered'));
  const instance = await DuckDBInstance.create(':memory:', options.threads ? { threads: String(options.threads) } : {});
  const conn = await instance.connect();
  await conn.run(`SET file_search_path = '${scratch.replaceAll("'", "''")}'`);
  const notSupported = (what: string) =>
    Promise.reject(new Error(`${what} is not supported by the native bench connector`));
  return {
    async query<T extends Row>(text: string) {
      const reader = await conn.runAndReadAll(text);
      return reader.getRowObjectsJS().map((r) => normalizeValue(r) as T);
    },
    async exec(text: string) {
      await conn.run(text);
    },
    async prepare(text: string) {
      (await conn.prepare(text)).destroySync();
    },
    registerFileBuffer(name, bytes) {
      writeFileSync(path.join(scratch, name), bytes);
      return Promise.resolve();
    },
    dropFile(name) {
      try {
        unlinkSync(path.join(scratch, name));
      } catch {
        // already gone
      }
      return Promise.resolve();
    },
    insertArrowIPC: () => notSupported('insertArrowIPC'),
    queryArrowIPC: () => notSupported('queryArrowIPC'),
    cancel() {
      conn.interrupt();
      return Promise.resolve(true);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(scratch, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
