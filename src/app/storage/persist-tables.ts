import type { DbConnector } from '../../core/db/connector';
import { PERSISTED_TABLES } from '../../core/db/prepare-database';
import { ident, sql } from '../../core/sql/sql';
import { DATA_DB, deleteIdbDatabase, idbStore, SETTINGS_DB } from './idb';

/** The key-value store the tables are kept in: IndexedDB in the app, a Map in tests. */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

interface SavedManifest {
  version: 2;
  savedAt: string;
  /** chunks per table; chunk i is stored under `chunk:<table>:<i>` */
  chunks: Record<string, number>;
  meta: unknown;
}

/**
 * Rows per stored chunk. Chromium's IndexedDB refuses a single value over about 133 MB and a 1M-row
 * `cases` table is about 250 MB of Arrow, so tables are stored in pieces of at most 200k rows.
 */
export const CHUNK_ROWS = 200_000;

const dataStore: KeyValueStore = idbStore(DATA_DB);
const settingsStore: KeyValueStore = idbStore(SETTINGS_DB);

/**
 * Loaded data survive a reload: each canonical table is kept in IndexedDB as Arrow IPC chunks
 * (DuckDB-WASM's OPFS mode is not reliable across browsers yet), with the app's metadata (import
 * reports, whether the data are the demo set). The manifest is written last.
 */
export async function saveTables(
  db: DbConnector,
  meta: unknown,
  store: KeyValueStore = dataStore,
  chunkRows = CHUNK_ROWS,
): Promise<void> {
  const previous = await store.get<SavedManifest>('tables');
  const chunks: Record<string, number> = {};
  for (const t of PERSISTED_TABLES) {
    const [range] = await db.query<{ hi: number | null }>(`SELECT max(rowid) AS hi FROM ${ident(t)}`);
    const hi = range?.hi ?? -1;
    let count = 0;
    for (let lo = 0; lo <= hi; lo += chunkRows) {
      const ipc = await db.queryArrowIPC(
        sql`SELECT * FROM ${ident(t)} WHERE rowid >= ${lo} AND rowid < ${lo + chunkRows}`.text,
      );
      // An Arrow build other than the engine's writes nothing for its tables: fail loudly, not silently.
      if (ipc.byteLength === 0) throw new Error(`saving ${t}: the Arrow writer produced no bytes`);
      await store.set(chunkKey(t, count++), ipc);
    }
    chunks[t] = count;
  }
  const manifest: SavedManifest = { version: 2, savedAt: new Date().toISOString(), chunks, meta };
  await store.set('tables', manifest);
  for (const [t, n] of Object.entries(previous?.version === 2 ? previous.chunks : {})) {
    for (let i = chunks[t] ?? 0; i < n; i++) await store.delete(chunkKey(t, i));
  }
}

/** Restores the saved tables into the (empty, prepared) database; returns the saved metadata or null. */
export async function restoreTables(
  db: DbConnector,
  store: KeyValueStore = dataStore,
): Promise<{ meta: unknown } | null> {
  const saved = await store.get<SavedManifest>('tables');
  if (!saved || saved.version !== 2) return null;
  for (const t of PERSISTED_TABLES) {
    const tmp = `restore_${t}`;
    for (let i = 0; i < (saved.chunks[t] ?? 0); i++) {
      const ipc = await store.get<Uint8Array>(chunkKey(t, i));
      if (!ipc) throw new Error(`restoring ${t}: chunk ${i} is missing`);
      await db.insertArrowIPC(tmp, ipc);
    }
    if (!saved.chunks[t]) continue;
    // by name: tables saved before a column was added (outcome_detail) restore with that column NULL
    await db.exec(`INSERT INTO ${ident(t)} BY NAME SELECT * FROM ${ident(tmp)}`);
    await db.exec(`DROP TABLE ${ident(tmp)}`);
  }
  return { meta: saved.meta };
}

/**
 * Forgets the saved tables. In the app the whole IndexedDB database goes (deleted keys would linger in
 * the profile's files); the user's settings live in their own database and stay.
 */
export async function clearSavedData(store?: KeyValueStore): Promise<void> {
  if (!store) return deleteIdbDatabase(DATA_DB);
  const saved = await store.get<SavedManifest>('tables');
  await store.delete('tables');
  for (const [t, n] of Object.entries(saved?.version === 2 ? saved.chunks : {})) {
    for (let i = 0; i < n; i++) await store.delete(chunkKey(t, i));
  }
}

function chunkKey(table: string, i: number): string {
  return `chunk:${table}:${i}`;
}

export async function loadSetting<T>(key: string): Promise<T | undefined> {
  const value = await settingsStore.get<T>(key);
  if (value !== undefined) return value;
  // Settings were first kept beside the tables: move them once.
  const old = await dataStore.get<T>(`setting:${key}`);
  if (old !== undefined) {
    await settingsStore.set(key, old);
    await dataStore.delete(`setting:${key}`);
  }
  return old;
}

export async function saveSetting(key: string, value: unknown): Promise<void> {
  await settingsStore.set(key, value);
}
