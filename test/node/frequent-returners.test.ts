import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import {
  buildFrequentReturnerPlacesQuery,
  buildFrequentReturnerProfileQuery,
  buildFrequentReturnerSummaryQuery,
  buildFrequentReturnerTrendQuery,
} from '../../src/core/analytics/frequent-returners';
import { CREATE_CASES } from '../../src/core/schema';
import { joinSql, sql } from '../../src/core/sql/sql';
import { refreshEpisodeLinks } from '../../src/core/analytics/episode-links';
import { openTestDb } from '../helpers/db';

type Episode = [
  id: string,
  person: string | null,
  found: string,
  district?: string,
  origin?: string | null,
  mappable?: boolean,
];

/*
 * P  2022-01-01 00:00, 2022-06-01, 2023-01-01 00:00 (东城): the third exactly 365 × 24 h after the first
 *    (2022 has 365 days) → frequent, anchor P3 in 2023-01.
 * Q  the same but 2023-01-01 00:00:01: one second too late → not frequent.
 * R  2023-02-01, 03-01, 04-01, 05-01 → anchors R3 (April) and R4 (May; R2..R4); latest anchor R4 (origin 130102).
 * S  three unlinkable rows within a month (sharing a key on purpose) → never.
 * T  two episodes only → not.
 * U  2021-01-01, 2021-03-01, 2023-02-01, 2023-03-01, 2023-12-01: U3 and U4 have run starts in 2021 (too far);
 *    U5 closes U3..U5 (303 days) → anchor in 2023-12. U1 has no coordinates.
 * V  2023-03-01, 2023-06-01, 2024-02-29 00:00 = 2023-03-01 + 365 × 24 h (2024 is a leap year) → frequent.
 * W  2023-03-01, 2023-06-01, 2024-03-01: one calendar year later = 366 days → not.
 */
const HISTORY: Episode[] = [
  ['P1', 'P', '2022-01-01 00:00:00'],
  ['P2', 'P', '2022-06-01 00:00:00'],
  ['P3', 'P', '2023-01-01 00:00:00', '东城', '410100'],
  ['Q1', 'Q', '2022-01-01 00:00:00'],
  ['Q2', 'Q', '2022-06-01 00:00:00'],
  ['Q3', 'Q', '2023-01-01 00:00:01'],
  ['R1', 'R', '2023-02-01 10:00:00'],
  ['R2', 'R', '2023-03-01 10:00:00'],
  ['R3', 'R', '2023-04-01 10:00:00', '西城', '410122'],
  ['R4', 'R', '2023-05-01 10:00:00', '西城', '130102'],
  ['S1', null, '2023-02-01 10:00:00'],
  ['S2', null, '2023-02-10 10:00:00'],
  ['S3', null, '2023-02-20 10:00:00'],
  ['T1', 'T', '2023-03-01 10:00:00'],
  ['T2', 'T', '2023-03-02 10:00:00'],
  ['U1', 'U', '2021-01-01 10:00:00', '西城', null, false],
  ['U2', 'U', '2021-03-01 10:00:00'],
  ['U3', 'U', '2023-02-01 10:00:00'],
  ['U4', 'U', '2023-03-01 10:00:00'],
  ['U5', 'U', '2023-12-01 10:00:00'],
  ['V1', 'V', '2023-03-01 00:00:00'],
  ['V2', 'V', '2023-06-01 00:00:00'],
  ['V3', 'V', '2024-02-29 00:00:00', '西城', '411625'],
  ['W1', 'W', '2023-03-01 00:00:00'],
  ['W2', 'W', '2023-06-01 00:00:00'],
  ['W3', 'W', '2024-03-01 00:00:00'],
];

async function insertEpisodes(db: DbConnector, episodes: Episode[]): Promise<void> {
  const rows = episodes.map(([id, person, found, district = '西城', origin = null, mappable = true], i) => {
    const lon = mappable ? 116.3 + i / 1000 : null;
    const lat = mappable ? 39.9 : null;
    return sql`(${id}, ${person}, ${person ?? 'S'}, CAST(${found} AS TIMESTAMP), ${district}, ${origin}, ${lon}, ${lat}, 'other')`;
  });
  await db.exec(
    sql`INSERT INTO cases (case_id, person_id, person_key, found_at, found_district, origin_code, lon, lat, outcome)
      VALUES ${joinSql(rows)}`.text,
  );
  // rows written around the import get their episode links as the import would give them
  await refreshEpisodeLinks(db);
}

const filters = (f: Partial<GlobalFilters> = {}): GlobalFilters => ({ ...EMPTY_FILTERS, ...f });
const month = (y: number, m: number) => Date.UTC(y, m - 1, 1);

describe('frequent returners (3 episodes within 365 × 24 h)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    await insertEpisodes(db, HISTORY);
  });
  afterAll(() => db.close());

  it('counts P, R, U and V: the window boundary included, one second or one leap day more excluded', async () => {
    // anchors: P3, R3, R4, U5, V3
    expect(await db.query(buildFrequentReturnerSummaryQuery(filters()))).toEqual([{ persons: 4, anchors: 5 }]);
  });

  it('trends by month of the anchor, marking first anchors as new', async () => {
    expect(await db.query(buildFrequentReturnerTrendQuery(filters()))).toEqual([
      { month_start: month(2023, 1), persons: 1, new_persons: 1 }, // P
      { month_start: month(2023, 4), persons: 1, new_persons: 1 }, // R3
      { month_start: month(2023, 5), persons: 1, new_persons: 0 }, // R4, already frequent
      { month_start: month(2023, 12), persons: 1, new_persons: 1 }, // U5
      { month_start: month(2024, 2), persons: 1, new_persons: 1 }, // V3
    ]);
  });

  it('requires the anchor to pass the filters but reads the earlier episodes from all data', async () => {
    // 2023 only: P counts (P1, P2 in 2022 are outside the period), V (anchor 2024) does not.
    expect(
      await db.query(buildFrequentReturnerSummaryQuery(filters({ from: '2023-01-01', to: '2023-12-31' }))),
    ).toEqual([{ persons: 3, anchors: 4 }]);
    // 西城 only: P's anchor P3 is in 东城 although P1 and P2 are in 西城.
    expect(await db.query(buildFrequentReturnerSummaryQuery(filters({ districts: ['西城'] })))).toEqual([
      { persons: 3, anchors: 4 },
    ]);
  });

  it('profiles origins from each person’s latest anchor', async () => {
    // P3 410100 → 410000, V3 411625 → 410000, R4 (not R3) 130102 → 130000, U5 unknown.
    expect(await db.query(buildFrequentReturnerProfileQuery(filters(), 'province'))).toEqual([
      { split_value: '410000', persons: 2 },
      { split_value: '130000', persons: 1 },
      { split_value: 'unknown', persons: 1 },
    ]);
  });

  it('maps the filtered, mappable episodes of frequent returners', async () => {
    const all = await db.query<{ case_id: string; person_episodes: number }>(
      buildFrequentReturnerPlacesQuery(filters()),
    );
    // P 3 + R 4 + U 5 + V 3 = 15 episodes, U1 unmappable → 14 points; U still has 5 episodes.
    expect(all.map((r) => r.case_id)).toEqual([
      'P1',
      'P2',
      'P3',
      'R1',
      'R2',
      'R3',
      'R4',
      'U2',
      'U3',
      'U4',
      'U5',
      'V1',
      'V2',
      'V3',
    ]);
    expect(all.find((r) => r.case_id === 'U2')?.person_episodes).toBe(5);
    // 2023 only: P3, R1–R4, U3–U5; P has one filtered episode.
    const y2023 = await db.query<{ case_id: string; person_episodes: number }>(
      buildFrequentReturnerPlacesQuery(filters({ from: '2023-01-01', to: '2023-12-31' })),
    );
    expect(y2023.map((r) => [r.case_id, r.person_episodes])).toEqual([
      ['P3', 1],
      ['R1', 4],
      ['R2', 4],
      ['R3', 4],
      ['R4', 4],
      ['U3', 3],
      ['U4', 3],
      ['U5', 3],
    ]);
  });
});
