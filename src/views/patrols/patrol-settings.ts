import type { SeasonKind } from '../../core/calendar/season-windows';
import { isMonthDay } from '../../core/calendar/season-windows';
import type { CoverageUnit } from '../../core/patrols/coverage';

/** The view's settings, kept in the URL as pt.* params so that a shared link restores them. */
export interface PatrolSettings {
  unit: CoverageUnit;
  /** team names; empty = all */
  teams: string[];
  /** hours of day shown on the coverage map; empty = all */
  hours: number[];
  season: SeasonKind;
  customFrom: string;
  customTo: string;
  /** start years of the past windows learnt from; empty = every window the data reach */
  years: number[];
  mode: 'cells' | 'beats';
  k: number;
  reach: 0 | 1;
  beatSize: number;
  shiftHours: number;
  /** hours of day the plan is for; empty = all */
  planHours: number[];
  pinned: string[];
  removed: string[];
}

export const PLAN_SIZES = [5, 10, 15, 20, 30, 50] as const;
export const BEAT_SIZES = [3, 4, 6, 8, 10, 12] as const;
export const SHIFT_HOURS = [2, 3, 4, 6] as const;

export const DEFAULT_PATROL_SETTINGS: PatrolSettings = {
  unit: 'day',
  teams: [],
  hours: [],
  season: 'winter',
  customFrom: '11-15',
  customTo: '03-15',
  years: [],
  mode: 'cells',
  k: 10,
  reach: 0,
  beatSize: 6,
  shiftHours: 3,
  planHours: [],
  pinned: [],
  removed: [],
};

export const PATROL_PARAMS = {
  unit: 'pt.unit',
  teams: 'pt.teams',
  hours: 'pt.hours',
  season: 'pt.season',
  customFrom: 'pt.from',
  customTo: 'pt.to',
  years: 'pt.years',
  mode: 'pt.mode',
  k: 'pt.k',
  reach: 'pt.reach',
  beatSize: 'pt.beat',
  shiftHours: 'pt.shift',
  planHours: 'pt.planHours',
  pinned: 'pt.pin',
  removed: 'pt.drop',
} as const satisfies Record<keyof PatrolSettings, string>;

const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);
const hoursOf = (v: string | undefined) =>
  [...new Set(list(v).map(Number))].filter((h) => Number.isInteger(h) && h >= 0 && h < 24).sort((a, b) => a - b);
function pickNumber<T extends number>(v: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.find((a) => String(a) === v) ?? fallback;
}

/** Settings from the URL params; anything missing or not offered falls back to the default. */
export function parsePatrolSettings(params: Readonly<Record<string, string>>): PatrolSettings {
  const d = DEFAULT_PATROL_SETTINGS;
  const p = (k: keyof PatrolSettings) => params[PATROL_PARAMS[k]];
  const season = (['winter', 'springFestival', 'summer', 'custom'] as const).find((s) => s === p('season'));
  return {
    unit: p('unit') === 'hour' ? 'hour' : 'day',
    teams: list(p('teams')),
    hours: hoursOf(p('hours')),
    season: season ?? d.season,
    customFrom: isMonthDay(p('customFrom')) ? (p('customFrom') as string) : d.customFrom,
    customTo: isMonthDay(p('customTo')) ? (p('customTo') as string) : d.customTo,
    years: [...new Set(list(p('years')).map(Number))].filter((y) => Number.isInteger(y) && y > 1990 && y < 2100),
    mode: p('mode') === 'beats' ? 'beats' : 'cells',
    k: pickNumber(p('k'), PLAN_SIZES, d.k),
    reach: p('reach') === '1' ? 1 : 0,
    beatSize: pickNumber(p('beatSize'), BEAT_SIZES, d.beatSize),
    shiftHours: pickNumber(p('shiftHours'), SHIFT_HOURS, d.shiftHours),
    planHours: hoursOf(p('planHours')),
    pinned: list(p('pinned')),
    removed: list(p('removed')),
  };
}

/** The URL param value of one setting; null (param removed) when it is the default. */
export function serializePatrolSetting<K extends keyof PatrolSettings>(
  key: K,
  value: PatrolSettings[K],
): string | null {
  if (Array.isArray(value)) return value.length ? value.join(',') : null;
  return value === DEFAULT_PATROL_SETTINGS[key] ? null : String(value);
}
