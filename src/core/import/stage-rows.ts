import { Table, Utf8, makeData, makeVector, tableToIPC } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import type { DbConnector } from '../db/connector';
import { ident, joinSql, raw, sql } from '../sql/sql';

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
