import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildMonthlyReportQuery,
  columnOf,
  LEAVE_WAYS,
  RANGE_TOTAL,
  REPORT_AGE_BANDS,
  REPORT_GROUPS,
  REPORT_ORIGIN_SIDES,
  REPORT_SEXES,
  type MonthlyReportRow,
} from '../../src/core/analytics/monthly-report';
import { listMonths } from '../../src/core/calendar/report-periods';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { buildCreateOriginUnitsSql } from '../../src/core/geo/origin-units';
import { importFiles } from '../../src/core/import/import-pipeline';
import { CREATE_CASES } from '../../src/core/schema';
import { joinSql, sql } from '../../src/core/sql/sql';
import { buildKpiQuery } from '../../src/views/overview/queries';
import { buildHomeProvinceSplitQuery } from '../../src/core/analytics/origin-regions';
import { openTestDb } from '../helpers/db';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
const HOME = '110000';

interface Episode {
  id: string;
  person: string | null;
  found: string;
  exit: string | null;
  outcome: string | null;
  detail?: string | null;
  origin?: string | null;
  sex?: string;
  age?: string;
  groups?: string[];
}

/*
 * January–March 2024 by hand (CST wall-clock; 2024 is a leap year). Home province 北京 110000; 410100 郑州 and
 * 130100 石家庄 are other provinces. The data's last found_at is a14, 2024-04-02 08:00.
 */
const HISTORY: Episode[] = [
  // in the station over new year, escorted home to 郑州 on 01-05 09:00 (15 d 23 h)
  { id: 'a1', person: 'P1', found: '2023-12-20 10:00', exit: '2024-01-05 09:00', outcome: 'returned_home', detail: 'escorted_home', origin: '410100', sex: 'm' },
  // still in care: in the station at the end of every month
  { id: 'a2', person: 'P2', found: '2023-12-31 23:00', exit: null, outcome: 'in_care', origin: '110105', sex: 'f', age: '60+' },
  { id: 'a3', person: 'P3', found: '2024-01-03 08:00', exit: '2024-01-10 08:00', outcome: 'returned_home', detail: 'ticket_home', origin: '130100', sex: 'm', groups: ['mental'] },
  // leaves at 2024-02-01 00:00: still in the station at 24:00 of 31 January, leaves in February
  { id: 'a4', person: null, found: '2024-01-31 20:00', exit: '2024-02-01 00:00', outcome: 'family_pickup', origin: null, sex: 'u', age: 'unknown', groups: ['minor'] },
  { id: 'a12', person: 'P12', found: '2024-01-15 08:00', exit: '2024-01-16 08:00', outcome: 'died', origin: '410100', sex: 'm', age: '60+', groups: ['elderly'] },
  // found on the leap day, in the station at the end of February, handed over on 1 March
  { id: 'a5', person: 'P5', found: '2024-02-29 23:30', exit: '2024-03-01 10:00', outcome: 'handed_to_origin', origin: '110108', sex: 'f', age: '0-17' },
  // to hospital without an exit time: left when found, no stay
  { id: 'a6', person: 'P6', found: '2024-02-10 08:00', exit: null, outcome: 'medical', origin: '410100', sex: 'm', age: '60+', groups: ['critical', 'elderly'] },
  // an exit without a recorded outcome, and an exit recorded on an episode still marked 在站: both "other"
  { id: 'a7', person: 'P7', found: '2024-02-15 08:00', exit: '2024-02-20 08:00', outcome: null, origin: null, sex: 'm', groups: ['disabled'] },
  { id: 'a15', person: 'P15', found: '2024-02-05 08:00', exit: '2024-02-06 08:00', outcome: 'in_care', origin: '110101', sex: 'f' },
  { id: 'a8', person: 'P8', found: '2024-03-05 08:00', exit: '2024-03-06 08:00', outcome: 'left', origin: '110105', sex: 'm' },
  // returned home, way not recorded (data saved before outcome_detail)
  { id: 'a9', person: 'P9', found: '2024-03-10 08:00', exit: '2024-03-12 08:00', outcome: 'returned_home', detail: null, origin: '410100', sex: 'f' },
  // escorted home within the province: not across provinces
  { id: 'a10', person: 'P1', found: '2024-03-20 08:00', exit: '2024-03-20 09:00', outcome: 'returned_home', detail: 'escorted_home', origin: '110105', sex: 'm' },
  // neither exit nor outcome: still in the station
  { id: 'a11', person: 'P3', found: '2024-03-25 08:00', exit: null, outcome: null, origin: '130100', sex: 'm' },
  // found at 00:00 on 1 March: a March admission, not in the station at the end of February
  { id: 'a16', person: 'P16', found: '2024-03-01 00:00', exit: '2024-03-03 00:00', outcome: 'placed', origin: null, sex: 'f', groups: ['elderly'] },
  { id: 'a13', person: 'P13', found: '2023-11-01 08:00', exit: '2023-11-05 08:00', outcome: 'placed', origin: '110105', sex: 'm' },
  { id: 'a14', person: 'P14', found: '2024-04-02 08:00', exit: null, outcome: 'in_care', origin: '110105', sex: 'm' },
]; // prettier-ignore

async function loadHistory(db: DbConnector): Promise<void> {
  await db.exec(CREATE_CASES);
  const rows = HISTORY.map(
    (e) => sql`(${e.id}, ${e.person}, ${e.person ?? `case:${e.id}`}, CAST(${e.found} AS TIMESTAMP),
      CAST(${e.exit} AS TIMESTAMP), CAST(${e.groups ?? []} AS VARCHAR[]), ${e.sex ?? 'm'}, ${e.age ?? '18-59'},
      ${e.origin ?? null}, ${e.outcome}, ${e.detail ?? null})`,
  );
  await db.exec(
    sql`INSERT INTO cases (case_id, person_id, person_key, found_at, exit_at, groups, sex, age_band, origin_code,
      outcome, outcome_detail) VALUES ${joinSql(rows)}`.text,
  );
}

const H = 1 / 24;
let db: DbConnector;
let rows: MonthlyReportRow[];
const row = (period: string) => rows.find((r) => r.period === period)!;

beforeAll(async () => {
  db = await openTestDb();
  await db.exec(buildCreateOriginUnitsSql(index));
  await loadHistory(db);
  rows = await db.query<MonthlyReportRow>(
    buildMonthlyReportQuery(EMPTY_FILTERS, ['2024-01', '2024-02', '2024-03'], HOME),
  );
});
afterAll(() => db.close());

describe('the monthly report on a hand-built quarter', () => {
  it('has a row per month and one for the range', () => {
    expect(rows.map((r) => r.period)).toEqual(['2024-01', '2024-02', '2024-03', RANGE_TOTAL]);
  });

  it('January: carried over from December, one stay crossing the month end at 24:00', () => {
    expect(row('2024-01')).toMatchObject({
      carried_over: 2, // a1, a2
      admitted: 3, // a3, a4, a12
      persons: 3,
      sex_m: 2, sex_f: 0, sex_u: 1,
      age_0_17: 0, age_18_59: 1, age_60: 1, age_unknown: 1,
      group_critical: 0, group_mental: 1, group_disabled: 0, group_minor: 1, group_elderly: 1, group_none: 0,
      origin_in: 0, origin_out: 2, origin_unknown: 1,
      left_total: 3, // a1, a3, a12; a4 leaves at 02-01 00:00
      way_escorted: 1, way_escorted_across: 1, way_ticket: 1, way_died: 1, way_family: 0,
      in_station_end: 2, // a2, a4
      stays_counted: 3,
    }); // prettier-ignore
    // stays 15 d 23 h, 7 d, 1 d
    expect(row('2024-01').mean_stay_days).toBeCloseTo((15 + 23 * H + 7 + 1) / 3, 9);
    // days in January: a1 4 d 9 h, a2 31 d, a3 7 d, a4 4 h, a12 1 d
    expect(row('2024-01').person_days).toBeCloseTo(4 + 9 * H + 31 + 7 + 4 * H + 1, 9);
  });

  it('February (29 days): leaves at midnight, a hospital transfer without exit time, exits without a way', () => {
    expect(row('2024-02')).toMatchObject({
      carried_over: 2, // a2, a4
      admitted: 4, // a5, a6, a7, a15
      persons: 4,
      sex_m: 2, sex_f: 2, sex_u: 0,
      age_0_17: 1, age_18_59: 2, age_60: 1, age_unknown: 0,
      // a6 is critical and elderly: counted once, as critical; a5 is a minor by age band
      group_critical: 1, group_mental: 0, group_disabled: 1, group_minor: 1, group_elderly: 0, group_none: 1,
      origin_in: 2, origin_out: 1, origin_unknown: 1,
      left_total: 4, // a4, a6, a7, a15
      way_family: 1, way_medical: 1, way_other: 2,
      in_station_end: 2, // a2, a5 (found 02-29 23:30)
      stays_counted: 3, // a6 has no exit time
    }); // prettier-ignore
    expect(row('2024-02').mean_stay_days).toBeCloseTo((4 * H + 5 + 1) / 3, 9);
    // a2 29 d, a5 30 min, a7 5 d, a15 1 d; a4 and a6 none
    expect(row('2024-02').person_days).toBeCloseTo(29 + 0.5 * H + 5 + 1, 9);
  });

  it('March: an admission at 00:00 on the 1st, a return home without its way, an open episode without outcome', () => {
    expect(row('2024-03')).toMatchObject({
      carried_over: 2, // a2, a5
      admitted: 5, // a8, a9, a10, a11, a16
      persons: 5,
      sex_m: 3, sex_f: 2,
      age_18_59: 5,
      group_elderly: 1, group_none: 4,
      origin_in: 2, origin_out: 2, origin_unknown: 1,
      left_total: 5,
      way_handed: 1, way_left: 1, way_home_other: 1, way_escorted: 1, way_escorted_across: 0, way_placed: 1,
      in_station_end: 2, // a2, a11
      stays_counted: 5,
    }); // prettier-ignore
    expect(row('2024-03').mean_stay_days).toBeCloseTo((10.5 * H + 1 + 2 + H + 2) / 5, 9);
    // a11 runs to the end of March (the data go on to 04-02)
    expect(row('2024-03').person_days).toBeCloseTo(31 + 10 * H + 1 + 2 + H + (6 + 16 * H) + 2, 9);
  });

  it('the range as one period: persons once, stock at its ends, flows summed', () => {
    expect(row(RANGE_TOTAL)).toMatchObject({
      carried_over: 2,
      admitted: 12,
      persons: 11, // P1 and P3 come twice
      left_total: 12,
      way_escorted: 2,
      way_escorted_across: 1,
      in_station_end: 2,
      stays_counted: 11,
    });
    const months = rows.filter((r) => r.period !== RANGE_TOTAL);
    expect(row(RANGE_TOTAL).person_days).toBeCloseTo(
      months.reduce((s, r) => s + r.person_days, 0),
      9,
    );
  });

  it('reconciles every row group, and the stock: carried over + admitted = left + in station at the end', () => {
    for (const r of rows) expectReconciled(r);
    expect(row('2024-02').carried_over).toBe(row('2024-01').in_station_end);
    expect(row('2024-03').carried_over).toBe(row('2024-02').in_station_end);
  });

  it('honours the other filters and ignores the period filter (the months are the period)', async () => {
    const women = await db.query<MonthlyReportRow>(
      buildMonthlyReportQuery(
        { ...EMPTY_FILTERS, from: '2030-01-01', to: '2030-01-31', sexes: ['f'] },
        ['2024-02'],
        HOME,
      ),
    );
    expect(women[0]).toMatchObject({
      period: '2024-02',
      carried_over: 1,
      admitted: 2,
      left_total: 1,
      in_station_end: 2,
    });
  });

  it('reports a month with nobody admitted, and one past the data, as zeros with the stock carried', async () => {
    const later = await db.query<MonthlyReportRow>(
      buildMonthlyReportQuery(EMPTY_FILTERS, ['2024-04', '2024-05'], HOME),
    );
    expect(later.map((r) => [r.period, r.carried_over, r.admitted, r.left_total, r.in_station_end])).toEqual([
      ['2024-04', 2, 1, 0, 3],
      ['2024-05', 3, 0, 0, 3],
      [RANGE_TOTAL, 2, 1, 0, 3],
    ]);
    expect(later[1]!.mean_stay_days).toBeNull();
  });
});

function expectReconciled(r: MonthlyReportRow): void {
  const sum = (cols: string[]) => cols.reduce((s, c) => s + Number(r[c]), 0);
  expect(sum(REPORT_SEXES.map(columnOf.sex))).toBe(r.admitted);
  expect(sum(REPORT_AGE_BANDS.map(columnOf.age))).toBe(r.admitted);
  expect(sum(REPORT_GROUPS.map(columnOf.group))).toBe(r.admitted);
  expect(sum(REPORT_ORIGIN_SIDES.map(columnOf.origin))).toBe(r.admitted);
  expect(sum(LEAVE_WAYS.map(columnOf.way))).toBe(r.left_total);
  expect(r.way_escorted_across).toBeLessThanOrEqual(Number(r.way_escorted));
  expect(r.carried_over + r.admitted).toBe(r.left_total + r.in_station_end);
}

describe('the monthly report on the sample exports', () => {
  let samples: DbConnector;
  beforeAll(async () => {
    samples = await openTestDb();
    const dir = path.resolve(import.meta.dirname, '../fixtures/samples');
    const files = ['cases_2023_gbk.csv', 'cases_2024.xlsx'].map((n) => new File([readFileSync(path.join(dir, n))], n));
    await importFiles(samples, files, { resolveOrigin: createOriginResolver(index) });
    await samples.exec(buildCreateOriginUnitsSql(index));
  }, 240_000);
  afterAll(() => samples.close());

  it('reconciles in every month of the data, and admits what the Overview counts', async () => {
    const months = listMonths('2023-01', '2024-08');
    const report = await samples.query<MonthlyReportRow>(buildMonthlyReportQuery(EMPTY_FILTERS, months, HOME));
    expect(report).toHaveLength(months.length + 1);
    for (const r of report) expectReconciled(r);
    for (let i = 1; i < months.length; i++) expect(report[i]!.carried_over).toBe(report[i - 1]!.in_station_end);
    expect(report[0]!.carried_over).toBe(0);
    const total = report[months.length]!;
    const [kpi] = await samples.query<{ episodes: number; persons: number }>(buildKpiQuery(EMPTY_FILTERS));
    expect(total.admitted).toBe(kpi!.episodes);
    expect(total.persons).toBe(kpi!.persons);
    const aug = report[months.length - 1]!;
    const [augKpi] = await samples.query<{ episodes: number }>(
      buildKpiQuery({ ...EMPTY_FILTERS, from: '2024-08-01', to: '2024-08-31' }),
    );
    expect(aug.admitted).toBe(augKpi!.episodes);
    // 本省籍 / 外省籍 / 无法查明 as the origins view splits them
    const split = await samples.query<{ side: string; episodes: number }>(
      buildHomeProvinceSplitQuery({ ...EMPTY_FILTERS, from: '2024-08-01', to: '2024-08-31' }, HOME),
    );
    expect(REPORT_ORIGIN_SIDES.map((s) => aug[columnOf.origin(s)])).toEqual(split.map((s) => s.episodes));
  });
});
