import type { Neighbourhood, Neighbours } from '../analytics/neighbours';

export type GridKind = 'square' | 'h3' | 'user';

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * The cells over which the statistics run: every cell of the study area, empty ones included
 * (metrics.md, Hotspots). Cell i is the i-th entry of every per-cell array.
 */
export interface StudyGrid {
  kind: GridKind;
  ids: readonly string[];
  /** the user grid's names; null for generated grids */
  names: readonly (string | null)[] | null;
  /** WGS-84 centres, lon and lat interleaved */
  centres: Float64Array;
  /** the polygons of cell i, each as GeoJSON Polygon coordinates (outer ring first, [lon, lat]) */
  cellPolygons(i: number): number[][][][];
  /** the cell holding a WGS-84 point, or −1 outside the study area */
  locate(lon: number, lat: number): number;
  neighbours(hood: Neighbourhood): Neighbours;
}

/**
 * Points are aggregated in SQL to fine bins (integer keys round(lon · 10^d), round(lat · 10^d)) when
 * cells cannot be computed in SQL (H3, the user's polygons); 4 decimals is about 11 m × 8.5 m at
 * Beijing, small against an H3 resolution-10 edge (≈ 66 m) or a management grid cell.
 */
export const FINE_BIN_DECIMALS = 4;

export interface CellCounts {
  /** per cell, or slice-major (slice t of cell i at t · cells + i) when slices were given */
  counts: Float64Array;
  slices: number;
  /** episodes that fell outside every cell of the study area */
  outside: number;
  /** episodes whose slice is not in the slice list (outside the period) */
  outsidePeriod: number;
}

interface CountRow {
  n?: number;
  /** 'day:n,day:n,…' with day = the slice start in days since 1970-01-01 (the sliced queries) */
  slice_counts?: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Adds rows of counts into per-cell arrays, or with `slices` (slice starts in epoch ms, as
 * listTimeSlices gives them) into a slice-major cube from the rows' slice_counts. `locate` maps a
 * row to its cell index (−1 outside the study area).
 */
export function assembleCellCounts<R extends CountRow>(
  rows: readonly R[],
  cells: number,
  locate: (row: R) => number,
  slices?: readonly number[],
): CellCounts {
  const sliceIndex = new Map((slices ?? []).map((s, t) => [s, t]));
  const nSlices = slices ? slices.length : 1;
  const counts = new Float64Array(cells * nSlices);
  let outside = 0;
  let outsidePeriod = 0;
  for (const row of rows) {
    const cell = locate(row);
    if (!slices) {
      const n = Number(row.n) || 0;
      if (cell < 0) outside += n;
      else counts[cell] = (counts[cell] as number) + n;
      continue;
    }
    for (const pair of (row.slice_counts ?? '').split(',')) {
      const colon = pair.indexOf(':');
      if (colon < 0) continue;
      const n = Number(pair.slice(colon + 1)) || 0;
      const t = sliceIndex.get(Number(pair.slice(0, colon)) * DAY_MS);
      if (cell < 0) outside += n;
      else if (t === undefined) outsidePeriod += n;
      else counts[t * cells + cell] = (counts[t * cells + cell] as number) + n;
    }
  }
  return { counts, slices: nSlices, outside, outsidePeriod };
}

/** Counts from fine-bin rows (bx, by) for any grid, locating each distinct bin once. */
export function assembleBinCounts(
  grid: StudyGrid,
  rows: readonly ({ bx: number; by: number } & CountRow)[],
  decimals = FINE_BIN_DECIMALS,
  slices?: readonly number[],
): CellCounts {
  const scale = 10 ** decimals;
  const cache = new Map<string, number>();
  return assembleCellCounts(
    rows,
    grid.ids.length,
    (row) => {
      const key = `${row.bx},${row.by}`;
      let cell = cache.get(key);
      if (cell === undefined) {
        cell = grid.locate(Number(row.bx) / scale, Number(row.by) / scale);
        cache.set(key, cell);
      }
      return cell;
    },
    slices,
  );
}

/** Wraps a neighbour builder so that each neighbourhood is built once per grid. */
export function memoizeNeighbours(build: (hood: Neighbourhood) => Neighbours): (hood: Neighbourhood) => Neighbours {
  const cache = new Map<string, Neighbours>();
  return (hood) => {
    const key = hood.kind === 'queen' ? 'queen' : `band:${hood.distanceM}`;
    let nb = cache.get(key);
    if (!nb) {
      nb = build(hood);
      cache.set(key, nb);
    }
    return nb;
  };
}

/** Local equirectangular projection in metres around an origin (adequate over a city). */
export interface LocalProjection {
  originLon: number;
  originLat: number;
  /** metres per degree of longitude at the origin's latitude, and of latitude */
  mPerDegLon: number;
  mPerDegLat: number;
}

/** IUGG mean Earth radius, as coords.ts. */
const EARTH_RADIUS_M = 6371008.8;

export function createLocalProjection(originLon: number, originLat: number): LocalProjection {
  const mPerDegLat = (EARTH_RADIUS_M * Math.PI) / 180;
  return { originLon, originLat, mPerDegLat, mPerDegLon: mPerDegLat * Math.cos((originLat * Math.PI) / 180) };
}

/** WGS-84 centres (interleaved) → local metres. */
export function projectCentres(centres: Float64Array, proj: LocalProjection): { x: Float64Array; y: Float64Array } {
  const n = centres.length / 2;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = ((centres[2 * i] as number) - proj.originLon) * proj.mPerDegLon;
    y[i] = ((centres[2 * i + 1] as number) - proj.originLat) * proj.mPerDegLat;
  }
  return { x, y };
}
