/**
 * The queries and analyses every platform times (Node WASM, native DuckDB, the Chromium page): the queries
 * each view declares with its default settings (the Overview's four unfiltered and with a district + period
 * filter, the hot spot view's, the repeat-return view's), and the hot spot statistics. Browser-safe: no Node
 * imports.
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
import {
  buildSquareCellCountsQuery,
  buildSquareCellProfileQuery,
  buildSquareCellSliceCountsQuery,
} from '../../src/core/hotspots/cell-queries';
import { buildMappedExtentQuery } from '../../src/core/hotspots/study-area';
import { buildPeriodExtentQuery } from '../../src/views/hotspots/queries';
import { buildOverviewQueries } from '../../src/views/overview/queries';
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

/** The engine's own count of the memory it holds (tables, work space), recorded as `memory.engine` in MB. */
export async function recordEngineMemory(db: DbConnector, result: BenchResult, id = 'memory.engine'): Promise<void> {
  try {
    const [row] = await db.query<{ b: number }>(
      'SELECT CAST(sum(memory_usage_bytes) AS BIGINT) AS b FROM duckdb_memory()',
    );
    result.measurements.push({ id, ms: Math.round(Number(row?.b ?? 0) / 1e6), note: 'MB, duckdb_memory()' });
  } catch (e) {
    result.errors.push(`${id}: ${String(e)}`);
  }
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
    const q = buildOverviewQueries(filters);
    out.push({ id: `overview.kpi.${variant}`, sql: q.kpi });
    out.push({ id: `overview.trend.${variant}`, sql: q.trend });
    out.push({ id: `overview.density.${variant}`, sql: q.density });
    out.push({ id: `overview.channels.${variant}`, sql: q.channels });
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

/** The repeat-return view's queries (default settings, no filter), each text once as the coordinator asks it. */
export function listRepeatReturnQueries(): { id: string; sql: string }[] {
  const q = buildRepeatReturnQueries(EMPTY_FILTERS, DEFAULT_REPEAT_RETURN_PARAMS);
  const seen = new Set<string>();
  return Object.entries(q).flatMap(([name, text]) => {
    if (seen.has(text)) return [];
    seen.add(text);
    return [{ id: `rr.${name}`, sql: text }];
  });
}

/** The hot spot view's count queries for a year (its default: Gi*, 500 m squares), for engines that only run SQL. */
export function listHotspotQueries(
  f: BenchFilters,
  grid: Pick<SquareStudyGrid, 'spec'>,
): { id: string; sql: string }[] {
  const year = yearFilters(f);
  return [
    { id: 'hotspots.area.sql', sql: buildMappedExtentQuery({ ...EMPTY_FILTERS, districts: year.districts }) },
    { id: 'hotspots.period.sql', sql: buildPeriodExtentQuery(year) },
    { id: 'hotspots.counts.sql', sql: buildSquareCellCountsQuery(year, grid.spec) },
    { id: 'hotspots.emerging.sql', sql: buildSquareCellSliceCountsQuery(sliceFilters(f), grid.spec, 'month') },
  ];
}

/** The SQL of the hot spot and repeat-return views, for engines that only run SQL (native). */
export function listAnalysisQueries(
  f: BenchFilters,
  grid: Pick<SquareStudyGrid, 'spec'>,
): { id: string; sql: string }[] {
  return [...listHotspotQueries(f, grid), ...listRepeatReturnQueries()];
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
  for (const q of listHotspotQueries(f, grid).slice(0, 2)) {
    await record(
      result,
      q.id.replace('.sql', ''),
      () => timeMedian(() => db.query(q.sql)),
      (rows) => ({ rows: rows.length }),
    );
  }
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
    // The list's places: the profile query of the 100 busiest cells (the view asks it for its listed cells).
    const busiest = [...counts.keys()].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0)).slice(0, 100);
    const listed = busiest.map((i) => {
      const [ix, iy] = (grid.ids[i] ?? '0:0').split(':').map(Number);
      return { ix: ix ?? 0, iy: iy ?? 0 };
    });
    const profileSql = buildSquareCellProfileQuery(yearFilters(f), grid.spec, listed);
    await record(
      result,
      'hotspots.profiles',
      () => timeMedian(() => db.query(profileSql)),
      (rows) => ({ rows: rows.length, note: `${listed.length} listed cells` }),
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

/**
 * The repeat-return view's queries as it asks them with its default settings and no filter, each once
 * (the Kaplan–Meier curves computed from theirs), then the whole panel back to back.
 */
export async function benchRepeatReturns(db: DbConnector, result: BenchResult): Promise<void> {
  const queries = listRepeatReturnQueries();
  for (const q of queries) {
    const km = q.id.startsWith('rr.timeToReturn');
    await record(
      result,
      q.id,
      () =>
        timeMedian(async () => {
          const rows = await db.query(q.sql);
          return km ? buildSurvivalSeries(rows as TimeToReturnRow[]).length : rows.length;
        }),
      (n) => ({ rows: n, note: km ? 'query + Kaplan–Meier curves' : undefined }),
    );
  }
  await record(
    result,
    'rr.panel',
    () =>
      timeMedian(async () => {
        for (const q of queries) await db.query(q.sql);
      }),
    () => ({ note: `${queries.length} queries` }),
  );
}

function countNonZero(a: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}
