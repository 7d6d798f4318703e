import { latLngToCell } from 'h3-js';
import { buildDistanceBandNeighbours, buildNeighboursFromLists } from '../analytics/neighbours';
import { createH3StudyGrid, type H3StudyGrid } from '../grid/h3-grid';
import { assembleSquareStudyGrid, gridTooLarge, type SquareGridSpec, type SquareStudyGrid } from '../grid/square-grid';
import { FINE_BIN_DECIMALS } from '../grid/study-grid';
import type { CountRow } from './cell-queries';

/*
 * Study grids of the occupied cells (study-area.ts): only the cells that hold an episode, however far
 * apart, so a 100 m grid over a whole city costs as many cells as there are places with finds. Cells
 * outside the grid are never neighbours (as for any study area).
 */

/** Cells (ix, iy) as one number; |ix|, |iy| < 2^25 (a 1 m grid spans 33,000 km). */
const keyOf = (ix: number, iy: number) => (ix + 2 ** 25) * 2 ** 26 + (iy + 2 ** 25);

/** The square cells of the count rows (ix, iy), in row-major order (iy, then ix). */
export function buildOccupiedSquareGrid(
  spec: SquareGridSpec,
  rows: readonly CountRow[],
  maxCells: number,
): SquareStudyGrid {
  const unique = new Map<number, [number, number]>();
  for (const r of rows) {
    const ix = Number(r.ix);
    const iy = Number(r.iy);
    if (Number.isInteger(ix) && Number.isInteger(iy)) unique.set(keyOf(ix, iy), [ix, iy]);
  }
  if (unique.size > maxCells) throw gridTooLarge(unique.size, maxCells);
  const cells = [...unique.values()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const cellX = Int32Array.from(cells, ([ix]) => ix);
  const cellY = Int32Array.from(cells, ([, iy]) => iy);
  const slot = new Map(cells.map(([ix, iy], i) => [keyOf(ix, iy), i]));
  const indexOf = (ix: number, iy: number) => slot.get(keyOf(ix, iy)) ?? -1;
  // no lookup array over the cells' bounding rectangle: the cells may lie a city apart
  return assembleSquareStudyGrid(spec, cellX, cellY, indexOf, (hood) => {
    if (hood.kind === 'band') {
      // in cell units, where centres are integers apart: the band's edge is compared exactly
      return buildDistanceBandNeighbours(
        Float64Array.from(cellX),
        Float64Array.from(cellY),
        hood.distanceM / spec.sizeM,
      );
    }
    return buildNeighboursFromLists(
      cells.map(([ix, iy]) => {
        const list: number[] = [];
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) list.push(indexOf(ix + dx, iy + dy));
        return list;
      }),
    );
  });
}

/** The H3 cells holding the fine bins (bx, by) of the count rows. */
export function buildOccupiedH3Grid(rows: readonly CountRow[], resolution: number, maxCells: number): H3StudyGrid {
  const scale = 10 ** FINE_BIN_DECIMALS;
  const cells = new Set<string>();
  for (const r of rows) {
    const lon = Number(r.bx) / scale;
    const lat = Number(r.by) / scale;
    if (Number.isFinite(lon) && Number.isFinite(lat)) cells.add(latLngToCell(lat, lon, resolution));
  }
  if (cells.size > maxCells) throw gridTooLarge(cells.size, maxCells);
  return createH3StudyGrid([...cells].sort(), resolution);
}
