import { SPLIT_ALL } from '../../core/analytics/repeat-returns';
import type { CohortCell, SurvivalSeries } from './layers';
import type { CohortRateRow } from './queries';

/** Headline numbers of the cohort table for one window (cells of the overall, unsplit table). */
export interface CohortSummary {
  /** persons sent home, summed over the cohorts (a person once per cohort) */
  sentHome: number;
  /** cohorts whose follow-up is complete, and their persons */
  completePeriods: number;
  completeCohort: number;
  /** found again within the window, in the complete cohorts only */
  returned: number;
  /** returned / completeCohort; null without a complete, non-empty cohort */
  rate: number | null;
  incompletePeriods: number;
  /** exits to home without a person id, all cohorts */
  notLinkable: number;
}

export function summarizeCohorts(cells: readonly CohortCell[]): CohortSummary {
  const s: CohortSummary = {
    sentHome: 0,
    completePeriods: 0,
    completeCohort: 0,
    returned: 0,
    rate: null,
    incompletePeriods: 0,
    notLinkable: 0,
  };
  const complete = new Set<string>();
  const incomplete = new Set<string>();
  for (const c of cells) {
    s.sentHome += c.cohort;
    s.notLinkable += c.notLinkable;
    if (c.complete) {
      complete.add(c.period);
      s.completeCohort += c.cohort;
      s.returned += c.returned;
    } else {
      incomplete.add(c.period);
    }
  }
  s.completePeriods = complete.size;
  s.incompletePeriods = incomplete.size;
  s.rate = s.completeCohort > 0 ? s.returned / s.completeCohort : null;
  return s;
}

export interface PeriodOption {
  /** first day of the period, 'YYYY-MM-DD' (what the rr.from / rr.to URL keys hold) */
  value: string;
  label: string;
}

/** The cohort periods of the table, oldest first, for choosing the cohorts of the time-to-return figures. */
export function listCohortPeriods(rows: readonly CohortRateRow[]): PeriodOption[] {
  const seen = new Map<number, string>();
  for (const r of rows) if (!seen.has(r.period_start)) seen.set(r.period_start, r.period);
  return [...seen.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, label]) => ({ value: new Date(start).toISOString().slice(0, 10), label }));
}

/**
 * The curves to draw: the overall one first, then the largest split values with at least `minPersons`
 * observations (smaller groups give bands too wide to read), at most `maxSplits` of them.
 */
export function pickSurvivalSeries(
  overall: readonly SurvivalSeries[],
  bySplit: readonly SurvivalSeries[] | null,
  maxSplits = 4,
  minPersons = 30,
): SurvivalSeries[] {
  const all = overall.find((s) => s.split === SPLIT_ALL) ?? overall[0];
  const splits = (bySplit ?? [])
    .filter((s) => s.split !== SPLIT_ALL && s.persons >= minPersons)
    .sort((a, b) => b.persons - a.persons || a.split.localeCompare(b.split))
    .slice(0, maxSplits);
  return all ? [all, ...splits] : splits;
}

export type SurvivalChartPoint = { day: number } & Record<string, number | [number, number] | null>;

/**
 * One point per whole day 0…maxDay with, for series i, `cum_i` (cumulative share found again), `band_i`
 * ([low, high] of the 95 % band) and `risk_i` (persons still observed) carried forward from the last KM step,
 * so one shared x axis and tooltip serve all curves; null after a series' last step (nothing observed there).
 */
export function buildSurvivalChartData(series: readonly SurvivalSeries[], maxDay: number): SurvivalChartPoint[] {
  const points: SurvivalChartPoint[] = [];
  const state = series.map(() => ({ point: -1, step: 0, gone: 0 }));
  for (let day = 0; day <= maxDay; day++) {
    const p: SurvivalChartPoint = { day };
    series.forEach((s, i) => {
      const st = state[i]!;
      while (st.point + 1 < s.points.length && s.points[st.point + 1]!.day <= day) st.point++;
      // the KM risk set at `day`: observations whose time is ≥ day
      while (st.step < s.steps.length && s.steps[st.step]!.time < day) {
        st.gone += s.steps[st.step]!.events + s.steps[st.step]!.censored;
        st.step++;
      }
      const last = s.points[s.points.length - 1];
      const at = s.points[st.point];
      const live = at !== undefined && last !== undefined && day <= last.day;
      p[`cum_${i}`] = live ? at.returned : null;
      p[`band_${i}`] = live ? at.band : null;
      p[`risk_${i}`] = live ? s.persons - st.gone : null;
    });
    points.push(p);
  }
  return points;
}

/** Classes of a map cell by the frequent returners' episodes in it: 1–2, 3–5, 6–10, 11–20, 21+. */
export const PLACE_CLASS_BREAKS = [1, 3, 6, 11, 21] as const;
/** ColorBrewer YlOrRd, the five darker steps of 7, so the lightest class still shows on the base map. */
export const PLACE_CLASS_COLORS: readonly [number, number, number][] = [
  [254, 178, 76],
  [253, 141, 60],
  [252, 78, 42],
  [227, 26, 28],
  [177, 0, 38],
];

export function classifyPlaceBin(episodes: number): number {
  let k = 0;
  while (k + 1 < PLACE_CLASS_BREAKS.length && episodes >= PLACE_CLASS_BREAKS[k + 1]!) k++;
  return k;
}

export function placeClassLabels(): string[] {
  return PLACE_CLASS_BREAKS.map((b, i) => {
    const next = PLACE_CLASS_BREAKS[i + 1];
    return next === undefined ? `${b}+` : next - 1 === b ? `${b}` : `${b}–${next - 1}`;
  });
}

/** Circle radius in metres: grows with √episodes, never wider than a 0.005° cell (~430 m across). */
export function placeBinRadius(episodes: number): number {
  return Math.min(240, 110 + 40 * Math.sqrt(Math.max(0, episodes)));
}

/** Share-axis ticks 0, step, 2·step… covering `max` (a share, 0…1), with a round step of whole percents. */
export function listPercentTicks(max: number, target = 5): number[] {
  const top = Number.isFinite(max) && max > 0 ? Math.min(max, 1) : 0.1;
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25].find((s) => top / s <= target) ?? 0.25;
  const n = Math.ceil(top / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Math.round(i * step * 100) / 100);
}

/** The largest number under `keys` over the points (null and non-numbers skipped; ranges by their high end). */
export function maxOfKeys(points: readonly Record<string, unknown>[], keys: readonly string[]): number {
  let max = 0;
  for (const p of points) {
    for (const k of keys) {
      const v = p[k];
      const x = Array.isArray(v) ? v[1] : v;
      if (typeof x === 'number' && x > max) max = x;
    }
  }
  return max;
}
