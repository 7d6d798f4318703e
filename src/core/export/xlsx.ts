import writeXlsxFile from 'write-excel-file/universal';

export type XlsxCell = string | number | null;

export interface XlsxSheet {
  /** at most 31 characters, no []:*?/\ (Excel's rule); longer names are cut */
  name: string;
  rows: readonly (readonly XlsxCell[])[];
  /** column widths in characters */
  widths?: readonly number[];
  /** rows at the top that stay in view, in bold (headers) */
  stickyRows?: number;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
export function toSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '·').slice(0, 31) || 'Sheet';
}

/**
 * An .xlsx workbook as bytes, written by write-excel-file (same author and ZIP library, fflate, as the
 * read-excel-file the import uses). Strings stay strings, so an Excel user never sees a token or a case_id
 * turned into a number or a date; numbers are numbers.
 */
export async function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  const blob = await writeXlsxFile(
    sheets.map((s) => ({
      sheet: toSheetName(s.name),
      data: s.rows.map((row, r) => {
        const fontWeight = r < (s.stickyRows ?? 0) ? ('bold' as const) : undefined;
        return row.map((v) =>
          v === null
            ? null
            : typeof v === 'number'
              ? { value: v, type: Number, fontWeight }
              : { value: v, type: String, fontWeight },
        );
      }),
      columns: s.widths?.map((width) => ({ width })),
      stickyRowsCount: s.stickyRows,
    })),
    { fontFamily: 'SimSun', fontSize: 11 },
  ).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
