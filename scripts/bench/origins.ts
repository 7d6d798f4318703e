/**
 * Origin regions at scale (issue 11 targets): table and flows per level, drill-down (prefecture → counties,
 * with the county boundary file), and the ZIP of 300 regions' sheets, in Node on DuckDB-WASM.
 *   node --import tsx scripts/bench/origins.ts --dir bench-data/e1000000-s1 --out bench-data/results/origins.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildOriginFlowsQuery } from '../../src/core/analytics/origin-flows';
import { buildOriginRateQuery, buildOriginTableQuery, ORIGIN_LEVELS } from '../../src/core/analytics/origin-regions';
import {
  buildListedEpisodesQuery,
  buildPoorListQuery,
  buildReturnerListQuery,
} from '../../src/core/analytics/origin-sheet';
import { createNodeConnector } from '../../src/core/db/node-connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { writeXlsx } from '../../src/core/export/xlsx';
import { zipEntries } from '../../src/core/export/zip';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { buildCreateOriginUnitsSql } from '../../src/core/geo/origin-units';
import { openSourceFile, parseBenchArgs, readJson } from './bench-files';
import { importCaseFile, loadOriginResolver } from './import-step';

const args = parseBenchArgs(process.argv.slice(2));
const median = async (run: () => Promise<unknown>, n = 3): Promise<number> => {
  await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]!;
};

const db = await createNodeConnector();
await prepareDatabase(db);
const index = loadGb2260(readJson('public/geo/gb2260.json'), readJson('public/geo/gb2260-changes.json'));
await importCaseFile(db, openSourceFile(args.dir, 'csv'), await loadOriginResolver(readJson));
await db.exec(buildCreateOriginUnitsSql(index));
const rows: [string, number][] = [];
for (const level of ORIGIN_LEVELS) {
  rows.push([`table ${level}`, await median(() => db.query(buildOriginTableQuery(EMPTY_FILTERS, level)))]);
  rows.push([`365-day rate ${level}`, await median(() => db.query(buildOriginRateQuery(EMPTY_FILTERS, level)))]);
  rows.push([
    `flows ${level}`,
    await median(() => db.query(buildOriginFlowsQuery(EMPTY_FILTERS, level, 'district', 30))),
  ]);
}
rows.push([
  'drill-down 凉山州: county table + flows in scope + counties/510000.geojson',
  await median(async () => {
    await db.query(buildOriginTableQuery(EMPTY_FILTERS, 'county'));
    await db.query(
      buildOriginFlowsQuery(EMPTY_FILTERS, 'county', 'district', 30, { level: 'prefecture', code: '513400' }),
    );
    JSON.parse(readFileSync('public/geo/counties/510000.geojson', 'utf8'));
  }),
]);
const t0 = performance.now();
const [returners, poor, episodes] = [
  await db.query(buildReturnerListQuery(EMPTY_FILTERS, 'prefecture', null)),
  await db.query(buildPoorListQuery(EMPTY_FILTERS, 'prefecture', null)),
  await db.query(buildListedEpisodesQuery(EMPTY_FILTERS, 'prefecture', null)),
];
const listsMs = performance.now() - t0;
// As the app's export does (views/origins/use-sheet-export.ts): each list grouped by region once.
type ListRow = Record<string, unknown>;
function byRegion(list: ListRow[]): Map<string, ListRow[]> {
  const map = new Map<string, ListRow[]>();
  for (const x of list) {
    const key = String(x.region);
    const rows = map.get(key);
    if (rows) rows.push(x);
    else map.set(key, [x]);
  }
  return map;
}
const [returnersOf, poorOf, episodesOf] = [byRegion(returners), byRegion(poor), byRegion(episodes)];
const regions = [...episodesOf.keys()].slice(0, 300);
const zip = await zipEntries(
  regions.map((r) => ({
    name: `${r}.xlsx`,
    build: () =>
      writeXlsx([
        {
          name: 'returners',
          rows: (returnersOf.get(r) ?? []).map((x) => [String(x.token), Number(x.gap_days)]),
        },
        { name: 'poor', rows: (poorOf.get(r) ?? []).map((x) => [String(x.token), Number(x.episodes)]) },
        {
          name: 'episodes',
          rows: (episodesOf.get(r) ?? []).map((x) => [String(x.case_id), String(x.token)]),
        },
      ]),
  })),
);
rows.push([`sheet lists for every region (${returners.length + poor.length + episodes.length} rows)`, listsMs]);
rows.push([
  `ZIP of ${regions.length} regions' sheets (lists + XLSX + ZIP, ${(zip.length / 1e6).toFixed(1)} MB)`,
  performance.now() - t0,
]);
for (const [what, ms] of rows) console.log(`${what}\t${Math.round(ms)} ms`);
writeFileSync(args.out, `${JSON.stringify({ episodes: args.episodes, rows }, null, 2)}\n`);
await db.close();
