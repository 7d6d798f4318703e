import { describe, expect, it } from 'vitest';
import { createTranslator, mergeMessages } from '../../src/views/shared/i18n/translate';
import { sharedMessages } from '../../src/views/shared/messages';
import { patrolViewMessages } from '../../src/views/patrols/messages';

const catalogues = mergeMessages(sharedMessages, patrolViewMessages);
import {
  buildCoverageBreaks,
  buildGapListCsv,
  coverageColor,
  COVERAGE_COLORS,
  formatShift,
  UNPATROLLED,
  type CoverageCell,
} from '../../src/views/patrols/layers';
import { parsePatrolSettings, PATROL_PARAMS, serializePatrolSetting } from '../../src/views/patrols/patrol-settings';
import { buildTrackQuery, listMonthRanges } from '../../src/views/patrols/queries';
import { openTestDb } from '../helpers/db';

const t = createTranslator(catalogues, 'zh');
const cell = (over: Partial<CoverageCell>): CoverageCell => ({
  index: 0,
  id: '0:0',
  name: null,
  lon: 116.4,
  lat: 39.9,
  coverage: 0,
  rate: 0,
  demand: 0,
  perPatrol: null,
  lastDay: null,
  teams: [],
  gap: false,
  ...over,
});

describe('patrol layers', () => {
  it('writes shifts as clock times, wrapping past midnight', () => {
    expect(formatShift(19, 3)).toBe('19:00–22:00');
    expect(formatShift(21, 3)).toBe('21:00–24:00');
    expect(formatShift(23, 2)).toBe('23:00–01:00');
  });

  it('breaks coverage into quintile classes of the patrolled cells, unpatrolled apart', () => {
    const cells = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((c) => cell({ coverage: c }));
    // positive values 1…10: quintiles at positions 2, 4, 6, 8 → 3, 5, 7, 9
    expect(buildCoverageBreaks(cells)).toEqual([1, 3, 5, 7, 9]);
    expect(coverageColor(0, [1, 3, 5, 7, 9])).toEqual(UNPATROLLED);
    expect(coverageColor(2, [1, 3, 5, 7, 9])).toEqual(COVERAGE_COLORS[0]);
    expect(coverageColor(40, [1, 3, 5, 7, 9])).toEqual(COVERAGE_COLORS[4]);
  });

  it('exports the gap list with small demand suppressed and no ratio beside it', () => {
    const csv = buildGapListCsv(
      [
        {
          rank: 1,
          cell: cell({ id: '3:4', demand: 3, coverage: 1, perPatrol: 3 }),
          profile: { district: '东城区', street: null },
        },
        { rank: 2, cell: cell({ id: '5:6', demand: 12, coverage: 0 }), profile: null },
      ],
      'day',
      t,
      5,
    );
    const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe(
      '排名,网格编号,名称,区县,街道,需求（发现人次）,巡查覆盖（巡查日）,每巡查日需求,覆盖率,最近巡查日期,巡查组,中心经度,中心纬度',
    );
    expect(lines[1]!.split(',').slice(0, 8)).toEqual(['1', '3:4', '', '东城区', '', '<5', '1', '']);
    expect(lines[2]!.split(',').slice(5, 8)).toEqual(['12', '0', '']);
  });

  it('keeps its settings in pt.* URL params and drops defaults', () => {
    const s = parsePatrolSettings({
      [PATROL_PARAMS.k]: '20',
      [PATROL_PARAMS.hours]: '22,23,0',
      [PATROL_PARAMS.pinned]: '1:2,3:4',
    });
    expect(s).toMatchObject({ k: 20, hours: [0, 22, 23], pinned: ['1:2', '3:4'], season: 'winter', mode: 'cells' });
    expect(parsePatrolSettings({ [PATROL_PARAMS.k]: '7' }).k).toBe(10);
    expect(serializePatrolSetting('k', 10)).toBeNull();
    expect(serializePatrolSetting('pinned', ['1:2'])).toBe('1:2');
  });
});

describe('patrol queries', () => {
  it('splits a span into calendar months', () => {
    expect(listMonthRanges('2023-01-15', '2023-03-02')).toEqual([
      { from: '2023-01-15', to: '2023-01-31' },
      { from: '2023-02-01', to: '2023-02-28' },
      { from: '2023-03-01', to: '2023-03-02' },
    ]);
  });

  it('reads a range of track points with team indices in the given order, by team, patrol and time', async () => {
    const db = await openTestDb();
    await db.exec(
      `CREATE TABLE patrol_points (team_id VARCHAR, patrol_id VARCHAR, recorded_at TIMESTAMP, lon DOUBLE, lat DOUBLE,
        drawn_route BOOLEAN)`,
    );
    await db.exec(`INSERT INTO patrol_points VALUES
      ('B', 'b1', '2023-01-02 20:05', 116.2, 39.2, TRUE), ('A', 'a1', '2023-01-02 20:10', 116.1, 39.1, NULL),
      ('A', 'a1', '2023-01-02 20:00', 116.0, 39.0, NULL), ('A', 'a1', '2023-01-03 00:00', 117.0, 40.0, NULL)`);
    const rows = await db.query<{ team: number; t: number; lon: number; drawn: number }>(
      buildTrackQuery({ from: '2023-01-02', to: '2023-01-02' }, ['A', 'B']),
    );
    expect(rows.map((r) => [r.team, r.lon])).toEqual([
      [0, 116.0],
      [0, 116.1],
      [1, 116.2],
    ]);
    expect(rows[0]!.t).toBe(Date.UTC(2023, 0, 2, 20, 0));
    // a drawn route's vertices carry 1, GPS fixes 0
    expect(rows.map((r) => r.drawn)).toEqual([0, 0, 1]);
    await db.close();
  });
});
