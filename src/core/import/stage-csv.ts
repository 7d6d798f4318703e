import type { DbConnector } from '../db/connector';
import { registeredFilePath } from '../db/engine-lockdown';
import { ident, joinSql, literal, raw, sql } from '../sql/sql';
import { decodeField, scanCsvStructure } from './csv-scan';
import type { Delimiter } from './csv-scan';
import { tokenizeCsv } from './csv-tokenizer';
import type { ImportMessage } from './source-file';
import { columnName, createStageTable, StageRowWriter } from './stage-rows';

export interface StagedCsv {
  /** one per column; columns beyond the header record (ragged rows) get '' */
  headers: string[];
  /** fields in the header record */
  headerFields: number;
  warnings: ImportMessage[];
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
): Promise<StagedCsv> {
  const s = scanCsvStructure(utf8, delimiter);
  const width = Math.max(s.maxFields, 1);
  const headers = Array.from({ length: width }, (_, i) => (s.headers[i] ?? '').trim());
  const warnings: ImportMessage[] = [];
  const exact = s.unclosedQuoteRows === 0 && s.brokenQuoteRows === 0 && !s.strayQuotes && !s.blankLineInside;
  const loaded = exact && (await loadWithReadCsv(db, utf8, delimiter, table, width, s.dataRecords, onAbort));
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
  return { headers, headerFields: s.headers.length, warnings };
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
  const struct = `{${cols.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}}`;
  // trim() strips Unicode space separators (incl. U+3000); null_padding pads short rows; parallel=false
  // is required with null_padding when quoted fields hold newlines, and keeps row_number() in file order.
  const select = joinSql([
    ...cols.map((c) => sql`NULLIF(trim(${ident(c)}), '') AS ${ident(c)}`),
    raw('CAST(row_number() OVER () - 1 AS INTEGER) AS __row'),
  ]);
  const query = sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM (
      SELECT ${select} FROM read_csv(${path}, header = false, auto_detect = false, delim = ${delimiter},
        quote = '"', escape = '"', columns = ${raw(struct)}, null_padding = true, parallel = false)
    ) WHERE __row > 0`;
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
