import { describe, expect, it } from 'vitest';
import {
  compareReportPeriod,
  defaultReportPeriod,
  describeCoverage,
  listMonths,
  listReportPeriods,
  parseReportPeriod,
  resolveReportPeriod,
  serializeReportPeriod,
  type ReportPeriodSpec,
} from '../../src/core/calendar/report-periods';

const samples = { first: '2023-01-01', last: '2024-08-31' };

describe('briefing periods are calendar periods', () => {
  it.each<[ReportPeriodSpec, string, string]>([
    [{ kind: 'month', year: 2024, month: 8 }, '2024-08-01', '2024-08-31'],
    // leap year: February 2024 has 29 days, 2023 has 28
    [{ kind: 'month', year: 2024, month: 2 }, '2024-02-01', '2024-02-29'],
    [{ kind: 'month', year: 2023, month: 2 }, '2023-02-01', '2023-02-28'],
    [{ kind: 'quarter', year: 2024, quarter: 2 }, '2024-04-01', '2024-06-30'],
    [{ kind: 'quarter', year: 2023, quarter: 4 }, '2023-10-01', '2023-12-31'],
    [{ kind: 'year', year: 2024 }, '2024-01-01', '2024-12-31'],
    [{ kind: 'winter', year: 2023 }, '2023-12-01', '2024-02-29'],
    [{ kind: 'winter', year: 2022 }, '2022-12-01', '2023-02-28'],
    [{ kind: 'summer', year: 2024 }, '2024-07-01', '2024-08-31'],
    // lunar new year 2024 is 02-10 (Hong Kong Observatory): ± 15 days
    [{ kind: 'springFestival', year: 2024 }, '2024-01-26', '2024-02-25'],
    [{ kind: 'custom', from: '2024-03-05', to: '2024-03-20' }, '2024-03-05', '2024-03-20'],
  ])('%j is %s … %s', (spec, from, to) => {
    expect(resolveReportPeriod(spec)).toEqual({ from, to });
  });

  it('has no Spring Festival window outside the bundled years', () => {
    expect(resolveReportPeriod({ kind: 'springFestival', year: 2040 })).toBeNull();
    expect(compareReportPeriod({ kind: 'springFestival', year: 2040 })).toBeNull();
  });
});

describe('comparisons: 环比 (previous period) and 同比 (same period last year)', () => {
  it.each<[ReportPeriodSpec, [string, string], [string, string]]>([
    // March 2024's previous period is February (29 days), its 同比 March 2023
    [{ kind: 'month', year: 2024, month: 3 }, ['2024-02-01', '2024-02-29'], ['2023-03-01', '2023-03-31']],
    // a leap February compares with February 2023 ending on the 28th
    [{ kind: 'month', year: 2024, month: 2 }, ['2024-01-01', '2024-01-31'], ['2023-02-01', '2023-02-28']],
    [{ kind: 'month', year: 2025, month: 2 }, ['2025-01-01', '2025-01-31'], ['2024-02-01', '2024-02-29']],
    [{ kind: 'quarter', year: 2024, quarter: 1 }, ['2023-10-01', '2023-12-31'], ['2023-01-01', '2023-03-31']],
    [{ kind: 'year', year: 2024 }, ['2023-01-01', '2023-12-31'], ['2023-01-01', '2023-12-31']],
    [{ kind: 'winter', year: 2023 }, ['2023-09-01', '2023-11-30'], ['2022-12-01', '2023-02-28']],
    [{ kind: 'winter', year: 2024 }, ['2024-09-01', '2024-11-30'], ['2023-12-01', '2024-02-29']],
    [{ kind: 'summer', year: 2024 }, ['2024-05-01', '2024-06-30'], ['2023-07-01', '2023-08-31']],
    // the window moves with the lunar calendar: 2023's new year was 01-22; the previous period is the 31 days before
    [{ kind: 'springFestival', year: 2024 }, ['2023-12-26', '2024-01-25'], ['2023-01-07', '2023-02-06']],
    [
      { kind: 'custom', from: '2024-03-05', to: '2024-03-14' },
      ['2024-02-24', '2024-03-04'],
      ['2023-03-05', '2023-03-14'],
    ],
  ])('%j', (spec, [pf, pt], [lf, lt]) => {
    expect(compareReportPeriod(spec)).toEqual({ previous: { from: pf, to: pt }, lastYear: { from: lf, to: lt } });
  });
});

describe('against the data', () => {
  it('opens on the month of the data’s last day', () => {
    expect(defaultReportPeriod(samples)).toEqual({ kind: 'month', year: 2024, month: 8 });
    expect(defaultReportPeriod({ first: '2023-01-01', last: '2024-02-29' })).toEqual({
      kind: 'month',
      year: 2024,
      month: 2,
    });
  });

  it('says when a period starts before the data or is not complete yet', () => {
    expect(describeCoverage({ from: '2022-12-01', to: '2023-02-28' }, samples)).toEqual({
      startsBeforeData: true,
      endsAfterData: false,
    });
    expect(describeCoverage({ from: '2024-07-01', to: '2024-09-30' }, samples)).toEqual({
      startsBeforeData: false,
      endsAfterData: true,
    });
  });

  it('offers the periods that touch the data, newest first', () => {
    const months = listReportPeriods('month', samples).map(serializeReportPeriod);
    expect(months).toHaveLength(20);
    expect(months[0]).toBe('month:2024-08');
    expect(months[19]).toBe('month:2023-01');
    expect(listReportPeriods('quarter', samples).map(serializeReportPeriod)).toEqual([
      'quarter:2024-Q3',
      'quarter:2024-Q2',
      'quarter:2024-Q1',
      'quarter:2023-Q4',
      'quarter:2023-Q3',
      'quarter:2023-Q2',
      'quarter:2023-Q1',
    ]);
    // winter 2022 (2022-12 … 2023-02) touches the data's first days
    expect(listReportPeriods('winter', samples).map(serializeReportPeriod)).toEqual(['winter:2023', 'winter:2022']);
    expect(listReportPeriods('springFestival', samples).map(serializeReportPeriod)).toEqual(['sf:2024', 'sf:2023']);
    expect(listReportPeriods('custom', samples)).toEqual([]);
  });
});

describe('in a link', () => {
  it.each([
    'month:2024-08',
    'quarter:2024-Q2',
    'year:2024',
    'winter:2023',
    'summer:2024',
    'sf:2024',
    'custom:2024-03-05..2024-03-20',
  ])('%s survives a round trip', (text) => {
    const spec = parseReportPeriod(text);
    expect(spec).not.toBeNull();
    expect(serializeReportPeriod(spec!)).toBe(text);
  });

  it.each([null, '', 'month:2024-13', 'quarter:2024-Q5', 'sf:1999', 'custom:2024-02-30..2024-03-01', 'week:2024'])(
    'refuses %j',
    (text) => {
      expect(parseReportPeriod(text)).toBeNull();
    },
  );

  it('lists the months of a range in order', () => {
    expect(listMonths('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(listMonths('2024-02', '2023-12')).toEqual(['2023-12', '2024-01', '2024-02']);
  });
});
