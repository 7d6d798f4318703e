import { describe, expect, it } from 'vitest';
import { computeKaplanMeier } from '../../src/core/analytics/kaplan-meier';
import { toCsv } from '../../src/core/export/csv';
import { countProperties, toPolygonFeatureCollection } from '../../src/core/export/geojson';
import { formatPValueText } from '../../src/core/export/p-value-text';
import { poolLifeTable } from '../../src/core/export/suppress-life-table';
import {
  classifyCount,
  discloseRate,
  formatSuppressed,
  protectGroupTotal,
  protectNestedCounts,
  SUPPRESSION_K,
  type Disclosure,
} from '../../src/core/export/suppression';

/**
 * What a reader can work out, by brute force, independently of the code under test: every assignment of
 * the suppressed counts that agrees with what is shown ("<5" → 1..4, "—" on a count → 5..total, a shown
 * count exact) and with the published total; the values each suppressed count can take.
 */
function feasibleValues(values: readonly number[], shown: readonly Disclosure[], total: number): Set<number>[] {
  const hidden = shown.flatMap((d, i) => (d === 'shown' ? [] : [i]));
  const rest = total - values.reduce((s, v, i) => s + (shown[i] === 'shown' ? v : 0), 0);
  const out = values.map(() => new Set<number>());
  const assign = (j: number, left: number, chosen: number[]) => {
    if (j === hidden.length) {
      if (left === 0) chosen.forEach((v, n) => out[hidden[n]!]!.add(v));
      return;
    }
    const [lo, hi] = shown[hidden[j]!] === 'small' ? [1, SUPPRESSION_K - 1] : [SUPPRESSION_K, total];
    for (let v = lo; v <= Math.min(hi, left); v++) assign(j + 1, left - v, [...chosen, v]);
  };
  assign(0, rest, []);
  return out;
}

describe('small counts (k = 5)', () => {
  it.each([
    [0, 'shown', 0],
    [1, 'small', '<5'],
    [4, 'small', '<5'],
    [5, 'shown', 5],
  ] as const)('count %i → %s, printed %s', (n, disclosure, printed) => {
    expect(SUPPRESSION_K).toBe(5);
    expect(classifyCount(n)).toBe(disclosure);
    expect(formatSuppressed(n, classifyCount(n))).toBe(printed);
  });

  it('a rate shows only beside shown counts on a denominator of k or more', () => {
    expect(discloseRate('shown', 'shown', 5)).toBe('shown');
    expect(discloseRate('shown', 'shown', 4)).toBe('hidden');
    expect(discloseRate('small', 'shown', 7)).toBe('hidden');
    expect(discloseRate('shown', 'hidden', 20)).toBe('hidden');
    expect(formatSuppressed(0.1429, 'hidden')).toBe('—');
    expect(formatSuppressed(null, 'shown')).toBe(null);
  });
});

describe('a total minus the visible rows (secondary suppression)', () => {
  it.each([
    // one small count: the next smallest goes with it
    [
      [2, 7, 9, 30],
      ['small', 'hidden', 'shown', 'shown'],
    ],
    // hiding the 5 is not enough (6 − 5 = 1), the 100 goes too
    [
      [1, 5, 100],
      ['small', 'hidden', 'hidden'],
    ],
    // two small counts summing to 5 cannot be told apart: nothing more to hide
    [
      [2, 3, 50],
      ['small', 'small', 'shown'],
    ],
    // 4 + 4 = 8 pins both (each at most 4): the 50 goes too
    [
      [4, 4, 50],
      ['small', 'small', 'hidden'],
    ],
    // a zero stays shown and is never picked to hide
    [
      [0, 1, 12, 40],
      ['shown', 'small', 'hidden', 'shown'],
    ],
    [
      [0, 6, 12],
      ['shown', 'shown', 'shown'],
    ],
  ] as const)('%j → %j, and no suppressed count can be worked back', (values, expected) => {
    const { disclosures, exposed } = protectGroupTotal(
      values,
      values.map((v) => classifyCount(v)),
    );
    expect(disclosures).toEqual(expected);
    expect(exposed).toBe(false);
    const total = values.reduce((s: number, v) => s + v, 0);
    feasibleValues(values, disclosures, total).forEach((options, i) => {
      if (disclosures[i] !== 'shown') expect(options.size, `count ${i}`).toBeGreaterThan(1);
    });
  });

  it('without secondary suppression the brute force does find the lone count (the check can fail)', () => {
    const values = [2, 7, 9, 30];
    const primaryOnly = values.map((v) => classifyCount(v));
    expect(feasibleValues(values, primaryOnly, 48)[0]).toEqual(new Set([2]));
  });

  it('a group where everything is small and pinned says so: its total must not be published', () => {
    expect(protectGroupTotal([1, 1], ['small', 'small'])).toEqual({ disclosures: ['small', 'small'], exposed: true });
  });
});

describe('complements within a whole (nested counts)', () => {
  it.each([
    // the row: 1 of 7 returned; 7 − 1 = 6 is not small, the 1 is
    [
      [1, 7],
      ['small', 'shown'],
    ],
    // 5 of 7 returned: 2 not returned, so the 5 is hidden (it could be 5 or 6)
    [
      [5, 7],
      ['hidden', 'shown'],
    ],
    // 5 of 6: hiding the 5 leaves only 5 ≤ x ≤ 5, so the 6 goes too
    [
      [5, 6],
      ['hidden', 'hidden'],
    ],
    // returned within 30 ⊆ 90 days ⊆ cohort: 5 then 6 of 20: both windows hidden, the cohort shown
    [
      [5, 6, 20],
      ['hidden', 'hidden', 'shown'],
    ],
    [
      [0, 0, 20],
      ['shown', 'shown', 'shown'],
    ],
    [
      [5, 10, 20],
      ['shown', 'shown', 'shown'],
    ],
  ] as const)('%j → %j', (values, expected) => {
    expect(
      protectNestedCounts(
        values,
        values.map((v) => classifyCount(v)),
      ),
    ).toEqual(expected);
  });
});

describe('Kaplan–Meier tables pooled into intervals with 0 or at least k events and censorings', () => {
  // 20 persons: (day, found again, censored)
  const data: [number, number, number][] = [
    [10, 2, 0],
    [20, 3, 0],
    [40, 1, 0],
    [50, 4, 0],
    [60, 0, 5],
    [90, 2, 1],
    [120, 0, 2],
  ];
  const steps = computeKaplanMeier(
    data.flatMap(([time, d, c]) => [
      { time, event: true, count: d },
      { time, event: false, count: c },
    ]),
  );

  it('pools 10–20 (5 events), then 40–50 and 60 would close, but the remainder 90–120 (2 events) joins back to 40', () => {
    const rows = poolLifeTable(steps);
    expect(rows.map((r) => [r.fromTime, r.toTime, r.atRisk, r.events, r.censored])).toEqual([
      [10, 20, 20, 5, 0],
      [40, 120, 15, 7, 8],
    ]);
    // Ŝ by hand: 20: (18/20)(15/18) = 0.75; 120: 0.75 · (14/15)(10/14) · (3/5) = 0.3
    expect(rows.map((r) => Number(r.survival.toFixed(12)))).toEqual([0.75, 0.3]);
    expect(rows.every((r) => r.shares === 'shown' && Object.values(r.counts).every((d) => d === 'shown'))).toBe(true);
  });

  it('a series too small to pool shows only what cannot give a count back', () => {
    const small = computeKaplanMeier([
      { time: 3, event: true, count: 3 },
      { time: 9, event: false, count: 3 },
    ]);
    expect(poolLifeTable(small).map((r) => [r.counts, r.shares])).toEqual([
      [{ atRisk: 'shown', events: 'small', censored: 'small' }, 'hidden'],
    ]);
    // 1 + 1: both pinned by the 2 at risk, which is small itself
    const two = computeKaplanMeier([
      { time: 3, event: true },
      { time: 9, event: false },
    ]);
    expect(poolLifeTable(two)[0]?.counts).toEqual({ atRisk: 'small', events: 'small', censored: 'small' });
    expect(poolLifeTable([])).toEqual([]);
  });
});

describe('CSV, GeoJSON and p-values for export', () => {
  it('one formula guard: a leading = + @ tab, or a - that is not a number, is kept as text', () => {
    const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [['=1+2', '-2+3+cmd|x', -2.5, '-3', Number.NaN, 'x,"y"']], {
      bom: false,
    });
    expect(csv).toBe(`a,b,c,d,e,f\r\n'=1+2,'-2+3+cmd|x,-2.5,-3,,"x,""y"""\r\n`);
    expect(toCsv(['a'], []).startsWith('\uFEFF')).toBe(true);
  });

  it('GeoJSON: a count stays a number (null where suppressed) with a separate flag; Polygon or MultiPolygon', () => {
    expect(countProperties(3, 'small')).toEqual({ count: null, suppressed: true });
    expect(countProperties(12, 'shown')).toEqual({ count: 12, suppressed: false });
    const square = [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ];
    const fc = toPolygonFeatureCollection([
      { id: 'a', polygons: [square], properties: { z: Number.NaN, ...countProperties(4, 'small') } },
      { id: 'b', polygons: [square, square], properties: { z: 1.5, ...countProperties(9, 'shown') } },
    ]);
    expect(fc.features.map((f) => [f.geometry.type, f.properties.z, f.properties.count])).toEqual([
      ['Polygon', null, null],
      ['MultiPolygon', 1.5, 9],
    ]);
    expect(JSON.stringify(fc)).not.toContain('<5');
  });

  it.each([
    [0.05, '0.05'],
    [0.123456, '0.1235'],
    [0.001, '0.001'],
    [0.00012345, '1.23e-4'],
    [1.1451142445049154e-299, '1.15e-299'],
    [0, '<1e-300'],
    [Number.NaN, ''],
  ])('p = %s → %s (never "0")', (p, text) => {
    expect(formatPValueText(p)).toBe(text);
  });
});
