import {
  cellToBoundary,
  cellToLatLng,
  getHexagonAreaAvg,
  getHexagonEdgeLengthAvg,
  gridDisk,
  latLngToCell,
  polygonToCells,
  UNITS,
} from 'h3-js';
import {
  buildDistanceBandNeighbours,
  buildNeighboursFromLists,
  type Neighbourhood,
  type Neighbours,
} from '../analytics/neighbours';
import { boundsOfMask, extractMaskArea, type PolygonRings } from './polygon-mask';
import { gridTooLarge } from './square-grid';
import { createLocalProjection, memoizeNeighbours, projectCentres, type Bounds, type StudyGrid } from './study-grid';

/**
 * H3 hexagons (Uber's hierarchical grid, via h3-js). DuckDB's H3 extension is not available offline,
 * so points are aggregated in SQL to fine bins (FINE_BIN_DECIMALS) and the bins mapped to cells here.
 */
export const H3_RESOLUTIONS = [7, 8, 9, 10] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

export interface H3StudyGrid extends StudyGrid {
  kind: 'h3';
  resolution: number;
}

export interface H3StudyArea {
  bounds?: Bounds | null;
  /** GeoJSON polygons: the cells whose centres lie inside */
  mask?: unknown;
}

/**
 * Every H3 cell of the study area, empty ones included: with a mask, the cells whose centres lie in
 * its polygons; otherwise those of the bounding box grown by one cell edge, so that points near the
 * box's border still find their cell. Cells are sorted by index for a stable order.
 */
export function buildH3StudyGrid(
  area: H3StudyArea,
  resolution: number,
  options: { maxCells?: number } = {},
): H3StudyGrid {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) {
    throw new RangeError(`H3 resolution must be an integer 0–15, got ${resolution}`);
  }
  const mask = area.mask === undefined || area.mask === null ? null : extractMaskArea(area.mask);
  const box = area.bounds ?? (mask ? boundsOfMask(mask) : null);
  const max = options.maxCells ?? 4_000_000;
  if (box) {
    const estimate = Math.ceil(boxAreaKm2(box) / getHexagonAreaAvg(resolution, UNITS.km2));
    if (estimate > max * 1.5) throw gridTooLarge(estimate, max);
  }
  let polygons: PolygonRings[] = [];
  if (mask) polygons = mask.polygons;
  else if (box) polygons = [boxRing(growBox(box, getHexagonEdgeLengthAvg(resolution, UNITS.m)))];
  const set = new Set<string>();
  for (const rings of polygons) for (const h of polygonToCells(rings, resolution, true)) set.add(h);
  if (set.size > max) throw gridTooLarge(set.size, max);
  return createH3StudyGrid([...set].sort(), resolution);
}

/** A grid over given H3 cells (all of one resolution). */
export function createH3StudyGrid(cells: readonly string[], resolution: number): H3StudyGrid {
  const ids = [...cells];
  const index = new Map(ids.map((h, i) => [h, i]));
  const centres = new Float64Array(2 * ids.length);
  ids.forEach((h, i) => {
    const [lat, lon] = cellToLatLng(h);
    centres[2 * i] = lon;
    centres[2 * i + 1] = lat;
  });
  return {
    kind: 'h3',
    resolution,
    ids,
    names: null,
    centres,
    cellPolygons: (i) => [[cellToBoundary(ids[i] as string, true)]],
    locate: (lon, lat) => index.get(latLngToCell(lat, lon, resolution)) ?? -1,
    neighbours: memoizeNeighbours((hood: Neighbourhood): Neighbours => {
      if (hood.kind === 'queen') {
        return buildNeighboursFromLists(ids.map((h) => gridDisk(h, 1).map((g) => index.get(g) ?? -1)));
      }
      const { x, y } = projectCentres(centres, createLocalProjection(...meanCentre(centres)));
      return buildDistanceBandNeighbours(x, y, hood.distanceM);
    }),
  };
}

function meanCentre(centres: Float64Array): [number, number] {
  const n = centres.length / 2;
  let lon = 0;
  let lat = 0;
  for (let i = 0; i < n; i++) {
    lon += centres[2 * i] as number;
    lat += centres[2 * i + 1] as number;
  }
  return n > 0 ? [lon / n, lat / n] : [0, 0];
}

function growBox(box: Bounds, metres: number): Bounds {
  const dLat = metres / 111_195;
  const dLon = dLat / Math.max(0.01, Math.cos((((box.south + box.north) / 2) * Math.PI) / 180));
  return { west: box.west - dLon, south: box.south - dLat, east: box.east + dLon, north: box.north + dLat };
}

function boxRing(b: Bounds): PolygonRings {
  return [
    [
      [b.west, b.south],
      [b.east, b.south],
      [b.east, b.north],
      [b.west, b.north],
      [b.west, b.south],
    ],
  ];
}

function boxAreaKm2(b: Bounds): number {
  const h = (b.north - b.south) * 111.195;
  const w = (b.east - b.west) * 111.195 * Math.cos((((b.south + b.north) / 2) * Math.PI) / 180);
  return Math.max(0, h) * Math.max(0, w);
}
