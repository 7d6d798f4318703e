import { parquetMetadata, parquetRead, parquetReadObjects, parquetSchema } from 'hyparquet';
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
  const formatters = columns.map(columnFormatter);
  await createStageTable(db, table, headers.length);
  const writer = new StageRowWriter(db, table, headers.length);
  const flat = parquetSchema(metadata).children.every((c) => c.children.length === 0);
  try {
    if (flat) await stageByColumns(buffer, metadata, headers, formatters, writer);
    else await stageByRows(buffer, metadata, headers, formatters, writer);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError({ key: 'import.error.unreadable', params: { file } });
  }
  await writer.flush();
  return { headers, width: headers.length };
}

type Formatter = (v: unknown) => string | null;

/**
 * Flat files are read one row group at a time, column by column: no object per row, so 1M rows
 * stage in seconds rather than a minute.
 */
async function stageByColumns(
  buffer: ArrayBuffer,
  metadata: FileMetaData,
  headers: string[],
  formatters: Formatter[],
  writer: StageRowWriter,
): Promise<void> {
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const columns = headers.map(() => new Array<string | Uint8Array | null>(end - start).fill(null));
    await parquetRead({
      file: buffer,
      metadata,
      rowStart: start,
      rowEnd: end,
      // Text stays UTF-8 bytes (copied into Arrow as they are) instead of becoming a string per value and
      // being encoded again: decoding was most of the time of a Parquet import.
      parsers: { stringFromBytes: (bytes: Uint8Array) => bytes },
      onChunk: ({ columnName, columnData, rowStart }) => {
        const c = headers.indexOf(columnName);
        if (c < 0) return;
        const format = formatters[c]!;
        const out = columns[c]!;
        for (let i = Math.max(0, start - rowStart); i < columnData.length && rowStart + i < end; i++) {
          const v: unknown = columnData[i];
          out[rowStart + i - start] = v instanceof Uint8Array ? v : format(v);
        }
      },
    });
    writer.pushEncodedColumns(columns, start + 1);
    start = end;
  }
}

async function stageByRows(
  buffer: ArrayBuffer,
  metadata: FileMetaData,
  headers: string[],
  formatters: Formatter[],
  writer: StageRowWriter,
): Promise<void> {
  const rows = await parquetReadObjects({ file: buffer, metadata });
  rows.forEach((row, i) => {
    writer.push(
      headers.map((h, c) => formatters[c]!(row[h])),
      i + 1,
    );
  });
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
