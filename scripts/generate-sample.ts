/**
 * Seeded synthetic demo and benchmark data (演示数据): rescue episodes and patrol GPS tracks for Beijing.
 *
 *   npx tsx scripts/generate-sample.ts --episodes 20000 --seed 2025 --from 2022-01-01 --to 2025-12-31 \
 *     --out data --patrols [--formats csv,gbk,parquet] [--teams 7] [--patrol-interval 120] [--patrol-rate 1]
 *
 * Same arguments → identical bytes. Rows are streamed to disk in chunks (10M episodes fit in modest memory).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDistrictIndex } from './sample/districts';
import { CASE_HEADERS, generateEpisodes } from './sample/episodes';
import { buildOriginTable } from './sample/origins';
import { PATROL_HEADERS, generatePatrols } from './sample/patrols';
import { buildPlaces } from './sample/places';
import { createCsvSink, createParquetSink, type RowSink } from './sample/sinks';
import { selectTeams } from './sample/teams';

export type SampleFormat = 'csv' | 'gbk' | 'parquet';

export interface SampleOptions {
  episodes: number;
  seed: string;
  from: string;
  to: string;
  out: string;
  formats: readonly SampleFormat[];
  patrols: boolean;
  teams: number;
  patrolInterval: number;
  patrolRate: number;
}

export interface ManifestFile {
  path: string;
  table: 'cases' | 'patrols';
  format: 'csv' | 'parquet';
  encoding?: 'utf-8' | 'gb18030';
  crs: 'WGS84';
  rows: number;
  bytes: number;
  /** false for the same episodes in another format (load one of them). */
  load: boolean;
}

export interface SampleSummary {
  cases: number;
  persons: number;
  patrolPoints: number;
  patrols: number;
  files: ManifestFile[];
  seconds: number;
}

export const DEFAULT_OPTIONS: SampleOptions = {
  episodes: 20_000,
  seed: '1',
  from: '2022-01-01',
  to: '2025-12-31',
  out: 'data',
  formats: ['csv'],
  patrols: false,
  teams: 7,
  patrolInterval: 120,
  patrolRate: 1,
};

export function generateSample(options: Partial<SampleOptions>): SampleSummary {
  const opts: SampleOptions = { ...DEFAULT_OPTIONS, ...options };
  if (!Number.isInteger(opts.episodes) || opts.episodes < 0) throw new Error('--episodes must be a whole number');
  if (opts.formats.length === 0) throw new Error('--formats needs at least one of csv, gbk, parquet');
  if (!(opts.patrolInterval >= 10)) throw new Error('--patrol-interval must be at least 10 seconds');
  const started = performance.now();
  mkdirSync(opts.out, { recursive: true });

  const places = buildPlaces();
  const teams = selectTeams(opts.teams);
  const context = {
    places,
    districts: loadDistrictIndex(),
    origins: buildOriginTable(opts.seed),
    patrolled: new Set(teams.flatMap((t) => t.beats.map(([name]) => name))),
  };

  const csvPath = join(opts.out, 'cases.csv');
  const gbkPath = join(opts.out, 'cases_gbk.csv');
  const parquetPath = join(opts.out, 'cases.parquet');
  const sinks: RowSink[] = [];
  if (opts.formats.includes('csv') || opts.formats.includes('gbk')) {
    sinks.push(
      createCsvSink(
        {
          ...(opts.formats.includes('csv') ? { utf8: csvPath } : {}),
          ...(opts.formats.includes('gbk') ? { gb18030: gbkPath } : {}),
        },
        CASE_HEADERS,
      ),
    );
  }
  if (opts.formats.includes('parquet')) sinks.push(createParquetSink(parquetPath, CASE_HEADERS));
  const episodeSummary = generateEpisodes(opts, context, (fields) => {
    for (const sink of sinks) sink.write(fields);
  });
  for (const sink of sinks) sink.close();

  const files: ManifestFile[] = [];
  const primary = opts.formats.includes('csv') ? 'csv' : opts.formats.includes('parquet') ? 'parquet' : 'gbk';
  const caseFile = (format: SampleFormat, path: string, name: string): void => {
    if (!opts.formats.includes(format)) return;
    files.push({
      path: name,
      table: 'cases',
      format: format === 'parquet' ? 'parquet' : 'csv',
      ...(format === 'parquet' ? {} : { encoding: format === 'gbk' ? ('gb18030' as const) : ('utf-8' as const) }),
      crs: 'WGS84',
      rows: episodeSummary.rows,
      bytes: statSync(path).size,
      load: format === primary,
    });
  };
  caseFile('csv', csvPath, 'cases.csv');
  caseFile('gbk', gbkPath, 'cases_gbk.csv');
  caseFile('parquet', parquetPath, 'cases.parquet');

  let patrolSummary = { points: 0, patrols: 0 };
  if (opts.patrols) {
    const path = join(opts.out, 'patrol_tracks.csv');
    const sink = createCsvSink({ utf8: path }, PATROL_HEADERS);
    patrolSummary = generatePatrols(
      { seed: opts.seed, from: opts.from, to: opts.to, teams, interval: opts.patrolInterval, rate: opts.patrolRate },
      places,
      (fields) => sink.write(fields),
    );
    sink.close();
    files.push({
      path: 'patrol_tracks.csv',
      table: 'patrols',
      format: 'csv',
      encoding: 'utf-8',
      crs: 'WGS84',
      rows: patrolSummary.points,
      bytes: statSync(path).size,
      load: true,
    });
  }

  const manifest = {
    version: 1,
    synthetic: true,
    title: { zh: '演示数据（合成，非真实人员）', en: 'Synthetic demo data (no real persons)' },
    generator: {
      script: 'scripts/generate-sample.ts',
      seed: opts.seed,
      from: opts.from,
      to: opts.to,
      episodes: opts.episodes,
      teams: opts.patrols ? opts.teams : 0,
      patrolInterval: opts.patrols ? opts.patrolInterval : null,
      patrolRate: opts.patrols ? opts.patrolRate : null,
    },
    files,
  };
  writeFileSync(join(opts.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    cases: episodeSummary.rows,
    persons: episodeSummary.persons,
    patrolPoints: patrolSummary.points,
    patrols: patrolSummary.patrols,
    files,
    seconds: (performance.now() - started) / 1000,
  };
}

export function parseSampleArgs(argv: readonly string[]): Partial<SampleOptions> {
  const out: Partial<SampleOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v)) throw new Error(`${flag} needs a number`);
      return v;
    };
    switch (flag) {
      case '--episodes':
        out.episodes = number();
        break;
      case '--seed':
        out.seed = value();
        break;
      case '--from':
        out.from = value();
        break;
      case '--to':
        out.to = value();
        break;
      case '--out':
        out.out = value();
        break;
      case '--formats': {
        const formats = value()
          .split(',')
          .map((f) => f.trim());
        for (const f of formats)
          if (f !== 'csv' && f !== 'gbk' && f !== 'parquet') throw new Error(`unknown format ${f}`);
        out.formats = formats as SampleFormat[];
        break;
      }
      case '--patrols':
        out.patrols = true;
        break;
      case '--teams':
        out.teams = number();
        break;
      case '--patrol-interval':
        out.patrolInterval = number();
        break;
      case '--patrol-rate':
        out.patrolRate = number();
        break;
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const summary = generateSample(parseSampleArgs(process.argv.slice(2)));
    for (const f of summary.files) console.log(`${f.path}: ${f.rows} rows, ${(f.bytes / 1e6).toFixed(1)} MB`);
    console.log(
      `${summary.cases} episodes of ${summary.persons} persons; ${summary.patrols} patrols, ` +
        `${summary.patrolPoints} track points; ${summary.seconds.toFixed(1)} s`,
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
