/**
 * The patrol coverage benchmark in the page (issue 12): DuckDB-WASM in its worker as in the app, 5M track
 * points and 1M episodes made in SQL, then the view's own steps on the page's main thread (the app runs the
 * same code in its patrol worker): a season's coverage per 500 m cell, a plan of k = 20 and a re-plan after
 * pinning a cell. window.__runPatrolBench(config) resolves with the measurements.
 */
import { openDatabase } from '../../../src/app/boot/open-database';
import { listSeasonWindowsInData } from '../../../src/core/calendar/season-windows';
import type { DbConnector } from '../../../src/core/db/connector';
import { EMPTY_FILTERS } from '../../../src/core/filters';
import { createSquareGridSpec } from '../../../src/core/grid/square-grid';
import { PatrolAnalysis, type CoverageRequest, type PlanRequest } from '../../../src/core/patrols/patrol-analysis';
import { readTrackColumns } from '../../../src/core/patrols/track-columns';
import {
  buildHourlyDemandQuery,
  listMonthRanges,
  buildTeamsQuery,
  buildTrackQuery,
  windowsToRanges,
  type HourlyDemandRow,
  type TeamRow,
} from '../../../src/views/patrols/queries';
import { createResult, median, type BenchResult } from '../measure';

interface Config {
  points: number;
  episodes: number;
  runs: number;
}

declare global {
  interface Window {
    __runPatrolBench: (config: Config) => Promise<BenchResult>;
  }
}

function log(text: string): void {
  const el = document.getElementById('log');
  if (el) el.textContent += `${new Date().toISOString().slice(11, 19)} ${text}\n`;
}

const DAY = 86_400_000;
/** Patrols run through 2025; episodes 2023–2025, so two past winters and this one's patrols. */
const PATROL_FROM = '2025-01-01';
const SEASON = { from: '2024-12-01', to: '2025-02-28' };

/** Seeded synthetic data in SQL: 20 teams, patrols of 100 fixes two minutes apart walking the city centre. */
async function makeData(db: DbConnector, config: Config): Promise<void> {
  const patrols = Math.ceil(config.points / 100);
  await db.exec(`SELECT setseed(0.42)`);
  await db.exec(`INSERT INTO patrol_points
WITH p AS (SELECT range AS patrol, 'team-' || lpad(CAST(range % 20 AS VARCHAR), 2, '0') AS team_id,
    TIMESTAMP '${PATROL_FROM} 00:00:00' + to_days(CAST(floor(random() * 365) AS INTEGER))
      + to_minutes(CAST(CASE WHEN random() < 0.6 THEN 1140 + floor(random() * 150) ELSE 330 + floor(random() * 120) END AS INTEGER)) AS start_at,
    116.15 + random() * 0.5 AS lon0, 39.75 + random() * 0.3 AS lat0
  FROM range(${patrols})),
s AS (SELECT p.*, i, random() * 2 * pi() AS heading FROM p, range(100) t(i))
SELECT team_id, team_id || '|' || patrol, start_at + to_minutes(CAST(2 * i AS INTEGER)),
  lon0 + sum(cos(heading) * 0.00175) OVER w, lat0 + sum(sin(heading) * 0.00135) OVER w, 'bench', CAST(patrol * 100 + i AS INTEGER), NULL
FROM s WINDOW w AS (PARTITION BY patrol ORDER BY i)`);
  await db.exec(`INSERT INTO cases (case_id, person_key, found_at, lon, lat, channel, groups, source_file, source_row)
SELECT 'C' || range, 'P' || range, TIMESTAMP '2023-01-01 00:00:00' + to_seconds(CAST(floor(random() * 3 * 365 * 86400) AS BIGINT)),
  CASE WHEN random() < 0.7 THEN 116.3 + (range % 40) * 0.006 + random() * 0.01 ELSE 116.0 + random() * 0.8 END,
  CASE WHEN random() < 0.7 THEN 39.85 + (range % 37) * 0.004 + random() * 0.01 ELSE 39.6 + random() * 0.5 END,
  'patrol', [], 'bench', CAST(range AS INTEGER)
FROM range(${config.episodes})`);
}

async function time<T>(f: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

window.__runPatrolBench = async (config: Config): Promise<BenchResult> => {
  const result = createResult('browser', `DuckDB-WASM in a Web Worker, ${navigator.userAgent}`, config.episodes);
  const record = (id: string, runs: number[], note: string, rows?: number) =>
    result.measurements.push({
      id,
      ms: Math.round(median(runs)),
      runs: runs.map(Math.round),
      note,
      ...(rows ? { rows } : {}),
    });
  log('engine');
  const db = await openDatabase();
  log('data');
  const made = await time(() => makeData(db, config));
  const [{ n: points }] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM patrol_points`)) as [{ n: number }];
  const [{ n: episodes }] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM cases`)) as [{ n: number }];
  result.notes.push(`made ${points} track points and ${episodes} episodes in SQL in ${Math.round(made.ms)} ms`);
  const districts = await (await fetch('/public/geo/beijing-districts.geojson')).json();
  const area = { kind: 'boundary' as const, key: 'beijing', mask: districts };
  const grid = { kind: 'square' as const, sizeM: 500 };
  const keys = { kind: 'square' as const, spec: createSquareGridSpec(500) };
  const teams = (await db.query<TeamRow>(buildTeamsQuery())).map((r) => r.team);
  const period = {
    fromDay: Date.parse(`${SEASON.from}T00:00:00Z`) / DAY,
    toDay: Date.parse(`${SEASON.to}T00:00:00Z`) / DAY,
  };

  // one-off: the passes of the whole track, a month at a time (as the view does when data or grid change)
  log('passes of the whole track');
  const analysis = new PatrolAnalysis();
  const g = await time(() => analysis.gridOf(grid, area));
  record('patrols.grid', [g.ms], `study grid 500 m, ${g.value.grid.ids.length} cells (one-off)`);
  const months = listMonthRanges(PATROL_FROM, '2025-12-31');
  let sqlMs = 0;
  let passMs = 0;
  const load = await time(async () => {
    analysis.beginPasses('all', grid, area, teams);
    for (const m of months) {
      const ipc = await time(() => db.queryArrowIPC(buildTrackQuery(m, teams)));
      sqlMs += ipc.ms;
      passMs += (await time(() => analysis.addTrackChunk('all', grid, area, readTrackColumns(ipc.value, teams)))).ms;
    }
    return analysis.finishPasses('all', grid, area);
  });
  record('patrols.load.sql', [sqlMs], `track points as Arrow, ${months.length} monthly queries`, load.value.points);
  record('patrols.load.passes', [passMs], 'decode + segment-to-cell passes');
  record('patrols.load', [load.ms], 'all passes of the whole track (one-off per data and grid)', load.value.points);

  const parts: Record<string, number[]> = { demand: [], coverage: [], total: [], filter: [] };
  let cells = 0;
  const seasons = [SEASON, { from: '2025-07-01', to: '2025-08-31' }, { from: '2025-01-14', to: '2025-02-13' }];
  for (let run = 0; run < config.runs; run++) {
    const season = seasons[run % seasons.length]!;
    log(`season coverage, run ${run + 1}`);
    const t0 = performance.now();
    const demand = await time(() => db.query<HourlyDemandRow>(buildHourlyDemandQuery(EMPTY_FILTERS, keys, [season])));
    const request: CoverageRequest = {
      grid,
      area,
      trackKey: 'all',
      period: {
        fromDay: Date.parse(`${season.from}T00:00:00Z`) / DAY,
        toDay: Date.parse(`${season.to}T00:00:00Z`) / DAY,
      },
      unit: 'day',
      teams: null,
      hours: null,
      demandRows: demand.value,
      trendCells: 20,
    };
    const cov = await time(() => analysis.coverage(request));
    parts.total!.push(performance.now() - t0);
    parts.demand!.push(demand.ms);
    parts.coverage!.push(cov.ms);
    parts.filter!.push(
      (await time(() => analysis.coverage({ ...request, hours: [19, 20, 21, 22], teams: [0, 1, 2] }))).ms,
    );
    cells = cov.value.ids.length;
  }
  record('patrols.season.demand', parts.demand!, 'episodes per cell and hour in the season (SQL)');
  record('patrols.season.coverage', parts.coverage!, 'coverage, gaps, weekly trend from the passes');
  record(
    'patrols.season',
    parts.total!,
    `a season's coverage per 500 m cell, ${cells} cells (winter, summer, Spring Festival)`,
  );
  record('patrols.filter', parts.filter!, 'the same after a team or hour filter change (no SQL)');

  const windows = listSeasonWindowsInData({ kind: 'winter' }, '2023-01-01', '2025-12-31').filter(
    (w) => w.to < SEASON.from,
  );
  const expected = await time(() =>
    db.query<HourlyDemandRow>(buildHourlyDemandQuery(EMPTY_FILTERS, keys, windowsToRanges(windows))),
  );
  record(
    'patrols.plan.expected',
    [expected.ms],
    `expected demand per cell and hour over ${windows.length} past winters (SQL)`,
  );
  const base: PlanRequest = {
    grid,
    area,
    trackKey: 'all',
    period,
    expectedRows: expected.value,
    seasons: windows.reduce((s, w) => s + w.coveredDays / w.days, 0),
    hours: null,
    mode: 'cells',
    k: 20,
    reach: 1,
    beatSize: 6,
    shiftHours: 3,
    pinnedIds: [],
    removedIds: [],
  };
  const planRuns: number[] = [];
  const pinRuns: number[] = [];
  const beatRuns: number[] = [];
  let plan = analysis.plan(base);
  for (let run = 0; run < config.runs; run++) {
    log(`plan, run ${run + 1}`);
    const p = await time(() => analysis.plan(base));
    plan = p.value;
    planRuns.push(p.ms);
    const pinned = g.value.grid.ids[plan.plan.items[19]?.cells[0] ?? 0] as string;
    const removed = g.value.grid.ids[plan.plan.items[0]?.cells[0] ?? 0] as string;
    pinRuns.push((await time(() => analysis.plan({ ...base, pinnedIds: [pinned], removedIds: [removed] }))).ms);
    beatRuns.push((await time(() => analysis.plan({ ...base, mode: 'beats' }))).ms);
  }
  record('patrols.plan', planRuns, `k = 20 cells (with neighbours) over ${g.value.grid.ids.length} cells`);
  record('patrols.plan.pin', pinRuns, 'the same plan re-made with one cell pinned and one removed');
  record('patrols.plan.beats', beatRuns, 'k = 20 beats of 6 cells');
  result.notes.push(
    `plan covers ${(100 * (plan.plan.withPlan / plan.plan.total)).toFixed(1)} % of expected demand (today ${(100 * (plan.plan.today / plan.plan.total)).toFixed(1)} %)`,
  );
  await db.close();
  log('done');
  return result;
};
