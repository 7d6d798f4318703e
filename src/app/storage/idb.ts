/** One object store of key → structured-cloneable value (persist-tables' KeyValueStore). */
export interface IdbStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The loaded tables and their metadata: deleted as a whole by 清空全部数据. */
export const DATA_DB = 'outreach-atlas';
/** The user's settings (saved column mappings): no case data, kept when the data are cleared. */
export const SETTINGS_DB = 'outreach-atlas-settings';
const STORE = 'kv';

/** Every connection this page holds, so that deleting a database can close them first. */
const openConnections = new Map<string, Set<IDBDatabase>>();

function open(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const db = req.result;
      // Another tab deleting the database asks us to let go.
      db.onversionchange = () => release(name, db);
      let set = openConnections.get(name);
      if (!set) openConnections.set(name, (set = new Set()));
      set.add(db);
      resolve(db);
    };
    req.onerror = () => reject(req.error);
  });
}

function release(name: string, db: IDBDatabase): void {
  db.close();
  openConnections.get(name)?.delete(db);
}

async function run<T>(name: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open(name);
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    release(name, db);
  }
}

export function idbStore(name: string): IdbStore {
  return {
    get: <T>(key: string) => run<T | undefined>(name, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    set: (key, value) => run(name, 'readwrite', (s) => s.put(value, key)).then(() => undefined),
    delete: (key) => run(name, 'readwrite', (s) => s.delete(key)).then(() => undefined),
  };
}

/**
 * Deletes the whole database, not its keys: deleted keys stay readable in the profile's files until the
 * browser compacts them, a deleted database does not. Our connections are closed first (others get a
 * versionchange event and close theirs); then the empty database is created again.
 */
export async function deleteIdbDatabase(name: string): Promise<void> {
  for (const db of [...(openConnections.get(name) ?? [])]) release(name, db);
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
  release(name, await open(name));
}
