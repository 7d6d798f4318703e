import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { EMPTY_FILTERS, type GlobalFilters } from '../../src/core/filters';
import { createSquareGridSpec, squareCellCentre, squareGridPoint } from '../../src/core/grid/square-grid';
import { AnalysisError } from '../../src/core/analysis-error';
import { summarizeCellProfiles, type CountRow, type ProfileRow } from '../../src/core/hotspots/cell-queries';
import { gridKindOf, type GridRequest } from '../../src/core/hotspots/grid-kinds';
import { HotspotGridCache, runHotspotAnalysis } from '../../src/core/hotspots/hotspot-analysis';
import {
  buildBoundaryArea,
  buildOccupiedArea,
  parseBoundary,
  studyAreaFilters,
  type StudyArea,
} from '../../src/core/hotspots/study-area';
import { CREATE_CASES } from '../../src/core/schema';
import { literal } from '../../src/core/sql/sql';
import type { Translate } from '../../src/views/shared/i18n/translate';
import { buildRankedListCsv } from '../../src/views/hotspots/exports';
import { buildHotspotCells, formatHotspotTooltip } from '../../src/views/hotspots/layers';
import { hotspotMessages } from '../../src/views/hotspots/messages';
import { describeNeighbour } from '../../src/views/hotspots/place-text';
import { attachProfiles, listProfiledCells, rankHotCells } from '../../src/views/hotspots/ranking';
import { openTestDb } from '../helpers/db';

const zh: Translate = (key, params) =>
  ((hotspotMessages.zh as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) =>
    params && name in params ? String(params[name]) : m,
  );

/*
 * A 3 × 3 block of 500 m cells (ix, iy = 0..2) in 东城区 whose eight outer cells each have 5 episodes in
 * the winter 2023-12-01…2024-02-29 and whose centre has none then (one in June 2023), and eleven cells
 * in 西城区, two cells apart along a row (no two adjacent), with one June episode each. Every cell has
 * had an episode, so all 20 make the study area; in winter only the block's ring has finds.
 */
const SPEC = createSquareGridSpec(500);
const RING: [number, number][] = [
  [0, 0],
  [1, 0],
  [2, 0],
  [0, 1],
  [2, 1],
  [0, 2],
  [1, 2],
  [2, 2],
];
const FAR: [number, number][] = Array.from({ length: 11 }, (_, k) => [10 + 2 * k, 10]);
const WINTER: GlobalFilters = { ...EMPTY_FILTERS, from: '2023-12-01', to: '2024-02-29' };

/** Places found in the cell (1, 0), an edge of the ring: texts with stray spaces and a line break. */
const EDGE_PLACES = ['北京站广场', ' 北京站广场 ', '北京站广场', '北京站东街', '东单\n公交站'];

type Row = { id: string; cell: [number, number]; at: string; district: string; place: string; channel: string };

function buildRows(): Row[] {
  const rows: Row[] = [];
  for (const cell of RING) {
    for (let k = 0; k < 5; k++) {
      const edge = cell[0] === 1 && cell[1] === 0;
      rows.push({
        id: `r${cell.join('_')}_${k}`,
        cell,
        at: `2024-01-${String(10 + k).padStart(2, '0')} 2${k}:00:00`,
        district: '东城区',
        place: edge ? (EDGE_PLACES[k] as string) : `北京站${cell.join('')}号口`,
        channel: k < 3 ? 'patrol' : 'police',
      });
    }
  }
  rows.push({ id: 'centre', cell: [1, 1], at: '2023-06-01 10:00:00', district: '东城区', place: '', channel: 'self' });
  FAR.forEach((cell, k) =>
    rows.push({ id: `far${k}`, cell, at: '2023-06-02 10:00:00', district: '西城区', place: '西单', channel: 'self' }),
  );
  return rows;
}

describe('the study area and the ranked list on the engine', () => {
  let db: DbConnector;
  const SQUARE: GridRequest = { kind: 'square', sizeM: 500 };
  const kind = gridKindOf(SQUARE);

  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    const values = buildRows().map(({ id, cell, at, district, place, channel }) => {
      const [lon, lat] = squareCellCentre(cell[0], cell[1], SPEC);
      return `(${literal(id)}, ${literal(id)}, ${lon}, ${lat}, TIMESTAMP '${at}', ${literal(district)}, '东华门街道', ${literal(place)}, ${literal(channel)}, [])`;
    });
    await db.exec(
      `INSERT INTO cases (case_id, person_key, lon, lat, found_at, found_district, found_street, found_place, channel, groups) VALUES ${values.join(', ')}`,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  async function areaOf(filters: GlobalFilters, grid = kind): Promise<StudyArea> {
    const rows = await db.query<CountRow & Record<string, unknown>>(grid.buildCountQuery(studyAreaFilters(filters)));
    return buildOccupiedArea(rows, filters);
  }

  async function analyse(filters: GlobalFilters, fdr = false) {
    const countRows = await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(filters));
    const request = { grid: SQUARE, area: await areaOf(filters), hood: { kind: 'queen' as const }, fdr, countRows };
    return runHotspotAnalysis({ ...request, emerging: null }, new HotspotGridCache());
  }

  it('is every cell with an episode in the whole data: the 9 of the block and the 11 apart', async () => {
    const r = await analyse(WINTER);
    expect(r.ids.length).toBe(20);
    expect([...r.ids].sort()).toEqual(
      [...RING, [1, 1] as [number, number], ...FAR].map(([x, y]) => `${x}:${y}`).sort(),
    );
    // the winter counts: 5 in each ring cell, nothing elsewhere, nothing outside the area
    expect(Array.from(r.counts).reduce((a, b) => a + b, 0)).toBe(40);
    expect(r.counts[r.ids.indexOf('1:1')]).toBe(0);
    expect(r.outside).toBe(0);
  });

  it('does not move with the period or a channel filter; a district filter keeps its districts only', async () => {
    const all = await areaOf(EMPTY_FILTERS);
    const winterPatrol = await areaOf({ ...WINTER, channels: ['patrol'] });
    expect(winterPatrol.key).toBe(all.key);
    const dongcheng = await areaOf({ ...WINTER, districts: ['东城区'] });
    expect(dongcheng.key).not.toBe(all.key);
    const cache = new HotspotGridCache();
    const cellsOf = (area: StudyArea) =>
      runHotspotAnalysis(
        { grid: SQUARE, area, hood: { kind: 'queen' }, fdr: false, countRows: [], emerging: null },
        cache,
      ).ids.length;
    expect([cellsOf(all), cellsOf(winterPatrol), cellsOf(dongcheng)]).toEqual([20, 20, 9]);
  });

  it('Gi* over the study area as computed by hand', async () => {
    const r = await analyse(WINTER);
    const z = (id: string) => r.z[r.ids.indexOf(id)];
    // n = 20 cells, Σx = 8 · 5 = 40, x̄ = 2, Σx² = 8 · 25 = 200, s = √(200/20 − 2²) = √6.
    // z = (Σ_j w_ij x_j − x̄ W) / (s √((n W − W²)/(n − 1))), W = the cell and its queen neighbours in the area.
    // centre (1, 1): W = 9, Σwx = 40 → (40 − 18) / (√6 · √((180 − 81)/19)) = 22 / √(594/19)
    expect(z('1:1')).toBeCloseTo(22 / Math.sqrt(594 / 19), 10); // 3.9346
    // edge (1, 0): W = 6 (itself, two corners, two edges… all in the ring but the centre), Σwx = 25
    //   → (25 − 12) / (√6 · √((120 − 36)/19)) = 13 / √(504/19)
    expect(z('1:0')).toBeCloseTo(13 / Math.sqrt(504 / 19), 10); // 2.5241
    // corner (0, 0): W = 4, Σwx = 15 → (15 − 8) / √(6 · (80 − 16)/19) = 7 / √(384/19)
    expect(z('0:0')).toBeCloseTo(7 / Math.sqrt(384 / 19), 10); // 1.5571
    // a cell apart: W = 1, Σwx = 0 → (0 − 2) / (√6 · √((20 − 1)/19)) = −2/√6
    expect(z('10:10')).toBeCloseTo(-2 / Math.sqrt(6), 10);
    // |z| > 2.5758 → 99 %, > 1.9600 → 95 %, the corners (1.557 < 1.645) are not significant
    const bin = (id: string) => r.bins[r.ids.indexOf(id)];
    expect([bin('1:1'), bin('1:0'), bin('0:1'), bin('2:1'), bin('1:2'), bin('0:0'), bin('10:10')]).toEqual([
      3, 2, 2, 2, 2, 0, 0,
    ]);
  });

  it('ranks the cells with finds by finds; the centre, hot without finds, has no rank and names its neighbour', async () => {
    const r = await analyse(WINTER);
    const geometry = kind.createGeometry(r);
    const cells = buildHotspotCells(geometry, r.counts, r, r.bins);
    const byFinds = rankHotCells(cells, { total: 40 });
    // the four edges (5 each, equal z) by id, then the centre; its busiest neighbour: the eight ring cells
    // tie at 5, the lowest index (row-major, iy then ix) is the corner (0, 0)
    expect(byFinds.map((x) => [x.rank, x.cell.id, x.neighbour?.id ?? null])).toEqual([
      [1, '0:1', null],
      [2, '1:0', null],
      [3, '1:2', null],
      [4, '2:1', null],
      [null, '1:1', '0:0'],
    ]);
    expect(byFinds[0]?.share).toBe(5 / 40);
    const byZ = rankHotCells(cells, { total: 40, sort: 'z' });
    expect(byZ.map((x) => [x.rank, x.cell.id])).toEqual([
      [null, '1:1'],
      [1, '0:1'],
      [2, '1:0'],
      [3, '1:2'],
      [4, '2:1'],
    ]);
    // no cell without finds is ranked, whatever the order
    for (const list of [byFinds, byZ]) expect(list.every((x) => (x.rank === null) === (x.cell.count === 0))).toBe(true);
  });

  it("names each cell by its most frequent places (top 3, texts tidied), its district and street, in the list's words", async () => {
    const r = await analyse(WINTER);
    const geometry = kind.createGeometry(r);
    const cells = buildHotspotCells(geometry, r.counts, r, r.bins);
    const ranked = rankHotCells(cells, { total: 40 });
    const wanted = listProfiledCells(ranked);
    expect(wanted.map((c) => c.id).sort()).toEqual(['0:0', '0:1', '1:0', '1:1', '1:2', '2:1']);
    const rows = await db.query<ProfileRow>(
      kind.buildProfileQuery(
        WINTER,
        wanted.map((c) => c.index),
        geometry,
      ),
    );
    const profiles = summarizeCellProfiles(rows, (row) => kind.cellOfProfileRow(row, geometry));
    // (1, 0): 北京站广场 ×3 (one with spaces around it), then the two single places in text order
    // ('东' U+4E1C before '北' U+5317); the line break inside '东单\n公交站' is one space
    expect(profiles.get('1:0')).toMatchObject({
      total: 5,
      places: [
        { name: '北京站广场', n: 3 },
        { name: '东单 公交站', n: 1 },
        { name: '北京站东街', n: 1 },
      ],
      district: '东城区',
      street: '东华门街道',
      peakMonths: [1],
    });
    expect(profiles.get('0:0')?.places).toEqual([{ name: '北京站00号口', n: 5 }]);
    // the centre has no winter episode: no profile of its own
    expect(profiles.has('1:1')).toBe(false);

    const listed = attachProfiles(ranked, profiles);
    const centre = listed.find((x) => x.cell.id === '1:1');
    expect(describeNeighbour(centre?.neighbour ?? null, profiles.get('0:0') ?? null, zh)).toBe(
      '邻近：北京站00号口（网格 0:0，5 人次）',
    );
    const lookup = { profileOf: (id: string) => profiles.get(id) ?? null, cellAt: (i: number) => cells[i] };
    expect(formatHotspotTooltip(centre!.cell, zh, lookup).split('\n').slice(0, 3)).toEqual([
      '邻近热点：本格无发现，邻近网格有',
      '邻近：北京站00号口（网格 0:0，5 人次）',
      '网格 1:1',
    ]);
    expect(formatHotspotTooltip(listed[1]!.cell, zh, lookup).split('\n').slice(0, 2)).toEqual([
      '发现地点：北京站广场（3）、东单 公交站（1）、北京站东街（1）',
      '东城区 · 东华门街道',
    ]);

    // the export: places first; the edge's count 5 is shown, its places' 3, 1, 1 are small ("<5") and
    // hidden where the others would give them back; the centre says what it is and names its neighbour
    const csv = buildRankedListCsv(listed, zh, { total: 40, bom: false }).split('\r\n');
    expect(csv[2]?.split(',').slice(0, 8)).toEqual([
      '2',
      '本格有发现',
      '北京站广场（<5）、东单 公交站（<5）、北京站东街（<5）',
      '东城区',
      '东华门街道',
      '1:0',
      '',
      '5',
    ]);
    const last = csv[5]?.split(',') ?? [];
    expect([last[0], last[1], last[5], last[7], last[13]]).toEqual([
      '',
      '邻近热点：本格无发现，邻近网格有',
      '1:1',
      '0',
      '0:0',
    ]);
  });

  it('a boundary the user imports: every cell whose centre lies inside, with or without finds', async () => {
    // a boundary around the block and the empty cells east of it, up to grid corner (5, 3)
    const ring = [
      [0, 0],
      [5, 0],
      [5, 3],
      [0, 3],
      [0, 0],
    ].map(([u, v]) => squareGridPoint(u as number, v as number, SPEC));
    const parsed = parseBoundary({ type: 'Polygon', coordinates: [ring] }, 'WGS84');
    if (!('boundary' in parsed)) throw new Error('a polygon');
    const countRows = await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(WINTER));
    const r = runHotspotAnalysis(
      {
        grid: SQUARE,
        area: buildBoundaryArea(parsed.boundary, 'block'),
        hood: { kind: 'queen' },
        fdr: false,
        countRows,
        emerging: null,
      },
      new HotspotGridCache(),
    );
    // 5 × 3 cells, the block's 9 and 6 that never had an episode; the far cells are outside
    expect(r.ids.length).toBe(15);
    expect(r.ids).toContain('4:2');
    expect(Array.from(r.counts).reduce((a, b) => a + b, 0)).toBe(40);
    expect(r.outside).toBe(0);
  });

  it('H3: the area is the hexagons holding an episode (each located by its 4-decimal bin)', async () => {
    const h3 = gridKindOf({ kind: 'h3', resolution: 9 });
    const area = await areaOf(EMPTY_FILTERS, h3);
    const r = runHotspotAnalysis(
      { grid: { kind: 'h3', resolution: 9 }, area, hood: { kind: 'queen' }, fdr: false, countRows: [], emerging: null },
      new HotspotGridCache(),
    );
    const expected = new Set(
      [...RING, [1, 1] as [number, number], ...FAR].map(([x, y]) => {
        const [lon, lat] = squareCellCentre(x, y, SPEC);
        return latLngToCell(Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4, 9);
      }),
    );
    expect([...r.ids].sort()).toEqual([...expected].sort());
  });
});

describe('a 100 m grid over a whole city', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
    await db.exec(CREATE_CASES);
    // 3,000 episodes spread over Beijing's plain (116.0–116.8° E, 39.6–40.2° N) by a fixed LCG
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const values = Array.from({ length: 3000 }, (_, k) => {
      const lon = 116 + 0.8 * next();
      const lat = 39.6 + 0.6 * next();
      return `('e${k}', 'e${k}', ${lon}, ${lat}, TIMESTAMP '2024-01-01 10:00:00', [])`;
    });
    await db.exec(`INSERT INTO cases (case_id, person_key, lon, lat, found_at, groups) VALUES ${values.join(', ')}`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('runs on the cells with finds (at most one per episode), where the whole box would be refused', async () => {
    const grid: GridRequest = { kind: 'square', sizeM: 100 };
    const kind = gridKindOf(grid);
    const rows = await db.query<CountRow & Record<string, unknown>>(kind.buildCountQuery(EMPTY_FILTERS));
    const r = runHotspotAnalysis(
      {
        grid,
        area: buildOccupiedArea(rows, EMPTY_FILTERS),
        hood: { kind: 'queen' },
        fdr: true,
        countRows: rows,
        emerging: null,
      },
      new HotspotGridCache(),
    );
    expect(r.ids.length).toBe(rows.length);
    expect(r.ids.length).toBeGreaterThan(2900);
    expect(Array.from(r.counts).reduce((a, b) => a + b, 0)).toBe(3000);
    // the same box as a boundary: about 68 km × 67 km of 100 m cells, over the limit
    const parsed = parseBoundary(
      {
        type: 'Polygon',
        coordinates: [
          [
            [116, 39.6],
            [116.8, 39.6],
            [116.8, 40.2],
            [116, 40.2],
            [116, 39.6],
          ],
        ],
      },
      'WGS84',
    );
    if (!('boundary' in parsed)) throw new Error('the box is a polygon');
    let failure: AnalysisError | null = null;
    try {
      runHotspotAnalysis(
        {
          grid,
          area: buildBoundaryArea(parsed.boundary, 'box'),
          hood: { kind: 'queen' },
          fdr: true,
          countRows: rows,
          emerging: null,
        },
        new HotspotGridCache(),
      );
    } catch (err) {
      failure = AnalysisError.from(err);
    }
    expect(failure?.key).toBe('hotspots.error.tooManyCells');
  });

  it('a boundary file: its polygons in WGS-84 from GCJ-02, or what is wrong with it', () => {
    expect(parseBoundary({ type: 'FeatureCollection', features: [] }, 'WGS84')).toEqual({
      error: 'hotspots.boundary.noPolygons',
    });
    const parsed = parseBoundary(
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [116.4, 39.9],
              [116.5, 39.9],
              [116.5, 40],
              [116.4, 39.9],
            ],
          ],
        },
      },
      'GCJ02',
    );
    if (!('boundary' in parsed)) throw new Error('a polygon');
    expect(parsed.boundary.polygons).toBe(1);
    const ring = (parsed.boundary.mask.features[0] as { geometry: { coordinates: number[][][] } }).geometry
      .coordinates[0]!;
    // GCJ-02 lies about 0.006° east and 0.0013° north of WGS-84 at Beijing (a few hundred metres)
    expect(ring[0]![0]).toBeLessThan(116.4);
    expect(116.4 - ring[0]![0]!).toBeGreaterThan(0.004);
    expect(116.4 - ring[0]![0]!).toBeLessThan(0.008);
  });
});
