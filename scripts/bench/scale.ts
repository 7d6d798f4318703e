/**
 * The scale check behind "10M rows loadable in one tab" (npm run bench -- --episodes 10000000). One CSV of
 * 10M rows is 2.2 GB, over the import's 1.5 GB per-file limit, so it is split into parts of 1M rows
 * (as monthly or yearly exports would be) and every part is imported into the same database.
 *   node --import tsx scripts/bench/scale.ts --dir bench-data/e10000000-s1 --out result.json [--node]
 */
import { closeSync, createReadStream, existsSync, openSync, readdirSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createNodeConnector } from '../../src/core/db/node-connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import {
  collectGarbage,
  openDiskFile,
  parseBenchArgs,
  readJson,
  sampleProcessMemory,
  writeResult,
} from './bench-files';
import { loadOriginResolver } from './import-step';
import { createResult, describeError, type BenchResult } from './measure';
import { drivePage } from './page-driver';
import { runScale } from './scale-run';

const ROWS_PER_PART = 1_000_000;
const args = parseBenchArgs(process.argv.slice(2));
const onNode = process.argv.includes('--node');

/** Splits cases.csv into cases.partNN.csv of ROWS_PER_PART data rows each (header repeated); once. */
async function splitCsv(dir: string): Promise<string[]> {
  const existing = () =>
    readdirSync(dir)
      .filter((f) => /^cases\.part\d+\.csv$/.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  if (existing().length > 0 && existsSync(path.join(dir, '.parts-complete'))) return existing();
  console.log(`  splitting ${path.join(dir, 'cases.csv')} into parts of ${ROWS_PER_PART} rows`);
  let header: Buffer | null = null;
  let part = 0;
  let rows = 0;
  let fd = -1;
  let carry = Buffer.alloc(0);
  const open = () => {
    part++;
    const tmp = path.join(dir, `cases.part${String(part).padStart(2, '0')}.csv.tmp`);
    fd = openSync(tmp, 'w');
    writeSync(fd, header as Buffer);
    rows = 0;
  };
  const close = () => {
    if (fd < 0) return;
    closeSync(fd);
    const name = path.join(dir, `cases.part${String(part).padStart(2, '0')}.csv`);
    renameSync(`${name}.tmp`, name);
    fd = -1;
  };
  // The generator quotes no field with a line break, so every LF ends a record.
  for await (const chunk of createReadStream(path.join(dir, 'cases.csv'), { highWaterMark: 1 << 22 })) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    let start = 0;
    if (!header) {
      const nl = buf.indexOf(10);
      header = Buffer.from(buf.subarray(0, nl + 1));
      start = nl + 1;
    }
    while (buf.indexOf(10, start) >= 0) {
      if (fd < 0) open();
      let end = start;
      for (let k = rows; k < ROWS_PER_PART; k++) {
        const nl = buf.indexOf(10, end);
        if (nl < 0) break;
        end = nl + 1;
        rows++;
      }
      writeSync(fd, buf, start, end - start);
      start = end;
      if (rows === ROWS_PER_PART) close();
    }
    carry = Buffer.from(buf.subarray(start));
  }
  if (carry.length && fd >= 0) writeSync(fd, carry);
  close();
  closeSync(openSync(path.join(dir, '.parts-complete'), 'w'));
  return existing();
}

async function runOnNode(parts: string[], result: BenchResult): Promise<void> {
  const db = await createNodeConnector();
  await prepareDatabase(db);
  const resolve = await loadOriginResolver(readJson);
  await runScale(
    db,
    parts.map((p) => openDiskFile(p)),
    resolve,
    result,
    {
      mask: readJson('public/geo/beijing-districts.geojson'),
      afterPart: async (part, total) => {
        collectGarbage();
        result.memory.push(sampleProcessMemory(`imported ${part}/${total}`));
      },
    },
  );
  await db.close();
}

async function main(): Promise<BenchResult> {
  const parts = await splitCsv(args.dir);
  if (onNode) {
    const result = createResult('node-wasm', 'DuckDB-WASM (Node bindings, 1 thread)', args.episodes);
    await runOnNode(parts, result).catch((e) => result.errors.push(describeError(e)));
    return result;
  }
  const config = { episodes: args.episodes, light: true };
  const result = await drivePage({
    files: parts,
    timeoutMs: parts.length * 5 * 60_000,
    start: (page) => page.evaluate((c) => void window.__runScale(c), config),
  });
  if (result) {
    // The tab's memory once every part is loaded (the last import's sample), against the 2.5 GB target.
    const loaded = result.memory.filter((m) => m.id.startsWith('imported ') && m.pss);
    const last = loaded.at(-1);
    if (last?.pss) {
      result.measurements.push({ id: 'scale.memory', ms: Math.round(last.pss / 1e6), note: `MB, tab PSS ${last.id}` });
    }
    return result;
  }
  const failed = createResult('browser', 'Chromium', args.episodes);
  failed.errors.push('the page returned no result');
  return failed;
}

main()
  .then((result) => writeResult(args.out, result))
  .catch((e) => {
    const result = createResult(onNode ? 'node-wasm' : 'browser', 'scale', args.episodes);
    result.errors.push(describeError(e));
    writeResult(args.out, result);
  });
