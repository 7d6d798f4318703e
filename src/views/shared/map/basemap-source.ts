/**
 * The street map under the data (the user's intranet tiles). A setting says where the tiles are and in
 * which datum; it resolves to a raster source MapLibre draws under the boundaries' lines.
 */
export type BasemapDatum = 'WGS84' | 'CGCS2000' | 'GCJ02';

export interface BasemapSetting {
  kind: 'none' | 'xyz' | 'pmtiles';
  /** XYZ or WMTS (KVP or RESTful) URL template with {z}/{x}/{y} or {TileMatrix}/{TileCol}/{TileRow} */
  url: string;
  datum: BasemapDatum;
  /** the picked .pmtiles file's name (the file itself is kept in IndexedDB) */
  fileName: string | null;
}

export const NO_BASEMAP: BasemapSetting = { kind: 'none', url: '', datum: 'CGCS2000', fileName: null };

/** What BaseMap draws: a raster source. */
export interface BasemapSource {
  /** changes whenever the tiles do, so the map is rebuilt */
  key: string;
  tiles: string[];
  tileSize: number;
  minzoom: number;
  maxzoom: number;
  attribution: string;
}

export type TemplateCheck = { ok: true; template: string; origin: string | null } | { ok: false; reason: string };

/**
 * A tile URL template as MapLibre takes it: WMTS names become {z}/{x}/{y}; http(s) or a path on this site;
 * the three placeholders must be there. `origin` is the tiles' own origin (for the site's policy), null when
 * they are on this site.
 */
export function normalizeTileTemplate(input: string, pageOrigin: string): TemplateCheck {
  const template = input
    .trim()
    .replace(/\{TileMatrix\}/gi, '{z}')
    .replace(/\{TileCol\}/gi, '{x}')
    .replace(/\{TileRow\}/gi, '{y}');
  if (!template) return { ok: false, reason: 'basemap.error.empty' };
  for (const p of ['{z}', '{x}', '{y}'])
    if (!template.includes(p)) return { ok: false, reason: 'basemap.error.placeholders' };
  let url: URL;
  try {
    url = new URL(template.replace(/[{}]/g, '_'), pageOrigin);
  } catch {
    return { ok: false, reason: 'basemap.error.url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'basemap.error.scheme' };
  const absolute = /^https?:\/\//i.test(template)
    ? template
    : new URL(template, pageOrigin).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
  return { ok: true, template: absolute, origin: url.origin === pageOrigin ? null : url.origin };
}

export function fillTileTemplate(template: string, z: number, x: number, y: number): string {
  return template.replace(/\{z\}/g, String(z)).replace(/\{x\}/g, String(x)).replace(/\{y\}/g, String(y));
}
