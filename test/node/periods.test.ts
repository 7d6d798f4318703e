import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../src/core/calendar/periods';
import { springFestivalWindow } from '../../src/core/calendar/spring-festival';

const span = { first: '2022-01-01', last: '2025-12-31' };

describe('period presets, anchored on the data', () => {
  it.each([
    ['all', { from: '2022-01-01', to: '2025-12-31' }],
    ['lastMonth', { from: '2025-12-01', to: '2025-12-31' }],
    ['lastQuarter', { from: '2025-10-01', to: '2025-12-31' }],
    ['lastYear', { from: '2025-01-01', to: '2025-12-31' }],
    // the last day is in December, so the winter that has started is 2025-12-01 .. 2026-02-28
    ['lastWinter', { from: '2025-12-01', to: '2026-02-28' }],
    // lunar new year 2025 is 01-29: ± 15 days
    ['springFestival', { from: '2025-01-14', to: '2025-02-13' }],
  ] as const)('%s', (preset, expected) => {
    expect(resolvePeriod(preset, span)).toEqual(expected);
  });

  it('takes the previous winter in summer, with 29 February in a leap year', () => {
    expect(resolvePeriod('lastWinter', { first: '2023-01-01', last: '2024-08-31' })).toEqual({
      from: '2023-12-01',
      to: '2024-02-29',
    });
  });

  it('falls back to the previous Spring Festival when this year’s has not begun', () => {
    // 2024's window starts 2024-01-26; data ending 2024-01-10 gets 2023's (01-22 ± 15)
    expect(resolvePeriod('springFestival', { first: '2023-01-01', last: '2024-01-10' })).toEqual({
      from: '2023-01-07',
      to: '2023-02-06',
    });
  });

  it('knows no window outside the bundled years', () => {
    expect(springFestivalWindow(2040)).toBeNull();
  });
});
