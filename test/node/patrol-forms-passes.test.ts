import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { buildStudyGrid, squareGridPoint, type SquareStudyGrid } from '../../src/core/grid/square-grid';
import { parseUserGrid } from '../../src/core/grid/user-grid';
import { importFiles } from '../../src/core/import/import-pipeline';
import { collectGridLogPasses, emptyGridLogReport } from '../../src/core/patrols/grid-log-passes';
import { PatrolAnalysis } from '../../src/core/patrols/patrol-analysis';
import { DAY_MS, PassCollector, type PassSet } from '../../src/core/patrols/patrol-passes';
import { createSquareCellFinder } from '../../src/core/patrols/square-cell-finder';
import { readTrackColumns } from '../../src/core/patrols/track-columns';
import { computeTrackPasses } from '../../src/core/patrols/track-passes';
import { buildGridLogQuery, buildTeamsQuery, buildTrackQuery, toGridLogColumns } from '../../src/views/patrols/queries';
import type { GridLogRow, TeamRow } from '../../src/views/patrols/queries';
import { openTestDb } from '../helpers/db';

/**
 * The passes a drawn route and a log by grid cell give, imported through the engine and read back through the
 * view's queries. Routes are drawn on 500 m square cells in cell units (u, v) from the grid's origin cell, as in
 * patrol-passes.test.ts: cell "u:v" is [u, u + 1) × [v, v + 1).
 */
const ORIGIN = { lon: 116.3975, lat: 39.9087 };
const spec = { originLon: ORIGIN.lon, originLat: ORIGIN.lat, sizeM: 500 };
const [west, south] = squareGridPoint(0.5, 0.5, spec);
const [east, north] = squareGridPoint(9.5, 9.5, spec);
const grid: SquareStudyGrid = buildStudyGrid({ west, south, east, north }, 500, { origin: ORIGIN });
const finder = createSquareCellFinder(grid);
const at = (u: number, v: number) => squareGridPoint(u, v, spec).join(' ');
const DAY_10 = Date.UTC(2023, 0, 10) / DAY_MS;

/** "cell@day+hour" for every pass, day counted from 2023-01-10 */
function passList(passes: PassSet, ids: readonly string[]): string[] {
  return Array.from(passes.cell, (c, i) => `${ids[c]}@${passes.day[i]! - DAY_10}+${passes.hour[i]}`);
}

let db: DbConnector;
let teams: string[];

beforeAll(async () => {
  db = await openTestDb();
  const routes = [
    '巡查组,开始时间,结束时间,路线',
    // A: 3.5 km east along row 0 in 70 min (08:20–09:30), drawn as two vertices
    `一组,2023-01-10 08:20,2023-01-10 09:30,"LINESTRING(${at(0.5, 0.5)}, ${at(7.5, 0.5)})"`,
    // B: two lines of equal length, rows 2 and 6, 08:00–08:40: 20 minutes each
    `二组,2023-01-10 08:00,2023-01-10 08:40,"MULTILINESTRING((${at(0.5, 2.5)}, ${at(1.5, 2.5)}), (${at(0.5, 6.5)}, ${at(1.5, 6.5)}))"`,
  ].join('\n');
  const out = await importFiles(db, [new File([routes], 'routes.csv')]);
  expect(out.reports[0]).toMatchObject({ rowsLoaded: 2 });
  teams = (await db.query<TeamRow>(buildTeamsQuery())).map((r) => r.team);
}, 60_000);
afterAll(() => db.close());

describe('a drawn route gives passes like a track, without the gap rule or the jump filter', () => {
  it('passes every cell along the route, in the hour the interpolated time reaches it', async () => {
    const track = readTrackColumns(
      await db.queryArrowIPC(buildTrackQuery({ from: '2023-01-10', to: '2023-01-10' }, teams)),
      teams,
    );
    const { passes, report } = computeTrackPasses(track, finder);
    // Route A crosses u = 1, 2, …, 7 at 08:20 + 10 min × (u − 0.5): 08:25, 08:35, 08:45, 08:55, 09:05, 09:15,
    // 09:25; so cells 0–3 are passed in hour 8, cell 4 (08:55–09:05) in hours 8 and 9, cells 5–7 in hour 9.
    // Route B: 0:2 and 1:2 between 08:00 and 08:20, 0:6 and 1:6 between 08:20 and 08:40; the rows between
    // its two lines (v = 3…5) are not passed: the lines are separate patrols.
    expect(passList(passes, grid.ids).sort()).toEqual(
      [
        '0:0@0+8',
        '1:0@0+8',
        '2:0@0+8',
        '3:0@0+8',
        '4:0@0+8',
        '4:0@0+9',
        '5:0@0+9',
        '6:0@0+9',
        '7:0@0+9',
        '0:2@0+8',
        '1:2@0+8',
        '0:6@0+8',
        '1:6@0+8',
      ].sort(),
    );
    expect(passes.teams).toEqual(['一组', '二组']);
    expect(report).toMatchObject({ points: 6, segments: 3, gaps: 0, jumps: 0 });
  });

  it('the same two points as GPS fixes are a signal gap (70 min, 3.5 km): only their own cells are passed', async () => {
    const track = readTrackColumns(
      await db.queryArrowIPC(buildTrackQuery({ from: '2023-01-10', to: '2023-01-10' }, teams)),
      teams,
    );
    const gps = { ...track, drawn: undefined };
    const { passes, report } = computeTrackPasses(gps, finder);
    expect(passList(passes, grid.ids).filter((p) => p.endsWith(':0@0+8') || p.endsWith(':0@0+9'))).toEqual([
      '0:0@0+8',
      '7:0@0+9',
    ]);
    // A's one leg, and each of B's lines (500 m in 20 min, over the 15 min rule)
    expect(report.gaps).toBe(3);
  });
});

describe('a log by grid cell gives one pass per clock hour it overlaps, on its cell', () => {
  const cellOf = new Map([
    ['DC-001', 0],
    ['DC-002', 1],
  ]);
  const t = (d: number, h: number, m: number) => Date.UTC(2023, 0, 10 + d, h, m);

  it('counts hours from the start hour to the end hour, the end left out when it falls on the hour', () => {
    const out = new PassCollector(2, ['一组', '二组']);
    const report = emptyGridLogReport();
    collectGridLogPasses(
      {
        team: [0, 0, 1, 1, 1],
        // 08:30–10:00: hours 8, 9 · 23:30–00:30: 23 on the 10th, 0 on the 11th · 09:00–09:45: 9
        // 10:15–10:15 (a zero-length entry): its own hour 10 · XC-009 is not a cell of this grid
        start: [t(0, 8, 30), t(0, 23, 30), t(0, 9, 0), t(0, 10, 15), t(0, 9, 0)],
        end: [t(0, 10, 0), t(1, 0, 30), t(0, 9, 45), t(0, 10, 15), t(0, 10, 0)],
        gridId: ['DC-001', 'DC-002', 'DC-001', 'DC-002', 'XC-009'],
      },
      cellOf,
      out,
      report,
    );
    const passes = out.finish();
    const ids = ['DC-001', 'DC-002'];
    const withTeam = passList(passes, ids).map((p, i) => `${p} ${passes.teams[passes.team[i]!]}`);
    expect(withTeam).toEqual([
      'DC-001@0+8 一组',
      'DC-001@0+9 一组',
      'DC-001@0+9 二组',
      'DC-002@0+23 一组',
      'DC-002@0+10 二组',
      'DC-002@1+0 一组',
    ]);
    expect(report).toEqual({ gridLogs: 5, gridLogsUnknownId: 1, gridLogsNeedUserGrid: 0 });
  });

  it('without the user grid no log is placed, and all are counted as needing it', () => {
    const out = new PassCollector(2, ['一组']);
    const report = emptyGridLogReport();
    collectGridLogPasses({ team: [0], start: [t(0, 8, 0)], end: [t(0, 9, 0)], gridId: ['DC-001'] }, null, out, report);
    expect(out.finish().cell.length).toBe(0);
    expect(report).toEqual({ gridLogs: 1, gridLogsUnknownId: 0, gridLogsNeedUserGrid: 1 });
  });
});

describe('imported logs by grid cell in the coverage of the user grid', () => {
  const box = (w: number, s: number, e: number, n: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  });
  const userGrid = parseUserGrid(
    {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 网格编号: 'DC-001' }, geometry: box(116.4, 39.9, 116.41, 39.91) },
        { type: 'Feature', properties: { 网格编号: 'DC-002' }, geometry: box(116.41, 39.9, 116.42, 39.91) },
      ],
    },
    'WGS84',
  );
  const area = {
    kind: 'boundary' as const,
    key: 'beijing',
    mask: JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../public/geo/beijing-districts.geojson'), 'utf8'),
    ) as unknown,
  };

  it('counts patrol-hours and patrol-days per cell, and reports the logs whose cell is not in the grid', async () => {
    const logsDb = await openTestDb();
    const file = path.resolve(import.meta.dirname, '../fixtures/patrols/grid-logs.csv');
    await importFiles(logsDb, [new File([readFileSync(file)], 'grid-logs.csv')]);
    const logTeams = (await logsDb.query<TeamRow>(buildTeamsQuery())).map((r) => r.team);
    const logs = toGridLogColumns(await logsDb.query<GridLogRow>(buildGridLogQuery(logTeams)));
    await logsDb.close();
    const analysis = new PatrolAnalysis();
    analysis.registerUserGrid('g', userGrid.grid?.features ?? []);
    const target = { kind: 'user' as const, token: 'g' };
    const square = { kind: 'square' as const, sizeM: 500 };
    const period = { fromDay: DAY_10, toDay: DAY_10 + 1 };
    // no track points in this period: the passes are the logs' alone
    const empty = readTrackColumns(
      await db.queryArrowIPC(buildTrackQuery({ from: '2000-01-01', to: '2000-01-01' }, logTeams)),
      logTeams,
    );
    for (const g of [target, square]) {
      analysis.beginPasses('logs', g, area, logTeams);
      analysis.addTrackChunk('logs', g, area, empty);
      analysis.addGridLogs('logs', g, area, logs);
      analysis.finishPasses('logs', g, area);
    }
    const request = {
      area: area,
      trackKey: 'logs',
      period,
      teams: null,
      hours: null,
      demandRows: [],
      trendCells: 5,
    };
    const hours = analysis.coverage({ ...request, grid: target, unit: 'hour' });
    // grid-logs.csv loads three logs: 东城一组 DC-001 08:30–10:00 (hours 8, 9), 东城一组 DC-002 23:30–00:30
    // (hour 23 on the 10th, hour 0 on the 11th), 西城二组 XC-009, which the grid file does not hold
    expect(hours.ids).toEqual(['DC-001', 'DC-002']);
    expect(Array.from(hours.coverage)).toEqual([2, 2]);
    expect(hours.report).toMatchObject({ gridLogs: 3, gridLogsUnknownId: 1, gridLogsNeedUserGrid: 0, passes: 4 });
    const days = analysis.coverage({ ...request, grid: target, unit: 'day' });
    expect(Array.from(days.coverage)).toEqual([1, 2]);
    const onSquares = analysis.coverage({ ...request, grid: square, unit: 'day' });
    expect(onSquares.report).toMatchObject({ gridLogs: 3, gridLogsNeedUserGrid: 3, passes: 0 });

    // a collection the view abandoned goes when the next begins: its late logs and its finish fail, and they
    // neither feed nor end the new one
    analysis.beginPasses('abandoned', target, area, logTeams);
    analysis.beginPasses('next', target, area, logTeams);
    expect(() => analysis.addGridLogs('abandoned', target, area, logs)).toThrow('passes not begun');
    expect(() => analysis.finishPasses('abandoned', target, area)).toThrow('passes not begun');
    analysis.addGridLogs('next', target, area, logs);
    analysis.finishPasses('next', target, area);
    const next = analysis.coverage({ ...request, trackKey: 'next', grid: target, unit: 'hour' });
    expect(Array.from(next.coverage)).toEqual([2, 2]);
  });
});
