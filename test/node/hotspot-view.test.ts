import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cellToBoundary, latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { createSquareGridSpec, squareCellPolygon, squareGridPoint } from '../../src/core/grid/square-grid';
import { CREATE_CASES } from '../../src/core/schema';
import { literal } from '../../src/core/sql/sql';
import { frameCell, gridKindOf } from '../../src/core/hotspots/grid-kinds';
import {
  HotspotGridCache,
  MAX_CUBE_VALUES,
  runHotspotAnalysis,
  type AnalysisRequest,
} from '../../src/core/hotspots/hotspot-analysis';
import {
  buildMappedExtentQuery,
  buildOccupiedArea,
  chooseMapFrame,
  type MappedExtentRow,
  type StudyArea,
} from '../../src/core/hotspots/study-area';
import {
  DEFAULT_HOTSPOT_SETTINGS,
  parseHotspotSettings,
  serializeHotspotSetting,
  toNeighbourhood,
} from '../../src/views/hotspots/hotspot-settings';
import { AnalysisError } from '../../src/core/analysis-error';
import { parseUserGrid } from '../../src/core/grid/user-grid';
import type { Translate } from '../../src/views/shared/i18n/translate';
import { buildCellsGeoJson } from '../../src/views/hotspots/exports';
import { buildHotspotCells } from '../../src/views/hotspots/layers';
import { hotspotMessages } from '../../src/views/hotspots/messages';
import { openTestDb } from '../helpers/db';

const zh: Translate = (key, params) =>
  ((hotspotMessages.zh as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) =>
    params && name in params ? String(params[name]) : m,
  );

describe('hotspot settings in the URL', () => {
  it.each([
    [
      'no params: the defaults (square 500 m, queen, FDR on, monthly, cells with finds, by finds)',
      {},
      DEFAULT_HOTSPOT_SETTINGS,
    ],
    [
      'every setting given',
      {
        'hs.mode': 'emerging',
        'hs.grid': 'h3',
        'hs.cell': '1000',
        'hs.h3': '9',
        'hs.hood': 'band',
        'hs.band': '1500',
        'hs.fdr': '0',
        'hs.slice': 'week',
        'hs.area': 'boundary',
        'hs.sort': 'z',
      },
      {
        mode: 'emerging',
        grid: 'h3',
        cellM: 1000,
        h3Resolution: 9,
        hood: 'band',
        bandM: 1500,
        fdr: false,
        slice: 'week',
        area: 'boundary',
        sort: 'z',
      },
    ],
    [
      'values not offered fall back (123 m cells, H3 level 12, mode foo, band 7 m)',
      { 'hs.cell': '123', 'hs.h3': '12', 'hs.mode': 'foo', 'hs.band': '7', 'hs.grid': 'hex', 'hs.fdr': 'yes' },
      DEFAULT_HOTSPOT_SETTINGS,
    ],
  ])('%s', (_name, params, expected) => {
    expect(parseHotspotSettings(params)).toEqual(expected);
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(serializeHotspotSetting('cellM', 500)).toBeNull();
    expect(serializeHotspotSetting('fdr', true)).toBeNull();
    expect(serializeHotspotSetting('fdr', false)).toBe('0');
    expect(serializeHotspotSetting('cellM', 250)).toBe('250');
    expect(serializeHotspotSetting('mode', 'density')).toBe('density');
    const params = { 'hs.fdr': '0', 'hs.cell': '250', 'hs.mode': 'density' };
    expect(parseHotspotSettings(params)).toMatchObject({ fdr: false, cellM: 250, mode: 'density' });
  });

  it('the neighbourhood: queen, or a band of the chosen metres', () => {
    expect(toNeighbourhood({ hood: 'queen', bandM: 1500 })).toEqual({ kind: 'queen' });
    expect(toNeighbourhood({ hood: 'band', bandM: 1500 })).toEqual({ kind: 'band', distanceM: 1500 });
  });
});

/** A GeoJSON box. */
const box = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const extent = (inBeijing: number): MappedExtentRow => ({
  west: 116.2,
  south: 39.8,
  east: 116.6,
  north: 40.1,
  mapped: 100,
  in_beijing: inBeijing,
  view_west: 116.3,
  view_south: 39.85,
  view_east: 116.5,
  view_north: 40,
});

describe('the map frame', () => {
  it('nothing mappable: no frame', () => {
    expect(chooseMapFrame({ ...extent(0), mapped: 0 })).toBeNull();
    expect(chooseMapFrame(undefined)).toBeNull();
  });

  it("data in Beijing (90 of 100 in its frame): Beijing's map, opening on the central 96 %", () => {
    expect(chooseMapFrame(extent(90))).toEqual({
      level: 'beijing',
      frame: [
        [116.3, 39.85],
        [116.5, 40],
      ],
    });
  });

  it('data mostly elsewhere (10 of 100): the national map on the box of the data', () => {
    expect(chooseMapFrame(extent(10))).toEqual({
      level: 'national',
      frame: [
        [116.2, 39.8],
        [116.6, 40.1],
      ],
    });
  });
});

describe('the mapped extent on the engine', () => {
  let db: DbConnector;
  // 6 points in Beijing's frame (Dongcheng, Chaoyang), 2 in Shanghai, 1 without coordinates
  const POINTS: [string, number | null, number | null, string][] = [
    ['a', 116.4, 39.9, '东城区'],
    ['b', 116.41, 39.91, '东城区'],
    ['c', 116.42, 39.92, '东城区'],
    ['d', 116.48, 39.95, '朝阳区'],
    ['e', 116.5, 39.99, '朝阳区'],
    ['f', 116.46, 39.93, '朝阳区'],
    ['g', 121.47, 31.23, '黄浦区'],
    ['h', 121.5, 31.24, '黄浦区'],
    ['i', null, null, '东城区'],
  ];
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    const values = POINTS.map(
      ([id, lon, lat, district]) =>
        `(${literal(id)}, ${literal(id)}, ${lon ?? 'NULL'}, ${lat ?? 'NULL'}, TIMESTAMP '2024-01-05 10:00:00', ${literal(district)}, [])`,
    );
    await db.exec(
      `INSERT INTO cases (case_id, person_key, lon, lat, found_at, found_district, groups) VALUES ${values.join(', ')}`,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  // With n ≤ 50 points the 0.1 %, 2 %, 98 % and 99.9 % quantiles (inverted CDF: the ceil(n·q)-th value)
  // are the minimum and the maximum.
  it('the box of the mapped points and how many lie in Beijing', async () => {
    const [row] = await db.query<MappedExtentRow>(buildMappedExtentQuery(EMPTY_FILTERS));
    const box = { west: 116.4, south: 31.23, east: 121.5, north: 39.99 };
    const view = { view_west: 116.4, view_south: 31.23, view_east: 121.5, view_north: 39.99 };
    expect(row).toEqual({ ...box, ...view, mapped: 8, in_beijing: 6 });
  });

  it('honours the district filter', async () => {
    const [row] = await db.query<MappedExtentRow>(buildMappedExtentQuery({ ...EMPTY_FILTERS, districts: ['朝阳区'] }));
    const box = { west: 116.46, south: 39.93, east: 116.5, north: 39.99 };
    const view = { view_west: 116.46, view_south: 39.93, view_east: 116.5, view_north: 39.99 };
    expect(row).toEqual({ ...box, ...view, mapped: 3, in_beijing: 3 });
  });
});

/** A 5 × 5 block of 1000 m cells (ix, iy = 0..4) around the default origin. */
const SPEC = createSquareGridSpec(1000);
/** The study area: each of the 25 cells has had an episode at some time. */
const AREA: StudyArea = buildOccupiedArea(
  Array.from({ length: 25 }, (_, k) => ({ ix: k % 5, iy: Math.floor(k / 5), n: 1 })),
  EMPTY_FILTERS,
);
const index = (ix: number, iy: number) => iy * 5 + ix;

function squareRequest(over: Partial<AnalysisRequest> = {}): AnalysisRequest {
  return {
    grid: { kind: 'square', sizeM: 1000 },
    area: AREA,
    hood: { kind: 'queen' },
    fdr: false,
    countRows: [
      { ix: 2, iy: 2, n: 25 },
      { ix: 9, iy: 9, n: 4 },
    ],
    emerging: null,
    ...over,
  };
}

describe('the analysis the worker runs', () => {
  it('25 episodes in the centre of a 5 × 5 grid: Gi* by hand', () => {
    const r = runHotspotAnalysis(squareRequest(), new HotspotGridCache());
    expect(r.ids.length).toBe(25);
    expect(r.ids[index(2, 2)]).toBe('2:2');
    expect(r.counts[index(2, 2)]).toBe(25);
    expect(r.outside).toBe(4); // cell (9, 9) is not in the study area
    // n = 25, x̄ = 25/25 = 1, s = √(Σx²/n − x̄²) = √(625/25 − 1) = √24.
    // centre and its 8 neighbours: w = 9, Σwx = 25,
    //   z = (25 − 1·9) / (√24 · √((25·9 − 81)/24)) = 16 / (√24 · √6) = 16 / 12 = 1.3333
    // corner (0, 0): w = 4 (itself and 3 neighbours), Σwx = 0,
    //   z = (0 − 4) / (√24 · √((25·4 − 16)/24)) = −4 / √84 = −0.43644
    // (0, 2) on the west edge: w = 6, Σwx = 0, z = −6 / (√24 · √((150 − 36)/24)) = −6 / √114 = −0.56195
    expect(r.z[index(2, 2)]).toBeCloseTo(4 / 3, 10);
    expect(r.z[index(1, 1)]).toBeCloseTo(4 / 3, 10);
    expect(r.z[index(0, 0)]).toBeCloseTo(-0.43644, 5);
    expect(r.z[index(0, 2)]).toBeCloseTo(-0.56195, 5);
    // |z| = 1.33 < 1.645: nothing is significant even at 90 %
    expect(Array.from(r.bins).every((b) => b === 0)).toBe(true);
    expect(r.zeroVariance).toBe(false);
    expect(r.emerging).toBeNull();
  });

  it('all counts equal: zero variance, z = 0 everywhere, no class', () => {
    const rows = Array.from({ length: 25 }, (_, k) => ({ ix: k % 5, iy: Math.floor(k / 5), n: 3 }));
    const r = runHotspotAnalysis(squareRequest({ countRows: rows }), new HotspotGridCache());
    expect(r.zeroVariance).toBe(true);
    expect(Array.from(r.z).every((z) => z === 0)).toBe(true);
    expect(Array.from(r.bins).every((b) => b === 0)).toBe(true);
  });

  it('the emerging cube: each slice its own Gi*, an empty slice z = 0', () => {
    const jan = Date.UTC(2024, 0, 1);
    const feb = Date.UTC(2024, 1, 1);
    const mar = Date.UTC(2024, 2, 1);
    const day = (ms: number) => ms / 86_400_000;
    const r = runHotspotAnalysis(
      squareRequest({
        emerging: { slices: [jan, feb, mar], rows: [{ ix: 2, iy: 2, slice_counts: `${day(jan)}:25,${day(mar)}:25` }] },
      }),
      new HotspotGridCache(),
    );
    const e = r.emerging;
    expect(e?.slices).toBe(3);
    expect(e?.cells).toBe(25);
    expect(e?.z[0 * 25 + index(2, 2)]).toBeCloseTo(4 / 3, 10);
    expect(e?.z[1 * 25 + index(2, 2)]).toBe(0);
    expect(e?.z[2 * 25 + index(2, 2)]).toBeCloseTo(4 / 3, 10);
    expect(e?.category[index(2, 2)]).toBe('none');
  });

  it('keeps a study grid between requests with the same area', () => {
    const cache = new HotspotGridCache();
    const a = runHotspotAnalysis(squareRequest(), cache);
    const b = runHotspotAnalysis(squareRequest({ fdr: true }), cache);
    expect(b.ids).toBe(a.ids);
  });

  it('too many cells, too large a cube, no user grid: errors the view names by key', () => {
    const huge: StudyArea = { kind: 'boundary', key: 'huge', mask: box(100, 30, 120, 42) };
    const cases: [AnalysisRequest, string][] = [
      [squareRequest({ grid: { kind: 'square', sizeM: 100 }, area: huge }), 'hotspots.error.tooManyCells'],
      [
        squareRequest({ emerging: { slices: new Array<number>(MAX_CUBE_VALUES / 25 + 1).fill(0), rows: [] } }),
        'hotspots.error.tooManySlices',
      ],
      [squareRequest({ grid: { kind: 'user', token: 'missing' } }), 'hotspots.userGrid.prompt'],
    ];
    for (const [request, key] of cases) {
      let failure = null;
      try {
        runHotspotAnalysis(request, new HotspotGridCache());
      } catch (err) {
        failure = AnalysisError.from(err);
      }
      expect(failure?.key).toBe(key);
    }
  });

  it("the user's grid: fine bins counted into its polygons, bins outside counted apart", () => {
    const cache = new HotspotGridCache();
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 网格编号: 'G1', 名称: '一号网格' },
          geometry: box(116.4, 39.9, 116.41, 39.91),
        },
        {
          type: 'Feature',
          properties: { 网格编号: 'G2', 名称: '二号网格' },
          geometry: box(116.41, 39.9, 116.42, 39.91),
        },
      ],
    };
    const parsed = parseUserGrid(geojson, 'WGS84');
    expect(parsed.issues).toEqual([]);
    cache.registerUserGrid('t1', parsed.grid?.features ?? []);
    const r = runHotspotAnalysis(
      {
        ...squareRequest(),
        grid: { kind: 'user', token: 't1' },
        countRows: [
          { bx: 1164050, by: 399050, n: 3 }, // 116.405, 39.905: G1
          { bx: 1164150, by: 399020, n: 2 }, // G2
          { bx: 1164160, by: 399080, n: 1 }, // G2
          { bx: 1165000, by: 399050, n: 7 }, // east of both
        ],
      },
      cache,
    );
    expect(r.ids).toEqual(['G1', 'G2']);
    expect(r.names).toEqual(['一号网格', '二号网格']);
    expect(Array.from(r.counts)).toEqual([3, 3]);
    expect(r.outside).toBe(7);
  });
});

describe('cell outlines on the main thread', () => {
  it('square cells from their ids, located by point', () => {
    const r = runHotspotAnalysis(squareRequest(), new HotspotGridCache());
    const g = gridKindOf({ kind: 'square', sizeM: 1000 }).createGeometry(r);
    expect(g.cellPolygons(index(3, 1))).toEqual([squareCellPolygon(3, 1, SPEC)]);
    const [lon, lat] = squareGridPoint(3.2, 1.7, SPEC);
    expect(g.locate(lon, lat)).toBe(index(3, 1));
    expect(g.locate(...squareGridPoint(7.5, 7.5, SPEC))).toBe(-1);
  });

  it('H3 cells from their index', () => {
    const h = latLngToCell(39.9, 116.4, 8);
    const g = gridKindOf({ kind: 'h3', resolution: 8 }).createGeometry({
      ids: [h],
      names: null,
      centres: new Float64Array(2),
    });
    expect(g.cellPolygons(0)).toEqual([[cellToBoundary(h, true)]]);
    expect(g.locate(116.4, 39.9)).toBe(0);
  });

  it('the frame around a cell: the cell grown by `context` cell sizes on each side, and by at least `minMetres`', () => {
    const r = runHotspotAnalysis(squareRequest(), new HotspotGridCache());
    const g = gridKindOf({ kind: 'square', sizeM: 1000 }).createGeometry(r);
    const fixed = (b: ReturnType<typeof frameCell>) => (b ?? []).flat().map((v) => v.toFixed(9));
    expect(frameCell(g, index(2, 2), { context: 0 })).toEqual([
      squareGridPoint(2, 2, SPEC),
      squareGridPoint(3, 3, SPEC),
    ]);
    // one cell more on each side: from corner (1, 1) to corner (4, 4)
    expect(fixed(frameCell(g, index(2, 2), { context: 1 }))).toEqual(
      fixed([squareGridPoint(1, 1, SPEC), squareGridPoint(4, 4, SPEC)]),
    );
    // at least 2 km on each side, on a sphere of the IUGG mean radius: 2000 m north–south is
    // 2000 / (6371008.8 · π / 180) degrees, east–west that over cos(the cell's middle latitude)
    const [[w0, s0], [e0, n0]] = frameCell(g, index(2, 2), { context: 0 }) ?? [
      [0, 0],
      [0, 0],
    ];
    const [[w, s], [e, n]] = frameCell(g, index(2, 2), { context: 1, minMetres: 2000 }) ?? [
      [0, 0],
      [0, 0],
    ];
    const mPerDeg = (6371008.8 * Math.PI) / 180;
    const cosLat = Math.cos((((s0 + n0) / 2) * Math.PI) / 180);
    expect((s0 - s) * mPerDeg).toBeCloseTo(2000, 6);
    expect((n - n0) * mPerDeg).toBeCloseTo(2000, 6);
    expect((w0 - w) * mPerDeg * cosLat).toBeCloseTo(2000, 6);
    expect((e - e0) * mPerDeg * cosLat).toBeCloseTo(2000, 6);
  });
});

describe('the GeoJSON export', () => {
  it('suppresses counts of 1 to k−1 (metrics.md, 小数抑制): `count` stays a number column, null with `suppressed`', () => {
    const r = runHotspotAnalysis(squareRequest(), new HotspotGridCache());
    const g = gridKindOf({ kind: 'square', sizeM: 1000 }).createGeometry(r);
    const counts = new Float64Array(25);
    counts[0] = 3;
    counts[1] = 5;
    counts[3] = 1;
    counts[4] = 4;
    const bins = new Int8Array(25).fill(1);
    const cells = buildHotspotCells(g, counts, { z: new Float64Array(25).fill(3), p: new Float64Array(25) }, bins);
    const fc = buildCellsGeoJson(g, cells, zh);
    const props = (i: number) => fc.features[i]!.properties;
    expect([0, 1, 2, 3, 4].map((i) => [props(i).count, props(i).suppressed])).toEqual([
      [null, true],
      [5, false],
      [0, false],
      [null, true],
      [null, true],
    ]);
    expect(fc.features.every((f) => f.properties.count === null || typeof f.properties.count === 'number')).toBe(true);
    // p = 0 (underflow) goes out as the smallest double, never as 0
    expect(props(0).gi_p).toBe(Number.MIN_VALUE);
  });

  it('with every cell exported, a lone small count that the total would give back takes the next smallest with it', () => {
    const r = runHotspotAnalysis(squareRequest(), new HotspotGridCache());
    const g = gridKindOf({ kind: 'square', sizeM: 1000 }).createGeometry(r);
    // Total 2 + 7 + 9 + 30 = 48, shown beside the map: hiding only the 2 would leave 48 − 46 = 2.
    const counts = new Float64Array(25);
    [counts[0], counts[1], counts[2], counts[3]] = [2, 7, 9, 30];
    const bins = new Int8Array(25);
    const cells = buildHotspotCells(g, counts, { z: new Float64Array(25), p: new Float64Array(25).fill(1) }, bins);
    const all = buildCellsGeoJson(g, cells, zh, { includeNone: true });
    expect(all.features).toHaveLength(25);
    expect(all.features.slice(0, 4).map((f) => f.properties.count)).toEqual([null, null, 9, 30]);
    expect(all.features.slice(0, 4).map((f) => f.properties.suppressed)).toEqual([true, true, false, false]);
    // only the significant cells (none here): no total to subtract from, nothing more hidden
    expect(buildCellsGeoJson(g, cells, zh).features).toHaveLength(0);
  });
});

describe("the view's messages", () => {
  it('every hotspots.* key written in the view and the grids has a zh and an en text', () => {
    const dirs = ['src/views/hotspots', 'src/core/hotspots', 'src/core/grid'];
    const keys = new Set<string>(['WGS84', 'GCJ02', 'BD09'].map((crs) => `hotspots.crs.${crs}`));
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && f !== 'messages.ts')) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        for (const m of text.matchAll(/'(hotspots\.[a-zA-Z0-9_.]+)'/g)) keys.add(m[1] as string);
      }
    }
    expect(keys.size).toBeGreaterThan(60);
    for (const lang of ['zh', 'en'] as const) {
      const catalogue = hotspotMessages[lang] as Record<string, string>;
      expect([...keys].filter((k) => !(k in catalogue))).toEqual([]);
    }
  });
});
