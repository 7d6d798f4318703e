import type { GlobalFilters } from '../filters';
import { raw, sql, type SqlFragment } from '../sql/sql';
import { buildRegionEpisodesCtes, originReturnOptions, type OriginLevel } from './origin-regions';
import { buildCohortMembersQuery } from './repeat-returns';

/**
 * The lists of the coordination sheet to an origin region (反馈至流出地), metrics.md "Origin regions". With
 * `region` null they cover every region at the level at once (the ZIP of all sheets asks once, not per region).
 * Persons are named by their person_id, the anonymized token of the station's export; the sheet carries no
 * other identifier. Choices:
 * - 屡送屡返名单: the repeat-returns cohort members (src/core/analytics/repeat-returns.ts) of the region found
 *   again within the window: a person sent home in the period and seen again, whatever the follow-up;
 * - 建档立卡名单: persons with an episode of the region in the filtered set marked 是;
 * - the episode list holds the episodes (filtered, of the region) of the persons on either list only: what
 *   the origin office needs to act on, and no more.
 */
function regionFilter(column: string, region: string | null): SqlFragment {
  return region === null ? raw('TRUE') : sql`${raw(column)} = ${region}`;
}

function returnerMembers(filters: GlobalFilters, level: OriginLevel, region: string | null, windowDays: number) {
  const members = raw(buildCohortMembersQuery(originReturnOptions(filters, level), windowDays));
  return sql`(SELECT * FROM (${members}) WHERE returned AND split_value <> 'unknown' AND ${regionFilter('split_value', region)})`;
}

/**
 * One row per returned cohort member: region, token (person_id), exit_case_id, exit_found_at, exit_at,
 * exit_outcome, next_found_at, next_case_id, next_place (district, else station), gap_days (whole days, up).
 */
export function buildReturnerListQuery(
  filters: GlobalFilters,
  level: OriginLevel,
  region: string | null,
  windowDays = 365,
): string {
  return sql`SELECT m.split_value AS region, CAST(x.person_id AS VARCHAR) AS token, m.case_id AS exit_case_id,
      x.found_at AS exit_found_at, x.exit_at, CAST(x.outcome AS VARCHAR) AS exit_outcome, m.next_found_at,
      n.case_id AS next_case_id, CAST(coalesce(n.found_district, n.station) AS VARCHAR) AS next_place,
      CAST((epoch_ms(m.next_found_at) - epoch_ms(m.ref_at) + 86399999) // 86400000 AS INTEGER) AS gap_days
    FROM ${returnerMembers(filters, level, region, windowDays)} m
    JOIN cases x ON x.case_id = m.case_id
    LEFT JOIN cases n ON n.person_key = x.person_key AND n.found_at = m.next_found_at
    QUALIFY row_number() OVER (PARTITION BY m.split_value, m.case_id, m.period_start ORDER BY n.case_id) = 1
    ORDER BY region, token, exit_found_at`.text;
}

/**
 * One row per registered-poor person of a region: region, token (person_id; NULL when not linkable, then
 * case_id names the episode), case_id (the latest), episodes, first_found, last_found, last_outcome.
 */
export function buildPoorListQuery(filters: GlobalFilters, level: OriginLevel, region: string | null): string {
  return sql`WITH ${buildRegionEpisodesCtes(filters, level)}
    SELECT region, CAST(any_value(person_id) AS VARCHAR) AS token, arg_max(case_id, found_at) AS case_id,
      CAST(count(*) AS INTEGER) AS episodes, min(found_at) AS first_found, max(found_at) AS last_found,
      CAST(arg_max(outcome, found_at) AS VARCHAR) AS last_outcome
    FROM region_episodes
    WHERE region IS NOT NULL AND ${regionFilter('region', region)}
    GROUP BY region, person_key HAVING bool_or(coalesce(poverty_registered, FALSE))
    ORDER BY region, token NULLS LAST, case_id`.text;
}

/**
 * The filtered episodes of a region whose person is on the sheet's lists: region, case_id, token, found_at,
 * exit_at, outcome, place (district, else station), poverty_registered.
 */
export function buildListedEpisodesQuery(
  filters: GlobalFilters,
  level: OriginLevel,
  region: string | null,
  windowDays = 365,
): string {
  return sql`WITH ${buildRegionEpisodesCtes(filters, level)},
    returners AS (
      SELECT DISTINCT m.split_value AS region, x.person_key
      FROM ${returnerMembers(filters, level, region, windowDays)} m JOIN cases x ON x.case_id = m.case_id
    ),
    poor AS (
      SELECT region, person_key FROM region_episodes
      WHERE region IS NOT NULL AND ${regionFilter('region', region)}
      GROUP BY ALL HAVING bool_or(coalesce(poverty_registered, FALSE))
    ),
    listed AS (SELECT * FROM returners UNION SELECT * FROM poor)
    SELECT e.region, e.case_id, CAST(e.person_id AS VARCHAR) AS token, e.found_at, e.exit_at,
      CAST(e.outcome AS VARCHAR) AS outcome, CAST(coalesce(e.found_district, e.station) AS VARCHAR) AS place,
      e.poverty_registered
    FROM region_episodes e JOIN listed l ON l.region = e.region AND l.person_key = e.person_key
    ORDER BY e.region, token NULLS LAST, e.found_at, e.case_id`.text;
}
