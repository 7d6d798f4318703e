import type { DbConnector } from '../../core/db/connector';
import { PERSISTED_TABLES } from '../../core/db/prepare-database';
import { ident } from '../../core/sql/sql';
import { kvDelete, kvGet, kvSet } from './idb';

interface SavedTables {
  version: 1;
  savedAt: string;
  tables: Record<string, Uint8Array>;
  meta: unknown;
}

/**
 * Loaded data survive a reload: each canonical table is kept in IndexedDB as an Arrow IPC stream
 * (DuckDB-WASM's OPFS mode is not reliable across browsers yet), with the app's metadata
 * (import reports, whether the data are the demo set).
 */
export async function saveTables(db: DbConnector, meta: unknown): Promise<void> {
  const tables: Record<string, Uint8Array> = {};
  for (const t of PERSISTED_TABLES) {
    const ipc = await db.queryArrowIPC(`SELECT * FROM ${ident(t)}`);
    // An Arrow build other than the engine's writes nothing for its tables: fail loudly, not silently.
    if (ipc.byteLength === 0) throw new Error(`saving ${t}: the Arrow writer produced no bytes`);
    tables[t] = ipc;
  }
  const saved: SavedTables = { version: 1, savedAt: new Date().toISOString(), tables, meta };
  await kvSet('tables', saved);
}

/** Restores the saved tables into the (empty, prepared) database; returns the saved metadata or null. */
export async function restoreTables(db: DbConnector): Promise<{ meta: unknown } | null> {
  const saved = await kvGet<SavedTables>('tables');
  if (!saved || saved.version !== 1) return null;
  for (const t of PERSISTED_TABLES) {
    const ipc = saved.tables[t];
    if (!ipc) continue;
    const tmp = `restore_${t}`;
    await db.insertArrowIPC(tmp, ipc);
    await db.exec(`INSERT INTO ${ident(t)} SELECT * FROM ${ident(tmp)}`);
    await db.exec(`DROP TABLE ${ident(tmp)}`);
  }
  return { meta: saved.meta };
}

/** Forgets the saved tables; the user's settings (mappings, periods) stay. */
export async function clearSavedData(): Promise<void> {
  await kvDelete('tables');
}

export async function loadSetting<T>(key: string): Promise<T | undefined> {
  return kvGet<T>(`setting:${key}`);
}

export async function saveSetting(key: string, value: unknown): Promise<void> {
  await kvSet(`setting:${key}`, value);
}
