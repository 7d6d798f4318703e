import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSeasonWindowsInData } from '../../src/core/calendar/season-windows';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { buildSquareCellSql, createSquareGridSpec } from '../../src/core/grid/square-grid';
import { importFiles } from '../../src/core/import/import-pipeline';
import { PatrolAnalysis } from '../../src/core/patrols/patrol-analysis';
import { readTrackColumns } from '../../src/core/patrols/track-columns';
import {
  buildHourlyDemandQuery,
  buildTeamsQuery,
  buildTrackQuery,
  windowsToRanges,
  type HourlyDemandRow,
  type TeamRow,
} from '../../src/views/patrols/queries';
import { openTestDb } from '../helpers/db';

/** The sample tracks and GBK cases (test/fixtures/samples), imported as a user would, through the view's queries. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const sample = (name: string) => new File([readFileSync(path.join(ROOT, 'test/fixtures/samples', name))], name);
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(ROOT, 'public/geo', file), 'utf8'));
const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

let db: DbConnector;
const districts = readJson('beijing-districts.geojson');
const area = { kind: 'boundary' as const, key: 'beijing', mask: districts };
const grid = { kind: 'square' as const, sizeM: 500 };
const spec = createSquareGridSpec(500);
const winter = { from: '2023-01-01', to: '2023-02-28' };
const analysis = new PatrolAnalysis();
let teams: string[] = [];

beforeAll(async () => {
  db = await openTestDb();
  const resolveOrigin = createOriginResolver(loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json')));
  await importFiles(db, [sample('cases_2023_gbk.csv'), sample('patrol_tracks_2023.csv')], {
    resolveOrigin,
    crsByFile: { 'cases_2023_gbk.csv': 'GCJ02' },
  });
  teams = (await db.query<TeamRow>(buildTeamsQuery())).map((r) => r.team);
  const ipc = await db.queryArrowIPC(buildTrackQuery(winter, teams));
  analysis.loadTrack('winter', grid, area, readTrackColumns(ipc, teams));
}, 240_000);
afterAll(() => db.close());

describe('patrol coverage of the sample, winter 2023 (Jan–Feb), 500 m cells', () => {
  it('reads the period’s track points as columns, in patrol order', async () => {
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM patrol_points WHERE recorded_at >= DATE '2023-01-01' AND recorded_at < DATE '2023-03-01'`,
    )) as [{ n: number }];
    const columns = readTrackColumns(await db.queryArrowIPC(buildTrackQuery(winter, teams)), teams);
    expect(columns.time.length).toBe(n);
    expect(teams.length).toBe(7);
    for (let i = 1; i < n; i++) {
      if (columns.patrol[i] === columns.patrol[i - 1])
        expect(columns.time[i]!).toBeGreaterThanOrEqual(columns.time[i - 1]!);
    }
  });

  it('maps coverage beside demand, finds the gaps, and counts demand as SQL does', async () => {
    const demandRows = await db.query<HourlyDemandRow>(
      buildHourlyDemandQuery(EMPTY_FILTERS, { kind: 'square', spec }, [winter]),
    );
    const result = analysis.coverage({
      grid,
      area,
      trackKey: 'winter',
      period: { fromDay: dayOf(winter.from), toDay: dayOf(winter.to) },
      unit: 'day',
      teams: null,
      hours: null,
      demandRows,
      trendCells: 20,
    });
    // demand: every mappable episode of the period in a cell of Beijing's grid, or counted outside
    const [{ n }] = (await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM cases WHERE lon IS NOT NULL AND found_at >= DATE '2023-01-01' AND found_at < DATE '2023-03-01'`,
    )) as [{ n: number }];
    expect(result.demand.reduce((a, b) => a + b, 0) + result.demandOutside).toBe(n);
    // one cell checked against its own SQL count
    const busiest = result.demand.indexOf(Math.max(...result.demand));
    const [ix, iy] = (result.ids[busiest] as string).split(':').map(Number);
    const cellSql = buildSquareCellSql(spec);
    const [{ m }] = (await db.query<{ m: number }>(
      `SELECT count(*) AS m FROM cases WHERE lon IS NOT NULL AND found_at >= DATE '2023-01-01' AND found_at < DATE '2023-03-01'
       AND ${cellSql.ix.text} = ${ix} AND ${cellSql.iy.text} = ${iy}`,
    )) as [{ m: number }];
    expect(result.demand[busiest]).toBe(m);
    // patrols reached some cells on most days, and the 59 days bound every rate
    expect(result.days).toBe(59);
    expect(Math.max(...result.rate)).toBeLessThanOrEqual(1);
    expect(result.report.invalid).toBeGreaterThanOrEqual(0);
    expect(result.coverage.some((c) => c > 10)).toBe(true);
    // gap cells: top-quintile demand, bottom-quintile coverage, ranked
    expect(result.ranked.length).toBeGreaterThan(0);
    for (const c of result.ranked) {
      expect(result.demand[c]).toBeGreaterThanOrEqual(result.gapDemandAtLeast);
      expect(result.coverage[c]).toBeLessThanOrEqual(result.gapCoverageAtMost);
    }
    expect(result.trend.rates.length).toBe(teams.length + 1);
    expect(result.trend.cells.length).toBe(20);
  });

  it('plans next winter from the winters in the data, and its share agrees with a count in SQL', async () => {
    const windows = listSeasonWindowsInData({ kind: 'winter' }, '2023-01-01', '2023-12-31');
    const ranges = windowsToRanges(windows);
    const expectedRows = await db.query<HourlyDemandRow>(
      buildHourlyDemandQuery(EMPTY_FILTERS, { kind: 'square', spec }, ranges),
    );
    const seasons = windows.reduce((s, w) => s + w.coveredDays / w.days, 0);
    const base = {
      grid,
      area,
      trackKey: 'winter',
      period: { fromDay: dayOf(winter.from), toDay: dayOf(winter.to) },
      expectedRows,
      seasons,
      hours: null,
      mode: 'cells' as const,
      k: 10,
      reach: 0 as const,
      beatSize: 6,
      shiftHours: 3,
      pinnedIds: [],
      removedIds: [],
    };
    const { plan, alreadyCovered, teamOf } = analysis.plan(base);
    expect(plan.items.length).toBe(10);
    expect(teamOf.every((t) => t >= 0 && t < teams.length)).toBe(true);
    expect(plan.withPlan).toBeGreaterThan(plan.today);
    // independent: episodes of those windows in cells covered today or by the plan ÷ all in the grid (SQL)
    const g = new Set<string>();
    alreadyCovered.forEach((v, c) => v && g.add(`${c}`));
    const ids = analysis.gridOf(grid, area).grid.ids;
    const coveredIds = new Set<string>([...g].map((c) => ids[Number(c)]!));
    for (const item of plan.items) for (const c of item.covers) coveredIds.add(ids[c]!);
    const cellSql = buildSquareCellSql(spec);
    const inWindows = ranges
      .map((r) => `(found_at >= DATE '${r.from}' AND found_at < DATE '${r.to}' + INTERVAL 1 DAY)`)
      .join(' OR ');
    const rows = await db.query<{ id: string; n: number }>(
      `SELECT concat(${cellSql.ix.text}, ':', ${cellSql.iy.text}) AS id, count(*) AS n FROM cases
       WHERE lon IS NOT NULL AND (${inWindows}) GROUP BY 1`,
    );
    const idSet = new Set(ids);
    const total = rows.filter((r) => idSet.has(r.id)).reduce((s, r) => s + r.n, 0);
    const covered = rows.filter((r) => coveredIds.has(r.id)).reduce((s, r) => s + r.n, 0);
    expect(plan.withPlan / plan.total).toBeCloseTo(covered / total, 10);
    expect(plan.total).toBeCloseTo(total / seasons, 8);

    // pinning a cell keeps it, removing one drops it, and the plan is re-made around them
    const first = plan.items[0]!.cells[0]!;
    const pinnedCell = plan.items[9]!.cells[0]!;
    const replanned = analysis.plan({ ...base, pinnedIds: [ids[pinnedCell]!], removedIds: [ids[first]!] });
    expect(replanned.plan.items[0]!.cells).toEqual([pinnedCell]);
    expect(replanned.plan.items[0]!.pinned).toBe(true);
    expect(replanned.plan.items.some((i) => i.cells.includes(first))).toBe(false);

    const beats = analysis.plan({ ...base, mode: 'beats', k: 4, beatSize: 5 });
    expect(beats.plan.items.every((i) => i.cells.length <= 5)).toBe(true);
    expect(beats.plan.withPlan).toBeGreaterThan(beats.plan.today);
  });
});
