import { formatDate, formatDateTime, type Lang } from '../shared/i18n/format';
import type { ConsoleColumn } from './run-console-query';

/** How a value of a DuckDB type reads on screen: times as dates, not epoch milliseconds. */
export function formatConsoleCell(value: unknown, type: string | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && type) {
    if (/^TIMESTAMP/.test(type)) return formatDateTime(lang, value);
    if (type === 'DATE') return formatDate(lang, value);
  }
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The same value in a CSV: times as 'YYYY-MM-DD HH:MM:SS' (China Standard Time, as stored), numbers as numbers. */
export function csvConsoleCell(value: unknown, type: string | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && type) {
    const iso = new Date(value).toISOString();
    if (/^TIMESTAMP/.test(type)) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    if (type === 'DATE') return iso.slice(0, 10);
  }
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function typeOf(columns: readonly ConsoleColumn[], name: string): string | undefined {
  return columns.find((c) => c.name === name)?.type;
}
