import type { DbConnector } from '../db/connector';
import { sniffDelimiter } from './csv-scan';
import { decodeToUtf8 } from './decode-text';
import { detectBinaryFormat, detectTextFormat, fileExtension } from './detect-format';
import { dropStageTable, finishStage } from './finish-stage';
import { describeRemovedNulBytes, removeNulBytes } from './nul-bytes';
import { ImportError, MAX_FILE_BYTES, throwIfAborted } from './source-file';
import type { ImportMessage, SourceFile, StagedFile, StageOptions, StageProgress } from './source-file';
import { materializeLazyCsv, stageCsv } from './stage-csv';
import { stageJson } from './stage-json';
import { stageParquet } from './stage-parquet';
import { stageXlsx } from './stage-xlsx';

/**
 * Reads one export file into the DuckDB table `table` (replaced if it exists): columns c0..c{n-1}
 * VARCHAR plus __row, headers kept apart. Mapping headers to canonical columns happens later.
 */
export async function stageFile(
  db: DbConnector,
  file: SourceFile,
  table: string,
  opts: StageOptions = {},
): Promise<StagedFile> {
  const name = file.name;
  const total = file.size;
  const progress = (phase: StageProgress['phase'], done: boolean) =>
    opts.onProgress?.({ phase, bytesDone: done ? total : 0, bytesTotal: total });
  if (total > MAX_FILE_BYTES) {
    throw new ImportError({ key: 'import.error.tooLarge', params: { file: name, size: total, limit: MAX_FILE_BYTES } });
  }
  if (total === 0) throw new ImportError({ key: 'import.error.emptyFile', params: { file: name } });
  throwIfAborted(opts.signal, name);
  progress('read', false);
  const buffer = await file.arrayBuffer();
  progress('read', true);
  throwIfAborted(opts.signal, name);
  try {
    const staged = await stageBuffer(db, file, buffer, table, opts, progress);
    if (opts.signal?.aborted && staged.registeredPath) await db.dropFile(staged.registeredPath);
    throwIfAborted(opts.signal, name);
    return staged;
  } catch (e) {
    await dropStageTable(db, table);
    if (opts.signal?.aborted) throw new ImportError({ key: 'import.cancelled', params: { file: name } });
    if (e instanceof ImportError) throw e;
    throw new ImportError({ key: 'import.error.unreadable', params: { file: name } });
  }
}

async function stageBuffer(
  db: DbConnector,
  file: SourceFile,
  buffer: ArrayBuffer,
  table: string,
  opts: StageOptions,
  progress: (phase: StageProgress['phase'], done: boolean) => void,
): Promise<StagedFile> {
  const name = file.name;
  const bytes = new Uint8Array(buffer);
  const binary = detectBinaryFormat(bytes, name);
  const base = { fileName: name, table };
  if (binary === 'xlsx') {
    progress('parse', false);
    const x = await stageXlsx(db, buffer, table, name, opts.sheet);
    const done = await finishStage(db, table, x.headers, x.width, name);
    progress('parse', true);
    const { sheet, sheets, headerRowNumber } = x;
    return {
      ...base,
      format: 'xlsx',
      ...done,
      sheet,
      sheets,
      headerRowNumber,
      warnings: [...x.warnings, ...done.warnings],
    };
  }
  if (binary === 'parquet') {
    progress('parse', false);
    const p = await stageParquet(db, buffer, table, name);
    const done = await finishStage(db, table, p.headers, p.width, name);
    progress('parse', true);
    return { ...base, format: 'parquet', ...done };
  }
  progress('decode', false);
  const text = decodeToUtf8(bytes, opts.encoding ?? 'auto', name);
  progress('decode', true);
  throwIfAborted(opts.signal, name);
  if (isBlankText(text.utf8)) throw new ImportError({ key: 'import.error.emptyFile', params: { file: name } });
  const warnings: ImportMessage[] = [...text.warnings];
  progress('parse', false);
  if (detectTextFormat(text.utf8) === 'json') {
    const j = await stageJson(db, text.utf8, table, name);
    const done = await finishStage(db, table, j.headers, j.width, name);
    progress('parse', true);
    return {
      ...base,
      format: 'json',
      encoding: text.encoding,
      ...done,
      warnings: [...warnings, ...j.warnings, ...done.warnings],
    };
  }
  const nul = removeNulBytes(text.utf8);
  const delimiter =
    !opts.delimiter || opts.delimiter === 'auto' ? sniffDelimiter(nul.utf8, fileExtension(name)) : opts.delimiter;
  const nulWarning = describeRemovedNulBytes(nul, delimiter, name);
  if (nulWarning) warnings.push(nulWarning);
  const reload = async () =>
    removeNulBytes(decodeToUtf8(new Uint8Array(await file.arrayBuffer()), text.encoding, name).utf8).utf8;
  const c = await stageCsv(
    db,
    nul.utf8,
    delimiter,
    table,
    name,
    (cancel) => onAbort(opts.signal, cancel),
    reload,
    opts.lazyCsv,
  );
  const csv = { ...base, format: 'csv' as const, encoding: text.encoding, delimiter };
  const staged = async (): Promise<StagedFile> => {
    const done = await finishStage(db, table, c.headers, c.headerFields, name);
    return { ...csv, ...done, warnings: [...warnings, ...c.warnings, ...done.warnings] };
  };
  if (c.lazy) {
    progress('parse', true);
    const lazy = c.lazy;
    const materialize = async (): Promise<StagedFile> => {
      await materializeLazyCsv(db, lazy, delimiter, table, c.headers.length, reload);
      return staged();
    };
    return {
      ...csv,
      headers: c.headers,
      relation: lazy.relation,
      registeredPath: lazy.path,
      materialize,
      hints: lazy.hints,
      rowCount: lazy.rows,
      warnings: [...warnings, ...c.warnings],
    };
  }
  const result = await staged();
  progress('parse', true);
  return result;
}

function onAbort(signal: AbortSignal | undefined, cancel: () => void): () => void {
  if (!signal) return () => undefined;
  signal.addEventListener('abort', cancel);
  return () => signal.removeEventListener('abort', cancel);
}

function isBlankText(utf8: Uint8Array): boolean {
  for (const b of utf8) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}
