import { describe, expect, it } from 'vitest';
import {
  addMonths,
  previousPeriod,
  resolvePeriod,
  samePeriodLastYear,
  type DataSpan,
} from '../../src/core/calendar/periods';
import { springFestivalWindow } from '../../src/core/calendar/spring-festival';

const span = { first: '2022-01-01', last: '2025-12-31' };
const complete = (from: string, to: string) => ({ from, to, partial: false });

describe('period presets, anchored on the data and never past its last day', () => {
  it.each([
    ['all', complete('2022-01-01', '2025-12-31')],
    ['lastMonth', complete('2025-12-01', '2025-12-31')],
    ['lastQuarter', complete('2025-10-01', '2025-12-31')],
    ['lastYear', complete('2025-01-01', '2025-12-31')],
    // the winter that began on 2025-12-01 has not ended: the latest complete one
    ['lastWinter', complete('2024-12-01', '2025-02-28')],
    ['lastSummer', complete('2025-07-01', '2025-08-31')],
    // lunar new year 2025 is 01-29: ± 15 days
    ['springFestival', complete('2025-01-14', '2025-02-13')],
  ] as const)('%s', (preset, expected) => {
    expect(resolvePeriod(preset, span)).toEqual(expected);
  });

  it('counts 1, 3 and 12 months back from a last day in the middle of a month (not the calendar year)', () => {
    const mid: DataSpan = { first: '2023-01-01', last: '2024-08-15' };
    expect(resolvePeriod('lastMonth', mid)).toEqual(complete('2024-07-16', '2024-08-15'));
    expect(resolvePeriod('lastQuarter', mid)).toEqual(complete('2024-05-16', '2024-08-15'));
    // the samples end on 2024-08-31: 最近12个月 is 2023-09-01 … 2024-08-31, never 2024-01-01 … 08-31
    expect(resolvePeriod('lastYear', { first: '2023-01-01', last: '2024-08-31' })).toEqual(
      complete('2023-09-01', '2024-08-31'),
    );
  });

  it('takes the previous winter in summer, with 29 February in a leap year', () => {
    expect(resolvePeriod('lastWinter', { first: '2023-01-01', last: '2024-08-31' })).toEqual(
      complete('2023-12-01', '2024-02-29'),
    );
  });

  it('marks the season in progress partial, up to the last day, when the data begin after the last one ended', () => {
    expect(resolvePeriod('lastWinter', { first: '2025-11-01', last: '2026-01-20' })).toEqual({
      from: '2025-12-01',
      to: '2026-01-20',
      partial: true,
    });
  });

  it('falls back to the previous Spring Festival when this year’s has not ended', () => {
    // 2024's window is 2024-01-26 … 02-25; data ending 2024-01-10 get 2023's (01-22 ± 15)
    expect(resolvePeriod('springFestival', { first: '2023-01-01', last: '2024-01-10' })).toEqual(
      complete('2023-01-07', '2023-02-06'),
    );
  });

  it('never reaches past the last day', () => {
    for (const last of ['2024-01-31', '2024-02-29', '2024-06-30', '2024-12-01', '2025-02-27']) {
      for (const preset of ['all', 'lastMonth', 'lastQuarter', 'lastYear', 'lastWinter', 'lastSummer'] as const) {
        const p = resolvePeriod(preset, { first: '2020-01-01', last });
        expect(p && p.to <= last, `${preset} at ${last}`).toBe(true);
      }
    }
  });

  it('knows no window outside the bundled years', () => {
    expect(springFestivalWindow(2040)).toBeNull();
  });
});

describe('comparison periods', () => {
  it('the previous period has the same length and ends the day before: whole months in months, else in days', () => {
    expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod({ from: '2024-01-01', to: '2024-12-31' })).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(previousPeriod({ from: '2024-04-01', to: '2024-06-30' })).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    // 31 days (a Spring Festival window): the 31 days before
    expect(previousPeriod({ from: '2024-01-26', to: '2024-02-25' })).toEqual({ from: '2023-12-26', to: '2024-01-25' });
  });

  it('the same period a year earlier keeps calendar days; February ends on its own last day', () => {
    expect(samePeriodLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    expect(samePeriodLastYear({ from: '2025-02-01', to: '2025-02-28' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(samePeriodLastYear({ from: '2023-12-01', to: '2024-02-29' })).toEqual({
      from: '2022-12-01',
      to: '2023-02-28',
    });
    expect(samePeriodLastYear({ from: '2024-07-10', to: '2024-08-09' })).toEqual({
      from: '2023-07-10',
      to: '2023-08-09',
    });
  });

  it('adds months clamped to the month end', () => {
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 13)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
  });
});
