import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOriginFlowsQuery } from '../../src/core/analytics/origin-flows';
import {
  buildHomeProvinceSplitQuery,
  buildOriginRateQuery,
  buildOriginRateTrendQuery,
  buildOriginTableQuery,
  buildOriginTrendQuery,
} from '../../src/core/analytics/origin-regions';
import {
  buildListedEpisodesQuery,
  buildPoorListQuery,
  buildReturnerListQuery,
} from '../../src/core/analytics/origin-sheet';
import { refreshEpisodeLinks } from '../../src/core/analytics/episode-links';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { buildCreateOriginUnitsSql } from '../../src/core/geo/origin-units';
import { CREATE_CASES } from '../../src/core/schema';
import { joinSql, sql } from '../../src/core/sql/sql';
import { openTestDb } from '../helpers/db';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
const DAY = 86_400_000;
const ms = (s: string) => Date.parse(`${s.replace(' ', 'T')}Z`);

interface Episode {
  id: string;
  person: string | null;
  found: string;
  exit: string | null;
  outcome: string | null;
  origin: string | null;
  district?: string | null;
  groups?: string[];
  age?: string;
  poor?: boolean | null;
  identity?: string | null;
  lonlat?: [number, number];
}

/*
 * A hand-built history (CST wall-clock). The data's last found_at is e7, 2024-06-30 12:00.
 * P1 from 昭觉县 513431: e1 (minor, poor) sent home 01-04 08:00, found again e2 02-01 08:00 (28 days), sent home
 *    again (handed to origin) 02-03; e2 poor too.
 * P2 from 西昌市 513401: e3 elderly, not poor, to hospital.
 * P3 from 莱城区 371202 (retired; now 济南市莱芜区 370116): e4 sent home in March, never seen again.
 * e5 has no person_id (a person of its own), origin 凉山州 513400 only, poor, left by himself after 12 h.
 * e6 查无身份, no origin, still in care.  P4 from 朝阳区 110105: e7, in care, no district recorded.
 */
const HISTORY: Episode[] = [
  { id: 'e1', person: 'P1', found: '2023-01-02 08:00:00', exit: '2023-01-04 08:00:00', outcome: 'returned_home', origin: '513431', district: '朝阳区', age: '0-17', poor: true, lonlat: [116.44, 39.92] },
  { id: 'e2', person: 'P1', found: '2023-02-01 08:00:00', exit: '2023-02-03 08:00:00', outcome: 'handed_to_origin', origin: '513431', district: '朝阳区', poor: true },
  { id: 'e3', person: 'P2', found: '2023-01-10 08:00:00', exit: '2023-01-11 08:00:00', outcome: 'medical', origin: '513401', district: '海淀区', groups: ['elderly'], poor: false, lonlat: [116.3, 39.96] },
  { id: 'e4', person: 'P3', found: '2023-03-01 08:00:00', exit: '2023-03-02 08:00:00', outcome: 'returned_home', origin: '371202', district: '东城区' },
  { id: 'e5', person: null, found: '2023-01-05 08:00:00', exit: '2023-01-05 20:00:00', outcome: 'left', origin: '513400', district: '朝阳区', poor: true },
  { id: 'e6', person: 'P5', found: '2023-01-06 08:00:00', exit: null, outcome: 'in_care', origin: null, district: '朝阳区', identity: 'unknown' },
  { id: 'e7', person: 'P4', found: '2024-06-30 12:00:00', exit: null, outcome: 'in_care', origin: '110105', district: null },
]; // prettier-ignore

async function loadHistory(db: DbConnector, episodes: Episode[]): Promise<void> {
  await db.exec(CREATE_CASES);
  const rows = episodes.map(
    (e) => sql`(${e.id}, ${e.person}, ${e.person ?? `case:${e.id}`}, CAST(${e.found} AS TIMESTAMP),
      CAST(${e.exit} AS TIMESTAMP), ${e.lonlat?.[0] ?? null}, ${e.lonlat?.[1] ?? null}, ${e.district ?? null},
      CAST(${e.groups ?? []} AS VARCHAR[]), ${e.age ?? '18-59'}, ${e.origin}, ${e.poor ?? null},
      ${e.identity ?? (e.origin ? 'known' : null)}, ${e.outcome})`,
  );
  await db.exec(
    sql`INSERT INTO cases (case_id, person_id, person_key, found_at, exit_at, lon, lat, found_district, groups,
      age_band, origin_code, poverty_registered, identity_status, outcome) VALUES ${joinSql(rows)}`.text,
  );
  await refreshEpisodeLinks(db);
}

type Row = Record<string, unknown>;
let db: DbConnector;
beforeAll(async () => {
  db = await openTestDb();
  await db.exec(buildCreateOriginUnitsSql(index));
  await loadHistory(db, HISTORY);
});
afterAll(() => db.close());

const regionRow = (rows: Row[], region: string | null) => rows.find((r) => !r.is_total && r.region === region);

describe('the origin table on a hand-built history', () => {
  it('counts persons, special groups as persons, registered poor over recorded persons, outcomes and stays', async () => {
    const rows = await db.query(buildOriginTableQuery(EMPTY_FILTERS, 'prefecture'));
    expect(rows.map((r) => (r.is_total ? 'total' : r.region))).toEqual(['110100', '370100', '513400', null, 'total']);
    expect(regionRow(rows, '513400')).toMatchObject({
      episodes: 4, // e1 e2 e3 e5
      persons: 3, // P1, P2, e5's own key
      minors: 1, // P1 (age band 0-17 on e1), once although two episodes
      elderly: 1, // P2 (group)
      mental: 0,
      poor: 2, // P1 and e5
      poverty_recorded: 3, // P1, P2 (否), e5
      sent_home: 1, // P1 (e1 returned home, e2 handed to origin); e5 left, P2 to hospital
      outcome_returned_home: 1,
      outcome_handed_to_origin: 1,
      outcome_medical: 1,
      outcome_left: 1,
      // stays 2, 2, 1 and 0.5 days: median 1.5
      median_stay_days: 1.5,
      first_found: ms('2023-01-02 08:00:00'),
      last_found: ms('2023-02-01 08:00:00'),
    });
    // the retired 莱芜 code counts for 济南
    expect(regionRow(rows, '370100')).toMatchObject({ episodes: 1, persons: 1, sent_home: 1 });
    // P4 still in care: stay runs to the data's last found_at, its own found_at: 0 days
    expect(regionRow(rows, '110100')).toMatchObject({ episodes: 1, outcome_in_care: 1, median_stay_days: 0 });
    expect(regionRow(rows, null)).toMatchObject({ episodes: 1, persons: 1, unknown_identity: 1 });
    expect(rows.find((r) => r.is_total)).toMatchObject({ episodes: 7, persons: 6 });
  });

  it('at county level, an origin known only to its prefecture is a region of its own', async () => {
    const rows = await db.query(buildOriginTableQuery(EMPTY_FILTERS, 'county'));
    expect(rows.filter((r) => !r.is_total).map((r) => [r.region, r.episodes])).toEqual([
      ['110105', 1],
      ['370116', 1],
      ['513400', 1],
      ['513401', 1],
      ['513431', 2],
      [null, 1],
    ]);
  });

  it('keeps the unknown row when no episode lacks an origin', async () => {
    const rows = await db.query(buildOriginTableQuery({ ...EMPTY_FILTERS, identity: ['known'] }, 'province'));
    expect(regionRow(rows, null)).toMatchObject({ episodes: 0, persons: 0 });
    expect(rows.find((r) => r.is_total)).toMatchObject({ episodes: 6 });
  });

  it('the 365-day rate: monthly cohorts of the repeat-returns code, pooled over complete ones', async () => {
    // 凉山州: January cohort P1 (returned on 02-01), February cohort P1 again (not seen after): 1 of 2.
    // 济南: March cohort P3, not returned. Every cohort of 2023 is complete by 2024-06-30 with 365 days.
    const rows = await db.query(buildOriginRateQuery(EMPTY_FILTERS, 'prefecture'));
    expect(rows).toEqual([
      {
        region: '370100',
        cohort: 1,
        returned: 0,
        sent_home_cohort: 1,
        complete_periods: 1,
        periods: 1,
        not_linkable: 0,
      },
      {
        region: '513400',
        cohort: 2,
        returned: 1,
        sent_home_cohort: 2,
        complete_periods: 2,
        periods: 2,
        not_linkable: 0,
      },
    ]);
    const trend = await db.query(buildOriginRateTrendQuery(EMPTY_FILTERS, 'prefecture', '513400'));
    expect(trend.map((r) => [r.cohort, r.returned, r.complete])).toEqual([
      [1, 1, true],
      [1, 0, true],
    ]);
  });

  it("a region's monthly trend", async () => {
    const rows = await db.query(buildOriginTrendQuery(EMPTY_FILTERS, 'prefecture', '513400'));
    expect(rows).toEqual([
      { month: ms('2023-01-01 00:00:00'), episodes: 3, persons: 3 },
      { month: ms('2023-02-01 00:00:00'), episodes: 1, persons: 1 },
    ]);
    const unknown = await db.query(buildOriginTrendQuery(EMPTY_FILTERS, 'prefecture', null));
    expect(unknown).toEqual([{ month: ms('2023-01-01 00:00:00'), episodes: 1, persons: 1 }]);
  });

  it('flows: the top pairs, the rest summed, the unknown origin per place; they add up', async () => {
    const rows = await db.query(buildOriginFlowsQuery(EMPTY_FILTERS, 'prefecture', 'district', 1));
    expect(rows).toEqual([
      { kind: 'flow', region: '513400', target: '朝阳区', episodes: 3, persons: 2, pairs: 1, target_lon: 116.44, target_lat: 39.92, rank: 1 },
      { kind: 'rest', region: null, target: null, episodes: 3, persons: 3, pairs: 3, target_lon: null, target_lat: null, rank: null },
      { kind: 'unknown', region: null, target: '朝阳区', episodes: 1, persons: 1, pairs: 1, target_lon: 116.44, target_lat: 39.92, rank: null },
    ]); // prettier-ignore
  });

  it('本省籍 / 外省籍 / 无法查明 for a home province', async () => {
    expect(await db.query(buildHomeProvinceSplitQuery(EMPTY_FILTERS, '110000'))).toEqual([
      { side: 'in', episodes: 1, persons: 1 },
      { side: 'out', episodes: 5, persons: 4 },
      { side: 'unknown', episodes: 1, persons: 1 },
    ]);
  });

  it("the sheet's lists: returners with dates, registered poor, their episodes", async () => {
    const returners = await db.query(buildReturnerListQuery(EMPTY_FILTERS, 'prefecture', '513400'));
    expect(returners).toEqual([
      {
        region: '513400',
        token: 'P1',
        exit_case_id: 'e1',
        exit_found_at: ms('2023-01-02 08:00:00'),
        exit_at: ms('2023-01-04 08:00:00'),
        exit_outcome: 'returned_home',
        next_found_at: ms('2023-02-01 08:00:00'),
        next_case_id: 'e2',
        next_place: '朝阳区',
        gap_days: 28,
      },
    ]);
    const poor = await db.query(buildPoorListQuery(EMPTY_FILTERS, 'prefecture', '513400'));
    expect(poor.map((r) => [r.token, r.case_id, r.episodes, r.last_outcome])).toEqual([
      ['P1', 'e2', 2, 'handed_to_origin'],
      [null, 'e5', 1, 'left'],
    ]);
    const episodes = await db.query(buildListedEpisodesQuery(EMPTY_FILTERS, 'prefecture', '513400'));
    expect(episodes.map((r) => r.case_id)).toEqual(['e1', 'e2', 'e5']);
    // null region: every region at once
    expect((await db.query(buildReturnerListQuery(EMPTY_FILTERS, 'prefecture', null))).length).toBe(1);
    expect(ms('2023-02-01 08:00:00') - ms('2023-01-04 08:00:00')).toBe(28 * DAY);
  });
});

describe('on the sample exports (test/fixtures/samples), totals agree', () => {
  let sdb: DbConnector;
  beforeAll(async () => {
    const { importFiles } = await import('../../src/core/import/import-pipeline');
    const { createOriginResolver } = await import('../../src/core/geo/origin-resolver');
    sdb = await openTestDb();
    const sample = (n: string) => new File([readFileSync(`test/fixtures/samples/${n}`)], n);
    await importFiles(sdb, [sample('cases_2023_gbk.csv'), sample('cases_2024.xlsx')], {
      resolveOrigin: createOriginResolver(index),
      crsByFile: { 'cases_2023_gbk.csv': 'GCJ02' },
    });
    await sdb.exec(buildCreateOriginUnitsSql(index));
  }, 120_000);
  afterAll(() => sdb.close());

  const FILTERS: [string, GlobalFilters][] = [
    ['no filter', EMPTY_FILTERS],
    ['2023-07 … 2024-03', { ...EMPTY_FILTERS, from: '2023-07-01', to: '2024-03-31' }],
    ['minors', { ...EMPTY_FILTERS, groups: ['minor'] }],
    ['identity unknown', { ...EMPTY_FILTERS, identity: ['unknown'] }],
  ];

  it.each(FILTERS)('flows = table = Overview episodes at every level, with the unknown row (%s)', async (_, f) => {
    const { buildKpiQuery } = await import('../../src/views/overview/queries');
    const [kpi] = await sdb.query<{ episodes: number; persons: number }>(buildKpiQuery(f));
    expect(kpi!.episodes).toBeGreaterThan(0);
    for (const level of ['province', 'prefecture', 'county'] as const) {
      const table = await sdb.query<{ is_total: boolean; region: string | null; episodes: number; persons: number }>(
        buildOriginTableQuery(f, level),
      );
      const regions = table.filter((r) => !r.is_total);
      expect(regions.filter((r) => r.region === null)).toHaveLength(1);
      expect(regions.reduce((s, r) => s + r.episodes, 0)).toBe(kpi!.episodes);
      expect(table.find((r) => r.is_total)).toMatchObject({ episodes: kpi!.episodes, persons: kpi!.persons });
      for (const target of ['district', 'station'] as const) {
        const flows = await sdb.query<{ episodes: number }>(buildOriginFlowsQuery(f, level, target, 10));
        expect(flows.reduce((s, r) => s + r.episodes, 0)).toBe(kpi!.episodes);
      }
    }
    const split = await sdb.query<{ episodes: number }>(buildHomeProvinceSplitQuery(f, '110000'));
    expect(split.reduce((s, r) => s + r.episodes, 0)).toBe(kpi!.episodes);
  });

  it("the province rate equals the repeat-returns view's own province split (current codes)", async () => {
    const { buildCohortRateQuery } = await import('../../src/core/analytics/repeat-returns');
    const viewRows = await sdb.query<{ split_value: string; cohort: number; returned: number; complete: boolean }>(
      buildCohortRateQuery({ filters: EMPTY_FILTERS, granularity: 'month', split: 'province' }, [365]),
    );
    const pooled = new Map<string, [number, number]>();
    for (const r of viewRows.filter((x) => x.complete)) {
      const p = pooled.get(r.split_value) ?? [0, 0];
      pooled.set(r.split_value, [p[0] + r.cohort, p[1] + r.returned]);
    }
    const ours = await sdb.query<{ region: string; cohort: number; returned: number }>(
      buildOriginRateQuery(EMPTY_FILTERS, 'province'),
    );
    expect(ours.length).toBeGreaterThan(10);
    for (const r of ours)
      expect([r.region, r.cohort, r.returned]).toEqual([r.region, ...(pooled.get(r.region) ?? [0, 0])]);
    expect(ours.some((r) => r.returned > 0)).toBe(true);
  });

  it('凉山州 in the samples: its counties add up to it, and its returners are its cohort members found again', async () => {
    const pref = await sdb.query(buildOriginTableQuery(EMPTY_FILTERS, 'prefecture'));
    const county = await sdb.query(buildOriginTableQuery(EMPTY_FILTERS, 'county'));
    const liangshan = regionRow(pref, '513400')!;
    const counties = county.filter((r) => !r.is_total && typeof r.region === 'string' && r.region.startsWith('5134'));
    expect(counties.reduce((s, r) => s + (r.episodes as number), 0)).toBe(liangshan.episodes);
    expect(liangshan.episodes).toBeGreaterThan(100);
    const returners = await sdb.query<{ token: string; gap_days: number }>(
      buildReturnerListQuery(EMPTY_FILTERS, 'prefecture', '513400'),
    );
    expect(returners.length).toBeGreaterThan(0);
    expect(returners.every((r) => r.token && r.gap_days >= 0 && r.gap_days <= 365)).toBe(true);
  });
});

describe('a drill-down scope', () => {
  it('flows within 凉山州 at county level add up to its episodes and carry no unknown row', async () => {
    const db2 = await openTestDb();
    try {
      await db2.exec(buildCreateOriginUnitsSql(index));
      await loadHistory(db2, HISTORY);
      const rows = await db2.query<{ kind: string; region: string; episodes: number }>(
        buildOriginFlowsQuery(EMPTY_FILTERS, 'county', 'district', 10, { level: 'prefecture', code: '513400' }),
      );
      expect(rows.map((r) => [r.kind, r.region, r.episodes])).toEqual([
        ['flow', '513431', 2],
        ['flow', '513400', 1],
        ['flow', '513401', 1],
        ['rest', null, 0],
      ]);
    } finally {
      await db2.close();
    }
  });
});
