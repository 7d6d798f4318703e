import { buildCaseFilter, type GlobalFilters } from '../filters';
import type { RollUpLevel } from '../geo/gb2260';
import { buildOriginMapCte, originRegionSql } from '../geo/origin-units';
import { EXIT_TO_HOME_OUTCOMES, OUTCOMES } from '../schema';
import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import { buildCohortRateQuery, type RepeatReturnOptions } from './repeat-returns';

/**
 * Origin regions (来源地), metrics.md "Origin regions". The region of an episode is its origin_code rolled up
 * through the GB/T 2260 table (src/core/geo/origin-units.ts); no code (查无身份, unreadable text) is the unknown
 * region, a row of its own that every table carries, so regions add up to the episodes. Choices:
 * - persons = distinct person_key (a row without person_id is a person of its own, metrics.md Counting);
 * - minors, elderly, mental and registered poor are PERSONS with at least one episode in the filtered set
 *   that says so (minor: group 未成年人 or age band 0-17; elderly: group 老年人 or 60+, as the Overview);
 *   the registered-poor share is over the persons whose poverty status was recorded (是 or 否), since an
 *   export without that column would otherwise read as 0 %;
 * - stays run to the data's last found_at for persons still in care, as the Overview's median stay;
 * - the repeat-return rate is the repeat-returns view's (src/core/analytics/repeat-returns.ts): monthly exit
 *   cohorts split by the region of the exit, pooled over the cohorts whose follow-up is complete.
 */
export const ORIGIN_LEVELS = ['province', 'prefecture', 'county'] as const satisfies readonly RollUpLevel[];
export type OriginLevel = (typeof ORIGIN_LEVELS)[number];

/** The repeat-return queries' split value for episodes without an origin region. */
export const UNKNOWN_REGION = 'unknown';

const EXIT_TO_HOME = joinSql(EXIT_TO_HOME_OUTCOMES.map((o) => sql`${o}`));
const ALL_OUTCOMES = joinSql(OUTCOMES.map((o) => sql`${o}`));

/** A region at a coarser level that limits the episodes to those coming from it (a drill-down). */
export interface RegionScope {
  level: OriginLevel;
  code: string;
}

/**
 * CTE `region_episodes` (not materialized: each use reads only the columns it needs, instead of a copy of every
 * column of every episode): `cases` with its origin region at `level` as `region` (NULL when unknown), the filters
 * applied, and with `within` only the episodes whose origin lies in that region.
 */
export function buildRegionEpisodesCtes(
  filters: GlobalFilters,
  level: OriginLevel,
  within: RegionScope | null = null,
): SqlFragment {
  const scope = within
    ? sql`JOIN ${raw('scope_map')} s ON s.code = CAST(c.origin_code AS VARCHAR) AND s.region = ${within.code}`
    : raw('');
  return sql`${buildOriginMapCte(level)},${within ? sql` ${buildOriginMapCte(within.level, 'scope_map')},` : raw('')}
    region_episodes AS NOT MATERIALIZED (
      SELECT c.*, m.region FROM cases c LEFT JOIN origin_map m ON m.code = CAST(c.origin_code AS VARCHAR) ${scope}
      WHERE ${buildCaseFilter(filters, 'c')}
    )`;
}

/** Outcome count columns `outcome_<code>` and `outcome_unknown` (no outcome recorded). */
function outcomeColumns(): SqlFragment {
  return joinSql([
    ...OUTCOMES.map((o) => sql`CAST(count(*) FILTER (WHERE outcome = ${o}) AS INTEGER) AS ${raw(`outcome_${o}`)}`),
    sql`CAST(count(*) FILTER (WHERE outcome IS NULL OR outcome NOT IN (${ALL_OUTCOMES})) AS INTEGER) AS outcome_unknown`,
  ]);
}

/**
 * One row per origin region at `level` (region NULL = unknown origin, always present) and one total row
 * (`is_total`): episodes, persons, minors, elderly, mental, poor, poverty_recorded, sent_home (persons with an
 * exit to home), outcome_* episode counts, median_stay_days, first_found, last_found, unknown_identity
 * (episodes whose identity is 查无身份).
 */
export function buildOriginTableQuery(filters: GlobalFilters, level: OriginLevel): string {
  // Persons are counted in two steps, each person once per region with its flags, then per region and over all:
  // one hash of the person instead of one per distinct count (seven of them, twice for the grouping sets), and of
  // person_no, the integer the import gives each person_key, rather than of the key's text.
  const flags = joinSql(PERSON_FLAGS.map(([name, where]) => sql`bool_or(${where}) AS ${raw(name)}`));
  const anyFlag = joinSql(PERSON_FLAGS.map(([name]) => sql`bool_or(${raw(name)}) AS ${raw(name)}`));
  const counts = joinSql([
    raw('CAST(count(*) AS INTEGER) AS persons'),
    ...PERSON_FLAGS.map(([name]) => sql`CAST(count(*) FILTER (WHERE ${raw(name)}) AS INTEGER) AS ${raw(name)}`),
  ]);
  const personColumns = joinSql(['persons', ...PERSON_FLAGS.map(([name]) => name)].map((c) => raw(`p.${c}`)));
  return sql`WITH data_end AS (SELECT max(found_at) AS last FROM cases),
    ${buildRegionEpisodesCtes(filters, level)},
    by_episode AS (
      SELECT grouping(region) = 1 AS is_total, region,
        CAST(count(*) AS INTEGER) AS episodes,
        ${outcomeColumns()},
        median(date_diff('second', found_at, coalesce(exit_at, (SELECT last FROM data_end))) / 86400.0) AS median_stay_days,
        min(found_at) AS first_found,
        max(found_at) AS last_found,
        CAST(count(*) FILTER (WHERE identity_status = 'unknown') AS INTEGER) AS unknown_identity
      FROM region_episodes
      GROUP BY GROUPING SETS ((region), ())
    ),
    person_in_region AS (SELECT region, person_no, ${flags} FROM region_episodes GROUP BY region, person_no),
    by_person AS (
      SELECT FALSE AS is_total, region, ${counts} FROM person_in_region GROUP BY region
      UNION ALL
      SELECT TRUE, NULL, ${counts} FROM (SELECT person_no, ${anyFlag} FROM person_in_region GROUP BY person_no)
    ),
    grouped AS (
      SELECT e.is_total, e.region, e.episodes, ${personColumns},
        ${joinSql([...OUTCOMES.map((o) => `outcome_${o}`), 'outcome_unknown'].map((c) => raw(`e.${c}`)))},
        e.median_stay_days, e.first_found, e.last_found, e.unknown_identity
      FROM by_episode e JOIN by_person p ON p.is_total = e.is_total AND p.region IS NOT DISTINCT FROM e.region
    )
    SELECT * FROM grouped
    UNION ALL
    SELECT FALSE, NULL, 0, 0, 0, 0, 0, 0, 0, 0, ${joinSql(OUTCOMES.map(() => raw('0')))}, 0, NULL, NULL, NULL, 0
    WHERE NOT EXISTS (SELECT 1 FROM grouped WHERE NOT is_total AND region IS NULL)
    ORDER BY is_total, region NULLS LAST`.text;
}

/** Per person, in the order of the table's columns: with at least one filtered episode that says so. */
const PERSON_FLAGS: readonly [string, SqlFragment][] = [
  ['minors', raw(`list_contains(groups, 'minor') OR age_band = '0-17'`)],
  ['elderly', raw(`list_contains(groups, 'elderly') OR age_band = '60+'`)],
  ['mental', raw(`list_contains(groups, 'mental')`)],
  ['poor', raw('coalesce(poverty_registered, FALSE)')],
  ['poverty_recorded', raw('poverty_registered IS NOT NULL')],
  ['sent_home', sql`outcome IN (${EXIT_TO_HOME})`],
];

/** Repeat-return options splitting exits by their origin region at `level` (UNKNOWN_REGION when none). */
export function originReturnOptions(filters: GlobalFilters, level: OriginLevel): RepeatReturnOptions {
  return {
    filters,
    granularity: 'month',
    split: 'none',
    splitValuesOf: (alias) =>
      sql`[coalesce(${originRegionSql(raw(`CAST(${alias}.origin_code AS VARCHAR)`), level)}, ${UNKNOWN_REGION})]`,
  };
}

/**
 * The W-day repeat-return rate per origin region, from the repeat-returns cohort table: `cohort` and
 * `returned` summed over the complete monthly cohorts (a person once per cohort), `sent_home_cohort` over all
 * cohorts, `complete_periods` and `periods`, `not_linkable` exits. rate = returned / cohort.
 */
export function buildOriginRateQuery(filters: GlobalFilters, level: OriginLevel, windowDays = 365): string {
  const cohorts = raw(buildCohortRateQuery(originReturnOptions(filters, level), [windowDays]));
  return sql`SELECT split_value AS region,
      CAST(coalesce(sum(cohort) FILTER (WHERE complete), 0) AS INTEGER) AS cohort,
      CAST(coalesce(sum(returned) FILTER (WHERE complete), 0) AS INTEGER) AS returned,
      CAST(sum(cohort) AS INTEGER) AS sent_home_cohort,
      CAST(count(*) FILTER (WHERE complete) AS INTEGER) AS complete_periods,
      CAST(count(*) AS INTEGER) AS periods,
      CAST(sum(not_linkable) AS INTEGER) AS not_linkable
    FROM (${cohorts}) GROUP BY 1 ORDER BY 1`.text;
}

function regionIs(region: string | null): SqlFragment {
  return region === null ? raw('region IS NULL') : sql`region = ${region}`;
}

/** Month by month for one region (null = unknown origin): month (first day), episodes, persons. */
export function buildOriginTrendQuery(filters: GlobalFilters, level: OriginLevel, region: string | null): string {
  return sql`WITH ${buildRegionEpisodesCtes(filters, level)}
    SELECT CAST(date_trunc('month', found_at) AS DATE) AS month, CAST(count(*) AS INTEGER) AS episodes,
      CAST(count(DISTINCT person_key) AS INTEGER) AS persons
    FROM region_episodes WHERE ${regionIs(region)} GROUP BY 1 ORDER BY 1`.text;
}

/** The region's monthly exit cohorts (repeat-returns' table): period_start, cohort, returned, complete. */
export function buildOriginRateTrendQuery(
  filters: GlobalFilters,
  level: OriginLevel,
  region: string | null,
  windowDays = 365,
): string {
  const cohorts = raw(buildCohortRateQuery(originReturnOptions(filters, level), [windowDays]));
  return sql`SELECT period_start, cohort, returned, complete FROM (${cohorts})
    WHERE split_value = ${region ?? UNKNOWN_REGION} ORDER BY period_start`.text;
}

/**
 * 本省籍 / 外省籍 / 无法查明 as the statutory monthly report counts them, for the home province `home`
 * (XX0000): side 'in' | 'out' | 'unknown', episodes, persons; all three rows always present.
 */
export function buildHomeProvinceSplitQuery(filters: GlobalFilters, home: string): string {
  return sql`WITH ${buildRegionEpisodesCtes(filters, 'province')},
    sides AS (SELECT * FROM (VALUES ('in', 1), ('out', 2), ('unknown', 3)) AS s(side, ord))
    SELECT s.side, CAST(count(e.case_id) AS INTEGER) AS episodes,
      CAST(count(DISTINCT e.person_key) AS INTEGER) AS persons
    FROM sides s LEFT JOIN (
      SELECT case_id, person_key,
        CASE WHEN region IS NULL THEN 'unknown' WHEN region = ${home} THEN 'in' ELSE 'out' END AS side
      FROM region_episodes
    ) e ON e.side = s.side
    GROUP BY s.side, s.ord ORDER BY s.ord`.text;
}

/**
 * Where the data's busiest station finds people: its name, episodes and the median found position (WGS-84);
 * the view takes the province under that point as the default home province. Over all data, not the filters.
 */
export function buildStationCentreQuery(): string {
  return `SELECT station, CAST(count(*) AS INTEGER) AS episodes, median(lon) AS lon, median(lat) AS lat
    FROM cases WHERE lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY station ORDER BY episodes DESC, station NULLS LAST LIMIT 1`;
}
