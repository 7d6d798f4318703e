import { AnalysisError } from '../analysis-error';
import { QUEEN, buildSquareNeighbours, type Neighbourhood, type Neighbours } from '../analytics/neighbours';
import { raw, sql, type SqlFragment } from '../sql/sql';
import { boundsOfMask, extractMaskArea, rasterizeMask } from './polygon-mask';
import {
  createLocalProjection,
  memoizeNeighbours,
  type Bounds,
  type LocalProjection,
  type StudyGrid,
} from './study-grid';

/**
 * Square cells of `sizeM` metres on a local equirectangular projection around a fixed origin, so that
 * a cell keeps its index whatever the filters: ix = floor((lon − lon0) · mPerDegLon / size),
 * iy likewise. Across Beijing (39.4–41.1° N) the east–west scale drifts by under 2 % from the origin's.
 */
export interface SquareGridSpec {
  originLon: number;
  originLat: number;
  sizeM: number;
}

/** Tiananmen Square: a fixed origin for Beijing, so cell ids are stable across sessions. */
export const DEFAULT_GRID_ORIGIN = { lon: 116.3975, lat: 39.9087 } as const;

export function createSquareGridSpec(
  sizeM: number,
  origin: { lon: number; lat: number } = DEFAULT_GRID_ORIGIN,
): SquareGridSpec {
  if (!(sizeM > 0)) throw new RangeError(`cell size must be positive, got ${sizeM}`);
  return { originLon: origin.lon, originLat: origin.lat, sizeM };
}

/**
 * Cells per degree. Points exactly on a border belong to the cell on its upper/right side (floor);
 * the nudge of 1e-9 cell (under a micrometre) keeps a border point computed from a cell corner on that
 * side despite rounding, in JS and SQL alike (the same IEEE operations in the same order).
 */
const BORDER_NUDGE = 1e-9;

function cellScale(spec: SquareGridSpec): { perDegLon: number; perDegLat: number; proj: LocalProjection } {
  const proj = createLocalProjection(spec.originLon, spec.originLat);
  return { perDegLon: proj.mPerDegLon / spec.sizeM, perDegLat: proj.mPerDegLat / spec.sizeM, proj };
}

export function locateSquareCell(lon: number, lat: number, spec: SquareGridSpec): [number, number] {
  return createSquareLocator(spec)(lon, lat);
}

/**
 * A point's continuous cell coordinates (u, v), nudged as locateSquareCell: its cell is (floor u, floor v).
 * For walking segments across cells (src/core/patrols/square-cell-finder.ts).
 */
export function createSquareCellCoordinates(spec: SquareGridSpec): (lon: number, lat: number) => [number, number] {
  const { perDegLon, perDegLat } = cellScale(spec);
  return (lon, lat) => [
    (lon - spec.originLon) * perDegLon + BORDER_NUDGE,
    (lat - spec.originLat) * perDegLat + BORDER_NUDGE,
  ];
}

/** locateSquareCell with the scale computed once, for loops. */
export function createSquareLocator(spec: SquareGridSpec): (lon: number, lat: number) => [number, number] {
  const { perDegLon, perDegLat } = cellScale(spec);
  return (lon, lat) => [
    Math.floor((lon - spec.originLon) * perDegLon + BORDER_NUDGE),
    Math.floor((lat - spec.originLat) * perDegLat + BORDER_NUDGE),
  ];
}

/** A double as an exact SQL literal (shortest round-trip text parsed as DOUBLE, never DECIMAL). */
function doubleLiteral(v: number): SqlFragment {
  return raw(`CAST('${String(v)}' AS DOUBLE)`);
}

/** SQL expressions of a point's cell (INTEGER ix, iy), the same arithmetic as locateSquareCell. */
export function buildSquareCellSql(
  spec: SquareGridSpec,
  lon: SqlFragment = raw('lon'),
  lat: SqlFragment = raw('lat'),
): { ix: SqlFragment; iy: SqlFragment } {
  const { perDegLon, perDegLat } = cellScale(spec);
  const axis = (v: SqlFragment, origin: number, perDeg: number) =>
    sql`CAST(floor((${v} - ${doubleLiteral(origin)}) * ${doubleLiteral(perDeg)} + ${doubleLiteral(BORDER_NUDGE)}) AS INTEGER)`;
  return { ix: axis(lon, spec.originLon, perDegLon), iy: axis(lat, spec.originLat, perDegLat) };
}

/** SQL expressions of a cell's centre (lon, lat) from its ix, iy expressions. */
export function buildSquareCentreSql(
  spec: SquareGridSpec,
  ix: SqlFragment = raw('ix'),
  iy: SqlFragment = raw('iy'),
): { lon: SqlFragment; lat: SqlFragment } {
  const { perDegLon, perDegLat } = cellScale(spec);
  return {
    lon: sql`(${doubleLiteral(spec.originLon)} + (${ix} + 0.5) / ${doubleLiteral(perDegLon)})`,
    lat: sql`(${doubleLiteral(spec.originLat)} + (${iy} + 0.5) / ${doubleLiteral(perDegLat)})`,
  };
}

/** The WGS-84 position of cell coordinate (u, v) in cell units (corners at integers). */
export function squareGridPoint(u: number, v: number, spec: SquareGridSpec): [number, number] {
  const { perDegLon, perDegLat } = cellScale(spec);
  return [spec.originLon + u / perDegLon, spec.originLat + v / perDegLat];
}

export function squareCellCentre(ix: number, iy: number, spec: SquareGridSpec): [number, number] {
  return squareGridPoint(ix + 0.5, iy + 0.5, spec);
}

/** Closed counter-clockwise ring of the cell's corners (GeoJSON Polygon coordinates). */
export function squareCellPolygon(ix: number, iy: number, spec: SquareGridSpec): number[][][] {
  const sw = squareGridPoint(ix, iy, spec);
  const ne = squareGridPoint(ix + 1, iy + 1, spec);
  return [
    [
      [sw[0], sw[1]],
      [ne[0], sw[1]],
      [ne[0], ne[1]],
      [sw[0], ne[1]],
      [sw[0], sw[1]],
    ],
  ];
}

export function squareCellId(ix: number, iy: number): string {
  return `${ix}:${iy}`;
}

export interface SquareStudyGrid extends StudyGrid {
  kind: 'square';
  spec: SquareGridSpec;
  cellX: Int32Array;
  cellY: Int32Array;
  /** the index of cell (ix, iy), or −1 when it is not in the study area */
  indexOf(ix: number, iy: number): number;
}

/** A study grid over `max` cells is refused, with the message key the views show. */
export function gridTooLarge(cells: number, max: number): AnalysisError {
  return new AnalysisError(`study grid of ${cells} cells exceeds ${max}`, 'hotspots.error.tooManyCells', {
    cells,
    max,
  });
}

export interface StudyGridOptions {
  /** GeoJSON polygons (e.g. the districts): only cells whose centre lies inside are kept */
  mask?: unknown;
  origin?: { lon: number; lat: number };
  maxCells?: number;
}

/**
 * Every square cell overlapping the bounding box (empty ones included), optionally only those whose
 * centre lies inside the mask polygons. With a mask and no bounds, the mask's extent is used.
 * Cells are ordered by row (iy) then column (ix).
 */
export function buildStudyGrid(bounds: Bounds | null, sizeM: number, options: StudyGridOptions = {}): SquareStudyGrid {
  const spec = createSquareGridSpec(sizeM, options.origin);
  const mask = options.mask === undefined ? null : extractMaskArea(options.mask);
  const box = bounds ?? (mask ? boundsOfMask(mask) : null);
  if (!box) return createSquareStudyGrid(spec, 0, 0, 0, 0, null);
  const [ix0, iy0] = locateSquareCell(box.west, box.south, spec);
  const [ix1, iy1] = locateSquareCell(box.east, box.north, spec);
  const nx = Math.max(0, ix1 - ix0 + 1);
  const ny = Math.max(0, iy1 - iy0 + 1);
  const max = options.maxCells ?? 4_000_000;
  if (nx * ny > max) throw gridTooLarge(nx * ny, max);
  const { perDegLon, perDegLat } = cellScale(spec);
  const inside = mask
    ? rasterizeMask(
        mask,
        nx,
        ny,
        (lon) => (lon - spec.originLon) * perDegLon - ix0,
        (lat) => (lat - spec.originLat) * perDegLat - iy0,
      )
    : null;
  return createSquareStudyGrid(spec, ix0, iy0, nx, ny, inside);
}

function createSquareStudyGrid(
  spec: SquareGridSpec,
  ix0: number,
  iy0: number,
  nx: number,
  ny: number,
  inside: Uint8Array | null,
): SquareStudyGrid {
  const slot = new Int32Array(nx * ny).fill(-1);
  let n = 0;
  for (let k = 0; k < nx * ny; k++) if (!inside || inside[k]) slot[k] = n++;
  const cellX = new Int32Array(n);
  const cellY = new Int32Array(n);
  for (let k = 0; k < nx * ny; k++) {
    const i = slot[k] as number;
    if (i < 0) continue;
    cellX[i] = ix0 + (k % nx);
    cellY[i] = iy0 + Math.floor(k / nx);
  }
  const indexOf = (ix: number, iy: number): number => {
    const cx = ix - ix0;
    const cy = iy - iy0;
    if (cx < 0 || cy < 0 || cx >= nx || cy >= ny) return -1;
    return slot[cy * nx + cx] as number;
  };
  return assembleSquareStudyGrid(spec, cellX, cellY, indexOf, (hood) =>
    buildSquareNeighbours(
      cellX,
      cellY,
      hood.kind === 'queen' ? hood : { kind: 'band', radiusCells: hood.distanceM / spec.sizeM },
    ),
  );
}

/**
 * A study grid of square cells (ix, iy) = (cellX[i], cellY[i]): their ids, centres and outlines, the
 * point locator through `indexOf`, and the neighbours `buildNeighbours` finds among them.
 */
export function assembleSquareStudyGrid(
  spec: SquareGridSpec,
  cellX: Int32Array,
  cellY: Int32Array,
  indexOf: (ix: number, iy: number) => number,
  buildNeighbours: (hood: Neighbourhood) => Neighbours,
): SquareStudyGrid {
  const n = cellX.length;
  const ids: string[] = new Array<string>(n);
  const centres = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const ix = cellX[i] as number;
    const iy = cellY[i] as number;
    ids[i] = squareCellId(ix, iy);
    const [lon, lat] = squareCellCentre(ix, iy, spec);
    centres[2 * i] = lon;
    centres[2 * i + 1] = lat;
  }
  const locateCell = createSquareLocator(spec);
  return {
    kind: 'square',
    spec,
    ids,
    names: null,
    centres,
    cellX,
    cellY,
    indexOf,
    cellPolygons: (i) => [squareCellPolygon(cellX[i] as number, cellY[i] as number, spec)],
    locate: (lon, lat) => indexOf(...locateCell(lon, lat)),
    neighbours: memoizeNeighbours((hood: Neighbourhood = QUEEN) => buildNeighbours(hood)),
  };
}
