import { cellToBoundary, latLngToCell } from 'h3-js';
import type { SliceUnit } from '../analytics/time-slices';
import type { GlobalFilters } from '../filters';
import type { LonLatBounds } from '../geo/map-frame';
import { buildH3StudyGrid } from '../grid/h3-grid';
import {
  buildStudyGrid,
  createSquareGridSpec,
  createSquareLocator,
  squareCellId,
  squareCellPolygon,
  type SquareStudyGrid,
} from '../grid/square-grid';
import {
  assembleBinCounts,
  assembleCellCounts,
  createLocalProjection,
  FINE_BIN_DECIMALS,
  type CellCounts,
  type StudyGrid,
} from '../grid/study-grid';
import type { UserStudyGrid } from '../grid/user-grid';
import {
  boundsOfRing,
  type CountRow,
  buildBinCountsQuery,
  buildBinProfileQuery,
  buildBinSliceCountsQuery,
  buildSquareCellCountsQuery,
  buildSquareCellProfileQuery,
  buildSquareCellSliceCountsQuery,
  type ProfileRow,
} from './cell-queries';
import { AnalysisError } from '../analysis-error';
import { buildOccupiedH3Grid, buildOccupiedSquareGrid } from './occupied-grids';
import type { StudyArea } from './study-area';

/** The grid the user chose, as it travels to the worker and into the URL-derived settings. */
export type GridRequest =
  { kind: 'square'; sizeM: number } | { kind: 'h3'; resolution: number } | { kind: 'user'; token: string };

/**
 * The cells of an analysis as the main thread draws them: the worker sends ids and centres, and each
 * cell's outline is rebuilt here from its id (square, H3) or from the user's file, so that no polygon
 * has to cross from the worker.
 */
export interface CellGeometry extends Pick<StudyGrid, 'ids' | 'names' | 'centres' | 'cellPolygons'> {
  /** the index of the cell holding a WGS-84 point, or −1 */
  locate(lon: number, lat: number): number;
}

type CellIds = Pick<StudyGrid, 'ids' | 'names' | 'centres'>;

/**
 * Everything that differs between square cells, H3 hexagons and the user's 网格: how episodes are
 * counted in SQL, how the study grid is built and counted into (in the worker), and how cells are drawn
 * and located (on the main thread). Callers never branch on the kind.
 */
export interface HotspotGridKind {
  readonly request: GridRequest;
  /** episodes per cell of the filtered period: rows that `countInto` reads */
  buildCountQuery(filters: GlobalFilters): string;
  /** the same per week or month, packed per cell (see assembleCellCounts) */
  buildSliceCountQuery(filters: GlobalFilters, unit: SliceUnit): string;
  /** where and when the listed cells' episodes were found (rows for summarizeCellProfiles) */
  buildProfileQuery(filters: GlobalFilters, cells: readonly number[], geometry: CellGeometry): string;
  /** the id of the cell a profile row belongs to */
  cellOfProfileRow(row: ProfileRow, geometry: CellGeometry): string | null;
  /** names the study grid of `area`, for the worker's cache */
  studyGridKey(area: StudyArea): string;
  buildStudyGrid(area: StudyArea, maxCells: number): StudyGrid;
  countInto(grid: StudyGrid, rows: readonly CountRow[], slices?: readonly number[]): CellCounts;
  createGeometry(cells: CellIds): CellGeometry;
}

/** The grid kind of a request; the user's grid is needed for kind 'user' (parsed once, see user-grid.ts). */
export function gridKindOf(request: GridRequest, userGrid: UserStudyGrid | null = null): HotspotGridKind {
  if (request.kind === 'square') return squareKind(request);
  if (request.kind === 'h3') return h3Kind(request);
  return userKind(request, userGrid);
}

function squareKind(request: Extract<GridRequest, { kind: 'square' }>): HotspotGridKind {
  const spec = createSquareGridSpec(request.sizeM);
  const locateCell = createSquareLocator(spec);
  const cellOfId = (id: string) => {
    const [ix, iy] = id.split(':').map(Number);
    return { ix: ix ?? 0, iy: iy ?? 0 };
  };
  return {
    request,
    buildCountQuery: (filters) => buildSquareCellCountsQuery(filters, spec),
    buildSliceCountQuery: (filters, unit) => buildSquareCellSliceCountsQuery(filters, spec, unit),
    buildProfileQuery: (filters, cells, geometry) =>
      buildSquareCellProfileQuery(
        filters,
        spec,
        cells.map((i) => cellOfId(geometry.ids[i] ?? '')),
      ),
    cellOfProfileRow: (row) => row.cell_id ?? null,
    studyGridKey: (area) => `square:${request.sizeM}:${area.key}`,
    buildStudyGrid: (area, maxCells) => {
      if (area.kind === 'occupied') return buildOccupiedSquareGrid(spec, area.rows, maxCells);
      if (area.kind === 'boundary') return buildStudyGrid(null, request.sizeM, { mask: area.mask, maxCells });
      throw noUserGrid();
    },
    countInto: (grid, rows, slices) => {
      const square = grid as SquareStudyGrid;
      return assembleCellCounts(rows, grid.ids.length, (r) => square.indexOf(Number(r.ix), Number(r.iy)), slices);
    },
    createGeometry: (cells) => {
      const index = indexOfIds(cells.ids);
      return {
        ...cells,
        cellPolygons: (i) => {
          const { ix, iy } = cellOfId(cells.ids[i] ?? '');
          return [squareCellPolygon(ix, iy, spec)];
        },
        locate: (lon, lat) => index(squareCellId(...locateCell(lon, lat))),
      };
    },
  };
}

function h3Kind(request: Extract<GridRequest, { kind: 'h3' }>): HotspotGridKind {
  const res = request.resolution;
  return {
    request,
    ...binCounting(),
    studyGridKey: (area) => `h3:${res}:${area.key}`,
    buildStudyGrid: (area, maxCells) => {
      if (area.kind === 'occupied') return buildOccupiedH3Grid(area.rows, res, maxCells);
      if (area.kind === 'boundary') return buildH3StudyGrid({ mask: area.mask }, res, { maxCells });
      throw noUserGrid();
    },
    createGeometry: (cells) => {
      const index = indexOfIds(cells.ids);
      return {
        ...cells,
        cellPolygons: (i) => [[cellToBoundary(cells.ids[i] ?? '', true)]],
        locate: (lon, lat) => index(latLngToCell(lat, lon, res)),
      };
    },
  };
}

function userKind(request: Extract<GridRequest, { kind: 'user' }>, userGrid: UserStudyGrid | null): HotspotGridKind {
  const grid = (): UserStudyGrid => {
    if (!userGrid) throw noUserGrid();
    return userGrid;
  };
  return {
    request,
    ...binCounting(),
    studyGridKey: () => `user:${request.token}`,
    // the user's grid is its own study area
    buildStudyGrid: () => grid(),
    createGeometry: (cells) => ({
      ...cells,
      cellPolygons: (i) => grid().cellPolygons(i),
      locate: (lon, lat) => grid().locate(lon, lat),
    }),
  };
}

function noUserGrid(): AnalysisError {
  return new AnalysisError('no user grid', 'hotspots.userGrid.prompt');
}

/** H3 and user cells are found in JS: SQL counts fine bins, which are then located in the cells. */
function binCounting(): Pick<
  HotspotGridKind,
  'buildCountQuery' | 'buildSliceCountQuery' | 'buildProfileQuery' | 'cellOfProfileRow' | 'countInto'
> {
  const scale = 10 ** FINE_BIN_DECIMALS;
  return {
    buildCountQuery: (filters) => buildBinCountsQuery(filters),
    buildSliceCountQuery: (filters, unit) => buildBinSliceCountsQuery(filters, unit),
    buildProfileQuery: (filters, cells, geometry) =>
      buildBinProfileQuery(
        filters,
        cells.flatMap((i) => geometry.cellPolygons(i).map((p) => boundsOfRing(p[0] ?? [], 1e-4))),
      ),
    cellOfProfileRow: (row, geometry) => {
      const i = geometry.locate(Number(row.bx) / scale, Number(row.by) / scale);
      return i >= 0 ? (geometry.ids[i] ?? null) : null;
    },
    countInto: (grid, rows, slices) =>
      assembleBinCounts(grid, rows as ({ bx: number; by: number } & CountRow)[], FINE_BIN_DECIMALS, slices),
  };
}

function indexOfIds(ids: readonly string[]): (id: string) => number {
  const index = new Map(ids.map((id, i) => [id, i]));
  return (id) => index.get(id) ?? -1;
}

/**
 * The box of a cell grown on each side by `context` times its size, and by at least `minMetres`, for the
 * map to fly to: the streets and districts around a cell stay in view, whatever its size.
 */
export function frameCell(
  geometry: CellGeometry,
  index: number,
  { context = 2, minMetres = 0 }: { context?: number; minMetres?: number } = {},
): LonLatBounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const polygon of geometry.cellPolygons(index)) {
    for (const [lon, lat] of (polygon[0] ?? []) as [number, number][]) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  if (!(west <= east)) return null;
  const proj = createLocalProjection(west, (south + north) / 2);
  const dx = Math.max((east - west) * context, minMetres / proj.mPerDegLon);
  const dy = Math.max((north - south) * context, minMetres / proj.mPerDegLat);
  return [
    [west - dx, south - dy],
    [east + dx, north + dy],
  ];
}
