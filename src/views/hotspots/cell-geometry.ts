import { cellToBoundary, latLngToCell } from 'h3-js';
import type { LonLatBounds } from '../../core/geo/map-frame';
import {
  createSquareGridSpec,
  createSquareLocator,
  squareCellId,
  squareCellPolygon,
} from '../../core/grid/square-grid';
import type { StudyGrid } from '../../core/grid/study-grid';
import type { UserStudyGrid } from '../../core/grid/user-grid';
import type { AnalysisResult, GridRequest } from './hotspot-analysis';

/**
 * The cells of an analysis as the main thread draws them: the worker sends ids and centres, and each
 * cell's outline is rebuilt here from its id (square, H3) or from the user's file, so that no polygon
 * has to cross from the worker.
 */
export interface CellGeometry extends Pick<StudyGrid, 'ids' | 'names' | 'centres' | 'cellPolygons'> {
  /** the index of the cell holding a WGS-84 point, or −1 */
  locate(lon: number, lat: number): number;
}

export function createCellGeometry(
  request: GridRequest,
  result: Pick<AnalysisResult, 'ids' | 'names' | 'centres'>,
  userGrid: UserStudyGrid | null,
): CellGeometry {
  const { ids, names, centres } = result;
  const index = new Map(ids.map((id, i) => [id, i]));
  const byId = (id: string | null) => (id === null ? -1 : (index.get(id) ?? -1));
  if (request.kind === 'square') {
    const spec = createSquareGridSpec(request.sizeM);
    const locateCell = createSquareLocator(spec);
    return {
      ids,
      names,
      centres,
      cellPolygons: (i) => {
        const [ix, iy] = (ids[i] ?? '').split(':').map(Number);
        return [squareCellPolygon(ix ?? 0, iy ?? 0, spec)];
      },
      locate: (lon, lat) => byId(squareCellId(...locateCell(lon, lat))),
    };
  }
  if (request.kind === 'h3') {
    const res = request.resolution;
    return {
      ids,
      names,
      centres,
      cellPolygons: (i) => [[cellToBoundary(ids[i] ?? '', true)]],
      locate: (lon, lat) => byId(latLngToCell(lat, lon, res)),
    };
  }
  if (!userGrid) throw new Error('the user grid is not loaded');
  return {
    ids,
    names,
    centres,
    cellPolygons: (i) => userGrid.cellPolygons(i),
    locate: (lon, lat) => userGrid.locate(lon, lat),
  };
}

/** The box of a cell grown by `context` times its size on each side, for the map to fly to. */
export function frameCell(geometry: CellGeometry, index: number, context = 2): LonLatBounds | null {
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
  const dx = (east - west) * context;
  const dy = (north - south) * context;
  return [
    [west - dx, south - dy],
    [east + dx, north + dy],
  ];
}
