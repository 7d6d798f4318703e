import type { DbConnector } from '../../core/db/connector';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import { refreshEpisodeLinks } from '../../core/analytics/episode-links';
import { DATA_TABLES, PERSISTED_TABLES, portableColumnsSql, type DataTable } from '../../core/schema';
import { ident, raw, sql } from '../../core/sql/sql';
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
  /** saved with the episode links of cases (src/core/analytics/episode-links.ts); older saves get them on restore */
  links?: true;
  /** the saved columns of each table, in order */
  columns?: Record<string, string[]>;
}

/**
 * Rows per stored chunk. Chromium's IndexedDB refuses a single value over about 133 MB and a 1M-row
 * `cases` table is about 250 MB of Arrow, so tables are stored in pieces of at most 200k rows.
 */
export const CHUNK_ROWS = 200_000;

const dataStore: KeyValueStore = idbStore(DATA_DB);
const settingsStore: KeyValueStore = idbStore(SETTINGS_DB);

/**
 * Gives a save's steps the engine: in the app the query coordinator's queue (each chunk its own section, so
 * views' queries go between the chunks of a long save instead of waiting for all of it).
 */
export type EngineRunner = <R>(work: (db: DbConnector) => Promise<R>) => Promise<R>;

/** The coordinator's queue as a save's engine: each step an exclusive 'save' section. */
export function saveRunner(coordinator: QueryCoordinator): EngineRunner {
  return (work) => coordinator.exclusive('save', work);
}

/** rows written so far of all tables, after each chunk */
export type SaveProgress = (rowsSaved: number, rowsTotal: number) => void;

/** One save at a time: a save started while another runs waits for it (their chunks share keys). */
let saving: Promise<unknown> = Promise.resolve();
/** Bumped by clearSavedData: a save begun before it stops at its next chunk and writes no manifest. */
let generation = 0;

/**
 * Loaded data survive a reload: each canonical table is kept in IndexedDB as Arrow IPC chunks
 * (DuckDB-WASM's OPFS mode is not reliable across browsers yet), with the app's metadata (import
 * reports, whether the data are the demo set). The manifest is written last.
 */
export async function saveTables(
  engine: DbConnector | EngineRunner,
  meta: unknown,
  store: KeyValueStore = dataStore,
  chunkRows = CHUNK_ROWS,
  onProgress?: SaveProgress,
): Promise<void> {
  const runner: EngineRunner = typeof engine === 'function' ? engine : (work) => work(engine);
  const started = generation;
  const run = saving
    .catch(() => undefined)
    .then(() => writeTables(runner, meta, store, chunkRows, () => started !== generation, onProgress));
  saving = run;
  return run;
}

async function writeTables(
  engine: EngineRunner,
  meta: unknown,
  store: KeyValueStore,
  chunkRows: number,
  stale: () => boolean,
  onProgress?: SaveProgress,
): Promise<void> {
  if (stale()) return;
  const previous = await store.get<SavedManifest>('tables');
  const chunks: Record<string, number> = {};
  const sizes = await engine((d) =>
    Promise.all(
      PERSISTED_TABLES.map(async (t) => {
        const [r] = await d.query<{ hi: number | null; n: number }>(
          `SELECT max(rowid) AS hi, count(*) AS n FROM ${ident(t)}`,
        );
        return { table: t, hi: r?.hi ?? -1, rows: Number(r?.n ?? 0) };
      }),
    ),
  );
  const total = sizes.reduce((n, x) => n + x.rows, 0);
  let saved = 0;
  onProgress?.(0, total);
  for (const { table: t, hi, rows } of sizes) {
    let count = 0;
    let left = rows;
    for (let lo = 0; lo <= hi; lo += chunkRows) {
      const text =
        sql`SELECT ${raw(portableColumnsSql(t))} FROM ${ident(t)} WHERE rowid >= ${lo} AND rowid < ${lo + chunkRows}`
          .text;
      const ipc = await engine((d) => d.queryArrowIPC(text));
      if (stale()) return;
      // An Arrow build other than the engine's writes nothing for its tables: fail loudly, not silently.
      if (ipc.byteLength === 0) throw new Error(`saving ${t}: the Arrow writer produced no bytes`);
      await store.set(chunkKey(t, count++), ipc);
      saved += Math.min(chunkRows, left);
      left -= Math.min(chunkRows, left);
      onProgress?.(saved, total);
    }
    chunks[t] = count;
  }
  const manifest: SavedManifest = {
    version: 2,
    savedAt: new Date().toISOString(),
    chunks,
    meta,
    links: true,
    columns: Object.fromEntries(PERSISTED_TABLES.map((t) => [t, columnNames(t)])),
  };
  if (stale()) return;
  await store.set('tables', manifest);
  for (const [t, n] of Object.entries(previous?.version === 2 ? previous.chunks : {})) {
    for (let i = chunks[t] ?? 0; i < n; i++) await store.delete(chunkKey(t, i));
  }
  onProgress?.(total, total);
}

/** Restores the saved tables into the (empty, prepared) database; returns the saved metadata or null. */
export async function restoreTables(
  db: DbConnector,
  store: KeyValueStore = dataStore,
): Promise<{ meta: unknown } | null> {
  const saved = await store.get<SavedManifest>('tables');
  if (!saved || saved.version !== 2) return null;
  for (const t of PERSISTED_TABLES) {
    const n = saved.chunks[t] ?? 0;
    if (n === 0) continue;
    // Chunks saved with today's columns go straight into the table (each row is compressed once); an
    // earlier version's go through a copy inserted by name, the columns it lacks filled below.
    const direct = sameColumns(saved.columns?.[t], columnNames(t));
    const target = direct ? t : `restore_${t}`;
    let next = store.get<Uint8Array>(chunkKey(t, 0));
    for (let i = 0; i < n; i++) {
      const ipc = await next;
      if (!ipc) throw new Error(`restoring ${t}: chunk ${i} is missing`);
      if (i + 1 < n) next = store.get<Uint8Array>(chunkKey(t, i + 1));
      await db.insertArrowIPC(target, ipc);
    }
    if (direct) continue;
    await db.exec(`INSERT INTO ${ident(t)} BY NAME SELECT * FROM ${ident(target)}`);
    await db.exec(`DROP TABLE ${ident(target)}`);
  }
  if (!saved.links) await refreshEpisodeLinks(db);
  return { meta: saved.meta };
}

function columnNames(table: DataTable): string[] {
  return (DATA_TABLES.find((x) => x.name === table)?.columns ?? []).map(([name]) => name);
}

function sameColumns(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((c, i) => c === b[i]);
}

/**
 * Forgets the saved tables, after stopping a save under way (call it outside the coordinator's sections: a
 * save's next chunk waits for the engine). In the app the whole IndexedDB database goes (deleted keys would linger in
 * the profile's files); the user's settings live in their own database and stay.
 */
export async function clearSavedData(store?: KeyValueStore): Promise<void> {
  generation++;
  await saving.catch(() => undefined);
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
