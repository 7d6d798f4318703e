import { distanceMetres, isInChina } from '../geo/coords';
import type { CellFinder } from './cell-finder';
import { HOUR_MS, PassCollector, type PassSet } from './patrol-passes';

/** GPS track points, sorted by patrol then time. */
export interface TrackColumns {
  /** patrol index: consecutive points of one patrol are joined into segments */
  patrol: Int32Array;
  /** team index into `teams` */
  team: Int32Array;
  /** CST wall-clock, epoch milliseconds */
  time: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** 1 where the point is a vertex of a drawn route (times interpolated); a patrol's first point decides */
  drawn?: Uint8Array;
  teams: readonly string[];
}

/** metrics.md, Patrol coverage: consecutive points join when at most 15 minutes and 3 km apart. */
export interface PassRules {
  maxGapMs: number;
  maxGapM: number;
  /** faster than this between fixes is a GPS jump, not movement (docs/metrics.md) */
  maxSpeedMps: number;
}

export const DEFAULT_PASS_RULES: PassRules = { maxGapMs: 15 * 60_000, maxGapM: 3000, maxSpeedMps: 30 };

export interface TrackPassReport {
  points: number;
  /** at (0,0), not finite or outside China: dropped */
  invalid: number;
  /** GPS cold-start fixes and spikes: dropped */
  jumps: number;
  /** kept points outside every cell of the grid (their segments may still cross cells) */
  outside: number;
  segments: number;
  /** consecutive points more than 15 min or 3 km apart: not joined */
  gaps: number;
}

/**
 * Patrol passes from GPS tracks (metrics.md, Patrol coverage): a patrol passes a cell when one of its
 * points lies in it or the straight segment between two consecutive points of the patrol, at most 15 min and
 * 3 km apart, crosses it. The time of a pass is the point's, or interpolated along the segment.
 * Before that, points at (0,0) or outside China are dropped, and so are GPS jumps: a patrol's first (or
 * last) fix that is further from the next (previous) one than `maxSpeedMps` allows, when the fix after it is
 * consistent, and a fix that is too far from both its neighbours (a spike). The vertices of a drawn route
 * (`drawn`) are neither filtered for jumps nor split by the gap rule: its legs are joined as drawn.
 */
export function computeTrackPasses(
  track: TrackColumns,
  finder: CellFinder,
  rules: PassRules = DEFAULT_PASS_RULES,
): { passes: PassSet; report: TrackPassReport } {
  const report = emptyTrackReport();
  const out = new PassCollector(finder.cellCount, track.teams);
  collectTrackPasses(track, finder, out, report, rules);
  return { passes: out.finish(), report };
}

export function emptyTrackReport(): TrackPassReport {
  return { points: 0, invalid: 0, jumps: 0, outside: 0, segments: 0, gaps: 0 };
}

/** computeTrackPasses into a collector and report shared by several chunks of track (e.g. one per month). */
export function collectTrackPasses(
  track: TrackColumns,
  finder: CellFinder,
  out: PassCollector,
  report: TrackPassReport,
  rules: PassRules = DEFAULT_PASS_RULES,
): void {
  const n = track.time.length;
  report.points += n;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && track.patrol[end] === track.patrol[start]) end++;
    walkPatrol(track, start, end, finder, rules, out, report);
    start = end;
  }
}

function walkPatrol(
  track: TrackColumns,
  from: number,
  to: number,
  finder: CellFinder,
  rules: PassRules,
  out: PassCollector,
  report: TrackPassReport,
): void {
  const kept: number[] = [];
  for (let i = from; i < to; i++) {
    const lon = track.lon[i] as number;
    const lat = track.lat[i] as number;
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || (lon === 0 && lat === 0) || !isInChina(lon, lat)) {
      report.invalid++;
    } else kept.push(i);
  }
  // a drawn route has no GPS jumps, and its vertices are joined however far apart (docs/metrics.md)
  const drawn = track.drawn?.[from] === 1;
  const good = drawn ? kept : dropJumps(track, kept, rules.maxSpeedMps);
  report.jumps += kept.length - good.length;
  const team = track.team[from] as number;
  let last = -1;
  let lastKey = -1;
  // every hour the patrol spent in the cell; repeats of the last (cell, hour) are skipped here, the rest in finish()
  const emit = (cell: number, fromMs: number, toMs: number) => {
    for (let h = Math.floor(fromMs / HOUR_MS); h <= Math.floor(toMs / HOUR_MS); h++) {
      const key = cell * 1e6 + h;
      if (key === lastKey) continue;
      lastKey = key;
      out.addAt(cell, team, Math.max(fromMs, h * HOUR_MS));
    }
  };
  for (const i of good) {
    const lon = track.lon[i] as number;
    const lat = track.lat[i] as number;
    const ms = track.time[i] as number;
    if (last >= 0) {
      const lastMs = track.time[last] as number;
      const a: [number, number] = [track.lon[last] as number, track.lat[last] as number];
      if (drawn || (ms - lastMs <= rules.maxGapMs && distanceMetres(a, [lon, lat]) <= rules.maxGapM)) {
        report.segments++;
        finder.forEachSegmentCell(a[0], a[1], lon, lat, (cell, t0, t1) =>
          emit(cell, lastMs + t0 * (ms - lastMs), lastMs + t1 * (ms - lastMs)),
        );
      } else report.gaps++;
    }
    const cell = finder.locate(lon, lat);
    if (cell >= 0) emit(cell, ms, ms);
    else report.outside++;
    last = i;
  }
}

function speed(track: TrackColumns, i: number, j: number): number {
  const d = distanceMetres(
    [track.lon[i] as number, track.lat[i] as number],
    [track.lon[j] as number, track.lat[j] as number],
  );
  const dt = Math.abs((track.time[j] as number) - (track.time[i] as number)) / 1000;
  if (d === 0) return 0;
  return dt > 0 ? d / dt : Infinity;
}

/** The points of one patrol without its GPS jumps (see computeTrackPasses). */
export function dropJumps(track: TrackColumns, points: readonly number[], maxSpeedMps: number): number[] {
  const fast = (i: number | undefined, j: number | undefined) =>
    i !== undefined && j !== undefined && speed(track, i, j) > maxSpeedMps;
  const rest = [...points];
  // cold start: the first fix is off when it is too far from the second and the second agrees with the third
  while (rest.length >= 2 && fast(rest[0], rest[1]) && !fast(rest[1], rest[2])) rest.shift();
  const kept: number[] = [];
  for (let k = 0; k < rest.length; k++) {
    const i = rest[k] as number;
    const prev = kept[kept.length - 1];
    const next = rest[k + 1];
    const spike = fast(prev, i) && (next === undefined || fast(i, next));
    if (!spike) kept.push(i);
  }
  return kept;
}
