export type Lang = 'zh' | 'en';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

export function formatNumber(lang: Lang, n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    n,
  );
}

export function formatPercent(lang: Lang, share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(share);
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** Dates in the data are CST wall-clock carried in the UTC fields of epoch milliseconds. */
function formatWallClock(lang: Lang, ms: number | null | undefined, options: Intl.DateTimeFormatOptions): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', ...options }).format(new Date(ms));
}

export function formatDate(lang: Lang, ms: number | null | undefined): string {
  return formatWallClock(lang, ms, DAY);
}

export function formatMonth(lang: Lang, ms: number): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', year: 'numeric', month: 'short' }).format(
    new Date(ms),
  );
}

export function formatDateTime(lang: Lang, ms: number | null | undefined): string {
  return formatWallClock(lang, ms, { ...DAY, hour: '2-digit', minute: '2-digit' });
}

export function formatBytes(lang: Lang, bytes: number): string {
  if (bytes >= 1 << 30) return `${formatNumber(lang, bytes / (1 << 30), 2)} GB`;
  if (bytes >= 1 << 20) return `${formatNumber(lang, bytes / (1 << 20), 1)} MB`;
  return `${formatNumber(lang, bytes / 1024, 0)} KB`;
}

/** Items of a list in running text: 甲、乙、丙 / A, B, C. */
export function joinList(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'zh' ? '、' : ', ');
}

/** Clauses of a note: 甲；乙 / A; B. */
export function clauseSeparator(lang: Lang): string {
  return lang === 'zh' ? '；' : '; ';
}
