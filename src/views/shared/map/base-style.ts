import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { BasemapSource } from './basemap-source';

export type MapLevel = 'national' | 'beijing';
export type MapLang = 'zh' | 'en';

export interface BaseStyleOptions {
  level: MapLevel;
  lang: MapLang;
  /** The app's base path (import.meta.env.BASE_URL), ending in '/'; the files live under `${baseUrl}geo/`. */
  baseUrl: string;
  /** the user's street tiles, drawn over the land and under the boundary lines */
  basemap?: BasemapSource | null;
}

/** Muted base colours: the data layers drawn over them by deck.gl carry the colour. */
export const BASE_COLORS = {
  sea: '#e6edf2',
  land: '#f6f4ef',
  landOutside: '#eceae4',
  prefectureLine: '#d3cdc2',
  provinceLine: '#9d9589',
  districtLine: '#a39b8e',
  insetFrame: '#8f887c',
} as const;

export const ATTRIBUTION: Record<MapLang, string> = {
  zh: '行政区划边界：DataV.GeoAtlas（已转换为 WGS-84 并简化），仅供分析参考，非标准地图',
  en: 'Boundaries: DataV.GeoAtlas (converted to WGS-84, simplified); for analysis only, not a standard map',
};

function geojson(baseUrl: string, file: string, lang: MapLang): SourceSpecification {
  return { type: 'geojson', data: `${baseUrl}geo/${file}`, attribution: ATTRIBUTION[lang] };
}

function nationalLayers(): LayerSpecification[] {
  return [
    { id: 'province-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': BASE_COLORS.land } },
    {
      id: 'prefecture-line',
      type: 'line',
      source: 'prefectures',
      minzoom: 4,
      paint: {
        'line-color': BASE_COLORS.prefectureLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.3, 8, 1],
      },
    },
    {
      id: 'province-line',
      type: 'line',
      source: 'provinces',
      paint: {
        'line-color': BASE_COLORS.provinceLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 1.6],
      },
    },
    {
      id: 'inset-frame',
      type: 'fill',
      source: 'south-china-sea-inset',
      filter: ['==', ['get', 'kind'], 'frame'],
      paint: { 'fill-color': BASE_COLORS.sea },
    },
    {
      id: 'inset-frame-line',
      type: 'line',
      source: 'south-china-sea-inset',
      filter: ['==', ['get', 'kind'], 'frame'],
      paint: { 'line-color': BASE_COLORS.insetFrame, 'line-width': 1 },
    },
    {
      id: 'inset-land',
      type: 'fill',
      source: 'south-china-sea-inset',
      filter: ['==', ['get', 'kind'], 'land'],
      paint: { 'fill-color': BASE_COLORS.land },
    },
    {
      id: 'inset-land-line',
      type: 'line',
      source: 'south-china-sea-inset',
      filter: ['==', ['get', 'kind'], 'land'],
      paint: { 'line-color': BASE_COLORS.provinceLine, 'line-width': 0.5 },
    },
  ];
}

function beijingLayers(): LayerSpecification[] {
  // No province lines here: at city zoom the national (0.5 km) simplification would run beside the district lines.
  return [
    { id: 'context-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': BASE_COLORS.landOutside } },
    { id: 'district-fill', type: 'fill', source: 'districts', paint: { 'fill-color': BASE_COLORS.land } },
    {
      id: 'district-line',
      type: 'line',
      source: 'districts',
      paint: {
        'line-color': BASE_COLORS.districtLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 13, 1.8],
      },
    },
  ];
}

/**
 * A MapLibre style drawn only from the bundled boundaries: no glyphs, no sprite, no tiles, so the map makes no
 * request outside the app (labels are drawn by deck.gl, see BaseMap).
 */
export function buildBaseStyle({ level, lang, baseUrl, basemap }: BaseStyleOptions): StyleSpecification {
  const sources: Record<string, SourceSpecification> =
    level === 'national'
      ? {
          provinces: geojson(baseUrl, 'china-provinces.geojson', lang),
          prefectures: geojson(baseUrl, 'china-prefectures.geojson', lang),
          'south-china-sea-inset': geojson(baseUrl, 'south-china-sea-inset.geojson', lang),
        }
      : {
          provinces: geojson(baseUrl, 'china-provinces.geojson', lang),
          districts: geojson(baseUrl, 'beijing-districts.geojson', lang),
        };
  const layers = level === 'national' ? nationalLayers() : beijingLayers();
  if (basemap) {
    const { tiles, tileSize, minzoom, maxzoom, attribution } = basemap;
    sources.basemap = { type: 'raster', tiles, tileSize, minzoom, maxzoom, attribution };
    const lines = layers.findIndex((l) => l.type === 'line');
    layers.splice(lines < 0 ? layers.length : lines, 0, { id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return {
    version: 8,
    name: `outreach-atlas-${level}`,
    metadata: { 'outreach-atlas:lang': lang },
    sources,
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BASE_COLORS.sea } }, ...layers],
  };
}
