import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { installDateMacros, parseTimestampSql } from '../../src/core/import/parse-dates-sql';
import { raw, sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
  await installDateMacros(db);
});
afterAll(() => db.close());

async function parse(text: string | null): Promise<string | null> {
  const rows = await db.query<{ t: string | null }>(
    sql`SELECT strftime(${parseTimestampSql(raw('v'))}, '%Y-%m-%d %H:%M:%S.%g') AS t FROM (SELECT ${text}::VARCHAR AS v)`
      .text,
  );
  return rows[0]?.t ?? null;
}

describe('parse_cst_timestamp', () => {
  // Expected values written out by hand; Excel serials from the 1900 date system (ECMA-376 §18.17.4.1):
  // 25569 is 1970-01-01 (the Unix epoch), 45292 is 2024-01-01, 0.354 day = 30585.6 s = 08:29:45.6.
  it.each([
    ['2023-01-05 08:30:00', '2023-01-05 08:30:00.000'],
    ['2023-01-05 08:30', '2023-01-05 08:30:00.000'],
    ['2023-1-5 8:30:15', '2023-01-05 08:30:15.000'],
    ['2023-01-05', '2023-01-05 00:00:00.000'],
    ['2023/1/5 8:30', '2023-01-05 08:30:00.000'],
    ['2023/01/05 08:30:59', '2023-01-05 08:30:59.000'],
    ['2023/1/5', '2023-01-05 00:00:00.000'],
    ['  2023/1/5   8:30 ', '2023-01-05 08:30:00.000'],
    ['2023年1月5日 8时30分', '2023-01-05 08:30:00.000'],
    ['2023年1月5日8时30分', '2023-01-05 08:30:00.000'],
    ['2023年1月5日 8时30分15秒', '2023-01-05 08:30:15.000'],
    ['2023年1月5日 08:30', '2023-01-05 08:30:00.000'],
    ['2023年1月5日', '2023-01-05 00:00:00.000'],
    ['2023.1.5 8:30', '2023-01-05 08:30:00.000'],
    ['20230105', '2023-01-05 00:00:00.000'],
    ['2023-01-05T08:30:00+08:00', '2023-01-05 08:30:00.000'],
    ['2023-01-05T00:30:00Z', '2023-01-05 08:30:00.000'],
    ['2023-01-04T19:30:00-05:00', '2023-01-05 08:30:00.000'],
    ['2023-01-04T23:30+09', '2023-01-04 22:30:00.000'],
    ['2023-01-04T16:30:00.250-0800', '2023-01-05 08:30:00.250'],
    ['2023-01-05T08:30:00', '2023-01-05 08:30:00.000'],
    ['2022-12-31T20:00:00Z', '2023-01-01 04:00:00.000'],
    ['44931.354', '2023-01-05 08:29:46.000'],
    ['44931', '2023-01-05 00:00:00.000'],
    ['25569', '1970-01-01 00:00:00.000'],
    ['45292.5', '2024-01-01 12:00:00.000'],
    ['1', '1900-01-01 00:00:00.000'],
    ['59', '1900-02-28 00:00:00.000'],
    ['61', '1900-03-01 00:00:00.000'],
  ])('%s → %s', async (text, expected) => {
    expect(await parse(text)).toBe(expected);
  });

  it.each([
    ['2023/13/5 8:30'],
    ['2023/2/30 8:00'],
    ['2024-02-30'],
    ['2023-02-29'],
    ['20230230'],
    ['2023015'],
    ['2023-1-5 25:00'],
    ['待核实'],
    ['#VALUE!'],
    ['60'],
    ['0'],
    [''],
    [null],
  ])('%j → NULL', async (text) => {
    expect(await parse(text)).toBeNull();
  });

  it('accepts leap days that exist', async () => {
    expect(await parse('2024-02-29 23:59')).toBe('2024-02-29 23:59:00.000');
  });
});
