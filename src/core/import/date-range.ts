/**
 * Plausible event times: from 2000-01-01 up to one day after now, China Standard Time. Dates are
 * Date objects whose UTC fields are the CST wall-clock, as everywhere in src/core (`literal()` prints them).
 */
export interface DateRange {
  min: Date;
  /** exclusive */
  max: Date;
}

const CST_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

export function defaultDateRange(now: Date = new Date()): DateRange {
  return { min: new Date(Date.UTC(2000, 0, 1)), max: new Date(now.getTime() + CST_OFFSET_MS + DAY_MS) };
}
