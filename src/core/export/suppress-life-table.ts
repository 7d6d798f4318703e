import type { KaplanMeierStep } from '../analytics/kaplan-meier';
import { classifyCount, protectGroupTotal, SUPPRESSION_K, type Disclosure } from './suppression';

/** One interval of a Kaplan–Meier table as it may leave the unit. */
export interface LifeTableRow {
  /** first and last day with an event or a censoring in the interval */
  fromTime: number;
  toTime: number;
  /** at risk at the start of the interval */
  atRisk: number;
  events: number;
  censored: number;
  /** the estimate at `toTime` */
  survival: number;
  lower: number | null;
  upper: number | null;
  counts: { atRisk: Disclosure; events: Disclosure; censored: Disclosure };
  /** survival, its limits and the cumulative share */
  shares: Disclosure;
}

/**
 * A Kaplan–Meier table for a shared output. Step by step, every small number of events or censorings
 * could be read back from the drop of Ŝ and the numbers at risk, so consecutive steps are pooled into
 * intervals (as a life table) until the events and the censorings in each are each 0 or at least k;
 * a remainder at the end joins the intervals before it. The numbers at risk are then sums of whole
 * intervals, k or more. Only when all of a series together stays small is anything suppressed.
 */
export function poolLifeTable(steps: readonly KaplanMeierStep[], k = SUPPRESSION_K): LifeTableRow[] {
  if (steps.length === 0) return [];
  const fits = (n: number) => n === 0 || n >= k;
  const bounds: { from: number; to: number; events: number; censored: number }[] = [];
  let rest: (typeof bounds)[number] | null = null;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    rest ??= { from: i, to: i, events: 0, censored: 0 };
    rest.to = i;
    rest.events += s.events;
    rest.censored += s.censored;
    if (fits(rest.events) && fits(rest.censored)) {
      bounds.push(rest);
      rest = null;
    }
  }
  while (rest && !(fits(rest.events) && fits(rest.censored))) {
    const before = bounds.pop();
    if (!before) break;
    rest = {
      from: before.from,
      to: rest.to,
      events: before.events + rest.events,
      censored: before.censored + rest.censored,
    };
  }
  if (rest) bounds.push(rest);
  return bounds.map((b) => toRow(steps, b, k));
}

function toRow(
  steps: readonly KaplanMeierStep[],
  b: { from: number; to: number; events: number; censored: number },
  k: number,
): LifeTableRow {
  const first = steps[b.from]!;
  const last = steps[b.to]!;
  let counts = {
    atRisk: classifyCount(first.atRisk, k),
    events: classifyCount(b.events, k),
    censored: classifyCount(b.censored, k),
  };
  if (counts.events !== 'shown' || counts.censored !== 'shown') {
    // Only a series too small to pool: events and censorings are parts of those at risk.
    const group = protectGroupTotal([b.events, b.censored], [counts.events, counts.censored], k);
    const atRisk = group.exposed && counts.atRisk === 'shown' ? 'hidden' : counts.atRisk;
    counts = { atRisk, events: group.disclosures[0]!, censored: group.disclosures[1]! };
  }
  const shown = counts.atRisk === 'shown' && counts.events === 'shown' && counts.censored === 'shown';
  return {
    fromTime: first.time,
    toTime: last.time,
    atRisk: first.atRisk,
    events: b.events,
    censored: b.censored,
    survival: last.survival,
    lower: last.lower,
    upper: last.upper,
    counts,
    shares: shown ? 'shown' : 'hidden',
  };
}
