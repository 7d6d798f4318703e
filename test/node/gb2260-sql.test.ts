import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { prefectureOfCodeSql, provinceOfCodeSql } from '../../src/core/geo/gb2260-sql';
import { literal, raw } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

describe('GB/T 2260 roll-up in SQL', () => {
  it('agrees with the code table for every current county', async () => {
    const index = loadGb2260(
      JSON.parse(readFileSync('public/geo/gb2260.json', 'utf8')),
      JSON.parse(readFileSync('public/geo/gb2260-changes.json', 'utf8')),
    );
    const counties = index.units.filter((u) => u.level === 3).map((u) => u.code);
    expect(counties.length).toBeGreaterThan(2800);
    const db = await openTestDb();
    await db.exec(`CREATE TABLE c (code VARCHAR)`);
    await db.exec(`INSERT INTO c VALUES ${counties.map((c) => `(${literal(c)})`).join(', ')}`);
    const rows = await db.query<{ code: string; pref: string; prov: string }>(
      `SELECT code, ${prefectureOfCodeSql(raw('code')).text} AS pref, ${provinceOfCodeSql(raw('code')).text} AS prov FROM c`,
    );
    const wrong = rows.filter(
      (r) => r.pref !== index.rollUpCode(r.code, 'prefecture') || r.prov !== index.rollUpCode(r.code, 'province'),
    );
    expect(wrong).toEqual([]);
    // the two special rules, by hand: 重庆 城口县 500229 → 500100; 河南 济源市 419001 is its own prefecture
    const [special] = await db.query<{ a: string; b: string; c: string | null }>(
      `SELECT ${prefectureOfCodeSql(raw("'500229'")).text} AS a, ${prefectureOfCodeSql(raw("'419001'")).text} AS b,
        ${prefectureOfCodeSql(raw("'不详'")).text} AS c`,
    );
    expect(special).toEqual({ a: '500100', b: '419001', c: null });
    await db.close();
  });
});
