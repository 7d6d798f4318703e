import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator, mergeMessages } from '../../src/views/shared/i18n/translate';
import { sharedMessages } from '../../src/views/shared/messages';
import { repeatReturnMessages } from '../../src/views/repeat-returns/messages';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { CREATE_CASES } from '../../src/core/schema';
import { joinSql, sql } from '../../src/core/sql/sql';
import { buildSurvivalSeries, SPLIT_OTHER, type CohortCell } from '../../src/views/repeat-returns/layers';
import {
  buildFrequentPlaceBinsQuery,
  REPEAT_RETURN_PARAM_KEYS,
  serializeRepeatReturnParams,
  DEFAULT_REPEAT_RETURN_PARAMS,
  type CohortRateRow,
  type FrequentPlaceBinRow,
} from '../../src/views/repeat-returns/queries';
import { createSplitLabeler } from '../../src/views/repeat-returns/split-labels';
import {
  buildSurvivalChartData,
  classifyPlaceBin,
  listCohortPeriods,
  listPercentTicks,
  maxOfKeys,
  pickSurvivalSeries,
  placeClassLabels,
  summarizeCohorts,
} from '../../src/views/repeat-returns/view-data';
import { refreshEpisodeLinks } from '../../src/core/analytics/episode-links';
import { openTestDb } from '../helpers/db';

const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));

function cell(period: string, cohort: number, returned: number, complete: boolean, notLinkable = 0): CohortCell {
  const share = cohort > 0 ? returned / cohort : null;
  return {
    period,
    periodStart: day(`${period}-01`),
    split: 'all',
    windowDays: 365,
    cohort,
    returned,
    notLinkable,
    complete,
    followUpEnd: 0,
    rate: complete ? share : null,
    partialRate: complete ? null : share,
  };
}

describe('KPI summary of the cohort table', () => {
  it('sums persons over all cohorts but returns and the rate over complete cohorts only', () => {
    // complete: 2023-01 10 persons, 3 returned; 2023-02 empty. Incomplete: 2023-03 5 persons, 1 so far.
    // Sent home 10 + 0 + 5 = 15; rate 3 / 10 (the incomplete 1 of 5 is not in it); not linkable 1 + 2.
    expect(
      summarizeCohorts([cell('2023-01', 10, 3, true, 1), cell('2023-02', 0, 0, true), cell('2023-03', 5, 1, false, 2)]),
    ).toEqual({
      sentHome: 15,
      completePeriods: 2,
      completeCohort: 10,
      returned: 3,
      rate: 0.3,
      incompletePeriods: 1,
      notLinkable: 3,
    });
  });

  it('has no rate while no cohort has completed its follow-up', () => {
    const s = summarizeCohorts([cell('2025-11', 8, 2, false), cell('2025-12', 4, 0, false)]);
    expect([s.sentHome, s.completePeriods, s.returned, s.rate]).toEqual([12, 0, 0, null]);
  });
});

describe('cohort periods for the time-to-return range', () => {
  it('lists each period once, oldest first, as its first day', () => {
    const row = (period: string, start: string, split: string, w: number) =>
      ({ period, period_start: day(start), split_value: split, window_days: w }) as CohortRateRow;
    const rows = [
      row('2023-Q2', '2023-04-01', 'm', 30),
      row('2023-Q1', '2023-01-01', 'm', 30),
      row('2023-Q1', '2023-01-01', 'f', 90),
      row('2023-Q2', '2023-04-01', 'f', 365),
    ];
    expect(listCohortPeriods(rows)).toEqual([
      { value: '2023-01-01', label: '2023-Q1' },
      { value: '2023-04-01', label: '2023-Q2' },
    ]);
  });
});

describe('Kaplan–Meier curves on one day axis', () => {
  /*
   * Four persons: found again on day 2; censored on day 3; found again on day 5; censored on day 5.
   * Day 2: 4 at risk, 1 event → Ŝ = 3/4, cumulative 1/4. Day 3: censoring only → Ŝ stays 3/4.
   * Day 5: 2 at risk, 1 event (the tied censoring counts as at risk) → Ŝ = 3/4 · 1/2 = 3/8, cumulative 5/8.
   * Band at day 2 (log-log, Greenwood Σ = 1/(4·3) = 1/12): se = √(1/12) / |ln 0.75| = 1.003452,
   * Ŝ limits 0.75^exp(±1.96·se) = [0.127947, 0.960549] → cumulative [0.039451, 0.872053].
   * Risk set at the start of day d (times ≥ d): days 0–2 → 4, day 3 → 3, days 4–5 → 2.
   */
  const series = buildSurvivalSeries([
    { split_value: 'all', days: 2, events: 1, censored: 0 },
    { split_value: 'all', days: 3, events: 0, censored: 1 },
    { split_value: 'all', days: 5, events: 1, censored: 1 },
  ]);
  const points = buildSurvivalChartData(series, 6);

  it('carries each step forward day by day and stops after the last observation', () => {
    expect(points.map((p) => p.cum_0)).toEqual([0, 0, 0.25, 0.25, 0.25, 0.625, null]);
    expect(points.map((p) => p.risk_0)).toEqual([4, 4, 4, 3, 2, 2, null]);
    const band = points[2]!.band_0 as [number, number];
    expect(band[0]).toBeCloseTo(0.039451, 5);
    expect(band[1]).toBeCloseTo(0.872053, 5);
    expect(points[4]!.band_0).toEqual(band);
    expect(points[0]!.band_0).toEqual([0, 0]);
  });

  it('draws the overall curve first, then the largest split values with enough persons', () => {
    const s = (split: string, persons: number) => ({ split, persons, steps: [], points: [] });
    const picked = pickSurvivalSeries(
      [s('all', 500)],
      [s('a', 100), s('b', 50), s('c', 29), s('d', 40), s('e', 31), s('f', 35)],
      4,
      30,
    );
    expect(picked.map((p) => p.split)).toEqual(['all', 'a', 'b', 'd', 'f']);
  });
});

describe('axis ticks and map classes', () => {
  it.each([
    [0.32, [0, 0.1, 0.2, 0.3, 0.4]],
    [0.045, [0, 0.01, 0.02, 0.03, 0.04, 0.05]],
    [0.2, [0, 0.05, 0.1, 0.15, 0.2]],
    [0, [0, 0.02, 0.04, 0.06, 0.08, 0.1]],
    [1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('covers a largest share of %s with round whole-percent steps', (max, ticks) => {
    expect(listPercentTicks(max)).toEqual(ticks);
  });

  it('finds the largest value under the keys, a range by its upper end', () => {
    const pts = [
      { a: 0.1, b: null },
      { a: 0.05, b: [0.01, 0.4] },
    ];
    expect(maxOfKeys(pts, ['a'])).toBe(0.1);
    expect(maxOfKeys(pts, ['a', 'b'])).toBe(0.4);
  });

  it('classes cells by episodes 1–2, 3–5, 6–10, 11–20, 21+', () => {
    expect([1, 2, 3, 5, 6, 10, 11, 20, 21, 500].map(classifyPlaceBin)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(placeClassLabels()).toEqual(['1–2', '3–5', '6–10', '11–20', '21+']);
  });
});

describe('names of split values', () => {
  const table = loadGb2260(
    JSON.parse(readFileSync(path.resolve('public/geo/gb2260.json'), 'utf8')),
    JSON.parse(readFileSync(path.resolve('public/geo/gb2260-changes.json'), 'utf8')),
  );
  const catalogue = mergeMessages(sharedMessages, repeatReturnMessages);
  const zh = createTranslator(catalogue, 'zh');
  const en = createTranslator(catalogue, 'en');

  it('names origins from GB/T 2260 in both languages, keeps unknown codes visible', () => {
    const province = createSplitLabeler('province', 'zh', zh, table);
    expect(['410000', '110000', 'unknown', '990000', 'all', SPLIT_OTHER].map(province)).toEqual([
      '河南省',
      '北京市',
      '无法查明',
      '990000',
      '全部',
      '其他',
    ]);
    expect(['410000', '650000'].map(createSplitLabeler('province', 'en', en, table))).toEqual(['Henan', 'Xinjiang']);
    expect(['410100', '110100'].map(createSplitLabeler('prefecture', 'zh', zh, table))).toEqual([
      '河南省郑州市',
      '北京市',
    ]);
    expect(['410100', '110100'].map(createSplitLabeler('prefecture', 'en', en, table))).toEqual([
      '郑州市, Henan',
      'Beijing',
    ]);
    // before the table has loaded: the code itself
    expect(createSplitLabeler('province', 'zh', zh, null)('410000')).toBe('410000');
  });

  it('names groups, sexes, age bands and exit types with the shell catalogue', () => {
    expect(['minor', 'none'].map(createSplitLabeler('group', 'zh', zh, null))).toEqual(['未成年人', '一般人员']);
    expect(['m', 'f', 'u'].map(createSplitLabeler('sex', 'en', en, null))).toEqual(['Male', 'Female', 'Unknown']);
    expect(['60+', 'unknown'].map(createSplitLabeler('age_band', 'zh', zh, null))).toEqual(['60岁及以上', '不详']);
    expect(['family_pickup', 'unknown'].map(createSplitLabeler('outcome', 'zh', zh, null))).toEqual([
      '亲属接回',
      '无法查明',
    ]);
    expect(createSplitLabeler('station', 'zh', zh, null)('朝阳区救助站')).toBe('朝阳区救助站');
  });
});

describe('URL keys of the view settings', () => {
  it('writes a 90-day window as rr.w=90 and the defaults as nothing', () => {
    expect(serializeRepeatReturnParams({ ...DEFAULT_REPEAT_RETURN_PARAMS, window: 90 })).toEqual({ 'rr.w': '90' });
    expect(serializeRepeatReturnParams(DEFAULT_REPEAT_RETURN_PARAMS)).toEqual({});
    expect(REPEAT_RETURN_PARAM_KEYS.split).toBe('rr.split');
  });
});

/*
 * Places of frequent returners in 0.005° cells. P and Q are frequent (3 episodes within 365 days), R is not.
 * Cell A = lon [116.300, 116.305), lat [39.900, 39.905), centre (116.3025, 39.9025);
 * cell B = lon [116.310, 116.315), same lat band, centre (116.3125, 39.9025).
 * A: P1, P2, Q1 → 3 episodes, 2 persons (R1 there does not count). B: P3, Q2 → 2 episodes, 2 persons.
 * Q3 has no coordinates and is not drawn.
 */
type Place = [id: string, person: string, found: string, lon: number | null, lat: number | null];
const PLACES: Place[] = [
  ['P1', 'P', '2023-01-05 10:00:00', 116.3012, 39.9012],
  ['P2', 'P', '2023-02-05 10:00:00', 116.3049, 39.9001],
  ['P3', 'P', '2023-03-05 10:00:00', 116.3101, 39.9012],
  ['Q1', 'Q', '2023-04-05 10:00:00', 116.3002, 39.9044],
  ['Q2', 'Q', '2023-05-05 10:00:00', 116.3149, 39.9033],
  ['Q3', 'Q', '2023-06-05 10:00:00', null, null],
  ['R1', 'R', '2023-04-05 10:00:00', 116.3013, 39.9013],
  ['R2', 'R', '2023-05-05 10:00:00', 116.3014, 39.9014],
];

describe('frequent returners on the map, counted per cell in SQL', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    const rows = PLACES.map(
      ([id, person, found, lon, lat]) =>
        sql`(${id}, ${person}, ${person}, CAST(${found} AS TIMESTAMP), '西城', ${lon}, ${lat}, 'other')`,
    );
    await db.exec(
      sql`INSERT INTO cases (case_id, person_id, person_key, found_at, found_district, lon, lat, outcome)
        VALUES ${joinSql(rows)}`.text,
    );
    // rows written around the import get their episode links as the import would give them
    await refreshEpisodeLinks(db);
  });
  afterAll(() => db.close());

  const round = (r: FrequentPlaceBinRow) => ({ ...r, lon: Number(r.lon.toFixed(4)), lat: Number(r.lat.toFixed(4)) });

  it('counts episodes and distinct persons per cell, busiest first', async () => {
    const rows = await db.query<FrequentPlaceBinRow & Record<string, unknown>>(
      buildFrequentPlaceBinsQuery(EMPTY_FILTERS),
    );
    expect(rows.map(round)).toEqual([
      { lon: 116.3025, lat: 39.9025, episodes: 3, persons: 2, cells_total: 2 },
      { lon: 116.3125, lat: 39.9025, episodes: 2, persons: 2, cells_total: 2 },
    ]);
  });

  it('keeps the busiest cells under the limit and says how many there were', async () => {
    const rows = await db.query<FrequentPlaceBinRow & Record<string, unknown>>(
      buildFrequentPlaceBinsQuery(EMPTY_FILTERS, 0.005, 1),
    );
    expect(rows.map(round)).toEqual([{ lon: 116.3025, lat: 39.9025, episodes: 3, persons: 2, cells_total: 2 }]);
    expect(() => buildFrequentPlaceBinsQuery(EMPTY_FILTERS, 0, 10)).toThrow();
  });
});
