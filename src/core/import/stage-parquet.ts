import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { FileMetaData, SchemaElement } from 'hyparquet';
import type { DbConnector } from '../db/connector';
import { formatDateOnly, formatDecimal, formatPlainNumber, formatWallClock, stringifyNested } from './format-value';
import { ImportError } from './source-file';
import { createStageTable, StageRowWriter } from './stage-rows';

/** hyparquet decodes these by itself; others need hyparquet-compressors, which is not bundled. */
const CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);
const CST_OFFSET_MS = 8 * 3600 * 1000;

export interface StagedParquet {
  headers: string[];
  width: number;
}

/**
 * Reads Parquet with hyparquet (DuckDB-WASM's parquet extension is downloaded at run time, so it is
 * unavailable offline) and appends every value as text. UTC-adjusted timestamps are shown in China
 * Standard Time; naive ones (isAdjustedToUTC=false, legacy converted types, INT96) keep their fields.
 */
export async function stageParquet(
  db: DbConnector,
  buffer: ArrayBuffer,
  table: string,
  file: string,
): Promise<StagedParquet> {
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch {
    throw new ImportError({ key: 'import.error.unreadable', params: { file } });
  }
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec && !CODECS.has(codec)) {
        throw new ImportError({ key: 'import.error.parquetCodec', params: { file, codec } });
      }
    }
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element);
  const headers = columns.map((c) => c.name);
  if (headers.length === 0) throw new ImportError({ key: 'import.error.emptyFile', params: { file } });
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: buffer, metadata });
  } catch {
    throw new ImportError({ key: 'import.error.unreadable', params: { file } });
  }
  const formatters = columns.map(columnFormatter);
  await createStageTable(db, table, headers.length);
  const writer = new StageRowWriter(db, table, headers.length);
  rows.forEach((row, i) => {
    writer.push(
      headers.map((h, c) => formatters[c]!(row[h])),
      i + 1,
    );
  });
  await writer.flush();
  return { headers, width: headers.length };
}

function columnFormatter(e: SchemaElement): (v: unknown) => string | null {
  const lt = e.logical_type;
  if (e.converted_type === 'DATE' || lt?.type === 'DATE') return dated(formatDateOnly);
  if (lt?.type === 'TIMESTAMP' && lt.isAdjustedToUTC) return dated((ms) => formatWallClock(ms + CST_OFFSET_MS));
  if (e.converted_type === 'DECIMAL' || lt?.type === 'DECIMAL') {
    const scale = e.scale ?? (lt?.type === 'DECIMAL' ? lt.scale : 0);
    return (v) => (typeof v === 'number' ? formatDecimal(v, scale) : formatAny(v));
  }
  return formatAny;
}

function dated(format: (ms: number) => string): (v: unknown) => string | null {
  return (v) => (v instanceof Date ? format(v.getTime()) : formatAny(v));
}

function formatAny(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatPlainNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return formatWallClock(v.getTime());
  return stringifyNested(v);
}
