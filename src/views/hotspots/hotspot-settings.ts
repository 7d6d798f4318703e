import type { SliceUnit } from '../../core/analytics/time-slices';
import type { Neighbourhood } from '../../core/analytics/neighbours';
import { H3_RESOLUTIONS } from '../../core/grid/h3-grid';
import type { GridKind } from '../../core/grid/study-grid';

export type HotspotMode = 'gi' | 'emerging' | 'density';
/** The study area of square and H3 grids: the cells with finds (default), or the user's boundary. */
export type StudyAreaChoice = 'occupied' | 'boundary';
/** The ranked list: by episodes found (default), or by Gi* z. */
export type HotCellSort = 'finds' | 'z';

/** The view's settings, kept in the URL as hs.* params so that a shared link restores them. */
export interface HotspotSettings {
  mode: HotspotMode;
  grid: GridKind;
  /** square cell edge in metres */
  cellM: number;
  h3Resolution: number;
  hood: 'queen' | 'band';
  /** distance band in metres */
  bandM: number;
  fdr: boolean;
  slice: SliceUnit;
  area: StudyAreaChoice;
  sort: HotCellSort;
}

/** Square cell edges offered (issue 3: 100 m to 5 km, 500 m by default). */
export const SQUARE_SIZES_M = [100, 200, 250, 500, 1000, 2000, 5000] as const;
export const DISTANCE_BANDS_M = [250, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000] as const;

export const DEFAULT_HOTSPOT_SETTINGS: HotspotSettings = {
  mode: 'gi',
  grid: 'square',
  cellM: 500,
  h3Resolution: 8,
  hood: 'queen',
  bandM: 1000,
  fdr: true,
  slice: 'month',
  area: 'occupied',
  sort: 'finds',
};

/** URL param of each setting. */
export const HOTSPOT_PARAMS = {
  mode: 'hs.mode',
  grid: 'hs.grid',
  cellM: 'hs.cell',
  h3Resolution: 'hs.h3',
  hood: 'hs.hood',
  bandM: 'hs.band',
  fdr: 'hs.fdr',
  slice: 'hs.slice',
  area: 'hs.area',
  sort: 'hs.sort',
} as const satisfies Record<keyof HotspotSettings, string>;

function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

function pickNumber(value: string | undefined, allowed: readonly number[], fallback: number): number {
  const n = Number(value);
  return value !== undefined && allowed.includes(n) ? n : fallback;
}

/** Settings from the URL params; anything missing or not offered falls back to the default. */
export function parseHotspotSettings(params: Readonly<Record<string, string>>): HotspotSettings {
  const d = DEFAULT_HOTSPOT_SETTINGS;
  return {
    mode: pick(params[HOTSPOT_PARAMS.mode], ['gi', 'emerging', 'density'], d.mode),
    grid: pick(params[HOTSPOT_PARAMS.grid], ['square', 'h3', 'user'], d.grid),
    cellM: pickNumber(params[HOTSPOT_PARAMS.cellM], SQUARE_SIZES_M, d.cellM),
    h3Resolution: pickNumber(params[HOTSPOT_PARAMS.h3Resolution], H3_RESOLUTIONS, d.h3Resolution),
    hood: pick(params[HOTSPOT_PARAMS.hood], ['queen', 'band'], d.hood),
    bandM: pickNumber(params[HOTSPOT_PARAMS.bandM], DISTANCE_BANDS_M, d.bandM),
    fdr: params[HOTSPOT_PARAMS.fdr] !== '0',
    slice: pick(params[HOTSPOT_PARAMS.slice], ['month', 'week'], d.slice),
    area: pick(params[HOTSPOT_PARAMS.area], ['occupied', 'boundary'], d.area),
    sort: pick(params[HOTSPOT_PARAMS.sort], ['finds', 'z'], d.sort),
  };
}

/** The URL param value of one setting; null (param removed) when it is the default. */
export function serializeHotspotSetting<K extends keyof HotspotSettings>(
  key: K,
  value: HotspotSettings[K],
): string | null {
  if (value === DEFAULT_HOTSPOT_SETTINGS[key]) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function toNeighbourhood(s: Pick<HotspotSettings, 'hood' | 'bandM'>): Neighbourhood {
  return s.hood === 'band' ? { kind: 'band', distanceM: s.bandM } : { kind: 'queen' };
}
