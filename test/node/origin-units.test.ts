import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import {
  buildCreateOriginUnitsSql,
  buildOriginMapCte,
  buildOriginUnitRows,
  originRegionSql,
} from '../../src/core/geo/origin-units';
import { CREATE_CASES } from '../../src/core/schema';
import { sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
const resolve = createOriginResolver(index);

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
  await db.exec(buildCreateOriginUnitsSql(index));
});
afterAll(() => db.close());

type Levels = [county: string | null, prefecture: string | null, province: string | null];

async function rollUpInSql(code: string): Promise<Levels> {
  const c = sql`${code}`;
  const [row] = await db.query<{ county: string; prefecture: string; province: string }>(
    sql`SELECT ${originRegionSql(c, 'county')} AS county, ${originRegionSql(c, 'prefecture')} AS prefecture,
      ${originRegionSql(c, 'province')} AS province`.text,
  );
  return [row!.county, row!.prefecture, row!.province];
}

/*
 * Real code-table cases (NBS 统计用区划代码 2023; 民政部 change lists for the retired codes), each with the
 * county-, prefecture- and province-level region it must count under.
 */
const CASES: [what: string, code: string, expected: Levels][] = [
  ['北京市朝阳区 (municipality: prefecture 110100)', '110105', ['110105', '110100', '110000']],
  ['重庆市丰都县 (重庆 5002xx 县 fold into 500100)', '500230', ['500230', '500100', '500000']],
  ['上海市浦东新区', '310115', ['310115', '310100', '310000']],
  ['济源市 (province-governed county-level city: its own prefecture)', '419001', ['419001', '419001', '410000']],
  ['仙桃市 (湖北 省直辖县级市)', '429004', ['429004', '429004', '420000']],
  ['石河子市 (兵团 city under 新疆)', '659001', ['659001', '659001', '650000']],
  ['凉山彝族自治州昭觉县 (autonomous prefecture)', '513431', ['513431', '513400', '510000']],
  ['湘西土家族苗族自治州凤凰县 (autonomous prefecture)', '433123', ['433123', '433100', '430000']],
  ['延边朝鲜族自治州延吉市', '222401', ['222401', '222400', '220000']],
  ['莱芜市莱城区 371202 (retired 2019) → 济南市莱芜区', '371202', ['370116', '370100', '370000']],
  ['莱芜市 371200 (retired prefecture) → 济南市', '371200', ['370100', '370100', '370000']],
  ['巢湖市无为县 341422 (retired 2011) → 芜湖市无为市', '341422', ['340281', '340200', '340000']],
  ['崇文区 110103 → 东城区', '110103', ['110101', '110100', '110000']],
  ['东莞市 (prefecture without counties: its own county)', '441900', ['441900', '441900', '440000']],
  ['凉山州 513400 only (county unknown)', '513400', ['513400', '513400', '510000']],
  ['四川省 510000 only', '510000', ['510000', '510000', '510000']],
  ['513499: no such code, falls back to its prefecture', '513499', ['513400', '513400', '510000']],
  ['519999: no such prefecture, falls back to the province', '519999', ['510000', '510000', '510000']],
  ['990101: no such province', '990101', [null, null, null]],
];

describe('origin roll-ups county → prefecture → province (origin_units + originRegionSql)', () => {
  it.each(CASES)('%s', async (_what, code, expected) => {
    expect(await rollUpInSql(code)).toEqual(expected);
    if (expected[0] !== null && !code.startsWith('5134') && code !== '519999') {
      expect([
        index.rollUpCode(code, 'county'),
        index.rollUpCode(code, 'prefecture'),
        index.rollUpCode(code, 'province'),
      ]).toEqual(expected);
    }
  });

  it('agrees with rollUpCode on every current and retired code of the table', async () => {
    const rows = buildOriginUnitRows(index);
    expect(rows.length).toBeGreaterThan(index.units.length);
    await db.exec(CREATE_CASES);
    await db.exec(
      `INSERT INTO cases (case_id, person_key, found_at, origin_code)
       SELECT 'c' || code, 'p' || code, TIMESTAMP '2023-01-01', code FROM origin_units`,
    );
    for (const level of ['county', 'prefecture', 'province'] as const) {
      const mapped = await db.query<{ code: string; region: string }>(
        sql`WITH ${buildOriginMapCte(level)} SELECT code, region FROM origin_map ORDER BY code`.text,
      );
      const wrong = mapped.filter((m) => index.rollUpCode(m.code, level) !== m.region);
      expect(wrong, level).toEqual([]);
      expect(mapped.length).toBe(rows.length);
    }
    await db.exec('DROP TABLE cases');
  });
});

describe('origin text → code (createOriginResolver), then rolled up', () => {
  const TEXTS: [text: string, code: string | null, prefecture: string | null][] = [
    ['四川省凉山彝族自治州昭觉县', '513431', '513400'],
    ['凉山州昭觉', '513431', '513400'],
    ['四川凉山', '513400', '513400'],
    ['四川省', '510000', '510000'],
    ['山东省莱芜市莱城区', '370116', '370100'],
    ['北京市朝阳区', '110105', '110100'],
    ['重庆市丰都县', '500230', '500100'],
    ['河南省济源市', '419001', '419001'],
    ['湖南省湘西土家族苗族自治州凤凰县', '433123', '433100'],
    ['广东省东莞市', '441900', '441900'],
    ['查无身份', null, null],
    ['', null, null],
  ];
  it.each(TEXTS)('%s', async (text, code, prefecture) => {
    const resolved = resolve([text]).get(text) ?? null;
    expect(resolved).toBe(code);
    if (resolved) expect((await rollUpInSql(resolved))[1]).toBe(prefecture);
  });

  it('the table holds no duplicate code and never a null roll-up', () => {
    const rows = buildOriginUnitRows(index);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    expect(rows.every((r) => r.county && r.prefecture && r.province)).toBe(true);
  });
});
