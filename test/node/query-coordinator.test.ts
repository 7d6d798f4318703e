import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { QueryCoordinator } from '../../src/core/db/query-coordinator';
import { openTestDb } from '../helpers/db';

describe('query coordinator', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec('CREATE TABLE t AS SELECT range AS i FROM range(10)');
  });
  afterAll(() => db.close());

  it('answers repeated SQL from the cache until the data change', async () => {
    let calls = 0;
    const counting: DbConnector = { ...db, query: (s) => (calls++, db.query(s)) };
    const qc = new QueryCoordinator(counting);
    await qc.query('SELECT count(*) AS n FROM t');
    const again = await qc.query<{ n: number }>('SELECT count(*) AS n FROM t');
    expect(again).toEqual([{ n: 10 }]);
    expect(calls).toBe(1);
    await qc.mutate((d) => d.exec('INSERT INTO t VALUES (10)'));
    expect(await qc.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 11 }]);
    expect(calls).toBe(2);
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

  it('reports a query error to the caller and keeps serving others', async () => {
    const qc = new QueryCoordinator(db);
    await expect(qc.request('x', 'SELECT * FROM missing_table')).rejects.toThrow(/missing_table/);
    expect((await qc.request('x', 'SELECT 4 AS v')).rows).toEqual([{ v: 4 }]);
  });
});
