import { describe, expect, it } from 'vitest';
import { ident, inList, joinSql, literal, raw, sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

describe('sql template tag', () => {
  it.each([
    ["O'Brien", "'O''Brien'"],
    [42, '42'],
    [Number.NaN, 'NULL'],
    [null, 'NULL'],
    [true, 'TRUE'],
    [['a', 'b'], "['a', 'b']"],
    [new Date(Date.UTC(2023, 0, 5, 8, 30)), "TIMESTAMP '2023-01-05 08:30:00'"],
  ])('quotes %j as %s', (value, expected) => {
    expect(literal(value)).toBe(expected);
  });

  it('never lets a value escape its literal, checked by the real engine', async () => {
    const db = await openTestDb();
    const hostile = "x'; DROP TABLE t; --";
    await db.exec('CREATE TABLE t (v VARCHAR)');
    await db.exec(sql`INSERT INTO t VALUES (${hostile})`.text);
    const rows = await db.query(sql`SELECT v FROM t WHERE v = ${hostile}`.text);
    expect(rows).toEqual([{ v: hostile }]);
    await db.close();
  });

  it('builds identifiers and joins fragments', () => {
    expect(ident('a"b').text).toBe('"a""b"');
    expect(joinSql([raw('a = 1'), null, raw(''), sql`b = ${'x'}`], ' AND ').text).toBe("a = 1 AND b = 'x'");
  });

  it('lists the values of an IN, every value quoted, an empty list matching nothing', async () => {
    expect(inList(['a', "b'c", 3]).text).toBe("('a', 'b''c', 3)");
    expect(inList([]).text).toBe('(NULL)');
    const db = await openTestDb();
    await db.exec("CREATE TABLE t AS SELECT * FROM (VALUES ('a'), ('b''c'), ('d'), (NULL)) v(x)");
    const count = async (values: string[]) =>
      (await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM t WHERE x IN ${inList(values)}`.text))[0]?.n;
    expect(await count(['a', "b'c"])).toBe(2);
    expect(await count([])).toBe(0);
    await db.close();
  });
});
