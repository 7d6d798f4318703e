import { describe, expect, it } from 'vitest';
import { columnOf, RANGE_TOTAL, type MonthlyReportRow } from '../../src/core/analytics/monthly-report';
import { SUPPRESSION_K, type Disclosure } from '../../src/core/export/suppression';
import { createTranslator, mergeMessages } from '../../src/views/shared/i18n/translate';
import { sharedMessages } from '../../src/views/shared/messages';
import { buildTiles, type PeriodFigures } from '../../src/views/briefing/figures';
import { briefingMessages, type BriefingTranslate } from '../../src/views/briefing/messages';
import { buildReportGrid } from '../../src/views/briefing/monthly-report-form';
import { presentTile } from '../../src/views/briefing/present';
import { discloseGroup, discloseListCount } from '../../src/views/briefing/suppress';

const t = createTranslator(mergeMessages(sharedMessages, briefingMessages), 'zh') as BriefingTranslate;
const SPAN = { first: '2023-01-01', last: '2024-12-31' };
const BEFORE = { from: '2024-02-01', to: '2024-02-29' };
const A_YEAR_AGO = { from: '2023-03-01', to: '2023-03-31' };

function figures(over: Partial<PeriodFigures>): PeriodFigures {
  return {
    episodes: 100,
    persons: 90,
    newPersons: 40,
    minors: 10,
    elderly: 20,
    mental: 8,
    returnedHome: 50,
    medianStay: 2.5,
    returnRate: 0.2,
    returnCohort: 40,
    returned: 8,
    incompleteCohorts: 0,
    ...over,
  };
}

function displays(current: PeriodFigures, previous: PeriodFigures, exact: boolean) {
  const tiles = buildTiles(
    current,
    { previous: { period: BEFORE, figures: previous }, lastYear: { period: A_YEAR_AGO, figures: previous } },
    SPAN,
  );
  return new Map(tiles.map((x) => [x.id, presentTile(x, exact, 'zh', t)]));
}

describe('the briefing leaves the unit with small numbers suppressed', () => {
  it.each([
    [0, '0'],
    [1, '<5'],
    [4, '<5'],
    [5, '5'],
  ])('a count of %i is printed %s (exactly, for internal use)', (n, printed) => {
    const d = displays(figures({ minors: n }), figures({}), false).get('minors')!;
    expect(d.value).toBe(printed);
    expect(displays(figures({ minors: n }), figures({}), true).get('minors')!.value).toBe(String(n));
  });

  it('hides a change when either figure it compares is small (it would give the other back)', () => {
    const small = displays(figures({ mental: 10 }), figures({ mental: 3 }), false).get('mental')!;
    expect(small.vsPrevious.text).toBe('—');
    expect(small.vsLastYear!.text).toBe('—');
    const shown = displays(figures({ mental: 10 }), figures({ mental: 5 }), false).get('mental')!;
    expect(shown.vsPrevious.text).toBe('+100.0%');
    const fromZero = displays(figures({ mental: 10 }), figures({ mental: 0 }), false).get('mental')!;
    expect(fromZero.vsPrevious.text).toBe('对比期为 0');
    expect(displays(figures({ mental: 3 }), figures({ mental: 10 }), false).get('mental')!.vsPrevious.text).toBe('—');
    expect(displays(figures({ mental: 10 }), figures({ mental: 3 }), true).get('mental')!.vsPrevious.text).toBe(
      '+233.3%',
    );
  });

  it('hides a rate on a cohort under 5 or beside a small number returned; its change is in points', () => {
    const rate = (cohort: number, returned: number) =>
      displays(
        figures({ returnCohort: cohort, returned, returnRate: cohort ? returned / cohort : null }),
        figures({ returnCohort: 40, returned: 10, returnRate: 0.25 }),
        false,
      ).get('returnRate')!;
    expect(rate(4, 0).value).toBe('—');
    expect(rate(20, 3).value).toBe('—');
    expect(rate(20, 0).value).toBe('0.0%');
    expect(rate(20, 5).value).toBe('25.0%');
    expect(rate(20, 6).vsPrevious.text).toBe('+5.0个百分点');
    expect(rate(20, 3).vsPrevious.text).toBe('—');
    expect(rate(0, 0).value).toBe('随访期未满');
  });

  it('hides a median stay of fewer than 5 episodes (one person’s stay)', () => {
    expect(displays(figures({ episodes: 4, medianStay: 3 }), figures({}), false).get('medianStay')!.value).toBe('—');
    expect(displays(figures({ episodes: 5, medianStay: 3 }), figures({}), false).get('medianStay')!.value).toBe('3.0');
  });

  it.each([
    [0, 'shown', true],
    [1, 'small', false],
    [4, 'small', false],
    [5, 'shown', true],
  ] as const)('a list count of %i is %s; its share is shown: %s', (n, count, share) => {
    expect(discloseListCount(n, 100, false)).toEqual({ count, share });
    expect(discloseListCount(n, 100, true)).toEqual({ count: 'shown', share: true });
  });

  it('protects 本省籍/外省籍/无法查明 as a whole of the shown episodes', () => {
    // 23 episodes: 20 in-province would give the 3 unknown back
    expect(discloseGroup([20, 0, 3], false)).toEqual(['hidden', 'shown', 'small']);
    expect(discloseGroup([20, 7, 3], false)).toEqual(['shown', 'hidden', 'small']);
    expect(discloseGroup([20, 7, 3], true)).toEqual(['shown', 'shown', 'shown']);
  });
});

/** A report row with every column zero but those given. */
function reportRow(period: string, values: Record<string, number>): MonthlyReportRow {
  const row: Record<string, number | string | null> = { period, mean_stay_days: null, person_days: 0 };
  for (const c of [
    'carried_over',
    'admitted',
    'persons',
    'left_total',
    'way_escorted_across',
    'in_station_end',
    'stays_counted',
  ]) {
    row[c] = 0;
  }
  Object.assign(row, values);
  return row as MonthlyReportRow;
}

/** Values a suppressed cell could take, by brute force, given the shown cells of a group and its whole. */
function feasible(values: number[], d: Disclosure[], whole: number): Set<number>[] {
  const hidden = d.flatMap((x, i) => (x === 'shown' ? [] : [i]));
  const rest = whole - values.reduce((s, v, i) => s + (d[i] === 'shown' ? v : 0), 0);
  const out = values.map(() => new Set<number>());
  const assign = (j: number, left: number, chosen: number[]) => {
    if (j === hidden.length) {
      if (left === 0) chosen.forEach((v, k) => out[hidden[k]!]!.add(v));
      return;
    }
    const [lo, hi] = d[hidden[j]!] === 'small' ? [1, SUPPRESSION_K - 1] : [SUPPRESSION_K, whole];
    for (let v = lo; v <= Math.min(hi, left); v++) assign(j + 1, left - v, [...chosen, v]);
  };
  assign(0, rest, []);
  return out;
}

describe('the monthly report form, suppressed', () => {
  const month = reportRow('2024-03', {
    carried_over: 12,
    admitted: 23,
    persons: 21,
    [columnOf.sex('m')]: 20,
    [columnOf.sex('f')]: 3,
    [columnOf.age('0-17')]: 1,
    [columnOf.age('18-59')]: 4,
    [columnOf.age('60+')]: 5,
    [columnOf.age('unknown')]: 13,
    [columnOf.group('none')]: 23,
    [columnOf.origin('out')]: 23,
    left_total: 25,
    [columnOf.way('escorted')]: 12,
    way_escorted_across: 10,
    [columnOf.way('family')]: 13,
    in_station_end: 10,
    stays_counted: 4,
    mean_stay_days: 3.5,
  });

  it('prints 0, 1, 4 and 5 as 0, <5, <5 and 5, and hides what would give a small count back', () => {
    const grid = buildReportGrid([month, reportRow(RANGE_TOTAL, {})], false);
    expect(grid.periods).toEqual(['2024-03']);
    const d = (id: string) => grid.disclosure.get(id)![0];
    expect(d('sex.u')).toBe('shown'); // 0
    expect(d('age.0-17')).toBe('small'); // 1
    expect(d('age.18-59')).toBe('small'); // 4
    expect(d('age.60+')).toBe('shown'); // 5
    // 20 men of 23 would give the 3 women back
    expect(d('sex.f')).toBe('small');
    expect(d('sex.m')).toBe('hidden');
    // 10 of 12 escorted went to another province: the 2 within the province would be known
    expect(d('way.escortedAcross')).toBe('hidden');
    // four stays: their mean is nearly one person's
    expect(d('meanStay')).toBe('hidden');
    for (const [ids, whole] of [
      [['sex.m', 'sex.f', 'sex.u'], 23],
      [['age.0-17', 'age.18-59', 'age.60+', 'age.unknown'], 23],
    ] as const) {
      const values = ids.map((id) => grid.values.get(id)![0]!);
      const shown = ids.map((id) => d(id)!);
      const options = feasible(values, shown, whole);
      ids.forEach((id, i) => {
        if (shown[i] !== 'shown') expect(options[i]!.size, id).toBeGreaterThan(1);
      });
    }
  });

  it('shows everything for internal use', () => {
    const grid = buildReportGrid([month, reportRow(RANGE_TOTAL, {})], true);
    expect([...grid.disclosure.values()].flat().every((x) => x === 'shown')).toBe(true);
  });

  it('over a range, a month’s small count cannot be worked back from the total column', () => {
    const rows = [
      reportRow('2024-02', { admitted: 3, [columnOf.sex('m')]: 3, [columnOf.origin('in')]: 3, [columnOf.age('18-59')]: 3, [columnOf.group('none')]: 3 }),
      reportRow('2024-03', { admitted: 10, [columnOf.sex('m')]: 10, [columnOf.origin('in')]: 10, [columnOf.age('18-59')]: 10, [columnOf.group('none')]: 10 }),
      reportRow(RANGE_TOTAL, { admitted: 13, [columnOf.sex('m')]: 13, [columnOf.origin('in')]: 13, [columnOf.age('18-59')]: 13, [columnOf.group('none')]: 13 }),
    ]; // prettier-ignore
    const grid = buildReportGrid(rows, false);
    expect(grid.periods).toEqual(['2024-02', '2024-03', RANGE_TOTAL]);
    expect(grid.disclosure.get('admitted')).toEqual(['small', 'hidden', 'shown']);
    expect(grid.disclosure.get('sex.m')).toEqual(['small', 'hidden', 'shown']);
  });
});
