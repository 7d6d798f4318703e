import type { DbConnector } from '../db/connector';
import { CREATE_PATROL_LOGS } from '../schema';
import { ident, joinSql, raw, sql, type SqlFragment } from '../sql/sql';
import type { StagedRef } from './source-file';
import { defaultDateRange, type DateRange } from './date-range';
import type { PatrolMapping } from './header-aliases';
import { beginCanonicalize, countRun, LOADED } from './canonicalize-steps';
import { shiftRejectSql } from './canonicalize-routes';
import type { PatrolImportOptions } from './canonicalize-patrols';
import type { CanonicalizeResult } from './import-report';
import { cellSql, dropQuietly, headerSql } from './mapped-columns';
import { parseTimestampSql } from './parse-dates-sql';

function prepColumns(m: PatrolMapping): SqlFragment {
  return joinSql([
    raw('__row'),
    sql`${cellSql(m.team_id)} AS team_id`,
    sql`${cellSql(m.start_at)} AS start_raw`,
    sql`${parseTimestampSql(cellSql(m.start_at))} AS start_at`,
    sql`${cellSql(m.end_at)} AS end_raw`,
    sql`${parseTimestampSql(cellSql(m.end_at))} AS end_at`,
    sql`${cellSql(m.grid_id)} AS grid_id`,
  ]);
}

/**
 * A log without team, readable times in order or grid id is refused; the same team, cell, start and end loaded
 * before or earlier in the file is a duplicate. Whether the grid id names a cell of the user's grid is known only
 * in the coverage view, where the grid file is loaded (docs/metrics.md): it is not checked here.
 */
function statusSql(prep: SqlFragment, range: DateRange): SqlFragment {
  return sql`SELECT *, CASE WHEN reject IS NOT NULL THEN 'rejected'
      WHEN __row > min(__row) OVER (PARTITION BY team_id, grid_id, start_at, end_at, reject IS NULL)
        OR (team_id, grid_id, start_at, end_at) IN (SELECT (team_id, grid_id, start_at, end_at) FROM patrol_logs)
        THEN 'duplicate'
      ELSE 'loaded' END AS status
    FROM (SELECT *, CASE ${shiftRejectSql(range)} WHEN grid_id IS NULL THEN 'reject.missingGridId' END AS reject
      FROM ${prep})`;
}

/** Staged patrol logs by grid cell (网格巡查记录) → `patrol_logs`; run inside the caller's transaction. */
export async function canonicalizeGridLogs(
  db: DbConnector,
  staged: StagedRef,
  mapping: PatrolMapping,
  opts: PatrolImportOptions = {},
): Promise<CanonicalizeResult> {
  const { fileName, headers } = staged;
  await beginCanonicalize(db, 'patrols', staged, mapping, CREATE_PATROL_LOGS);
  const prep = ident(`${staged.table}__logs`);
  try {
    await db.exec(
      sql`CREATE OR REPLACE TEMP TABLE ${prep} AS ${statusSql(
        sql`(SELECT ${prepColumns(mapping)} FROM ${ident(staged.table)})`,
        opts.dateRange ?? defaultDateRange(),
      )}`.text,
    );
    const header = (i: number | undefined) => headerSql(headers, i);
    await db.exec(
      sql`INSERT INTO import_rejects SELECT ${fileName}, __row,
        CASE reject WHEN 'reject.missingTeam' THEN ${header(mapping.team_id)}
          WHEN 'reject.missingGridId' THEN ${header(mapping.grid_id)}
          WHEN 'reject.badEndAt' THEN ${header(mapping.end_at)}
          WHEN 'reject.endBeforeStart' THEN ${header(mapping.end_at)}
          ELSE ${header(mapping.start_at)} END,
        reject, CASE reject WHEN 'reject.missingTeam' THEN NULL WHEN 'reject.missingGridId' THEN NULL
          WHEN 'reject.badEndAt' THEN end_raw WHEN 'reject.endBeforeStart' THEN end_raw
          WHEN 'reject.patrolTooLong' THEN start_raw || ' – ' || end_raw
          ELSE start_raw END
      FROM ${prep} WHERE status = 'rejected' ORDER BY __row`.text,
    );
    await db.exec(
      sql`INSERT INTO patrol_logs SELECT team_id, start_at, end_at, grid_id, ${fileName}, __row
        FROM ${prep} WHERE ${LOADED} ORDER BY __row`.text,
    );
    const { counts } = await countRun(db, fileName, prep);
    return { ...counts, coordinatesConverted: {}, coordinatesUnmappable: 0, unmappedLabels: [], warnings: [] };
  } finally {
    await dropQuietly(db, [prep]);
  }
}
