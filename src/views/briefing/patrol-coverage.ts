import { useMemo } from 'react';
import type { GlobalFilters } from '../../core/filters';
import type { CoverageResult } from '../../core/patrols/patrol-analysis';
import { sql } from '../../core/sql/sql';
import { useQuery } from '../shared/use-query';
import type { HotspotSettings } from '../hotspots/hotspot-settings';
import type { HotspotCell } from '../hotspots/layers';
import { DEFAULT_PATROL_SETTINGS } from '../patrols/patrol-settings';
import { usePatrolBasis, usePatrolCoverage } from '../patrols/use-patrol-coverage';

/*
 * Patrol coverage of the briefing's hot cells (巡查覆盖, metrics.md "Patrol coverage"), through the 巡查覆盖 view's own
 * hooks: its passes and coverage on the hot spot grid (the same study area and cells), for the briefing's period,
 * every team, every hour, in patrol-days. The tile shows only when patrol tracks exist in the period.
 */

export interface HotCellCoverage {
  /** the significant hot cells of the period */
  hotCells: number;
  /** of them, cells with a pass on at least one day of the period */
  patrolled: number;
  /** mean coverage rate over the hot cells: Σ covered days ÷ (hot cells × days in the period) */
  rate: number | null;
}

/** The coverage of the hot cells from the patrol view's per-cell result (ids are the grid's, as the hot spots'). */
export function summarizeHotCellCoverage(
  hot: readonly Pick<HotspotCell, 'id' | 'bin'>[],
  result: Pick<CoverageResult, 'ids' | 'rate' | 'coverage'>,
): HotCellCoverage {
  const index = new Map(result.ids.map((id, i) => [id, i]));
  let patrolled = 0;
  let sum = 0;
  let n = 0;
  for (const cell of hot) {
    if (cell.bin <= 0) continue;
    n++;
    const i = index.get(cell.id);
    if (i === undefined) continue;
    sum += result.rate[i] ?? 0;
    if ((result.coverage[i] ?? 0) > 0) patrolled++;
  }
  return { hotCells: n, patrolled, rate: n > 0 ? sum / n : null };
}

export function buildPatrolPresenceQuery(f: GlobalFilters): string {
  const from = f.from ? sql`recorded_at >= CAST(${f.from} AS DATE)` : sql`TRUE`;
  const to = f.to ? sql`recorded_at < CAST(${f.to} AS DATE) + INTERVAL 1 DAY` : sql`TRUE`;
  return sql`SELECT CAST(count(*) AS INTEGER) AS n FROM (SELECT 1 FROM patrol_points WHERE ${from} AND ${to} LIMIT 1)`
    .text;
}

export interface PatrolCoverageTile {
  /** patrol track points exist in the period */
  hasPatrols: boolean;
  loading: boolean;
  coverage: HotCellCoverage | null;
}

/** Under the briefing's context (its period): the coverage of `hot` cells, analysed with the hot spot `settings`. */
export function usePatrolCoverageTile(
  filters: GlobalFilters,
  settings: HotspotSettings,
  hot: readonly HotspotCell[],
): PatrolCoverageTile {
  const presence = useQuery<{ n: number }>('bf.patrols', buildPatrolPresenceQuery(filters));
  const basis = usePatrolBasis(settings, null);
  const coverage = usePatrolCoverage(basis, DEFAULT_PATROL_SETTINGS, null);
  const hasPatrols = (presence.rows?.[0]?.n ?? 0) > 0;
  const summary = useMemo(
    () => (hasPatrols && coverage.result ? summarizeHotCellCoverage(hot, coverage.result) : null),
    [hasPatrols, coverage.result, hot],
  );
  return { hasPatrols, loading: hasPatrols && coverage.loading, coverage: summary };
}
