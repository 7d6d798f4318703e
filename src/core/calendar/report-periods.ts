import {
  addMonths,
  lastDayOfMonth,
  previousPeriod,
  samePeriodLastYear,
  winterOf,
  type DataSpan,
  type Period,
} from './periods';
import { SPRING_FESTIVAL, springFestivalWindow } from './spring-festival';

/**
 * The calendar periods a briefing (工作简报) reports on: a named month, quarter, year, winter (12-01 to the end of
 * February), summer heat (07-01 to 08-31), Spring Festival window (lunar new year ± 15 days) or a custom range.
 * Unlike the filter presets (periods.ts), which count back from the data's last day, these are calendar periods,
 * as reports are titled ("2024年8月", "2024年第二季度").
 */
export const REPORT_PERIOD_KINDS = [
  'month',
  'quarter',
  'year',
  'winter',
  'summer',
  'springFestival',
  'custom',
] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

export type ReportPeriodSpec =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  /** `year` of a winter is the year its December falls in (winter 2023 = 2023-12-01 … 2024-02-29) */
  | { kind: 'year' | 'winter' | 'summer' | 'springFestival'; year: number }
  | { kind: 'custom'; from: string; to: string };

export interface ReportComparisons {
  /** the period of equal length just before (环比) */
  previous: Period;
  /** the same period a year earlier (同比); for the Spring Festival window, last year's window */
  lastYear: Period | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The days of a period, both ends included; null for a Spring Festival outside the bundled years. */
export function resolveReportPeriod(spec: ReportPeriodSpec): Period | null {
  switch (spec.kind) {
    case 'month': {
      const from = `${spec.year}-${pad(spec.month)}-01`;
      return { from, to: lastDayOfMonth(from) };
    }
    case 'quarter': {
      const from = `${spec.year}-${pad(spec.quarter * 3 - 2)}-01`;
      return { from, to: lastDayOfMonth(addMonths(from, 2)) };
    }
    case 'year':
      return { from: `${spec.year}-01-01`, to: `${spec.year}-12-31` };
    case 'winter':
      return winterOf(spec.year);
    case 'summer':
      return { from: `${spec.year}-07-01`, to: `${spec.year}-08-31` };
    case 'springFestival':
      return springFestivalWindow(spec.year);
    case 'custom':
      return spec.from <= spec.to ? { from: spec.from, to: spec.to } : { from: spec.to, to: spec.from };
  }
}

/**
 * 环比 is the period of equal length before (previousPeriod: whole months by months, so a quarter's is the quarter
 * before and a winter's September–November); 同比 the same days a year earlier (samePeriodLastYear: a leap winter
 * ending 02-29 compares with one ending 02-28), except the Spring Festival window, which moves with the lunar
 * calendar: its 同比 is last year's window (null outside the bundled years).
 */
export function compareReportPeriod(spec: ReportPeriodSpec): ReportComparisons | null {
  const p = resolveReportPeriod(spec);
  if (!p) return null;
  const lastYear = spec.kind === 'springFestival' ? springFestivalWindow(spec.year - 1) : samePeriodLastYear(p);
  return { previous: previousPeriod(p), lastYear };
}

/** The briefing a user gets first: the calendar month of the data's last day. */
export function defaultReportPeriod(span: DataSpan): ReportPeriodSpec {
  const [year, month] = span.last.split('-').map(Number) as [number, number];
  return { kind: 'month', year, month };
}

/** How a period sits against the data: begins before the first day, or ends after the last (not yet complete). */
export function describeCoverage(p: Period, span: DataSpan): { startsBeforeData: boolean; endsAfterData: boolean } {
  return { startsBeforeData: p.from < span.first, endsAfterData: p.to > span.last };
}

/** The link's form: month:2024-08, quarter:2024-Q2, year:2024, winter:2023, summer:2024, sf:2024, custom:A..B. */
export function serializeReportPeriod(spec: ReportPeriodSpec): string {
  switch (spec.kind) {
    case 'month':
      return `month:${spec.year}-${pad(spec.month)}`;
    case 'quarter':
      return `quarter:${spec.year}-Q${spec.quarter}`;
    case 'springFestival':
      return `sf:${spec.year}`;
    case 'custom':
      return `custom:${spec.from}..${spec.to}`;
    default:
      return `${spec.kind}:${spec.year}`;
  }
}

/** The spec of a link's text, or null when it is not one (the caller falls back to the default). */
export function parseReportPeriod(text: string | null | undefined): ReportPeriodSpec | null {
  if (!text) return null;
  const [kind, value = ''] = text.split(':', 2) as [string, string | undefined];
  const year = (s: string) => (/^\d{4}$/.test(s) ? Number(s) : null);
  switch (kind) {
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(value);
      const month = m ? Number(m[2]) : 0;
      return m && month >= 1 && month <= 12 ? { kind, year: Number(m[1]), month } : null;
    }
    case 'quarter': {
      const m = /^(\d{4})-Q([1-4])$/.exec(value);
      return m ? { kind, year: Number(m[1]), quarter: Number(m[2]) } : null;
    }
    case 'year':
    case 'winter':
    case 'summer': {
      const y = year(value);
      return y === null ? null : { kind, year: y };
    }
    case 'sf': {
      const y = year(value);
      return y !== null && SPRING_FESTIVAL[y] ? { kind: 'springFestival', year: y } : null;
    }
    case 'custom': {
      const [from = '', to = ''] = value.split('..');
      return DAY.test(from) && DAY.test(to) && isRealDay(from) && isRealDay(to) ? { kind, from, to } : null;
    }
    default:
      return null;
  }
}

function isRealDay(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
}

/**
 * The periods of a kind that overlap the data, newest first, for the period picker (a custom range has none).
 * Winters are those whose December…February touch the data; Spring Festival windows only the bundled years.
 */
export function listReportPeriods(kind: ReportPeriodKind, span: DataSpan): ReportPeriodSpec[] {
  const first = Number(span.first.slice(0, 4));
  const last = Number(span.last.slice(0, 4));
  const out: ReportPeriodSpec[] = [];
  const keep = (spec: ReportPeriodSpec) => {
    const p = resolveReportPeriod(spec);
    if (p && p.to >= span.first && p.from <= span.last) out.push(spec);
  };
  for (let year = last; year >= first - 1; year--) {
    if (kind === 'month') for (let month = 12; month >= 1; month--) keep({ kind, year, month });
    else if (kind === 'quarter') for (let quarter = 4; quarter >= 1; quarter--) keep({ kind, year, quarter });
    else if (kind !== 'custom') keep({ kind, year });
  }
  return out;
}

/** Months 'YYYY-MM' from `from` to `to` inclusive (either order), for the monthly report's columns. */
export function listMonths(from: string, to: string): string[] {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const out: string[] = [];
  for (let m = `${a}-01`; m.slice(0, 7) <= b; m = addMonths(m, 1)) out.push(m.slice(0, 7));
  return out;
}
