export type SliceUnit = 'week' | 'month';

const DAY_MS = 86_400_000;

/**
 * The start of the slice holding `ms` (CST wall-clock carried in UTC fields): the first of the month,
 * or the Monday of the ISO week, as DuckDB's date_trunc('month' | 'week', ts).
 */
export function truncateToSlice(ms: number, unit: SliceUnit): number {
  const d = new Date(ms);
  if (unit === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return day - sinceMonday * DAY_MS;
}

/** Every slice start from the slice of `fromMs` to the slice of `toMs`, inclusive, empty ones too. */
export function listTimeSlices(fromMs: number, toMs: number, unit: SliceUnit): number[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) return [];
  const out: number[] = [];
  let t = truncateToSlice(fromMs, unit);
  const end = truncateToSlice(toMs, unit);
  while (t <= end) {
    out.push(t);
    if (unit === 'week') t += 7 * DAY_MS;
    else {
      const d = new Date(t);
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
  return out;
}
