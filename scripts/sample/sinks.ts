/**
 * Chunked writers: rows are buffered and flushed to disk every ~chunk, so 10M episodes never sit in memory.
 * Parquet gets one row group per flushed chunk (hyparquet-writer's ParquetWriter with its Node file writer).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import iconv from 'iconv-lite';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';

export interface RowSink {
  write(fields: readonly string[]): void;
  close(): void;
}

/** Values are generated, never user text; quote defensively anyway (RFC 4180). */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function createCsvSink(
  paths: { utf8?: string; gb18030?: string },
  headers: readonly string[],
  chunkChars = 4_000_000,
): RowSink {
  const fds: { fd: number; encode: (s: string) => Buffer }[] = [];
  if (paths.utf8) fds.push({ fd: openSync(paths.utf8, 'w'), encode: (s) => Buffer.from(s, 'utf8') });
  if (paths.gb18030) fds.push({ fd: openSync(paths.gb18030, 'w'), encode: (s) => iconv.encode(s, 'gb18030') });
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length === 0) return;
    const text = parts.join('');
    for (const { fd, encode } of fds) writeSync(fd, encode(text));
    parts = [];
    size = 0;
  };
  const add = (line: string): void => {
    parts.push(line);
    size += line.length;
    if (size >= chunkChars) flush();
  };
  add(`${headers.map(csvField).join(',')}\n`);
  return {
    write(fields) {
      let line = '';
      for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i] ?? '');
      add(`${line}\n`);
    },
    close() {
      flush();
      for (const { fd } of fds) closeSync(fd);
    },
  };
}

/** All columns as nullable UTF-8 strings; an empty field becomes null. */
export function createParquetSink(path: string, headers: readonly string[], rowGroupRows = 100_000): RowSink {
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: [
      { name: 'root', num_children: headers.length },
      ...headers.map((name) => ({
        name,
        type: 'BYTE_ARRAY' as const,
        converted_type: 'UTF8' as const,
        repetition_type: 'OPTIONAL' as const,
      })),
    ],
    createdBy: 'outreach-atlas generate-sample',
  });
  let columns: (string | null)[][] = headers.map(() => []);
  let rows = 0;
  const flush = (): void => {
    if (rows === 0) return;
    const result = writer.write({
      columnData: headers.map((name, i) => ({ name, data: columns[i] ?? [] })),
      rowGroupSize: rows,
    });
    if (result instanceof Promise) throw new Error('unexpected asynchronous parquet writer');
    columns = headers.map(() => []);
    rows = 0;
  };
  return {
    write(fields) {
      for (let i = 0; i < headers.length; i++) {
        const v = fields[i] ?? '';
        columns[i]?.push(v === '' ? null : v);
      }
      rows++;
      if (rows >= rowGroupRows) flush();
    },
    close() {
      flush();
      const done = writer.finish();
      if (done instanceof Promise) throw new Error('unexpected asynchronous parquet writer');
    },
  };
}
