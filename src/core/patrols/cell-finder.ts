/**
 * What the pass rules need of a grid: the cell of a point, and every cell a straight segment passes
 * through. One implementation per kind of grid (square-cell-finder.ts, polygon-cell-finder.ts).
 */
export interface CellFinder {
  cellCount: number;
  /** the index of the cell holding a WGS-84 point, −1 outside the grid */
  locate(lon: number, lat: number): number;
  /**
   * Calls `visit(cell, tFrom, tTo)` for every cell the segment A→B passes through, in order along it (a
   * cell may be visited more than once), with [tFrom, tTo] ⊆ [0, 1] the stretch of the segment inside it.
   */
  forEachSegmentCell(
    lonA: number,
    latA: number,
    lonB: number,
    latB: number,
    visit: (cell: number, tFrom: number, tTo: number) => void,
  ): void;
}
