import type { GROUPS } from '../schema';

/**
 * Header → canonical column suggestions (aliases from docs/data-contract.md). A mapping is plain JSON,
 * canonical field → index into the staged file's headers, so the UI can show, edit and save it.
 */
export type CaseField =
  | 'case_id'
  | 'person_id'
  | 'found_at'
  | 'exit_at'
  | 'lon'
  | 'lat'
  | 'crs'
  | 'found_place'
  | 'found_district'
  | 'found_street'
  | 'channel'
  | 'groups'
  | `group_${(typeof GROUPS)[number]}`
  | 'sex'
  | 'age_band'
  | 'age'
  | 'birth_year'
  | 'origin_code'
  | 'origin_text'
  | 'poverty_registered'
  | 'identity_status'
  | 'station'
  | 'outcome';

export type PatrolField =
  'team_id' | 'patrol_id' | 'recorded_at' | 'lon' | 'lat' | 'crs' | 'start_at' | 'end_at' | 'route' | 'grid_id';

/** Every field a case mapping may hold, in the order a mapping editor lists them. */
export const CASE_FIELDS: readonly CaseField[] = [
  'case_id',
  'person_id',
  'found_at',
  'exit_at',
  'lon',
  'lat',
  'crs',
  'found_place',
  'found_district',
  'found_street',
  'channel',
  'groups',
  'group_minor',
  'group_elderly',
  'group_mental',
  'group_disabled',
  'group_critical',
  'sex',
  'age_band',
  'age',
  'birth_year',
  'origin_code',
  'origin_text',
  'poverty_registered',
  'identity_status',
  'station',
  'outcome',
];
export const PATROL_FIELDS: readonly PatrolField[] = [
  'team_id',
  'patrol_id',
  'recorded_at',
  'lon',
  'lat',
  'crs',
  'start_at',
  'end_at',
  'route',
  'grid_id',
];

export type CaseMapping = Partial<Record<CaseField, number>>;
export type PatrolMapping = Partial<Record<PatrolField, number>>;
export type TableKind = 'cases' | 'patrols' | 'unknown';

const CASE_ALIASES: readonly (readonly [Exclude<CaseField, 'lon' | 'lat'>, readonly string[]])[] = [
  ['case_id', ['救助编号', '救助单号', '登记编号', '案件编号', '受助编号', 'case_id', 'record_id']],
  ['person_id', ['人员编号', '受助人员编号', '人员标识', '人员ID', '个人编号', 'person_id', 'client_id']],
  ['found_at', ['发现时间', '求助时间', '救助时间', '救助日期', '入站时间', '登记时间', 'found_at', 'intake_at']],
  ['exit_at', ['离站时间', '离站日期', '出站时间', 'exit_at']],
  ['crs', ['坐标系', '坐标系统', '坐标类型', 'crs']],
  ['found_place', ['发现地点', '求助地点', '地址', 'found_place']],
  ['found_district', ['所属区', '发现区县', '区县', 'district', 'found_district']],
  ['found_street', ['所属街道', '街道', '街乡', '乡镇', 'street', 'found_street']],
  ['channel', ['发现渠道', '来源方式', '求助方式', '救助方式', 'channel']],
  ['groups', ['人员类别', '特殊群体', '救助对象类别', 'groups']],
  ['group_minor', ['是否未成年人', '未成年人']],
  ['group_elderly', ['是否老年人', '是否老人', '老年人']],
  ['group_mental', ['是否精神障碍', '是否精神障碍患者', '是否疑似精神障碍', '是否精神病人', '精神障碍']],
  ['group_disabled', ['是否残疾人', '是否残疾', '残疾人']],
  ['group_critical', ['是否危重病人', '是否危重病', '危重病人']],
  ['sex', ['性别', 'sex', 'gender']],
  ['age_band', ['年龄段', 'age_band']],
  ['age', ['年龄', 'age']],
  ['birth_year', ['出生年份', '出生年', 'birth_year']],
  ['origin_code', ['户籍地代码', '户籍地行政区划代码', '籍贯代码', 'origin_code']],
  ['origin_text', ['户籍地', '户籍所在地', '户籍地址', '籍贯', 'origin_text', 'origin']],
  ['poverty_registered', ['是否建档立卡', '建档立卡贫困户', '建档立卡', 'poverty_registered']],
  ['identity_status', ['身份状态', '身份核实', 'identity_status']],
  ['station', ['救助站', '救助机构', '救助管理站', 'station']],
  ['outcome', ['去向', '离站去向', '救助结果', '处置结果', 'outcome']],
];

const PATROL_ALIASES: readonly (readonly [Exclude<PatrolField, 'lon' | 'lat'>, readonly string[]])[] = [
  ['team_id', ['巡查组', '队伍', '巡查队', '车辆', 'team_id', 'team']],
  ['patrol_id', ['巡查编号', '任务编号', 'patrol_id']],
  ['recorded_at', ['定位时间', '时间', 'recorded_at', 'timestamp']],
  ['crs', ['坐标系', '坐标系统', '坐标类型', 'crs']],
  ['start_at', ['开始时间', '出发时间', '巡查开始时间', '起始时间', 'start_at', 'start_time']],
  ['end_at', ['结束时间', '返回时间', '巡查结束时间', '终止时间', 'end_at', 'end_time']],
  ['route', ['巡查路线', '路线', '轨迹', '巡查轨迹', 'route', 'wkt', 'geometry']],
  ['grid_id', ['网格编号', '网格', '网格代码', '网格号', 'grid_id', 'grid']],
];

/**
 * The three forms of patrol data (data-contract.md, table patrols): GPS track points, drawn routes (a route
 * column), logs by grid cell (a grid id and no GPS time).
 */
export type PatrolForm = 'points' | 'route' | 'gridLog';

export function patrolFormOf(mapping: Readonly<Record<string, number | undefined>>): PatrolForm {
  if (mapping.route !== undefined) return 'route';
  if (mapping.grid_id !== undefined && mapping.recorded_at === undefined) return 'gridLog';
  return 'points';
}

const PATROL_REQUIRED: Readonly<Record<PatrolForm, readonly PatrolField[]>> = {
  points: ['team_id', 'recorded_at', 'lon', 'lat'],
  route: ['team_id', 'start_at', 'end_at', 'route'],
  gridLog: ['team_id', 'start_at', 'end_at', 'grid_id'],
};

/** Longitude/latitude headers that pair up; x/y only count as a pair. */
const LON_LAT_PAIRS: readonly (readonly [string, string])[] = [
  ['lon', 'lat'],
  ['lng', 'lat'],
  ['longitude', 'latitude'],
  ['x', 'y'],
];
const LON_SUFFIX = '经度';
const LAT_SUFFIX = '纬度';
/** Where the person was found beats other positions (站点经度 …) in the same export. */
const PREFERRED_PREFIXES = [/发现/, /求助/, /地点|位置|坐标/];

/** Case-insensitive, full-width folded (NFKC), spaces and punctuation dropped: ' 人员 ID ' ≡ '人员id'. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}

function matchAliases<F extends string>(
  norm: readonly string[],
  aliases: readonly (readonly [F, readonly string[]])[],
  taken: Set<number>,
  out: Partial<Record<F, number>>,
): void {
  for (const [field, names] of aliases) {
    for (const name of names) {
      const i = norm.findIndex((h, k) => h === normalizeHeader(name) && !taken.has(k));
      if (i >= 0) {
        out[field] = i;
        taken.add(i);
        break;
      }
    }
  }
}

/**
 * Longitude/latitude columns: an exact pair (lon/lat, x/y, 经度/纬度), else two headers sharing a prefix
 * before 经度/纬度 (发现地点经度/发现地点纬度); among several such pairs the found place's wins, else the first.
 */
function matchLonLat(norm: readonly string[], taken: Set<number>): { lon: number; lat: number } | null {
  const free = (i: number) => i >= 0 && !taken.has(i);
  const byPrefix = new Map<string, { lon?: number; lat?: number }>();
  norm.forEach((h, i) => {
    if (taken.has(i)) return;
    for (const [suffix, key] of [
      [LON_SUFFIX, 'lon'],
      [LAT_SUFFIX, 'lat'],
    ] as const) {
      if (!h.endsWith(suffix)) continue;
      const prefix = h.slice(0, -suffix.length);
      const entry = byPrefix.get(prefix) ?? {};
      entry[key] ??= i;
      byPrefix.set(prefix, entry);
    }
  });
  const exact = byPrefix.get('');
  if (exact?.lon !== undefined && exact.lat !== undefined) return { lon: exact.lon, lat: exact.lat };
  for (const [lonName, latName] of LON_LAT_PAIRS) {
    const lon = norm.indexOf(lonName);
    const lat = norm.indexOf(latName);
    if (free(lon) && free(lat)) return { lon, lat };
  }
  const pairs = [...byPrefix]
    .filter((e): e is [string, { lon: number; lat: number }] => e[1].lon !== undefined && e[1].lat !== undefined)
    .map(([prefix, p]) => ({ ...p, rank: PREFERRED_PREFIXES.findIndex((re) => re.test(prefix)) }))
    .map((p) => ({ ...p, rank: p.rank < 0 ? PREFERRED_PREFIXES.length : p.rank }));
  pairs.sort((a, b) => a.rank - b.rank || Math.min(a.lon, a.lat) - Math.min(b.lon, b.lat));
  const best = pairs[0];
  return best ? { lon: best.lon, lat: best.lat } : null;
}

function addLonLat<F extends string>(norm: readonly string[], taken: Set<number>, out: Partial<Record<F, number>>) {
  const pair = matchLonLat(norm, taken);
  if (!pair) return;
  (out as Partial<Record<'lon' | 'lat', number>>).lon = pair.lon;
  (out as Partial<Record<'lon' | 'lat', number>>).lat = pair.lat;
  taken.add(pair.lon).add(pair.lat);
}

export function suggestCaseMapping(headers: readonly string[]): CaseMapping {
  const norm = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const out: CaseMapping = {};
  matchAliases(norm, CASE_ALIASES, taken, out);
  addLonLat(norm, taken, out);
  return out;
}

export function suggestPatrolMapping(headers: readonly string[]): PatrolMapping {
  const norm = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const out: PatrolMapping = {};
  matchAliases(norm, PATROL_ALIASES, taken, out);
  addLonLat(norm, taken, out);
  return out;
}

/**
 * Cases need an id and a date; track points a team, a time and a position; routes a team, start, end and
 * route; grid logs a team, start, end and grid id.
 */
export function detectTableKind(headers: readonly string[]): TableKind {
  const c = suggestCaseMapping(headers);
  if (c.case_id !== undefined && c.found_at !== undefined) return 'cases';
  const p = suggestPatrolMapping(headers);
  if (p.team_id !== undefined && findMissingRequired('patrols', p) === null) return 'patrols';
  return 'unknown';
}

/** Fields a mapping must hold before canonicalising; the first missing one, or null. */
export function findMissingRequired(kind: 'cases' | 'patrols', mapping: CaseMapping | PatrolMapping): string | null {
  const required: readonly string[] =
    kind === 'cases' ? ['case_id', 'found_at'] : PATROL_REQUIRED[patrolFormOf(mapping)];
  return required.find((f) => (mapping as Record<string, number | undefined>)[f] === undefined) ?? null;
}
