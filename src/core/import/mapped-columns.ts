import { ident, raw, sql, type SqlFragment } from '../sql/sql';
import { findMissingRequired } from './header-aliases';
import { ImportError, type CellHints } from './source-file';

/** Staged column c{index} (see StagedFile). */
export function stagedColumn(index: number): SqlFragment {
  return ident(`c${index}`);
}

/** The trimmed cell of a mapped column, NULL when empty or when the field is not mapped. */
export function cellSql(index: number | undefined): SqlFragment {
  return index === undefined ? raw('CAST(NULL AS VARCHAR)') : raw(`nullif(trim(${stagedColumn(index).text}), '')`);
}

/**
 * The cell of staged column `index` with empty text as NULL, trimmed unless the byte scan saw no column value
 * with surrounding spaces (`hints`): trim() copies every string and is the costliest step of reading a cell.
 */
export function hintedCellSql(index: number, hints: CellHints | undefined): SqlFragment {
  if (!hints || hints.spaced[index]) return cellSql(index);
  return raw(`nullif(${stagedColumn(index).text}, '')`);
}

/** Header text of a mapped column, as a SQL literal (NULL when unmapped). */
export function headerSql(headers: readonly string[], index: number | undefined): SqlFragment {
  return sql`${index === undefined ? null : (headers[index] ?? null)}`;
}

/** Refuses a mapping that lacks a required field or points past the file's columns. */
export function checkMapping(
  kind: 'cases' | 'patrols',
  headers: readonly string[],
  mapping: Readonly<Record<string, number | undefined>>,
  fileName: string,
): void {
  const missing = findMissingRequired(kind, mapping);
  if (missing) {
    throw new ImportError({ key: 'import.error.missingColumn', params: { file: fileName, column: missing } });
  }
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== undefined && !(Number.isInteger(index) && index >= 0 && index < headers.length)) {
      throw new ImportError({ key: 'import.error.badMapping', params: { file: fileName, column: field } });
    }
  }
}

/**
 * Drops work tables. After a failed statement the transaction is aborted and the caller's ROLLBACK
 * removes them anyway, so a failing DROP must not hide the error that got us here.
 */
export async function dropQuietly(db: { exec(sql: string): Promise<void> }, tables: readonly SqlFragment[]) {
  for (const t of tables) await db.exec(`DROP TABLE IF EXISTS ${t.text}`).catch(() => undefined);
}
