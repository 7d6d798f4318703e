import type { SquareStudyGrid } from '../grid/square-grid';
import { FINE_BIN_DECIMALS, type StudyGrid } from '../grid/study-grid';

/** Rows of a per-cell (ix, iy) or per-bin (bx, by) count by hour: hour_counts = 'h:n,h:n,…'. */
export interface HourCountRow {
  ix?: number;
  iy?: number;
  bx?: number;
  by?: number;
  hour_counts: string | null;
}

/**
 * Counts by cell and hour of day, cell-major (counts[c · 24 + h]), from rows keyed by square cell or by fine
 * bin (located once each with the grid's locate). Episodes outside every cell are counted apart.
 */
export function assembleHourlyCounts(
  grid: StudyGrid,
  rows: readonly HourCountRow[],
  decimals = FINE_BIN_DECIMALS,
): { counts: Float64Array; outside: number } {
  const counts = new Float64Array(grid.ids.length * 24);
  const scale = 10 ** decimals;
  const square = grid.kind === 'square' ? (grid as SquareStudyGrid) : null;
  let outside = 0;
  for (const row of rows) {
    const cell = square
      ? square.indexOf(Number(row.ix), Number(row.iy))
      : grid.locate(Number(row.bx) / scale, Number(row.by) / scale);
    for (const pair of (row.hour_counts ?? '').split(',')) {
      const colon = pair.indexOf(':');
      if (colon < 0) continue;
      const h = Number(pair.slice(0, colon));
      const n = Number(pair.slice(colon + 1)) || 0;
      if (cell < 0 || !(h >= 0 && h < 24)) outside += n;
      else counts[cell * 24 + h] = (counts[cell * 24 + h] as number) + n;
    }
  }
  return { counts, outside };
}
