import { buildOriginFlowsQuery } from '../../core/analytics/origin-flows';
import { buildHomeProvinceSplitQuery, buildOriginTableQuery } from '../../core/analytics/origin-regions';
import { addMonths, type Period } from '../../core/calendar/periods';
import { compareReportPeriod, resolveReportPeriod, type ReportPeriodSpec } from '../../core/calendar/report-periods';
import { buildCaseFilter, type GlobalFilters } from '../../core/filters';
import { sql } from '../../core/sql/sql';
import { buildKpiQuery, buildTrendWithLastYearQuery, lastYearFilters } from '../overview/queries';
import { buildRepeatReturnQueries, DEFAULT_REPEAT_RETURN_PARAMS } from '../repeat-returns/queries';

/**
 * What the briefing asks the database: the other views' own query builders (Overview's KPIs and trend, the
 * repeat-returns view's cohort table, the origins view's table, flows and home-province split, the monthly
 * report), for the briefing's period and the global filters other than the period. Only the two figures no
 * view shows (mental health episodes, new persons) have a query of their own here.
 */

/** The briefing's period, its comparison periods, and the filters of each (global filters with that period). */
export interface BriefingScope {
  spec: ReportPeriodSpec;
  period: Period;
  filters: GlobalFilters;
  /** 环比: the period of equal length before */
  previous: GlobalFilters;
  /** 同比: the same period a year earlier (the festival's last window); null for a range over a year */
  lastYear: GlobalFilters | null;
}

/** Origin regions and flows listed on the page. */
export const TOP_ORIGINS = 5;
export const TOP_FLOWS = 12;
/** The episode trend covers the twelve months ending with the period's last month. */
export const TREND_MONTHS = 12;
/** The return-rate trend covers 24 months of exit cohorts: a year's cohorts are still in their 365-day follow-up. */
export const RATE_TREND_MONTHS = 24;

export function buildBriefingScope(global: GlobalFilters, spec: ReportPeriodSpec): BriefingScope | null {
  const period = resolveReportPeriod(spec);
  const comparisons = compareReportPeriod(spec);
  if (!period || !comparisons) return null;
  const filters: GlobalFilters = { ...global, ...period };
  // the Overview's 同比 (same days a year earlier, none beyond a year), except the festival's lunar window
  const lastYear =
    spec.kind === 'springFestival'
      ? comparisons.lastYear && { ...global, ...comparisons.lastYear }
      : lastYearFilters(filters);
  return { spec, period, filters, previous: { ...global, ...comparisons.previous }, lastYear };
}

export interface BriefingQueries {
  kpi: string;
  kpiPrevious: string;
  kpiLastYear: string | null;
  extra: string;
  extraPrevious: string;
  extraLastYear: string | null;
  /** the repeat-returns view's overall cohort table for each period's filters (its headline rate) */
  cohorts: string;
  cohortsPrevious: string;
  cohortsLastYear: string | null;
  /** monthly cohorts of the 24 months ending with the period, for the trend */
  cohortTrend: string;
  /** Overview's monthly trend with last year's line, twelve months ending with the period */
  trend: string;
  originTable: string;
  originFlows: string;
  homeSplit: string | null;
}

/** The filters of a trend: the `months` months ending with the period's last month. */
export function trendFilters(scope: BriefingScope, months = TREND_MONTHS): GlobalFilters {
  return { ...scope.filters, from: addMonths(`${scope.period.to.slice(0, 7)}-01`, 1 - months) };
}

export function buildBriefingQueries(scope: BriefingScope, home: string | null): BriefingQueries {
  const cohortsOf = (f: GlobalFilters) => buildRepeatReturnQueries(f, DEFAULT_REPEAT_RETURN_PARAMS).cohortsOverall;
  const trend = trendFilters(scope);
  const rateTrend = trendFilters(scope, RATE_TREND_MONTHS);
  const { filters, previous, lastYear } = scope;
  return {
    kpi: buildKpiQuery(filters),
    kpiPrevious: buildKpiQuery(previous),
    kpiLastYear: lastYear && buildKpiQuery(lastYear),
    extra: buildBriefingExtraQuery(filters),
    extraPrevious: buildBriefingExtraQuery(previous),
    extraLastYear: lastYear && buildBriefingExtraQuery(lastYear),
    cohorts: cohortsOf(filters),
    cohortsPrevious: cohortsOf(previous),
    cohortsLastYear: lastYear && cohortsOf(lastYear),
    cohortTrend: cohortsOf(rateTrend),
    trend: buildTrendWithLastYearQuery(trend),
    originTable: buildOriginTableQuery(filters, 'province'),
    originFlows: buildOriginFlowsQuery(filters, 'province', 'district', TOP_FLOWS),
    homeSplit: home ? buildHomeProvinceSplitQuery(filters, home) : null,
  };
}

export type ExtraRow = { mental: number; new_persons: number };

/**
 * Episodes of persons with a mental disorder (group 精神障碍), and new persons: persons of the filtered episodes
 * with no episode found before the period's start anywhere in the data (so a person seen before in another
 * district is not new). A row without person_id is a person of its own (metrics.md Counting), hence new.
 */
export function buildBriefingExtraQuery(f: GlobalFilters): string {
  const before = f.from ? sql`found_at < CAST(${f.from} AS DATE)` : sql`FALSE`;
  return sql`WITH filtered AS (SELECT person_key, groups FROM cases WHERE ${buildCaseFilter(f)}),
    seen_before AS (SELECT DISTINCT person_key, TRUE AS seen FROM cases WHERE ${before})
    SELECT CAST(count(*) FILTER (WHERE list_contains(f.groups, 'mental')) AS INTEGER) AS mental,
      CAST(count(DISTINCT f.person_key) FILTER (WHERE s.seen IS NULL) AS INTEGER) AS new_persons
    FROM filtered f LEFT JOIN seen_before s ON s.person_key = f.person_key`.text;
}
