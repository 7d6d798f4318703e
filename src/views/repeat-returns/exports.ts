import { toCsv } from '../../core/export/csv';
import { poolLifeTable } from '../../core/export/suppress-life-table';
import {
  classifyCount,
  discloseRate,
  formatSuppressed,
  protectGroupTotal,
  protectNestedCounts,
  SUPPRESSION_K,
  type Disclosure,
} from '../../core/export/suppression';
import { labelSplitValue, type CohortCell, type SurvivalSeries } from './layers';
import type { RepeatReturnTranslate } from './messages';

export interface CsvOptions {
  t: RepeatReturnTranslate;
  /** names for split values (origin code → name, group code → 中文); defaults to labelSplitValue */
  splitLabel?: (value: string) => string;
}

export interface CohortDisclosure {
  cohort: Disclosure;
  returned: Disclosure;
  notLinkable: Disclosure;
  rate: Disclosure;
}

/**
 * Which figures of the cohort table may leave the unit (metrics.md, 小数抑制). Beyond counts 1..k−1:
 * - within one cohort (period × split), returned within 30 ⊆ 90 ⊆ … days ⊆ sent home are nested, and
 *   each difference (returned later, not returned) is a count: protectNestedCounts;
 * - the rows of one period sum to its total over all splits, which the view shows: a total minus the
 *   visible rows must not give a suppressed count back (protectGroupTotal), for sent home, returned (per
 *   window) and exits without person id;
 * - a rate is shown only beside shown counts on a denominator of k or more.
 * Each step only hides more, so repeating them until nothing changes ends.
 */
export function discloseCohortCells(cells: readonly CohortCell[], k = SUPPRESSION_K): CohortDisclosure[] {
  const cohortKey = (c: CohortCell) => `${c.period}\u0000${c.split}`;
  const cohorts = groupBy(cells, cohortKey);
  const cohort = new Map([...cohorts].map(([key, idx]) => [key, classifyCount(cells[idx[0]!]!.cohort, k)]));
  const notLinkable = new Map([...cohorts].map(([key, idx]) => [key, classifyCount(cells[idx[0]!]!.notLinkable, k)]));
  const returned = cells.map((c) => classifyCount(c.returned, k));
  const periods = groupBy([...cohorts.keys()], (key) => key.split('\u0000')[0]!);
  const windows = groupBy(cells, (c) => `${c.period}\u0000${c.windowDays}`);
  const cohortKeys = [...cohorts.keys()];

  for (let changed = true; changed;) {
    changed = false;
    const update = (next: Disclosure, now: Disclosure) => {
      if (next !== now) changed = true;
      return next;
    };
    for (const [key, idx] of cohorts) {
      const chain = [...idx].sort((a, b) => cells[a]!.windowDays - cells[b]!.windowDays);
      const values = [...chain.map((i) => cells[i]!.returned), cells[chain[0]!]!.cohort];
      const out = protectNestedCounts(values, [...chain.map((i) => returned[i]!), cohort.get(key)!], k);
      chain.forEach((i, j) => (returned[i] = update(out[j]!, returned[i]!)));
      cohort.set(key, update(out[chain.length]!, cohort.get(key)!));
    }
    for (const idx of windows.values()) {
      if (idx.length < 2) continue;
      const out = protectGroupTotal(
        idx.map((i) => cells[i]!.returned),
        idx.map((i) => returned[i]!),
        k,
      ).disclosures;
      idx.forEach((i, j) => (returned[i] = update(out[j]!, returned[i]!)));
    }
    for (const cohortIndices of periods.values()) {
      if (cohortIndices.length < 2) continue;
      for (const [map, field] of [
        [cohort, 'cohort'],
        [notLinkable, 'notLinkable'],
      ] as const) {
        const members = cohortIndices.map((j) => cohortKeys[j]!);
        const values = members.map((key) => cells[cohorts.get(key)![0]!]![field]);
        const out = protectGroupTotal(
          values,
          members.map((key) => map.get(key)!),
          k,
        ).disclosures;
        members.forEach((key, j) => map.set(key, update(out[j]!, map.get(key)!)));
      }
    }
  }
  return cells.map((c, i) => {
    const n = cohort.get(cohortKey(c))!;
    return {
      cohort: n,
      returned: returned[i]!,
      notLinkable: notLinkable.get(cohortKey(c))!,
      rate: discloseRate(returned[i]!, n, c.cohort, k),
    };
  });
}

/** The cohort table as CSV (core/export/csv: UTF-8 with BOM, CRLF, formula-safe text), suppressed for sharing. */
export function buildCohortCsv(cells: readonly CohortCell[], o: CsvOptions): string {
  const { t } = o;
  const label = o.splitLabel ?? ((v: string) => labelSplitValue(v, t));
  const header = [
    t('rr.csv.period'),
    t('rr.csv.split'),
    t('rr.csv.window'),
    t('rr.csv.cohort'),
    t('rr.csv.returned'),
    t('rr.csv.rate'),
    t('rr.csv.status'),
    t('rr.csv.followUpEnd'),
    t('rr.csv.notLinkable'),
  ];
  const disclosures = discloseCohortCells(cells);
  const rows = cells.map((c, i) => {
    const d = disclosures[i]!;
    return [
      c.period,
      label(c.split),
      c.windowDays,
      formatSuppressed(c.cohort, d.cohort),
      formatSuppressed(c.returned, d.returned),
      c.rate === null ? null : formatSuppressed(round(c.rate, 4), d.rate),
      c.complete ? t('rr.csv.complete') : t('rr.csv.incomplete'),
      isoDay(c.followUpEnd),
      formatSuppressed(c.notLinkable, d.notLinkable),
    ];
  });
  return toCsv(header, rows);
}

/**
 * Kaplan–Meier tables of all series as CSV, pooled into intervals so that no small number of returns or
 * censorings can be read back (poolLifeTable): cumulative share found again with its 95 % limits.
 */
export function buildKaplanMeierCsv(series: readonly SurvivalSeries[], o: CsvOptions): string {
  const { t } = o;
  const label = o.splitLabel ?? ((v: string) => labelSplitValue(v, t));
  const header = [
    t('rr.csv.split'),
    t('rr.csv.fromDay'),
    t('rr.csv.toDay'),
    t('rr.csv.atRisk'),
    t('rr.csv.events'),
    t('rr.csv.censored'),
    t('rr.csv.survival'),
    t('rr.csv.cumulative'),
    t('rr.csv.lower'),
    t('rr.csv.upper'),
  ];
  const rows = series.flatMap((s) =>
    poolLifeTable(s.steps).map((r) => {
      const share = (v: number | null) => (v === null ? null : formatSuppressed(round(v, 4), r.shares));
      return [
        label(s.split),
        r.fromTime,
        r.toTime,
        formatSuppressed(r.atRisk, r.counts.atRisk),
        formatSuppressed(r.events, r.counts.events),
        formatSuppressed(r.censored, r.counts.censored),
        share(r.survival),
        share(1 - r.survival),
        share(r.upper === null ? null : 1 - r.upper),
        share(r.lower === null ? null : 1 - r.lower),
      ];
    }),
  );
  return toCsv(header, rows);
}

/** The note beside the export buttons. */
export function suppressionNoteParams(): { k: number; k1: number } {
  return { k: SUPPRESSION_K, k1: SUPPRESSION_K - 1 };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  });
  return out;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function isoDay(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}
