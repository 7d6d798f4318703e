import type { Gb2260Index } from '../../core/geo/gb2260';
import { buildTrendSeries, type TrendRow } from '../overview/layers';
import type { HomeSplitRow, OriginTableRow } from '../origins/queries';
import { buildCohortCells, type CohortCell } from '../repeat-returns/layers';
import type { CohortRateRow } from '../repeat-returns/queries';
import { BRIEFING_RETURN_WINDOW } from './figures';

/** An origin region of the briefing's list: a province of the origins view's table. */
export interface OriginItem {
  region: string;
  name: string;
  episodes: number;
  persons: number;
  /** of the period's episodes */
  share: number;
}

/** The regions with most episodes (known origins; the unknown origin is in the 本省籍/外省籍/无法查明 line). */
export function listTopOrigins(
  rows: readonly OriginTableRow[],
  index: Gb2260Index | null,
  n: number,
  lang: 'zh' | 'en',
): OriginItem[] {
  const total = rows.find((r) => r.is_total)?.episodes ?? 0;
  return rows
    .filter((r) => !r.is_total && r.region !== null && r.episodes > 0)
    .sort((a, b) => b.episodes - a.episodes || (a.region! < b.region! ? -1 : 1))
    .slice(0, n)
    .map((r) => {
      const unit = index?.get(r.region!);
      return {
        region: r.region!,
        name: (lang === 'en' ? unit?.nameEn : unit?.name) ?? unit?.name ?? r.region!,
        episodes: r.episodes,
        persons: r.persons,
        share: total > 0 ? r.episodes / total : 0,
      };
    });
}

/** 本省籍, 外省籍, 无法查明 episodes, in that order (the origins view's split). */
export function readHomeSplit(rows: readonly HomeSplitRow[]): [number, number, number] {
  const of = (side: HomeSplitRow['side']) => rows.find((r) => r.side === side)?.episodes ?? 0;
  return [of('in'), of('out'), of('unknown')];
}

export interface RateTrendPoint {
  month: number;
  /** the 365-day rate of a cohort whose follow-up is complete */
  rate: number | null;
  /** the share returned so far of a cohort still in follow-up (drawn apart, never as the rate) */
  partial: number | null;
  cohort: number;
  returned: number;
}

/** The monthly exit cohorts of the trend, as the repeat-returns view's cohort chart reads them. */
export function buildRateTrend(rows: readonly CohortRateRow[]): RateTrendPoint[] {
  return buildCohortCells(rows, BRIEFING_RETURN_WINDOW)
    .sort((a, b) => a.periodStart - b.periodStart)
    .map((c: CohortCell) => ({
      month: c.periodStart,
      rate: c.rate,
      partial: c.partialRate,
      cohort: c.cohort,
      returned: c.returned,
    }));
}

/** The latest monthly cohort whose follow-up is complete and that has members. */
export function findLatestCompleteRate(points: readonly RateTrendPoint[]): RateTrendPoint | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i]!.rate !== null && points[i]!.cohort > 0) return points[i]!;
  return null;
}

/** The Overview's trend series for the months of the trend filters (`from` = its first month). */
export function buildEpisodeTrend(rows: readonly TrendRow[], from: string | null) {
  return buildTrendSeries([...rows], from);
}
