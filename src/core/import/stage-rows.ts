import { Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import { ident, joinSql, raw, sql } from '../sql/sql';
import { isValidUtf8 } from './decode-text';

const BATCH_ROWS = 50_000;

export function columnName(i: number): string {
  return `c${i}`;
}

/** CREATE OR REPLACE the staging table: c0..c{n-1} VARCHAR, __row INTEGER. */
export async function createStageTable(db: DbConnector, table: string, width: number): Promise<void> {
  const cols = Array.from({ length: width }, (_, i) => sql`${ident(columnName(i))} VARCHAR`);
  await db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} (${joinSql([...cols, raw('__row INTEGER')])})`.text);
}

/**
 * Appends rows read in JavaScript (XLSX, JSON, Parquet, broken CSV) through Arrow IPC in batches.
 * Values are trimmed and '' becomes NULL here, as read_csv's path does in SQL.
 */
export class StageRowWriter {
  private columns: (string | null)[][];
  private rowNumbers: number[] = [];
  private readonly sealed: Uint8Array[] = [];

  constructor(
    private readonly db: DbConnector,
    private readonly table: string,
    private readonly width: number,
    private readonly trim: (s: string) => string = (s) => s.trim(),
  ) {
    this.columns = Array.from({ length: width }, () => []);
  }

  /** Buffers one row; a full batch is serialised to Arrow IPC at once, so callers may stay synchronous. */
  push(values: readonly (string | null | undefined)[], rowNumber: number): void {
    for (let i = 0; i < this.width; i++) {
      const v = values[i];
      const t = v == null ? '' : this.trim(v);
      this.columns[i]!.push(t === '' ? null : t);
    }
    this.rowNumbers.push(rowNumber);
    if (this.rowNumbers.length >= BATCH_ROWS) this.seal();
  }

  /** Buffers a block of rows given column by column; rows are numbered from `firstRowNumber`. */
  pushColumns(columns: readonly (readonly (string | null | undefined)[])[], firstRowNumber: number): void {
    const n = columns[0]?.length ?? 0;
    for (let from = 0; from < n;) {
      const to = Math.min(n, from + BATCH_ROWS - this.rowNumbers.length);
      for (let c = 0; c < this.width; c++) {
        const source = columns[c];
        const target = this.columns[c]!;
        for (let r = from; r < to; r++) {
          const v = source?.[r];
          const t = v == null ? '' : this.trim(v);
          target.push(t === '' ? null : t);
        }
      }
      for (let r = from; r < to; r++) this.rowNumbers.push(firstRowNumber + r);
      if (this.rowNumbers.length >= BATCH_ROWS) this.seal();
      from = to;
    }
  }

  /**
   * Appends a block of rows given column by column, each value either text or UTF-8 bytes (a Parquet reader's
   * strings, never decoded: most are copied as they are); rows are numbered from `firstRowNumber`.
   */
  pushEncodedColumns(
    columns: readonly (readonly (string | Uint8Array | null | undefined)[])[],
    firstRowNumber: number,
  ): void {
    this.seal();
    const n = columns[0]?.length ?? 0;
    const vectors: Record<string, Vector> = {};
    for (let c = 0; c < this.width; c++) vectors[columnName(c)] = encodedUtf8Vector(columns[c] ?? [], n, this.trim);
    vectors.__row = makeVector(Int32Array.from({ length: n }, (_, r) => firstRowNumber + r));
    this.sealed.push(tableToIPC(new Table(vectors), 'stream'));
  }

  /** Inserts every buffered row into the table. */
  async flush(): Promise<void> {
    this.seal();
    for (const ipc of this.sealed.splice(0)) await this.db.insertArrowIPC(this.table, ipc);
  }

  private seal(): void {
    if (this.rowNumbers.length === 0) return;
    const vectors: Record<string, Vector> = {};
    this.columns.forEach((values, i) => {
      vectors[columnName(i)] = utf8Vector(values);
    });
    // Not vectorFromArray: apache-arrow's builders compile their null check with new Function, which the
    // Content-Security-Policy (no 'unsafe-eval') refuses.
    vectors.__row = makeVector(Int32Array.from(this.rowNumbers));
    this.sealed.push(tableToIPC(new Table(vectors), 'stream'));
    this.columns = Array.from({ length: this.width }, () => []);
    this.rowNumbers = [];
  }
}

const encoder = new TextEncoder();

/**
 * A Utf8 Arrow vector written straight into its buffers: apache-arrow's generic builder
 * (vectorFromArray) spends about 1 µs a string, 18 s for a 1M × 18 file.
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const validity = new Uint8Array(Math.ceil(n / 8));
  let capacity = 0;
  for (const v of values) if (v !== null) capacity += v.length * 3;
  const bytes = new Uint8Array(capacity);
  let nullCount = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nullCount++;
    else {
      validity[i >> 3]! |= 1 << (i & 7);
      pos += encoder.encodeInto(v, bytes.subarray(pos)).written;
    }
    offsets[i + 1] = pos;
  }
  const data = makeData({
    type: new Utf8(),
    length: n,
    nullCount,
    nullBitmap: validity,
    valueOffsets: offsets,
    data: bytes.subarray(0, pos),
  });
  return makeVector(data);
}

const decoder = new TextDecoder();

/** Whitespace a JavaScript trim() may strip at the start of UTF-8 bytes (ASCII controls and space, or a lead byte of U+00A0, U+1680, U+2000–U+205F, U+3000, U+FEFF). */
function mayStartWithSpace(b: Uint8Array): boolean {
  const c = b[0]!;
  return c <= 0x20 || c === 0xc2 || c === 0xe1 || c === 0xe2 || c === 0xe3 || c === 0xef;
}

/** The same at the end: the last byte of such a character. */
function mayEndWithSpace(b: Uint8Array): boolean {
  const c = b[b.length - 1]!;
  return (
    c <= 0x20 ||
    c === 0xa0 ||
    c === 0x80 ||
    (c >= 0x81 && c <= 0x8a) ||
    c === 0xa8 ||
    c === 0xa9 ||
    c === 0xaf ||
    c === 0x9f ||
    c === 0xbf
  );
}

/**
 * A Utf8 vector of `n` values given as text or as UTF-8 bytes, trimmed by `trim` and '' → NULL as
 * StageRowWriter.push does. Bytes without possible surrounding spaces are copied without decoding; the few
 * others (and every value, if the bytes are not valid UTF-8) are decoded, trimmed and encoded.
 */
function encodedUtf8Vector(
  values: readonly (string | Uint8Array | null | undefined)[],
  n: number,
  trim: (s: string) => string,
): Vector<Utf8> {
  const text = (v: string | Uint8Array): string => {
    const t = trim(typeof v === 'string' ? v : decoder.decode(v));
    return t;
  };
  const build = (
    decodeAll: boolean,
  ): { data: Uint8Array; offsets: Int32Array; validity: Uint8Array; nulls: number } => {
    let capacity = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v != null) capacity += typeof v === 'string' ? v.length * 3 : v.byteLength * (decodeAll ? 3 : 1);
    }
    const data = new Uint8Array(capacity);
    const offsets = new Int32Array(n + 1);
    const validity = new Uint8Array(Math.ceil(n / 8));
    let nulls = 0;
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (
        typeof v === 'string' ||
        (v instanceof Uint8Array && (decodeAll || mayStartWithSpace(v) || mayEndWithSpace(v)))
      ) {
        const t = v instanceof Uint8Array && v.byteLength === 0 ? '' : text(v);
        if (t === '') nulls++;
        else {
          validity[i >> 3]! |= 1 << (i & 7);
          pos += encoder.encodeInto(t, data.subarray(pos)).written;
        }
      } else if (v instanceof Uint8Array && v.byteLength > 0) {
        validity[i >> 3]! |= 1 << (i & 7);
        data.set(v, pos);
        pos += v.byteLength;
      } else nulls++;
      offsets[i + 1] = pos;
    }
    return { data: data.subarray(0, pos), offsets, validity, nulls };
  };
  let built = build(false);
  if (!isValidUtf8(built.data)) built = build(true);
  return makeVector(
    makeData({
      type: new Utf8(),
      length: n,
      nullCount: built.nulls,
      nullBitmap: built.validity,
      valueOffsets: built.offsets,
      data: built.data,
    }),
  );
}
