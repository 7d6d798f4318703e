import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { bd09ToGcj02, gcj02ToWgs84 } from '../../src/core/geo/coords';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import {
  continueWithoutColumns,
  headerSignature,
  importFiles,
  type ImportResult,
} from '../../src/core/import/import-pipeline';
import type { FileImportReport } from '../../src/core/import/import-report';
import { openTestDb } from '../helpers/db';

/**
 * Every developer sample export, imported as a user would, against what test/fixtures/samples/README.md
 * says each file holds and which defects it carries.
 */
const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');
const sample = (name: string) => new File([readFileSync(path.join(SAMPLES, name))], name);
const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const resolveOrigin = createOriginResolver(loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json')));
// README: the GBK export is GCJ-02 (Amap) without a crs column, so the user declares it; the XLSX says BD09
// per row; the patrol tracks are raw GPS (WGS-84, the default).
const opts = { resolveOrigin, crsByFile: { 'cases_2023_gbk.csv': 'GCJ02' as const } };

let db: DbConnector;
let result: ImportResult;
const report = (name: string): FileImportReport => {
  const r = result.reports.find((x) => x.fileName === name);
  if (!r) throw new Error(`no report for ${name}`);
  return r;
};

beforeAll(async () => {
  db = await openTestDb();
  const names = ['cases_2023_gbk.csv', 'cases_2024.xlsx', 'patrol_tracks_2023.csv', 'pii_leak.csv'];
  result = await importFiles(db, names.map(sample), opts);
}, 240_000);
afterAll(() => db.close());

describe('cases_2023_gbk.csv', () => {
  it('reads 3009 rows, rejects 4 unreadable 求助时间 and 3 empty 救助编号', () => {
    const r = report('cases_2023_gbk.csv');
    expect(r).toMatchObject({ kind: 'cases', format: 'csv', encoding: 'gb18030', rowsRead: 3009 });
    expect(r.rejectReasons).toEqual({ 'reject.badFoundAt': 4, 'reject.missingCaseId': 3 });
    expect(r.rowsRejected).toBe(7);
    expect(r.rowsLoaded).toBe(3002);
    expect(r.duplicatesSkipped).toBe(0);
  });

  it('lists the four unreadable dates with their raw text', async () => {
    const rows = await db.query<{ raw_value: string }>(
      `SELECT raw_value FROM import_rejects WHERE file = 'cases_2023_gbk.csv' AND reason_key = 'reject.badFoundAt' ORDER BY raw_value`,
    );
    expect(rows.map((r) => r.raw_value).sort()).toEqual(
      ['#VALUE!', '2023/13/5 8:30', '2023/2/30 8:00', '待核实'].sort(),
    );
  });

  it('counts 5 rows at (0,0) and 40 without coordinates as unmappable, converts the rest from GCJ-02', () => {
    const r = report('cases_2023_gbk.csv');
    expect(r.coordinatesUnmappable).toBe(45);
    expect(r.coordinatesConverted).toEqual({ GCJ02: 3002 - 45 });
  });

  it('lists 社区报告 as an unmapped channel label on 6 rows', () => {
    expect(report('cases_2023_gbk.csv').unmappedLabels).toEqual([{ column: '发现渠道', label: '社区报告', count: 6 }]);
  });

  it('keeps the 3 embedded newlines in 发现地点', async () => {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM cases WHERE source_file = 'cases_2023_gbk.csv' AND found_place LIKE '%' || chr(10) || '%'`,
    );
    expect(row?.n).toBe(3);
  });

  it('converts a known row (JZ202300121 at GCJ-02 116.416249, 39.899506) like the TS conversion', async () => {
    const [row] = await db.query<{ lon: number; lat: number; found: string; origin_code: string | null }>(
      `SELECT lon, lat, strftime(found_at, '%Y-%m-%d %H:%M') AS found, origin_code, identity_status
       FROM cases WHERE case_id = 'JZ202300121'`,
    );
    const [lon, lat] = gcj02ToWgs84(116.416249, 39.899506);
    expect(row?.lon).toBeCloseTo(lon, 7);
    expect(row?.lat).toBeCloseTo(lat, 7);
    // the file's first data row: 2023/1/1 1:26, origin 查无身份
    expect(row).toMatchObject({ found: '2023-01-01 01:26', origin_code: null, identity_status: 'unknown' });
  });

  it('resolves origin text to GB/T 2260 codes (JZ202300122: 甘肃省陇南市西和县 = 621225)', async () => {
    const rows = await db.query(`SELECT origin_code, identity_status FROM cases WHERE case_id = 'JZ202300122'`);
    expect(rows).toEqual([{ origin_code: '621225', identity_status: 'known' }]);
  });
});

describe('cases_2024.xlsx', () => {
  it('reads 2031 rows under the title row, rejects 3 unreadable 入站时间, 8 without coordinates', () => {
    const r = report('cases_2024.xlsx');
    expect(r).toMatchObject({ kind: 'cases', format: 'xlsx', sheet: '2024台账', headerRowNumber: 2, rowsRead: 2031 });
    expect(r.rejectReasons).toEqual({ 'reject.badFoundAt': 3 });
    expect(r.rowsLoaded).toBe(2028);
    expect(r.coordinatesUnmappable).toBe(8);
    expect(r.coordinatesConverted).toEqual({ BD09: 2020 });
  });

  it('reads Excel date cells and converts BD-09 (SZ-2024-00001: serial 45292.0159722222 = 2024-01-01 00:23)', async () => {
    const [row] = await db.query<{ lon: number; lat: number; found: string; exit: string }>(
      `SELECT lon, lat, strftime(found_at, '%Y-%m-%d %H:%M:%S') AS found, strftime(exit_at, '%Y-%m-%d %H:%M') AS exit,
         origin_code, age_band FROM cases WHERE case_id = 'SZ-2024-00001'`,
    );
    const [lon, lat] = gcj02ToWgs84(...bd09ToGcj02(116.434059, 39.853078));
    expect(row?.lon).toBeCloseTo(lon, 7);
    expect(row?.lat).toBeCloseTo(lat, 7);
    // born 1970, found in 2024: 54 years
    expect(row).toMatchObject({
      found: '2024-01-01 00:23:00',
      exit: '2024-01-01 08:47',
      origin_code: '130635',
      age_band: '18-59',
    });
  });
});

describe('across files', () => {
  it('links persons: several hundred person ids appear in both case files', async () => {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM (
         SELECT person_id FROM cases WHERE source_file = 'cases_2023_gbk.csv' AND person_id IS NOT NULL
         INTERSECT SELECT person_id FROM cases WHERE source_file = 'cases_2024.xlsx' AND person_id IS NOT NULL)`,
    );
    expect(row?.n).toBeGreaterThanOrEqual(200);
  });
});

describe('patrol_tracks_2023.csv', () => {
  it('reads 49103 points and rejects the 10 at (0,0)', async () => {
    const r = report('patrol_tracks_2023.csv');
    expect(r).toMatchObject({ kind: 'patrols', rowsRead: 49103, rowsRejected: 10, rowsLoaded: 49093 });
    expect(r.rejectReasons).toEqual({ 'reject.noPosition': 10 });
    expect(r.coordinatesConverted).toEqual({ WGS84: 49093 });
    const [n] = await db.query<{ teams: number; pts: number }>(
      'SELECT count(DISTINCT team_id) AS teams, count(*) AS pts FROM patrol_points',
    );
    expect(n).toEqual({ teams: 7, pts: 49093 });
  });
});

describe('pii_leak.csv', () => {
  it('is refused naming 姓名, 身份证号 and 联系电话, then loads after dropping them', async () => {
    expect(result.reports.find((r) => r.fileName === 'pii_leak.csv')).toBeUndefined();
    const refused = result.refused.find((r) => r.fileName === 'pii_leak.csv');
    expect(refused).toBeDefined();
    const columns = [...new Set(refused!.findings.map((f) => f.header))].sort();
    expect(columns).toEqual(['姓名', '联系电话', '身份证号'].sort());
    const indexes = [...new Set(refused!.findings.map((f) => f.columnIndex))];
    const after = await continueWithoutColumns(db, refused!, indexes, opts);
    expect(after.refused).toEqual([]);
    expect(after.errors).toEqual([]);
    expect(after.reports[0]).toMatchObject({ fileName: 'pii_leak.csv', kind: 'cases', rowsRead: 40, rowsLoaded: 40 });
    expect(after.reports[0]?.headers).not.toContain('姓名');
    expect(after.totalEpisodes).toBe(3002 + 2028 + 40);
  });
});

describe('importing the GBK file again', () => {
  it('adds nothing and reports every loadable row as a duplicate', async () => {
    const [before] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
    const again = await importFiles(db, [sample('cases_2023_gbk.csv')], opts);
    expect(again.reports[0]).toMatchObject({ rowsRead: 3009, rowsLoaded: 0, rowsRejected: 7, duplicatesSkipped: 3002 });
    expect(again.totalEpisodes).toBe(before?.n);
    const [rejects] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM import_rejects WHERE file = 'cases_2023_gbk.csv'`,
    );
    expect(rejects?.n).toBe(7);
  });
});

describe('a failing file', () => {
  it('rolls back alone, is reported as an error, and does not stop the other files', async () => {
    const fresh = await openTestDb();
    try {
      const broken = () => {
        throw new Error('resolver down');
      };
      const unknown = new File(['foo,bar\n1,2\n'], 'unknown.csv');
      const empty = new File([], 'empty.csv');
      const first = await importFiles(fresh, [empty, sample('cases_2024.xlsx'), unknown], opts);
      expect(first.errors.map((e) => [e.fileName, e.message.key])).toEqual([
        ['empty.csv', 'import.error.emptyFile'],
        ['unknown.csv', 'import.error.unknownTable'],
      ]);
      expect(first.reports.map((r) => [r.fileName, r.rowsLoaded])).toEqual([['cases_2024.xlsx', 2028]]);
      const second = await importFiles(fresh, [sample('cases_2023_gbk.csv')], { ...opts, resolveOrigin: broken });
      expect(second.errors).toEqual([
        {
          fileName: 'cases_2023_gbk.csv',
          message: { key: 'import.error.failed', params: { file: 'cases_2023_gbk.csv', detail: 'resolver down' } },
        },
      ]);
      expect(second.totalEpisodes).toBe(2028);
      const rejects = await fresh.query(`SELECT file, count(*) AS n FROM import_rejects GROUP BY file`);
      expect(rejects).toEqual([{ file: 'cases_2024.xlsx', n: 3 }]);
      const staging = await fresh.query(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'import_stage%'`);
      expect(staging).toEqual([]);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});

describe('a mapping edited by the user', () => {
  it('loads a file whose headers match no alias, and replaces its rows when re-imported', async () => {
    const fresh = await openTestDb();
    try {
      const csv = () =>
        new File(['编号,时间,方式\nQ1,2023-03-01 08:00,公安送站\nQ2,2023-03-02 09:00,12345\n'], 'q.csv');
      const plain = await importFiles(fresh, [csv()]);
      expect(plain.errors.map((e) => e.message.key)).toEqual(['import.error.unknownTable']);
      const first = await importFiles(fresh, [csv()], { mappingOverrides: { 'q.csv': { case_id: 0, found_at: 1 } } });
      expect(first.reports[0]).toMatchObject({ rowsLoaded: 2, columnsMapped: { 编号: 'case_id', 时间: 'found_at' } });
      expect(first.reports[0]?.columnsUnmapped).toEqual(['方式']);
      const second = await importFiles(fresh, [csv()], {
        mappingOverrides: { 'q.csv': { case_id: 0, found_at: 1, channel: 2 } },
        replaceExisting: true,
      });
      expect(second.reports[0]).toMatchObject({ rowsLoaded: 2, duplicatesSkipped: 0 });
      expect(await fresh.query('SELECT case_id, channel FROM cases ORDER BY case_id')).toEqual([
        { case_id: 'Q1', channel: 'police' },
        { case_id: 'Q2', channel: 'public_report' },
      ]);
      // saved by header layout, the mapping applies to next month's export under another name
      const next = new File(['编号,时间,方式\nQ3,2023-04-01 08:00,城管送站\n'], 'q-april.csv');
      const saved = { [headerSignature(['编号', '时间', '方式'])]: { case_id: 0, found_at: 1, channel: 2 } };
      const third = await importFiles(fresh, [next], { savedMappings: saved });
      expect(third.reports[0]).toMatchObject({ rowsLoaded: 1 });
      expect(await fresh.query(`SELECT channel FROM cases WHERE case_id = 'Q3'`)).toEqual([{ channel: 'chengguan' }]);
    } finally {
      await fresh.close();
    }
  });
});
