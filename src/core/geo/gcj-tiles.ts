import { wgs84ToGcj02 } from './coords';

/** Web Mercator world pixel of a WGS-84 (or GCJ-02) point at zoom z, tiles of `size` pixels (EPSG:3857). */
export function worldPixel(lon: number, lat: number, z: number, size = 256): [number, number] {
  const scale = size * 2 ** z;
  const phi = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * scale, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * scale];
}

export function tileCentre(z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const lon = ((x + 0.5) / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 0.5)) / n))) * 180) / Math.PI;
  return [lon, lat];
}

export interface GcjTilePiece {
  /** the GCJ-02 source tile */
  x: number;
  y: number;
  /** where its top-left corner goes in the WGS-84 tile, in pixels */
  dx: number;
  dy: number;
}

/**
 * How to draw WGS-84 tile (z, x, y) from tiles made in GCJ-02 (高德 and other Chinese web maps): the content
 * at a WGS-84 point sits in the GCJ-02 tiles at its GCJ-02 position (the offset of the published GCJ-02
 * transform, src/core/geo/coords.ts, a few hundred metres in Beijing). Within one tile the offset changes by
 * a small fraction of a pixel (it varies over tens of kilometres), so the tile is the GCJ-02 world shifted by
 * the offset at its centre: up to four source tiles, each drawn at (dx, dy). Our own data stay in WGS-84.
 */
export function planGcjTile(z: number, x: number, y: number, size = 256): GcjTilePiece[] {
  const [lon, lat] = tileCentre(z, x, y);
  const [gx, gy] = worldPixel(...wgs84ToGcj02(lon, lat), z, size);
  const [wx, wy] = worldPixel(lon, lat, z, size);
  // the GCJ-02 world pixel shown at this tile's top-left corner
  const left = x * size + (gx - wx);
  const top = y * size + (gy - wy);
  const pieces: GcjTilePiece[] = [];
  const n = 2 ** z;
  for (let sy = Math.floor(top / size); sy <= Math.floor((top + size - 1e-9) / size); sy++) {
    for (let sx = Math.floor(left / size); sx <= Math.floor((left + size - 1e-9) / size); sx++) {
      if (sy < 0 || sy >= n) continue;
      pieces.push({ x: ((sx % n) + n) % n, y: sy, dx: sx * size - left, dy: sy * size - top });
    }
  }
  return pieces;
}
