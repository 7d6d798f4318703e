import { AnalysisError } from '../../src/core/analysis-error';
import { booleanPointInPolygon, point } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../src/core/db/connector';
import { distanceMetres } from '../../src/core/geo/coords';
import {
  buildSquareCellSql,
  buildSquareCentreSql,
  buildStudyGrid,
  createSquareGridSpec,
  DEFAULT_GRID_ORIGIN,
  locateSquareCell,
  squareCellCentre,
  squareCellPolygon,
  squareGridPoint,
} from '../../src/core/grid/square-grid';
import { openTestDb } from '../helpers/db';

const SPEC = createSquareGridSpec(500);

describe('square grid geometry', () => {
  it('cells are sizeM wide and tall on the ground near the origin (haversine, within 0.01 %)', () => {
    const ring = squareCellPolygon(0, 0, SPEC)[0] as [number, number][];
    expect(ring).toHaveLength(5);
    expect(distanceMetres(ring[0] as [number, number], ring[1] as [number, number])).toBeCloseTo(500, 1);
    expect(distanceMetres(ring[1] as [number, number], ring[2] as [number, number])).toBeCloseTo(500, 1);
    expect(ring[0]).toEqual([DEFAULT_GRID_ORIGIN.lon, DEFAULT_GRID_ORIGIN.lat]);
  });

  it('the centre of a cell lies in that cell', () => {
    for (const [ix, iy] of [
      [0, 0],
      [-40, 17],
      [63, -88],
    ] as const) {
      expect(locateSquareCell(...squareCellCentre(ix, iy, SPEC), SPEC)).toEqual([ix, iy]);
    }
  });
});

describe('square cells in SQL and JS', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  async function locateInSql(points: [number, number][]): Promise<[number, number][]> {
    await db.exec('CREATE OR REPLACE TABLE pts (k INTEGER, lon DOUBLE, lat DOUBLE)');
    const values = points.map(([lon, lat], k) => `(${k}, ${lon}, ${lat})`).join(', ');
    await db.exec(`INSERT INTO pts VALUES ${values}`);
    const { ix, iy } = buildSquareCellSql(SPEC);
    const rows = await db.query<{ ix: number; iy: number }>(`SELECT ${ix} AS ix, ${iy} AS iy FROM pts ORDER BY k`);
    return rows.map((r) => [r.ix, r.iy]);
  }

  // Points exactly on a border go to the cell on its upper/right side: a corner (k, m) of the grid
  // belongs to cell (k, m); 1 cm to the south-west it belongs to (k − 1, m − 1).
  const CORNERS: [number, number][] = [
    [0, 0],
    [1, 1],
    [-1, -1],
    [7, -3],
    [-120, 95],
    [250, 250],
  ];

  it('a point on a cell corner belongs to the cell above and to the right, in JS and SQL', async () => {
    const pts = CORNERS.map(([k, m]) => squareGridPoint(k, m, SPEC));
    expect(pts.map((p) => locateSquareCell(...p, SPEC))).toEqual(CORNERS);
    expect(await locateInSql(pts)).toEqual(CORNERS);
  });

  it('a point on a vertical border only: right side; on a horizontal border only: upper side', async () => {
    const onVertical = squareGridPoint(3, 5.5, SPEC);
    const onHorizontal = squareGridPoint(-2.5, -4, SPEC);
    expect(locateSquareCell(...onVertical, SPEC)).toEqual([3, 5]);
    expect(locateSquareCell(...onHorizontal, SPEC)).toEqual([-3, -4]);
    expect(await locateInSql([onVertical, onHorizontal])).toEqual([
      [3, 5],
      [-3, -4],
    ]);
  });

  it('1 cm south-west of a corner falls in the cell below and to the left', async () => {
    const cm = 0.01 / 500;
    const pts = CORNERS.map(([k, m]) => squareGridPoint(k - cm, m - cm, SPEC));
    const expected = CORNERS.map(([k, m]) => [k - 1, m - 1]);
    expect(pts.map((p) => locateSquareCell(...p, SPEC))).toEqual(expected);
    expect(await locateInSql(pts)).toEqual(expected);
  });

  it('JS and SQL agree on 2000 scattered points over Beijing', async () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pts: [number, number][] = Array.from({ length: 2000 }, () => [115.4 + 2.1 * rand(), 39.4 + 1.7 * rand()]);
    expect(await locateInSql(pts)).toEqual(pts.map((p) => locateSquareCell(...p, SPEC)));
  });

  it('the SQL cell centre is the JS one', async () => {
    const { lon, lat } = buildSquareCentreSql(SPEC);
    const rows = await db.query<{ lon: number; lat: number }>(
      `SELECT ${lon} AS lon, ${lat} AS lat FROM (SELECT -40 AS ix, 17 AS iy)`,
    );
    const [cl, ca] = squareCellCentre(-40, 17, SPEC);
    expect(rows[0]?.lon).toBeCloseTo(cl, 12);
    expect(rows[0]?.lat).toBeCloseTo(ca, 12);
  });
});

describe('buildStudyGrid', () => {
  const corner = (u: number, v: number) => squareGridPoint(u, v, SPEC);

  it('covers every cell touching the bounds, empty ones included', () => {
    const [west, south] = corner(2.5, -1.5);
    const [east, north] = corner(5.5, 1.5);
    const g = buildStudyGrid({ west, south, east, north }, 500);
    // ix 2..5 (4 columns) × iy −2..1 (4 rows)
    expect(g.ids.length).toBe(16);
    expect(g.ids[0]).toBe('2:-2');
    expect(g.ids[15]).toBe('5:1');
    expect(g.indexOf(2, -2)).toBe(0);
    expect(g.indexOf(6, 0)).toBe(-1);
    expect(g.locate(...squareCellCentre(3, 0, SPEC))).toBe(g.indexOf(3, 0));
    expect(g.locate(...squareCellCentre(9, 9, SPEC))).toBe(-1);
  });

  it('keeps only cells whose centre lies in the mask, holes excluded', () => {
    // A 4 × 4-cell square from corner (0,0) to (4,4) with a hole around cell (1,1)'s centre.
    const outer = [corner(0, 0), corner(4, 0), corner(4, 4), corner(0, 4), corner(0, 0)];
    const hole = [corner(1.2, 1.2), corner(1.2, 1.8), corner(1.8, 1.8), corner(1.8, 1.2), corner(1.2, 1.2)];
    const g = buildStudyGrid(null, 500, { mask: { type: 'Polygon', coordinates: [outer, hole] } });
    expect(g.ids.length).toBe(15);
    expect(g.indexOf(1, 1)).toBe(-1);
    expect(g.indexOf(0, 0)).toBeGreaterThanOrEqual(0);
    expect(g.indexOf(3, 3)).toBeGreaterThanOrEqual(0);
  });

  it('agrees with turf point-in-polygon on every cell centre of a concave MultiPolygon mask', () => {
    const star = Array.from({ length: 11 }, (_, k) => {
      const r = k % 2 === 0 ? 9 : 3.5;
      const a = (k * Math.PI) / 5;
      return corner(10 + r * Math.cos(a), 10 + r * Math.sin(a));
    });
    const square = [corner(25, 0), corner(31, 0), corner(31, 6), corner(25, 6), corner(25, 0)];
    const feature = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'MultiPolygon', coordinates: [[star], [square]] },
    };
    const mask = { type: 'FeatureCollection', features: [feature] };
    const [west, south] = corner(0, -1);
    const [east, north] = corner(32, 20);
    const g = buildStudyGrid({ west, south, east, north }, 500, { mask });
    const full = buildStudyGrid({ west, south, east, north }, 500);
    const expected = full.ids.filter((_, i) =>
      booleanPointInPolygon(
        point([full.centres[2 * i] as number, full.centres[2 * i + 1] as number]),
        feature as Parameters<typeof booleanPointInPolygon>[1],
      ),
    );
    expect(expected.length).toBeGreaterThan(100);
    expect(g.ids).toEqual(expected);
  });

  it('neighbours skip cells outside the mask; a band is measured in metres', () => {
    // An L of three cells: (0,0), (1,0), (0,1).
    const L = [corner(0, 0), corner(2, 0), corner(2, 1), corner(1, 1), corner(1, 2), corner(0, 2), corner(0, 0)];
    const g = buildStudyGrid(null, 500, { mask: { type: 'Polygon', coordinates: [L] } });
    expect(g.ids).toEqual(['0:0', '1:0', '0:1']);
    const queen = g.neighbours({ kind: 'queen' });
    expect(Array.from(queen.indices.subarray(queen.offsets[1], queen.offsets[2]))).toEqual([0, 2]);
    // (1,0) and (0,1) are √2 · 500 = 707 m apart: inside a 750 m band, outside a 600 m band
    const near = g.neighbours({ kind: 'band', distanceM: 600 });
    expect(Array.from(near.indices.subarray(near.offsets[1], near.offsets[2]))).toEqual([0]);
    const far = g.neighbours({ kind: 'band', distanceM: 750 });
    expect(Array.from(far.indices.subarray(far.offsets[1], far.offsets[2]))).toEqual([0, 2]);
  });

  it('refuses a grid above the cell limit with a message key', () => {
    const box = { west: 73, south: 18, east: 135, north: 53 };
    expect(() => buildStudyGrid(box, 100)).toThrow(AnalysisError);
    try {
      buildStudyGrid(box, 100);
    } catch (e) {
      expect((e as AnalysisError).key).toBe('hotspots.error.tooManyCells');
    }
  });

  it('an empty mask gives an empty grid', () => {
    expect(buildStudyGrid(null, 500, { mask: { type: 'FeatureCollection', features: [] } }).ids).toEqual([]);
  });
});
