import type { DbConnector } from '../db/connector';
import { raw, sql, type SqlFragment } from '../sql/sql';

/**
 * Per-episode links that repeat-return and frequent-returner queries need, computed once when data change
 * instead of by every query sorting all episodes by person (issue 9):
 *
 * - `person_no`: a small integer per person_key (every row, unlinkable ones included);
 * - for linkable episodes (non-empty person_id), in the person's (found_at, case_id) order:
 *   `episode_no` (1, 2, …), `prev2_found_at` (found_at two places earlier: three episodes within 365 days
 *   are found from it) and `next_found_at` (the first found_at strictly after the episode's reference time
 *   greatest(found_at, exit_at), metrics.md "Repeat returns").
 *
 * The import keeps them for every person a file touches; `refreshEpisodeLinks` recomputes them for rows
 * written some other way (tests, a re-import that replaced rows).
 */
export const LINK_COLUMNS = ['episode_no', 'prev2_found_at', 'next_found_at'] as const;

/**
 * Link columns for the episodes of `eps`, a relation of (k, person_no, case_id, found_at, exit_at, linkable)
 * holding every episode of each person it mentions; `k` identifies a row for the caller. Result columns:
 * k, person_no, episode_no, prev2_found_at, next_found_at (the last three NULL for unlinkable rows, which
 * never take part in another episode's links, even under a shared person_key).
 *
 * The next episode in found_at order answers next_found_at when it lies after the reference time: every
 * other later episode is found no earlier. Otherwise (an exit dated after the next intake, an entry error)
 * a join over just those episodes finds it.
 */
export function buildEpisodeLinksSql(eps: SqlFragment): SqlFragment {
  return sql`WITH __ordered AS (
      SELECT k, person_no, linkable, found_at, greatest(found_at, coalesce(exit_at, found_at)) AS ref_at,
        row_number() OVER w AS episode_no,
        lag(found_at, 2) OVER w AS prev2_found_at,
        lead(found_at) OVER w AS lead_found_at
      FROM ${eps}
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
      CASE WHEN o.linkable THEN o.prev2_found_at END AS prev2_found_at,
      CASE WHEN NOT o.linkable THEN NULL WHEN o.lead_found_at IS NULL OR o.lead_found_at > o.ref_at
        THEN o.lead_found_at ELSE v.next_found_at END AS next_found_at
    FROM __ordered o LEFT JOIN __overlap v ON v.k = o.k`;
}

/** TRUE for an episode of `cases` (aliased `alias`) whose person can be followed across episodes. */
export function linkableSql(alias?: string): SqlFragment {
  const c = alias ? `${alias}.person_id` : 'person_id';
  return raw(`(${c} IS NOT NULL AND ${c} <> '')`);
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
      SELECT c.rowid AS k, c.person_no, c.case_id, c.found_at, c.exit_at, ${linkableSql('c')} AS linkable
      FROM cases c SEMI JOIN ${affected} p ON c.person_key = p.person_key`.text,
  );
  try {
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE __refresh_links AS ${buildEpisodeLinksSql(raw('__refresh_eps'))}`.text,
    );
    await db.exec(
      sql`UPDATE cases SET episode_no = l.episode_no, prev2_found_at = l.prev2_found_at, next_found_at = l.next_found_at
        FROM __refresh_links l
        WHERE cases.rowid = l.k AND (cases.episode_no IS DISTINCT FROM l.episode_no
          OR cases.prev2_found_at IS DISTINCT FROM l.prev2_found_at OR cases.next_found_at IS DISTINCT FROM l.next_found_at)`
        .text,
    );
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
