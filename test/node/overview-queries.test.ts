import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { prepareDatabase } from '../../src/core/db/prepare-database';
import { EMPTY_FILTERS } from '../../src/core/filters';
import {
  buildDensityQuery,
  buildKpiQuery,
  buildMonthlyTrendQuery,
  buildTrendWithLastYearQuery,
  lastYearFilters,
} from '../../src/views/overview/queries';
import { buildTrendSeries, fillMonthlySeries } from '../../src/views/overview/layers';
import { categoryAxisWidth } from '../../src/views/shared/chart-axis';
import { refreshEpisodeLinks } from '../../src/core/analytics/episode-links';
import { openTestDb } from '../helpers/db';

// Five hand-made episodes; expected figures are counted by hand below each query.
const ROWS = `
  ('A1', 'P1', 'P1', TIMESTAMP '2023-01-05 08:00', TIMESTAMP '2023-01-07 08:00', 116.41, 39.91, ['minor'], '0-17', 'returned_home', '东城区'),
  ('A2', 'P1', 'P1', TIMESTAMP '2023-03-01 10:00', TIMESTAMP '2023-03-11 10:00', 116.41, 39.91, [], '18-59', 'left', '东城区'),
  ('A3', NULL, 'case:A3', TIMESTAMP '2023-03-02 23:00', NULL, NULL, NULL, ['elderly'], '60+', 'in_care', '西城区'),
  ('A4', 'P2', 'P2', TIMESTAMP '2023-03-03 01:00', TIMESTAMP '2023-03-04 01:00', 116.31, 39.81, [], '60+', 'family_pickup', '西城区'),
  ('A5', 'P3', 'P3', TIMESTAMP '2023-03-05 00:00', TIMESTAMP '2023-03-05 12:00', 116.32, 39.82, [], 'unknown', 'medical', '朝阳区')`;

describe('overview queries', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await prepareDatabase(db);
    await db.exec(`INSERT INTO cases (case_id, person_id, person_key, found_at, exit_at, lon, lat, groups, age_band, outcome, found_district)
      VALUES ${ROWS}`);
    // rows written around the import get their episode links as the import would give them
    await refreshEpisodeLinks(db);
  });
  afterAll(() => db.close());

  it('counts persons without a filter from the episode links as a distinct count does', async () => {
    const everything = { ...EMPTY_FILTERS, from: '2000-01-01', to: '2099-12-31' };
    expect(await db.query(buildKpiQuery(EMPTY_FILTERS))).toEqual(await db.query(buildKpiQuery(everything)));
    expect(await db.query(buildMonthlyTrendQuery(EMPTY_FILTERS))).toEqual(
      await db.query(buildMonthlyTrendQuery(everything)),
    );
  });

  it('counts the KPIs as defined', async () => {
    const [k] = await db.query(buildKpiQuery(EMPTY_FILTERS));
    // stays in days: 2, 10, (A3 in care: data end 03-05 00:00 − 03-02 23:00 = 2.0417), 1, 0.5 → median 2
    expect(k).toEqual({
      episodes: 5,
      persons: 4, // P1 twice, case:A3, P2, P3
      minors: 1, // A1
      elderly: 2, // A3 (group), A4 (age band)
      returned_home: 2, // A1 returned_home, A4 family_pickup
      median_stay_days: 2,
      unmappable: 1, // A3
    });
  });

  it('honours the filters', async () => {
    const [k] = await db.query(buildKpiQuery({ ...EMPTY_FILTERS, from: '2023-03-01', districts: ['西城区'] }));
    expect(k).toMatchObject({ episodes: 2, persons: 2 });
  });

  it('gives a monthly series with empty months filled', async () => {
    const rows = await db.query<{ month: number; episodes: number; persons: number }>(
      buildMonthlyTrendQuery(EMPTY_FILTERS),
    );
    const series = fillMonthlySeries(rows);
    expect(series.map((r) => [new Date(r.month).toISOString().slice(0, 7), r.episodes])).toEqual([
      ['2023-01', 1],
      ['2023-02', 0],
      ['2023-03', 4],
    ]);
  });

  it('bins mappable points for density', async () => {
    const rows = await db.query<{ lon: number; lat: number; n: number }>(buildDensityQuery(EMPTY_FILTERS, 0.05));
    // 116.41/39.91 twice → bin (116.425, 39.925); 116.31/39.81 and 116.32/39.82 → bin (116.325, 39.825)
    expect(rows.sort((a, b) => a.lon - b.lon)).toEqual([
      { lon: 116.325, lat: 39.825, n: 2 },
      { lon: 116.425, lat: 39.925, n: 2 },
    ]);
  });
  it('compares a period of a year or less with the same period a year earlier, and nothing longer', () => {
    const march = { ...EMPTY_FILTERS, from: '2024-03-01', to: '2024-03-31', channels: ['patrol'] };
    expect(lastYearFilters(march)).toEqual({ ...march, from: '2023-03-01', to: '2023-03-31' });
    expect(lastYearFilters({ ...EMPTY_FILTERS, from: '2022-01-01', to: '2024-03-31' })).toBeNull();
    expect(lastYearFilters(EMPTY_FILTERS)).toBeNull();
  });

  it("puts last year's episodes beside each month of the period", async () => {
    // the period March 2024; the query reaches back to March 2023, where A2–A5 lie (4 episodes)
    const rows = await db.query<{ month: number; episodes: number; persons: number }>(
      buildTrendWithLastYearQuery({ ...EMPTY_FILTERS, from: '2024-03-01', to: '2024-03-31' }),
    );
    expect(rows.map((r) => r.episodes)).toEqual([4]);
    expect(buildTrendSeries(rows, '2024-03-01')).toEqual([]);
    const all = await db.query<{ month: number; episodes: number; persons: number }>(
      buildTrendWithLastYearQuery(EMPTY_FILTERS),
    );
    // January 2023: 1 (A1), February: 0, March: 4; no data a year before any of them
    expect(buildTrendSeries(all, null).map((p) => [p.episodes, p.lastYear])).toEqual([
      [1, null],
      [0, null],
      [4, null],
    ]);
    const jan2023 = Date.UTC(2023, 0, 1);
    const jan2024 = Date.UTC(2024, 0, 1);
    const series = buildTrendSeries(
      [
        { month: jan2023, episodes: 7, persons: 5 },
        { month: jan2024, episodes: 9, persons: 6 },
      ],
      '2024-01-01',
    );
    expect(series).toEqual([{ month: jan2024, episodes: 9, persons: 6, lastYear: 7 }]);
  });
});

describe('density classes', () => {
  it('grows geometrically and labels ranges', async () => {
    const { densityBreaks, breakLabels, classOf } = await import('../../src/views/overview/layers');
    // 1, 3, 10, 30, then the maximum 445 closes the fifth class
    const breaks = densityBreaks(445, 5);
    expect(breaks).toEqual([1, 3, 10, 30, 445]);
    expect(breakLabels(breaks, String)).toEqual(['1', '2–3', '4–10', '11–30', '31–445']);
    expect([1, 2, 3, 4, 31, 445].map((v) => classOf(v, breaks))).toEqual([0, 1, 1, 2, 4, 4]);
    // a small maximum gives fewer classes, never empty ones
    expect(densityBreaks(2, 5)).toEqual([1, 2]);
    expect(densityBreaks(1, 5)).toEqual([1]);
    expect(densityBreaks(0, 5)).toEqual([]);
  });
});

describe('category axis width', () => {
  it('gives English labels room that Chinese ones do not need', () => {
    expect(categoryAxisWidth(['街面巡查', '公安护送'])).toBe(60); // 4 × 12 + 12
    expect(categoryAxisWidth(['Public report (hotline)'])).toBe(23 * 7 + 12);
    expect(categoryAxisWidth(['x'])).toBe(48);
    expect(categoryAxisWidth(['x'.repeat(100)])).toBe(180);
  });
});
