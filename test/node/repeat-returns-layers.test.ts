import { describe, expect, it } from 'vitest';
import { buildCohortCsv, buildKaplanMeierCsv } from '../../src/views/repeat-returns/exports';
import {
  buildCohortCells,
  buildCohortChartData,
  buildHistogramData,
  buildSurvivalSeries,
  fillFrequentTrend,
  SPLIT_OTHER,
} from '../../src/views/repeat-returns/layers';
import {
  DEFAULT_REPEAT_RETURN_PARAMS,
  parseRepeatReturnParams,
  serializeRepeatReturnParams,
  type CohortRateRow,
} from '../../src/views/repeat-returns/queries';
import { repeatReturnMessages } from '../../src/views/repeat-returns/messages';
import { createTranslator, mergeMessages } from '../../src/views/shared/i18n/translate';
import { sharedMessages } from '../../src/views/shared/messages';

const translator = (lang: 'zh' | 'en') => createTranslator(mergeMessages(sharedMessages, repeatReturnMessages), lang);

const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));

function row(
  period: string,
  split: string,
  w: number,
  cohort: number,
  returned: number,
  complete: boolean,
  notLinkable = 0,
): CohortRateRow {
  return {
    period_start: day(`${period}-01`),
    period,
    split_value: split,
    window_days: w,
    cohort,
    returned,
    not_linkable: notLinkable,
    follow_up_end: day(`${period}-28`) + w * 86_400_000, // not a real period end; only carried through
    complete,
    data_last_day: day('2023-06-30'),
  };
}

describe('cohort cells and chart data', () => {
  const rows = [
    row('2023-01', 'all', 30, 4, 1, true, 2),
    row('2023-01', 'all', 90, 4, 3, true, 2),
    row('2023-05', 'all', 30, 0, 0, true),
    row('2023-06', 'all', 30, 5, 1, false),
  ];

  it('gives a rate only when follow-up is complete, and the share so far apart otherwise', () => {
    const cells = buildCohortCells(rows, 30);
    expect(cells.map((c) => [c.period, c.rate, c.partialRate])).toEqual([
      ['2023-01', 0.25, null],
      ['2023-05', null, null], // empty cohort: no rate at all
      ['2023-06', null, 0.2], // 1 of 5 so far, not a rate of 20 %
    ]);
  });

  it('puts complete and incomplete cohorts under different keys of each point', () => {
    const data = buildCohortChartData(buildCohortCells(rows, 30));
    expect(data.series.map((s) => [s.split, s.rateKey, s.partialKey])).toEqual([['all', 'rate_0', 'partial_0']]);
    expect(data.points).toEqual([
      {
        period: '2023-01',
        periodStart: day('2023-01-01'),
        complete: true,
        rate_0: 0.25,
        partial_0: null,
        cohort_0: 4,
        returned_0: 1,
      },
      {
        period: '2023-05',
        periodStart: day('2023-05-01'),
        complete: true,
        rate_0: null,
        partial_0: null,
        cohort_0: 0,
        returned_0: 0,
      },
      {
        period: '2023-06',
        periodStart: day('2023-06-01'),
        complete: false,
        rate_0: null,
        partial_0: 0.2,
        cohort_0: 5,
        returned_0: 1,
      },
    ]);
    expect(data.notLinkable).toBe(2);
  });

  it('sums the smallest splits into "other" but keeps "unknown" on its own', () => {
    const split = [
      row('2023-01', '410000', 30, 10, 5, true),
      row('2023-01', '130000', 30, 6, 3, true),
      row('2023-01', '340000', 30, 2, 1, true),
      row('2023-01', '510000', 30, 1, 1, true),
      row('2023-01', 'unknown', 30, 1, 0, true),
    ];
    const data = buildCohortChartData(buildCohortCells(split, 30), 3);
    // keep: 410000 (largest named) + unknown; other = 130000 + 340000 + 510000 = 9 persons, 5 returned.
    expect(data.series.map((s) => [s.split, s.total])).toEqual([
      ['410000', 10],
      ['unknown', 1],
      [SPLIT_OTHER, 9],
    ]);
    expect(data.points[0]).toMatchObject({ rate_0: 0.5, rate_1: 0, rate_2: 5 / 9, cohort_2: 9 });
  });
});

describe('time-to-return series', () => {
  // The hand-built cohort of repeat-returns.test.ts: events at days 15, 30, 31, 82, one censored at 155.
  // KM by hand: n=5 → S(15) = 4/5, S(30) = 3/5, S(31) = 2/5, S(82) = 1/5; cumulative = 1 − S.
  const rows = [
    { split_value: 'all', days: 15, events: 1, censored: 0 },
    { split_value: 'all', days: 30, events: 1, censored: 0 },
    { split_value: 'all', days: 31, events: 1, censored: 0 },
    { split_value: 'all', days: 82, events: 1, censored: 0 },
    { split_value: 'all', days: 155, events: 0, censored: 1 },
  ];

  it('starts at day 0 and steps up by the Kaplan–Meier cumulative share', () => {
    const [series] = buildSurvivalSeries(rows);
    expect(series!.persons).toBe(5);
    expect(series!.points.map((p) => [p.day, Number(p.returned.toFixed(10)), p.atRisk])).toEqual([
      [0, 0, 5],
      [15, 0.2, 5],
      [30, 0.4, 4],
      [31, 0.6, 3],
      [82, 0.8, 2],
      [155, 0.8, 1],
    ]);
    // band = [1 − upper(S), 1 − lower(S)]
    const step = series!.steps[0]!;
    expect(series!.points[1]!.band).toEqual([1 - step.upper!, 1 - step.lower!]);
  });

  it('writes the KM table as CSV: five persons cannot be pooled into intervals of 5, so only the number at risk shows', () => {
    const series = buildSurvivalSeries(rows);
    const csv = buildKaplanMeierCsv(series, { t: translator('en') });
    const lines = csv.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toBe(
      'split,from day,to day,at risk,found again,censored,share not found again,cumulative share found again,cumulative 95 % lower,cumulative 95 % upper',
    );
    // 4 found again and 1 censored, both "<5" (either could be 1..4), every share "—"
    expect(lines.slice(1, -1)).toEqual(['all,15,155,5,<5,<5,—,—,—,—']);
  });

  it('fills empty histogram bins with zeros', () => {
    const data = buildHistogramData(
      [
        { split_value: 'all', bin_start: 0, bin_end: 30, persons: 2 },
        { split_value: 'all', bin_start: 60, bin_end: 90, persons: 1 },
      ],
      30,
      90,
      translator('zh'),
    );
    expect(data.series).toEqual([{ split: 'all', key: 'n_0', total: 3 }]);
    expect(data.points).toEqual([
      { binStart: 0, binEnd: 30, label: '1–30天', n_0: 2 },
      { binStart: 30, binEnd: 60, label: '31–60天', n_0: 0 },
      { binStart: 60, binEnd: 90, label: '61–90天', n_0: 1 },
    ]);
  });
});

describe('cohort CSV', () => {
  it('writes incomplete cohorts without a rate, quotes and defuses text, suppresses small numbers and their rates', () => {
    const cells = buildCohortCells(
      [
        row('2023-01', '=cmd|x', 30, 12, 3, true, 2),
        row('2023-02', 'a,b', 30, 3, 1, true),
        row('2023-06', 'all', 30, 8, 1, false),
      ],
      30,
    );
    const csv = buildCohortCsv(cells, { t: translator('zh') });
    expect(csv).toBe(
      '\uFEFF离站批次,分组,观察窗口（天）,返乡人数,再次受助人数,再次受助率,随访状态,随访截止日,无人员编号返乡人次\r\n' +
        // 3 of 12 returned: the rate 0.25 beside 12 would give the 3 back
        "2023-01,'=cmd|x,30,12,<5,—,随访期已满,2023-02-27,<5\r\n" +
        '2023-02,"a,b",30,<5,<5,—,随访期已满,2023-03-30,0\r\n' +
        '2023-06,全部,30,8,<5,,随访期未满,2023-07-28,0\r\n',
    );
  });
});

describe('cohort table: small numbers that stay small (issue 10)', () => {
  /** [sent home, found again, rate] as the CSV prints them, per row (windows together, as the view exports them). */
  const figures = (rows: CohortRateRow[], windows = [30]) =>
    buildCohortCsv(
      windows.flatMap((w) => buildCohortCells(rows, w)),
      { t: translator('en') },
    )
      .replace('\uFEFF', '')
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',').slice(3, 6));

  it('the issue\'s row: 1 of 7 returned is "<5" beside "—", never beside 0.1429', () => {
    expect(figures([row('2023-01', 'all', 30, 7, 1, true)])).toEqual([['7', '<5', '—']]);
  });

  it.each([
    [0, ['20', '0', '0']],
    [1, ['20', '<5', '—']],
    [4, ['20', '<5', '—']],
    [5, ['20', '5', '0.25']],
  ])('%i of 20 returned', (returned, expected) => {
    expect(figures([row('2023-01', 'all', 30, 20, returned, true)])).toEqual([expected]);
  });

  it('complements in the row: 5 of 7 hides the 5 (7 − 5 = 2 not returned); 5 of 6 hides the cohort too', () => {
    expect(figures([row('2023-01', 'all', 30, 7, 5, true)])).toEqual([['7', '—', '—']]);
    expect(figures([row('2023-01', 'all', 30, 6, 5, true)])).toEqual([['—', '—', '—']]);
  });

  it('nested windows: 5 within 30 days and 6 within 90 of 20 would give the 1 between them', () => {
    const rows = [row('2023-01', 'all', 30, 20, 5, true), row('2023-01', 'all', 90, 20, 6, true)];
    expect(figures(rows, [30, 90])).toEqual([
      ['20', '—', '—'],
      ['20', '—', '—'],
    ]);
  });

  it('a total minus the visible rows: with 2 + 30 + 40 sent home over the splits, the 30 is hidden with the 2', () => {
    const rows = [
      row('2023-01', 'A', 30, 2, 0, true),
      row('2023-01', 'B', 30, 30, 10, true),
      row('2023-01', 'C', 30, 40, 20, true),
      // another period is another total
      row('2023-02', 'A', 30, 30, 12, true),
      row('2023-02', 'B', 30, 30, 12, true),
    ];
    expect(figures(rows)).toEqual([
      ['<5', '0', '—'],
      ['—', '10', '—'],
      ['40', '20', '0.5'],
      ['30', '12', '0.4'],
      ['30', '12', '0.4'],
    ]);
  });
});

describe('frequent returners for the trend', () => {
  it('fills months without frequent returners', () => {
    const filled = fillFrequentTrend([
      { month_start: day('2023-11-01'), persons: 2, new_persons: 1 },
      { month_start: day('2024-01-01'), persons: 1, new_persons: 1 },
    ]);
    expect(filled.map((r) => [r.month_start, r.persons])).toEqual([
      [day('2023-11-01'), 2],
      [day('2023-12-01'), 0],
      [day('2024-01-01'), 1],
    ]);
  });
});

describe('view settings in the URL', () => {
  it('round-trips non-default settings and ignores unknown values', () => {
    const p = {
      window: 90 as const,
      granularity: 'quarter' as const,
      split: 'province' as const,
      periodFrom: '2023-01-01',
      periodTo: null,
    };
    expect(serializeRepeatReturnParams(p)).toEqual({
      'rr.w': '90',
      'rr.g': 'quarter',
      'rr.split': 'province',
      'rr.from': '2023-01-01',
    });
    expect(parseRepeatReturnParams(serializeRepeatReturnParams(p))).toEqual(p);
    expect(parseRepeatReturnParams({ 'rr.w': '45', 'rr.split': 'name', 'rr.from': '2023-1-1' })).toEqual(
      DEFAULT_REPEAT_RETURN_PARAMS,
    );
    expect(serializeRepeatReturnParams(DEFAULT_REPEAT_RETURN_PARAMS)).toEqual({});
  });

  it('has the same message keys in both languages', () => {
    expect(Object.keys(repeatReturnMessages.en).sort()).toEqual(Object.keys(repeatReturnMessages.zh).sort());
  });
});
