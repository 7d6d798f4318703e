import { describe, expect, it } from 'vitest';
import { comparePeriods } from '../../src/core/analytics/period-change';

const covered = { from: '2023-01-01', to: '2023-01-31', dataFirst: '2022-06-01', dataLast: '2024-03-31' };

describe('the change against a comparison period', () => {
  it('is the relative difference when the base period is covered and not zero', () => {
    expect(comparePeriods(120, 100, covered)).toEqual({ kind: 'change', ratio: 0.2 });
    expect(comparePeriods(75, 100, covered)).toEqual({ kind: 'change', ratio: -0.25 });
    expect(comparePeriods(0, 0, covered)).toEqual({ kind: 'change', ratio: 0 });
  });

  it('is never infinite: from a base of zero it says so', () => {
    expect(comparePeriods(7, 0, covered)).toEqual({ kind: 'fromZero', current: 7 });
  });

  it('has no data when the comparison period lies outside the data, and a partial base when it begins before', () => {
    expect(comparePeriods(10, 0, { ...covered, from: '2021-01-01', to: '2021-01-31' })).toEqual({ kind: 'noData' });
    expect(comparePeriods(10, 3, { ...covered, from: '2022-05-15', to: '2022-06-14' })).toEqual({
      kind: 'partialBase',
    });
    expect(comparePeriods(null, 3, covered)).toEqual({ kind: 'noData' });
  });
});
