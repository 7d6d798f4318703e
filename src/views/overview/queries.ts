import { addMonths, daysBetween, samePeriodLastYear } from '../../core/calendar/periods';
import type { GlobalFilters } from '../../core/filters';
import { buildCaseFilter } from '../../core/filters';
import { EXIT_TO_HOME_OUTCOMES } from '../../core/schema';
import { inList, sql } from '../../core/sql/sql';

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
      count(DISTINCT person_key) AS persons,
      count(*) FILTER (WHERE list_contains(groups, 'minor') OR age_band = '0-17') AS minors,
      count(*) FILTER (WHERE list_contains(groups, 'elderly') OR age_band = '60+') AS elderly,
      count(*) FILTER (WHERE outcome IN ${inList(EXIT_TO_HOME_OUTCOMES)}) AS returned_home,
      median(date_diff('second', found_at, coalesce(exit_at, (SELECT last FROM data_end))) / 86400.0) AS median_stay_days,
      count(*) FILTER (WHERE lon IS NULL) AS unmappable
    FROM filtered`.text;
}

export function buildMonthlyTrendQuery(f: GlobalFilters): string {
  return sql`
    SELECT date_trunc('month', found_at) AS month, count(*) AS episodes, count(DISTINCT person_key) AS persons
    FROM cases WHERE ${buildCaseFilter(f)}
    GROUP BY 1 ORDER BY 1`.text;
}

/** Episode counts binned to a fine lattice (≈ 500 m at Beijing's latitude) for the density layer. */
export function buildDensityQuery(f: GlobalFilters, binDegrees = 0.005): string {
  return sql`
    SELECT round(floor(lon / ${binDegrees}) * ${binDegrees} + ${binDegrees / 2}, 6) AS lon,
           round(floor(lat / ${binDegrees}) * ${binDegrees} + ${binDegrees / 2}, 6) AS lat,
           count(*) AS n
    FROM cases WHERE ${buildCaseFilter(f)} AND lon IS NOT NULL
    GROUP BY 1, 2`.text;
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
