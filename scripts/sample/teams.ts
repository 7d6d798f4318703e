/**
 * Street-patrol teams (巡查组) and their beats. Coverage is deliberately uneven: 北京南站, 北京朝阳站, the
 * emerging 通州北苑 and most bridges have demand but little or no patrol, so gap analysis has something to find.
 */
export interface Team {
  name: string;
  code: string;
  /** Relative patrol frequency. */
  activity: number;
  /** Anchor place names (see places.ts) with weights: where the team's patrols start and circle. */
  beats: readonly (readonly [string, number])[];
  /** Radius of a beat, metres. */
  radius: number;
}

export const TEAMS: readonly Team[] = [
  {
    name: '北京市救助管理站巡查一组',
    code: 'SJ1',
    activity: 1.0,
    radius: 1400,
    beats: [
      ['北京站', 5],
      ['王府井', 2],
      ['前门', 3],
    ],
  },
  {
    name: '丰台区救助站巡查一组',
    code: 'FT1',
    activity: 1.2,
    radius: 1500,
    beats: [
      ['北京西站', 7],
      ['六里桥', 3],
    ],
  },
  {
    name: '西城区救助站巡查组',
    code: 'XC1',
    activity: 0.8,
    radius: 1300,
    beats: [
      ['西单', 5],
      ['北京北站', 3],
      ['德胜门', 2],
    ],
  },
  {
    name: '海淀区救助站巡查组',
    code: 'HD1',
    activity: 0.6,
    radius: 1600,
    beats: [
      ['中关村', 5],
      ['五道口', 3],
      ['公主坟', 2],
    ],
  },
  {
    name: '朝阳区救助站巡查组',
    code: 'CY1',
    activity: 0.7,
    radius: 1800,
    beats: [
      ['四惠', 4],
      ['国贸', 3],
      ['三元桥', 3],
    ],
  },
  {
    name: '丰台区救助站巡查二组',
    code: 'FT2',
    activity: 0.5,
    radius: 1500,
    beats: [
      ['丰台站', 5],
      ['木樨园', 5],
    ],
  },
  {
    name: '东城区救助站巡查组',
    code: 'DC1',
    activity: 0.6,
    radius: 1200,
    beats: [
      ['南锣鼓巷', 4],
      ['东直门', 3],
      ['雍和宫大街', 3],
    ],
  },
  {
    name: '北京市救助管理站巡查二组',
    code: 'SJ2',
    activity: 0.4,
    radius: 1400,
    beats: [
      ['北京南站', 6],
      ['赵公口', 4],
    ],
  },
];

/** The first n teams (6–8). */
export function selectTeams(n: number): readonly Team[] {
  if (!Number.isInteger(n) || n < 1 || n > TEAMS.length) throw new Error(`teams must be 1..${TEAMS.length}`);
  return TEAMS.slice(0, n);
}
