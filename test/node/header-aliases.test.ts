import { describe, expect, it } from 'vitest';
import {
  detectTableKind,
  findMissingRequired,
  normalizeHeader,
  patrolFormOf,
  suggestCaseMapping,
  suggestPatrolMapping,
} from '../../src/core/import/header-aliases';

describe('normalizeHeader', () => {
  it.each([
    [' 人员 ID ', '人员id'],
    ['Case_ID', 'caseid'],
    ['ｃａｓｅ＿ｉｄ', 'caseid'],
    ['救助　编号', '救助编号'],
    ['户籍地（代码）', '户籍地代码'],
    ['经度(°)', '经度'],
  ])('%j → %j', (h, n) => expect(normalizeHeader(h)).toBe(n));
});

describe('suggestCaseMapping', () => {
  it('maps the 2023 GBK export headers', () => {
    const headers =
      '救助编号,人员编号,求助时间,离站时间,发现地点,经度,纬度,发现渠道,人员类别,性别,年龄,户籍所在地,是否建档立卡,去向';
    expect(suggestCaseMapping(headers.split(','))).toEqual({
      case_id: 0,
      person_id: 1,
      found_at: 2,
      exit_at: 3,
      found_place: 4,
      lon: 5,
      lat: 6,
      channel: 7,
      groups: 8,
      sex: 9,
      age: 10,
      origin_text: 11,
      poverty_registered: 12,
      outcome: 13,
    });
  });

  it('maps the 2024 XLSX export headers (prefixed coordinates, birth year, code, crs)', () => {
    const headers =
      '受助编号,受助人员编号,入站时间,出站时间,发现地点,发现地点经度,发现地点纬度,坐标系,救助方式,特殊群体,性别,出生年份,户籍地代码,建档立卡,救助站,离站去向';
    expect(suggestCaseMapping(headers.split(','))).toEqual({
      case_id: 0,
      person_id: 1,
      found_at: 2,
      exit_at: 3,
      found_place: 4,
      lon: 5,
      lat: 6,
      crs: 7,
      channel: 8,
      groups: 9,
      sex: 10,
      birth_year: 11,
      origin_code: 12,
      poverty_registered: 13,
      station: 14,
      outcome: 15,
    });
  });

  it('ignores case, spaces and full-width punctuation; English canonical names map too', () => {
    const m = suggestCaseMapping(['Record_ID', ' Intake At ', 'LNG', 'Lat', 'ＣＲＳ', '人员 ID']);
    expect(m).toEqual({ case_id: 0, found_at: 1, lon: 2, lat: 3, crs: 4, person_id: 5 });
  });

  it('prefers the found-place coordinates over another pair, and pairs x/y only together', () => {
    expect(suggestCaseMapping(['救助编号', '站点经度', '站点纬度', '发现地点经度', '发现地点纬度'])).toMatchObject({
      lon: 3,
      lat: 4,
    });
    expect(suggestCaseMapping(['救助编号', 'x', 'y'])).toMatchObject({ lon: 1, lat: 2 });
    const onlyX = suggestCaseMapping(['救助编号', 'x']);
    expect(onlyX.lon).toBeUndefined();
    expect(onlyX.lat).toBeUndefined();
  });

  it('maps one yes/no column per group and keeps each header for one field only', () => {
    const m = suggestCaseMapping([
      '救助编号',
      '是否未成年人',
      '是否老年人',
      '是否精神障碍',
      '是否残疾人',
      '是否危重病人',
      '发现时间',
    ]);
    expect(m).toEqual({
      case_id: 0,
      group_minor: 1,
      group_elderly: 2,
      group_mental: 3,
      group_disabled: 4,
      group_critical: 5,
      found_at: 6,
    });
    const values = Object.values(suggestCaseMapping(['户籍地', '户籍地代码', '户籍地址']));
    expect(new Set(values).size).toBe(values.length);
  });
});

describe('suggestPatrolMapping and detectTableKind', () => {
  it('maps a GPS track export', () => {
    expect(suggestPatrolMapping(['巡查组', '定位时间', '经度', '纬度'])).toEqual({
      team_id: 0,
      recorded_at: 1,
      lon: 2,
      lat: 3,
    });
    expect(suggestPatrolMapping(['车辆', '任务编号', '时间', 'longitude', 'latitude', '坐标系'])).toEqual({
      team_id: 0,
      patrol_id: 1,
      recorded_at: 2,
      lon: 3,
      lat: 4,
      crs: 5,
    });
  });

  it.each([
    [['救助编号', '求助时间', '经度', '纬度'], 'cases'],
    [['受助编号', '入站时间'], 'cases'],
    [['巡查组', '定位时间', '经度', '纬度'], 'patrols'],
    [['巡查组', '定位时间'], 'unknown'],
    [['巡查组', '开始时间', '结束时间', '巡查路线'], 'patrols'],
    [['队伍', '出发时间', '返回时间', '轨迹', '坐标系'], 'patrols'],
    [['巡查队', '网格编号', '出发时间', '返回时间'], 'patrols'],
    [['巡查组', '网格', '开始时间'], 'unknown'],
    [['巡查组', '开始时间', '结束时间'], 'unknown'],
    [['姓名', '电话'], 'unknown'],
    [['救助编号', '性别'], 'unknown'],
  ] as const)('%j is %s', (headers, kind) => {
    expect(detectTableKind(headers)).toBe(kind);
  });

  it('names the first missing required field', () => {
    expect(findMissingRequired('cases', { case_id: 0 })).toBe('found_at');
    expect(findMissingRequired('cases', { case_id: 0, found_at: 1 })).toBeNull();
    expect(findMissingRequired('patrols', { team_id: 0, recorded_at: 1, lon: 2 })).toBe('lat');
    expect(findMissingRequired('patrols', { team_id: 0, start_at: 1, route: 2 })).toBe('end_at');
    expect(findMissingRequired('patrols', { team_id: 0, start_at: 1, end_at: 2, grid_id: 3 })).toBeNull();
  });

  it('maps route and grid-log exports, and tells the three patrol forms apart', () => {
    const route = suggestPatrolMapping(['巡查组', '出发时间', '返回时间', '巡查路线', '坐标系']);
    expect(route).toEqual({ team_id: 0, start_at: 1, end_at: 2, route: 3, crs: 4 });
    expect(patrolFormOf(route)).toBe('route');
    const log = suggestPatrolMapping(['队伍', '网格', '开始时间', '结束时间']);
    expect(log).toEqual({ team_id: 0, grid_id: 1, start_at: 2, end_at: 3 });
    expect(patrolFormOf(log)).toBe('gridLog');
    // a GPS export that also names the grid cell of each fix stays a track
    const points = suggestPatrolMapping(['巡查组', '定位时间', '经度', '纬度', '网格编号']);
    expect(patrolFormOf(points)).toBe('points');
  });
});
