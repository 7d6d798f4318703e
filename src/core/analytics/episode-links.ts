import type { DbConnector } from '../db/connector';
import { EXIT_TO_HOME_OUTCOMES } from '../schema';
import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';

/**
 * Per-episode links that repeat-return, frequent-returner and Overview queries need, computed once when
 * data change instead of by every query sorting all episodes by person (issue 9):
 *
 * - `person_no`: a small integer per person_key (every row, unlinkable ones included);
 * - for linkable episodes (non-empty person_id), in the person's (found_at, case_id) order: `episode_no`
 *   (1, 2, …), `prev_found_at` and `prev2_found_at` (found_at one and two places earlier: three episodes
 *   within 365 days are found from the latter), and `next_found_at` (the first found_at strictly after the
 *   episode's reference time greatest(found_at, exit_at), metrics.md "Repeat returns"; the days to return
 *   are next_found_at − reference time);
 * - `prev_exit_at`: the reference time of the person's previous exit to home, in (reference time, case_id)
 *   order: an exit is its person's first in a period iff this lies in an earlier period.
 *
 * Unlinkable episodes never take part in another episode's links, even under a shared person_key. The
 * import keeps the links for every person a file touches; `refreshEpisodeLinks` recomputes them for rows
 * written some other way (tests, a re-import that replaced rows, data saved by an earlier version).
 */
export const LINK_COLUMNS = ['episode_no', 'prev_found_at', 'prev2_found_at', 'next_found_at', 'prev_exit_at'] as const;

const EXIT_OUTCOMES = joinSql(EXIT_TO_HOME_OUTCOMES.map((v) => sql`${v}`));

/** TRUE for an episode of `cases` (aliased `alias`) whose person can be followed across episodes. */
export function linkableSql(alias?: string): SqlFragment {
  const c = alias ? `${alias}.person_id` : 'person_id';
  return raw(`(${c} IS NOT NULL AND ${c} <> '')`);
}

/** TRUE for an exit to home (aliased `alias`). */
export function exitToHomeSql(alias?: string): SqlFragment {
  return sql`coalesce(${raw(alias ? `${alias}.outcome` : 'outcome')} IN (${EXIT_OUTCOMES}), FALSE)`;
}

/**
 * Link columns for the episodes of `eps`, a relation of (k, person_no, case_id, found_at, exit_at, is_exit,
 * linkable) holding every episode of each person it mentions; `k` identifies a row for the caller. Result:
 * k, person_no and the LINK_COLUMNS (NULL for unlinkable rows).
 *
 * The next episode in found_at order answers next_found_at when it lies after the reference time: every
 * other later episode is found no earlier. Otherwise (an exit dated after the next intake, an entry error)
 * a join over just those episodes finds it.
 */
export function buildEpisodeLinksSql(eps: SqlFragment): SqlFragment {
  return sql`WITH __ordered AS (
      SELECT k, person_no, linkable, found_at, ref_at,
        row_number() OVER w AS episode_no,
        lag(found_at) OVER w AS prev_found_at,
        lag(found_at, 2) OVER w AS prev2_found_at,
        lead(found_at) OVER w AS lead_found_at,
        max(CASE WHEN is_exit THEN ref_at END) OVER (PARTITION BY person_no, linkable ORDER BY ref_at, case_id
          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_exit_at
      FROM (SELECT *, greatest(found_at, coalesce(exit_at, found_at)) AS ref_at FROM ${eps})
      WINDOW w AS (PARTITION BY person_no, linkable ORDER BY found_at, case_id)
    ),
    __overlap AS (
      SELECT o.k, min(e.found_at) AS next_found_at
      FROM __ordered o JOIN ${eps} e ON e.person_no = o.person_no AND e.linkable AND e.found_at > o.ref_at
      WHERE o.linkable AND o.lead_found_at <= o.ref_at
      GROUP BY o.k
    )
    SELECT o.k, o.person_no,
      CASE WHEN o.linkable THEN CAST(o.episode_no AS INTEGER) END AS episode_no,
      CASE WHEN o.linkable THEN o.prev_found_at END AS prev_found_at,
      CASE WHEN o.linkable THEN o.prev2_found_at END AS prev2_found_at,
      CASE WHEN NOT o.linkable THEN NULL WHEN o.lead_found_at IS NULL OR o.lead_found_at > o.ref_at
        THEN o.lead_found_at ELSE v.next_found_at END AS next_found_at,
      CASE WHEN o.linkable THEN o.prev_exit_at END AS prev_exit_at
    FROM __ordered o LEFT JOIN __overlap v ON v.k = o.k`;
}

/**
 * Rewrites the link columns of the rows of `cases` whose links in `links` (from buildEpisodeLinksSql, k =
 * rowid; rows with k < 0 are skipped) differ from what they hold.
 */
export function updateLinksSql(links: SqlFragment): SqlFragment {
  const set = joinSql(LINK_COLUMNS.map((c) => raw(`${c} = l.${c}`)));
  const changed = joinSql(
    LINK_COLUMNS.map((c) => raw(`cases.${c} IS DISTINCT FROM l.${c}`)),
    ' OR ',
  );
  return sql`UPDATE cases SET ${set} FROM ${links} l WHERE l.k >= 0 AND cases.rowid = l.k AND (${changed})`;
}

/**
 * Gives every row without a person_no one (the number its person already has, or a new one), then
 * recomputes the link columns of the persons whose rows were written without links, or of `persons`
 * (a relation of person_key) when given, and rewrites the rows whose links changed.
 */
export async function refreshEpisodeLinks(db: DbConnector, persons?: SqlFragment): Promise<void> {
  await numberNewPersons(db);
  const affected =
    persons ??
    raw(
      `(SELECT DISTINCT person_key FROM cases WHERE ${linkableSql().text} AND (episode_no IS NULL OR person_no IS NULL))`,
    );
  await db.exec(
    sql`CREATE OR REPLACE TEMP TABLE __refresh_eps AS
      SELECT c.rowid AS k, c.person_no, c.case_id, c.found_at, c.exit_at, ${exitToHomeSql('c')} AS is_exit,
        ${linkableSql('c')} AS linkable
      FROM cases c SEMI JOIN ${affected} p ON c.person_key = p.person_key`.text,
  );
  try {
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE __refresh_links AS ${buildEpisodeLinksSql(raw('__refresh_eps'))}`.text,
    );
    await db.exec(updateLinksSql(raw('__refresh_links')).text);
  } finally {
    await db.exec('DROP TABLE IF EXISTS __refresh_eps').catch(() => undefined);
    await db.exec('DROP TABLE IF EXISTS __refresh_links').catch(() => undefined);
  }
}

async function numberNewPersons(db: DbConnector): Promise<void> {
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE __refresh_persons AS
      WITH wanted AS (SELECT DISTINCT person_key FROM cases WHERE person_no IS NULL),
      known AS (SELECT person_key, min(person_no) AS person_no FROM cases
        WHERE person_no IS NOT NULL AND person_key IN (SELECT person_key FROM wanted) GROUP BY ALL)
      SELECT w.person_key, coalesce(k.person_no, CAST((SELECT coalesce(max(person_no), 0) FROM cases)
        + row_number() OVER (PARTITION BY k.person_no IS NULL ORDER BY w.person_key) AS INTEGER)) AS person_no
      FROM wanted w LEFT JOIN known k USING (person_key)`,
  );
  await db.exec(
    `UPDATE cases SET person_no = p.person_no FROM __refresh_persons p
      WHERE cases.person_no IS NULL AND cases.person_key = p.person_key`,
  );
  await db.exec('DROP TABLE IF EXISTS __refresh_persons');
}
