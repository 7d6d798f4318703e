import type { DbConnector } from '../db/connector';
import { ident, joinSql, sql } from '../sql/sql';
import type { ImportMessage } from './source-file';
import { columnName } from './stage-rows';

export interface FinishedStage {
  headers: string[];
  rowCount: number;
  warnings: ImportMessage[];
}

/**
 * Common last steps for every format: fields beyond the header (ragged CSV rows) are kept as
 * unnamed columns only when some row has a value there, rows with no value at all are removed,
 * and each of these is reported.
 */
export async function finishStage(
  db: DbConnector,
  table: string,
  headers: readonly string[],
  headerFields: number,
  file: string,
): Promise<FinishedStage> {
  const t = ident(table);
  const warnings: ImportMessage[] = [];
  let width = headers.length;
  if (width > headerFields) {
    const extra = Array.from({ length: width - headerFields }, (_, k) => ident(columnName(headerFields + k)));
    const [stats] = await db.query(
      sql`SELECT ${joinSql(extra.map((c, k) => sql`count(${c}) AS ${ident(`n${k}`)}`))},
        count(*) FILTER (WHERE coalesce(${joinSql(extra)}) IS NOT NULL) AS rows,
        min(__row) FILTER (WHERE coalesce(${joinSql(extra)}) IS NOT NULL) AS first_row FROM ${t}`.text,
    );
    while (width > headerFields && Number(stats?.[`n${width - headerFields - 1}`]) === 0) {
      width--;
      await db.exec(sql`ALTER TABLE ${t} DROP COLUMN ${ident(columnName(width))}`.text);
    }
    const rows = Number(stats?.rows ?? 0);
    if (rows > 0) {
      warnings.push({
        key: 'import.warning.extraFields',
        params: { file, rows, firstRow: Number(stats?.first_row), expected: headerFields },
      });
    }
  }
  const all = joinSql(Array.from({ length: width }, (_, i) => ident(columnName(i))));
  const [blank] = await db.query<{ n: number }>(
    sql`SELECT count(*) AS n FROM ${t} WHERE coalesce(${all}) IS NULL`.text,
  );
  const blankRows = Number(blank?.n ?? 0);
  if (blankRows > 0) {
    await db.exec(sql`DELETE FROM ${t} WHERE coalesce(${all}) IS NULL`.text);
    warnings.push({ key: 'import.warning.blankRowsSkipped', params: { file, rows: blankRows } });
  }
  const [count] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${t}`.text);
  const rowCount = Number(count?.n ?? 0);
  if (rowCount === 0) warnings.push({ key: 'import.warning.noRows', params: { file } });
  return { headers: headers.slice(0, width), rowCount, warnings };
}

export async function dropStageTable(db: DbConnector, table: string): Promise<void> {
  await db.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`.text).catch(() => undefined);
}
