import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { detectPersonalData, dropStagedColumns, isPersonalHeader } from '../../src/core/import/pii-guard';
import { stageFile } from '../../src/core/import/stage-file';
import { openTestDb } from '../helpers/db';

const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');
const TODAY = new Date(Date.UTC(2025, 5, 1));

let db: DbConnector;
let seq = 0;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db.close();
});

const sample = (name: string) => new File([readFileSync(path.join(SAMPLES, name))], name);
const stageSample = (name: string) => stageFile(db, sample(name), `pii_${seq++}`);
/** A one-column CSV (header `v`) whose rows are `values`. */
const stageValues = (values: string[]) =>
  stageFile(db, new File([['v', ...values].join('\n') + '\n'], 'values.csv'), `pii_${seq++}`);
/** One row, one column per value (headers h0, h1, …), quoted so separators inside values stay put. */
const stageColumns = (values: string[]) =>
  stageFile(
    db,
    new File([`${values.map((_, i) => `h${i}`).join(',')}\n${values.map((v) => `"${v}"`).join(',')}\n`], 'cols.csv'),
    `pii_${seq++}`,
  );
/** Each value in a column of its own: [column, rule, matched rows] of every finding. */
const findEachColumn = async (values: string[]): Promise<[number, string, number][]> =>
  (await detectPersonalData(db, await stageColumns(values), TODAY)).map((f) => [f.columnIndex, f.rule, f.matchedRows]);
const valueFindings = async (values: string[]) =>
  (await detectPersonalData(db, await stageValues(values), TODAY)).map((f) => [f.rule, f.matchedRows]);

describe('personal data guard on the sample exports', () => {
  it('pii_leak.csv: 姓名 by header, 身份证号 by header and resident ID, 联系电话 by header and mobile; 40 rows each', async () => {
    const staged = await stageSample('pii_leak.csv');
    const findings = await detectPersonalData(db, staged, TODAY);
    expect(findings).toEqual([
      { columnIndex: 1, header: '姓名', rule: 'header', matchedRows: 40 },
      { columnIndex: 2, header: '身份证号', rule: 'header', matchedRows: 40 },
      { columnIndex: 2, header: '身份证号', rule: 'resident_id', matchedRows: 40 },
      { columnIndex: 3, header: '联系电话', rule: 'header', matchedRows: 40 },
      { columnIndex: 3, header: '联系电话', rule: 'mobile', matchedRows: 40 },
    ]);
    // The report carries counts only: no ID or phone number of the file appears in it.
    const values = await db.query<{ id: string; phone: string }>(`SELECT c2 AS id, c3 AS phone FROM ${staged.table}`);
    const text = JSON.stringify(findings);
    expect(values.some((v) => text.includes(v.id) || text.includes(v.phone))).toBe(false);
  });

  it.each(['cases_2023_gbk.csv', 'cases_2024.xlsx', 'patrol_tracks_2023.csv'])('%s: nothing flagged', async (name) => {
    const staged = await stageSample(name);
    expect(await detectPersonalData(db, staged, TODAY)).toEqual([]);
  });

  it('dropping the flagged columns renumbers c0..c{n-1} and clears the guard', async () => {
    const staged = await stageSample('pii_leak.csv');
    const flagged = [...new Set((await detectPersonalData(db, staged, TODAY)).map((f) => f.columnIndex))];
    const cleaned = await dropStagedColumns(db, staged, flagged);
    expect(cleaned.headers).toEqual(['救助编号', '求助时间', '发现地点', '性别', '年龄', '户籍所在地', '去向']);
    expect(cleaned.rowCount).toBe(40);
    expect(cleaned.warnings).toEqual([
      { key: 'import.warning.columnsDropped', params: { file: 'pii_leak.csv', columns: '姓名、身份证号、联系电话' } },
    ]);
    // First data line of pii_leak.csv without its 2nd-4th fields.
    const [first] = await db.query(`SELECT * FROM ${cleaned.table} ORDER BY __row LIMIT 1`);
    expect(first).toEqual({
      c0: 'PX20230101', c1: '2023-01-01 01:26', c2: '崇文门外大街', c3: '男', c4: '37', c5: '河北省邢台市内丘县', c6: '送医', __row: 1,
    }); // prettier-ignore
    expect(await detectPersonalData(db, cleaned, TODAY)).toEqual([]);
  });
});

describe('resident ID rule (GB 11643-1999)', () => {
  /*
   * 11010519491231002X, the standard's own example. Digits 1..17 times weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
   *   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
   *   = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167;  167 mod 11 = 2
   *   check map 0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4 9→3 10→2, so 2 → 'X'.
   * With prefix 99 instead of 11 the sum is 295, 295 mod 11 = 9 → '3': 990105194912310023 has a valid check
   * digit but no province 99.
   * 440524188001010014: sum 195, 195 mod 11 = 8 → '4' (valid), but born 1880-01-01: not plausible.
   */
  const cases: [string, number][] = [
    ['11010519491231002X', 1],
    ['11010519491231002x', 1],
    ['110105194912310021', 0], // check digit should be X
    ['990105194912310023', 0], // no province 99
    ['440524188001010014', 0], // born before 1900
    ['110105194902300020', 0], // valid check digit (sum 155, mod 11 = 1 → '0'), but 1949-02-30 does not exist
    ['110105491231002', 1], // 15-digit legacy: 1949-12-31
    ['110105491331002', 0], // legacy with month 13
    ['11010519491231002', 0], // 17 digits
    [' 11010519491231002X ', 1], // staged values are trimmed
  ];
  // One column per case, one value each: "any match when the column has fewer than 3 values" applies.
  let findings: [number, string, number][] = [];
  beforeAll(async () => {
    findings = await findEachColumn(cases.map(([v]) => v));
  });

  it.each(cases.map(([id, n], i) => [id, n, i] as const))('%j counts as %i', (_id, expected, column) => {
    const hits = findings.filter(([c, rule]) => c === column && rule === 'resident_id');
    expect(hits).toEqual(expected ? [[column, 'resident_id', 1]] : []);
  });

  it('a birth date after `today` is not plausible', async () => {
    // Born 2025-06-30; sum 158, 158 mod 11 = 4 → check '8'.
    const staged = await stageValues(['110105202506300018']);
    expect(await detectPersonalData(db, staged, TODAY)).toEqual([]);
    expect(await detectPersonalData(db, staged, new Date(Date.UTC(2025, 6, 1)))).toEqual([
      { columnIndex: 0, header: 'v', rule: 'resident_id', matchedRows: 1 },
    ]);
  });
});

describe('mobile rule and the "more than a few rows" threshold', () => {
  const cases: [string, number][] = [
    ['13812345678', 1],
    ['19933742306', 1],
    ['+86 138 1234 5678', 1],
    ['86-13812345678', 1],
    ['12812345678', 0], // 1 then 2: not a mobile prefix
    ['1381234567', 0], // 10 digits
    ['138123456789', 0], // 12 digits
    ['010-12345678', 0], // a landline is not covered by the value rule
  ];
  let findings: [number, string, number][] = [];
  beforeAll(async () => {
    findings = await findEachColumn(cases.map(([v]) => v));
  });

  it.each(cases.map(([phone, n], i) => [phone, n, i] as const))('%j counts as %i', (_phone, expected, column) => {
    const hits = findings.filter(([c, rule]) => c === column && rule === 'mobile');
    expect(hits).toEqual(expected ? [[column, 'mobile', 1]] : []);
  });

  it('flags at 3 matches, or any match when the column has fewer than 3 values', async () => {
    const filler = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(await valueFindings(['13812345678', '13912345678', ...filler])).toEqual([]);
    expect(await valueFindings(['13812345678', '13912345678', '13712345678', ...filler])).toEqual([['mobile', 3]]);
    expect(await valueFindings(['13812345678', '', ''])).toEqual([['mobile', 1]]);
    expect(await valueFindings(['13812345678', '13912345678'])).toEqual([['mobile', 2]]);
  });
});

describe('header rule', () => {
  it.each([
    ['姓名', true],
    [' 姓 名 ', true],
    ['监护人姓名', true],
    ['名字', true],
    ['身份证号码', true],
    ['证件号码', true],
    ['手机号', true],
    ['联系人电话', true],
    ['出生日期', true],
    ['照片', true],
    ['人脸图像', true],
    ['Name', true],
    [' PHONE ', true],
    ['place_name', false],
    ['found_place', false],
    ['phone_count', false],
    ['出生年份', false],
    ['人员编号', false],
    ['发现地点', false],
  ])('%j → %s', (header, expected) => {
    expect(isPersonalHeader(header)).toBe(expected);
  });

  it('a flagged header reports the column’s non-empty rows', async () => {
    const staged = await stageFile(db, new File(['id,电话\n1,\n2,x\n3,y\n'], 'h.csv'), `pii_${seq++}`);
    expect(await detectPersonalData(db, staged, TODAY)).toEqual([
      { columnIndex: 1, header: '电话', rule: 'header', matchedRows: 2 },
    ]);
  });
});
