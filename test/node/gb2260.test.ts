import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInChina } from '../../src/core/geo/coords';
import { buildRollupRows, loadGb2260, type Gb2260Index, type RollUpLevel } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { shortNamesOf } from '../../src/core/geo/name-variants';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index: Gb2260Index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
const resolve = createOriginResolver(index);

/** Minimal RFC 4180 reader for the sample (quoted fields may hold commas and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('GB/T 2260 table', () => {
  it('has the 34 provincial-level and 333 prefecture-level divisions of 2023', () => {
    // 民政部 2023 统计: 34 省级, 333 地级 (293 地级市, 7 地区, 30 自治州, 3 盟). Our table adds one prefecture
    // per municipality (110100, 120100, 310100, 500100).
    const level1 = index.units.filter((u) => u.level === 1);
    const level2 = index.units.filter((u) => u.level === 2 && !/^(11|12|31|50)0100$/.test(u.code));
    expect(level1).toHaveLength(34);
    expect(level2).toHaveLength(333);
  });

  it('links every unit to an existing, coarser parent and gives it a point in China', () => {
    for (const u of index.units) {
      if (u.level === 1) expect(u.parent).toBeNull();
      else {
        const parent = index.get(u.parent!);
        expect(parent, u.code).toBeDefined();
        expect(parent!.level).toBeLessThan(u.level);
        expect(u.code.slice(0, 2)).toBe(parent!.code.slice(0, 2));
      }
      expect(u.centroid, u.code).not.toBeNull();
      expect(isInChina(...u.centroid!), u.code).toBe(true);
    }
  });

  it.each([
    // county seats from Wikipedia / 民政部 行政区划信息; an area centroid lies within ~20 km of the seat for these
    // compact counties
    ['411625', 115.18, 33.64], // 郸城县
    ['110101', 116.42, 39.93], // 东城区
    ['513431', 102.84, 28.0], // 昭觉县
  ])('places %s near its seat', (code, lon, lat) => {
    const c = index.get(code)!.centroid!;
    expect(Math.abs(c[0] - lon)).toBeLessThan(0.2);
    expect(Math.abs(c[1] - lat)).toBeLessThan(0.2);
  });

  it('lists changes that point at current codes and retire old ones', () => {
    expect(index.changes.length).toBeGreaterThanOrEqual(20);
    for (const c of index.changes) {
      expect(index.get(c.current), `${c.code} → ${c.current}`).toBeDefined();
      if (c.code !== c.current) expect(index.get(c.code), c.code).toBeUndefined();
    }
  });
});

describe('code helpers', () => {
  it.each<[string, RollUpLevel, string | null]>([
    ['411625', 'county', '411625'],
    ['411625', 'prefecture', '411600'],
    ['411625', 'province', '410000'],
    ['419001', 'prefecture', '419001'], // 济源: directly under Henan, its own prefecture
    ['419001', 'province', '410000'],
    ['110105', 'prefecture', '110100'],
    ['500229', 'prefecture', '500100'], // 城口县, listed by NBS under 500200 (县)
    ['441900', 'county', '441900'], // 东莞 has no counties
    ['810000', 'prefecture', '810000'],
    ['110103', 'county', '110101'], // 崇文区 (retired 2010)
    ['371202', 'prefecture', '370100'], // 莱芜市莱城区 → 济南市莱芜区
    ['341422', 'prefecture', '340200'], // 巢湖地区无为县 → 芜湖市无为市
    ['542300', 'prefecture', '540200'], // 日喀则地区
    ['411699', 'county', '411600'], // unknown county: its prefecture
    ['4116', 'province', '410000'],
    ['411625101', 'county', '411625'], // a 9-digit township code
    ['990000', 'province', null],
    ['abc', 'province', null],
  ])('rollUpCode(%s, %s) = %s', (code, level, expected) => {
    expect(index.rollUpCode(code, level)).toBe(expected);
  });

  it.each([
    ['411625', '河南省周口市郸城县'],
    ['110101', '北京市东城区'],
    ['110100', '北京市'],
    ['513431', '四川省凉山彝族自治州昭觉县'],
    ['419001', '河南省济源市'],
    ['110104', '北京市西城区'],
    ['420600', '湖北省襄阳市'],
  ])('nameOf(%s) = %s', (code, name) => {
    expect(index.nameOf(code)).toBe(name);
  });

  it('accepts numeric codes and finds provinces', () => {
    expect(index.migrateCode(110104)).toBe('110102');
    expect(index.provinceOf('659001')).toBe('650000');
  });

  it('derives short names', () => {
    expect(shortNamesOf('广西壮族自治区', 1)).toEqual(['广西']);
    expect(shortNamesOf('新疆维吾尔自治区', 1)).toEqual(['新疆']);
    expect(shortNamesOf('内蒙古自治区', 1)).toEqual(['内蒙古', '内蒙']);
    expect(shortNamesOf('伊犁哈萨克自治州', 2)).toEqual(['伊犁']);
    expect(shortNamesOf('海西蒙古族藏族自治州', 2)).toEqual(['海西']);
    expect(shortNamesOf('威宁彝族回族苗族自治县', 3)).toEqual(['威宁']);
    expect(shortNamesOf('东乡族自治县', 3)).toEqual(['东乡']);
    expect(shortNamesOf('渠县', 3)).toEqual([]);
  });

  it('builds roll-up rows for current and retired codes', () => {
    const rows = new Map(buildRollupRows(index).map((r) => [r.code, r]));
    expect(rows.get('411625')).toMatchObject({ county: '411625', prefecture: '411600', province: '410000' });
    expect(rows.get('110103')).toMatchObject({ county: '110101', prefecture: '110100', name: '北京市东城区' });
    expect(rows.get('410000')).toMatchObject({ county: null, prefecture: null, province: '410000' });
    expect(rows.get('710000')).toMatchObject({ prefecture: '710000', province: '710000' });
  });
});

describe('origin resolver', () => {
  it.each<[string, string | null]>([
    ['河南省周口市郸城县', '411625'],
    ['四川省凉山彝族自治州昭觉县', '513431'],
    ['河南周口郸城', '411625'],
    ['郸城县', '411625'],
    ['周口市郸城县', '411625'],
    ['河南省郸城县', '411625'],
    ['河南省 周口市 郸城县', '411625'],
    ['中国河南省周口市郸城县城关镇', '411625'],
    ['广西壮族自治区南宁市横县', '450181'], // 横县 became 横州市 in 2021
    ['广西南宁', '450100'],
    ['湖北省襄樊市樊城区', '420606'],
    ['湖北省襄樊市', '420600'],
    ['安徽省巢湖市无为县', '340281'],
    ['安徽省巢湖市', '340181'], // today's county-level 巢湖市 under 合肥
    ['北京市崇文区', '110101'],
    ['北京市朝阳区', '110105'],
    ['朝阳区', null], // Beijing and Changchun both have one
    ['江苏鼓楼区', '320000'], // Nanjing and Xuzhou both have one: only the province is certain
    ['辽宁朝阳', '211300'],
    ['吉林', '220000'],
    ['吉林省吉林市', '220200'],
    ['内蒙古赤峰宁城', '150429'],
    ['内蒙赤峰市宁城县', '150429'],
    ['新疆伊犁州伊宁市', '654002'],
    ['伊宁市', '654002'],
    ['凉山州昭觉', '513431'],
    ['甘肃省临夏回族自治州东乡族自治县', '622926'],
    ['贵州毕节地区威宁县', '520526'],
    ['西藏日喀则地区', '540200'],
    ['山东省莱芜市莱城区', '370116'],
    ['重庆市城口县', '500229'],
    ['河南省济源市', '419001'],
    ['湖北省仙桃市', '429004'],
    ['广东省东莞市', '441900'],
    ['411625', '411625'],
    ['110103', '110101'],
    ['查无身份', null],
    ['查无身份（拒绝告知）', null],
    ['不详', null],
    ['', null],
    ['  ', null],
    ['火星', null],
  ])('%s → %s', (text, code) => {
    expect(resolve([text]).get(text)).toBe(code);
  });

  it('resolves at least 99 % of the distinct origins in the 2023 sample, to the unit the text names', () => {
    const bytes = readFileSync(path.resolve(import.meta.dirname, '../fixtures/samples/cases_2023_gbk.csv'));
    const rows = parseCsv(new TextDecoder('gb18030').decode(bytes));
    const column = rows[0]!.indexOf('户籍所在地');
    expect(column).toBeGreaterThan(0);
    const texts = [...new Set(rows.slice(1).map((r) => r[column] ?? ''))];
    const known = texts.filter((t) => t !== '查无身份');
    expect(known.length).toBeGreaterThan(100);
    const resolved = resolve(texts);
    expect(resolved.get('查无身份')).toBeNull();
    // The sample writes full province+prefecture+county names, so the resolved code's full name is the text.
    const exact = known.filter((t) => index.nameOf(resolved.get(t) ?? '') === t);
    expect(exact.length / known.length).toBeGreaterThanOrEqual(0.99);
  });
});
