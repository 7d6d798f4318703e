import type { SquareStudyGrid } from '../grid/square-grid';
import type { StudyGrid } from '../grid/study-grid';
import { userStudyGridOf, type UserStudyGrid } from '../grid/user-grid';
import { gridKindOf, type GridRequest } from '../hotspots/grid-kinds';
import type { StudyArea } from '../hotspots/study-area';
import type { CellFinder } from './cell-finder';
import { createPolygonCellFinder } from './polygon-cell-finder';
import { createSquareCellFinder } from './square-cell-finder';

export interface CoverageGrid {
  key: string;
  grid: StudyGrid;
  finder: CellFinder;
}

/** As the hot spot view: more cells are slow to draw and to reason about. */
export const MAX_COVERAGE_CELLS = 300_000;

/**
 * The study grids of coverage, built by the shared grid kinds (src/core/hotspots/grid-kinds.ts), each
 * with the cell finder that walks track segments over it: square cells by their lattice, other cells
 * by their polygons.
 */
export class CoverageGridCache {
  private grids = new Map<string, CoverageGrid>();
  private userGrids = new Map<string, UserStudyGrid>();

  /** The user's grid as parsed on the page (parseUserGrid): its WGS-84 features. */
  registerUserGrid(token: string, features: UserStudyGrid['features']): void {
    this.userGrids.set(token, userStudyGridOf(features));
  }

  get(request: GridRequest, area: StudyArea): CoverageGrid {
    const kind = gridKindOf(request, request.kind === 'user' ? (this.userGrids.get(request.token) ?? null) : null);
    const key = kind.studyGridKey(area);
    let entry = this.grids.get(key);
    if (entry) return entry;
    const grid = kind.buildStudyGrid(area, MAX_COVERAGE_CELLS);
    const finder =
      grid.kind === 'square' ? createSquareCellFinder(grid as SquareStudyGrid) : createPolygonCellFinder(grid);
    entry = { key, grid, finder };
    if (this.grids.size >= 3) this.grids.delete(this.grids.keys().next().value as string);
    this.grids.set(key, entry);
    return entry;
  }
}
