import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import {
  buildStudyGrid,
  createSquareGridSpec,
  squareCellCentre,
  squareGridPoint,
} from '../../src/core/grid/square-grid';
import { assembleBinCounts, assembleCellCounts } from '../../src/core/grid/study-grid';
import { CREATE_CASES } from '../../src/core/schema';
import { literal } from '../../src/core/sql/sql';
import {
  buildBinCountsQuery,
  buildBinProfileQuery,
  buildBinSliceCountsQuery,
  buildSquareCellCountsQuery,
  buildSquareCellProfileQuery,
  buildSquareCellSliceCountsQuery,
  summarizeCellProfiles,
  type ProfileRow,
} from '../../src/core/hotspots/cell-queries';
import { buildPeriodExtentQuery, listHotspotSlices, type PeriodExtentRow } from '../../src/views/hotspots/queries';
import { openTestDb } from '../helpers/db';

const SPEC = createSquareGridSpec(500);
const C00 = squareCellCentre(0, 0, SPEC);
const CORNER11 = squareGridPoint(1, 1, SPEC); // exactly on the corner: belongs to cell (1,1)
const CM23 = squareCellCentre(-2, 3, SPEC);
const C55 = squareCellCentre(5, 5, SPEC);

// case_id, lon/lat, found_at (CST wall-clock), district, street, channel
const CASES: [string, readonly [number, number] | null, string, string | null, string | null, string][] = [
  ['c1', C00, '2024-01-03 21:10:00', '东城区', '东华门街道', 'patrol'],
  ['c2', [C00[0] + 0.00001, C00[1]], '2024-01-10 21:40:00', '东城区', '东华门街道', 'police'],
  ['c3', C00, '2024-02-05 08:00:00', '东城区', '景山街道', 'patrol'],
  ['c4', CORNER11, '2024-02-06 22:00:00', '西城区', null, 'police'],
  ['c5', CM23, '2024-03-01 10:00:00', '西城区', '', 'self'],
  ['c6', null, '2024-01-15 12:00:00', '东城区', null, 'patrol'],
  ['c7', C00, '2023-12-31 23:59:00', '东城区', '东华门街道', 'patrol'],
  ['c8', C55, '2024-03-31 23:30:00', '朝阳区', '三里屯街道', 'other'],
];

const Q1: GlobalFilters = { ...EMPTY_FILTERS, from: '2024-01-01', to: '2024-03-31' };
const month = (m: number) => Date.UTC(2024, m - 1, 1);
const day = (ms: number) => ms / 86_400_000;
/** slice_counts pairs in day order (the query leaves them unordered) */
const sortPairs = (s: string | undefined) => (s ?? '').split(',').sort().join(',');
/** A square mask polygon from grid corner (u0, v0) to (u1, v1). */
const cellSquare = (u0: number, v0: number, u1: number, v1: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      squareGridPoint(u0, v0, SPEC),
      squareGridPoint(u1, v0, SPEC),
      squareGridPoint(u1, v1, SPEC),
      squareGridPoint(u0, v1, SPEC),
      squareGridPoint(u0, v0, SPEC),
    ],
  ],
});

describe('hotspot queries on the engine', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    const values = CASES.map(
      ([id, pos, at, district, street, channel]) =>
        `(${literal(id)}, ${literal(id)}, ${pos ? pos[0] : 'NULL'}, ${pos ? pos[1] : 'NULL'}, TIMESTAMP '${at}', ` +
        `${literal(district)}, ${literal(street)}, ${literal(channel)}, [])`,
    );
    await db.exec(
      `INSERT INTO cases (case_id, person_key, lon, lat, found_at, found_district, found_street, channel, groups) VALUES ${values.join(', ')}`,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts per square cell over the filtered period (c6 has no position, c7 is before the period)', async () => {
    const rows = await db.query(buildSquareCellCountsQuery(Q1, SPEC));
    expect(rows).toEqual([
      { ix: -2, iy: 3, n: 1 },
      { ix: 0, iy: 0, n: 3 },
      { ix: 1, iy: 1, n: 1 },
      { ix: 5, iy: 5, n: 1 },
    ]);
  });

  it('honours the other filters (channel = patrol keeps c1 and c3)', async () => {
    const rows = await db.query(buildSquareCellCountsQuery({ ...Q1, channels: ['patrol'] }, SPEC));
    expect(rows).toEqual([{ ix: 0, iy: 0, n: 2 }]);
  });

  it('counts per cell per month, and fills the study cube with every month of the period', async () => {
    const rows = await db.query<{ ix: number; iy: number; slice_counts: string }>(
      buildSquareCellSliceCountsQuery(Q1, SPEC, 'month'),
    );
    // one row per cell, 'day:n' per month, day = days from 1970-01-01 to the month's first day
    expect(rows.map((r) => ({ ...r, slice_counts: sortPairs(r.slice_counts) }))).toEqual([
      { ix: -2, iy: 3, slice_counts: `${day(month(3))}:1` },
      { ix: 0, iy: 0, slice_counts: `${day(month(1))}:2,${day(month(2))}:1` },
      { ix: 1, iy: 1, slice_counts: `${day(month(2))}:1` },
      { ix: 5, iy: 5, slice_counts: `${day(month(3))}:1` },
    ]);
    const extent = (await db.query<PeriodExtentRow>(buildPeriodExtentQuery(Q1)))[0] as PeriodExtentRow;
    const slices = listHotspotSlices(Q1, extent, 'month');
    expect(slices).toEqual([month(1), month(2), month(3)]);
    const [west, south] = squareGridPoint(-3, -1, SPEC);
    const [east, north] = squareGridPoint(6, 6, SPEC);
    const grid = buildStudyGrid({ west, south, east, north }, 500);
    const cube = assembleCellCounts(rows, grid.ids.length, (r) => grid.indexOf(r.ix, r.iy), slices);
    const n = grid.ids.length;
    expect(cube.slices).toBe(3);
    expect(cube.counts[0 * n + grid.indexOf(0, 0)]).toBe(2);
    expect(cube.counts[1 * n + grid.indexOf(0, 0)]).toBe(1);
    expect(cube.counts[2 * n + grid.indexOf(5, 5)]).toBe(1);
    expect(cube.counts.reduce((a, b) => a + b, 0)).toBe(6);
    // slices that leave March out: its two episodes are reported, not lost silently
    const short = assembleCellCounts(rows, n, (r) => grid.indexOf(r.ix, r.iy), [month(1), month(2)]);
    expect(short.outsidePeriod).toBe(2);
  });

  it('weekly slices start on Monday (2024-01-03 → 01-01, 01-10 → 01-08, Monday 02-05 08:00 → 02-05)', async () => {
    const rows = await db.query<{ ix: number; iy: number; slice_counts: string }>(
      buildSquareCellSliceCountsQuery(Q1, SPEC, 'week'),
    );
    const cell = rows.find((r) => r.ix === 0 && r.iy === 0);
    const mondays = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 8), Date.UTC(2024, 1, 5)];
    expect(sortPairs(cell?.slice_counts)).toBe(mondays.map((m) => `${day(m)}:1`).join(','));
    const extent = (await db.query<PeriodExtentRow>(buildPeriodExtentQuery(Q1)))[0] as PeriodExtentRow;
    // Monday 2024-01-01 … Sunday 2024-03-31: 13 weeks, the empty ones included
    const slices = listHotspotSlices(Q1, extent, 'week');
    expect(slices).toHaveLength(13);
    expect(slices.at(-1)).toBe(Date.UTC(2024, 2, 25));
    const grid = buildStudyGrid(null, 500, { mask: cellSquare(-3, -1, 6, 6) });
    const cube = assembleCellCounts(rows, grid.ids.length, (r) => grid.indexOf(r.ix, r.iy), slices);
    expect(cube.counts[1 * grid.ids.length + grid.indexOf(0, 0)]).toBe(1);
  });

  it('fine-bin counts per month, assembled into any grid', async () => {
    const rows = await db.query<{ bx: number; by: number; slice_counts: string }>(
      buildBinSliceCountsQuery(Q1, 'month'),
    );
    const grid = buildStudyGrid(null, 500, { mask: cellSquare(-1, -1, 1, 1) });
    const cube = assembleBinCounts(grid, rows, 4, [month(1), month(2), month(3)]);
    const n = grid.ids.length;
    expect([cube.counts[grid.indexOf(0, 0)], cube.counts[n + grid.indexOf(0, 0)]]).toEqual([2, 1]);
    expect(cube.outside).toBe(3);
  });

  it('the period extent: first and last episode, all and mapped', async () => {
    const [extent] = await db.query<PeriodExtentRow>(buildPeriodExtentQuery(Q1));
    expect(extent).toEqual({
      first_at: Date.UTC(2024, 0, 3, 21, 10),
      last_at: Date.UTC(2024, 2, 31, 23, 30),
      total: 7,
      mapped: 6,
    });
    const noPeriod = listHotspotSlices(
      EMPTY_FILTERS,
      { ...(extent as PeriodExtentRow), first_at: Date.UTC(2023, 11, 31) },
      'month',
    );
    expect(noPeriod).toEqual([Date.UTC(2023, 11, 1), month(1), month(2), month(3)]);
  });

  it('counts per fine bin (4 decimals) locate into the same square cells', async () => {
    const rows = await db.query<{ bx: number; by: number; n: number }>(buildBinCountsQuery(Q1));
    const total = rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBe(6);
    const bin = rows.find((r) => r.bx === Math.round(C00[0] * 1e4) && r.by === Math.round(C00[1] * 1e4));
    // c1 and c3 exactly at the centre, c2 0.00001° east: one bin of 3
    expect(bin?.n).toBe(3);
    const grid = buildStudyGrid(null, 500, { mask: cellSquare(-1, -1, 1, 1) });
    const counts = assembleBinCounts(grid, rows);
    expect(counts.counts[grid.indexOf(0, 0)]).toBe(3);
    expect(counts.outside).toBe(3);
  });

  it('profiles the top square cells: district, street, peak hours and months', async () => {
    const rows = await db.query<ProfileRow>(
      buildSquareCellProfileQuery(Q1, SPEC, [
        { ix: 0, iy: 0 },
        { ix: 1, iy: 1 },
      ]),
    );
    const profiles = summarizeCellProfiles(rows, (r) => r.cell_id ?? null);
    expect([...profiles.keys()].sort()).toEqual(['0:0', '1:1']);
    // (0,0): c1 21:10 Jan, c2 21:40 Jan, c3 08:00 Feb; streets 东华门街道 ×2, 景山街道 ×1
    expect(profiles.get('0:0')).toMatchObject({
      total: 3,
      district: '东城区',
      street: '东华门街道',
      peakHours: [21, 8],
      peakMonths: [1, 2],
    });
    // (1,1): c4 on the corner, no street recorded
    expect(profiles.get('1:1')).toMatchObject({
      total: 1,
      district: '西城区',
      street: null,
      peakHours: [22],
      peakMonths: [2],
    });
  });

  it('profiles by fine bin inside boxes, mapped to cells in JS', async () => {
    const box = { west: C00[0] - 0.001, south: C00[1] - 0.001, east: C00[0] + 0.001, north: C00[1] + 0.001 };
    const rows = await db.query<ProfileRow>(buildBinProfileQuery(Q1, [box]));
    const grid = buildStudyGrid(box, 500);
    const profiles = summarizeCellProfiles(
      rows,
      (r) => grid.ids[grid.locate(Number(r.bx) / 1e4, Number(r.by) / 1e4)] ?? null,
    );
    expect(profiles.get('0:0')).toMatchObject({ total: 3, district: '东城区', peakMonths: [1, 2] });
    expect(await db.query(buildBinProfileQuery(Q1, []))).toEqual([]);
  });
});
