import { addMonths, daysBetween, samePeriodLastYear } from '../../core/calendar/periods';
import type { GlobalFilters } from '../../core/filters';
import { buildCaseFilter, isUnfiltered } from '../../core/filters';
import { EXIT_TO_HOME_OUTCOMES } from '../../core/schema';
import { inList, raw, sql, type SqlFragment } from '../../core/sql/sql';

/** Density cells of the Overview map: 0.005° (about 430 × 560 m in Beijing). */
export const OVERVIEW_DENSITY_BIN = 0.005;

export interface OverviewQueries {
  kpi: string;
  /** the same figures a year earlier (同比), null when the period has no bounds */
  kpiLastYear: string | null;
  /** months of the period with the same months a year earlier */
  trend: string;
  density: string;
  channels: string;
}

/** Every query the Overview declares for the filters (the view and the bench ask exactly these). */
export function buildOverviewQueries(f: GlobalFilters): OverviewQueries {
  const lastYear = lastYearFilters(f);
  return {
    kpi: buildKpiQuery(f),
    kpiLastYear: lastYear ? buildKpiQuery(lastYear) : null,
    trend: buildTrendWithLastYearQuery(f),
    density: buildDensityQuery(f, OVERVIEW_DENSITY_BIN),
    channels: buildChannelMixQuery(f),
  };
}

/**
 * Minor / elderly count an episode when the group was recorded OR the age band says so, because
 * exports record one or the other (docs/metrics.md). Stay for persons still in care runs to the
 * data's last found_at (metrics.md, Stays).
 */
export function buildKpiQuery(f: GlobalFilters): string {
  return sql`
    WITH data_end AS (SELECT max(found_at) AS last FROM cases),
    filtered AS (SELECT * FROM cases WHERE ${buildCaseFilter(f)})
    SELECT
      count(*) AS episodes,
      ${countPersons(f)} AS persons,
      count(*) FILTER (WHERE list_contains(groups, 'minor') OR age_band = '0-17') AS minors,
      count(*) FILTER (WHERE list_contains(groups, 'elderly') OR age_band = '60+') AS elderly,
      count(*) FILTER (WHERE outcome IN ${inList(EXIT_TO_HOME_OUTCOMES)}) AS returned_home,
      -- the median of whole seconds, then in days: a median of integers is cheaper than one of doubles
      median(date_diff('second', found_at, coalesce(exit_at, (SELECT last FROM data_end)))) / 86400.0 AS median_stay_days,
      count(*) FILTER (WHERE lon IS NULL) AS unmappable
    FROM filtered`.text;
}

/**
 * Distinct persons (person_key). Over all episodes every linkable person has exactly one first episode
 * (an episode link) and every unlinkable episode is a person of its own, so counting those avoids hashing
 * every person_key; a filter can drop a person's first episode, so filtered counts stay distinct counts.
 */
function countPersons(f: GlobalFilters): SqlFragment {
  // episode_no is NULL exactly for unlinkable episodes
  return isUnfiltered(f)
    ? raw('count(*) FILTER (WHERE coalesce(episode_no, 1) = 1)')
    : raw('count(DISTINCT person_key)');
}

export function buildMonthlyTrendQuery(f: GlobalFilters): string {
  // Without filters, a person is counted in a month at the first of their episodes found in it: the
  // previous episode (an episode link) lies in an earlier month or there is none (unlinkable episodes have none).
  const persons = isUnfiltered(f)
    ? raw(
        `count(*) FILTER (WHERE prev_found_at IS NULL OR date_trunc('month', prev_found_at) < date_trunc('month', found_at))`,
      )
    : raw('count(DISTINCT person_key)');
  return sql`
    SELECT date_trunc('month', found_at) AS month, count(*) AS episodes, ${persons} AS persons
    FROM cases WHERE ${buildCaseFilter(f)}
    GROUP BY 1 ORDER BY 1`.text;
}

/** Episode counts binned to a fine lattice (≈ 500 m at Beijing's latitude) for the density layer. */
export function buildDensityQuery(f: GlobalFilters, binDegrees = 0.005): string {
  // Grouped by the integer bin, the centre computed once per bin: grouping by two computed doubles costs more.
  return sql`
    SELECT round(CAST(ix AS DOUBLE) * ${binDegrees} + ${binDegrees / 2}, 6) AS lon,
      round(CAST(iy AS DOUBLE) * ${binDegrees} + ${binDegrees / 2}, 6) AS lat, n
    FROM (
      SELECT CAST(floor(lon / ${binDegrees}) AS INTEGER) AS ix, CAST(floor(lat / ${binDegrees}) AS INTEGER) AS iy,
        count(*) AS n
      FROM cases WHERE ${buildCaseFilter(f)} AND lon IS NOT NULL
      GROUP BY 1, 2
    )`.text;
}

export function buildChannelMixQuery(f: GlobalFilters): string {
  return sql`
    SELECT coalesce(channel, 'other') AS channel, count(*) AS episodes
    FROM cases WHERE ${buildCaseFilter(f)} GROUP BY 1 ORDER BY 2 DESC`.text;
}

/** Periods up to a year long are compared with the same period a year earlier (同比); longer ones are not. */
const MAX_COMPARED_DAYS = 366;

/** The filters of the same period one year earlier, or null when the period is open or longer than a year. */
export function lastYearFilters(f: GlobalFilters): GlobalFilters | null {
  if (!f.from || !f.to || daysBetween(f.from, f.to) >= MAX_COMPARED_DAYS) return null;
  return { ...f, ...samePeriodLastYear({ from: f.from, to: f.to }) };
}

/** The monthly trend from twelve months before the period's start, so each month can show last year's. */
export function buildTrendWithLastYearQuery(f: GlobalFilters): string {
  return buildMonthlyTrendQuery(f.from ? { ...f, from: addMonths(f.from, -12) } : f);
}
