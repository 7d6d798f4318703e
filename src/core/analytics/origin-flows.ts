import type { GlobalFilters } from '../filters';
import { raw, sql, type SqlFragment } from '../sql/sql';
import { buildRegionEpisodesCtes, type OriginLevel, type RegionScope } from './origin-regions';

/** Where people were found, for the flows: the district recorded with the episode, or the station. */
export const FLOW_TARGETS = ['district', 'station'] as const;
export type FlowTarget = (typeof FLOW_TARGETS)[number];

export const DEFAULT_TOP_FLOWS = 50;

function targetSql(target: FlowTarget, alias: string): SqlFragment {
  const col = target === 'district' ? 'found_district' : 'station';
  return sql`nullif(trim(CAST(${raw(`${alias}.${col}`)} AS VARCHAR)), '')`;
}

/**
 * Flows origin region → place found (metrics.md "Origin regions"), for arcs: the `top` largest pairs by
 * episodes (kind 'flow': region, target, episodes, persons, target_lon/target_lat = median found position of
 * every episode with coordinates at that place, over all data so arcs do not move with the filters), then one
 * row 'rest' summing every other pair of known origin (episodes, persons, pairs), then one row per place for the
 * unknown origin (kind 'unknown', region NULL). The rows add up to the filtered episodes (with `within`, to
 * those from that region, and there is no unknown row). A place not recorded is target NULL.
 */
export function buildOriginFlowsQuery(
  filters: GlobalFilters,
  level: OriginLevel,
  target: FlowTarget,
  top = DEFAULT_TOP_FLOWS,
  within: RegionScope | null = null,
): string {
  if (!(Number.isInteger(top) && top > 0)) throw new Error('buildOriginFlowsQuery: top must be a positive integer');
  return sql`WITH ${buildRegionEpisodesCtes(filters, level, within)},
    flow_episodes AS (SELECT region, ${targetSql(target, 'region_episodes')} AS target, person_no FROM region_episodes),
    pairs AS (
      SELECT region, target, CAST(count(*) AS INTEGER) AS episodes, CAST(count(DISTINCT person_no) AS INTEGER) AS persons
      FROM flow_episodes WHERE region IS NOT NULL GROUP BY ALL
    ),
    ranked AS (
      SELECT *, row_number() OVER (ORDER BY episodes DESC, persons DESC, region, target NULLS LAST) AS rank FROM pairs
    ),
    places AS (
      SELECT ${targetSql(target, 'c')} AS target, median(c.lon) AS target_lon, median(c.lat) AS target_lat
      FROM cases c WHERE c.lon IS NOT NULL AND c.lat IS NOT NULL GROUP BY 1
    )
    SELECT 'flow' AS kind, r.region, r.target, r.episodes, r.persons, 1 AS pairs, p.target_lon, p.target_lat, r.rank
    FROM ranked r LEFT JOIN places p ON p.target IS NOT DISTINCT FROM r.target WHERE r.rank <= ${top}
    UNION ALL
    SELECT 'rest', NULL, NULL, CAST(coalesce(sum(episodes), 0) AS INTEGER),
      (SELECT CAST(count(DISTINCT e.person_no) AS INTEGER) FROM flow_episodes e JOIN ranked r
        ON r.region = e.region AND r.target IS NOT DISTINCT FROM e.target WHERE r.rank > ${top}),
      CAST(count(*) AS INTEGER), NULL, NULL, NULL
    FROM ranked WHERE rank > ${top}
    UNION ALL
    SELECT 'unknown', NULL, e.target, CAST(count(*) AS INTEGER), CAST(count(DISTINCT e.person_no) AS INTEGER), 1,
      any_value(p.target_lon), any_value(p.target_lat), NULL
    FROM flow_episodes e LEFT JOIN places p ON p.target IS NOT DISTINCT FROM e.target
    WHERE e.region IS NULL GROUP BY e.target
    ORDER BY kind, rank, episodes DESC, target NULLS LAST`.text;
}
