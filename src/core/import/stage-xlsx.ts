import readXlsxFile from 'read-excel-file/universal';
import type { DbConnector } from '../db/connector';
import { formatPlainNumber, formatWallClock } from './format-value';
import { ImportError } from './source-file';
import type { ImportMessage } from './source-file';
import { createStageTable, StageRowWriter } from './stage-rows';

type Cell = string | number | boolean | Date | null | undefined;

export interface StagedXlsx {
  headers: string[];
  width: number;
  sheet: string;
  sheets: string[];
  headerRowNumber: number;
  warnings: ImportMessage[];
}

/**
 * Reads an XLSX workbook with read-excel-file (Node and browser alike), finds the header row below
 * any merged title rows, and appends the data rows as text through Arrow.
 */
export async function stageXlsx(
  db: DbConnector,
  buffer: ArrayBuffer,
  table: string,
  file: string,
  sheetName: string | undefined,
): Promise<StagedXlsx> {
  let workbook: { sheet: string; data: Cell[][] }[];
  try {
    workbook = (await readXlsxFile(buffer)) as unknown as { sheet: string; data: Cell[][] }[];
  } catch {
    const key = isWholeZipWithoutWorkbook(new Uint8Array(buffer))
      ? 'import.error.unreadable'
      : 'import.error.xlsxDamaged';
    throw new ImportError({ key, params: { file } });
  }
  const sheets = workbook.map((s) => s.sheet);
  const chosen = sheetName === undefined ? workbook.find((s) => !isEmptySheet(s.data)) : findSheet();
  if (!chosen || isEmptySheet(chosen.data)) {
    throw new ImportError({ key: 'import.error.emptySheet', params: { file, sheet: sheetName ?? '' } });
  }
  const rows = chosen.data;
  const headerIndex = findHeaderRow(rows.map(nonEmptyCount));
  const used = usedColumns(rows, headerIndex);
  const header = rows[headerIndex] ?? [];
  const headers = used.map((c) => formatCell(header[c]) ?? '');
  await createStageTable(db, table, used.length);
  const writer = new StageRowWriter(db, table, used.length);
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    writer.push(
      used.map((c) => formatCell(row[c])),
      r - headerIndex,
    );
  }
  await writer.flush();
  const warnings: ImportMessage[] = [];
  const above = rows.slice(0, headerIndex).filter((r) => nonEmptyCount(r) > 0).length;
  if (above > 0) {
    warnings.push({
      key: 'import.warning.rowsAboveHeaderSkipped',
      params: { file, sheet: chosen.sheet, rows: above, headerRow: headerIndex + 1 },
    });
  }
  return {
    headers,
    width: used.length,
    sheet: chosen.sheet,
    sheets,
    headerRowNumber: headerIndex + 1,
    warnings,
  };

  function findSheet() {
    const found = workbook.find((s) => s.sheet === sheetName);
    if (!found) throw new ImportError({ key: 'import.error.sheetNotFound', params: { file, sheet: sheetName ?? '' } });
    return found;
  }
}

/**
 * The first row whose non-empty cells number at least half of the widest row's, and at least 2:
 * skips merged title rows such as `2024年度受助人员台账（脱敏）`. A one-column sheet uses its first row.
 */
export function findHeaderRow(nonEmptyCounts: readonly number[]): number {
  let widest = 0;
  for (const c of nonEmptyCounts) if (c > widest) widest = c;
  const need = Math.max(2, Math.ceil(widest / 2));
  const index = nonEmptyCounts.findIndex((c) => c >= need);
  return index >= 0 ? index : nonEmptyCounts.findIndex((c) => c > 0);
}

function formatCell(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return formatWallClock(v.getTime());
  if (typeof v === 'number') return formatPlainNumber(v, 15);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return isBlank(v) ? null : String(v);
}

/** Columns with a header or any data value; the sheet's empty margins are left out. */
function usedColumns(rows: readonly (readonly Cell[])[], headerIndex: number): number[] {
  const used: boolean[] = [];
  for (let r = headerIndex; r < rows.length; r++) {
    rows[r]?.forEach((v, c) => {
      if (!isBlank(v)) used[c] = true;
    });
  }
  const out: number[] = [];
  for (let c = 0; c < used.length; c++) if (used[c]) out.push(c);
  return out;
}

function nonEmptyCount(row: readonly Cell[]): number {
  let n = 0;
  for (const v of row) if (!isBlank(v)) n++;
  return n;
}

function isBlank(v: Cell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function isEmptySheet(data: readonly (readonly Cell[])[]): boolean {
  return !data.some((r) => r.some((v) => !isBlank(v)));
}

/**
 * A ZIP archive that ends in its directory record (PKWARE APPNOTE 4.3.16) yet names no xl/workbook.xml is
 * some other document (.docx, .zip); any other ZIP that fails to open is a workbook damaged or cut short.
 */
function isWholeZipWithoutWorkbook(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let complete = false;
  for (let i = bytes.length - 22; i >= from && !complete; i--) {
    complete = bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06;
  }
  return complete && !new TextDecoder('latin1').decode(bytes).includes('xl/workbook.xml');
}
