import { computeEmergingHotspots, type EmergingResult } from '../../core/analytics/emerging-hotspots';
import { computeGiStar } from '../../core/analytics/gi-star';
import { classifyHotspots } from '../../core/analytics/hotspot-classes';
import type { Neighbourhood } from '../../core/analytics/neighbours';
import type { Crs } from '../../core/geo/coords';
import { buildH3StudyGrid } from '../../core/grid/h3-grid';
import { buildStudyGrid, type SquareStudyGrid } from '../../core/grid/square-grid';
import {
  assembleBinCounts,
  assembleCellCounts,
  FINE_BIN_DECIMALS,
  type Bounds,
  type StudyGrid,
} from '../../core/grid/study-grid';
import { parseUserGrid, type UserGridIssue } from '../../core/grid/user-grid';

/**
 * The statistics of the hot spot view, from count rows to per-cell results, in one function that the
 * view's worker runs (the study grid, its neighbours, Gi* and the emerging cube can take seconds for
 * fine grids or weekly slices, so they stay off the main thread).
 */

/** Gi* over more cells gets slow to draw and to reason about; the message asks for larger cells. */
export const MAX_STUDY_CELLS = 300_000;
/** cells × slices of the emerging cube (two Float64 arrays of this length are held at once). */
export const MAX_CUBE_VALUES = 8_000_000;

export type GridRequest =
  { kind: 'square'; sizeM: number } | { kind: 'h3'; resolution: number } | { kind: 'user'; token: string };

/** Where the statistics run: GeoJSON polygons (the districts) or a box; `key` names it for caching. */
export interface StudyArea {
  key: string;
  mask: unknown;
  bounds: Bounds | null;
}

/** Rows of the count queries: square cells (ix, iy) or fine bins (bx, by), with n or slice_counts. */
export interface CountRow {
  ix?: number;
  iy?: number;
  bx?: number;
  by?: number;
  n?: number;
  slice_counts?: string | null;
}

export interface AnalysisRequest {
  grid: GridRequest;
  area: StudyArea;
  hood: Neighbourhood;
  fdr: boolean;
  /** per-cell counts over the period: (ix, iy, n) for square grids, (bx, by, n) otherwise */
  countRows: CountRow[];
  /** the emerging analysis: slice starts (epoch ms) and (ix, iy | bx, by, slice_counts) rows */
  emerging: { slices: number[]; rows: CountRow[] } | null;
  decimals?: number;
}

export interface AnalysisResult {
  ids: readonly string[];
  names: readonly (string | null)[] | null;
  centres: Float64Array;
  counts: Float64Array;
  z: Float64Array;
  p: Float64Array;
  bins: Int8Array;
  /** every cell had the same count: no cell can be told apart */
  zeroVariance: boolean;
  /** episodes outside every cell of the study area */
  outside: number;
  emerging: EmergingResult | null;
  ms: number;
}

/** An error the view shows by message key (e.g. too many cells). */
export class HotspotLimitError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, number>,
  ) {
    super(key);
  }
}

/** Study grids and user grids, kept between requests (a filter change reuses the grid). */
export class HotspotGridCache {
  private grids = new Map<string, StudyGrid>();
  private userGrids = new Map<string, StudyGrid>();

  registerUserGrid(token: string, geojson: unknown, crs: Crs): UserGridIssue[] {
    const { grid, issues } = parseUserGrid(geojson, crs);
    if (grid) this.userGrids.set(token, grid);
    return issues;
  }

  get(request: GridRequest, area: StudyArea): StudyGrid {
    if (request.kind === 'user') {
      const grid = this.userGrids.get(request.token);
      if (!grid) throw new HotspotLimitError('hotspots.userGrid.prompt', {});
      return grid;
    }
    const key =
      request.kind === 'square' ? `square:${request.sizeM}:${area.key}` : `h3:${request.resolution}:${area.key}`;
    let grid = this.grids.get(key);
    if (!grid) {
      const maxCells = MAX_STUDY_CELLS;
      grid =
        request.kind === 'square'
          ? buildStudyGrid(area.mask ? null : area.bounds, request.sizeM, {
              ...(area.mask ? { mask: area.mask } : {}),
              maxCells,
            })
          : buildH3StudyGrid({ bounds: area.mask ? null : area.bounds, mask: area.mask ?? null }, request.resolution, {
              maxCells,
            });
      // a few grids at most: switching back and forth between sizes stays instant
      if (this.grids.size >= 4) this.grids.delete(this.grids.keys().next().value as string);
      this.grids.set(key, grid);
    }
    return grid;
  }
}

function countInto(grid: StudyGrid, rows: readonly CountRow[], decimals: number, slices?: readonly number[]) {
  if (grid.kind === 'square') {
    const square = grid as SquareStudyGrid;
    return assembleCellCounts(rows, grid.ids.length, (r) => square.indexOf(Number(r.ix), Number(r.iy)), slices);
  }
  return assembleBinCounts(grid, rows as ({ bx: number; by: number } & CountRow)[], decimals, slices);
}

/** Counts → Gi* classes (and the emerging categories when asked) over every cell of the study grid. */
export function runHotspotAnalysis(request: AnalysisRequest, cache: HotspotGridCache): AnalysisResult {
  const started = performance.now();
  const grid = cache.get(request.grid, request.area);
  const cells = grid.ids.length;
  const decimals = request.decimals ?? FINE_BIN_DECIMALS;
  if (request.emerging && cells * request.emerging.slices.length > MAX_CUBE_VALUES) {
    throw new HotspotLimitError('hotspots.error.tooManySlices', {
      cells,
      slices: request.emerging.slices.length,
    });
  }
  const nb = grid.neighbours(request.hood);
  const { counts, outside } = countInto(grid, request.countRows, decimals);
  const gi = computeGiStar(counts, nb);
  const bins = classifyHotspots(gi.z, gi.p, { fdr: request.fdr });
  let emerging: EmergingResult | null = null;
  if (request.emerging) {
    const cube = countInto(grid, request.emerging.rows, decimals, request.emerging.slices);
    emerging = computeEmergingHotspots(cube.counts, cube.slices, nb);
  }
  return {
    ids: grid.ids,
    names: grid.names,
    centres: grid.centres,
    counts,
    z: gi.z,
    p: gi.p,
    bins,
    zeroVariance: cells > 0 && gi.sd === 0,
    outside,
    emerging,
    ms: performance.now() - started,
  };
}
