/** The two ingest steps as the app runs them: stageFile alone (with its phases) and importFiles end to end. */
import type { DbConnector } from '../../src/core/db/connector';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { importFiles } from '../../src/core/import/import-pipeline';
import { stageFile } from '../../src/core/import/stage-file';
import type { SourceFile, StagedFile } from '../../src/core/import/source-file';

export type OriginResolver = (texts: string[]) => Map<string, string | null>;

/** The GB/T 2260 resolver the app builds from public/geo (read through `load`: disk in Node, fetch in the page). */
export async function loadOriginResolver(load: (path: string) => unknown | Promise<unknown>): Promise<OriginResolver> {
  const [table, changes] = await Promise.all([load('public/geo/gb2260.json'), load('public/geo/gb2260-changes.json')]);
  return createOriginResolver(loadGb2260(table, changes));
}

/** Times the phases of a progress stream: each phase runs from its first event to the next phase's first. */
function createPhaseClock(): { mark(phase: string): void; durations(): [string, number][]; summary(): string } {
  const marks: [string, number][] = [];
  const durations = (): [string, number][] => {
    const end = performance.now();
    return marks.map(([phase, t], i) => [phase, (marks[i + 1]?.[1] ?? end) - t]);
  };
  return {
    mark(phase) {
      if (marks.at(-1)?.[0] !== phase) marks.push([phase, performance.now()]);
    },
    durations,
    summary: () =>
      durations()
        .map(([phase, ms]) => `${phase} ${Math.round(ms)} ms`)
        .join(', '),
  };
}

const STAGE_PHASES = new Set(['read', 'decode', 'parse']);

/** stageFile with the time spent in each of its phases (read, decode, parse). */
export async function stageWithPhases(
  db: DbConnector,
  file: SourceFile,
  table: string,
): Promise<{ staged: StagedFile; phases: string }> {
  const clock = createPhaseClock();
  const staged = await stageFile(db, file, table, { onProgress: (p) => clock.mark(p.phase) });
  return { staged, phases: clock.summary() };
}

export interface ImportedFile {
  episodes: number;
  /** the staging part of the import (its read, decode and parse phases: stageFile inside importFiles) */
  stageMs: number;
  note: string;
}

/** importFiles on one cases file, with its phases; throws when the file was refused or failed. */
export async function importCaseFile(
  db: DbConnector,
  file: SourceFile,
  resolveOrigin: OriginResolver,
): Promise<ImportedFile> {
  const clock = createPhaseClock();
  const out = await importFiles(db, [file], { resolveOrigin, onProgress: (p) => clock.mark(p.phase) });
  const phases = clock.summary();
  const stageMs = clock.durations().reduce((sum, [phase, ms]) => sum + (STAGE_PHASES.has(phase) ? ms : 0), 0);
  const error = out.errors[0] ?? (out.refused[0] ? { message: { key: 'refused (personal data)' } } : undefined);
  if (error) throw new Error(`${file.name}: ${JSON.stringify(error.message)}`);
  const report = out.reports[0];
  const rejected = report ? `${report.rowsRejected} rejected; ` : '';
  return { episodes: out.totalEpisodes, stageMs, note: `importFiles: ${rejected}${phases}` };
}
