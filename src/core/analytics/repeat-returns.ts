import { buildCaseFilter, isUnfiltered, type GlobalFilters } from '../filters';
import { prefectureOfCodeSql, provinceOfCodeSql } from '../geo/gb2260-sql';
import { EXIT_TO_HOME_OUTCOMES } from '../schema';
import { inList, joinSql, raw, sql, type SqlFragment } from '../sql/sql';

/**
 * Repeat returns (屡送屡返), docs metrics.md "Repeat returns". Choices the spec leaves open:
 *
 * - Filters select the cohort: the global filters apply to the exit episodes. Returns are looked for
 *   among ALL episodes of the person, so a filter on district or period does not hide a return found
 *   elsewhere or later (as HUD SPM 2 follows exits into the whole system).
 * - Only linkable persons (non-empty person_id) form the cohort. An exit without a person_id can never
 *   be seen returning, so counting it would bias the rate down; such exits are counted per cohort as
 *   `not_linkable` (each row one person, metrics.md Counting) and never act as a return.
 * - The data's end is the last found_at over ALL rows, not the filtered ones: returns are searched in
 *   all data, so all data bound what could have been seen.
 * - Reference time = exit_at, or found_at when exit_at is empty; an exit_at before found_at (an entry
 *   error) falls back to found_at, so an episode can never be its own return.
 * - A person's split value (origin, group, …) is read from the exit that put them in the cohort; groups
 *   are a set, so a person with two groups is counted under each (rows by group do not add up).
 */
export const RETURN_WINDOWS = [30, 90, 180, 365, 730] as const;
export type ReturnWindow = (typeof RETURN_WINDOWS)[number];
export const DEFAULT_RETURN_WINDOW: ReturnWindow = 365;

export const COHORT_GRANULARITIES = ['month', 'quarter'] as const;
export type CohortGranularity = (typeof COHORT_GRANULARITIES)[number];

export const RETURN_SPLITS = [
  'none',
  'province',
  'prefecture',
  'group',
  'sex',
  'age_band',
  'station',
  'outcome',
] as const;
export type ReturnSplit = (typeof RETURN_SPLITS)[number];

/** Split value of every row when there is no split, and of rows whose attribute is missing. */
export const SPLIT_ALL = 'all';
export const SPLIT_UNKNOWN = 'unknown';
/** Group split value of an episode without any special group. */
export const SPLIT_NO_GROUP = 'none';

export interface RepeatReturnOptions {
  filters: GlobalFilters;
  granularity: CohortGranularity;
  split: ReturnSplit;
  /** First and last cohort period, as any day inside it ('YYYY-MM-DD'); null means unbounded. */
  periodFrom?: string | null;
  periodTo?: string | null;
  /** The split values of an exit episode of `cases` aliased `alias`, as a VARCHAR[] expression, instead of
   * `split`'s (the origin view splits by its own region keys). */
  splitValuesOf?: (alias: string) => SqlFragment;
}

const DAY_MS = 86_400_000;

/** The list of split values of an episode of `cases` aliased `alias`, as a VARCHAR[] expression. */
export function buildSplitValuesExpr(split: ReturnSplit, alias: string): SqlFragment {
  const col = (name: string) => raw(`${alias}.${name}`);
  const code = col('origin_code');
  switch (split) {
    case 'none':
      return sql`[${SPLIT_ALL}]`;
    case 'province':
      return sql`[coalesce(${provinceOfCodeSql(code)}, ${SPLIT_UNKNOWN})]`;
    case 'prefecture':
      return sql`[coalesce(${prefectureOfCodeSql(code)}, ${SPLIT_UNKNOWN})]`;
    case 'group':
      return sql`CASE WHEN coalesce(len(${col('groups')}), 0) = 0 THEN [${SPLIT_NO_GROUP}] ELSE list_sort(list_distinct(${col('groups')})) END`;
    case 'sex':
      return sql`[coalesce(nullif(${col('sex')}, ''), 'u')]`;
    case 'age_band':
      return sql`[coalesce(nullif(${col('age_band')}, ''), ${SPLIT_UNKNOWN})]`;
    case 'station':
      return sql`[coalesce(nullif(${col('station')}, ''), ${SPLIT_UNKNOWN})]`;
    case 'outcome':
      return sql`[coalesce(nullif(${col('outcome')}, ''), ${SPLIT_UNKNOWN})]`;
  }
}

/**
 * A linkable episode (non-empty person_id), read from its episode links, which exist exactly for those:
 * an integer test instead of reading every person_id.
 */
export function isLinkable(alias: string): SqlFragment {
  return raw(`(${alias}.episode_no IS NOT NULL)`);
}

/**
 * The split value of an episode as one column: `split_value` for the single-valued splits, `split_values`
 * (a list to unnest) only for groups, where a person can count under several.
 */
function splitColumnSql(o: RepeatReturnOptions, alias: string): SqlFragment {
  if (o.splitValuesOf) return sql`${o.splitValuesOf(alias)} AS split_values`;
  if (o.split === 'group') return sql`${buildSplitValuesExpr(o.split, alias)} AS split_values`;
  return sql`${buildSplitValuesExpr(o.split, alias)}[1] AS split_value`;
}

/** `split_value` of rows carrying splitColumnSql's column (one row per value for lists). */
function splitValueSql(o: RepeatReturnOptions): SqlFragment {
  return o.splitValuesOf || o.split === 'group' ? raw('unnest(split_values) AS split_value') : raw('split_value');
}

function periodUnit(g: CohortGranularity): SqlFragment {
  return g === 'quarter' ? raw(`'quarter'`) : raw(`'month'`);
}

function periodLength(g: CohortGranularity): SqlFragment {
  return g === 'quarter' ? raw('INTERVAL 3 MONTH') : raw('INTERVAL 1 MONTH');
}

function periodLabel(g: CohortGranularity, col: string): SqlFragment {
  return g === 'quarter'
    ? raw(`CAST(year(${col}) AS VARCHAR) || '-Q' || CAST(quarter(${col}) AS VARCHAR)`)
    : raw(`strftime(${col}, '%Y-%m')`);
}

/**
 * Keeps each linkable person's first exit of a period, in (reference time, case_id) order. Without filters
 * every exit counts, so the first is the one whose previous exit (an episode link) lies in an earlier period;
 * with filters the person's first filtered exit is found by ranking the filtered exits.
 */
function firstExitSql(o: RepeatReturnOptions, unit: SqlFragment): SqlFragment {
  if (isUnfiltered(o.filters)) {
    return sql`AND (prev_exit_at IS NULL OR CAST(date_trunc(${unit}, prev_exit_at) AS DATE) < period_start)`;
  }
  return raw('QUALIFY row_number() OVER (PARTITION BY person_no, period_start ORDER BY ref_at, case_id) = 1');
}

/**
 * Common table expressions: `data_end` (last found_at over all rows), `rr_unlinked_exits` (filtered exits
 * to home without person_id in the selected periods), `rr_members` (each linkable person once per period, at the
 * first exit) with `next_found_at`, the person's first episode found strictly after the reference time.
 *
 * next_found_at and prev_exit_at are episode links kept by the import (src/core/analytics/episode-links.ts),
 * so no query sorts every episode by person any more.
 */
function buildCohortCtes(o: RepeatReturnOptions): SqlFragment {
  const unit = periodUnit(o.granularity);
  const ref = raw('greatest(c.found_at, coalesce(c.exit_at, c.found_at))');
  const range = joinSql(
    [
      o.periodFrom ? sql`period_start >= CAST(date_trunc(${unit}, CAST(${o.periodFrom} AS DATE)) AS DATE)` : null,
      o.periodTo ? sql`period_start <= CAST(date_trunc(${unit}, CAST(${o.periodTo} AS DATE)) AS DATE)` : null,
    ],
    ' AND ',
  );
  const isExit = sql`c.outcome IN ${inList(EXIT_TO_HOME_OUTCOMES)} AND (${buildCaseFilter(o.filters, 'c')})`;
  const exitColumns = sql`c.case_id, c.person_key, ${ref} AS ref_at,
        CAST(date_trunc(${unit}, ${ref}) AS DATE) AS period_start,
        ${splitColumnSql(o, 'c')}`;
  return sql`data_end AS (
      SELECT max(found_at) AS last_found_at, CAST(max(found_at) AS DATE) AS last_day FROM cases
    ),
    rr_members AS (
      SELECT * EXCLUDE (person_no, prev_exit_at) FROM (
        SELECT ${exitColumns}, c.person_no, c.next_found_at, c.prev_exit_at FROM cases c
        WHERE ${isLinkable('c')} AND ${isExit}
      )
      WHERE ${range.text ? range : raw('TRUE')} ${firstExitSql(o, unit)}
    ),
    rr_unlinked_exits AS (
      SELECT * FROM (SELECT ${exitColumns} FROM cases c WHERE NOT ${isLinkable('c')} AND ${isExit})
      WHERE ${range.text ? range : raw('TRUE')}
    )`;
}

/**
 * Cohort table: one row per (period, split value, window) with `cohort` (linkable persons), `returned`
 * (found again within window_days × 24 h, the last moment included), `not_linkable` exits, the period's
 * `follow_up_end` day (last day of the period + W days) and `complete` (follow_up_end ≤ date of the
 * data's last found_at). Columns: period_start (DATE), period ('2023-01' | '2023-Q1'), split_value,
 * window_days, cohort, returned, not_linkable, follow_up_end (DATE), complete, data_last_day (DATE).
 */
export function buildCohortRateQuery(o: RepeatReturnOptions, windows: readonly number[] = RETURN_WINDOWS): string {
  const ws = windows.filter((w) => Number.isInteger(w) && w > 0);
  if (ws.length === 0) throw new Error('buildCohortRateQuery: no valid window');
  // Each member falls in the shortest window it returned within (rank 1…, or past the longest: not
  // returned); one count per (period, value, shortest window), summed up to W's rank, gives returned by W.
  const sorted = [...new Set(ws)].sort((a, b) => a - b);
  const shortest = joinSql(
    sorted.map((w, i) => sql`WHEN gap_ms <= ${w * DAY_MS} THEN ${i + 1}`),
    ' ',
  );
  return sql`WITH ${buildCohortCtes(o)},
    rr_windows AS (SELECT CAST(unnest(range(1, ${ws.length + 1})) AS INTEGER) AS idx, CAST(unnest(${ws}) AS INTEGER) AS window_days),
    rr_counts AS (
      SELECT period_start, split_value, shortest, count(*) AS n
      FROM (
        SELECT period_start, ${splitValueSql(o)},
          CASE ${shortest} ELSE ${sorted.length + 1} END AS shortest
        FROM (SELECT *, epoch_ms(next_found_at) - epoch_ms(ref_at) AS gap_ms FROM rr_members)
      )
      GROUP BY ALL
    ),
    rr_linked AS (
      SELECT period_start, split_value, sum(n) AS cohort,
        [${joinSql(ws.map((w) => sql`coalesce(sum(n) FILTER (WHERE shortest <= ${sorted.indexOf(w) + 1}), 0)`))}] AS returned_by
      FROM rr_counts GROUP BY ALL
    ),
    rr_unlinked AS (
      SELECT period_start, split_value, count(*) AS not_linkable
      FROM (SELECT period_start, ${splitValueSql(o)} FROM rr_unlinked_exits)
      GROUP BY ALL
    ),
    rr_cells AS (
      SELECT period_start, split_value FROM rr_linked UNION SELECT period_start, split_value FROM rr_unlinked
    ),
    rr_grid AS (
      SELECT k.period_start, k.split_value, w.idx, w.window_days,
        CAST(k.period_start + ${periodLength(o.granularity)} AS DATE) - 1 + w.window_days AS follow_up_end
      FROM rr_cells k CROSS JOIN rr_windows w
    )
    SELECT g.period_start, ${periodLabel(o.granularity, 'g.period_start')} AS period, g.split_value, g.window_days,
      CAST(coalesce(l.cohort, 0) AS INTEGER) AS cohort,
      CAST(coalesce(l.returned_by[g.idx], 0) AS INTEGER) AS returned,
      CAST(coalesce(u.not_linkable, 0) AS INTEGER) AS not_linkable,
      g.follow_up_end,
      coalesce(g.follow_up_end <= d.last_day, FALSE) AS complete,
      d.last_day AS data_last_day
    FROM rr_grid g CROSS JOIN data_end d
    LEFT JOIN rr_linked l ON l.period_start = g.period_start AND l.split_value = g.split_value
    LEFT JOIN rr_unlinked u ON u.period_start = g.period_start AND u.split_value = g.split_value
    ORDER BY g.period_start, g.split_value, g.window_days`.text;
}

/**
 * Time to return of the cohort members of the selected periods (a person in two periods is two
 * observations), aggregated per split value and day: `days`, `events`, `censored`. An event at day k
 * means a return within (k−1, k] × 24 h, so "returned by day W" is exactly the W-day window. Members
 * not seen again are censored at the whole days they were observed, floor((data's last found_at −
 * reference) / 24 h), at least 0. With `horizonDays`, later events and censorings are censored there.
 */
export function buildTimeToReturnQuery(o: RepeatReturnOptions, horizonDays: number | null = null): string {
  const horizon = horizonDays !== null && Number.isInteger(horizonDays) && horizonDays > 0 ? horizonDays : null;
  const eventOk = horizon === null ? raw('TRUE') : sql`event_day <= ${horizon}`;
  const censorDay = horizon === null ? raw('censor_day') : sql`least(censor_day, ${horizon})`;
  return sql`WITH ${buildCohortCtes(o)},
    rr_times AS (
      SELECT ${splitValueSql(o)},
        CASE WHEN next_found_at IS NULL THEN NULL
          ELSE (epoch_ms(next_found_at) - epoch_ms(ref_at) + ${DAY_MS - 1}) // ${DAY_MS} END AS event_day,
        greatest(epoch_ms(d.last_found_at) - epoch_ms(ref_at), 0) // ${DAY_MS} AS censor_day
      FROM rr_members CROSS JOIN data_end d
    ),
    rr_obs AS (
      SELECT split_value,
        event_day IS NOT NULL AND ${eventOk} AS event,
        CASE WHEN event_day IS NOT NULL AND ${eventOk} THEN event_day ELSE ${censorDay} END AS days
      FROM rr_times
    )
    SELECT split_value, CAST(days AS INTEGER) AS days,
      CAST(count(*) FILTER (WHERE event) AS INTEGER) AS events,
      CAST(count(*) FILTER (WHERE NOT event) AS INTEGER) AS censored
    FROM rr_obs GROUP BY ALL ORDER BY split_value, days`.text;
}

/**
 * Histogram of days to return for the members of the selected periods who returned within `maxDays`:
 * bins (bin_start, bin_end] of `binDays` days (1–30, 31–60, … with the default), empty bins omitted.
 * Columns: split_value, bin_start, bin_end, persons.
 */
export function buildReturnHistogramQuery(o: RepeatReturnOptions, binDays = 30, maxDays = 730): string {
  if (!(Number.isInteger(binDays) && binDays > 0 && Number.isInteger(maxDays) && maxDays > 0)) {
    throw new Error('buildReturnHistogramQuery: binDays and maxDays must be positive integers');
  }
  return sql`WITH ${buildCohortCtes(o)},
    rr_days AS (
      SELECT ${splitValueSql(o)},
        (epoch_ms(next_found_at) - epoch_ms(ref_at) + ${DAY_MS - 1}) // ${DAY_MS} AS event_day
      FROM rr_members WHERE next_found_at IS NOT NULL
    ),
    rr_bins AS (
      SELECT split_value, (event_day - 1) // ${binDays} AS bin
      FROM rr_days WHERE event_day <= ${maxDays}
    )
    SELECT split_value, CAST(bin * ${binDays} AS INTEGER) AS bin_start,
      CAST(least((bin + 1) * ${binDays}, ${maxDays}) AS INTEGER) AS bin_end,
      CAST(count(*) AS INTEGER) AS persons
    FROM rr_bins GROUP BY ALL ORDER BY split_value, bin_start`.text;
}

/**
 * The cohort members themselves, one row per member and split value: `period_start`, `split_value`, the exit
 * episode `case_id` that put the person in the cohort, its reference time `ref_at`, `next_found_at` (the person's
 * next episode found after it, NULL if none) and `returned` (found again within `windowDays` × 24 h). Lists of
 * returners (the origin view's coordination sheet) read these, so they match the rates.
 */
export function buildCohortMembersQuery(o: RepeatReturnOptions, windowDays: number): string {
  if (!(Number.isInteger(windowDays) && windowDays > 0)) throw new Error('buildCohortMembersQuery: bad window');
  return sql`WITH ${buildCohortCtes(o)}
    SELECT period_start, ${splitValueSql(o)}, case_id, ref_at, next_found_at,
      coalesce(epoch_ms(next_found_at) - epoch_ms(ref_at) <= ${windowDays * DAY_MS}, FALSE) AS returned
    FROM rr_members`.text;
}
