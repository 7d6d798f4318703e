import type { GlobalFilters } from '../filters';
import { BEIJING_BOUNDS, type LonLatBounds } from '../geo/map-frame';
import { sql } from '../sql/sql';
import { mappedCases } from './cell-queries';
import { boundsOfMask, extractMaskArea } from '../grid/polygon-mask';
import type { Bounds } from '../grid/study-grid';
import type { StudyArea } from './grid-kinds';

export interface DistrictFeature {
  type: 'Feature';
  properties: { code?: string; name?: string; name_en?: string } | null;
  geometry: unknown;
}

export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
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
  return sql`SELECT quantile_disc(lon, 0.001) AS west, quantile_disc(lat, 0.001) AS south,
quantile_disc(lon, 0.999) AS east, quantile_disc(lat, 0.999) AS north, count(*) AS mapped,
count(*) FILTER (WHERE lon BETWEEN ${w} AND ${e} AND lat BETWEEN ${s} AND ${n}) AS in_beijing,
quantile_disc(lon, 0.02) AS view_west, quantile_disc(lat, 0.02) AS view_south,
quantile_disc(lon, 0.98) AS view_east, quantile_disc(lat, 0.98) AS view_north
FROM cases WHERE ${mappedCases(filters)}`.text;
}

export interface ChosenArea {
  area: StudyArea;
  level: 'beijing' | 'national';
  /** what the map shows at first; null: the level's whole frame */
  frame: LonLatBounds | null;
  /** the districts that make the study area (all of Beijing's when empty) */
  districts: string[];
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
 * The study area (issue 3): Beijing's districts when the data are in Beijing, only the filtered
 * districts when the district filter names some (Gi* against empty districts outside the filter would
 * call the whole selection "hot"); otherwise the box of the data. Null when nothing can be mapped.
 */
export function chooseStudyArea(
  extent: MappedExtentRow | undefined,
  districts: DistrictCollection | null,
  selected: readonly string[],
): ChosenArea | null {
  if (!extent || !(extent.mapped > 0) || extent.west === null || extent.south === null) return null;
  if (districts && extent.in_beijing >= BEIJING_SHARE * extent.mapped) {
    const wanted = new Set(selected);
    const chosen = districts.features.filter((f) => {
      const p = f.properties ?? {};
      return wanted.has(p.name ?? '') || wanted.has(p.code ?? '') || wanted.has(p.name_en ?? '');
    });
    if (chosen.length > 0 && chosen.length < districts.features.length) {
      const mask: DistrictCollection = { type: 'FeatureCollection', features: chosen };
      const names = chosen.map((f) => f.properties?.name ?? f.properties?.code ?? '').sort();
      const box = boundsOfMask(extractMaskArea(mask));
      return {
        area: { key: `beijing:${names.join(',')}`, mask, bounds: null },
        level: 'beijing',
        frame: box ? toLonLatBounds(box) : null,
        districts: names,
      };
    }
    // the whole city is the study area, but the map opens on where the episodes are
    return {
      area: { key: 'beijing', mask: districts, bounds: null },
      level: 'beijing',
      frame: toLonLatBounds(viewOfExtent(extent)),
      districts: [],
    };
  }
  const bounds = boxOfExtent(extent);
  const key = `box:${[bounds.west, bounds.south, bounds.east, bounds.north].map((v) => v.toFixed(4)).join(',')}`;
  return { area: { key, mask: null, bounds }, level: 'national', frame: toLonLatBounds(bounds), districts: [] };
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
