import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { distanceMetres, gcj02ToWgs84 } from '../../src/core/geo/coords';
import { importFiles, type ImportResult } from '../../src/core/import/import-pipeline';
import type { FileImportReport } from '../../src/core/import/import-report';
import { openTestDb } from '../helpers/db';

/** The two patrol-log forms of the data contract (routes, logs by grid cell), imported as a user would. */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/patrols');
const fixture = (name: string) => new File([readFileSync(path.join(FIXTURES, name))], name);
const MIN = 60_000;

let db: DbConnector;
let result: ImportResult;
const report = (name: string): FileImportReport => {
  const r = result.reports.find((x) => x.fileName === name);
  if (!r) throw new Error(`no report for ${name}: ${JSON.stringify(result.errors)}`);
  return r;
};

beforeAll(async () => {
  db = await openTestDb();
  result = await importFiles(db, [fixture('routes.csv'), fixture('grid-logs.csv')]);
});

describe('routes.csv (WKT, GeoJSON, MULTILINESTRING, a GCJ-02 row, bad rows)', () => {
  it('is read as patrols, mapped by its Chinese headers, and counted in the report', () => {
    const r = report('routes.csv');
    expect(r.kind).toBe('patrols');
    expect(r.mapping).toEqual({ team_id: 0, start_at: 1, end_at: 2, route: 3, crs: 4 });
    // rows 1–4 load; 5–9 and 11 are refused; 10 repeats row 1
    expect(r).toMatchObject({ rowsRead: 11, rowsLoaded: 4, rowsRejected: 6, duplicatesSkipped: 1 });
    expect(r.coordinatesConverted).toEqual({ WGS84: 3, GCJ02: 1 });
    expect(r.coordinatesUnmappable).toBe(1);
  });

  it('names file, row, column, reason and value of every refused row', async () => {
    const rows = await db.query(
      `SELECT row, column_header, reason_key, raw_value FROM import_rejects WHERE file = 'routes.csv' ORDER BY row`,
    );
    expect(rows).toEqual([
      {
        row: 5,
        column_header: '巡查路线',
        reason_key: 'reject.routeUnreadable',
        raw_value: 'LINESTRING(116.36 39.91, abc 39.92)',
      },
      {
        row: 6,
        column_header: '巡查路线',
        reason_key: 'reject.routeTooFewVertices',
        raw_value: 'LINESTRING(116.36 39.91)',
      },
      { row: 7, column_header: '巡查路线', reason_key: 'reject.routeOutsideChina', raw_value: '#2: 0.0 0.0' },
      { row: 8, column_header: '结束时间', reason_key: 'reject.endBeforeStart', raw_value: '2023-01-14 19:00' },
      { row: 9, column_header: '巡查组', reason_key: 'reject.missingTeam', raw_value: null },
      { row: 11, column_header: '巡查路线', reason_key: 'reject.missingRoute', raw_value: null },
    ]);
  });

  it('stores each line as a patrol of drawn points, times interpolated along it by distance', async () => {
    const pts = await db.query<{ patrol_id: string; t: number; lon: number; lat: number; drawn_route: boolean }>(
      `SELECT patrol_id, epoch_ms(recorded_at) AS t, lon, lat, drawn_route FROM patrol_points
       WHERE source_row = 1 ORDER BY recorded_at`,
    );
    expect(pts.every((p) => p.drawn_route === true)).toBe(true);
    expect(new Set(pts.map((p) => p.patrol_id))).toEqual(
      new Set(['route:东城一组|2023-01-10 19:00:00|2023-01-10 20:30:00#1']),
    );
    // 19:00–20:30 over two legs: 0.01° east (≈ 853 m at 39.9° N) then 0.01° north (≈ 1112 m); the middle
    // vertex is reached after 90 min × 853 / (853 + 1112) ≈ 39.1 min
    const a: [number, number] = [116.3975, 39.9087];
    const b: [number, number] = [116.4075, 39.9087];
    const c: [number, number] = [116.4075, 39.9187];
    const d1 = distanceMetres(a, b);
    const d2 = distanceMetres(b, c);
    expect(d1).toBeGreaterThan(850);
    expect(d1).toBeLessThan(856);
    const t0 = Date.UTC(2023, 0, 10, 19, 0);
    expect(pts.map((p) => [p.lon, p.lat])).toEqual([a, b, c]);
    expect(pts[0]!.t).toBe(t0);
    expect(Math.abs(pts[1]!.t - (t0 + (90 * MIN * d1) / (d1 + d2)))).toBeLessThanOrEqual(1);
    expect(pts[1]!.t - t0).toBeGreaterThan(39 * MIN);
    expect(pts[1]!.t - t0).toBeLessThan(39.2 * MIN);
    expect(pts[2]!.t).toBe(t0 + 90 * MIN);
  });

  it('keeps the lines of a MULTILINESTRING apart: one patrol each, time shared by their lengths', async () => {
    const pts = await db.query<{ patrol_id: string; t: number }>(
      `SELECT patrol_id, epoch_ms(recorded_at) AS t FROM patrol_points WHERE source_row = 3 ORDER BY recorded_at`,
    );
    const id = 'route:西城二组|2023-01-10 08:00:00|2023-01-10 10:00:00';
    expect(pts.map((p) => p.patrol_id)).toEqual([`${id}#1`, `${id}#1`, `${id}#2`, `${id}#2`]);
    // two lines 0.01° of longitude long, 0.02° of latitude apart: the first a little longer (further south),
    // so it takes a little over half of 08:00–10:00, and the jump between them takes no time
    const t0 = Date.UTC(2023, 0, 10, 8, 0);
    const l1 = distanceMetres([116.36, 39.91], [116.37, 39.91]);
    const l2 = distanceMetres([116.36, 39.93], [116.37, 39.93]);
    const split = t0 + (120 * MIN * l1) / (l1 + l2);
    expect(pts.map((p) => p.t - t0)).toEqual([0, expect.any(Number), expect.any(Number), 120 * MIN]);
    expect(Math.abs(pts[1]!.t - split)).toBeLessThanOrEqual(1);
    expect(pts[2]!.t).toBe(pts[1]!.t);
  });

  it('converts a GCJ-02 route (crs 高德) to WGS-84 as points are converted; GeoJSON without crs stays WGS-84', async () => {
    const gcj = await db.query<{ lon: number; lat: number }>(
      `SELECT lon, lat FROM patrol_points WHERE source_row = 4 ORDER BY recorded_at`,
    );
    const expected = [gcj02ToWgs84(116.4039, 39.915), gcj02ToWgs84(116.4139, 39.915)];
    gcj.forEach((p, i) => {
      // the SQL and the JavaScript transform agree to 1e-8° (about a millimetre)
      expect(p.lon).toBeCloseTo(expected[i]![0], 8);
      expect(p.lat).toBeCloseTo(expected[i]![1], 8);
    });
    // the offset is hundreds of metres: the conversion did something
    expect(distanceMetres([gcj[0]!.lon, gcj[0]!.lat], [116.4039, 39.915])).toBeGreaterThan(100);
    expect(await db.query(`SELECT lon, lat FROM patrol_points WHERE source_row = 2 ORDER BY recorded_at`)).toEqual([
      { lon: 116.4, lat: 39.91 },
      { lon: 116.41, lat: 39.91 },
    ]);
  });

  it('loads a route file again as duplicates only', async () => {
    const again = await importFiles(db, [fixture('routes.csv')]);
    expect(again.reports[0]).toMatchObject({ rowsLoaded: 0, rowsRejected: 6, duplicatesSkipped: 5 });
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM patrol_points WHERE source_file = 'routes.csv'`,
    );
    expect(n!.n).toBe(3 + 2 + 4 + 2);
  });

  it('the user datum applies to a route file without crs column', async () => {
    const text =
      '队伍,出发时间,返回时间,路线\n三组,2023-02-01 09:00,2023-02-01 10:00,"LINESTRING(116.4039 39.915, 116.4139 39.915)"\n';
    const out = await importFiles(db, [new File([text], 'bd-routes.csv')], { crsByFile: { 'bd-routes.csv': 'GCJ02' } });
    expect(out.reports[0]).toMatchObject({ rowsLoaded: 1, coordinatesConverted: { GCJ02: 1 } });
    const [p] = await db.query<{ lon: number }>(
      `SELECT lon FROM patrol_points WHERE source_file = 'bd-routes.csv' ORDER BY recorded_at LIMIT 1`,
    );
    expect(p!.lon).toBeCloseTo(gcj02ToWgs84(116.4039, 39.915)[0], 8);
  });
});

describe('grid-logs.csv (logs by grid cell)', () => {
  it('is read as patrols, mapped by its Chinese headers, and counted in the report', () => {
    const r = report('grid-logs.csv');
    expect(r.kind).toBe('patrols');
    expect(r.mapping).toEqual({ team_id: 0, grid_id: 1, start_at: 2, end_at: 3 });
    expect(r).toMatchObject({ rowsRead: 8, rowsLoaded: 3, rowsRejected: 4, duplicatesSkipped: 1 });
  });

  it('stores the logs in patrol_logs, grid ids as written', async () => {
    expect(
      await db.query(
        `SELECT team_id, strftime(start_at, '%Y-%m-%d %H:%M') AS s, strftime(end_at, '%Y-%m-%d %H:%M') AS e, grid_id,
          source_row FROM patrol_logs ORDER BY source_row`,
      ),
    ).toEqual([
      { team_id: '东城一组', s: '2023-01-10 08:30', e: '2023-01-10 10:00', grid_id: 'DC-001', source_row: 1 },
      { team_id: '东城一组', s: '2023-01-10 23:30', e: '2023-01-11 00:30', grid_id: 'DC-002', source_row: 2 },
      { team_id: '西城二组', s: '2023-01-10 09:00', e: '2023-01-10 09:45', grid_id: 'XC-009', source_row: 3 },
    ]);
  });

  it('names row, column, reason and value of every refused log', async () => {
    expect(
      await db.query(
        `SELECT row, column_header, reason_key, raw_value FROM import_rejects WHERE file = 'grid-logs.csv' ORDER BY row`,
      ),
    ).toEqual([
      { row: 4, column_header: '网格编号', reason_key: 'reject.missingGridId', raw_value: null },
      { row: 5, column_header: '返回时间', reason_key: 'reject.endBeforeStart', raw_value: '2023-01-10 10:00' },
      {
        row: 6,
        column_header: '出发时间',
        reason_key: 'reject.patrolTooLong',
        raw_value: '2023-01-10 11:00 – 2023-01-12 11:00',
      },
      { row: 7, column_header: '出发时间', reason_key: 'reject.badStartAt', raw_value: '某天' },
    ]);
  });

  it('leaves no work table behind (parsed vertices, parse failures, prep tables)', async () => {
    const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM duckdb_tables() ORDER BY table_name`);
    expect(tables.map((t) => t.table_name)).toEqual(['cases', 'import_rejects', 'patrol_logs', 'patrol_points']);
  });

  it('replaces the logs of a file when it is imported again with replaceExisting', async () => {
    const out = await importFiles(db, [fixture('grid-logs.csv')], { replaceExisting: true });
    expect(out.reports[0]).toMatchObject({ rowsLoaded: 3, duplicatesSkipped: 1 });
    const [n] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM patrol_logs`);
    expect(n!.n).toBe(3);
  });
});
