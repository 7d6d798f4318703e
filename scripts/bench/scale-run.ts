/**
 * The scale check (10M rows loadable in one tab): every part file imported one after another into one
 * database, then the Overview queries and the hotspot counts on everything. Browser-safe.
 */
import type { DbConnector } from '../../src/core/db/connector';
import type { SourceFile } from '../../src/core/import/source-file';
import { importCaseFile, type OriginResolver } from './import-step';
import { describeError, record, timeOnce, type BenchResult } from './measure';
import {
  benchHotspots,
  benchOverview,
  benchStudyGrid,
  chooseBenchFilters,
  listRepeatReturnQueries,
  recordEngineMemory,
} from './workloads';

export interface ScaleHooks {
  /** called after each part with its 1-based number, e.g. to sample memory */
  afterPart(part: number, parts: number): Promise<void>;
  mask: unknown;
}

export async function runScale(
  db: DbConnector,
  files: readonly SourceFile[],
  resolve: OriginResolver,
  result: BenchResult,
  hooks: ScaleHooks,
): Promise<void> {
  const times: number[] = [];
  const t0 = performance.now();
  for (const [i, file] of files.entries()) {
    const t = await timeOnce(() => importCaseFile(db, file, resolve)).catch((e: unknown) => {
      result.errors.push(`${file.name} (part ${i + 1}/${files.length}): ${describeError(e)}`);
      return null;
    });
    // a part that does not fit ends the loading; the queries below run on what was loaded
    if (!t) break;
    times.push(Math.round(t.ms));
    result.notes.push(
      `part ${i + 1}/${files.length} ${file.name}: ${Math.round(t.ms)} ms, ${t.value.episodes} rows in cases; ${t.value.note}`,
    );
    await hooks.afterPart(i + 1, files.length);
  }
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
  result.measurements.push({
    id: 'scale.import',
    ms: Math.round(performance.now() - t0),
    runs: times,
    rows: Number(row?.n ?? 0),
    note: `${times.length} of ${files.length} files imported one after another`,
  });
  await recordEngineMemory(db, result, 'memory.engine.scale');
  const filters = await chooseBenchFilters(db);
  result.notes.push(`filtered variant: district ${filters.district ?? '(none)'}, year ${filters.year}`);
  await benchOverview(db, filters, result);
  const overview = result.measurements.filter((m) => /^overview\.[a-z]+\.all$/.test(m.id));
  if (overview.length > 0) {
    const slowest = overview.reduce((a, b) => (b.ms > a.ms ? b : a));
    result.measurements.push({ id: 'scale.overview.max', ms: slowest.ms, note: slowest.id });
  }
  const setup = await benchStudyGrid(hooks.mask, result);
  if (setup) await benchHotspots(db, filters, setup, result);
  const counts = result.measurements.find((m) => m.id === 'hotspots.counts');
  const gi = result.measurements.find((m) => m.id === 'hotspots.gistar');
  if (counts && gi) {
    result.measurements.push({
      id: 'scale.hotspots.year',
      ms: Math.round(counts.ms + gi.ms),
      note: 'counts per 500 m cell for the last year + Gi* and FDR classes',
    });
  }
  // The repeat-return panel as the view asks it: each query once, not warmed up, and their sum.
  let panel = 0;
  for (const q of listRepeatReturnQueries()) {
    const t = await record(
      result,
      `scale.${q.id}`,
      () => timeOnce(() => db.query(q.sql)),
      (rows) => ({ rows: rows.length, note: 'one run, no warm-up' }),
    );
    if (t !== undefined) panel += result.measurements.at(-1)?.ms ?? 0;
  }
  result.measurements.push({
    id: 'scale.rr.panel',
    ms: Math.round(panel),
    note: 'sum of the view’s queries, each once',
  });
}
