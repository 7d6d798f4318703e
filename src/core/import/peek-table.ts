import readXlsxFile from 'read-excel-file/universal';
import { sniffDelimiter } from './csv-scan';
import { tokenizeCsv } from './csv-tokenizer';
import { decodeToUtf8 } from './decode-text';
import { detectBinaryFormat, fileExtension } from './detect-format';
import { suggestCaseMapping, suggestPatrolMapping } from './header-aliases';
import type { SourceFile } from './source-file';
import { findHeaderRow } from './stage-xlsx';

/** The first rows of a file, read before the import for the settings step (datum, what it looks like). */
export interface TablePeek {
  headers: string[];
  /** (lon, lat) of the first rows that have both, as read (no datum applied) */
  coordinates: [number, number][];
}

const PEEK_BYTES = 256 * 1024;
const PEEK_ROWS = 200;
/** A workbook is read whole to be peeked at; beyond this the settings step does not wait for it. */
const MAX_PEEKED_WORKBOOK = 30 * 1024 * 1024;

type Sliceable = SourceFile & { slice?(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } };

/** Headers and sample coordinates of a CSV/TSV or XLSX file; null for other formats or an unreadable file. */
export async function peekTable(file: Sliceable): Promise<TablePeek | null> {
  try {
    const head = new Uint8Array(await (file.slice ? file.slice(0, PEEK_BYTES) : file).arrayBuffer());
    const binary = detectBinaryFormat(head, file.name);
    if (binary === 'xlsx') return file.size <= MAX_PEEKED_WORKBOOK ? await peekWorkbook(file) : null;
    if (binary) return null;
    return peekText(head.length < file.size ? wholeLines(head) : head, file.name);
  } catch {
    return null;
  }
}

function peekText(bytes: Uint8Array, name: string): TablePeek | null {
  const { utf8 } = decodeToUtf8(bytes, 'auto', name);
  const first = utf8.findIndex((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  if (first < 0 || utf8[first] === 0x5b || utf8[first] === 0x7b) return null;
  const delimiter = sniffDelimiter(utf8, fileExtension(name));
  const decoder = new TextDecoder();
  const records: string[][] = [];
  let current: string[] = [];
  tokenizeCsv(utf8, delimiter.charCodeAt(0), {
    field: (start, end, quoted) => {
      const text = decoder.decode(utf8.subarray(start, end));
      current.push(quoted ? text.replaceAll('""', '"') : text);
    },
    endRecord: () => {
      records.push(current);
      current = [];
      return records.length < PEEK_ROWS;
    },
    anomaly: () => undefined,
  });
  return fromRows(records);
}

async function peekWorkbook(file: SourceFile): Promise<TablePeek | null> {
  const sheets = (await readXlsxFile(await file.arrayBuffer())) as unknown as { data: unknown[][] }[];
  const data = sheets.find((s) => s.data.some((r) => r.some((c) => c !== null && c !== undefined)))?.data;
  if (!data) return null;
  return fromRows(data.slice(0, PEEK_ROWS).map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))));
}

function fromRows(rows: string[][]): TablePeek | null {
  const headerIndex = findHeaderRow(rows.map((r) => r.filter((c) => c.trim() !== '').length));
  if (headerIndex < 0) return null;
  const headers = (rows[headerIndex] ?? []).map((h) => h.trim());
  const mapping = { ...suggestPatrolMapping(headers), ...suggestCaseMapping(headers) };
  const coordinates: [number, number][] = [];
  if (mapping.lon !== undefined && mapping.lat !== undefined) {
    for (const row of rows.slice(headerIndex + 1)) {
      const lon = Number(row[mapping.lon]?.trim() || NaN);
      const lat = Number(row[mapping.lat]?.trim() || NaN);
      if (Number.isFinite(lon) && Number.isFinite(lat)) coordinates.push([lon, lat]);
    }
  }
  return { headers, coordinates };
}

/** The bytes up to the last line end: a cut in the middle of a character would look like another encoding. */
function wholeLines(bytes: Uint8Array): Uint8Array {
  const end = bytes.lastIndexOf(0x0a);
  return end > 0 ? bytes.subarray(0, end + 1) : bytes;
}
