/** Node-side helpers of the bench children: the generated files, arguments, memory, the result file. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceFile } from '../../src/core/import/source-file';
import type { BenchResult, MemorySample } from './measure';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface BenchArgs {
  dir: string;
  out: string;
  episodes: number;
  /** UTF-8 CSV only (no GBK, no Parquet) */
  light: boolean;
  /** also the imports end to end that the default leaves to the page (Node: GBK and Parquet) */
  full: boolean;
  /** also the engine's threaded build in a cross-origin isolated page */
  threads: boolean;
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dir = get('--dir');
  const out = get('--out');
  if (!dir || !out) throw new Error('usage: --dir DATA_DIR --out RESULT.json [--light | --full]');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    generator: { episodes: number };
  };
  return {
    dir,
    out,
    episodes: manifest.generator.episodes,
    light: argv.includes('--light'),
    full: argv.includes('--full'),
    threads: !argv.includes('--no-threads'),
  };
}

export const CASE_FILES = { csv: 'cases.csv', gbk: 'cases_gbk.csv', parquet: 'cases.parquet' } as const;
export type CaseFileKind = keyof typeof CASE_FILES;

/** A file on disk as the import reads it; arrayBuffer() reads the disk (inside the timed step). */
export function openDiskFile(file: string): SourceFile {
  return {
    name: path.basename(file),
    size: statSync(file).size,
    arrayBuffer: async () => {
      const b = await readFile(file);
      const whole = b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
      return (whole ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) as ArrayBuffer;
    },
  };
}

export function openSourceFile(dir: string, kind: CaseFileKind): SourceFile {
  return openDiskFile(path.join(dir, CASE_FILES[kind]));
}

export function readJson(relativeToRepo: string): unknown {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, relativeToRepo), 'utf8'));
}

export function sampleProcessMemory(id: string, duckdb?: number, note?: string): MemorySample {
  const m = process.memoryUsage();
  return {
    id,
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    ...(duckdb !== undefined ? { duckdb } : {}),
    ...(note ? { note } : {}),
  };
}

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function writeResult(out: string, result: BenchResult): void {
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
}
