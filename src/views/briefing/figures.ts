import { comparePeriods, type PeriodChange } from '../../core/analytics/period-change';
import type { DataSpan, Period } from '../../core/calendar/periods';
import type { GlobalFilters } from '../../core/filters';
import type { KpiRow } from '../overview/layers';
import { buildCohortCells } from '../repeat-returns/layers';
import type { CohortRateRow } from '../repeat-returns/queries';
import { summarizeCohorts } from '../repeat-returns/view-data';
import type { ExtraRow } from './queries';

/** The repeat-return window of the briefing's rate: the repeat-returns view's default and headline. */
export const BRIEFING_RETURN_WINDOW = 365;

/** The figures of one period, each as its view computes it. */
export interface PeriodFigures {
  episodes: number;
  persons: number;
  newPersons: number;
  minors: number;
  elderly: number;
  mental: number;
  returnedHome: number;
  medianStay: number | null;
  /** the repeat-returns view's headline: returned / cohort over the complete monthly cohorts; null without one */
  returnRate: number | null;
  returnCohort: number;
  returned: number;
  /** cohorts of the period still in follow-up (their rate is not known yet) */
  incompleteCohorts: number;
}

export function buildPeriodFigures(kpi: KpiRow, extra: ExtraRow, cohorts: readonly CohortRateRow[]): PeriodFigures {
  const summary = summarizeCohorts(buildCohortCells(cohorts, BRIEFING_RETURN_WINDOW));
  return {
    episodes: kpi.episodes,
    persons: kpi.persons,
    newPersons: extra.new_persons,
    minors: kpi.minors,
    elderly: kpi.elderly,
    mental: extra.mental,
    returnedHome: kpi.returned_home,
    medianStay: kpi.median_stay_days,
    returnRate: summary.rate,
    returnCohort: summary.completeCohort,
    returned: summary.returned,
    incompleteCohorts: summary.incompletePeriods,
  };
}

export const TILE_IDS = [
  'episodes',
  'persons',
  'newPersons',
  'minors',
  'elderly',
  'mental',
  'returnedHome',
  'returnRate',
  'medianStay',
] as const;
export type TileId = (typeof TILE_IDS)[number];
export type TileKind = 'count' | 'rate' | 'days';

export const TILE_KIND: Record<TileId, TileKind> = {
  episodes: 'count',
  persons: 'count',
  newPersons: 'count',
  minors: 'count',
  elderly: 'count',
  mental: 'count',
  returnedHome: 'count',
  returnRate: 'rate',
  medianStay: 'days',
};

/** A tile's figure in the period and in a comparison period. */
export interface TileValue {
  value: number | null;
  /** the count the figure stands on: itself for counts, the cohort for the rate, the episodes for the median */
  base: number;
  /** the rate's numerator (returned), for disclosure */
  part: number | null;
}

export interface Tile {
  id: TileId;
  kind: TileKind;
  current: TileValue;
  previous: TileValue | null;
  lastYear: TileValue | null;
  /** 环比 and 同比; for the rate the change is in percentage points (`ratio` holds the difference) */
  vsPrevious: PeriodChange;
  vsLastYear: PeriodChange | null;
}

function valueOf(f: PeriodFigures, id: TileId): TileValue {
  switch (id) {
    case 'returnRate':
      return { value: f.returnRate, base: f.returnCohort, part: f.returned };
    case 'medianStay':
      return { value: f.medianStay, base: f.episodes, part: null };
    default:
      return { value: f[id], base: f[id], part: null };
  }
}

/**
 * The change of a tile against a comparison period: comparePeriods (no data, a base period partly before the
 * data, a base of zero); a rate's change is its difference in percentage points, never a ratio of ratios.
 */
function changeOf(kind: TileKind, current: TileValue, base: TileValue | null, coverage: Period, span: DataSpan) {
  const c = comparePeriods(current.value, base?.value ?? null, {
    ...coverage,
    dataFirst: span.first,
    dataLast: span.last,
  });
  if (kind !== 'rate' || current.value === null || base?.value == null) return c;
  if (c.kind === 'change' || c.kind === 'fromZero')
    return { kind: 'change', ratio: current.value - base.value } as const;
  return c;
}

export interface BriefingComparison {
  previous: { period: Period; figures: PeriodFigures | null };
  lastYear: { period: Period; figures: PeriodFigures | null } | null;
}

export function buildTiles(current: PeriodFigures, comparison: BriefingComparison, span: DataSpan): Tile[] {
  return TILE_IDS.map((id) => {
    const kind = TILE_KIND[id];
    const now = valueOf(current, id);
    const prev = comparison.previous.figures ? valueOf(comparison.previous.figures, id) : null;
    const ly = comparison.lastYear?.figures ? valueOf(comparison.lastYear.figures, id) : null;
    return {
      id,
      kind,
      current: now,
      previous: prev,
      lastYear: ly,
      vsPrevious: changeOf(kind, now, prev, comparison.previous.period, span),
      vsLastYear: comparison.lastYear ? changeOf(kind, now, ly, comparison.lastYear.period, span) : null,
    };
  });
}

/** The period a comparison's filters hold. */
export function periodOf(f: GlobalFilters): Period {
  return { from: f.from ?? '', to: f.to ?? '' };
}
