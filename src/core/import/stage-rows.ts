import { Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
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

  /** Inserts every buffered row into the table. */
  async flush(): Promise<void> {
    this.seal();
    for (const ipc of this.sealed.splice(0)) await this.db.insertArrowIPC(this.table, ipc);
  }

  private seal(): void {
    if (this.rowNumbers.length === 0) return;
    const vectors: Record<string, Vector> = {};
    this.columns.forEach((values, i) => {
      vectors[columnName(i)] = vectorFromArray(values, new Utf8());
    });
    vectors.__row = vectorFromArray(this.rowNumbers, new Int32());
    this.sealed.push(tableToIPC(new Table(vectors), 'stream'));
    this.columns = Array.from({ length: this.width }, () => []);
    this.rowNumbers = [];
  }
}
