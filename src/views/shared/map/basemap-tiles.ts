import maplibregl from 'maplibre-gl';
import { FileSource, PMTiles, TileType } from 'pmtiles';
import { planGcjTile } from '../../../core/geo/gcj-tiles';
import { fillTileTemplate, normalizeTileTemplate, type BasemapSetting, type BasemapSource } from './basemap-source';

/**
 * Tiles MapLibre cannot take by URL: a .pmtiles file the user picked (read with the pmtiles library, in the
 * page, no network), and tiles drawn in GCJ-02 (高德), which are re-drawn shifted into WGS-84 here so that
 * our data, the boundaries and clicks stay in WGS-84. Both go through one protocol, atlas-tiles://id/z/x/y.
 */
const PROTOCOL = 'atlas-tiles';
const SIZE = 256;

interface TileReader {
  read(z: number, x: number, y: number, signal: AbortSignal): Promise<Blob | null>;
  gcj: boolean;
}

const readers = new Map<string, TileReader>();
let registered = false;

function ensureProtocol(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(PROTOCOL, async (params, abort) => {
    const m = /^atlas-tiles:\/\/([^/]+)\/(\d+)\/(\d+)\/(\d+)/.exec(params.url);
    const reader = m ? readers.get(m[1] as string) : undefined;
    if (!m || !reader) throw new Error(`no basemap for ${params.url}`);
    const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
    const canvas = new OffscreenCanvas(SIZE, SIZE);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas');
    const pieces = reader.gcj ? planGcjTile(z, x, y, SIZE) : [{ x, y, dx: 0, dy: 0 }];
    await Promise.all(
      pieces.map(async (p) => {
        const blob = await reader.read(z, p.x, p.y, abort.signal);
        if (!blob) return;
        const bitmap = await createImageBitmap(blob);
        ctx.drawImage(bitmap, p.dx, p.dy, SIZE, SIZE);
        bitmap.close();
      }),
    );
    return { data: canvas.transferToImageBitmap() };
  });
}

const IMAGE_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

export class BasemapError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/**
 * The raster source of a setting: a plain WGS-84/CGCS2000 template goes to MapLibre as it is; GCJ-02 tiles
 * and .pmtiles files through atlas-tiles. Throws BasemapError (a message key) when the setting cannot work.
 */
export async function resolveBasemapSource(setting: BasemapSetting, file: Blob | null): Promise<BasemapSource | null> {
  if (setting.kind === 'none') return null;
  const gcj = setting.datum === 'GCJ02';
  const id = `${setting.kind}-${readers.size + 1}`;
  if (setting.kind === 'xyz') {
    const check = normalizeTileTemplate(setting.url, window.location.origin);
    if (!check.ok) throw new BasemapError(check.reason);
    const attribution = check.origin ?? window.location.origin;
    if (!gcj)
      return {
        key: `xyz:${check.template}`,
        tiles: [check.template],
        tileSize: SIZE,
        minzoom: 0,
        maxzoom: 18,
        attribution,
      };
    ensureProtocol();
    readers.set(id, {
      gcj: true,
      read: async (z, x, y, signal) => {
        const r = await fetch(fillTileTemplate(check.template, z, x, y), { signal, mode: 'cors' });
        return r.ok ? r.blob() : null;
      },
    });
    return {
      key: `gcj:${check.template}`,
      tiles: [`${PROTOCOL}://${id}/{z}/{x}/{y}`],
      tileSize: SIZE,
      minzoom: 0,
      maxzoom: 18,
      attribution,
    };
  }
  if (!file) throw new BasemapError('basemap.error.noFile');
  const archive = new PMTiles(new FileSource(new File([file], setting.fileName ?? 'basemap.pmtiles')));
  let header;
  try {
    header = await archive.getHeader();
  } catch {
    throw new BasemapError('basemap.error.notPmtiles');
  }
  const type = IMAGE_TYPES[header.tileType];
  if (!type) throw new BasemapError('basemap.error.vectorTiles');
  ensureProtocol();
  readers.set(id, {
    gcj,
    read: async (z, x, y, signal) => {
      if (z < header.minZoom || z > header.maxZoom) return null;
      const tile = await archive.getZxy(z, x, y, signal);
      return tile ? new Blob([tile.data], { type }) : null;
    },
  });
  return {
    key: `pmtiles:${setting.fileName}:${file.size}:${setting.datum}`,
    tiles: [`${PROTOCOL}://${id}/{z}/{x}/{y}`],
    tileSize: SIZE,
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    attribution: setting.fileName ?? 'PMTiles',
  };
}
