import { tokenizeCsv } from './csv-tokenizer';
import type { ImportMessage } from './source-file';

export interface NulFree {
  /** the text without its NUL bytes (the same array when it had none) */
  utf8: Uint8Array;
  /** NUL bytes removed */
  removed: number;
  /** offsets in `utf8` where a run of NUL bytes stood, ascending */
  runsAt: number[];
}

/**
 * Removes NUL (U+0000) bytes from UTF-8 text. Exports carry them from fixed-width database fields or a
 * write cut short; no field value means them, and the CSV engine would stop at them.
 */
export function removeNulBytes(utf8: Uint8Array): NulFree {
  const first = utf8.indexOf(0);
  if (first < 0) return { utf8, removed: 0, runsAt: [] };
  const out = new Uint8Array(utf8.length);
  const runsAt: number[] = [];
  let o = 0;
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i]!;
    if (b !== 0) out[o++] = b;
    else if (i === 0 || utf8[i - 1] !== 0) runsAt.push(o);
  }
  return { utf8: out.subarray(0, o), removed: utf8.length - o, runsAt };
}

/**
 * The warning for removed NUL bytes, naming the first row that held them as the other CSV warnings do
 * (data rows counted from 1 under the header, with the file's physical line).
 */
export function describeRemovedNulBytes(nul: NulFree, delimiter: string, file: string): ImportMessage | null {
  if (nul.removed === 0) return null;
  const { rows, firstRecord, firstLine } = locateRecords(nul.utf8, delimiter, nul.runsAt);
  if (firstRecord === 0) {
    return { key: 'import.warning.nulBytesInHeader', params: { file, bytes: nul.removed, rows } };
  }
  return {
    key: 'import.warning.nulBytes',
    params: { file, bytes: nul.removed, rows, firstRow: firstRecord, firstLine },
  };
}

/** Records (0 = header) holding the given offsets: how many, and the first with its starting line. */
function locateRecords(
  utf8: Uint8Array,
  delimiter: string,
  offsets: readonly number[],
): { rows: number; firstRecord: number; firstLine: number } {
  let rows = 0;
  let firstRecord = -1;
  let firstLine = 0;
  let lastHit = -1;
  let next = 0;
  let record = -1;
  let recordLine = 1;
  let atRecordStart = true;
  const hit = () => {
    if (record === lastHit) return;
    lastHit = record;
    rows++;
    if (firstRecord < 0) {
      firstRecord = record;
      firstLine = recordLine;
    }
  };
  tokenizeCsv(utf8, delimiter.charCodeAt(0), {
    field(start) {
      if (!atRecordStart) return;
      // Offsets before this record's first byte belong to the record before it.
      for (; next < offsets.length && offsets[next]! < start; next++) if (record >= 0) hit();
      record++;
      atRecordStart = false;
    },
    endRecord(line) {
      recordLine = line;
      atRecordStart = true;
    },
    anomaly: () => undefined,
  });
  for (; next < offsets.length; next++) hit();
  return { rows, firstRecord: Math.max(firstRecord, 0), firstLine };
}
