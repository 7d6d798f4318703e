import type { Feature, Geometry, Position } from 'geojson';

/** [[minLon, minLat], [maxLon, maxLat]], the shape maplibre's fitBounds takes. */
export type LonLatBounds = [[number, number], [number, number]];

/** The national frame: mainland, Hainan and Taiwan; the South China Sea islands go in the inset. */
export const NATIONAL_BOUNDS: LonLatBounds = [
  [73.4, 17.6],
  [135.1, 53.6],
];

/** Beijing municipality (WGS-84). */
export const BEIJING_BOUNDS: LonLatBounds = [
  [115.41, 39.44],
  [117.51, 41.06],
];

/** What the South China Sea inset shows: Hainan, the Taiwan Strait and the islands down to 曾母暗沙 (3.9° N). */
export const SOUTH_CHINA_SEA_BOX: LonLatBounds = [
  [106.0, 3.0],
  [123.5, 24.6],
];

/** Where the inset goes on national maps: the empty sea at the lower right of NATIONAL_BOUNDS. */
export const NATIONAL_INSET_TARGET: LonLatBounds = [
  [124.6, 17.9],
  [134.8, 30.4],
];

function visitPositions(geometry: Geometry, visit: (p: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      break;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit));
      break;
    case 'MultiPolygon':
      geometry.coordinates.forEach((poly) => poly.forEach((ring) => ring.forEach(visit)));
      break;
    case 'GeometryCollection':
      geometry.geometries.forEach((g) => visitPositions(g, visit));
      break;
  }
}

/** Bounding box of the features' coordinates, or null when there are none. */
export function boundsOf(features: readonly Feature[]): LonLatBounds | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const f of features) {
    if (!f.geometry) continue;
    visitPositions(f.geometry, ([lon, lat]) => {
      if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat)) return;
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    });
  }
  if (minLon === Infinity) return null;
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}

export interface InsetTransform {
  /** Map a lon/lat inside the source box to its place in the inset. */
  apply(p: Position): Position;
  /** The inset frame actually used: the source box scaled uniformly and anchored at the target's lower right. */
  frame: LonLatBounds;
  scale: number;
}

/**
 * A projection-free inset: lon/lat are scaled by one factor (so shapes keep their proportions in degrees)
 * and translated so the source box sits in the lower-right corner of the target box.
 */
export function createInsetTransform(
  source: LonLatBounds = SOUTH_CHINA_SEA_BOX,
  target: LonLatBounds = NATIONAL_INSET_TARGET,
): InsetTransform {
  const [[sx0, sy0], [sx1, sy1]] = source;
  const [[tx0, ty0], [tx1, ty1]] = target;
  const scale = Math.min((tx1 - tx0) / (sx1 - sx0), (ty1 - ty0) / (sy1 - sy0));
  const left = tx1 - (sx1 - sx0) * scale;
  const top = ty0 + (sy1 - sy0) * scale;
  return {
    apply: (p) => [left + (p[0]! - sx0) * scale, ty0 + (p[1]! - sy0) * scale],
    frame: [
      [left, ty0],
      [tx1, top],
    ],
    scale,
  };
}

/** A copy of a geometry with every position mapped by `fn`. */
export function mapGeometry<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
  const g = geometry as Geometry;
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: fn(g.coordinates) } as G;
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(fn) } as G;
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((l) => l.map(fn)) } as G;
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => r.map(fn))) } as G;
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => mapGeometry(x, fn)) } as G;
  }
}
