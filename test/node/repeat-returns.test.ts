import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import {
  buildCohortRateQuery,
  buildReturnHistogramQuery,
  buildTimeToReturnQuery,
  RETURN_SPLITS,
  type RepeatReturnOptions,
} from '../../src/core/analytics/repeat-returns';
import { buildRepeatReturnQueries, DEFAULT_REPEAT_RETURN_PARAMS } from '../../src/views/repeat-returns/queries';
import { CREATE_CASES } from '../../src/core/schema';
import { joinSql, sql } from '../../src/core/sql/sql';
import { refreshEpisodeLinks } from '../../src/core/analytics/episode-links';
import { openTestDb } from '../helpers/db';

interface Episode {
  id: string;
  person: string | null;
  /** person_key of an unlinkable row; defaults to the person id */
  key?: string;
  found: string;
  exit: string | null;
  outcome: string;
  district?: string;
  origin?: string | null;
  groups?: string[];
}

/*
 * A hand-built history. Times are CST wall-clock. The data's last found_at is Z1, 2023-06-30 12:00.
 *
 * A  sent home twice in January (A1, A2: counted once, at A1) and once in March (A3).
 *    A1 ref 01-05 10:00 → next found A2 01-20 08:00 = 14 d 22 h: returned within 30 (day 15).
 *    A3 ref 03-12 09:00 → no later episode.
 * B  found 01-30, exit 02-02 10:00 → February cohort (by exit date). B2 found 03-04 10:00 is exactly
 *    30 × 24 h later (Feb has 28 days): the window's last moment, included.
 * C  no exit date: ref = found_at 02-10 08:00. C2 found 03-12 08:00:01 = 30 d + 1 s: not within 30,
 *    within 90 (day 31).
 * D1, D2  unlinkable exits in January (not in the cohort; 2 'not linkable').
 * Ex unlinkable row whose per-episode key happens to equal E's id, found after E1: never a return.
 * E  sent home in January (ref 01-09 12:00) and April (ref 04-03 08:00): in both cohorts.
 *    January: next linkable episode E2 04-01 08:00 = 81 d 20 h: not within 30, within 90 (day 82).
 * F  January exit (ref 01-26 08:00) in 东城, never seen again: censored at floor(155 d 4 h) = 155.
 * G  May exit (ref 05-25 10:00), found again 06-20 10:00 (26 d): returned within 30.
 * H  June exit: follow-up incomplete for every window.
 */
const HISTORY: Episode[] = [
  {
    id: 'A1',
    person: 'A',
    found: '2023-01-03 09:00:00',
    exit: '2023-01-05 10:00:00',
    outcome: 'returned_home',
    origin: '410122',
  },
  {
    id: 'A2',
    person: 'A',
    found: '2023-01-20 08:00:00',
    exit: '2023-01-22 09:00:00',
    outcome: 'returned_home',
    district: '东城',
    origin: '130102',
  },
  {
    id: 'A3',
    person: 'A',
    found: '2023-03-10 08:00:00',
    exit: '2023-03-12 09:00:00',
    outcome: 'returned_home',
    origin: '410122',
  },
  { id: 'B1', person: 'B', found: '2023-01-30 20:00:00', exit: '2023-02-02 10:00:00', outcome: 'family_pickup' },
  { id: 'B2', person: 'B', found: '2023-03-04 10:00:00', exit: '2023-03-06 10:00:00', outcome: 'medical' },
  { id: 'C1', person: 'C', found: '2023-02-10 08:00:00', exit: null, outcome: 'handed_to_origin' },
  { id: 'C2', person: 'C', found: '2023-03-12 08:00:01', exit: '2023-03-13 08:00:00', outcome: 'left' },
  {
    id: 'D1',
    person: null,
    key: 'row-D1',
    found: '2023-01-10 08:00:00',
    exit: '2023-01-12 08:00:00',
    outcome: 'returned_home',
    origin: '411625',
  },
  {
    id: 'D2',
    person: null,
    key: 'row-D2',
    found: '2023-01-15 08:00:00',
    exit: '2023-01-16 08:00:00',
    outcome: 'returned_home',
  },
  {
    id: 'E1',
    person: 'E',
    found: '2023-01-08 08:00:00',
    exit: '2023-01-09 12:00:00',
    outcome: 'returned_home',
    origin: '130102',
  },
  { id: 'Ex', person: null, key: 'E', found: '2023-01-20 08:00:00', exit: '2023-01-21 08:00:00', outcome: 'other' },
  { id: 'E2', person: 'E', found: '2023-04-01 08:00:00', exit: '2023-04-03 08:00:00', outcome: 'returned_home' },
  {
    id: 'F1',
    person: 'F',
    found: '2023-01-25 08:00:00',
    exit: '2023-01-26 08:00:00',
    outcome: 'returned_home',
    district: '东城',
    groups: ['minor', 'mental'],
  },
  { id: 'G1', person: 'G', found: '2023-05-20 08:00:00', exit: '2023-05-25 10:00:00', outcome: 'returned_home' },
  { id: 'G2', person: 'G', found: '2023-06-20 10:00:00', exit: null, outcome: 'in_care' },
  { id: 'H1', person: 'H', found: '2023-06-01 00:00:00', exit: '2023-06-02 00:00:00', outcome: 'returned_home' },
  { id: 'Z1', person: 'Z', found: '2023-06-30 12:00:00', exit: null, outcome: 'in_care' },
];

async function insertEpisodes(db: DbConnector, episodes: Episode[]): Promise<void> {
  const rows = episodes.map(
    (e) => sql`(${e.id}, ${e.person}, ${e.key ?? e.person}, CAST(${e.found} AS TIMESTAMP), CAST(${e.exit} AS TIMESTAMP),
      ${e.district ?? '西城'}, CAST(${e.groups ?? []} AS VARCHAR[]), ${e.origin ?? null}, ${e.outcome})`,
  );
  await db.exec(
    sql`INSERT INTO cases (case_id, person_id, person_key, found_at, exit_at, found_district, groups, origin_code, outcome)
      VALUES ${joinSql(rows)}`.text,
  );
  // rows written around the import get their episode links as the import would give them
  await refreshEpisodeLinks(db);
}

const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));

function options(o: Partial<RepeatReturnOptions> = {}, filters: Partial<GlobalFilters> = {}): RepeatReturnOptions {
  return { filters: { ...EMPTY_FILTERS, ...filters }, granularity: 'month', split: 'none', ...o };
}

interface CohortRow {
  period: string;
  split_value: string;
  window_days: number;
  cohort: number;
  returned: number;
  not_linkable: number;
  follow_up_end: number;
  complete: boolean;
}

describe('repeat-return cohorts on a hand-built history', () => {
  let db: DbConnector;
  const cohorts = async (o: RepeatReturnOptions, windows?: number[]) =>
    (await db.query<CohortRow & Record<string, unknown>>(buildCohortRateQuery(o, windows))).map((r) => ({
      period: r.period,
      split: r.split_value,
      w: r.window_days,
      cohort: r.cohort,
      returned: r.returned,
      notLinkable: r.not_linkable,
      end: r.follow_up_end,
      complete: r.complete,
    }));

  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    await insertEpisodes(db, HISTORY);
  });
  afterAll(() => db.close());

  it('counts monthly cohorts within 30 and 90 days, flagging follow-up that has not ended', async () => {
    const rows = await cohorts(options(), [30, 90]);
    // follow-up end = last day of the month + W days; complete iff ≤ 2023-06-30 (date of Z1).
    const r = (
      period: string,
      w: number,
      cohort: number,
      returned: number,
      notLinkable: number,
      end: string,
      complete: boolean,
    ) => ({ period, split: 'all', w, cohort, returned, notLinkable, end: day(end), complete });
    expect(rows).toEqual([
      // Jan: A (once, at A1), E, F; returned A; D1 and D2 not linkable. W90 also E (day 82).
      r('2023-01', 30, 3, 1, 2, '2023-03-02', true),
      r('2023-01', 90, 3, 2, 2, '2023-05-01', true),
      // Feb: B (exit 02-02, found in January), C (no exit date). W30: B only (C is 1 s late).
      r('2023-02', 30, 2, 1, 0, '2023-03-30', true),
      r('2023-02', 90, 2, 2, 0, '2023-05-29', true),
      // Mar: A3, never seen again: a genuine 0 of 1 (complete), not a missing value.
      r('2023-03', 30, 1, 0, 0, '2023-04-30', true),
      r('2023-03', 90, 1, 0, 0, '2023-06-29', true),
      // Apr: E2. W90 ends 07-29, after the data.
      r('2023-04', 30, 1, 0, 0, '2023-05-30', true),
      r('2023-04', 90, 1, 0, 0, '2023-07-29', false),
      // May: G returned after 26 days; W30 ends on the data's last day itself: complete.
      r('2023-05', 30, 1, 1, 0, '2023-06-30', true),
      r('2023-05', 90, 1, 1, 0, '2023-08-29', false),
      // Jun: H.
      r('2023-06', 30, 1, 0, 0, '2023-07-30', false),
      r('2023-06', 90, 1, 0, 0, '2023-09-28', false),
    ]);
  });

  it('finds the same first exits by the stored previous exit (no filter) as by ranking the filtered exits', async () => {
    // a period filter wider than the data selects every exit, but takes the ranking path
    const everything = { from: '2000-01-01', to: '2099-12-31' };
    for (const granularity of ['month', 'quarter'] as const) {
      expect(await cohorts(options({ granularity }, everything))).toEqual(await cohorts(options({ granularity })));
    }
  });

  it('counts a person once per quarter at the first exit, and again in the next quarter', async () => {
    const rows = await cohorts(options({ granularity: 'quarter' }), [30, 90]);
    expect(rows.map((x) => [x.period, x.w, x.cohort, x.returned, x.notLinkable, x.complete])).toEqual([
      // Q1: A (at A1; A3 is no new membership), B, C, E, F. W30: A, B. W90: A, B, C, E. Ends 04-30 / 06-29.
      ['2023-Q1', 30, 5, 2, 2, true],
      ['2023-Q1', 90, 5, 4, 2, true],
      // Q2: E (E2), G, H; W30: G. Ends 07-30 / 09-28.
      ['2023-Q2', 30, 3, 1, 0, false],
      ['2023-Q2', 90, 3, 1, 0, false],
    ]);
  });

  it('filters the cohort but looks for returns among all episodes', async () => {
    // 西城 only: January exits A1, E1 (A2 and F1 are in 东城), D1, D2. A's return A2 (东城) still counts.
    const xicheng = await cohorts(options({}, { districts: ['西城'] }), [30, 90]);
    expect(
      xicheng.filter((x) => x.period === '2023-01').map((x) => [x.w, x.cohort, x.returned, x.notLinkable]),
    ).toEqual([
      [30, 2, 1, 2],
      [90, 2, 2, 2],
    ]);
    // 东城 only: January exits A2 (ref 01-22 09:00, next A3 03-10 08:00 = 46 d 23 h) and F1. The data's
    // end is still Z1 (西城), so January W30 is complete although 东城's last episode is in January.
    const dongcheng = await cohorts(options({}, { districts: ['东城'] }), [30, 90]);
    expect(dongcheng.map((x) => [x.period, x.w, x.cohort, x.returned, x.notLinkable, x.complete])).toEqual([
      ['2023-01', 30, 2, 0, 0, true],
      ['2023-01', 90, 2, 1, 0, true],
    ]);
  });

  it('splits by origin province with the attributes of the exit that made the person a member', async () => {
    const rows = await cohorts(options({ split: 'province', periodFrom: '2023-01-15', periodTo: '2023-01-31' }), [30]);
    // A counts under 410000 (A1: 410122), not 130000 (A2: 130102); D1 411625 and D2 unknown are not linkable.
    expect(rows.map((x) => [x.period, x.split, x.cohort, x.returned, x.notLinkable])).toEqual([
      ['2023-01', '130000', 1, 0, 0],
      ['2023-01', '410000', 1, 1, 1],
      ['2023-01', 'unknown', 1, 0, 1],
    ]);
  });

  it('splits by group, a person with two groups counting under each', async () => {
    const rows = await cohorts(options({ split: 'group', periodTo: '2023-01-01' }), [30]);
    expect(rows.map((x) => [x.split, x.cohort, x.returned, x.notLinkable])).toEqual([
      ['mental', 1, 0, 0],
      ['minor', 1, 0, 0],
      ['none', 2, 1, 2],
    ]);
  });

  it('gives time-to-return pairs in whole days, censoring at the data end', async () => {
    const janFeb = options({ periodFrom: '2023-01-01', periodTo: '2023-02-28' });
    const rows = await db.query(buildTimeToReturnQuery(janFeb));
    // A 14 d 22 h → 15; B exactly 30 d → 30; C 30 d + 1 s → 31; E 81 d 20 h → 82;
    // F censored: 2023-06-30 12:00 − 01-26 08:00 = (181 − 26) d + 4 h → 155.
    expect(rows).toEqual([
      { split_value: 'all', days: 15, events: 1, censored: 0 },
      { split_value: 'all', days: 30, events: 1, censored: 0 },
      { split_value: 'all', days: 31, events: 1, censored: 0 },
      { split_value: 'all', days: 82, events: 1, censored: 0 },
      { split_value: 'all', days: 155, events: 0, censored: 1 },
    ]);
    // With a 30-day horizon C, E and F are censored at 30.
    expect(await db.query(buildTimeToReturnQuery(janFeb, 30))).toEqual([
      { split_value: 'all', days: 15, events: 1, censored: 0 },
      { split_value: 'all', days: 30, events: 1, censored: 3 },
    ]);
    // June: H, ref 06-02 00:00, observed 28 d 12 h → censored at 28.
    expect(await db.query(buildTimeToReturnQuery(options({ periodFrom: '2023-06-01' })))).toEqual([
      { split_value: 'all', days: 28, events: 0, censored: 1 },
    ]);
  });

  it('bins days to return as (0, 30], (30, 60], (60, 90]', async () => {
    const rows = await db.query(buildReturnHistogramQuery(options({ periodTo: '2023-02-01' }), 30, 90));
    expect(rows).toEqual([
      { split_value: 'all', bin_start: 0, bin_end: 30, persons: 2 },
      { split_value: 'all', bin_start: 30, bin_end: 60, persons: 1 },
      { split_value: 'all', bin_start: 60, bin_end: 90, persons: 1 },
    ]);
  });

  it('runs every query of the view for every split, and single-valued splits add up to the total', async () => {
    const filters = {
      ...EMPTY_FILTERS,
      from: '2023-01-01',
      to: '2023-12-31',
      sexes: ['m', 'f', 'u'],
      identity: ['unknown'],
    };
    for (const split of RETURN_SPLITS) {
      const queries = buildRepeatReturnQueries(EMPTY_FILTERS, {
        ...DEFAULT_REPEAT_RETURN_PARAMS,
        split,
        granularity: 'quarter',
      });
      for (const q of Object.values(queries)) await db.query(q);
      for (const q of Object.values(buildRepeatReturnQueries(filters, { ...DEFAULT_REPEAT_RETURN_PARAMS, split }))) {
        await db.query(q);
      }
      if (split === 'group') continue;
      const rows = await db.query<CohortRow & Record<string, unknown>>(queries.cohorts);
      const sum = (w: number, k: 'cohort' | 'returned' | 'not_linkable') =>
        rows.filter((r) => r.window_days === w).reduce((n, r) => n + r[k], 0);
      // Q1 + Q2 over all splits: cohort 5 + 3, returned within 365: Q1 A, B, C, E; Q2 G; not linkable 2.
      expect([sum(365, 'cohort'), sum(365, 'returned'), sum(365, 'not_linkable')]).toEqual([8, 5, 2]);
    }
  });

  it('refuses to build a cohort table without a valid window', () => {
    expect(() => buildCohortRateQuery(options(), [0, 1.5])).toThrow();
  });
});

/*
 * Entry errors. K: K2 was opened while K1 was still open, so the episode after K1 in found order (K2,
 * 01-10) lies before K1's exit (01-20 08:00); the return is K3, 02-01 08:00, exactly 12 days later.
 * L: exit_at before found_at; the reference falls back to found_at (01-05 10:00) and L1 is not its own
 * return. Data end: Z1 2023-06-30 12:00, so L is censored at (181 − 5) d + 2 h → 176.
 */
const ENTRY_ERRORS: Episode[] = [
  { id: 'K1', person: 'K', found: '2023-01-02 08:00:00', exit: '2023-01-20 08:00:00', outcome: 'returned_home' },
  { id: 'K2', person: 'K', found: '2023-01-10 08:00:00', exit: '2023-01-11 08:00:00', outcome: 'other' },
  { id: 'K3', person: 'K', found: '2023-02-01 08:00:00', exit: null, outcome: 'in_care' },
  { id: 'L1', person: 'L', found: '2023-01-05 10:00:00', exit: '2023-01-04 10:00:00', outcome: 'returned_home' },
  { id: 'Z1', person: 'Z', found: '2023-06-30 12:00:00', exit: null, outcome: 'in_care' },
];

describe('repeat returns with overlapping episodes and an exit before intake', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    await insertEpisodes(db, ENTRY_ERRORS);
  });
  afterAll(() => db.close());

  it('finds the first episode after the exit, not the next one in found order', async () => {
    const rows = await db.query<CohortRow & Record<string, unknown>>(buildCohortRateQuery(options(), [30]));
    expect(rows.map((r) => [r.period, r.cohort, r.returned])).toEqual([['2023-01', 2, 1]]);
    expect(await db.query(buildTimeToReturnQuery(options()))).toEqual([
      { split_value: 'all', days: 12, events: 1, censored: 0 },
      { split_value: 'all', days: 176, events: 0, censored: 1 },
    ]);
  });
});
