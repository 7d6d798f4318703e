import { EMPTY_FILTERS, type GlobalFilters } from '../filters';
import { toWgs84, type Crs } from '../geo/coords';
import { BEIJING_BOUNDS, type LonLatBounds } from '../geo/map-frame';
import { extractMaskArea } from '../grid/polygon-mask';
import type { Bounds } from '../grid/study-grid';
import { sql } from '../sql/sql';
import { mappedCases, type CountRow } from './cell-queries';

/**
 * Where the statistics run (metrics.md, Hotspots): the cells where people can be found. As ArcGIS's
 * Optimized Hot Spot Analysis does without "bounding polygons defining where incidents are possible", the
 * default keeps the cells with at least one episode, here over the whole loaded data (every period and
 * filter but the district one), so that a cell keeps its place in the area whatever the period; a
 * boundary the user imports keeps every cell inside it instead; the user's grid is its own area.
 */
export type StudyArea =
  | {
      kind: 'occupied';
      /** names the area for the worker's cache: the district filter and a digest of the cells */
      key: string;
      /** the grid's count rows over the whole data (studyAreaFilters): cells (ix, iy) or fine bins (bx, by) */
      rows: readonly CountRow[];
    }
  | { kind: 'boundary'; key: string; mask: unknown }
  | { kind: 'grid'; key: 'grid' };

/** The user's grid: its cells are the study area. */
export const USER_GRID_AREA: StudyArea = { kind: 'grid', key: 'grid' };

/**
 * The filters under which the occupied cells are counted: none but the district filter. A period, channel
 * or group filter does not move the area (a cell without finds this winter is still a place where people
 * are found); a district filter does, since counting its districts against empty cells elsewhere would
 * call the whole selection hot.
 */
export function studyAreaFilters(filters: GlobalFilters): GlobalFilters {
  return { ...EMPTY_FILTERS, districts: [...filters.districts] };
}

/** The occupied cells as a study area; `rows` are the count query's rows under studyAreaFilters. */
export function buildOccupiedArea(rows: readonly CountRow[], filters: GlobalFilters): StudyArea {
  const districts = [...filters.districts].sort().join(',');
  return { kind: 'occupied', key: `occupied:${districts}:${rows.length}:${digestCountRows(rows)}`, rows };
}

/** A boundary the user imported (WGS-84 polygons, as parseBoundary gives them). */
export function buildBoundaryArea(boundary: ParsedBoundary, token: string): StudyArea {
  return { kind: 'boundary', key: `boundary:${token}`, mask: boundary.mask };
}

/** FNV-1a over the rows' cell or bin keys: two areas with the same key hold the same cells. */
function digestCountRows(rows: readonly CountRow[]): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    let x = v | 0;
    for (let k = 0; k < 4; k++) {
      h ^= x & 0xff;
      h = Math.imul(h, 0x01000193);
      x >>>= 8;
    }
  };
  for (const r of rows) {
    mix(Number(r.ix ?? r.bx ?? 0));
    mix(Number(r.iy ?? r.by ?? 0));
  }
  return (h >>> 0).toString(16);
}

export interface ParsedBoundary {
  /** a FeatureCollection of the file's polygons, in WGS-84 */
  mask: { type: 'FeatureCollection'; features: unknown[] };
  polygons: number;
}

/**
 * A study-area boundary from a GeoJSON file (any object holding Polygon or MultiPolygon geometries, in
 * `crs`): its polygons in WGS-84, or the message key of what is wrong with it.
 */
export function parseBoundary(geojson: unknown, crs: Crs): { boundary: ParsedBoundary } | { error: string } {
  const { polygons } = extractMaskArea(geojson);
  if (polygons.length === 0) return { error: 'hotspots.boundary.noPolygons' };
  const features = polygons.map((rings) => ({
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: rings.map((ring) => ring.map(([lon, lat]) => [...toWgs84(lon as number, lat as number, crs)])),
    },
  }));
  return { boundary: { mask: { type: 'FeatureCollection', features }, polygons: polygons.length } };
}

export type MappedExtentRow = {
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  mapped: number;
  in_beijing: number;
  /** the box of the central 96 %, where the map opens */
  view_west: number | null;
  view_south: number | null;
  view_east: number | null;
  view_north: number | null;
};

/**
 * Where the mappable episodes lie: the box of the central 99.8 % of their longitudes and latitudes (a
 * few stray coordinates do not stretch it over half the country), how many fall in Beijing's frame,
 * and the box of the central 96 % for the map to open on.
 */
export function buildMappedExtentQuery(filters: GlobalFilters): string {
  const [[w, s], [e, n]] = BEIJING_BOUNDS;
  // One quantile aggregate per axis with the four fractions (each fraction apart would collect every value again).
  return sql`SELECT x[1] AS west, y[1] AS south, x[4] AS east, y[4] AS north, mapped, in_beijing,
x[2] AS view_west, y[2] AS view_south, x[3] AS view_east, y[3] AS view_north
FROM (SELECT quantile_disc(lon, [0.001, 0.02, 0.98, 0.999]) AS x, quantile_disc(lat, [0.001, 0.02, 0.98, 0.999]) AS y,
count(*) AS mapped, count(*) FILTER (WHERE lon BETWEEN ${w} AND ${e} AND lat BETWEEN ${s} AND ${n}) AS in_beijing
FROM cases WHERE ${mappedCases(filters)})`.text;
}

export interface MapFrame {
  level: 'beijing' | 'national';
  /** what the map shows at first */
  frame: LonLatBounds;
}

/** Data count as Beijing's when most mappable episodes lie in its frame. */
const BEIJING_SHARE = 0.5;

export function toLonLatBounds(b: Bounds): LonLatBounds {
  return [
    [b.west, b.south],
    [b.east, b.north],
  ];
}

/**
 * The base map (Beijing's, when most of the data lie there, else the national one) and the box it opens
 * on: where most of the data are. Null when nothing can be mapped.
 */
export function chooseMapFrame(extent: MappedExtentRow | undefined): MapFrame | null {
  if (!extent || !(extent.mapped > 0) || extent.west === null || extent.south === null) return null;
  if (extent.in_beijing >= BEIJING_SHARE * extent.mapped) {
    return { level: 'beijing', frame: toLonLatBounds(viewOfExtent(extent)) };
  }
  return { level: 'national', frame: toLonLatBounds(boxOfExtent(extent)) };
}

function viewOfExtent(extent: MappedExtentRow): Bounds {
  const { view_west: west, view_south: south, view_east: east, view_north: north } = extent;
  if (west === null || south === null || east === null || north === null) return boxOfExtent(extent);
  return { west, south, east, north };
}

function boxOfExtent(extent: MappedExtentRow): Bounds {
  const west = extent.west ?? 0;
  const south = extent.south ?? 0;
  return { west, south, east: extent.east ?? west, north: extent.north ?? south };
}
