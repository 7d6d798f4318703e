import type { SliceUnit } from '../analytics/time-slices';
import { buildCaseFilter, type GlobalFilters } from '../filters';
import { buildSquareCellSql, squareCellPolygon, type SquareGridSpec } from '../grid/square-grid';
import { FINE_BIN_DECIMALS, type Bounds } from '../grid/study-grid';
import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';

/** Episodes of the filtered period that can be mapped. */
export function mappedCases(filters: GlobalFilters): SqlFragment {
  return sql`${buildCaseFilter(filters)} AND lon IS NOT NULL AND lat IS NOT NULL`;
}

/** Days from 1970-01-01 to the start of the found_at's slice (× 86 400 000 = the slice's epoch ms). */
function sliceDaySql(unit: SliceUnit): SqlFragment {
  const part = unit === 'week' ? 'week' : 'month';
  return sql`CAST(CAST(date_trunc(${part}, found_at) AS DATE) - DATE '1970-01-01' AS INTEGER)`;
}

/**
 * Rows of (keys…, n) regrouped per key as slice_counts = 'day:n,day:n,…' (days as sliceDaySql):
 * one row per cell instead of one per cell and slice, which keeps the result small. The pairs come in
 * no particular order (ordering them inside string_agg triples the query's time).
 */
function packSlices(keys: SqlFragment, inner: SqlFragment): string {
  return sql`SELECT ${keys}, string_agg(d || ':' || n, ',') AS slice_counts
FROM (SELECT ${keys}, d, count(*) AS n FROM (${inner}) GROUP BY ALL) GROUP BY ALL ORDER BY ALL`.text;
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
    raw('ix, iy'),
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
    raw('bx, "by"'),
    sql`SELECT ${binColumns(decimals)}, ${sliceDaySql(unit)} AS d FROM cases WHERE ${mappedCases(filters)}`,
  );
}

/** Rows of the count queries: square cells (ix, iy) or fine bins (bx, by), with n or slice_counts. */
export interface CountRow {
  ix?: number;
  iy?: number;
  bx?: number;
  by?: number;
  n?: number;
  slice_counts?: string | null;
}

export type ProfileKind = 'place' | 'district' | 'street' | 'hour' | 'month';

export type ProfileRow = {
  kind: ProfileKind;
  key: string;
  n: number;
  cell_id?: string;
  bx?: number;
  by?: number;
};

/**
 * Place text, district, street, hour-of-day and month counts (long rows) of the episodes in `group`.
 * Texts are compared as VARCHAR (a vocabulary column may be stored as an ENUM) and place texts have their
 * runs of white space (a line break inside a quoted CSV field) made one space.
 */
function profileUnion(source: SqlFragment, group: SqlFragment): string {
  const part = (kind: ProfileKind, key: SqlFragment, where: SqlFragment) =>
    sql`SELECT ${group}, ${kind} AS kind, ${key} AS key, count(*) AS n FROM hit WHERE ${where} GROUP BY ALL`;
  const text = (col: string) => raw(`trim(regexp_replace(CAST(${col} AS VARCHAR), '\\s+', ' ', 'g'))`);
  const recorded = (col: string) => sql`${text(col)} <> ''`;
  return sql`WITH hit AS (${source})
${part('place', text('found_place'), recorded('found_place'))}
UNION ALL ${part('district', text('found_district'), recorded('found_district'))}
UNION ALL ${part('street', text('found_street'), recorded('found_street'))}
UNION ALL ${part('hour', raw('CAST(hour(found_at) AS VARCHAR)'), raw('TRUE'))}
UNION ALL ${part('month', raw('CAST(month(found_at) AS VARCHAR)'), raw('TRUE'))}
ORDER BY ALL`.text;
}

function boxesPredicate(boxes: readonly Bounds[]): SqlFragment {
  if (boxes.length === 0) return raw('FALSE');
  const one = (b: Bounds) => sql`(lon BETWEEN ${b.west} AND ${b.east} AND lat BETWEEN ${b.south} AND ${b.north})`;
  return sql`(${joinSql(boxes.map(one), ' OR ')})`;
}

/**
 * Profile rows (cell_id 'ix:iy', kind, key, n) of the given square cells: where in them, and when. The
 * episodes in the cells' common box are joined to the list of cells, so hundreds of cells cost one pass.
 */
export function buildSquareCellProfileQuery(
  filters: GlobalFilters,
  spec: SquareGridSpec,
  cells: readonly { ix: number; iy: number }[],
): string {
  if (cells.length === 0)
    return profileUnion(sql`SELECT NULL AS cell_id, ${raw(PROFILE_COLUMNS)} FROM cases WHERE FALSE`, raw('cell_id'));
  const { ix, iy } = buildSquareCellSql(spec);
  const box = boundsOfRings(
    cells.map(({ ix: x, iy: y }) => squareCellPolygon(x, y, spec)[0] ?? []),
    1e-9,
  );
  const list = joinSql(
    cells.map(({ ix: x, iy: y }) => sql`(${x}, ${y})`),
    ', ',
  );
  const source = sql`SELECT concat(c.ix, ':', c.iy) AS cell_id, ${raw(PROFILE_COLUMNS)}
FROM (SELECT ${ix} AS ix, ${iy} AS iy, ${raw(PROFILE_COLUMNS)} FROM cases
  WHERE ${mappedCases(filters)} AND ${boxesPredicate([box])}) AS c
JOIN (VALUES ${list}) AS wanted(ix, iy) ON c.ix = wanted.ix AND c.iy = wanted.iy`;
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
  const source = sql`SELECT ${binColumns(decimals)}, ${raw(PROFILE_COLUMNS)}
FROM cases WHERE ${mappedCases(filters)} AND ${boxesPredicate(boxes)}`;
  return profileUnion(source, raw('bx, "by"'));
}

const PROFILE_COLUMNS = 'found_at, found_place, found_district, found_street';

/** The box around several rings, grown by `pad` degrees. */
function boundsOfRings(rings: readonly (readonly number[][])[], pad: number): Bounds {
  const out = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const ring of rings) {
    const b = boundsOfRing(ring, pad);
    out.west = Math.min(out.west, b.west);
    out.south = Math.min(out.south, b.south);
    out.east = Math.max(out.east, b.east);
    out.north = Math.max(out.north, b.north);
  }
  return out;
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

/** A place text (发现地点) and its episodes in the cell. */
export interface PlaceCount {
  name: string;
  n: number;
}

/** How many place texts a profile keeps (metrics.md, Hotspots: the most frequent three). */
export const TOP_PLACES = 3;

export interface CellProfile {
  total: number;
  /** the most frequent place texts, busiest first (ties in text order), at most TOP_PLACES */
  places: PlaceCount[];
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
  type Acc = {
    p: Map<string, number>;
    d: Map<string, number>;
    s: Map<string, number>;
    hours: number[];
    months: number[];
  };
  const acc = new Map<string, Acc>();
  for (const row of rows) {
    const cell = cellOf(row);
    if (cell === null) continue;
    let a = acc.get(cell);
    if (!a) {
      a = {
        p: new Map(),
        d: new Map(),
        s: new Map(),
        hours: new Array<number>(24).fill(0),
        months: new Array<number>(12).fill(0),
      };
      acc.set(cell, a);
    }
    const n = Number(row.n) || 0;
    if (row.kind === 'place') a.p.set(row.key, (a.p.get(row.key) ?? 0) + n);
    else if (row.kind === 'district') a.d.set(row.key, (a.d.get(row.key) ?? 0) + n);
    else if (row.kind === 'street') a.s.set(row.key, (a.s.get(row.key) ?? 0) + n);
    else if (row.kind === 'hour') a.hours[Number(row.key)] = (a.hours[Number(row.key)] ?? 0) + n;
    else a.months[Number(row.key) - 1] = (a.months[Number(row.key) - 1] ?? 0) + n;
  }
  const out = new Map<string, CellProfile>();
  for (const [cell, a] of acc) {
    out.set(cell, {
      total: a.hours.reduce((x, y) => x + y, 0),
      places: rankByCount(a.p).slice(0, TOP_PLACES),
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

/** Keys by count, largest first; ties in text (code unit) order. */
function rankByCount(counts: Map<string, number>): PlaceCount[] {
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => ({ name, n }))
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function mostFrequent(counts: Map<string, number>): string | null {
  return rankByCount(counts)[0]?.name ?? null;
}

function topIndices(values: number[], k: number): number[] {
  return values
    .map((v, i) => [v, i] as const)
    .filter(([v]) => v > 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}
