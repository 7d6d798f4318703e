import type { SeasonWindow } from '../../core/calendar/season-windows';
import { buildCaseFilter, type GlobalFilters } from '../../core/filters';
import { buildSquareCellSql, type SquareGridSpec } from '../../core/grid/square-grid';
import { FINE_BIN_DECIMALS } from '../../core/grid/study-grid';
import type { GridLogColumns } from '../../core/patrols/grid-log-passes';
import { joinSql, raw, sql, type SqlFragment } from '../../core/sql/sql';

/** The period the view shows: CST days, both inclusive. */
export interface DayRange {
  from: string;
  to: string;
}

/** Calendar months (CST days) from `first` to `last`, the first and last clipped. */
export function listMonthRanges(first: string, last: string): DayRange[] {
  const out: DayRange[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    if (start > last) break;
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const end = new Date(Date.parse(`${next}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    out.push({ from: start < first ? first : start, to: end > last ? last : end });
    y = m === 12 ? y + 1 : y;
    m = m === 12 ? 1 : m + 1;
  }
  return out;
}

/**
 * Teams of the track points and of the logs by grid cell, in the order every pass refers to them by index (the
 * track and log queries join the same list).
 */
export function buildTeamsQuery(): string {
  return `SELECT team_id AS team, count(*) AS points FROM (SELECT team_id FROM patrol_points
UNION ALL SELECT team_id FROM patrol_logs) GROUP BY team_id ORDER BY team_id`;
}

export type TeamRow = { team: string; points: number };

/** First and last day of the patrol points and grid logs, and how many rows there are. */
export function buildPatrolSpanQuery(): string {
  return `SELECT CAST(min(t0) AS DATE)::VARCHAR AS first_day, CAST(max(t1) AS DATE)::VARCHAR AS last_day,
count(*) AS points FROM (SELECT recorded_at AS t0, recorded_at AS t1 FROM patrol_points
UNION ALL SELECT start_at, end_at FROM patrol_logs)`;
}

export type PatrolSpanRow = { first_day: string | null; last_day: string | null; points: number };

/**
 * The track points of a range of days as numeric columns for the pass rules (fetched as Arrow): team index (its
 * place in `teams`, the teams query's order), a patrol key (a hash of patrol_id: consecutive rows with one key are
 * one patrol), CST time in epoch ms, lon, lat, drawn (1 for a drawn route's vertices). Ordered by team, patrol, time: all numbers, cheaper to sort than text.
 */
export function buildTrackQuery(range: DayRange, teams: readonly string[]): string {
  const list = teams.length ? sql`[${joinSql(teams.map((t) => sql`${t}`))}]` : raw('[]::VARCHAR[]');
  return sql`SELECT CAST(list_position(${list}, team_id) - 1 AS INTEGER) AS team,
  CAST(hash(patrol_id) >> 33 AS INTEGER) AS patrol, CAST(epoch_ms(recorded_at) AS DOUBLE) AS t, lon, lat,
  CAST(coalesce(drawn_route, FALSE) AS UTINYINT) AS drawn
FROM patrol_points
WHERE recorded_at >= CAST(${range.from} AS DATE) AND recorded_at < CAST(${range.to} AS DATE) + INTERVAL 1 DAY
ORDER BY team, patrol, recorded_at`.text;
}

/** Every log by grid cell: team index (as in the track query), CST start and end in epoch ms, the grid id. */
export function buildGridLogQuery(teams: readonly string[]): string {
  const list = teams.length ? sql`[${joinSql(teams.map((t) => sql`${t}`))}]` : raw('[]::VARCHAR[]');
  return sql`SELECT CAST(list_position(${list}, team_id) - 1 AS INTEGER) AS team,
  CAST(epoch_ms(start_at) AS DOUBLE) AS start_ms, CAST(epoch_ms(end_at) AS DOUBLE) AS end_ms, grid_id
FROM patrol_logs ORDER BY team, start_at, grid_id`.text;
}

export type GridLogRow = { team: number; start_ms: number; end_ms: number; grid_id: string };

/** Rows of GridLogQuery as the engine's columns. */
export function toGridLogColumns(rows: readonly GridLogRow[]): GridLogColumns {
  return {
    team: rows.map((r) => r.team),
    start: rows.map((r) => r.start_ms),
    end: rows.map((r) => r.end_ms),
    gridId: rows.map((r) => r.grid_id),
  };
}

/** Episodes that count as demand: the global filters without their period (the view sets its own). */
function demandCases(filters: GlobalFilters): SqlFragment {
  return sql`${buildCaseFilter({ ...filters, from: null, to: null })} AND lon IS NOT NULL AND lat IS NOT NULL`;
}

function inRanges(ranges: readonly DayRange[]): SqlFragment {
  if (ranges.length === 0) return raw('FALSE');
  const one = (r: DayRange) =>
    sql`(found_at >= CAST(${r.from} AS DATE) AND found_at < CAST(${r.to} AS DATE) + INTERVAL 1 DAY)`;
  return sql`(${joinSql(ranges.map(one), ' OR ')})`;
}

/** Cell keys of a grid kind: square cells in SQL (ix, iy), or fine bins (bx, by) that the worker locates. */
export type CellKeySpec = { kind: 'square'; spec: SquareGridSpec } | { kind: 'bins'; decimals?: number };

function cellKeys(keys: CellKeySpec): { select: SqlFragment; names: string } {
  if (keys.kind === 'square') {
    const { ix, iy } = buildSquareCellSql(keys.spec);
    return { select: sql`${ix} AS ix, ${iy} AS iy`, names: 'ix, iy' };
  }
  const scale = raw(String(10 ** (keys.decimals ?? FINE_BIN_DECIMALS)));
  return {
    select: sql`CAST(round(lon * ${scale}) AS INTEGER) AS bx, CAST(round(lat * ${scale}) AS INTEGER) AS "by"`,
    names: 'bx, "by"',
  };
}

/**
 * Episodes per cell (or bin) and hour of day in the given day ranges: one row per cell with
 * hour_counts = 'h:n,h:n,…' (one row per cell instead of 24 keeps the answer small).
 */
export function buildHourlyDemandQuery(filters: GlobalFilters, keys: CellKeySpec, ranges: readonly DayRange[]): string {
  const { select, names } = cellKeys(keys);
  return `SELECT ${names}, string_agg(h || ':' || n, ',') AS hour_counts FROM (
SELECT ${names}, h, count(*) AS n FROM (SELECT ${select.text}, CAST(hour(found_at) AS INTEGER) AS h FROM cases
WHERE ${demandCases(filters).text} AND ${inRanges(ranges).text}) GROUP BY ALL) GROUP BY ALL ORDER BY ALL`;
}

export type HourlyDemandRow = { ix?: number; iy?: number; bx?: number; by?: number; hour_counts: string | null };

/** The day ranges of season windows (the past years a plan learns from). */
export function windowsToRanges(windows: readonly SeasonWindow[]): DayRange[] {
  return windows.map((w) => ({ from: w.from, to: w.to }));
}
