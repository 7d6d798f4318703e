import type { GlobalFilters } from '../../core/filters';
import { sql } from '../../core/sql/sql';
import { useQuery } from '../shared/use-query';

/*
 * SLOT — patrol coverage of hot cells (巡查覆盖, metrics.md "Patrol coverage"). The coverage analytics and the
 * 巡查覆盖 view are being merged by another engineer; until src/core/patrols (or the like) is on main there is no
 * coverage figure to show. This file is where it plugs in: `coverage` becomes that module's figure for the
 * briefing's period and hot cells, and the tile prints like the others. Until then the tile shows on screen only
 * (never in print) when patrol tracks exist in the period, saying what it will hold.
 */

export interface PatrolCoverageSlot {
  /** patrol track points exist in the period */
  hasPatrols: boolean;
  /** share of the hot cells covered by patrols; null until the patrol analytics are merged */
  coverage: number | null;
}

export function buildPatrolPresenceQuery(f: GlobalFilters): string {
  const from = f.from ? sql`recorded_at >= CAST(${f.from} AS DATE)` : sql`TRUE`;
  const to = f.to ? sql`recorded_at < CAST(${f.to} AS DATE) + INTERVAL 1 DAY` : sql`TRUE`;
  return sql`SELECT CAST(count(*) AS INTEGER) AS n FROM (SELECT 1 FROM patrol_points WHERE ${from} AND ${to} LIMIT 1)`
    .text;
}

export function usePatrolCoverage(f: GlobalFilters): PatrolCoverageSlot {
  const presence = useQuery<{ n: number }>('bf.patrols', buildPatrolPresenceQuery(f));
  return { hasPatrols: (presence.rows?.[0]?.n ?? 0) > 0, coverage: null };
}
