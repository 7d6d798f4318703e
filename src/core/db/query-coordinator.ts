import type { DbConnector, Row } from './connector';
import { stoppedError } from './connector';

export interface QueryOutcome<T> {
  rows: T[];
  /** false when a newer request from the same client superseded this one: ignore the rows. */
  current: boolean;
}

export const EXCLUSIVE_KINDS = ['import', 'export', 'save', 'restore', 'clear', 'console'] as const;

/** What an exclusive section does; views waiting behind one can say what they wait for. */
export type ExclusiveKind = (typeof EXCLUSIVE_KINDS)[number];

export interface CoordinatorStatus {
  /** the exclusive section running now */
  exclusive: ExclusiveKind | null;
  /** queries queued and not started */
  waiting: number;
}

export interface ExclusiveOptions {
  /** the section is dropped if this aborts before it starts (the work itself watches it after) */
  signal?: AbortSignal;
  /** the work changed data: every cached answer is stale afterwards */
  invalidates?: boolean;
}

interface Waiter {
  clientId: string | null;
  ticket: number;
  resolve(outcome: QueryOutcome<Row>): void;
  reject(err: unknown): void;
}

interface QueryEntry {
  type: 'query';
  sql: string;
  waiters: Waiter[];
}

interface ExclusiveEntry {
  type: 'exclusive';
  kind: ExclusiveKind;
  run(db: DbConnector): Promise<void>;
}

/** A query whose answer goes out as Arrow IPC, uncached (see queryArrow). */
interface ArrowEntry {
  type: 'arrow';
  sql: string;
  resolve(ipc: Uint8Array): void;
  reject(err: unknown): void;
}

type Entry = QueryEntry | ExclusiveEntry | ArrowEntry;

/**
 * The one place that talks to the engine (after mosaic's Coordinator and QueryManager): views' queries
 * are cached by SQL text until the data change, and run one at a time in order; a client's newer
 * request drops its older one if that has not started yet. Imports, exports, persistence and the SQL
 * console run as exclusive sections: their work gets the engine alone, so nothing else runs inside an
 * import's transaction. The engine is private: there is no other way to it.
 */
export class QueryCoordinator {
  readonly #db: DbConnector;
  private readonly cache = new Map<string, Row[]>();
  private readonly pending = new Map<string, QueryEntry>();
  private readonly queue: Entry[] = [];
  private readonly latest = new Map<string, number>();
  private readonly listeners = new Set<(status: CoordinatorStatus) => void>();
  private running: Entry | null = null;
  private current: CoordinatorStatus = { exclusive: null, waiting: 0 };
  private seq = 0;

  constructor(
    db: DbConnector,
    private readonly maxCacheEntries = 200,
  ) {
    this.#db = db;
  }

  /** Runs `sql` for `clientId`; errors reject the promise so the asking view can show them. */
  request<T extends Row>(clientId: string, sql: string): Promise<QueryOutcome<T>> {
    const ticket = ++this.seq;
    this.latest.set(clientId, ticket);
    this.dropSuperseded(clientId);
    return this.enqueueQuery(sql, clientId, ticket) as Promise<QueryOutcome<T>>;
  }

  /** A query without a client: cached and queued like the others, never superseded. */
  async query<T extends Row>(sql: string): Promise<T[]> {
    return (await this.enqueueQuery(sql, null, ++this.seq)).rows as T[];
  }

  /**
   * Gives `work` the engine alone, after everything queued before it; queries asked meanwhile wait.
   * `work` must not ask the coordinator itself (it would wait for its own end).
   */
  exclusive<R>(kind: ExclusiveKind, work: (db: DbConnector) => Promise<R>, options: ExclusiveOptions = {}): Promise<R> {
    const { signal, invalidates = false } = options;
    return new Promise<R>((resolve, reject) => {
      if (signal?.aborted) return reject(stoppedError(signal));
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) {
          this.queue.splice(i, 1);
          this.notify();
          reject(stoppedError(signal!));
        }
      };
      const entry: ExclusiveEntry = {
        type: 'exclusive',
        kind,
        run: async (db) => {
          signal?.removeEventListener('abort', onAbort);
          try {
            resolve(await work(db));
          } catch (err) {
            reject(err);
          } finally {
            if (invalidates) this.invalidate();
          }
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      this.pump();
    });
  }

  /** An exclusive section that changes data (import, restore, clear): the cache is emptied after it. */
  mutate<R>(work: (db: DbConnector) => Promise<R>, kind: ExclusiveKind = 'import'): Promise<R> {
    return this.exclusive(kind, work, { invalidates: true });
  }

  /**
   * Runs `text` in the same queue and returns the answer as an Arrow IPC stream, not cached: for large
   * numeric answers (millions of patrol points) that a worker reads as typed arrays, never as row objects.
   */
  queryArrow(sql: string): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queue.push({ type: 'arrow', sql, resolve, reject });
      this.pump();
    });
  }

  /** Data changed: every cached answer is stale. */
  invalidate(): void {
    this.cache.clear();
  }

  /** The same object until something changes (React's useSyncExternalStore relies on it). */
  status(): CoordinatorStatus {
    return this.current;
  }

  /** Calls `listener` whenever `status()` may have changed; returns the unsubscribe function. */
  subscribe(listener: (status: CoordinatorStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private enqueueQuery(sql: string, clientId: string | null, ticket: number): Promise<QueryOutcome<Row>> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { clientId, ticket, resolve, reject };
      const hit = this.cache.get(sql);
      if (hit) return this.answer(waiter, hit);
      let entry = this.pending.get(sql);
      if (!entry) {
        entry = { type: 'query', sql, waiters: [] };
        this.pending.set(sql, entry);
        this.queue.push(entry);
      }
      entry.waiters.push(waiter);
      this.notify();
      this.pump();
    });
  }

  /** Mosaic's QueryManager.cancel: a request that has not started is taken out of the queue. */
  private dropSuperseded(clientId: string): void {
    let changed = false;
    for (const entry of this.queue) {
      if (entry.type !== 'query') continue;
      const kept = entry.waiters.filter((w) => w.clientId !== clientId);
      for (const w of entry.waiters) if (w.clientId === clientId) w.resolve({ rows: [], current: false });
      if (kept.length !== entry.waiters.length) entry.waiters = kept;
    }
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const entry = this.queue[i]!;
      if (entry.type === 'query' && entry.waiters.length === 0) {
        this.queue.splice(i, 1);
        this.pending.delete(entry.sql);
        changed = true;
      }
    }
    if (changed) this.notify();
  }

  private answer(waiter: Waiter, rows: Row[]): void {
    const current = waiter.clientId === null || this.latest.get(waiter.clientId) === waiter.ticket;
    waiter.resolve({ rows, current });
  }

  private pump(): void {
    if (this.running) return;
    const entry = this.queue.shift();
    if (!entry) return;
    this.running = entry;
    this.notify();
    void this.runEntry(entry).finally(() => {
      this.running = null;
      this.notify();
      this.pump();
    });
  }

  private async runEntry(entry: Entry): Promise<void> {
    if (entry.type === 'exclusive') return entry.run(this.#db);
    if (entry.type === 'arrow') return this.#db.queryArrowIPC(entry.sql).then(entry.resolve, entry.reject);
    try {
      const rows = await this.#db.query(entry.sql);
      this.remember(entry.sql, rows);
      for (const w of entry.waiters) this.answer(w, rows);
    } catch (err) {
      for (const w of entry.waiters) w.reject(err);
    } finally {
      this.pending.delete(entry.sql);
    }
  }

  private remember(sql: string, rows: Row[]): void {
    this.cache.set(sql, rows);
    if (this.cache.size > this.maxCacheEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private notify(): void {
    const exclusive = this.running?.type === 'exclusive' ? this.running.kind : null;
    const waiting = this.queue.filter((e) => e.type !== 'exclusive').length;
    if (exclusive === this.current.exclusive && waiting === this.current.waiting) return;
    this.current = { exclusive, waiting };
    for (const listener of this.listeners) listener(this.current);
  }
}
