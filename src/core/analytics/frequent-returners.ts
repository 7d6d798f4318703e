import { buildCaseFilter, type GlobalFilters } from '../filters';
import { raw, sql, type SqlFragment } from '../sql/sql';
import { buildSplitValuesExpr, isLinkable, type ReturnSplit } from './repeat-returns';

/**
 * Frequent returners (多次受助人员), metrics.md: linkable persons with three episodes whose found_at lie
 * within 365 days, the third at most 365 × 24 h after the first (the last moment included).
 *
 * Some three episodes fit in the window iff some three CONSECUTIVE ones do (if i < j < k fit, so do
 * k−2, k−1, k), so the found_at two episodes earlier in the person's time order (`prev2_found_at`, an episode
 * link the import keeps) finds them without a self-join. The episode that completes a run is its "anchor".
 *
 * Filters: an anchor must pass the global filters; the two earlier episodes are looked for among all
 * episodes of the person (as repeat-returns looks for returns), so a period starting in January still
 * counts a person whose first two episodes were in December. Rows without person_id never count.
 */
export const FREQUENT_RETURN_EPISODES = 3;
export const FREQUENT_RETURN_WINDOW_DAYS = 365;

function buildAnchorCtes(filters: GlobalFilters): SqlFragment {
  // prev2_found_at is lag(found_at, 2) in the person's (found_at, case_id) order, kept by the import; persons
  // are told apart by person_no, an integer, rather than by their key's text.
  return sql`fr_seq AS (
      SELECT c.case_id, c.person_key, c.person_no, c.found_at, c.lon, c.lat,
        c.origin_code, c.groups, c.sex, c.age_band, c.station, c.outcome,
        (${buildCaseFilter(filters, 'c')}) AS passes,
        c.prev2_found_at AS run_start
      FROM cases c WHERE ${isLinkable('c')}
    ),
    fr_anchors AS (
      SELECT * FROM fr_seq
      WHERE passes AND run_start IS NOT NULL
        AND found_at <= run_start + ${raw(`INTERVAL ${FREQUENT_RETURN_WINDOW_DAYS} DAY`)}
    )`;
}

/** Columns: persons (frequent returners with an anchor in the filtered set), anchors. */
export function buildFrequentReturnerSummaryQuery(filters: GlobalFilters): string {
  return sql`WITH ${buildAnchorCtes(filters)}
    SELECT CAST(count(DISTINCT person_no) AS INTEGER) AS persons, CAST(count(*) AS INTEGER) AS anchors
    FROM fr_anchors`.text;
}

/**
 * Trend by month of the anchor: `persons` with an anchor in the month (a person found for the 3rd,
 * 4th, … time within 365 days), `new_persons` those whose first anchor in the filtered set it is.
 * Columns: month_start (DATE), persons, new_persons; months without anchors are omitted.
 */
export function buildFrequentReturnerTrendQuery(filters: GlobalFilters): string {
  return sql`WITH ${buildAnchorCtes(filters)},
    fr_marked AS (
      SELECT person_no, CAST(date_trunc('month', found_at) AS DATE) AS month_start,
        row_number() OVER (PARTITION BY person_no ORDER BY found_at, case_id) = 1 AS first_anchor
      FROM fr_anchors
    )
    SELECT month_start, CAST(count(DISTINCT person_no) AS INTEGER) AS persons,
      CAST(count(*) FILTER (WHERE first_anchor) AS INTEGER) AS new_persons
    FROM fr_marked GROUP BY month_start ORDER BY month_start`.text;
}

/**
 * Frequent returners by origin, group, sex, … read from each person's latest anchor episode.
 * A person with two groups counts under both. Columns: split_value, persons.
 */
export function buildFrequentReturnerProfileQuery(filters: GlobalFilters, split: ReturnSplit): string {
  return sql`WITH ${buildAnchorCtes(filters)},
    fr_latest AS (
      SELECT ${buildSplitValuesExpr(split, 'a')} AS split_values FROM fr_anchors a
      QUALIFY row_number() OVER (PARTITION BY a.person_no ORDER BY a.found_at DESC, a.case_id DESC) = 1
    )
    SELECT split_value, CAST(count(*) AS INTEGER) AS persons
    FROM (SELECT unnest(split_values) AS split_value FROM fr_latest)
    GROUP BY split_value ORDER BY persons DESC, split_value`.text;
}

/**
 * Where frequent returners are found: their episodes that pass the filters and have coordinates.
 * `person_episodes` counts the person's filtered episodes, mappable or not.
 * Columns: case_id, person_key, found_at, lon, lat, person_episodes.
 */
export function buildFrequentReturnerPlacesQuery(filters: GlobalFilters): string {
  return sql`WITH ${buildAnchorCtes(filters)},
    fr_persons AS (SELECT DISTINCT person_no FROM fr_anchors),
    fr_episodes AS (
      SELECT s.case_id, s.person_key, s.found_at, s.lon, s.lat,
        CAST(count(*) OVER (PARTITION BY s.person_no) AS INTEGER) AS person_episodes
      FROM fr_seq s SEMI JOIN fr_persons p ON s.person_no = p.person_no
      WHERE s.passes
    )
    SELECT * FROM fr_episodes WHERE lon IS NOT NULL AND lat IS NOT NULL
    ORDER BY person_key, found_at, case_id`.text;
}

/**
 * The same episodes as buildFrequentReturnerPlacesQuery reduced to what a map of them counts (person_no,
 * lon, lat; no order, no per-person count): the relation buildFrequentPlaceBinsQuery aggregates.
 */
export function buildFrequentReturnerPointsQuery(filters: GlobalFilters): string {
  return sql`WITH ${buildAnchorCtes(filters)},
    fr_persons AS (SELECT DISTINCT person_no FROM fr_anchors)
    SELECT s.person_no, s.lon, s.lat FROM fr_seq s SEMI JOIN fr_persons p ON s.person_no = p.person_no
    WHERE s.passes AND s.lon IS NOT NULL AND s.lat IS NOT NULL`.text;
}
