import type { Disclosure } from './suppression';

export type FeatureProperties = Record<string, string | number | boolean | null>;

export interface PolygonFeature {
  type: 'Feature';
  id: string;
  properties: FeatureProperties;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface FeatureCollectionExport {
  type: 'FeatureCollection';
  features: PolygonFeature[];
}

/**
 * A GeoJSON FeatureCollection (RFC 7946, WGS-84) of polygons: one polygon stays a Polygon, several make
 * a MultiPolygon. Non-finite numbers become null, so every property keeps one type across features.
 */
export function toPolygonFeatureCollection(
  features: readonly { id: string; polygons: number[][][][]; properties: FeatureProperties }[],
): FeatureCollectionExport {
  return {
    type: 'FeatureCollection',
    features: features.map(({ id, polygons, properties }) => ({
      type: 'Feature',
      id,
      properties: Object.fromEntries(
        Object.entries(properties).map(([key, v]) => [key, typeof v === 'number' && !Number.isFinite(v) ? null : v]),
      ),
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0]! }
          : { type: 'MultiPolygon', coordinates: polygons },
    })),
  };
}

/**
 * A count as GeoJSON properties: always a number column (null where suppressed), never the text "<5", and
 * a separate boolean `suppressed` (metrics.md, 小数抑制).
 */
export function countProperties(count: number, disclosure: Disclosure): { count: number | null; suppressed: boolean } {
  return disclosure === 'shown' ? { count, suppressed: false } : { count: null, suppressed: true };
}
