/**
 * The bench page: the app's own engine start, import and view queries, with DuckDB-WASM in its Web
 * Worker as in the app. scripts/bench/browser.ts puts the generated files into the file input (disk-backed
 * File objects, as a user's pick), calls window.__runBench and reads window.__bench.
 */
import { openDatabase } from '../../../src/app/boot/open-database';
import type { SourceFile } from '../../../src/core/import/source-file';
import { importCaseFile, loadOriginResolver, type OriginResolver } from '../import-step';
import { createResult, describeError, record, timeOnce, type BenchResult } from '../measure';
import {
  benchEngineReadCsv,
  benchHotspots,
  benchOverview,
  benchRepeatReturns,
  benchStudyGrid,
  chooseBenchFilters,
  recordEngineMemory,
} from '../workloads';
import { fetchJson, hold, pageMemory, pickedFiles, setPhase, type RunConfig } from './page-state';
import { runScaleInPage } from './scale';
import { benchScaling } from '../scaling';

const KINDS = { csv: 'cases.csv', gbk: 'cases_gbk.csv', parquet: 'cases.parquet' } as const;
type Kind = keyof typeof KINDS;

window.__bench = { phase: 'ready', done: false, result: null };
window.__runBench = (config) => runBench(config);
window.__runScale = (config) => runScaleInPage(config);
window.__runThreads = (config) => runThreads(config);

function pickedFile(kind: Kind): File | undefined {
  return pickedFiles().find((f) => f.name === KINDS[kind]);
}

/**
 * importFiles end to end into a fresh database (the worker of the previous one is gone, so its memory is
 * too); the staging figure is the import's own read/decode/parse phases (stageFile inside importFiles).
 */
async function benchImport(kind: Kind, file: SourceFile, resolve: OriginResolver, result: BenchResult) {
  setPhase(`import ${kind}`);
  const db = await openDatabase();
  const loaded = await record(
    result,
    `ingest.import.${kind}`,
    () => timeOnce(() => importCaseFile(db, file, resolve)),
    (r) => ({ rows: r.episodes, note: r.note }),
  );
  if (loaded) {
    result.measurements.push({
      id: `ingest.stage.${kind}`,
      ms: Math.round(loaded.stageMs),
      rows: loaded.episodes,
      note: 'stageFile inside importFiles (its read, decode and parse phases)',
    });
  }
  result.memory.push(pageMemory(`after import ${kind}`));
  setPhase(`imported ${kind}`);
  await hold();
  if (loaded === undefined) {
    await db.close();
    return undefined;
  }
  return db;
}

async function runBench(config: RunConfig): Promise<void> {
  const result = createResult('browser', `DuckDB-WASM in a Web Worker, ${navigator.userAgent}`, config.episodes);
  try {
    setPhase('engine open');
    const engine = await record(result, 'engine.open', () => timeOnce(openDatabase));
    const csv = pickedFile('csv');
    if (!engine || !csv) throw new Error('no engine or no cases.csv picked');
    setPhase('read_csv');
    await benchEngineReadCsv(engine, csv, result);
    await engine.close();

    const resolve = await loadOriginResolver(fetchJson);
    const db = await benchImport('csv', csv, resolve, result);
    if (db) {
      await recordEngineMemory(db, result);
      const filters = await chooseBenchFilters(db);
      result.notes.push(`filtered variant: district ${filters.district ?? '(none)'}, year ${filters.year}`);
      setPhase('overview');
      await benchOverview(db, filters, result);
      setPhase('hotspots');
      const setup = await benchStudyGrid(await fetchJson('public/geo/beijing-districts.geojson'), result);
      if (setup) await benchHotspots(db, filters, setup, result);
      setPhase('repeat returns');
      await benchRepeatReturns(db, result);
      result.memory.push(pageMemory('end'));
      setPhase('end');
      await hold();
      await db.close();
    }
    for (const kind of ['gbk', 'parquet'] as const) {
      const file = pickedFile(kind);
      if (!file || config.light) continue;
      await (await benchImport(kind, file, resolve, result))?.close();
    }
    setPhase('scaling');
    await benchScaling(await fetchJson('public/geo/beijing-districts.geojson'), result);
  } catch (e) {
    result.errors.push(describeError(e));
  } finally {
    window.__bench.result = result;
    window.__bench.done = true;
  }
}

/**
 * The threaded build (the page is served cross-origin isolated): the engine's read_csv and the CSV import
 * end to end, then the Overview and repeat-return queries; ids end in `.threads`.
 */
async function runThreads(config: RunConfig): Promise<void> {
  const result = createResult('browser', `DuckDB-WASM threaded build, ${navigator.userAgent}`, config.episodes);
  const renamed = (from: number) => {
    for (const m of result.measurements.slice(from)) m.id = `${m.id}.threads`;
  };
  try {
    if (!crossOriginIsolated) throw new Error('the page is not cross-origin isolated: no threaded build');
    setPhase('engine open (threads)');
    const engine = await openDatabase();
    const [t] = await engine.query<{ threads: number }>(`SELECT current_setting('threads') AS threads`);
    result.notes.push(`threaded build with ${t?.threads} threads`);
    const csv = pickedFile('csv');
    if (!csv) throw new Error('no cases.csv picked');
    setPhase('read_csv (threads)');
    let from = result.measurements.length;
    await benchEngineReadCsv(engine, csv, result);
    renamed(from);
    await engine.close();
    const resolve = await loadOriginResolver(fetchJson);
    from = result.measurements.length;
    const db = await benchImport('csv', csv, resolve, result);
    if (db) {
      const filters = await chooseBenchFilters(db);
      setPhase('overview (threads)');
      await benchOverview(db, filters, result);
      setPhase('repeat returns (threads)');
      await benchRepeatReturns(db, result);
      await db.close();
    }
    renamed(from);
  } catch (e) {
    result.errors.push(describeError(e));
  } finally {
    window.__bench.result = result;
    window.__bench.done = true;
  }
}
