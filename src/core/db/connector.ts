/** A row as returned by the connector: BIGINT and HUGEINT become numbers, timestamps epoch milliseconds. */
export type Row = Record<string, unknown>;

/**
 * The one database seam. The app implements it with DuckDB-WASM in a Web Worker,
 * tests with the same WASM engine through its Node bindings (see STYLE.md, mosaic's Connector).
 */
export interface DbConnector {
  /** With `signal`, the statement runs as a pending query that the engine stops when the signal aborts. */
  query<T extends Row = Row>(sql: string, options?: QueryOptions): Promise<T[]>;
  exec(sql: string): Promise<void>;
  /**
   * Parses and binds `sql` as one prepared statement and throws it away: nothing runs. Rejects when the
   * text holds more than one statement (the engine refuses to prepare several) or does not bind.
   */
  prepare(sql: string): Promise<void>;
  /**
   * Makes bytes readable by SQL under `path`, which must come from `registeredFilePath` (the only
   * directory the locked engine reads), e.g. read_csv('/registered/x.csv').
   */
  registerFileBuffer(path: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Appends (or creates) `table` from an Arrow IPC stream. */
  insertArrowIPC(table: string, ipc: Uint8Array): Promise<void>;
  /** Runs a query and returns its result as an Arrow IPC stream (for persistence). */
  queryArrowIPC(sql: string): Promise<Uint8Array>;
  /** Asks the engine to stop the running query; resolves whether something was cancelled. */
  cancel(): Promise<boolean>;
  close(): Promise<void>;
}

export interface QueryOptions {
  signal?: AbortSignal;
}

/** What a query stopped by its signal rejects with: the signal's reason, or this error. */
export function stoppedError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The query was stopped', 'AbortError');
}

/** Converts an Arrow-like result row to plain values the UI and tests can compare. */
export function normalizeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object') {
    if (v instanceof Date) return v.getTime();
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<unknown>, normalizeValue);
    const maybeList = v as { toArray?: () => unknown[]; toJSON?: () => unknown };
    if (typeof maybeList.toArray === 'function') return maybeList.toArray().map(normalizeValue);
    if (typeof maybeList.toJSON === 'function') {
      const json = maybeList.toJSON();
      if (json !== v) return normalizeValue(json);
    }
    if (Array.isArray(v)) return v.map(normalizeValue);
    const out: Row = {};
    for (const [k, x] of Object.entries(v)) out[k] = normalizeValue(x);
    return out;
  }
  return v;
}

interface ArrowLikeTable {
  toArray(): { toJSON(): Row }[];
}

export function arrowToRows<T extends Row>(table: ArrowLikeTable): T[] {
  return table.toArray().map((r) => normalizeValue(r.toJSON()) as T);
}
