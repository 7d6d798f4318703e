/**
 * The change of a figure against a comparison period (同比 / 环比), as leaders read it. A base of
 * zero or a comparison period the data do not cover has no percentage: it says so instead of showing
 * 0 % or infinity.
 */
export type PeriodChange =
  | { kind: 'change'; ratio: number }
  /** the comparison period holds no data at all (it lies before the data, or nothing was recorded) */
  | { kind: 'noData' }
  /** the comparison period begins before the data: part of it is missing */
  | { kind: 'partialBase' }
  /** the base is 0 while the current figure is not: a percentage would be infinite */
  | { kind: 'fromZero'; current: number };

export interface ComparisonCoverage {
  /** the comparison period's first day, and the data's first and last days ('YYYY-MM-DD') */
  from: string;
  to: string;
  dataFirst: string;
  dataLast: string;
}

export function comparePeriods(
  current: number | null | undefined,
  base: number | null | undefined,
  coverage: ComparisonCoverage,
): PeriodChange {
  if (coverage.to < coverage.dataFirst || coverage.from > coverage.dataLast) return { kind: 'noData' };
  if (coverage.from < coverage.dataFirst) return { kind: 'partialBase' };
  if (current === null || current === undefined || base === null || base === undefined) return { kind: 'noData' };
  if (base === 0) return current === 0 ? { kind: 'change', ratio: 0 } : { kind: 'fromZero', current };
  return { kind: 'change', ratio: (current - base) / base };
}
