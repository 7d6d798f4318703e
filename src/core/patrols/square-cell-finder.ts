import { createSquareCellCoordinates, type SquareStudyGrid } from '../grid/square-grid';
import type { CellFinder } from './cell-finder';
import { forEachSquareSegmentCell } from './square-segment-cells';

/** The pass rules on the hot spot view's square grid: cells by floor, segments by a grid walk. */
export function createSquareCellFinder(grid: SquareStudyGrid): CellFinder {
  const toCell = createSquareCellCoordinates(grid.spec);
  return {
    cellCount: grid.ids.length,
    locate: (lon, lat) => {
      const [u, v] = toCell(lon, lat);
      return grid.indexOf(Math.floor(u), Math.floor(v));
    },
    forEachSegmentCell: (lonA, latA, lonB, latB, visit) => {
      const [u0, v0] = toCell(lonA, latA);
      const [u1, v1] = toCell(lonB, latB);
      forEachSquareSegmentCell(u0, v0, u1, v1, (ix, iy, tFrom, tTo) => {
        const cell = grid.indexOf(ix, iy);
        if (cell >= 0) visit(cell, tFrom, tTo);
      });
    },
  };
}
