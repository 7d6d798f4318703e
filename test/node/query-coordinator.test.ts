import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { QueryCoordinator, type CoordinatorStatus } from '../../src/core/db/query-coordinator';
import { importFiles } from '../../src/core/import/import-pipeline';
import { runConsoleQuery } from '../../src/views/sql-console/run-console-query';
import { openTestDb } from '../helpers/db';

/** A connector that records every SQL text the engine is asked to run. */
function recording(db: DbConnector): DbConnector & { seen: string[] } {
  const seen: string[] = [];
  return { ...db, seen, query: (s, o) => (seen.push(s), db.query(s, o)) };
}

/** An exclusive section that holds the engine until `release` is called. */
function hold(qc: QueryCoordinator) {
  let release = () => {};
  const done = qc.exclusive('import', () => new Promise<void>((resolve) => (release = resolve)));
  return { done, release: () => release() };
}

describe('query coordinator', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec('CREATE TABLE t AS SELECT range AS i FROM range(10)');
  });
  afterAll(() => db.close());

  it('answers repeated SQL from the cache until the data change', async () => {
    const counting = recording(db);
    const qc = new QueryCoordinator(counting);
    await qc.query('SELECT count(*) AS n FROM t');
    const again = await qc.query<{ n: number }>('SELECT count(*) AS n FROM t');
    expect(again).toEqual([{ n: 10 }]);
    expect(counting.seen).toHaveLength(1);
    await qc.mutate((d) => d.exec('INSERT INTO t VALUES (10)'));
    expect(await qc.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 11 }]);
    expect(counting.seen).toHaveLength(2);
    await qc.mutate((d) => d.exec('DELETE FROM t WHERE i = 10'));
  });

  it('marks a superseded request of the same client as not current', async () => {
    const qc = new QueryCoordinator(db);
    const first = qc.request('overview', 'SELECT 1 AS v');
    const second = qc.request('overview', 'SELECT 2 AS v');
    const other = qc.request('map', 'SELECT 3 AS v');
    expect((await first).current).toBe(false);
    expect(await second).toEqual({ rows: [{ v: 2 }], current: true });
    expect((await other).current).toBe(true);
  });

  it('drops a superseded request that has not started: the engine never runs it', async () => {
    const engine = recording(db);
    const qc = new QueryCoordinator(engine);
    const busy = hold(qc);
    const stale = qc.request('overview', 'SELECT 1 AS stale');
    const shared = qc.request('map', 'SELECT 5 AS shared');
    const sharedToo = qc.request('overview', 'SELECT 5 AS shared');
    const fresh = qc.request('overview', 'SELECT 2 AS fresh');
    expect(await stale).toEqual({ rows: [], current: false });
    expect(await sharedToo).toEqual({ rows: [], current: false });
    busy.release();
    expect(await fresh).toEqual({ rows: [{ fresh: 2 }], current: true });
    // the map still wanted the shared query: dropping overview's interest did not cancel it
    expect(await shared).toEqual({ rows: [{ shared: 5 }], current: true });
    expect(engine.seen).toEqual(['SELECT 5 AS shared', 'SELECT 2 AS fresh']);
  });

  it('reports a query error to the caller and keeps serving others', async () => {
    const qc = new QueryCoordinator(db);
    await expect(qc.request('x', 'SELECT * FROM missing_table')).rejects.toThrow(/missing_table/);
    expect((await qc.request('x', 'SELECT 4 AS v')).rows).toEqual([{ v: 4 }]);
  });

  it('runs nothing inside an exclusive section and says who waits behind it', async () => {
    const qc = new QueryCoordinator(db);
    const seen: CoordinatorStatus[] = [];
    qc.subscribe((s) => seen.push(s));
    const order: string[] = [];
    const section = qc.exclusive('console', async (d) => {
      order.push('section start');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await d.query('SELECT 1');
      order.push('section end');
    });
    const view = qc.request('overview', 'SELECT 42 AS v').then(() => order.push('view'));
    await Promise.all([section, view]);
    expect(order).toEqual(['section start', 'section end', 'view']);
    expect(seen).toContainEqual({ exclusive: 'console', waiting: 1 });
    expect(qc.status()).toEqual({ exclusive: null, waiting: 0 });
  });

  it('drops an exclusive section whose signal aborts before it starts', async () => {
    const qc = new QueryCoordinator(db);
    const busy = hold(qc);
    const abort = new AbortController();
    let ran = false;
    const dropped = qc.exclusive('console', async () => void (ran = true), { signal: abort.signal });
    abort.abort('cancelled');
    await expect(dropped).rejects.toBe('cancelled');
    busy.release();
    await busy.done;
    expect(ran).toBe(false);
  });
});

describe('a console query during an import', () => {
  it('waits for the import and sees all of its rows; one issued before sees none', async () => {
    const db = await openTestDb();
    await prepareDatabase(db);
    const qc = new QueryCoordinator(db);
    const rows = 5_000;
    const lines = ['救助编号,求助时间,发现地点,性别'];
    for (let i = 0; i < rows; i++) lines.push(`JZ${i},2023/1/5 8:30,崇文门外大街,男`);
    const file = new File([lines.join('\n')], 'many.csv');
    const count = (signal = new AbortController().signal) =>
      runConsoleQuery(qc, 'SELECT count(*) AS n FROM cases', { limit: 10, signal });

    const before = count();
    const finished: string[] = [];
    let during: ReturnType<typeof count> | undefined;
    const imported = qc
      .mutate((d) =>
        importFiles(d, [file], {
          onProgress: () => {
            during ??= count().finally(() => finished.push('console'));
          },
        }),
      )
      .finally(() => finished.push('import'));
    expect((await imported).reports[0]?.rowsLoaded).toBe(rows);
    expect(during).toBeDefined();
    expect(await during).toMatchObject({ ok: true, rows: [{ n: rows }] });
    expect(await before).toMatchObject({ ok: true, rows: [{ n: 0 }] });
    expect(finished).toEqual(['import', 'console']);
    await db.close();
  });
});
