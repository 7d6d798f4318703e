import type { DbConnector } from '../db/connector';
import { registeredFilePath } from '../db/engine-lockdown';
import { ident, joinSql, literal, raw, sql, type SqlFragment } from '../sql/sql';
import { decodeField, scanCsvStructure } from './csv-scan';
import type { Delimiter } from './csv-scan';
import { tokenizeCsv } from './csv-tokenizer';
import type { CellHints, ImportMessage } from './source-file';
import { columnName, createStageTable, StageRowWriter } from './stage-rows';

export interface StagedCsv {
  /** one per column; columns beyond the header record (ragged rows) get '' */
  headers: string[];
  /** fields in the header record */
  headerFields: number;
  warnings: ImportMessage[];
  /** with `lazy`, a well-formed file left registered and read where it lies (nothing copied into `table`) */
  lazy?: LazyCsv;
}

export interface LazyCsv {
  /** the rows as a relation (see csvRelationSql) */
  relation: string;
  /** the registered buffer, to drop when the import is done with it */
  path: string;
  /** data records the byte scan counted (blank lines at the end excluded) */
  rows: number;
  hints: CellHints;
}

/**
 * Loads delimited UTF-8 text into `table` (c0..c{n-1}, __row). Well-formed files go through DuckDB's
 * read_csv (no per-row JavaScript); files with broken quotes or blank lines inside, or any file
 * read_csv loads differently from the byte scan, go through the lenient tokenizer instead, so no
 * row is lost without a warning.
 */
export async function stageCsv(
  db: DbConnector,
  utf8: Uint8Array,
  delimiter: Delimiter,
  table: string,
  file: string,
  onAbort: (cancel: () => void) => () => void,
  reload: () => Promise<Uint8Array>,
  lazy = false,
): Promise<StagedCsv> {
  const s = scanCsvStructure(utf8, delimiter);
  const width = Math.max(s.maxFields, 1);
  const headers = Array.from({ length: width }, (_, i) => (s.headers[i] ?? '').trim());
  const warnings: ImportMessage[] = [];
  const exact = s.unclosedQuoteRows === 0 && s.brokenQuoteRows === 0 && !s.strayQuotes && !s.blankLineInside;
  // Ragged rows wider than the header and empty files take the copying path, which reports them.
  let lazyCsv: LazyCsv | undefined;
  if (lazy && exact && s.maxFields <= s.headers.length && s.dataRecords > 0) {
    const path = registeredFilePath(`__stage_${table}_${Math.random().toString(36).slice(2)}.csv`);
    await db.registerFileBuffer(path, utf8);
    const hints = { spaced: s.spacedColumns, idLike: s.idLikeColumns };
    lazyCsv = { relation: csvRelationSql(path, delimiter, width), path, rows: s.dataRecords, hints };
  }
  const loaded =
    lazyCsv !== undefined ||
    (exact && (await loadWithReadCsv(db, utf8, delimiter, table, width, s.dataRecords, onAbort)));
  // The browser connector transfers the registered buffer to the worker, leaving `utf8` detached (length 0).
  if (!loaded) {
    const bytes = exact && utf8.byteLength === 0 ? await reload() : utf8;
    await loadWithTokenizer(db, bytes, delimiter, table, width, s.dataRecords);
  }
  if (s.unclosedQuoteRows > 0) {
    const row = s.unclosedQuoteFirstRow;
    warnings.push({
      key: 'import.warning.unclosedQuote',
      params: { file, row, line: s.unclosedQuoteFirstLine, rows: s.unclosedQuoteRows, rest: s.dataRecords - row },
    });
  }
  if (s.brokenQuoteRows > 0) {
    warnings.push({
      key: 'import.warning.brokenQuotes',
      params: { file, rows: s.brokenQuoteRows, firstRow: s.brokenQuoteFirstRow, firstLine: s.brokenQuoteFirstLine },
    });
  }
  if (s.missingFieldRows > 0) {
    warnings.push({
      key: 'import.warning.missingFields',
      params: { file, rows: s.missingFieldRows, firstRow: s.missingFieldFirstRow, expected: s.headers.length },
    });
  }
  return { headers, headerFields: s.headers.length, warnings, ...(lazyCsv ? { lazy: lazyCsv } : {}) };
}

/**
 * Copies a lazily read CSV into `table` as stageCsv would have (trimmed, '' → NULL; the tokenizer when
 * read_csv gives another number of rows than the scan) and drops its registered buffer.
 */
export async function materializeLazyCsv(
  db: DbConnector,
  lazy: LazyCsv,
  delimiter: Delimiter,
  table: string,
  width: number,
  reload: () => Promise<Uint8Array>,
): Promise<void> {
  const cols = Array.from({ length: width }, (_, i) => ident(columnName(i)));
  const select = joinSql([...cols.map((c) => sql`NULLIF(trim(${c}), '') AS ${c}`), raw('__row')]);
  let copied = false;
  try {
    await db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select} FROM ${raw(lazy.relation)}`.text);
    const [row] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`.text);
    copied = Number(row?.n) === lazy.rows;
  } catch {
    // read_csv refused the file after all: the tokenizer below reads it.
  } finally {
    await db.dropFile(lazy.path);
  }
  if (!copied) await loadWithTokenizer(db, await reload(), delimiter, table, width, lazy.rows);
}

/** A registered CSV buffer read by DuckDB's reader: c0..c{n-1} as text, untrimmed, in file order. */
export function readCsvSql(path: string, delimiter: Delimiter, width: number): SqlFragment {
  const cols = Array.from({ length: width }, (_, i) => columnName(i));
  const struct = `{${cols.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  // null_padding pads short rows; parallel=false is required with null_padding when quoted fields hold
  // newlines, and keeps row_number() in file order.
  return sql`read_csv(${path}, header = false, auto_detect = false, delim = ${delimiter},
        quote = '"', escape = '"', columns = ${raw(struct)}, null_padding = true, parallel = false)`;
}

/**
 * The data rows of a registered CSV as a relation: c0..c{n-1} (untrimmed text) and __row (1-based data row),
 * read straight from the buffer each time it is queried, never copied into a table.
 */
export function csvRelationSql(path: string, delimiter: Delimiter, width: number): string {
  return sql`(SELECT * FROM (SELECT *, CAST(row_number() OVER () - 1 AS INTEGER) AS __row
      FROM ${readCsvSql(path, delimiter, width)}) WHERE __row > 0)`.text;
}

async function loadWithReadCsv(
  db: DbConnector,
  utf8: Uint8Array,
  delimiter: Delimiter,
  table: string,
  width: number,
  expectedRows: number,
  onAbort: (cancel: () => void) => () => void,
): Promise<boolean> {
  const path = registeredFilePath(`__stage_${table}_${Math.random().toString(36).slice(2)}.csv`);
  const cols = Array.from({ length: width }, (_, i) => columnName(i));
  // trim() strips Unicode space separators (incl. U+3000), as the tokenizer path does.
  const select = joinSql([...cols.map((c) => sql`NULLIF(trim(${ident(c)}), '') AS ${ident(c)}`), raw('__row')]);
  const query = sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT ${select} FROM ${raw(
    csvRelationSql(path, delimiter, width),
  )}`;
  await db.registerFileBuffer(path, utf8);
  const release = onAbort(() => void db.cancel());
  try {
    await db.exec(query.text);
    const [row] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`.text);
    return Number(row?.n) === expectedRows;
  } catch {
    return false;
  } finally {
    release();
    await db.dropFile(path);
  }
}

async function loadWithTokenizer(
  db: DbConnector,
  utf8: Uint8Array,
  delimiter: Delimiter,
  table: string,
  width: number,
  dataRecords: number,
): Promise<void> {
  await createStageTable(db, table, width);
  const writer = new StageRowWriter(db, table, width, trimSpaceSeparators);
  const decoder = new TextDecoder();
  let values: string[] = [];
  let record = 0;
  tokenizeCsv(utf8, delimiter.charCodeAt(0), {
    field(start, end, quoted) {
      if (record > 0) values.push(decodeField(decoder, utf8, start, end, quoted));
    },
    endRecord() {
      if (record > 0) writer.push(values, record);
      values = [];
      record++;
      return record <= dataRecords;
    },
    anomaly: () => undefined,
  });
  await writer.flush();
}

/** Same characters as DuckDB's trim(): Unicode space separators (category Zs), so both paths agree. */
function trimSpaceSeparators(s: string): string {
  return s.replace(/^\p{Zs}+|\p{Zs}+$/gu, '');
}
