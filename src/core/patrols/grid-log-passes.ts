import { HOUR_MS, type PassCollector } from './patrol-passes';

/** Patrol logs by grid cell (table patrol_logs): team index, CST start and end (epoch ms), the user's cell id. */
export interface GridLogColumns {
  team: readonly number[];
  start: readonly number[];
  end: readonly number[];
  gridId: readonly string[];
}

export interface GridLogReport {
  gridLogs: number;
  /** logs whose grid id is not a cell of the loaded user grid: not counted */
  gridLogsUnknownId: number;
  /** logs not counted because the grid is square or H3 (a log names a cell of the user's own grid only) */
  gridLogsNeedUserGrid: number;
}

export function emptyGridLogReport(): GridLogReport {
  return { gridLogs: 0, gridLogsUnknownId: 0, gridLogsNeedUserGrid: 0 };
}

/**
 * One pass per CST hour a log covers, on its cell (docs/metrics.md, Patrol coverage): the hours from the start's
 * to the end's, the end's own hour left out when the log ends on the hour (08:00–10:00 is hours 8 and 9), so a
 * log's patrol-hours are the clock hours it overlaps. `cellOf` maps the user grid's ids to cells; without it
 * (a square or H3 grid) no log can be placed and all are counted as needing the user's grid.
 */
export function collectGridLogPasses(
  logs: GridLogColumns,
  cellOf: ReadonlyMap<string, number> | null,
  out: PassCollector,
  report: GridLogReport,
): void {
  const n = logs.gridId.length;
  report.gridLogs += n;
  if (!cellOf) {
    report.gridLogsNeedUserGrid += n;
    return;
  }
  for (let i = 0; i < n; i++) {
    const cell = cellOf.get(logs.gridId[i] as string);
    if (cell === undefined) {
      report.gridLogsUnknownId++;
      continue;
    }
    const start = logs.start[i] as number;
    const end = logs.end[i] as number;
    const first = Math.floor(start / HOUR_MS);
    const endHour = Math.floor(end / HOUR_MS);
    const last = end > start && end === endHour * HOUR_MS ? endHour - 1 : endHour;
    for (let h = first; h <= last; h++) out.addAt(cell, logs.team[i] as number, Math.max(start, h * HOUR_MS));
  }
}
