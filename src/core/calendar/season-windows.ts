import { springFestivalWindow } from './spring-festival';

/** Named periods of metrics.md (Seasons and special periods) that a seasonal patrol plan targets. */
export type SeasonKind = 'winter' | 'springFestival' | 'summer' | 'custom';

export interface SeasonSpec {
  kind: SeasonKind;
  /** custom: month-day 'MM-DD' of the first and last day; a range that wraps (11-15 … 01-10) crosses new year */
  from?: string;
  to?: string;
}

export interface SeasonWindow {
  /** the year the window starts in (winter 2023 = 2023-12-01 … 2024-02-29) */
  year: number;
  from: string;
  to: string;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonthDay(s: string | undefined): s is string {
  return s !== undefined && MONTH_DAY.test(s);
}

function lastOfFebruary(year: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-02-${leap ? 29 : 28}`;
}

/**
 * The season's window starting in `year`: winter 12-01 … end of February (02-28/29, metrics.md), the Spring
 * Festival ± 15 days (bundled dates 2015–2035, else null), summer heat 07-01 … 08-31, or the custom range.
 */
export function seasonWindow(season: SeasonSpec, year: number): SeasonWindow | null {
  switch (season.kind) {
    case 'winter':
      return { year, from: `${year}-12-01`, to: lastOfFebruary(year + 1) };
    case 'springFestival': {
      const w = springFestivalWindow(year);
      return w ? { year, ...w } : null;
    }
    case 'summer':
      return { year, from: `${year}-07-01`, to: `${year}-08-31` };
    case 'custom': {
      if (!isMonthDay(season.from) || !isMonthDay(season.to)) return null;
      const wraps = season.to < season.from;
      const to = `${wraps ? year + 1 : year}-${season.to}`;
      // 02-29 in a common year is its 02-28
      const fix = (d: string) =>
        d.endsWith('02-29') && lastOfFebruary(Number(d.slice(0, 4))).endsWith('28') ? `${d.slice(0, 8)}28` : d;
      return { year, from: fix(`${year}-${season.from}`), to: fix(to) };
    }
  }
}

export interface PastSeasonWindow extends SeasonWindow {
  days: number;
  /** days of the window inside the data (first … last day) */
  coveredDays: number;
}

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * The past windows of the season that the data (first … last day) reach, latest first, with how many of
 * their days the data cover: the years a plan can learn from. A window the data only partly cover counts
 * for that part (see expected demand in docs/metrics.md).
 */
export function listSeasonWindowsInData(season: SeasonSpec, first: string, last: string): PastSeasonWindow[] {
  const out: PastSeasonWindow[] = [];
  const y0 = Number(first.slice(0, 4)) - 1;
  const y1 = Number(last.slice(0, 4));
  for (let y = y1; y >= y0; y--) {
    const w = seasonWindow(season, y);
    if (!w || w.to < first || w.from > last) continue;
    const from = w.from < first ? first : w.from;
    const to = w.to > last ? last : w.to;
    out.push({ ...w, days: daysBetween(w.from, w.to), coveredDays: daysBetween(from, to) });
  }
  return out;
}

/** The next window of the season that starts after the data's last day: the one a plan is made for. */
export function nextSeasonWindow(season: SeasonSpec, last: string): SeasonWindow | null {
  const y = Number(last.slice(0, 4));
  for (let year = y - 1; year <= y + 2; year++) {
    const w = seasonWindow(season, year);
    if (w && w.from > last) return w;
  }
  return null;
}
