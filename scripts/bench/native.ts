/**
 * Native DuckDB (@duckdb/node-api, every core) on the same files: read_csv and read_parquet ingest, the
 * app's import through the DbConnector seam, then the same Overview / hotspot / repeat-return work.
 *   node --import tsx scripts/bench/native.ts --dir bench-data/e1000000-s1 --out result.json
 */
import path from 'node:path';
import { availableParallelism } from 'node:os';
import duckdb from '@duckdb/node-api';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { literal } from '../../src/core/sql/sql';
import {
  CASE_FILES,
  collectGarbage,
  openSourceFile,
  parseBenchArgs,
  readJson,
  sampleProcessMemory,
  writeResult,
} from './bench-files';
import { importCaseFile, loadOriginResolver, stageWithPhases } from './import-step';
import { createResult, describeError, record, timeOnce, type BenchResult } from './measure';
import { createNativeConnector } from './native-connector';
import { benchHotspots, benchOverview, benchRepeatReturns, benchStudyGrid, chooseBenchFilters } from './workloads';

const args = parseBenchArgs(process.argv.slice(2));
const threads = availableParallelism();
const result = createResult('native', `DuckDB ${duckdb.version()} native (${threads} threads)`, args.episodes);
const file = (kind: keyof typeof CASE_FILES) => literal(path.resolve(args.dir, CASE_FILES[kind]));

async function timeCreate(db: DbConnector, id: string, select: string, note: string): Promise<void> {
  await record(
    result,
    id,
    () => timeOnce(() => db.exec(`CREATE OR REPLACE TABLE raw_cases AS ${select}`)),
    () => ({ note }),
  );
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM raw_cases').catch(() => []);
  const last = result.measurements.at(-1);
  if (last?.id === id && row) last.rows = Number(row.n);
  await db.exec('DROP TABLE IF EXISTS raw_cases');
}

async function benchEngineIngest(db: DbConnector): Promise<void> {
  await db.exec('SET autoinstall_known_extensions = false');
  await timeCreate(db, 'ingest.readcsv', `SELECT * FROM read_csv(${file('csv')})`, 'read_csv (auto-detect) from disk');
  await db.exec('SET threads = 1');
  await timeCreate(db, 'ingest.readcsv.1thread', `SELECT * FROM read_csv(${file('csv')})`, 'read_csv, threads = 1');
  await db.exec(`SET threads = ${threads}`);
  await timeCreate(
    db,
    'ingest.readcsv.gbk',
    `SELECT * FROM read_csv(${file('gbk')}, encoding = 'gb18030')`,
    'read_csv encoding gb18030',
  );
  await timeCreate(db, 'ingest.readparquet', `SELECT * FROM read_parquet(${file('parquet')})`, 'read_parquet');
}

async function main(result: BenchResult): Promise<void> {
  const engine = await createNativeConnector();
  await benchEngineIngest(engine);
  await record(
    result,
    'ingest.stage.csv',
    () => timeOnce(() => stageWithPhases(engine, openSourceFile(args.dir, 'csv'), 'bench_stage_csv')),
    ({ staged, phases }) => ({ rows: staged.rowCount, note: `the app’s stageFile on the native engine: ${phases}` }),
  );
  await engine.close();
  collectGarbage();

  const db = await createNativeConnector();
  await prepareDatabase(db);
  const resolve = await loadOriginResolver(readJson);
  const loaded = await record(
    result,
    'ingest.import.csv',
    () => timeOnce(() => importCaseFile(db, openSourceFile(args.dir, 'csv'), resolve)),
    (r) => ({ rows: r.episodes, note: `the app’s importFiles on the native engine; ${r.note}` }),
  );
  result.memory.push(sampleProcessMemory('after import csv'));
  if (loaded === undefined) return;
  const filters = await chooseBenchFilters(db);
  result.notes.push(`filtered variant: district ${filters.district ?? '(none)'}, year ${filters.year}`);
  await benchOverview(db, filters, result);
  const setup = await benchStudyGrid(readJson('public/geo/beijing-districts.geojson'), result);
  if (setup) await benchHotspots(db, filters, setup, result);
  await benchRepeatReturns(db, result);
  await db.close();
}

main(result)
  .catch((e) => result.errors.push(describeError(e)))
  .finally(() => writeResult(args.out, result));
