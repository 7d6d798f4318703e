import { describe, expect, it } from 'vitest';
import { buildLimitedQuery, checkReadOnlySql } from '../../src/views/sql-console/queries';
import { openTestDb } from '../helpers/db';

describe('read-only SQL console', () => {
  it.each([
    ['SELECT 1', true],
    ['  with t as (select 1) select * from t;  ', true],
    ["SELECT 'drop table cases; --' AS s", true],
    ['SELECT 1; DROP TABLE cases', false],
    ['DROP TABLE cases', false],
    ['CREATE TABLE x AS SELECT 1', false],
    ["COPY cases TO 'x.csv'", false],
    ['SELECT * FROM cases WHERE 1=1; -- trailing', true],
    ['', false],
    ['INSTALL spatial', false],
  ])('%j → allowed %s', (text, ok) => {
    expect(checkReadOnlySql(text).ok).toBe(ok);
  });

  it('runs an allowed statement with a row limit on the real engine', async () => {
    const db = await openTestDb();
    const checked = checkReadOnlySql('SELECT range AS i FROM range(100);');
    if (!checked.ok) throw new Error('expected ok');
    const rows = await db.query(buildLimitedQuery(checked.sql, 7));
    expect(rows).toHaveLength(7);
    await db.close();
  });
});
