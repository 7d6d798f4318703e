import type { DbConnector } from '../db/connector';
import { toCsv } from '../export/csv';
import type { Crs } from '../geo/coords';
import { CREATE_IMPORT_REJECTS } from '../schema';
import { sql } from '../sql/sql';
import type { TableKind } from './header-aliases';
import type { ImportMessage, StagedFormat } from './source-file';
import type { UnmappedLabel } from './vocabularies';

/** What canonicalising one staged file did; rowsRead = rowsLoaded + rowsRejected + duplicatesSkipped. */
export interface CanonicalizeResult {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** reason key (reject.badFoundAt …) → rows */
  rejectReasons: Record<string, number>;
  /** rows whose key (case_id; team + time for track points) was already loaded, from this file or before */
  duplicatesSkipped: number;
  /** loaded rows with a usable position, by the datum they were given in (WGS84 ones were kept as is) */
  coordinatesConverted: Partial<Record<Crs, number>>;
  /** loaded rows without a usable position: empty, unreadable, (0,0) or outside China */
  coordinatesUnmappable: number;
  /**
   * Where the loaded rows' districts (区县) came from, when the import had the district boundaries: the
   * polygon containing the position, else the file's district column; and the rows whose file district
   * names another district than their position lies in (metrics.md, Counting).
   */
  districts?: { fromCoordinates: number; fromFile: number; disagreements: number };
  unmappedLabels: UnmappedLabel[];
  warnings: ImportMessage[];
}

export interface FileImportReport extends CanonicalizeResult {
  fileName: string;
  kind: TableKind;
  format: StagedFormat;
  encoding?: string;
  sheet?: string;
  headerRowNumber?: number;
  /** the file's headers, in column order */
  headers: string[];
  /** canonical field → header index, as used (suggested or the user's); plain JSON, can be saved */
  mapping: Record<string, number>;
  /** header → canonical column */
  columnsMapped: Record<string, string>;
  columnsUnmapped: string[];
}

/** Report fields that do not depend on the rows: which headers went where. */
export function describeMapping(
  headers: readonly string[],
  mapping: Readonly<Record<string, number | undefined>>,
): Pick<FileImportReport, 'columnsMapped' | 'columnsUnmapped'> {
  const columnsMapped: Record<string, string> = {};
  const used = new Set<number>();
  for (const [field, index] of Object.entries(mapping)) {
    if (index === undefined || headers[index] === undefined) continue;
    columnsMapped[headers[index]] = field;
    used.add(index);
  }
  return { columnsMapped, columnsUnmapped: headers.filter((_, i) => !used.has(i)) };
}

export type TranslateKey = (key: string, params?: Record<string, string | number>) => string;

const CSV_HEADER = ['文件', '行号', '列', '原因', '原始值'];

/** The rejected rows as CSV (see toCsv: BOM, CRLF, quoting, formulas defused), all files or one. */
export async function buildRejectsCsv(db: DbConnector, translate: TranslateKey, fileName?: string): Promise<string> {
  await db.exec(CREATE_IMPORT_REJECTS);
  const where = fileName === undefined ? sql`TRUE` : sql`file = ${fileName}`;
  const rows = await db.query<{
    file: string;
    row: number | null;
    column_header: string | null;
    reason_key: string;
    raw_value: string | null;
  }>(
    `SELECT file, "row", column_header, reason_key, raw_value FROM import_rejects WHERE ${where.text} ORDER BY file, "row"`,
  );
  return toCsv(
    CSV_HEADER,
    rows.map((r) => [r.file, r.row, r.column_header, translate(r.reason_key), r.raw_value]),
  );
}
