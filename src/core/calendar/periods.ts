import { shiftDay, springFestivalWindow } from './spring-festival';

export type PeriodPreset =
  'all' | 'lastMonth' | 'lastQuarter' | 'lastYear' | 'lastWinter' | 'lastSummer' | 'springFestival' | 'custom';

export const PERIOD_PRESETS: readonly PeriodPreset[] = [
  'all',
  'lastMonth',
  'lastQuarter',
  'lastYear',
  'lastWinter',
  'lastSummer',
  'springFestival',
  'custom',
];

export interface DataSpan {
  /** first and last found_at day in the loaded data, 'YYYY-MM-DD' */
  first: string;
  last: string;
}

/** Calendar days, both ends included, 'YYYY-MM-DD'. */
export interface Period {
  from: string;
  to: string;
}

export interface ResolvedPeriod extends Period {
  /** a season that has not ended by the data's last day: `to` is that day, not the season's end */
  partial: boolean;
}

const MONTHS_OF: Partial<Record<PeriodPreset, number>> = { lastMonth: 1, lastQuarter: 3, lastYear: 12 };

/**
 * Presets end on the data's last day, never on today's date and never after it (metrics.md, Seasons):
 * last month / quarter / year are the 1 / 3 / 12 months ending on that day. A season preset (winter,
 * summer heat, Spring Festival window) takes the latest season that has ended by then; when the data
 * hold none, the current one up to the last day, marked partial.
 */
export function resolvePeriod(preset: PeriodPreset, span: DataSpan): ResolvedPeriod | null {
  const months = MONTHS_OF[preset];
  if (months) return { from: shiftDay(addMonths(span.last, -months), 1), to: span.last, partial: false };
  switch (preset) {
    case 'all':
      return { from: span.first, to: span.last, partial: false };
    case 'lastWinter':
      return latestSeason(span, winterOf);
    case 'lastSummer':
      return latestSeason(span, (year) => ({ from: `${year}-07-01`, to: `${year}-08-31` }));
    case 'springFestival':
      return latestSeason(span, springFestivalWindow);
    default:
      return null;
  }
}

/** Winter that begins in December of `year`: 12-01 to the end of February (29th in a leap year). */
export function winterOf(year: number): Period {
  return { from: `${year}-12-01`, to: shiftDay(`${year + 1}-03-01`, -1) };
}

/**
 * The latest season (by its start year, from the data's last year back) that has ended by the last
 * day; when the data begin after it ended, the one in progress up to the last day, marked partial.
 */
function latestSeason(span: DataSpan, seasonOf: (year: number) => Period | null): ResolvedPeriod | null {
  const lastYear = Number(span.last.slice(0, 4));
  let started: Period | null = null;
  for (let year = lastYear; year >= lastYear - 2; year--) {
    const season = seasonOf(year);
    if (!season || season.from > span.last) continue;
    if (season.to > span.last) {
      started ??= season;
      continue;
    }
    if (season.to >= span.first || !started) return { ...season, partial: false };
    break;
  }
  return started ? { from: started.from, to: span.last, partial: true } : null;
}

/**
 * The period of equal length just before (环比). Whole calendar months are measured in months (March's
 * previous period is February, a year's the year before); any other period in days.
 */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months) return { from: addMonths(p.from, -months), to: shiftDay(p.from, -1) };
  const days = daysBetween(p.from, p.to) + 1;
  return { from: shiftDay(p.from, -days), to: shiftDay(p.from, -1) };
}

/** How many calendar months the period spans when it starts on a 1st and ends on a month's last day, else 0. */
function wholeMonths(p: Period): number {
  if (p.from.slice(8) !== '01' || p.to !== lastDayOfMonth(p.to)) return 0;
  const [fy, fm] = p.from.split('-').map(Number) as [number, number];
  const [ty, tm] = p.to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * The same period one year earlier (同比): the same calendar days, 29 February becoming the 28th; a
 * period that ends on the last day of February ends on the last day of February a year before.
 */
export function samePeriodLastYear(p: Period): Period {
  const endsFebruary = p.to.slice(5) === lastDayOfMonth(p.to).slice(5) && p.to.slice(5, 7) === '02';
  const to = endsFebruary ? lastDayOfMonth(addMonths(p.to, -12)) : addMonths(p.to, -12);
  return { from: addMonths(p.from, -12), to };
}

/** Days from `a` to `b` ('YYYY-MM-DD'); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The same day `n` months later (earlier when negative), clamped to the month's last day. */
export function addMonths(isoDay: string, n: number): string {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = Number(lastDayOfMonth(`${year}-${pad(month)}-01`).slice(8));
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function lastDayOfMonth(isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  return shiftDay(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
