import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../src/views/shared/i18n/format';

// 2024-02-10 08:05 CST wall-clock, carried in the UTC fields
const MS = Date.UTC(2024, 1, 10, 8, 5);

describe('date formatting', () => {
  it.each([
    ['zh', '2024/02/10', '2024/02/10 08:05'],
    ['en', '10/02/2024', '10/02/2024, 08:05'],
  ] as const)('%s: %s, %s', (lang, day, dayTime) => {
    expect(formatDate(lang, MS)).toBe(day);
    expect(formatDateTime(lang, MS)).toBe(dayTime);
  });

  it.each([null, undefined, Number.NaN])('shows %s as a dash', (ms) => {
    expect(formatDate('zh', ms)).toBe('—');
    expect(formatDateTime('en', ms)).toBe('—');
  });
});
