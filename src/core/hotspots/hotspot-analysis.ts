import { computeEmergingHotspots, type EmergingResult } from '../analytics/emerging-hotspots';
import { computeGiStar } from '../analytics/gi-star';
import { classifyHotspots } from '../analytics/hotspot-classes';
import type { Neighbourhood, Neighbours } from '../analytics/neighbours';
import type { StudyGrid } from '../grid/study-grid';
import { userStudyGridOf, type UserStudyGrid } from '../grid/user-grid';
import type { CountRow } from './cell-queries';
import { gridKindOf, type GridRequest } from './grid-kinds';
import type { StudyArea } from './study-area';
import { AnalysisError } from '../analysis-error';

/**
 * The statistics of the hot spot view, from count rows to per-cell results, in one function that the
 * view's worker runs (the study grid, its neighbours, Gi* and the emerging cube can take seconds for
 * fine grids or weekly slices, so they stay off the main thread).
 */

/** Gi* over more cells gets slow to draw and to reason about; the message asks for larger cells. */
export const MAX_STUDY_CELLS = 300_000;
/** cells × slices of the emerging cube (two Float64 arrays of this length are held at once). */
export const MAX_CUBE_VALUES = 8_000_000;

export interface AnalysisRequest {
  grid: GridRequest;
  area: StudyArea;
  hood: Neighbourhood;
  fdr: boolean;
  /** per-cell counts over the period: (ix, iy, n) for square grids, (bx, by, n) otherwise */
  countRows: CountRow[];
  /** the emerging analysis: slice starts (epoch ms) and (ix, iy | bx, by, slice_counts) rows */
  emerging: { slices: number[]; rows: CountRow[] } | null;
}

export interface AnalysisResult {
  ids: readonly string[];
  names: readonly (string | null)[] | null;
  centres: Float64Array;
  counts: Float64Array;
  z: Float64Array;
  p: Float64Array;
  bins: Int8Array;
  /**
   * For a hot cell without an episode of its own (hot through its neighbours): its neighbour with the
   * most episodes (ties to the lower index); −1 for every other cell.
   */
  busiestNeighbour: Int32Array;
  /** every cell had the same count: no cell can be told apart */
  zeroVariance: boolean;
  /** episodes outside every cell of the study area */
  outside: number;
  emerging: EmergingResult | null;
  ms: number;
}

/** Study grids and user grids, kept between requests (a filter change reuses the grid). */
export class HotspotGridCache {
  private grids = new Map<string, StudyGrid>();
  private userGrids = new Map<string, UserStudyGrid>();

  /** The user's grid as parsed on the page (see parseUserGrid): its features, already WGS-84. */
  registerUserGrid(token: string, features: UserStudyGrid['features']): void {
    this.userGrids.set(token, userStudyGridOf(features));
  }

  get(request: GridRequest, area: StudyArea): StudyGrid {
    const kind = gridKindOf(request, request.kind === 'user' ? (this.userGrids.get(request.token) ?? null) : null);
    const key = kind.studyGridKey(area);
    let grid = this.grids.get(key);
    if (!grid) {
      grid = kind.buildStudyGrid(area, MAX_STUDY_CELLS);
      // a few grids at most: switching back and forth between sizes stays instant
      if (this.grids.size >= 4) this.grids.delete(this.grids.keys().next().value as string);
      this.grids.set(key, grid);
    }
    return grid;
  }

  kindOf(request: GridRequest) {
    return gridKindOf(request, request.kind === 'user' ? (this.userGrids.get(request.token) ?? null) : null);
  }
}

/** Counts → Gi* classes (and the emerging categories when asked) over every cell of the study grid. */
export function runHotspotAnalysis(request: AnalysisRequest, cache: HotspotGridCache): AnalysisResult {
  const started = performance.now();
  const grid = cache.get(request.grid, request.area);
  const kind = cache.kindOf(request.grid);
  const cells = grid.ids.length;
  if (request.emerging && cells * request.emerging.slices.length > MAX_CUBE_VALUES) {
    throw new AnalysisError('too many slices', 'hotspots.error.tooManySlices', {
      cells,
      slices: request.emerging.slices.length,
    });
  }
  const nb = grid.neighbours(request.hood);
  const { counts, outside } = kind.countInto(grid, request.countRows);
  const gi = computeGiStar(counts, nb);
  const bins = classifyHotspots(gi.z, gi.p, { fdr: request.fdr });
  let emerging: EmergingResult | null = null;
  if (request.emerging) {
    const cube = kind.countInto(grid, request.emerging.rows, request.emerging.slices);
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
    busiestNeighbour: findBusiestNeighbours(counts, bins, nb),
    zeroVariance: cells > 0 && gi.sd === 0,
    outside,
    emerging,
    ms: performance.now() - started,
  };
}

/** See AnalysisResult.busiestNeighbour. */
export function findBusiestNeighbours(counts: Float64Array, bins: Int8Array, nb: Neighbours): Int32Array {
  const out = new Int32Array(counts.length).fill(-1);
  for (let i = 0; i < counts.length; i++) {
    if (!((bins[i] as number) > 0) || (counts[i] as number) > 0) continue;
    let best = -1;
    for (let k = nb.offsets[i] as number; k < (nb.offsets[i + 1] as number); k++) {
      const j = nb.indices[k] as number;
      const n = counts[j] as number;
      if (n <= 0) continue;
      if (best < 0 || n > (counts[best] as number) || (n === counts[best] && j < best)) best = j;
    }
    out[i] = best;
  }
  return out;
}
