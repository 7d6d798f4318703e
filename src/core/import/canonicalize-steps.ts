import type { DbConnector } from '../db/connector';
import { installCoordinateMacros } from '../geo/coords-sql';
import { CREATE_PATROL_LOGS, CREATE_PATROL_POINTS } from '../schema';
import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { StagedRef } from './source-file';
import { findCrsLabels } from './import-coordinates-sql';
import type { CanonicalizeResult } from './import-report';
import { clearRejects, countRejectReasons } from './import-rejects';
import { checkMapping } from './mapped-columns';
import { installDateMacros } from './parse-dates-sql';
import type { UnmappedLabel } from './vocabularies';

/** The rows of a prep table that go into the canonical table. */
export const LOADED = sql`status = 'loaded'`;

/**
 * Refuses a bad mapping, then creates the target table and the parsing macros and clears the file's old rejects.
 * A patrol file creates both patrol tables (track points and grid logs): the patrol queries read them together.
 */
export async function beginCanonicalize(
  db: DbConnector,
  kind: 'cases' | 'patrols',
  staged: StagedRef,
  mapping: Readonly<Record<string, number | undefined>>,
  createTable: string,
): Promise<void> {
  checkMapping(kind, staged.headers, mapping, staged.fileName);
  await db.exec(createTable);
  if (kind === 'patrols') for (const create of [CREATE_PATROL_POINTS, CREATE_PATROL_LOGS]) await db.exec(create);
  await installDateMacros(db);
  await installCoordinateMacros(db);
  await clearRejects(db, staged.fileName);
}

export type RunCounts = Pick<
  CanonicalizeResult,
  'rowsRead' | 'rowsLoaded' | 'rowsRejected' | 'rejectReasons' | 'duplicatesSkipped'
>;

/**
 * The prep table's rows by status (loaded, rejected, duplicate) and the file's reject reasons, with the
 * further counts `extra` names (`count(*) FILTER (…) AS name`, …; 0 when the table is empty).
 */
export async function countRun(
  db: DbConnector,
  fileName: string,
  prep: SqlFragment,
  extra: readonly SqlFragment[] = [],
): Promise<{ counts: RunCounts; extra: Record<string, number> }> {
  const columns = joinSql([
    raw(`count(*) AS read, count(*) FILTER (status = 'loaded') AS loaded,
      count(*) FILTER (status = 'rejected') AS rejected, count(*) FILTER (status = 'duplicate') AS duplicates`),
    ...extra,
  ]);
  const [c] = await db.query<Record<string, number>>(sql`SELECT ${columns} FROM ${prep}`.text);
  return {
    counts: {
      rowsRead: c?.read ?? 0,
      rowsLoaded: c?.loaded ?? 0,
      rowsRejected: c?.rejected ?? 0,
      rejectReasons: await countRejectReasons(db, fileName),
      duplicatesSkipped: c?.duplicates ?? 0,
    },
    extra: c ?? {},
  };
}

/** Datum labels of the loaded rows that no rule recognised; none when the file has no crs column. */
export async function findLoadedCrsLabels(
  db: DbConnector,
  staged: StagedRef,
  crsIndex: number | undefined,
  prep: SqlFragment,
): Promise<UnmappedLabel[]> {
  if (crsIndex === undefined) return [];
  const within = sql`__row IN (SELECT __row FROM ${prep} WHERE ${LOADED})`;
  return findCrsLabels(db, staged.table, staged.headers[crsIndex] ?? 'crs', crsIndex, within);
}
