import type { DbConnector } from '../db/connector';
import { formatPlainNumber, stringifyNested } from './format-value';
import { ImportError } from './source-file';
import type { ImportMessage } from './source-file';
import { createStageTable, StageRowWriter } from './stage-rows';

type JsonRow = Record<string, unknown>;

export interface StagedJson {
  headers: string[];
  width: number;
  warnings: ImportMessage[];
}

/**
 * A JSON array of objects, NDJSON (one object a line), or one object wrapping such an array
 * (`{"data": [...]}`). Headers are the union of keys in first-seen order.
 */
export async function stageJson(db: DbConnector, utf8: Uint8Array, table: string, file: string): Promise<StagedJson> {
  const text = new TextDecoder().decode(utf8);
  const warnings: ImportMessage[] = [];
  const rows = parseJsonRows(text, file, warnings);
  const keys = new Map<string, number>();
  for (const row of rows) for (const k of Object.keys(row)) if (!keys.has(k)) keys.set(k, keys.size);
  if (keys.size === 0) throw new ImportError({ key: 'import.error.emptyFile', params: { file } });
  const headers = [...keys.keys()];
  await createStageTable(db, table, headers.length);
  const writer = new StageRowWriter(db, table, headers.length);
  rows.forEach((row, i) => {
    writer.push(
      headers.map((k) => formatJsonValue(row[k])),
      i + 1,
    );
  });
  await writer.flush();
  return { headers, width: headers.length, warnings };
}

function parseJsonRows(text: string, file: string, warnings: ImportMessage[]): JsonRow[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) return asRows(parseOrThrow(trimmed, file), file);
  const lines = trimmed.split(/\r?\n/);
  const first = lines[0] ?? '';
  if (isCompleteJson(first)) {
    const rows: JsonRow[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const v = parseOrThrow(line, file, i + 1);
      if (!isRow(v)) throw new ImportError({ key: 'import.error.jsonNotRows', params: { file, line: i + 1 } });
      rows.push(v);
    });
    return rows;
  }
  const whole = parseOrThrow(trimmed, file);
  if (!isRow(whole)) throw new ImportError({ key: 'import.error.jsonNotRows', params: { file } });
  for (const [property, v] of Object.entries(whole)) {
    if (Array.isArray(v) && v.length > 0 && v.every(isRow)) {
      warnings.push({ key: 'import.warning.jsonRowsFromProperty', params: { file, property } });
      return v;
    }
  }
  return [whole];
}

function asRows(v: unknown, file: string): JsonRow[] {
  if (!Array.isArray(v) || !v.every(isRow)) {
    throw new ImportError({ key: 'import.error.jsonNotRows', params: { file } });
  }
  return v;
}

function parseOrThrow(text: string, file: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ImportError({ key: 'import.error.jsonSyntax', params: line === undefined ? { file } : { file, line } });
  }
}

function isCompleteJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function isRow(v: unknown): v is JsonRow {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSON numbers arrive as doubles: integers beyond 2^53 are already rounded by JSON.parse. */
function formatJsonValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatPlainNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return stringifyNested(v);
}
