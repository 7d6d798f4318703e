import type { DbConnector } from '../db/connector';
import { fileExtension } from './detect-format';
import type { SourceFile } from './source-file';

/**
 * Engine memory an import needs at its peak, per byte of file: while a file is loaded its parsed rows, the
 * rows being inserted and the work tables are all held uncompressed, before the loaded table is compressed
 * (measured with `npm run bench`: a 221 MB CSV of 1M episodes peaks at 0.92 GB, docs/benchmarks.md).
 * Compressed formats hold more rows per byte.
 */
const PEAK_BYTES_PER_FILE_BYTE: Readonly<Record<string, number>> = {
  csv: 4.5,
  tsv: 4.5,
  txt: 4.5,
  json: 3,
  ndjson: 3,
  xlsx: 25,
  parquet: 25,
};
const DEFAULT_FACTOR = 5;
/** Headroom for the queries that run meanwhile. */
const MARGIN = 0.9;

export interface MemoryFit {
  /** bytes the import of the file is expected to need at its peak */
  needed: number;
  /** bytes the engine can still use (its memory limit less what it holds now) */
  available: number;
  fits: boolean;
}

/** '3.1 GiB' → bytes (the engine's own setting text). */
export function parseMemorySize(text: string): number | null {
  const m = /^\s*([\d.]+)\s*([KMGT]?i?B|bytes?)\s*$/i.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = (m[2] ?? '').toUpperCase();
  const power = { B: 0, BYTE: 0, BYTES: 0, K: 1, M: 2, G: 3, T: 4 }[unit.replace(/I?B$/, '') || 'B'] ?? 0;
  const base = unit.includes('I') ? 1024 : 1000;
  return Number.isFinite(value) ? value * base ** power : null;
}

/**
 * Whether importing `file` fits in the engine's memory, judged from its size before anything is read: the
 * tab would otherwise fail half-way (an in-memory database cannot spill to disk).
 */
export async function checkImportFits(db: DbConnector, file: Pick<SourceFile, 'name' | 'size'>): Promise<MemoryFit> {
  const [row] = await db.query<{ limit_text: string; used: number }>(
    `SELECT current_setting('memory_limit') AS limit_text,
      CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) AS used FROM duckdb_memory()`,
  );
  const limit = parseMemorySize(String(row?.limit_text ?? '')) ?? Infinity;
  const available = Math.max(0, limit * MARGIN - Number(row?.used ?? 0));
  const needed = file.size * (PEAK_BYTES_PER_FILE_BYTE[fileExtension(file.name)] ?? DEFAULT_FACTOR);
  return { needed, available, fits: needed <= available };
}
