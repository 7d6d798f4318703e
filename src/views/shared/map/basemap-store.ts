import { useSyncExternalStore } from 'react';
import { NO_BASEMAP, type BasemapSetting, type BasemapSource } from './basemap-source';
import { BasemapError, resolveBasemapSource } from './basemap-tiles';

/**
 * The basemap is a setting of this browser (it names the intranet's tile server), not of a view or a link:
 * kept in localStorage, a picked .pmtiles file in IndexedDB. Every map shares it through useBasemap.
 */
const SETTING_KEY = 'outreach-atlas.basemap.v1';
const DB_NAME = 'outreach-atlas-basemap';
const STORE = 'files';
const FILE_KEY = 'pmtiles';

export interface BasemapState {
  setting: BasemapSetting;
  source: BasemapSource | null;
  /** message key of the last failure */
  error: string | null;
  loading: boolean;
}

function readSetting(): BasemapSetting {
  try {
    const raw = localStorage.getItem(SETTING_KEY);
    const s = raw ? (JSON.parse(raw) as Partial<BasemapSetting>) : null;
    if (!s || (s.kind !== 'xyz' && s.kind !== 'pmtiles')) return NO_BASEMAP;
    return {
      kind: s.kind,
      url: typeof s.url === 'string' ? s.url : '',
      datum: s.datum === 'GCJ02' || s.datum === 'WGS84' ? s.datum : 'CGCS2000',
      fileName: typeof s.fileName === 'string' ? s.fileName : null,
    };
  } catch {
    return NO_BASEMAP;
  }
}

function openFiles(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
}

async function fileOp<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openFiles();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = op(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

let state: BasemapState = { setting: NO_BASEMAP, source: null, error: null, loading: false };
let started = false;
const listeners = new Set<(s: BasemapState) => void>();

function publish(next: Partial<BasemapState>): void {
  state = { ...state, ...next };
  for (const l of listeners) l(state);
}

async function apply(setting: BasemapSetting, file: Blob | null): Promise<void> {
  publish({ setting, loading: true, error: null });
  try {
    publish({ source: await resolveBasemapSource(setting, file), loading: false });
  } catch (err) {
    publish({ source: null, loading: false, error: err instanceof BasemapError ? err.key : 'basemap.error.load' });
  }
}

function start(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const setting = readSetting();
  if (setting.kind === 'none') return publish({ setting });
  void (
    setting.kind === 'pmtiles' ? fileOp<Blob | undefined>('readonly', (s) => s.get(FILE_KEY)) : Promise.resolve(null)
  )
    .catch(() => null)
    .then((file) => apply(setting, file ?? null));
}

/** Saves the setting (and the picked file) and redraws every map with it. */
export async function saveBasemap(setting: BasemapSetting, file: File | null): Promise<void> {
  localStorage.setItem(SETTING_KEY, JSON.stringify(setting));
  let blob: Blob | null = null;
  if (setting.kind === 'pmtiles') {
    if (file) {
      await fileOp('readwrite', (s) => s.put(file, FILE_KEY));
      blob = file;
    } else blob = (await fileOp<Blob | undefined>('readonly', (s) => s.get(FILE_KEY)).catch(() => undefined)) ?? null;
  } else await fileOp('readwrite', (s) => s.delete(FILE_KEY)).catch(() => undefined);
  await apply(setting, blob);
}

function subscribe(listener: () => void): () => void {
  const l = () => listener();
  listeners.add(l);
  start();
  return () => {
    listeners.delete(l);
  };
}

export function useBasemap(): BasemapState {
  return useSyncExternalStore(subscribe, () => state);
}
