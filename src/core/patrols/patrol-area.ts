import { boundsOfMask, extractMaskArea } from '../grid/polygon-mask';
import type { StudyArea } from '../hotspots/study-area';
import { chooseMapFrame, toLonLatBounds, type MapFrame, type MappedExtentRow } from '../hotspots/study-area';

export interface DistrictFeature {
  type: 'Feature';
  properties: { code?: string; name?: string; name_en?: string } | null;
  geometry: unknown;
}

export interface DistrictCollection {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

export interface PatrolArea extends MapFrame {
  area: StudyArea;
  /** the districts that make the area (all of Beijing's when empty) */
  districts: string[];
}

/**
 * Where coverage is counted: unlike hot spots (the cells where people are found), a cell a patrol passes
 * counts wherever nobody was found, so the area is the whole city: Beijing's districts when the data are
 * there (only the filtered ones when the district filter names some), else the box of the data.
 */
export function choosePatrolArea(
  extent: MappedExtentRow | undefined,
  districts: DistrictCollection | null,
  selected: readonly string[],
): PatrolArea | null {
  const frame = chooseMapFrame(extent);
  if (!frame || !extent) return null;
  if (frame.level === 'beijing' && districts) {
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
        area: { kind: 'boundary', key: `beijing:${names.join(',')}`, mask },
        level: 'beijing',
        frame: box ? toLonLatBounds(box) : frame.frame,
        districts: names,
      };
    }
    return { area: { kind: 'boundary', key: 'beijing', mask: districts }, ...frame, districts: [] };
  }
  const [[west, south], [east, north]] = frame.frame;
  const box = {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
  const key = `box:${[west, south, east, north].map((v) => v.toFixed(4)).join(',')}`;
  return { area: { kind: 'boundary', key, mask: box }, ...frame, districts: [] };
}
