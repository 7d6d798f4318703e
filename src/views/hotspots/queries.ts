import type { SliceUnit } from '../../core/analytics/time-slices';
import { listTimeSlices } from '../../core/analytics/time-slices';
import { buildCaseFilter, type GlobalFilters } from '../../core/filters';
import { BEIJING_BOUNDS } from '../../core/geo/map-frame';
import { buildSquareCellSql, squareCellPolygon, type SquareGridSpec } from '../../core/grid/square-grid';
import { FINE_BIN_DECIMALS, type Bounds } from '../../core/grid/study-grid';
import { joinSql, raw, sql, type SqlFragment } from '../../core/sql/sql';

/** Episodes of the filtered period that can be mapped. */
function mappedCases(filters: GlobalFilters): SqlFragment {
  return sql`${buildCaseFilter(filters)} AND lon IS NOT NULL AND lat IS NOT NULL`;
}

/** Days from 1970-01-01 to the start of the found_at's slice (× 86 400 000 = the slice's epoch ms). */
function sliceDaySql(unit: SliceUnit): SqlFragment {
  const part = unit === 'week' ? 'week' : 'month';
  return raw(`CAST(CAST(date_trunc('${part}', found_at) AS DATE) - DATE '1970-01-01' AS INTEGER)`);
}

/**
 * Rows of (keys…, n) regrouped per key as slice_counts = 'day:n,day:n,…' (days as sliceDaySql):
 * one row per cell instead of one per cell and slice, which keeps the result small. The pairs come in
 * no particular order (ordering them inside string_agg triples the query's time).
 */
function packSlices(keys: string, inner: SqlFragment): string {
  return `SELECT ${keys}, string_agg(d || ':' || n, ',') AS slice_counts
FROM (SELECT ${keys}, d, count(*) AS n FROM (${inner.text}) GROUP BY ALL) GROUP BY ALL ORDER BY ALL`;
}

/**
 * Episodes per square cell (ix, iy, n). Only cells with episodes come back; the study grid supplies
 * the empty ones.
 */
export function buildSquareCellCountsQuery(filters: GlobalFilters, spec: SquareGridSpec): string {
  const { ix, iy } = buildSquareCellSql(spec);
  return sql`SELECT ${ix} AS ix, ${iy} AS iy, count(*) AS n FROM cases WHERE ${mappedCases(filters)}
GROUP BY ALL ORDER BY ALL`.text;
}

/** Episodes per square cell and week or month: rows (ix, iy, slice_counts), see assembleCellCounts. */
export function buildSquareCellSliceCountsQuery(filters: GlobalFilters, spec: SquareGridSpec, unit: SliceUnit): string {
  const { ix, iy } = buildSquareCellSql(spec);
  return packSlices(
    'ix, iy',
    sql`SELECT ${ix} AS ix, ${iy} AS iy, ${sliceDaySql(unit)} AS d FROM cases WHERE ${mappedCases(filters)}`,
  );
}

function binColumns(decimals: number): SqlFragment {
  const scale = raw(String(10 ** decimals));
  return sql`CAST(round(lon * ${scale}) AS INTEGER) AS bx, CAST(round(lat * ${scale}) AS INTEGER) AS "by"`;
}

/**
 * Episodes per fine bin (bx = round(lon · 10^d), by = round(lat · 10^d), n), for grids whose cells
 * are found in JS (H3, the user's polygons).
 */
export function buildBinCountsQuery(filters: GlobalFilters, decimals = FINE_BIN_DECIMALS): string {
  return sql`SELECT ${binColumns(decimals)}, count(*) AS n FROM cases WHERE ${mappedCases(filters)}
GROUP BY ALL ORDER BY ALL`.text;
}

/** Episodes per fine bin and week or month: rows (bx, by, slice_counts). */
export function buildBinSliceCountsQuery(
  filters: GlobalFilters,
  unit: SliceUnit,
  decimals = FINE_BIN_DECIMALS,
): string {
  return packSlices(
    'bx, "by"',
    sql`SELECT ${binColumns(decimals)}, ${sliceDaySql(unit)} AS d FROM cases WHERE ${mappedCases(filters)}`,
  );
}

export type PeriodExtentRow = {
  first_at: number | null;
  last_at: number | null;
  total: number;
  mapped: number;
};

/** First and last found_at of the filtered episodes, how many there are and how many can be mapped. */
export function buildPeriodExtentQuery(filters: GlobalFilters): string {
  return sql`SELECT min(found_at) AS first_at, max(found_at) AS last_at, count(*) AS total,
count(*) FILTER (WHERE lon IS NOT NULL AND lat IS NOT NULL) AS mapped
FROM cases WHERE ${buildCaseFilter(filters)}`.text;
}

export type MappedExtentRow = {
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  mapped: number;
  in_beijing: number;
  /** the box of the central 96 %, where the map opens */
  view_west: number | null;
  view_south: number | null;
  view_east: number | null;
  view_north: number | null;
};

/**
 * Where the mappable episodes lie: the box of the central 99.8 % of their longitudes and latitudes (a
 * few stray coordinates do not stretch it over half the country), how many fall in Beijing's frame,
 * and the box of the central 96 % for the map to open on.
 */
export function buildMappedExtentQuery(filters: GlobalFilters): string {
  const [[w, s], [e, n]] = BEIJING_BOUNDS;
  // One quantile aggregate per axis with the four fractions (each fraction apart would collect every value again).
  return sql`SELECT x[1] AS west, y[1] AS south, x[4] AS east, y[4] AS north, mapped, in_beijing,
x[2] AS view_west, y[2] AS view_south, x[3] AS view_east, y[3] AS view_north
FROM (SELECT quantile_disc(lon, [0.001, 0.02, 0.98, 0.999]) AS x, quantile_disc(lat, [0.001, 0.02, 0.98, 0.999]) AS y,
count(*) AS mapped, count(*) FILTER (WHERE lon BETWEEN ${w} AND ${e} AND lat BETWEEN ${s} AND ${n}) AS in_beijing
FROM cases WHERE ${mappedCases(filters)})`.text;
}

/**
 * The slices of the analysis: those of the filter's period when it has one (empty slices included),
 * else those from the data's first to last episode.
 */
export function listHotspotSlices(filters: GlobalFilters, extent: PeriodExtentRow, unit: SliceUnit): number[] {
  const from = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : extent.first_at;
  const to = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) : extent.last_at;
  if (from === null || to === null) return [];
  return listTimeSlices(from, to, unit);
}

export type ProfileKind = 'district' | 'street' | 'hour' | 'month';

export type ProfileRow = {
  kind: ProfileKind;
  key: string;
  n: number;
  cell_id?: string;
  bx?: number;
  by?: number;
};

/** District, street, hour-of-day and month counts (long rows) of the episodes in `group`. */
function profileUnion(source: SqlFragment, group: SqlFragment): string {
  const part = (kind: ProfileKind, key: string, where: string) =>
    `SELECT ${group.text}, '${kind}' AS kind, ${key} AS key, count(*) AS n FROM hit${where} GROUP BY ALL`;
  return `WITH hit AS (${source.text})
${part('district', 'found_district', ` WHERE found_district IS NOT NULL AND found_district <> ''`)}
UNION ALL ${part('street', 'found_street', ` WHERE found_street IS NOT NULL AND found_street <> ''`)}
UNION ALL ${part('hour', 'CAST(hour(found_at) AS VARCHAR)', '')}
UNION ALL ${part('month', 'CAST(month(found_at) AS VARCHAR)', '')}
ORDER BY ALL`;
}

function boxesPredicate(boxes: readonly Bounds[]): SqlFragment {
  if (boxes.length === 0) return raw('FALSE');
  const one = (b: Bounds) => sql`(lon BETWEEN ${b.west} AND ${b.east} AND lat BETWEEN ${b.south} AND ${b.north})`;
  return sql`(${joinSql(boxes.map(one), ' OR ')})`;
}

/** Profile rows (cell_id 'ix:iy', kind, key, n) of the given square cells: where in them, and when. */
export function buildSquareCellProfileQuery(
  filters: GlobalFilters,
  spec: SquareGridSpec,
  cells: readonly { ix: number; iy: number }[],
): string {
  const { ix, iy } = buildSquareCellSql(spec);
  const boxes = cells.map(({ ix: x, iy: y }) => boundsOfRing(squareCellPolygon(x, y, spec)[0] ?? [], 1e-9));
  const ids = cells.map(({ ix: x, iy: y }) => `${x}:${y}`);
  const source = sql`SELECT * FROM (SELECT concat(${ix}, ':', ${iy}) AS cell_id, found_at, found_district, found_street
FROM cases WHERE ${mappedCases(filters)} AND ${boxesPredicate(boxes)}) WHERE cell_id IN (${ids.length ? joinSql(ids.map((id) => sql`${id}`)) : raw('NULL')})`;
  return profileUnion(source, raw('cell_id'));
}

/**
 * Profile rows per fine bin (bx, by, kind, key, n) inside the given boxes (e.g. the top cells'
 * extents); summarizeCellProfiles maps bins to cells with the grid's locate.
 */
export function buildBinProfileQuery(
  filters: GlobalFilters,
  boxes: readonly Bounds[],
  decimals = FINE_BIN_DECIMALS,
): string {
  const source = sql`SELECT ${binColumns(decimals)}, found_at, found_district, found_street
FROM cases WHERE ${mappedCases(filters)} AND ${boxesPredicate(boxes)}`;
  return profileUnion(source, raw('bx, "by"'));
}

export function boundsOfRing(ring: readonly number[][], pad = 0): Bounds {
  const lons = ring.map((p) => p[0] as number);
  const lats = ring.map((p) => p[1] as number);
  return {
    west: Math.min(...lons) - pad,
    south: Math.min(...lats) - pad,
    east: Math.max(...lons) + pad,
    north: Math.max(...lats) + pad,
  };
}

export interface CellProfile {
  total: number;
  /** the most frequent district / street (ties: the first in text order), null when unrecorded */
  district: string | null;
  street: string | null;
  /** counts by hour 0–23 and by month 1–12 (index 0 = January) */
  hours: number[];
  months: number[];
  /** up to three busiest hours (0–23) and months (1–12), busiest first, ties to the earlier */
  peakHours: number[];
  peakMonths: number[];
}

/** Folds profile rows into one profile per cell; `cellOf` names a row's cell (null: not wanted). */
export function summarizeCellProfiles(
  rows: readonly ProfileRow[],
  cellOf: (row: ProfileRow) => string | null,
): Map<string, CellProfile> {
  const acc = new Map<string, { d: Map<string, number>; s: Map<string, number>; hours: number[]; months: number[] }>();
  for (const row of rows) {
    const cell = cellOf(row);
    if (cell === null) continue;
    let a = acc.get(cell);
    if (!a) {
      a = { d: new Map(), s: new Map(), hours: new Array<number>(24).fill(0), months: new Array<number>(12).fill(0) };
      acc.set(cell, a);
    }
    const n = Number(row.n) || 0;
    if (row.kind === 'district') a.d.set(row.key, (a.d.get(row.key) ?? 0) + n);
    else if (row.kind === 'street') a.s.set(row.key, (a.s.get(row.key) ?? 0) + n);
    else if (row.kind === 'hour') a.hours[Number(row.key)] = (a.hours[Number(row.key)] ?? 0) + n;
    else a.months[Number(row.key) - 1] = (a.months[Number(row.key) - 1] ?? 0) + n;
  }
  const out = new Map<string, CellProfile>();
  for (const [cell, a] of acc) {
    out.set(cell, {
      total: a.hours.reduce((x, y) => x + y, 0),
      district: mostFrequent(a.d),
      street: mostFrequent(a.s),
      hours: a.hours,
      months: a.months,
      peakHours: topIndices(a.hours, 3),
      peakMonths: topIndices(a.months, 3).map((m) => m + 1),
    });
  }
  return out;
}

function mostFrequent(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestN = 0;
  for (const [key, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (n > bestN) {
      best = key;
      bestN = n;
    }
  }
  return best;
}

function topIndices(values: number[], k: number): number[] {
  return values
    .map((v, i) => [v, i] as const)
    .filter(([v]) => v > 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}
