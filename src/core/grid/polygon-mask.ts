import type { Bounds } from './study-grid';

/** Rings of one polygon ([lon, lat] positions, outer ring first). */
export type PolygonRings = number[][][];

export interface MaskArea {
  /** every polygon of the input, a MultiPolygon's parts separately */
  polygons: PolygonRings[];
}

/**
 * Polygons of any GeoJSON object (FeatureCollection, Feature, Polygon, MultiPolygon,
 * GeometryCollection); other geometry types are ignored.
 */
export function extractMaskArea(geojson: unknown): MaskArea {
  const polygons: PolygonRings[] = [];
  const visit = (obj: unknown): void => {
    if (!obj || typeof obj !== 'object') return;
    const o = obj as {
      type?: string;
      features?: unknown[];
      geometry?: unknown;
      geometries?: unknown[];
      coordinates?: unknown;
    };
    if (o.type === 'FeatureCollection' && Array.isArray(o.features)) o.features.forEach(visit);
    else if (o.type === 'Feature') visit(o.geometry);
    else if (o.type === 'GeometryCollection' && Array.isArray(o.geometries)) o.geometries.forEach(visit);
    else if (o.type === 'Polygon' && Array.isArray(o.coordinates)) polygons.push(cleanRings(o.coordinates));
    else if (o.type === 'MultiPolygon' && Array.isArray(o.coordinates)) {
      for (const part of o.coordinates as unknown[]) if (Array.isArray(part)) polygons.push(cleanRings(part));
    }
  };
  visit(geojson);
  return { polygons: polygons.filter((rings) => rings.length > 0) };
}

function cleanRings(rings: unknown[]): PolygonRings {
  return rings
    .filter((r): r is unknown[] => Array.isArray(r))
    .map((r) =>
      r.filter(
        (p): p is number[] =>
          Array.isArray(p) && Number.isFinite(p[0] as number) && Number.isFinite(p[1] as number) && p.length >= 2,
      ),
    )
    .filter((r) => r.length >= 3);
}

export function boundsOfMask(mask: MaskArea): Bounds | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const rings of mask.polygons) {
    for (const ring of rings) {
      for (const [lon, lat] of ring as [number, number][]) {
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
  }
  return west <= east ? { west, south, east, north } : null;
}

/**
 * Marks the cells of an nx × ny raster whose centres lie inside the mask (even–odd rule within a
 * polygon, so holes stay out; union over polygons). `toU`/`toV` map lon/lat to continuous cell coordinates relative to
 * the raster's first column/row, so the centre of cell (c, r) is (c + 0.5, r + 0.5). A scanline fill:
 * O(edges · rows crossed + cells).
 */
export function rasterizeMask(
  mask: MaskArea,
  nx: number,
  ny: number,
  toU: (lon: number) => number,
  toV: (lat: number) => number,
): Uint8Array {
  const inside = new Uint8Array(nx * ny);
  for (const rings of mask.polygons) {
    const crossings: number[][] = [];
    for (const ring of rings) {
      for (let k = 0; k < ring.length; k++) {
        const a = ring[k] as number[];
        const b = ring[(k + 1) % ring.length] as number[];
        const va = toV(a[1] as number);
        const vb = toV(b[1] as number);
        if (va === vb) continue;
        const ua = toU(a[0] as number);
        const ub = toU(b[0] as number);
        const lo = Math.min(va, vb);
        const hi = Math.max(va, vb);
        // rows whose centre v = r + 0.5 satisfies lo ≤ v < hi (half-open: a vertex is counted once)
        const r0 = Math.max(0, Math.ceil(lo - 0.5));
        const r1 = Math.min(ny - 1, Math.ceil(hi - 0.5) - 1);
        for (let r = r0; r <= r1; r++) {
          const v = r + 0.5;
          const u = ua + ((v - va) * (ub - ua)) / (vb - va);
          (crossings[r] ??= []).push(u);
        }
      }
    }
    crossings.forEach((list, r) => {
      list.sort((x, y) => x - y);
      for (let k = 0; k + 1 < list.length; k += 2) {
        const c0 = Math.max(0, Math.ceil((list[k] as number) - 0.5));
        const c1 = Math.min(nx - 1, Math.ceil((list[k + 1] as number) - 0.5) - 1);
        for (let c = c0; c <= c1; c++) inside[r * nx + c] = 1;
      }
    });
  }
  return inside;
}
