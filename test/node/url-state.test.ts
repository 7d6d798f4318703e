import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE, parseUrlState, serializeUrlState, type UrlState } from '../../src/app/url-state';

describe('URL state', () => {
  it('round-trips every field', () => {
    const state: UrlState = {
      view: 'hotspots',
      lang: 'en',
      preset: 'custom',
      filters: {
        from: '2023-12-01',
        to: '2024-02-29',
        districts: ['东城区', '西城区'],
        channels: ['patrol'],
        groups: ['minor', 'elderly'],
        sexes: ['f'],
        ageBands: ['60+'],
        identity: ['unknown'],
      },
      params: { 'hs.cell': '500', 'hs.fdr': '0' },
    };
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
  });

  it('opens an empty link as the default state', () => {
    expect(parseUrlState('')).toEqual(DEFAULT_URL_STATE);
  });

  it('migrates an unversioned prototype link (fixture of the old shape)', () => {
    const old = 'view=overview&period=2023-01-01..2023-06-30&district=%E6%9C%9D%E9%98%B3%E5%8C%BA';
    const s = parseUrlState(old);
    expect(s.filters.from).toBe('2023-01-01');
    expect(s.filters.to).toBe('2023-06-30');
    expect(s.filters.districts).toEqual(['朝阳区']);
    expect(s.preset).toBe('custom');
  });

  it('ignores unknown views and malformed dates instead of failing', () => {
    const s = parseUrlState('v=1&view=nope&from=2023-13&to=yesterday');
    expect(s.view).toBe('overview');
    expect(s.filters.from).toBeNull();
  });
});
