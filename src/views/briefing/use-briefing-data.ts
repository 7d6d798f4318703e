import { useMemo } from 'react';
import type { DataSpan } from '../../core/calendar/periods';
import { useQuery } from '../shared/use-query';
import type { KpiRow, TrendRow } from '../overview/layers';
import type { HomeSplitRow, OriginFlowRow, OriginTableRow } from '../origins/queries';
import type { CohortRateRow } from '../repeat-returns/queries';
import { buildPeriodFigures, buildTiles, periodOf, type PeriodFigures, type Tile } from './figures';
import { buildBriefingQueries, trendFilters, type BriefingScope, type ExtraRow } from './queries';
import { buildEpisodeTrend, buildRateTrend, readHomeSplit, type RateTrendPoint } from './view-model';
import type { TrendPoint } from '../overview/layers';

type R<T> = T & Record<string, unknown>;

export interface BriefingData {
  loading: boolean;
  error: string | null;
  current: PeriodFigures | null;
  tiles: Tile[] | null;
  trend: TrendPoint[] | null;
  rateTrend: RateTrendPoint[] | null;
  origins: OriginTableRow[] | null;
  flows: OriginFlowRow[] | null;
  /** 本省籍, 外省籍, 无法查明 episodes */
  homeSplit: [number, number, number] | null;
}

/** One period's figures from its three answers, once all have arrived. */
function usePeriodFigures(
  id: string,
  kpiSql: string | null,
  extraSql: string | null,
  cohortSql: string | null,
): { figures: PeriodFigures | null; loading: boolean; error: string | null } {
  const kpi = useQuery<R<KpiRow>>(`bf.kpi.${id}`, kpiSql);
  const extra = useQuery<R<ExtraRow>>(`bf.extra.${id}`, extraSql);
  const cohorts = useQuery<R<CohortRateRow>>(`bf.cohorts.${id}`, cohortSql);
  const figures = useMemo(() => {
    const k = kpi.rows?.[0];
    const e = extra.rows?.[0];
    return k && e && cohorts.rows ? buildPeriodFigures(k, e, cohorts.rows) : null;
  }, [kpi.rows, extra.rows, cohorts.rows]);
  return {
    figures,
    loading: kpi.loading || extra.loading || cohorts.loading,
    error: kpi.error ?? extra.error ?? cohorts.error,
  };
}

/** Everything on the briefing page but the hot spots, for the scope's period and its comparisons. */
export function useBriefingData(
  scope: BriefingScope,
  home: string | null,
  originsReady: boolean,
  span: DataSpan | null,
): BriefingData {
  const q = useMemo(() => buildBriefingQueries(scope, home), [scope, home]);
  const current = usePeriodFigures('current', q.kpi, q.extra, q.cohorts);
  const previous = usePeriodFigures('previous', q.kpiPrevious, q.extraPrevious, q.cohortsPrevious);
  const lastYear = usePeriodFigures('lastYear', q.kpiLastYear, q.extraLastYear, q.cohortsLastYear);
  const trend = useQuery<R<TrendRow>>('bf.trend', q.trend);
  const cohortTrend = useQuery<R<CohortRateRow>>('bf.cohortTrend', q.cohortTrend);
  const on = (sql: string | null) => (originsReady ? sql : null);
  const origins = useQuery<OriginTableRow>('bf.origins', on(q.originTable));
  const flows = useQuery<R<OriginFlowRow>>('bf.flows', on(q.originFlows));
  const split = useQuery<R<HomeSplitRow>>('bf.homeSplit', on(q.homeSplit));

  const tiles = useMemo(() => {
    if (!current.figures || !previous.figures || !span) return null;
    if (scope.lastYear && !lastYear.figures) return null;
    return buildTiles(
      current.figures,
      {
        previous: { period: periodOf(scope.previous), figures: previous.figures },
        lastYear: scope.lastYear ? { period: periodOf(scope.lastYear), figures: lastYear.figures } : null,
      },
      span,
    );
  }, [current.figures, previous.figures, lastYear.figures, scope, span]);
  const trendFrom = trendFilters(scope).from;
  const trendSeries = useMemo(
    () => (trend.rows ? buildEpisodeTrend(trend.rows, trendFrom) : null),
    [trend.rows, trendFrom],
  );
  const rateTrend = useMemo(() => (cohortTrend.rows ? buildRateTrend(cohortTrend.rows) : null), [cohortTrend.rows]);
  const homeSplit = useMemo(() => (split.rows ? readHomeSplit(split.rows) : null), [split.rows]);
  return {
    loading: tiles === null || trend.loading || cohortTrend.loading,
    error:
      current.error ??
      previous.error ??
      lastYear.error ??
      trend.error ??
      cohortTrend.error ??
      origins.error ??
      flows.error ??
      split.error,
    current: current.figures,
    tiles,
    trend: trendSeries,
    rateTrend,
    origins: origins.rows,
    flows: flows.rows,
    homeSplit,
  };
}
