import { addMonths } from '../calendar/periods';
import type { GlobalFilters } from '../filters';
import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import { buildRegionEpisodesCtes } from './origin-regions';

/**
 * The monthly statistical report (救助管理月报), docs/metrics.md "Monthly report". A month is a stock and two
 * flows: episodes in the station at the start (上月末在站, open at 24:00 of the previous month's last day), episodes
 * admitted in the month (found_at in it), episodes that left in it, and those still in the station at 24:00 of its
 * last day. For every month, carried over + admitted = left + in station at the end.
 *
 * - An episode is in the station from found_at until it leaves: at exit_at when recorded; with no exit_at and an
 *   outcome that is not 在站 (in_care) or empty, it left when found (its stay unknown, so it is not in the average);
 *   with neither, it is still in the station.
 * - An event belongs to the month of its timestamp: an exit at 2024-09-01 00:00 leaves in September, so the episode
 *   is still counted in the station at 24:00 of 31 August.
 * - The rows of the admitted (sex, age band, special group, origin) each add up to the month's admissions; the ways
 *   of leaving add up to the month's exits. A range of months is also reported as one period (the `total` row).
 */

/** Ways of leaving in the form's order; `home_other` is 自行返乡 and 返乡 without a way, `other` the rest. */
export const LEAVE_WAYS = [
  'escorted',
  'ticket',
  'home_other',
  'family',
  'handed',
  'placed',
  'medical',
  'left',
  'died',
  'other',
] as const;
export type LeaveWay = (typeof LEAVE_WAYS)[number];

/** Special groups, one per episode in this order of precedence (health first), so the rows add up. */
export const REPORT_GROUPS = ['critical', 'mental', 'disabled', 'minor', 'elderly', 'none'] as const;
export const REPORT_SEXES = ['m', 'f', 'u'] as const;
export const REPORT_AGE_BANDS = ['0-17', '18-59', '60+', 'unknown'] as const;
export const REPORT_ORIGIN_SIDES = ['in', 'out', 'unknown'] as const;

/** The key of the whole range in the rows (beside one row per month 'YYYY-MM'). */
export const RANGE_TOTAL = 'total';

const key = (prefix: string, value: string) => `${prefix}_${value.replace(/[^a-z0-9]+/gi, '_').replace(/_$/, '')}`;
/** Column names of the report's rows: sex_m, age_0_17, age_60, group_critical, origin_in, way_escorted … */
export const columnOf = {
  sex: (v: (typeof REPORT_SEXES)[number]) => key('sex', v),
  age: (v: (typeof REPORT_AGE_BANDS)[number]) => key('age', v),
  group: (v: (typeof REPORT_GROUPS)[number]) => key('group', v),
  origin: (v: (typeof REPORT_ORIGIN_SIDES)[number]) => key('origin', v),
  way: (v: LeaveWay) => key('way', v),
};

export type MonthlyReportRow = {
  /** 'YYYY-MM', or RANGE_TOTAL for the whole range */
  period: string;
  carried_over: number;
  admitted: number;
  /** distinct persons among the admitted (over the range: not the sum of the months) */
  persons: number;
  left_total: number;
  /** escorted home to another province than the home province (origin known) */
  way_escorted_across: number;
  in_station_end: number;
  /** completed stays (exit_at recorded) of the episodes that left, their number and mean in days */
  stays_counted: number;
  mean_stay_days: number | null;
  /** days in the station within the period, all episodes; open stays run to the data's last found_at */
  person_days: number;
} & Record<string, number | string | null>;

function leaveWaySql(): SqlFragment {
  return raw(`CASE WHEN exit_at IS NULL AND (outcome IS NULL OR outcome = 'in_care') THEN NULL
      WHEN outcome = 'returned_home' THEN CASE WHEN outcome_detail = 'escorted_home' THEN 'escorted'
        WHEN outcome_detail = 'ticket_home' THEN 'ticket' ELSE 'home_other' END
      WHEN outcome = 'family_pickup' THEN 'family'
      WHEN outcome = 'handed_to_origin' THEN 'handed'
      WHEN outcome = 'placed' THEN 'placed'
      WHEN outcome = 'medical' THEN 'medical'
      WHEN outcome = 'left' THEN 'left'
      WHEN outcome = 'died' THEN 'died'
      ELSE 'other' END`);
}

/** One special group per episode; minors and elderly also by age band, as the Overview counts them. */
function groupSql(): SqlFragment {
  return raw(`CASE WHEN list_contains(groups, 'critical') THEN 'critical'
      WHEN list_contains(groups, 'mental') THEN 'mental'
      WHEN list_contains(groups, 'disabled') THEN 'disabled'
      WHEN list_contains(groups, 'minor') OR age_band = '0-17' THEN 'minor'
      WHEN list_contains(groups, 'elderly') OR age_band = '60+' THEN 'elderly'
      ELSE 'none' END`);
}

/** The periods of the report: each month, then the whole range, as [start, end) days. */
function periodsSql(months: readonly string[]): SqlFragment {
  const rows = months.map(
    (m, i) => sql`(${m}, ${i}, CAST(${`${m}-01`} AS DATE), CAST(${addMonths(`${m}-01`, 1)} AS DATE))`,
  );
  const first = months[0]!;
  const last = months[months.length - 1]!;
  rows.push(
    sql`(${RANGE_TOTAL}, ${months.length}, CAST(${`${first}-01`} AS DATE), CAST(${addMonths(`${last}-01`, 1)} AS DATE))`,
  );
  return sql`SELECT * FROM (VALUES ${joinSql(rows)}) AS p(period, ord, start_day, end_day)`;
}

/**
 * The report's figures for `months` ('YYYY-MM', ascending, consecutive) and the whole range, for the home province
 * `home` (XX0000: 本省籍 = origin in it, 外省籍 = another known origin, 无法查明 = no origin). The period filter of
 * `filters` is ignored (the months are the period); every other global filter applies. Needs `origin_units`
 * (src/core/geo/origin-units.ts), as the origins view.
 */
export function buildMonthlyReportQuery(filters: GlobalFilters, months: readonly string[], home: string): string {
  if (months.length === 0) throw new Error('buildMonthlyReportQuery: no month');
  const admitted = raw('e.found_at >= p.start_day AND e.found_at < p.end_day');
  const leftIn = raw('e.left_at >= p.start_day AND e.left_at < p.end_day');
  const count = (where: SqlFragment, name: string) =>
    sql`CAST(count(e.case_id) FILTER (WHERE ${where}) AS INTEGER) AS ${raw(name)}`;
  const among = (cond: SqlFragment, col: string, value: string) => sql`${cond} AND e.${raw(col)} = ${value}`;
  const columns = [
    count(raw('e.found_at < p.start_day AND (e.left_at IS NULL OR e.left_at >= p.start_day)'), 'carried_over'),
    count(admitted, 'admitted'),
    sql`CAST(count(DISTINCT e.person_key) FILTER (WHERE ${admitted}) AS INTEGER) AS persons`,
    ...REPORT_SEXES.map((v) => count(among(admitted, 'sex_key', v), columnOf.sex(v))),
    ...REPORT_AGE_BANDS.map((v) => count(among(admitted, 'age_key', v), columnOf.age(v))),
    ...REPORT_GROUPS.map((v) => count(among(admitted, 'group_key', v), columnOf.group(v))),
    ...REPORT_ORIGIN_SIDES.map((v) => count(among(admitted, 'side', v), columnOf.origin(v))),
    count(leftIn, 'left_total'),
    ...LEAVE_WAYS.map((v) => count(among(leftIn, 'leave_way', v), columnOf.way(v))),
    count(sql`${leftIn} AND e.leave_way = 'escorted' AND e.side = 'out'`, 'way_escorted_across'),
    count(raw('e.found_at < p.end_day AND (e.left_at IS NULL OR e.left_at >= p.end_day)'), 'in_station_end'),
    count(sql`${leftIn} AND e.exit_at IS NOT NULL`, 'stays_counted'),
    sql`avg(date_diff('second', e.found_at, e.exit_at) / 86400.0) FILTER (WHERE ${leftIn} AND e.exit_at IS NOT NULL) AS mean_stay_days`,
    sql`coalesce(sum(greatest(0, date_diff('second', greatest(e.found_at, CAST(p.start_day AS TIMESTAMP)),
        least(coalesce(e.left_at, d.last), CAST(p.end_day AS TIMESTAMP))))) / 86400.0, 0) AS person_days`,
  ];
  const noPeriod: GlobalFilters = { ...filters, from: null, to: null };
  const rangeStart = `${months[0]!}-01`;
  const rangeEnd = addMonths(`${months[months.length - 1]!}-01`, 1);
  return sql`WITH data_end AS (SELECT max(found_at) AS last FROM cases),
    ${buildRegionEpisodesCtes(noPeriod, 'province')},
    ep AS (
      SELECT case_id, person_key, found_at, exit_at,
        CASE WHEN exit_at IS NOT NULL THEN exit_at
          WHEN outcome IS NULL OR outcome = 'in_care' THEN NULL ELSE found_at END AS left_at,
        ${leaveWaySql()} AS leave_way,
        CASE WHEN region IS NULL THEN 'unknown' WHEN region = ${home} THEN 'in' ELSE 'out' END AS side,
        CASE WHEN sex = 'm' THEN 'm' WHEN sex = 'f' THEN 'f' ELSE 'u' END AS sex_key,
        CASE WHEN age_band IN ('0-17', '18-59', '60+') THEN CAST(age_band AS VARCHAR) ELSE 'unknown' END AS age_key,
        ${groupSql()} AS group_key
      FROM region_episodes
    ),
    range_ep AS (
      -- only the episodes in the station at some moment of the range (found before its end, not left before it)
      SELECT * FROM ep WHERE found_at < CAST(${rangeEnd} AS DATE) AND (left_at IS NULL OR left_at >= CAST(${rangeStart} AS DATE))
    ),
    periods AS (${periodsSql(months)})
    SELECT p.period, ${joinSql(columns)}
    FROM periods p CROSS JOIN data_end d
    LEFT JOIN range_ep e ON e.found_at < p.end_day AND (e.left_at IS NULL OR e.left_at >= p.start_day)
    GROUP BY p.period, p.ord ORDER BY p.ord`.text;
}
