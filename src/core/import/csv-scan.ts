import { tokenizeCsv } from './csv-tokenizer';

export type Delimiter = ',' | '\t' | ';';

const CANDIDATES: readonly Delimiter[] = [',', '\t', ';'];
const SNIFF_RECORDS = 30;
const SNIFF_BYTES = 256 * 1024;

/**
 * Picks the delimiter that splits the header into the most stable field count over the first
 * records: consistency first, then the wider header. `.tsv`/`.tab` put the tab first on ties.
 */
export function sniffDelimiter(utf8: Uint8Array, extension: string): Delimiter {
  const sample = utf8.subarray(0, SNIFF_BYTES);
  const order: readonly Delimiter[] = extension === 'tsv' || extension === 'tab' ? ['\t', ',', ';'] : CANDIDATES;
  let best: Delimiter = order[0]!;
  let bestScore = -1;
  let bestWidth = 1;
  for (const d of order) {
    const counts: number[] = [];
    let fields = 0;
    tokenizeCsv(sample, d.charCodeAt(0), {
      field: () => void fields++,
      endRecord: () => {
        counts.push(fields);
        fields = 0;
        return counts.length < SNIFF_RECORDS;
      },
      anomaly: () => undefined,
    });
    const width = counts[0] ?? 1;
    if (width < 2) continue;
    // The last sampled record may be cut by the sample boundary.
    const rest = counts.slice(1, sample.length < utf8.length ? -1 : undefined);
    const score = rest.length === 0 ? 1 : rest.filter((c) => c === width).length / rest.length;
    if (score > bestScore || (score === bestScore && width > bestWidth)) {
      best = d;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

export interface CsvStructure {
  headers: string[];
  /** data records, not counting the header and blank lines at the end */
  dataRecords: number;
  maxFields: number;
  /** non-blank records with fewer fields than the header (they are padded with NULL) */
  missingFieldRows: number;
  missingFieldFirstRow: number;
  /** rows with a quote that does not close on its own line (read literally; the next lines stay rows) */
  unclosedQuoteRows: number;
  unclosedQuoteFirstRow: number;
  unclosedQuoteFirstLine: number;
  /** rows with text after a closing quote */
  brokenQuoteRows: number;
  brokenQuoteFirstRow: number;
  brokenQuoteFirstLine: number;
  strayQuotes: boolean;
  /** an empty line before the last data record (read_csv skips those, which would shift row numbers) */
  blankLineInside: boolean;
  /** per column: some data field starts or ends with a space separator, so the column needs trim() */
  spacedColumns: boolean[];
  /**
   * per column: some data field could be a resident ID or mobile number (see mayBeIdNumber); the
   * personal-data guard checks only these columns' values
   */
  idLikeColumns: boolean[];
}

/**
 * One pass over the bytes, no strings built except the header: counts and anomalies that decide
 * whether DuckDB's read_csv can load the file exactly, and what the warnings say.
 */
export function scanCsvStructure(utf8: Uint8Array, delimiter: Delimiter): CsvStructure {
  const decoder = new TextDecoder();
  const s: CsvStructure = {
    headers: [],
    dataRecords: 0,
    maxFields: 0,
    missingFieldRows: 0,
    missingFieldFirstRow: 0,
    unclosedQuoteRows: 0,
    unclosedQuoteFirstRow: 0,
    unclosedQuoteFirstLine: 0,
    brokenQuoteRows: 0,
    brokenQuoteFirstRow: 0,
    brokenQuoteFirstLine: 0,
    strayQuotes: false,
    blankLineInside: false,
    spacedColumns: [],
    idLikeColumns: [],
  };
  let record = 0;
  let fields = 0;
  let blank = false;
  let broken = false;
  let unclosed = false;
  let lastNonBlank = 0;
  let blankSeen = false;
  tokenizeCsv(utf8, delimiter.charCodeAt(0), {
    field(start, end, quoted) {
      if (record === 0) s.headers.push(decodeField(decoder, utf8, start, end, quoted));
      else if (end > start) {
        if (!s.spacedColumns[fields] && (startsWithSpace(utf8, start, end) || endsWithSpace(utf8, start, end))) {
          s.spacedColumns[fields] = true;
        }
        if (!s.idLikeColumns[fields] && end - start >= 11 && mayBeIdNumber(utf8, start, end)) {
          s.idLikeColumns[fields] = true;
        }
      }
      blank = fields === 0 && !quoted && end === start;
      fields++;
    },
    endRecord(line) {
      if (fields > s.maxFields) s.maxFields = fields;
      const isBlank = blank && fields === 1;
      if (record > 0 && isBlank) blankSeen = true;
      if (record > 0 && !isBlank) {
        if (blankSeen) s.blankLineInside = true;
        lastNonBlank = record;
        if (fields < s.headers.length) {
          if (s.missingFieldRows++ === 0) s.missingFieldFirstRow = record;
        }
      }
      if (unclosed && s.unclosedQuoteRows++ === 0) {
        s.unclosedQuoteFirstRow = record;
        s.unclosedQuoteFirstLine = line;
      }
      if (broken && s.brokenQuoteRows++ === 0) {
        s.brokenQuoteFirstRow = record;
        s.brokenQuoteFirstLine = line;
      }
      record++;
      fields = 0;
      broken = false;
      unclosed = false;
    },
    anomaly(kind) {
      if (kind === 'unclosedQuote') unclosed = true;
      else if (kind === 'brokenQuote') broken = true;
      else s.strayQuotes = true;
    },
  });
  s.dataRecords = lastNonBlank;
  return s;
}

/*
 * The space separators DuckDB's trim() strips (Unicode category Zs) in UTF-8: 20; C2 A0; E1 9A 80;
 * E2 80 80–8A, E2 80 AF, E2 81 9F; E3 80 80.
 */
function isSpace2(b: Uint8Array, i: number): boolean {
  return b[i] === 0xc2 && b[i + 1] === 0xa0;
}

function isSpace3(b: Uint8Array, i: number): boolean {
  const [c, c1, c2] = [b[i], b[i + 1], b[i + 2]!];
  if (c === 0xe1) return c1 === 0x9a && c2 === 0x80;
  if (c === 0xe2) return (c1 === 0x80 && ((c2 >= 0x80 && c2 <= 0x8a) || c2 === 0xaf)) || (c1 === 0x81 && c2 === 0x9f);
  return c === 0xe3 && c1 === 0x80 && c2 === 0x80;
}

function startsWithSpace(b: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  return b[start] === 0x20 || (n >= 2 && isSpace2(b, start)) || (n >= 3 && isSpace3(b, start));
}

function endsWithSpace(b: Uint8Array, start: number, end: number): boolean {
  const n = end - start;
  return b[end - 1] === 0x20 || (n >= 2 && isSpace2(b, end - 2)) || (n >= 3 && isSpace3(b, end - 3));
}

/**
 * Could the field be a resident ID or a mobile number once trimmed: 11 to 18 characters of digits, X, '+',
 * '-' and spaces (what pii-sql.ts accepts). Most fields fail at their first or second byte.
 */
function mayBeIdNumber(b: Uint8Array, start: number, end: number): boolean {
  let s = start;
  let e = end;
  for (;;) {
    if (b[s] === 0x20) s++;
    else if (e - s >= 2 && isSpace2(b, s)) s += 2;
    else if (e - s >= 3 && isSpace3(b, s)) s += 3;
    else break;
  }
  for (;;) {
    if (e > s && b[e - 1] === 0x20) e--;
    else if (e - s >= 2 && isSpace2(b, e - 2)) e -= 2;
    else if (e - s >= 3 && isSpace3(b, e - 3)) e -= 3;
    else break;
  }
  if (e - s < 11 || e - s > 18) return false;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x20 || c === 0x58 || c === 0x78)) return false;
  }
  return true;
}

export function decodeField(
  decoder: TextDecoder,
  utf8: Uint8Array,
  start: number,
  end: number,
  quoted: boolean,
): string {
  const text = decoder.decode(utf8.subarray(start, end));
  return quoted ? text.replaceAll('""', '"') : text;
}
