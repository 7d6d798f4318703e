import type { DbConnector, Row } from './connector';

export interface QueryOutcome<T> {
  rows: T[];
  /** false when a newer request from the same client superseded this one: ignore the rows. */
  current: boolean;
}

/**
 * One place where every view's queries run (after mosaic's Coordinator): results are cached by SQL
 * text until the data change, and a client's superseded request resolves as not current so a slow
 * answer to an old filter never overwrites a newer one. Queries run one at a time, in order.
 */
export class QueryCoordinator {
  private cache = new Map<string, Promise<Row[]>>();
  private latest = new Map<string, number>();
  private seq = 0;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: DbConnector,
    private readonly maxCacheEntries = 200,
  ) {}

  /** Runs `sql` for `clientId`; errors reject the promise so the asking view can show them. */
  async request<T extends Row>(clientId: string, text: string): Promise<QueryOutcome<T>> {
    const ticket = ++this.seq;
    this.latest.set(clientId, ticket);
    const rows = (await this.cached(text)) as T[];
    return { rows, current: this.latest.get(clientId) === ticket };
  }

  /** Direct query without a client, still cached and serialized. */
  query<T extends Row>(text: string): Promise<T[]> {
    return this.cached(text) as Promise<T[]>;
  }

  /** Data changed: every cached answer is stale. */
  invalidate(): void {
    this.cache.clear();
  }

  /** Runs work that only reads (e.g. one chunk of a save) in the queue, between other queries. */
  schedule<R>(work: (db: DbConnector) => Promise<R>): Promise<R> {
    const run = this.chain.then(() => work(this.db));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Runs work that changes data in the same queue as the queries, then invalidates the cache. */
  async mutate<R>(work: (db: DbConnector) => Promise<R>): Promise<R> {
    const run = this.chain.then(() => work(this.db));
    this.chain = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      this.invalidate();
    }
  }

  private cached(text: string): Promise<Row[]> {
    const hit = this.cache.get(text);
    if (hit) return hit;
    const run = this.chain.then(() => this.db.query(text));
    this.chain = run.catch(() => undefined);
    this.cache.set(text, run);
    run.catch(() => this.cache.delete(text));
    if (this.cache.size > this.maxCacheEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return run;
  }
}
