import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { bd09ToGcj02, gcj02ToWgs84 } from '../../src/core/geo/coords';
import { canonicalizeCases } from '../../src/core/import/canonicalize-cases';
import { canonicalizePatrols } from '../../src/core/import/canonicalize-patrols';
import { suggestCaseMapping, suggestPatrolMapping } from '../../src/core/import/header-aliases';
import { buildRejectsCsv } from '../../src/core/import/import-report';
import { CREATE_IMPORT_REJECTS } from '../../src/core/schema';
import { joinSql, sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

/** A staging table as stageFile leaves it: c0..c{n-1} VARCHAR, __row 1-based. */
async function stage(table: string, headers: string[], rows: (string | null)[][]) {
  const cols = headers.map((_, i) => `c${i} VARCHAR`).join(', ');
  await db.exec(`CREATE OR REPLACE TABLE ${table} (${cols}, __row INTEGER)`);
  const values = joinSql(
    rows.map((r, i) => sql`(${[...r.map((v) => sql`${v}`), sql`${i + 1}`].reduce((a, b) => sql`${a}, ${b}`)})`),
  );
  await db.exec(`INSERT INTO ${table} VALUES ${values.text}`);
  return { fileName: `${table}.csv`, table, headers };
}

const RANGE = { min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2025, 0, 1)) };
const H = [
  '救助编号',
  '人员编号',
  '求助时间',
  '离站时间',
  '经度',
  '纬度',
  '坐标系',
  '发现渠道',
  '人员类别',
  '年龄',
  '户籍所在地',
  '去向',
];

describe('canonicalizeCases', () => {
  let result: Awaited<ReturnType<typeof canonicalizeCases>>;
  beforeAll(async () => {
    const staged = await stage('s_cases', H, [
      // 1: a clean GCJ-02 row (file default), person linkable
      [
        'A1',
        'P1',
        '2023/1/5 8:30',
        '2023/1/6 9:00',
        '116.404',
        '39.915',
        null,
        '公安送站',
        '老人',
        '67',
        '河南省周口市郸城县',
        '护送返乡',
      ],
      // 2: no case id → rejected
      [null, 'P2', '2023/1/5 9:00', null, '116.4', '39.9', null, '街面巡查', '一般', '30', '查无身份', '送医'],
      // 3: unreadable date → rejected
      ['A3', null, '2023/2/30 8:00', null, '116.4', '39.9', null, '街面巡查', '一般', '30', null, null],
      // 4: out of range → rejected
      ['A4', null, '1999-12-31 23:59', null, '116.4', '39.9', null, null, null, null, null, null],
      // 5: duplicate of A1 in the same file → skipped
      ['A1', 'P9', '2023/3/1 8:00', null, '116.4', '39.9', null, null, null, null, null, null],
      // 6: (0,0), exit before found, unknown channel label, identity unknown, not linkable
      [
        'A6',
        null,
        '2023年3月1日 10时5分',
        '2023/2/28 10:00',
        '0',
        '0',
        null,
        '社区报告',
        '未成年人、残疾人',
        '17',
        '查无身份',
        '在站',
      ],
      // 7: BD-09 per row, 18 years, unresolvable origin text still counts as known identity
      ['A7', 'P1', '20230401', null, '116.41', '39.92', '百度', '社区报告', '拾荒', '18', '火星村', '流浪'],
      // 8: empty coordinates, origin 不详
      ['A8', '', '2023-04-02T01:00:00Z', null, null, null, 'WGS-84', '110', '精神障碍', '60岁', '不详', '自愿离站'],
      // 9: outside China, unreadable coordinate label, unknown datum label → default
      ['A9', null, '45000.5', 'x', '2.35', '48.85', 'UTM', null, null, '200', null, null],
      // 10: unparsable longitude, explicit WGS84
      ['A10', null, '2023-05-01', null, '116,4', '39.9', 'GPS', null, null, '59', '河南省周口市郸城县', null],
    ]);
    const mapping = suggestCaseMapping(H);
    const resolveOrigin = (texts: string[]) =>
      new Map(texts.map((t) => [t, t === '河南省周口市郸城县' ? '411625' : null] as const));
    result = await canonicalizeCases(db, staged, mapping, { defaultCrs: 'GCJ02', dateRange: RANGE, resolveOrigin });
  });

  it('counts rows read, loaded, rejected (with reasons) and duplicates', () => {
    expect(result).toMatchObject({ rowsRead: 10, rowsLoaded: 6, rowsRejected: 3, duplicatesSkipped: 1 });
    expect(result.rejectReasons).toEqual({
      'reject.missingCaseId': 1,
      'reject.badFoundAt': 1,
      'reject.foundAtOutOfRange': 1,
    });
  });

  it('records each rejected row with its column and raw value', async () => {
    const rows = await db.query(
      'SELECT "row", column_header, reason_key, raw_value FROM import_rejects ORDER BY "row"',
    );
    expect(rows).toEqual([
      { row: 2, column_header: '救助编号', reason_key: 'reject.missingCaseId', raw_value: null },
      { row: 3, column_header: '求助时间', reason_key: 'reject.badFoundAt', raw_value: '2023/2/30 8:00' },
      { row: 4, column_header: '求助时间', reason_key: 'reject.foundAtOutOfRange', raw_value: '1999-12-31 23:59' },
    ]);
  });

  it('keeps the first of a duplicated case_id and fills keys, times, vocabularies', async () => {
    const rows = await db.query(
      `SELECT case_id, person_id, person_key, strftime(found_at, '%Y-%m-%d %H:%M:%S') AS found,
         strftime(exit_at, '%Y-%m-%d %H:%M') AS exit, channel, groups, age_band, outcome, source_file, source_row
       FROM cases ORDER BY source_row`,
    );
    expect(rows).toEqual([
      r('A1', 'P1', 'P1', '2023-01-05 08:30:00', '2023-01-06 09:00', 'police', ['elderly'], '60+', 'returned_home', 1),
      r('A6', null, 'case:A6', '2023-03-01 10:05:00', null, 'other', ['disabled', 'minor'], '0-17', 'in_care', 6),
      r('A7', 'P1', 'P1', '2023-04-01 00:00:00', null, 'other', [], '18-59', 'other', 7),
      r('A8', null, 'case:A8', '2023-04-02 09:00:00', null, 'police', ['mental'], '60+', 'left', 8),
      r('A9', null, 'case:A9', '2023-03-15 12:00:00', null, null, null, 'unknown', null, 9),
      r('A10', null, 'case:A10', '2023-05-01 00:00:00', null, null, null, '18-59', null, 10),
    ]);
    function r(
      ...v: [
        string,
        string | null,
        string,
        string,
        string | null,
        string | null,
        string[] | null,
        string,
        string | null,
        number,
      ]
    ) {
      const [case_id, person_id, person_key, found, exit, channel, groups, age_band, outcome, source_row] = v;
      return {
        case_id,
        person_id,
        person_key,
        found,
        exit,
        channel,
        groups: groups ?? [],
        age_band,
        outcome,
        source_file: 's_cases.csv',
        source_row,
      };
    }
  });

  it('converts coordinates by row datum or file default and nulls unmappable ones', async () => {
    const rows = await db.query<{ case_id: string; lon: number | null; lat: number | null }>(
      'SELECT case_id, lon, lat FROM cases ORDER BY source_row',
    );
    const [a1, a6, a7, a8, a9, a10] = rows;
    const w1 = gcj02ToWgs84(116.404, 39.915);
    expect(a1!.lon).toBeCloseTo(w1[0], 7);
    expect(a1!.lat).toBeCloseTo(w1[1], 7);
    // GCJ-02 → WGS-84 near Beijing moves west by about 0.006° and south by about 0.0013°.
    expect(116.404 - a1!.lon!).toBeGreaterThan(0.005);
    expect(39.915 - a1!.lat!).toBeGreaterThan(0.001);
    const w7 = gcj02ToWgs84(...bd09ToGcj02(116.41, 39.92));
    expect(a7!.lon).toBeCloseTo(w7[0], 7);
    expect(a7!.lat).toBeCloseTo(w7[1], 7);
    for (const row of [a6, a8, a9, a10]) expect([row!.lon, row!.lat]).toEqual([null, null]);
    expect(result.coordinatesConverted).toEqual({ GCJ02: 1, BD09: 1 });
    expect(result.coordinatesUnmappable).toBe(4);
  });

  it('resolves origin text, infers identity, and warns about exit before found', async () => {
    const rows = await db.query(
      'SELECT case_id, origin_code, origin_text, identity_status FROM cases ORDER BY source_row',
    );
    expect(rows).toEqual([
      { case_id: 'A1', origin_code: '411625', origin_text: '河南省周口市郸城县', identity_status: 'known' },
      { case_id: 'A6', origin_code: null, origin_text: '查无身份', identity_status: 'unknown' },
      { case_id: 'A7', origin_code: null, origin_text: '火星村', identity_status: 'known' },
      { case_id: 'A8', origin_code: null, origin_text: '不详', identity_status: null },
      { case_id: 'A9', origin_code: null, origin_text: null, identity_status: null },
      { case_id: 'A10', origin_code: '411625', origin_text: '河南省周口市郸城县', identity_status: 'known' },
    ]);
    expect(result.warnings).toEqual([
      { key: 'warning.exitBeforeFound', params: { file: 's_cases.csv', n: 1 } },
      { key: 'warning.badExitAt', params: { file: 's_cases.csv', n: 1 } },
    ]);
  });

  it('lists unmapped labels of loaded rows only', () => {
    expect(result.unmappedLabels).toEqual([
      { column: '发现渠道', label: '社区报告', count: 2 },
      { column: '人员类别', label: '拾荒', count: 1 },
      { column: '去向', label: '流浪', count: 1 },
      { column: '坐标系', label: 'UTM', count: 1 },
    ]);
  });

  it('adds nothing when the same rows come again, and says they were duplicates', async () => {
    const again = await canonicalizeCases(
      db,
      { fileName: 's_cases.csv', table: 's_cases', headers: H },
      suggestCaseMapping(H),
      {
        defaultCrs: 'GCJ02',
        dateRange: RANGE,
      },
    );
    expect(again).toMatchObject({ rowsRead: 10, rowsLoaded: 0, rowsRejected: 3, duplicatesSkipped: 7 });
    expect(await db.query('SELECT count(*) AS n FROM cases')).toEqual([{ n: 6 }]);
    expect(await db.query(`SELECT count(*) AS n FROM import_rejects WHERE file = 's_cases.csv'`)).toEqual([{ n: 3 }]);
  });

  it('writes the rejects as CSV with a BOM, translated reasons and quoting', async () => {
    const csv = await buildRejectsCsv(db, (key) => `<${key}>`, 's_cases.csv');
    expect(csv).toBe(
      '\uFEFF文件,行号,列,原因,原始值\r\n' +
        's_cases.csv,2,救助编号,<reject.missingCaseId>,\r\n' +
        's_cases.csv,3,求助时间,<reject.badFoundAt>,2023/2/30 8:00\r\n' +
        's_cases.csv,4,求助时间,<reject.foundAtOutOfRange>,1999-12-31 23:59\r\n',
    );
  });
});

describe('buildRejectsCsv', () => {
  it('quotes commas, quotes and newlines, and defuses values Excel would run as formulas', async () => {
    await db.exec(CREATE_IMPORT_REJECTS);
    await db.exec(`INSERT INTO import_rejects VALUES
      ('q.csv', 1, '发现地点', 'r', 'a,b'), ('q.csv', 2, '发现地点', 'r', 'say "hi"'),
      ('q.csv', 3, '发现地点', 'r', 'two' || chr(10) || 'lines'), ('q.csv', 4, '求助时间', 'r', '=1+2'),
      ('q.csv', 5, '经度', 'r', '-116.4'), ('q.csv', 6, '经度', 'r', '-cmd')`);
    const csv = await buildRejectsCsv(db, () => '原因', 'q.csv');
    expect(csv.split('\r\n').slice(1)).toEqual([
      'q.csv,1,发现地点,原因,"a,b"',
      'q.csv,2,发现地点,原因,"say ""hi"""',
      'q.csv,3,发现地点,原因,"two\nlines"',
      "q.csv,4,求助时间,原因,'=1+2",
      'q.csv,5,经度,原因,-116.4',
      "q.csv,6,经度,原因,'-cmd",
      '',
    ]);
  });
});

describe('canonicalizeCases: other column shapes', () => {
  it('takes age from birth year relative to found_at, groups from yes/no columns, codes and identity columns', async () => {
    const headers = [
      '受助编号',
      '入站时间',
      '出生年份',
      '是否未成年人',
      '是否老年人',
      '户籍地代码',
      '身份状态',
      '发现地点经度',
      '发现地点纬度',
    ];
    const staged = await stage('s_shape', headers, [
      ['B1', '2024-03-01 10:00', '2007', '是', '否', '411625', '已查明', '116.404', '39.915'],
      ['B2', '2024-03-01 10:00', '1964', '否', '是', '000000', '查无身份', null, null],
      ['B3', '2024-03-01 10:00', '1965年', null, null, '41162', null, null, null],
      ['B4', '2024-03-01 10:00', null, null, null, '110101001000', null, null, null],
    ]);
    const res = await canonicalizeCases(db, staged, suggestCaseMapping(headers), {
      dateRange: RANGE,
      defaultStation: '东城区救助管理站',
    });
    expect(res.rowsLoaded).toBe(4);
    expect(res.coordinatesConverted).toEqual({ WGS84: 1 });
    const rows = await db.query(
      `SELECT case_id, age_band, groups, origin_code, identity_status, station, lon FROM cases WHERE case_id LIKE 'B%' ORDER BY case_id`,
    );
    expect(rows).toEqual([
      {
        case_id: 'B1',
        age_band: '0-17',
        groups: ['minor'],
        origin_code: '411625',
        identity_status: 'known',
        station: '东城区救助管理站',
        lon: 116.404,
      },
      {
        case_id: 'B2',
        age_band: '60+',
        groups: ['elderly'],
        origin_code: null,
        identity_status: 'unknown',
        station: '东城区救助管理站',
        lon: null,
      },
      {
        case_id: 'B3',
        age_band: '18-59',
        groups: [],
        origin_code: null,
        identity_status: null,
        station: '东城区救助管理站',
        lon: null,
      },
      {
        case_id: 'B4',
        age_band: 'unknown',
        groups: [],
        origin_code: '110101',
        identity_status: 'known',
        station: '东城区救助管理站',
        lon: null,
      },
    ]);
  });

  it('refuses a mapping without found_at', async () => {
    const staged = await stage('s_bad', ['救助编号'], [['C1']]);
    await expect(canonicalizeCases(db, staged, { case_id: 0 })).rejects.toMatchObject({
      message_: { key: 'import.error.missingColumn', params: { file: 's_bad.csv', column: 'found_at' } },
    });
  });
});

describe('canonicalizePatrols', () => {
  it('derives patrol ids from team and day, rejects points without position or time, skips repeats', async () => {
    const headers = ['巡查组', '定位时间', '经度', '纬度'];
    const staged = await stage('s_patrol', headers, [
      ['一组', '2023-01-05 20:00:00', '116.40', '39.90'],
      ['一组', '2023-01-05 20:02:00', '0', '0'],
      ['一组', '2023-01-06 00:01:00', '116.41', '39.91'],
      ['二组', 'bad', '116.40', '39.90'],
      ['二组', '2023-01-05 20:00:00', null, null],
      [null, '2023-01-05 20:00:00', '116.40', '39.90'],
      ['一组', '2023-01-05 20:00:00', '116.40', '39.90'],
    ]);
    const res = await canonicalizePatrols(db, staged, suggestPatrolMapping(headers), { dateRange: RANGE });
    expect(res).toMatchObject({ rowsRead: 7, rowsLoaded: 2, rowsRejected: 4, duplicatesSkipped: 1 });
    expect(res.rejectReasons).toEqual({ 'reject.noPosition': 2, 'reject.badRecordedAt': 1, 'reject.missingTeam': 1 });
    expect(res.coordinatesConverted).toEqual({ WGS84: 2 });
    expect(res.coordinatesUnmappable).toBe(2);
    const rows = await db.query(`SELECT team_id, patrol_id, lon, source_row FROM patrol_points ORDER BY source_row`);
    expect(rows).toEqual([
      { team_id: '一组', patrol_id: '一组|2023-01-05', lon: 116.4, source_row: 1 },
      { team_id: '一组', patrol_id: '一组|2023-01-06', lon: 116.41, source_row: 3 },
    ]);
    const again = await canonicalizePatrols(db, staged, suggestPatrolMapping(headers), { dateRange: RANGE });
    expect(again).toMatchObject({ rowsLoaded: 0, duplicatesSkipped: 3 });
  });
});
