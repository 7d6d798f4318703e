import {
  buildFrequentReturnerPointsQuery,
  buildFrequentReturnerProfileQuery,
  buildFrequentReturnerSummaryQuery,
  buildFrequentReturnerTrendQuery,
} from '../../core/analytics/frequent-returners';
import {
  buildCohortRateQuery,
  buildReturnHistogramQuery,
  buildTimeToReturnQuery,
  COHORT_GRANULARITIES,
  DEFAULT_RETURN_WINDOW,
  RETURN_SPLITS,
  RETURN_WINDOWS,
  type CohortGranularity,
  type RepeatReturnOptions,
  type ReturnSplit,
  type ReturnWindow,
} from '../../core/analytics/repeat-returns';
import type { GlobalFilters } from '../../core/filters';
import { raw, sql } from '../../core/sql/sql';

/** The view's own settings; they live in the URL (UrlState.params) under the keys of REPEAT_RETURN_PARAM_KEYS. */
export interface RepeatReturnParams {
  window: ReturnWindow;
  granularity: CohortGranularity;
  split: ReturnSplit;
  /** cohort periods for the time-to-return figures, as any day in the first / last period */
  periodFrom: string | null;
  periodTo: string | null;
}

export const DEFAULT_REPEAT_RETURN_PARAMS: RepeatReturnParams = {
  window: DEFAULT_RETURN_WINDOW,
  granularity: 'month',
  split: 'none',
  periodFrom: null,
  periodTo: null,
};

export const REPEAT_RETURN_PARAM_KEYS = {
  window: 'rr.w',
  granularity: 'rr.g',
  split: 'rr.split',
  periodFrom: 'rr.from',
  periodTo: 'rr.to',
};

/** Time-to-return curves and histograms stop at the longest window (two years). */
export const RETURN_HORIZON_DAYS = Math.max(...RETURN_WINDOWS);
export const HISTOGRAM_BIN_DAYS = 30;

export function parseRepeatReturnParams(params: Record<string, string>): RepeatReturnParams {
  const d = DEFAULT_REPEAT_RETURN_PARAMS;
  const window = RETURN_WINDOWS.find((w) => String(w) === params[REPEAT_RETURN_PARAM_KEYS.window]) ?? d.window;
  const granularity =
    COHORT_GRANULARITIES.find((g) => g === params[REPEAT_RETURN_PARAM_KEYS.granularity]) ?? d.granularity;
  const split = RETURN_SPLITS.find((s) => s === params[REPEAT_RETURN_PARAM_KEYS.split]) ?? d.split;
  return {
    window,
    granularity,
    split,
    periodFrom: validDay(params[REPEAT_RETURN_PARAM_KEYS.periodFrom]),
    periodTo: validDay(params[REPEAT_RETURN_PARAM_KEYS.periodTo]),
  };
}

/** Only settings that differ from the defaults, so links stay short. */
export function serializeRepeatReturnParams(p: RepeatReturnParams): Record<string, string> {
  const out: Record<string, string> = {};
  const d = DEFAULT_REPEAT_RETURN_PARAMS;
  if (p.window !== d.window) out[REPEAT_RETURN_PARAM_KEYS.window] = String(p.window);
  if (p.granularity !== d.granularity) out[REPEAT_RETURN_PARAM_KEYS.granularity] = p.granularity;
  if (p.split !== d.split) out[REPEAT_RETURN_PARAM_KEYS.split] = p.split;
  if (p.periodFrom) out[REPEAT_RETURN_PARAM_KEYS.periodFrom] = p.periodFrom;
  if (p.periodTo) out[REPEAT_RETURN_PARAM_KEYS.periodTo] = p.periodTo;
  return out;
}

function validDay(s: string | undefined): string | null {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}

/**
 * Every query the view declares, by the name it asks for it (and the bench measures). Queries with the same
 * text (the overall figures when there is no split) are asked once: the coordinator caches by text.
 */
export interface RepeatReturnQueries {
  /** every window at once, so switching the window asks nothing new */
  cohorts: string;
  /** the same without a split */
  cohortsOverall: string;
  timeToReturn: string;
  timeToReturnOverall: string;
  /** days to return of all members (the view shows it without a split) */
  histogram: string;
  frequentSummary: string;
  frequentTrend: string;
  frequentOrigins: string;
  frequentGroups: string;
  /** the frequent returners' places counted per map cell in SQL, so the page never holds every episode */
  frequentPlaces: string;
}

/** Map cells of the frequent returners' places: 0.005° (about 430 × 560 m in Beijing), at most this many. */
export const PLACE_BIN_DEGREES = 0.005;
export const PLACE_BIN_LIMIT = 5000;

/** The SQL the view asks, for the global filters and its settings. */
export function buildRepeatReturnQueries(filters: GlobalFilters, p: RepeatReturnParams): RepeatReturnQueries {
  const all: RepeatReturnOptions = { filters, granularity: p.granularity, split: p.split };
  const selected: RepeatReturnOptions = { ...all, periodFrom: p.periodFrom, periodTo: p.periodTo };
  return {
    cohorts: buildCohortRateQuery(all),
    cohortsOverall: buildCohortRateQuery({ ...all, split: 'none' }),
    timeToReturn: buildTimeToReturnQuery(selected, RETURN_HORIZON_DAYS),
    timeToReturnOverall: buildTimeToReturnQuery({ ...selected, split: 'none' }, RETURN_HORIZON_DAYS),
    histogram: buildReturnHistogramQuery({ ...selected, split: 'none' }, HISTOGRAM_BIN_DAYS, RETURN_HORIZON_DAYS),
    frequentSummary: buildFrequentReturnerSummaryQuery(filters),
    frequentTrend: buildFrequentReturnerTrendQuery(filters),
    frequentOrigins: buildFrequentReturnerProfileQuery(filters, 'province'),
    frequentGroups: buildFrequentReturnerProfileQuery(filters, 'group'),
    frequentPlaces: buildFrequentPlaceBinsQuery(filters),
  };
}

/**
 * The places of frequent returners (episodes passing the filters, with coordinates) counted per square cell of
 * `binDegrees`: cell centre lon/lat, `episodes`, distinct `persons`, and `cells_total` (all cells, before the
 * limit). Busiest cells first, at most `limit`.
 */
export function buildFrequentPlaceBinsQuery(
  filters: GlobalFilters,
  binDegrees = PLACE_BIN_DEGREES,
  limit = PLACE_BIN_LIMIT,
): string {
  if (!(binDegrees > 0) || !(Number.isInteger(limit) && limit > 0)) {
    throw new Error('buildFrequentPlaceBinsQuery: binDegrees and limit must be positive');
  }
  const places = raw(buildFrequentReturnerPointsQuery(filters));
  return sql`SELECT round((floor(lon / ${binDegrees}) + 0.5) * ${binDegrees}, 6) AS lon,
      round((floor(lat / ${binDegrees}) + 0.5) * ${binDegrees}, 6) AS lat,
      CAST(count(*) AS INTEGER) AS episodes,
      CAST(count(DISTINCT person_no) AS INTEGER) AS persons,
      CAST(count(*) OVER () AS INTEGER) AS cells_total
    FROM (${places}) GROUP BY 1, 2
    ORDER BY episodes DESC, persons DESC, lon, lat
    LIMIT ${limit}`.text;
}

/* Rows as the connector returns them (DATE and TIMESTAMP as epoch ms); type aliases so they fit Row. */

export type CohortRateRow = {
  period_start: number;
  period: string;
  split_value: string;
  window_days: number;
  cohort: number;
  returned: number;
  not_linkable: number;
  follow_up_end: number;
  complete: boolean;
  data_last_day: number;
};

export type TimeToReturnRow = {
  split_value: string;
  days: number;
  events: number;
  censored: number;
};

export type ReturnHistogramRow = {
  split_value: string;
  bin_start: number;
  bin_end: number;
  persons: number;
};

export type FrequentSummaryRow = {
  persons: number;
  anchors: number;
};

export type FrequentTrendRow = {
  month_start: number;
  persons: number;
  new_persons: number;
};

export type FrequentProfileRow = {
  split_value: string;
  persons: number;
};

export type FrequentPlaceBinRow = {
  lon: number;
  lat: number;
  episodes: number;
  persons: number;
  cells_total: number;
};
