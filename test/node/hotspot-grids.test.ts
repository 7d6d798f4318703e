import { booleanPointInPolygon, point } from '@turf/turf';
import { areNeighborCells, cellToLatLng, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import type { Neighbours } from '../../src/core/analytics/neighbours';
import { gcj02ToWgs84 } from '../../src/core/geo/coords';
import { buildH3StudyGrid } from '../../src/core/grid/h3-grid';
import { assembleBinCounts } from '../../src/core/grid/study-grid';
import { parseUserGrid } from '../../src/core/grid/user-grid';

const neighboursOf = (nb: Neighbours, i: number) =>
  Array.from(nb.indices.subarray(nb.offsets[i] as number, nb.offsets[i + 1] as number));

describe('H3 study grid', () => {
  const bounds = { west: 116.35, south: 39.88, east: 116.45, north: 39.94 };
  const grid = buildH3StudyGrid({ bounds }, 8);

  it('covers the box with every cell, and the points near its edges find a cell', () => {
    expect(grid.ids.length).toBeGreaterThan(10);
    for (const [lon, lat] of [
      [bounds.west, bounds.south],
      [bounds.east, bounds.north],
      [116.4, 39.91],
    ] as const) {
      const i = grid.locate(lon, lat);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(grid.ids[i]).toBe(latLngToCell(lat, lon, 8));
    }
    expect(grid.locate(120, 30)).toBe(-1);
  });

  it('queen neighbours are the adjacent hexagons in the grid (h3 areNeighborCells)', () => {
    const nb = grid.neighbours({ kind: 'queen' });
    let full = 0;
    grid.ids.forEach((h, i) => {
      const list = neighboursOf(nb, i);
      expect(list.length).toBeLessThanOrEqual(6);
      if (list.length === 6) full++;
      for (const j of list) expect(areNeighborCells(h, grid.ids[j] as string)).toBe(true);
      const adjacent = grid.ids.filter((g) => g !== h && areNeighborCells(h, g)).length;
      expect(list.length).toBe(adjacent);
    });
    expect(full).toBeGreaterThan(0);
  });

  it('with a mask keeps the cells whose centres are inside it', () => {
    const ring = [
      [116.38, 39.89],
      [116.42, 39.89],
      [116.4, 39.93],
      [116.38, 39.89],
    ];
    const masked = buildH3StudyGrid({ mask: { type: 'Polygon', coordinates: [ring] } }, 9);
    expect(masked.ids.length).toBeGreaterThan(20);
    for (const h of masked.ids) {
      const [lat, lon] = cellToLatLng(h);
      expect(booleanPointInPolygon(point([lon, lat]), { type: 'Polygon', coordinates: [ring] })).toBe(true);
    }
  });

  it('adds fine-bin counts into cells, outside bins counted apart', () => {
    const rows = [
      { bx: 1164000, by: 399100, n: 3 },
      { bx: 1164000, by: 399100, n: 2 },
      { bx: 1200000, by: 300000, n: 7 },
    ];
    const { counts, outside } = assembleBinCounts(grid, rows, 4);
    expect(counts[grid.locate(116.4, 39.91)]).toBe(5);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(outside).toBe(7);
  });
});

/** A square of `d` degrees with its south-west corner at (lon, lat). */
function square(lon: number, lat: number, d: number): number[][][] {
  return [
    [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ],
  ];
}

function feature(coordinates: number[][][], properties: Record<string, unknown>, id?: string) {
  return { type: 'Feature', id, properties, geometry: { type: 'Polygon', coordinates } };
}

describe('user grid (网格)', () => {
  // 3 × 3 squares of 0.01° from (116.30, 39.90), row by row, ids G1..G9; then
  // G10 a small square sitting on top of G7–G9's row without sharing a vertex (a T-junction),
  // G11 an island 1 m east of G9's column, and a LineString that is skipped.
  const cells = Array.from({ length: 9 }, (_, k) =>
    feature(square(116.3 + 0.01 * (k % 3), 39.9 + 0.01 * Math.floor(k / 3), 0.01), {
      网格编号: `G${k + 1}`,
      名称: `网格${k + 1}`,
    }),
  );
  const tee = feature(square(116.3125, 39.93, 0.005), { grid_id: 'G10' });
  const island = feature(square(116.33001, 39.9, 0.005), {}, 'G11');
  const line = { type: 'Feature', properties: { id: 'L' }, geometry: { type: 'LineString', coordinates: [] } };
  const fc = { type: 'FeatureCollection', features: [...cells, tee, island, line] };
  const { grid, issues } = parseUserGrid(fc);

  it('reads ids and names from 网格编号/grid_id/feature id and 名称, skipping non-polygons', () => {
    expect(grid?.ids).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10', 'G11']);
    expect(grid?.names?.slice(0, 2)).toEqual(['网格1', '网格2']);
    expect(grid?.names?.[9]).toBeNull();
    expect(issues).toEqual([{ key: 'hotspots.userGrid.skippedFeatures', params: { count: 1 } }]);
  });

  it('queen neighbours: shared edges and corners, T-junctions, not a 1 m gap', () => {
    const nb = grid!.neighbours({ kind: 'queen' });
    // G5 (index 4) in the middle touches all eight others of the 3 × 3 block
    expect(neighboursOf(nb, 4)).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    // G1 (index 0): G2, G4 by an edge, G5 by a corner
    expect(neighboursOf(nb, 0)).toEqual([1, 3, 4]);
    // G10 sits on G8's top edge (116.3125–116.3175 within 116.31–116.32): no shared vertex
    expect(neighboursOf(nb, 9)).toEqual([7]);
    // G11 starts 0.00001° (≈ 0.85 m) east of G3/G6/G9's east edge
    expect(neighboursOf(nb, 10)).toEqual([]);
  });

  it('distance band between area centroids', () => {
    // centres 0.01° apart: 0.01° of latitude is 1112 m, of longitude at 39.9° 853 m
    const nb = grid!.neighbours({ kind: 'band', distanceM: 900 });
    expect(neighboursOf(nb, 4)).toEqual([3, 5]);
    const wider = grid!.neighbours({ kind: 'band', distanceM: 1150 });
    expect(neighboursOf(wider, 4)).toEqual([1, 3, 5, 7]);
  });

  it('locates points; a point on a shared border goes to the first polygon in file order', () => {
    expect(grid!.locate(116.315, 39.915)).toBe(4);
    expect(grid!.locate(116.31, 39.915)).toBe(3);
    expect(grid!.locate(116.2, 39.915)).toBe(-1);
  });

  it('generates and de-duplicates ids, and reports it', () => {
    const r = parseUserGrid({
      type: 'FeatureCollection',
      features: [
        feature(square(116, 39, 0.01), { ID: 'A' }),
        feature(square(116.01, 39, 0.01), { id: 'A' }),
        feature(square(116.02, 39, 0.01), {}),
      ],
    });
    expect(r.grid?.ids).toEqual(['A', 'A-2', '3']);
    expect(r.issues.map((i) => i.key)).toEqual(['hotspots.userGrid.generatedIds', 'hotspots.userGrid.duplicateIds']);
  });

  it('converts GCJ-02 coordinates to WGS-84', () => {
    const r = parseUserGrid(
      { type: 'FeatureCollection', features: [feature(square(116.4, 39.9, 0.01), { id: 'X' })] },
      'GCJ02',
    );
    const first = r.grid!.cellPolygons(0)[0]?.[0]?.[0];
    expect(first).toEqual([...gcj02ToWgs84(116.4, 39.9)]);
  });

  it('refuses what is not a FeatureCollection of polygons', () => {
    expect(parseUserGrid({ type: 'Polygon', coordinates: [] }).issues[0]?.key).toBe(
      'hotspots.userGrid.notFeatureCollection',
    );
    expect(parseUserGrid({ type: 'FeatureCollection', features: [line] }).issues.map((i) => i.key)).toEqual([
      'hotspots.userGrid.skippedFeatures',
      'hotspots.userGrid.noPolygons',
    ]);
  });
});
