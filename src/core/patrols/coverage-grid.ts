import type { Crs } from '../geo/coords';
import { buildH3StudyGrid } from '../grid/h3-grid';
import { buildStudyGrid, type SquareStudyGrid } from '../grid/square-grid';
import type { Bounds, StudyGrid } from '../grid/study-grid';
import { parseUserGrid, type UserGridIssue } from '../grid/user-grid';
import type { CellFinder } from './cell-finder';
import { createPolygonCellFinder } from './polygon-cell-finder';
import { createSquareCellFinder } from './square-cell-finder';

/**
 * The hot spot view's grid kinds as coverage needs them: the study grid and its cell finder. Kept small so
 * that it folds into the shared grid objects (one per kind: count SQL, slice SQL, profile SQL, geometry).
 */
export type CoverageGridRequest =
  { kind: 'square'; sizeM: number } | { kind: 'h3'; resolution: number } | { kind: 'user'; token: string };

export interface CoverageArea {
  key: string;
  /** GeoJSON polygons (the districts), or null for a box */
  mask: unknown;
  bounds: Bounds | null;
}

export interface CoverageGrid {
  key: string;
  grid: StudyGrid;
  finder: CellFinder;
}

/** As the hot spot view: more cells are slow to draw and to reason about. */
export const MAX_COVERAGE_CELLS = 300_000;

export class CoverageGridCache {
  private grids = new Map<string, CoverageGrid>();
  private userGrids = new Map<string, StudyGrid>();

  registerUserGrid(token: string, geojson: unknown, crs: Crs): UserGridIssue[] {
    const { grid, issues } = parseUserGrid(geojson, crs);
    if (grid) this.userGrids.set(token, grid);
    return issues;
  }

  get(request: CoverageGridRequest, area: CoverageArea): CoverageGrid {
    const key =
      request.kind === 'user'
        ? `user:${request.token}`
        : request.kind === 'square'
          ? `square:${request.sizeM}:${area.key}`
          : `h3:${request.resolution}:${area.key}`;
    let entry = this.grids.get(key);
    if (entry) return entry;
    let grid: StudyGrid;
    if (request.kind === 'user') {
      const user = this.userGrids.get(request.token);
      if (!user) throw new Error('the user grid is not loaded');
      grid = user;
    } else if (request.kind === 'square') {
      grid = buildStudyGrid(area.mask ? null : area.bounds, request.sizeM, {
        ...(area.mask ? { mask: area.mask } : {}),
        maxCells: MAX_COVERAGE_CELLS,
      });
    } else {
      grid = buildH3StudyGrid({ bounds: area.mask ? null : area.bounds, mask: area.mask ?? null }, request.resolution, {
        maxCells: MAX_COVERAGE_CELLS,
      });
    }
    const finder =
      grid.kind === 'square' ? createSquareCellFinder(grid as SquareStudyGrid) : createPolygonCellFinder(grid);
    entry = { key, grid, finder };
    if (this.grids.size >= 3) this.grids.delete(this.grids.keys().next().value as string);
    this.grids.set(key, entry);
    return entry;
  }
}
