import { computeKaplanMeier, type KaplanMeierStep } from '../../core/analytics/kaplan-meier';
import { SPLIT_ALL, SPLIT_NO_GROUP, SPLIT_UNKNOWN } from '../../core/analytics/repeat-returns';
import type { RepeatReturnTranslate } from './messages';
import type { CohortRateRow, FrequentTrendRow, ReturnHistogramRow, TimeToReturnRow } from './queries';

/** Split values beyond the largest `maxSeries` are summed into this one (counts add; for groups, persons may repeat). */
export const SPLIT_OTHER = '__other';

/** One cohort × split value for the chosen window. A rate exists only once follow-up is complete. */
export interface CohortCell {
  period: string;
  periodStart: number;
  split: string;
  windowDays: number;
  cohort: number;
  returned: number;
  notLinkable: number;
  complete: boolean;
  followUpEnd: number;
  /** returned / cohort when follow-up is complete and the cohort is not empty, else null */
  rate: number | null;
  /** returned so far / cohort while follow-up is incomplete, else null: never to be read as a rate */
  partialRate: number | null;
}

export function buildCohortCells(rows: readonly CohortRateRow[], windowDays: number): CohortCell[] {
  return rows
    .filter((r) => r.window_days === windowDays)
    .map((r) =>
      toCell(
        r.period,
        r.period_start,
        r.split_value,
        windowDays,
        r.cohort,
        r.returned,
        r.not_linkable,
        r.complete,
        r.follow_up_end,
      ),
    );
}

function toCell(
  period: string,
  periodStart: number,
  split: string,
  windowDays: number,
  cohort: number,
  returned: number,
  notLinkable: number,
  complete: boolean,
  followUpEnd: number,
): CohortCell {
  const share = cohort > 0 ? returned / cohort : null;
  return {
    period,
    periodStart,
    split,
    windowDays,
    cohort,
    returned,
    notLinkable,
    complete,
    followUpEnd,
    rate: complete ? share : null,
    partialRate: complete ? null : share,
  };
}

export interface ChartSeries {
  split: string;
  /** cohort persons (or returned persons for histograms) over all periods, for ordering and legends */
  total: number;
  /** data keys in the points: `rate_i` solid line, `partial_i` dashed / hatched, `cohort_i` and `returned_i` for tooltips */
  rateKey: string;
  partialKey: string;
  cohortKey: string;
  returnedKey: string;
}

export type CohortChartPoint = { period: string; periodStart: number; complete: boolean } & Record<
  string,
  string | number | boolean | null
>;

export interface CohortChartData {
  points: CohortChartPoint[];
  series: ChartSeries[];
  /** exits without person id in the shown cohorts (not in any rate) */
  notLinkable: number;
}

/**
 * Recharts data for the cohort chart: one point per period; per series a complete rate key and a separate
 * partial key, so incomplete cohorts are drawn apart and never on the rate line. Keys are indexed
 * (`rate_0`), never the split value itself, because recharts reads dotted keys as paths.
 */
export function buildCohortChartData(cells: readonly CohortCell[], maxSeries = 8): CohortChartData {
  const merged = mergeSmallSplits(cells, maxSeries);
  const totals = new Map<string, number>();
  for (const c of merged) totals.set(c.split, (totals.get(c.split) ?? 0) + c.cohort);
  const order = [...totals.keys()].sort((a, b) => rankSplit(a, b, totals));
  const series = order.map((split, i) => ({
    split,
    total: totals.get(split) ?? 0,
    rateKey: `rate_${i}`,
    partialKey: `partial_${i}`,
    cohortKey: `cohort_${i}`,
    returnedKey: `returned_${i}`,
  }));
  const index = new Map(series.map((s) => [s.split, s]));
  const points = new Map<string, CohortChartPoint>();
  for (const c of [...merged].sort((a, b) => a.periodStart - b.periodStart)) {
    const p = points.get(c.period) ?? { period: c.period, periodStart: c.periodStart, complete: c.complete };
    const s = index.get(c.split)!;
    p[s.rateKey] = c.rate;
    p[s.partialKey] = c.partialRate;
    p[s.cohortKey] = c.cohort;
    p[s.returnedKey] = c.returned;
    points.set(c.period, p);
  }
  return { points: [...points.values()], series, notLinkable: merged.reduce((n, c) => n + c.notLinkable, 0) };
}

/** Largest splits first; 'other' and 'unknown' last. */
function rankSplit(a: string, b: string, totals: Map<string, number>): number {
  const tail = (s: string) => (s === SPLIT_OTHER ? 2 : s === SPLIT_UNKNOWN ? 1 : 0);
  return tail(a) - tail(b) || (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b);
}

function mergeSmallSplits(cells: readonly CohortCell[], maxSeries: number): CohortCell[] {
  const totals = new Map<string, number>();
  for (const c of cells) totals.set(c.split, (totals.get(c.split) ?? 0) + c.cohort + c.notLinkable);
  if (totals.size <= maxSeries) return [...cells];
  // 'unknown' always keeps its own series (metrics.md: unknown origins are never hidden).
  const hasUnknown = totals.has(SPLIT_UNKNOWN);
  const named = [...totals.keys()]
    .filter((s) => s !== SPLIT_UNKNOWN)
    .sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b))
    .slice(0, Math.max(0, maxSeries - 1 - (hasUnknown ? 1 : 0)));
  const keep = new Set(hasUnknown ? [...named, SPLIT_UNKNOWN] : named);
  const out: CohortCell[] = [];
  const other = new Map<string, CohortCell>();
  for (const c of cells) {
    if (keep.has(c.split)) {
      out.push(c);
      continue;
    }
    const o = other.get(c.period);
    const cohort = (o?.cohort ?? 0) + c.cohort;
    const returned = (o?.returned ?? 0) + c.returned;
    const notLinkable = (o?.notLinkable ?? 0) + c.notLinkable;
    other.set(
      c.period,
      toCell(
        c.period,
        c.periodStart,
        SPLIT_OTHER,
        c.windowDays,
        cohort,
        returned,
        notLinkable,
        c.complete,
        c.followUpEnd,
      ),
    );
  }
  return [...out, ...other.values()];
}

export interface SurvivalPoint {
  day: number;
  /** cumulative share found again, 1 − S(day) */
  returned: number;
  /** 95 % band of the cumulative share [low, high] (recharts Area range), null where undefined */
  band: [number, number] | null;
  atRisk: number;
}

export interface SurvivalSeries {
  split: string;
  persons: number;
  steps: KaplanMeierStep[];
  /** step points for a recharts Line / Area with type="stepAfter", starting at day 0 */
  points: SurvivalPoint[];
}

/** Kaplan–Meier curves per split value from the aggregated time-to-return rows. */
export function buildSurvivalSeries(rows: readonly TimeToReturnRow[]): SurvivalSeries[] {
  const bySplit = new Map<string, TimeToReturnRow[]>();
  for (const r of rows) bySplit.set(r.split_value, [...(bySplit.get(r.split_value) ?? []), r]);
  const out: SurvivalSeries[] = [];
  for (const [split, rs] of bySplit) {
    const steps = computeKaplanMeier(
      rs.flatMap((r) => [
        { time: r.days, event: true, count: r.events },
        { time: r.days, event: false, count: r.censored },
      ]),
    );
    const persons = rs.reduce((n, r) => n + r.events + r.censored, 0);
    out.push({ split, persons, steps, points: toSurvivalPoints(steps, persons) });
  }
  return out.sort((a, b) => b.persons - a.persons || a.split.localeCompare(b.split));
}

function toSurvivalPoints(steps: readonly KaplanMeierStep[], persons: number): SurvivalPoint[] {
  const points: SurvivalPoint[] = [];
  if (steps[0]?.time !== 0) points.push({ day: 0, returned: 0, band: [0, 0], atRisk: persons });
  for (const s of steps) {
    const band: [number, number] | null = s.lower !== null && s.upper !== null ? [1 - s.upper, 1 - s.lower] : null;
    points.push({ day: s.time, returned: s.cumulative, band, atRisk: s.atRisk });
  }
  return points;
}

export type HistogramPoint = { binStart: number; binEnd: number; label: string } & Record<string, string | number>;

/**
 * Histogram bars (binStart, binEnd] with empty bins filled with 0 up to `maxDays`; series keys `n_i` in the
 * order of `splits` (or by size when not given).
 */
export function buildHistogramData(
  rows: readonly ReturnHistogramRow[],
  binDays: number,
  maxDays: number,
  t: RepeatReturnTranslate,
): { points: HistogramPoint[]; series: { split: string; key: string; total: number }[] } {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.split_value, (totals.get(r.split_value) ?? 0) + r.persons);
  const series = [...totals.keys()]
    .sort((a, b) => rankSplit(a, b, totals))
    .map((split, i) => ({ split, key: `n_${i}`, total: totals.get(split) ?? 0 }));
  const points: HistogramPoint[] = [];
  for (let start = 0; start < maxDays; start += binDays) {
    const end = Math.min(start + binDays, maxDays);
    const p: HistogramPoint = {
      binStart: start,
      binEnd: end,
      label: t('rr.hist.bin', { from: start + 1, to: end }),
    };
    for (const s of series) p[s.key] = 0;
    points.push(p);
  }
  const key = new Map(series.map((s) => [s.split, s.key]));
  for (const r of rows) {
    const p = points[Math.floor(r.bin_start / binDays)];
    if (p && p.binStart === r.bin_start) p[key.get(r.split_value)!] = r.persons;
  }
  return { points, series };
}

/** Months between the first and last row, missing months as zeros. */
export function fillFrequentTrend(rows: readonly FrequentTrendRow[]): FrequentTrendRow[] {
  if (rows.length === 0) return [];
  const byMonth = new Map(rows.map((r) => [r.month_start, r]));
  const out: FrequentTrendRow[] = [];
  const last = rows[rows.length - 1]!.month_start;
  for (
    let d = new Date(rows[0]!.month_start);
    d.getTime() <= last;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  ) {
    out.push(byMonth.get(d.getTime()) ?? { month_start: d.getTime(), persons: 0, new_persons: 0 });
  }
  return out;
}

/** Plain data for a deck.gl ScatterplotLayer (getPosition: d => d.position). */
/** Built-in names of the special split values; origin codes, stations etc. pass through `splitLabel`. */
export function labelSplitValue(value: string, t: RepeatReturnTranslate): string {
  if (value === SPLIT_ALL) return t('rr.value.all');
  if (value === SPLIT_UNKNOWN) return t('rr.value.unknown');
  if (value === SPLIT_NO_GROUP) return t('rr.value.none');
  if (value === SPLIT_OTHER) return t('rr.value.other');
  return value;
}
