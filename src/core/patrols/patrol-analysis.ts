import { QUEEN } from '../analytics/neighbours';
import { createLocalProjection, projectCentres } from '../grid/study-grid';
import { assignPlanTeams } from './assign-teams';
import { computeCoverage, type CellCoverage, type CoverageUnit } from './coverage';
import { findCoverageGaps, rankCoverageGaps } from './coverage-gaps';
import { CoverageGridCache, type CoverageGrid } from './coverage-grid';
import type { UserStudyGrid } from '../grid/user-grid';
import type { GridRequest } from '../hotspots/grid-kinds';
import type { StudyArea } from '../hotspots/study-area';
import { assembleHourlyCounts, type HourCountRow } from './hourly-counts';
import type { PassSet } from './patrol-passes';
import { buildSeasonalPlan, sumExpectedByCell, type SeasonalPlan } from './seasonal-plan';
import { collectTrackPasses, emptyTrackReport, type TrackColumns, type TrackPassReport } from './track-passes';
import { PassCollector } from './patrol-passes';
import { collectGridLogPasses, emptyGridLogReport, type GridLogColumns, type GridLogReport } from './grid-log-passes';

/** What collecting the passes saw: the track's points and the logs by grid cell. */
export type PassReport = TrackPassReport & GridLogReport;
import { computeWeeklyCoverage, type WeeklyCoverage } from './weekly-coverage';

/**
 * The patrol coverage view's computations from query answers to per-cell arrays, in one place that the
 * view's worker runs (passes over millions of track points take a second; the UI stays responsive).
 */

export interface DayPeriod {
  /** CST days since 1970-01-01, inclusive */
  fromDay: number;
  toDay: number;
}

interface Base {
  grid: GridRequest;
  area: StudyArea;
  /** the key under which the passes of the track were collected (beginPasses … finishPasses) */
  trackKey: string;
  period: DayPeriod;
}

export interface CoverageRequest extends Base {
  unit: CoverageUnit;
  teams: number[] | null;
  hours: number[] | null;
  /** episodes per cell and hour in the period */
  demandRows: HourCountRow[];
  /** how many of the highest-demand cells the weekly trend follows */
  trendCells: number;
}

export interface CoverageResult extends CellCoverage {
  ids: readonly string[];
  names: readonly (string | null)[] | null;
  centres: Float64Array;
  demand: Float64Array;
  gap: Uint8Array;
  gapDemandAtLeast: number;
  gapCoverageAtMost: number;
  /** gap cells, the most neglected first */
  ranked: number[];
  report: PassReport & { passes: number };
  demandOutside: number;
  trend: WeeklyCoverage & { cells: number[] };
  ms: number;
}

/** A cell counts as covered by today's patrols when passed on at least one day in seven (docs/metrics.md). */
export const COVERED_RATE = 1 / 7;

export interface PlanRequest extends Base {
  /** episodes per cell and hour summed over the past season windows learnt from */
  expectedRows: HourCountRow[];
  /** how many whole seasons those windows' days in the data add up to (Σ covered days ÷ window days) */
  seasons: number;
  hours: number[] | null;
  mode: 'cells' | 'beats';
  k: number;
  reach: 0 | 1;
  beatSize: number;
  shiftHours: number;
  pinnedIds: string[];
  removedIds: string[];
}

export interface PlanResult {
  plan: SeasonalPlan;
  /** team index of each item, −1 without teams */
  teamOf: number[];
  /** expected demand per season by cell, in the plan's hours */
  expectedByCell: Float64Array;
  alreadyCovered: Uint8Array;
  ms: number;
}

/**
 * Passes are collected once per grid and data, from the whole track in chunks (a month at a time: millions of
 * points never sit in memory at once), and every period, team or hour filter is then a scan over them.
 */
export class PatrolAnalysis {
  private grids = new CoverageGridCache();
  private pending = new Map<
    string,
    { grid: CoverageGrid; request: GridRequest; out: PassCollector; report: PassReport }
  >();
  private passes = new Map<string, { grid: CoverageGrid; passes: PassSet; report: PassReport }>();

  registerUserGrid(token: string, features: UserStudyGrid['features']): void {
    this.grids.registerUserGrid(token, features);
  }

  gridOf(grid: GridRequest, area: StudyArea): CoverageGrid {
    return this.grids.get(grid, area);
  }

  private keyOf(trackKey: string, grid: GridRequest, area: StudyArea): string {
    return `${this.grids.get(grid, area).key}|${trackKey}`;
  }

  /**
   * Starts collecting the passes of track `trackKey` on a grid; chunks follow, then finishPasses. One collection
   * runs at a time: a collection begun before and not finished was abandoned by its view, and goes (with what it
   * held), so its late chunks fail instead of accumulating.
   */
  beginPasses(trackKey: string, grid: GridRequest, area: StudyArea, teams: readonly string[]): void {
    const g = this.grids.get(grid, area);
    this.pending.clear();
    this.pending.set(this.keyOf(trackKey, grid, area), {
      grid: g,
      request: grid,
      out: new PassCollector(g.grid.ids.length, teams),
      report: { ...emptyTrackReport(), ...emptyGridLogReport() },
    });
  }

  addTrackChunk(trackKey: string, grid: GridRequest, area: StudyArea, columns: TrackColumns): void {
    const p = this.pending.get(this.keyOf(trackKey, grid, area));
    if (!p) throw new Error('passes not begun');
    collectTrackPasses(columns, p.grid.finder, p.out, p.report);
  }

  /**
   * The logs by grid cell (all of them, once per collection): placed on the user's grid by id; on a square or
   * H3 grid they are only counted (docs/metrics.md).
   */
  addGridLogs(trackKey: string, grid: GridRequest, area: StudyArea, logs: GridLogColumns): void {
    const p = this.pending.get(this.keyOf(trackKey, grid, area));
    if (!p) throw new Error('passes not begun');
    const cellOf = p.request.kind === 'user' ? new Map(p.grid.grid.ids.map((id, i) => [id, i])) : null;
    collectGridLogPasses(logs, cellOf, p.out, p.report);
  }

  finishPasses(trackKey: string, grid: GridRequest, area: StudyArea): PassReport {
    const key = this.keyOf(trackKey, grid, area);
    const p = this.pending.get(key);
    if (!p) throw new Error('passes not begun');
    this.pending.delete(key);
    if (this.passes.size >= 3) this.passes.delete(this.passes.keys().next().value as string);
    this.passes.set(key, { grid: p.grid, passes: p.out.finish(), report: p.report });
    return p.report;
  }

  /** beginPasses, one chunk, finishPasses. */
  loadTrack(trackKey: string, grid: GridRequest, area: StudyArea, columns: TrackColumns): PassReport {
    this.beginPasses(trackKey, grid, area, columns.teams);
    this.addTrackChunk(trackKey, grid, area, columns);
    return this.finishPasses(trackKey, grid, area);
  }

  hasPasses(trackKey: string, grid: GridRequest, area: StudyArea): boolean {
    return this.passes.has(this.keyOf(trackKey, grid, area));
  }

  private passesOf(request: Base): { grid: CoverageGrid; passes: PassSet; report: PassReport } {
    const entry = this.passes.get(this.keyOf(request.trackKey, request.grid, request.area));
    if (!entry) throw new Error('patrol passes not loaded');
    return entry;
  }

  coverage(request: CoverageRequest): CoverageResult {
    const started = performance.now();
    const { grid, passes, report } = this.passesOf(request);
    const cov = computeCoverage(passes, {
      ...request.period,
      unit: request.unit,
      teams: request.teams,
      hours: request.hours,
    });
    const hourly = assembleHourlyCounts(grid.grid, request.demandRows);
    const demand = sumExpectedByCell(hourly.counts, grid.grid.ids.length, request.hours);
    const gaps = findCoverageGaps(demand, cov.coverage);
    const top = topCells(demand, request.trendCells);
    const trend = computeWeeklyCoverage(passes, top, request.period.fromDay, request.period.toDay);
    return {
      ...cov,
      ids: grid.grid.ids,
      names: grid.grid.names,
      centres: grid.grid.centres,
      demand,
      gap: gaps.gap,
      gapDemandAtLeast: gaps.demandAtLeast,
      gapCoverageAtMost: gaps.coverageAtMost,
      ranked: rankCoverageGaps(gaps.gap, demand, cov.coverage),
      report: { ...report, passes: passes.cell.length },
      demandOutside: hourly.outside,
      trend: { ...trend, cells: top },
      ms: performance.now() - started,
    };
  }

  plan(request: PlanRequest): PlanResult {
    const started = performance.now();
    const { grid, passes } = this.passesOf(request);
    const g = grid.grid;
    const n = g.ids.length;
    const today = computeCoverage(passes, { ...request.period, unit: 'day', hours: request.hours });
    const alreadyCovered = Uint8Array.from(today.rate, (r) => (r >= COVERED_RATE - 1e-12 ? 1 : 0));
    const sums = assembleHourlyCounts(g, request.expectedRows).counts;
    const seasons = request.seasons > 0 ? request.seasons : 1;
    const expected = sums.map((v) => v / seasons);
    const index = new Map(g.ids.map((id, i) => [id, i]));
    const toCells = (ids: string[]) => ids.map((id) => index.get(id) ?? -1).filter((c) => c >= 0);
    const plan = buildSeasonalPlan({
      expected,
      cellCount: n,
      hours: request.hours,
      alreadyCovered,
      neighbours: g.neighbours(QUEEN),
      mode: request.mode,
      k: request.k,
      reach: request.reach,
      beatSize: request.beatSize,
      shiftHours: request.shiftHours,
      pinned: toCells(request.pinnedIds),
      removed: toCells(request.removedIds),
    });
    const { x, y } = projectCentres(g.centres, createLocalProjection(g.centres[0] ?? 0, g.centres[1] ?? 0));
    const nTeams = passes.teams.length;
    const teamCells = Array.from({ length: nTeams }, (_, t) => {
      const cells: number[] = [];
      for (let c = 0; c < n; c++) if (today.teamFlags[c * nTeams + t]) cells.push(c);
      return { x: Float64Array.from(cells, (c) => x[c] as number), y: Float64Array.from(cells, (c) => y[c] as number) };
    });
    const active = teamCells.map((tc, t) => ({ tc, t })).filter(({ tc }) => tc.x.length > 0);
    const items = plan.items.map((item) => {
      let sx = 0;
      let sy = 0;
      for (const c of item.cells) {
        sx += x[c] as number;
        sy += y[c] as number;
      }
      return { x: sx / item.cells.length, y: sy / item.cells.length };
    });
    const assigned = assignPlanTeams(
      items,
      active.map((a) => a.tc),
    );
    return {
      plan,
      teamOf: assigned.map((a) => (a >= 0 ? (active[a]?.t ?? -1) : -1)),
      expectedByCell: sumExpectedByCell(expected, n, request.hours),
      alreadyCovered,
      ms: performance.now() - started,
    };
  }
}

function topCells(demand: Float64Array, k: number): number[] {
  const cells: number[] = [];
  for (let c = 0; c < demand.length; c++) if ((demand[c] as number) > 0) cells.push(c);
  return cells.sort((a, b) => (demand[b] as number) - (demand[a] as number) || a - b).slice(0, k);
}
