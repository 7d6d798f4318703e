/**
 * The queries and analyses every platform times (Node WASM, native DuckDB, the Chromium page): the
 * Overview's four queries unfiltered and with a district + period filter, the hotspot steps of issue 3
 * and the repeat-return figures of issue 4. Browser-safe: no Node imports.
 */
import { computeEmergingHotspots } from '../../src/core/analytics/emerging-hotspots';
import { computeGiStar } from '../../src/core/analytics/gi-star';
import { classifyHotspots } from '../../src/core/analytics/hotspot-classes';
import { QUEEN, type Neighbours } from '../../src/core/analytics/neighbours';
import { listTimeSlices } from '../../src/core/analytics/time-slices';
import type { DbConnector } from '../../src/core/db/connector';
import { registeredFilePath } from '../../src/core/db/engine-lockdown';
import { sql } from '../../src/core/sql/sql';
import type { SourceFile } from '../../src/core/import/source-file';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import { buildStudyGrid, type SquareStudyGrid } from '../../src/core/grid/square-grid';
import { assembleCellCounts } from '../../src/core/grid/study-grid';
import { buildSquareCellCountsQuery, buildSquareCellSliceCountsQuery } from '../../src/core/hotspots/cell-queries';
import {
  buildChannelMixQuery,
  buildDensityQuery,
  buildKpiQuery,
  buildMonthlyTrendQuery,
} from '../../src/views/overview/queries';
import { buildSurvivalSeries } from '../../src/views/repeat-returns/layers';
import {
  buildRepeatReturnQueries,
  DEFAULT_REPEAT_RETURN_PARAMS,
  type TimeToReturnRow,
} from '../../src/views/repeat-returns/queries';
import { record, timeMedian, timeOnce, type BenchResult } from './measure';

/** The engine's own read_csv of the UTF-8 file with auto-detection, as native DuckDB is timed. */
export async function benchEngineReadCsv(db: DbConnector, file: SourceFile, result: BenchResult): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const path = registeredFilePath('raw_cases.csv');
  await record(result, 'ingest.register', () => timeOnce(() => db.registerFileBuffer(path, bytes)));
  await record(
    result,
    'ingest.readcsv',
    () => timeOnce(() => db.exec(sql`CREATE OR REPLACE TABLE raw_cases AS SELECT * FROM read_csv(${path})`.text)),
    () => ({ note: 'CREATE TABLE AS read_csv (auto-detect) of a registered buffer' }),
  );
  await db.exec('DROP TABLE IF EXISTS raw_cases');
  await db.dropFile(path);
}

export const HOTSPOT_CELL_M = 500;
export const EMERGING_SLICES = 36;

/** The filtered variant: the busiest district and the last full calendar year of the data. */
export interface BenchFilters {
  district: string | null;
  year: number;
  filtered: GlobalFilters;
}

export async function chooseBenchFilters(db: DbConnector): Promise<BenchFilters> {
  const [top] = await db.query<{ d: string | null }>(
    `SELECT found_district AS d FROM cases WHERE found_district IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
  );
  const [last] = await db.query<{ y: number }>(`SELECT year(max(found_at)) AS y FROM cases`);
  const year = Number(last?.y ?? 2025);
  const district = top?.d ?? null;
  return {
    district,
    year,
    filtered: { ...EMPTY_FILTERS, from: `${year}-01-01`, to: `${year}-12-31`, districts: district ? [district] : [] },
  };
}

export function listOverviewQueries(f: BenchFilters): { id: string; sql: string }[] {
  const out: { id: string; sql: string }[] = [];
  for (const [variant, filters] of [
    ['all', EMPTY_FILTERS],
    ['filtered', f.filtered],
  ] as const) {
    out.push({ id: `overview.kpi.${variant}`, sql: buildKpiQuery(filters) });
    out.push({ id: `overview.trend.${variant}`, sql: buildMonthlyTrendQuery(filters) });
    out.push({ id: `overview.density.${variant}`, sql: buildDensityQuery(filters) });
    out.push({ id: `overview.channels.${variant}`, sql: buildChannelMixQuery(filters) });
  }
  return out;
}

/** Each Overview query: median of 3 after a warm-up; plus all four of a variant back to back. */
export async function benchOverview(db: DbConnector, f: BenchFilters, result: BenchResult): Promise<void> {
  const queries = listOverviewQueries(f);
  for (const q of queries) {
    await record(
      result,
      q.id,
      () => timeMedian(() => db.query(q.sql)),
      (rows) => ({ rows: rows.length }),
    );
  }
  for (const variant of ['all', 'filtered']) {
    const set = queries.filter((q) => q.id.endsWith(`.${variant}`));
    await record(result, `overview.all4.${variant}`, () =>
      timeMedian(async () => {
        for (const q of set) await db.query(q.sql);
      }),
    );
  }
}

/** The SQL of the hotspot and repeat-return steps, for engines that only run SQL (native). */
export function listAnalysisQueries(
  f: BenchFilters,
  grid: Pick<SquareStudyGrid, 'spec'>,
): { id: string; sql: string }[] {
  const rr = buildRepeatReturnQueries(EMPTY_FILTERS, DEFAULT_REPEAT_RETURN_PARAMS);
  return [
    { id: 'hotspots.counts.sql', sql: buildSquareCellCountsQuery(yearFilters(f), grid.spec) },
    { id: 'hotspots.emerging.sql', sql: buildSquareCellSliceCountsQuery(sliceFilters(f), grid.spec, 'month') },
    { id: 'rr.cohorts', sql: rr.cohorts },
    { id: 'rr.km.sql', sql: rr.timeToReturn },
    { id: 'rr.frequent.summary', sql: rr.frequentSummary },
    { id: 'rr.frequent.trend', sql: rr.frequentTrend },
    { id: 'rr.frequent.origins', sql: rr.frequentOrigins },
    { id: 'rr.frequent.groups', sql: rr.frequentGroups },
    { id: 'rr.frequent.places', sql: rr.frequentPlaces },
  ];
}

function yearFilters(f: BenchFilters): GlobalFilters {
  return { ...EMPTY_FILTERS, from: `${f.year}-01-01`, to: `${f.year}-12-31` };
}

/** The 36 months ending with the last full year (2023-01 … 2025-12 for the generated data). */
function sliceFilters(f: BenchFilters): GlobalFilters {
  return { ...EMPTY_FILTERS, from: `${f.year - EMERGING_SLICES / 12 + 1}-01-01`, to: `${f.year}-12-31` };
}

export interface HotspotSetup {
  grid: SquareStudyGrid;
  neighbours: Neighbours;
}

/** The 500 m study grid over Beijing's districts (empty cells included) and its queen neighbours. */
export async function benchStudyGrid(mask: unknown, result: BenchResult): Promise<HotspotSetup | undefined> {
  const grid = await record(
    result,
    'hotspots.grid',
    () => timeOnce(() => buildStudyGrid(null, HOTSPOT_CELL_M, { mask })),
    (g) => ({ rows: g.ids.length, note: `${HOTSPOT_CELL_M} m cells inside the district mask` }),
  );
  if (!grid) return undefined;
  const neighbours = await record(
    result,
    'hotspots.neighbours',
    () => timeMedian(() => grid.neighbours(QUEEN)),
    (nb) => ({ rows: nb.indices.length, note: 'queen neighbour pairs' }),
  );
  return neighbours ? { grid, neighbours } : undefined;
}

type CellRow = { ix: number; iy: number; n?: number; slice_counts?: string | null };

/**
 * Hotspot steps (issue 3): counts per cell for a year (SQL + per-cell array), Gi* with FDR classes over
 * every cell, and the emerging categories over 36 monthly slices (SQL + cube + per-slice Gi* + Mann–Kendall).
 */
export async function benchHotspots(
  db: DbConnector,
  f: BenchFilters,
  setup: HotspotSetup,
  result: BenchResult,
): Promise<void> {
  const { grid, neighbours } = setup;
  const cells = grid.ids.length;
  const locate = (r: CellRow) => grid.indexOf(Number(r.ix), Number(r.iy));
  const yearSql = buildSquareCellCountsQuery(yearFilters(f), grid.spec);
  const counts = await record(
    result,
    'hotspots.counts',
    () => timeMedian(async () => assembleCellCounts(await db.query<CellRow>(yearSql), cells, locate).counts),
    (c) => ({ rows: countNonZero(c), note: `cells with episodes in ${f.year}` }),
  );
  if (counts) {
    await record(
      result,
      'hotspots.gistar',
      () =>
        timeMedian(() => {
          const g = computeGiStar(counts, neighbours);
          return classifyHotspots(g.z, g.p, { fdr: true });
        }),
      (bins) => ({ rows: bins.length, note: `${countNonZero(bins)} significant cells (FDR)` }),
    );
  }
  const sf = sliceFilters(f);
  const slices = listTimeSlices(Date.parse(`${sf.from}T00:00:00Z`), Date.parse(`${sf.to}T00:00:00Z`), 'month');
  const sliceSql = buildSquareCellSliceCountsQuery(sf, grid.spec, 'month');
  const cube = await record(
    result,
    'hotspots.emerging.counts',
    () => timeMedian(async () => assembleCellCounts(await db.query<CellRow>(sliceSql), cells, locate, slices)),
    (c) => ({ rows: c.counts.length, note: `${slices.length} slices × ${cells} cells` }),
  );
  if (cube) {
    await record(
      result,
      'hotspots.emerging.stats',
      () => timeMedian(() => computeEmergingHotspots(cube.counts, cube.slices, neighbours)),
      (e) => ({ rows: e.cells, note: `${e.category.filter((c) => c !== 'none').length} cells with a pattern` }),
    );
  }
}

/** Repeat-return figures (issue 4) as the view asks them with its default settings and no filter. */
export async function benchRepeatReturns(db: DbConnector, result: BenchResult): Promise<void> {
  const q = buildRepeatReturnQueries(EMPTY_FILTERS, DEFAULT_REPEAT_RETURN_PARAMS);
  await record(
    result,
    'rr.cohorts',
    () => timeMedian(() => db.query(q.cohorts)),
    (rows) => ({ rows: rows.length, note: 'monthly cohorts × 5 windows' }),
  );
  await record(
    result,
    'rr.km',
    () => timeMedian(async () => buildSurvivalSeries(await db.query<TimeToReturnRow>(q.timeToReturn))),
    (series) => ({ rows: series.reduce((n, s) => n + s.steps.length, 0), note: 'Kaplan–Meier steps' }),
  );
  const frequent = [
    ['summary', q.frequentSummary],
    ['trend', q.frequentTrend],
    ['origins', q.frequentOrigins],
    ['groups', q.frequentGroups],
    ['places', q.frequentPlaces],
  ] as const;
  for (const [name, text] of frequent) {
    await record(
      result,
      `rr.frequent.${name}`,
      () => timeMedian(() => db.query(text)),
      (rows) => ({ rows: rows.length }),
    );
  }
  await record(result, 'rr.frequent', () =>
    timeMedian(async () => {
      for (const [, text] of frequent) await db.query(text);
    }),
  );
}

function countNonZero(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}
