/**
 * Node + DuckDB-WASM (the same engine as the browser, single-threaded): ingest through the app's
 * readers and the full import, then the Overview, hotspot and repeat-return work on the loaded data.
 * GBK and Parquet go through stageFile here; end to end only with --full (the page imports all three).
 *   node --expose-gc --import tsx scripts/bench/node-wasm.ts --dir bench-data/e1000000-s1 --out result.json [--full]
 */
import type { DbConnector } from '../../src/core/db/connector';
import { createNodeConnector } from '../../src/core/db/node-connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import {
  collectGarbage,
  openSourceFile,
  parseBenchArgs,
  readJson,
  sampleProcessMemory,
  writeResult,
  type CaseFileKind,
} from './bench-files';
import { importCaseFile, loadOriginResolver, stageWithPhases, type OriginResolver } from './import-step';
import { createResult, describeError, record, timeOnce, type BenchResult } from './measure';
import {
  benchEngineReadCsv,
  benchHotspots,
  benchOverview,
  benchRepeatReturns,
  benchStudyGrid,
  chooseBenchFilters,
  recordEngineMemory,
} from './workloads';

const args = parseBenchArgs(process.argv.slice(2));
const result = createResult('node-wasm', 'DuckDB-WASM (Node bindings, 1 thread)', args.episodes);

async function openDb(): Promise<DbConnector> {
  const db = await createNodeConnector();
  await prepareDatabase(db);
  return db;
}

async function duckdbBytes(db: DbConnector): Promise<number | undefined> {
  try {
    const [row] = await db.query<{ b: number }>(
      'SELECT CAST(sum(memory_usage_bytes) AS BIGINT) AS b FROM duckdb_memory()',
    );
    return Number(row?.b);
  } catch {
    return undefined;
  }
}

async function benchStaging(db: DbConnector, kind: CaseFileKind): Promise<void> {
  const staged = await record(
    result,
    `ingest.stage.${kind}`,
    () => timeOnce(() => stageWithPhases(db, openSourceFile(args.dir, kind), `bench_stage_${kind}`)),
    ({ staged: s, phases }) => ({
      rows: s.rowCount,
      note: `stageFile ${s.format}${s.encoding ? ` ${s.encoding}` : ''}: ${phases}`,
    }),
  );
  if (staged) {
    collectGarbage();
    result.memory.push(sampleProcessMemory(`after stage ${kind}`, await duckdbBytes(db)));
    await db.exec(`DROP TABLE IF EXISTS ${staged.staged.table}`);
  }
}

/** importFiles end to end into a fresh database (the same rows twice would be skipped as duplicates). */
async function benchImport(kind: CaseFileKind, resolve: OriginResolver): Promise<DbConnector | undefined> {
  const db = await record(result, kind === 'csv' ? 'engine.open' : `engine.open.${kind}`, () => timeOnce(openDb));
  if (!db) return undefined;
  const loaded = await record(
    result,
    `ingest.import.${kind}`,
    () => timeOnce(() => importCaseFile(db, openSourceFile(args.dir, kind), resolve)),
    (r) => ({ rows: r.episodes, note: r.note }),
  );
  collectGarbage();
  result.memory.push(sampleProcessMemory(`after import ${kind}`, await duckdbBytes(db)));
  if (loaded === undefined) {
    await db.close();
    return undefined;
  }
  return db;
}

/** Import first, in a fresh process, so that its memory figure is not inflated by the later steps. */
async function main(result: BenchResult): Promise<void> {
  const resolve = await loadOriginResolver(readJson);
  const db = await benchImport('csv', resolve);
  if (db) {
    await recordEngineMemory(db, result);
    const filters = await chooseBenchFilters(db);
    result.notes.push(`filtered variant: district ${filters.district ?? '(none)'}, year ${filters.year}`);
    await benchOverview(db, filters, result);
    const setup = await benchStudyGrid(readJson('public/geo/beijing-districts.geojson'), result);
    if (setup) await benchHotspots(db, filters, setup, result);
    await benchRepeatReturns(db, result);
    collectGarbage();
    result.memory.push(sampleProcessMemory('after the queries', await duckdbBytes(db)));
    await db.close();
  }
  collectGarbage();

  const engine = await openDb();
  await benchEngineReadCsv(engine, openSourceFile(args.dir, 'csv'), result);
  for (const kind of ['csv', 'gbk', 'parquet'] as const) {
    if (args.light && kind !== 'csv') continue;
    await benchStaging(engine, kind);
  }
  await engine.close();
  if (!args.full) return;
  for (const kind of ['gbk', 'parquet'] as const) {
    collectGarbage();
    await (await benchImport(kind, resolve))?.close();
  }
}

main(result)
  .catch((e) => result.errors.push(describeError(e)))
  .finally(() => writeResult(args.out, result));
