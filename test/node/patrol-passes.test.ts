import { describe, expect, it } from 'vitest';
import { buildStudyGrid, squareGridPoint, type SquareStudyGrid } from '../../src/core/grid/square-grid';
import { createSquareCellFinder } from '../../src/core/patrols/square-cell-finder';
import { computeTrackPasses, type TrackColumns } from '../../src/core/patrols/track-passes';
import type { PassSet } from '../../src/core/patrols/patrol-passes';

/**
 * Hand-drawn tracks on 500 m square cells. Positions are written in cell units (u, v) from the grid's
 * origin cell (0, 0) of a 10 × 10 study grid; cells are half-open [u, u + 1) × [v, v + 1).
 */
const ORIGIN = { lon: 116.3975, lat: 39.9087 };

function makeGrid(): SquareStudyGrid {
  const spec = { originLon: ORIGIN.lon, originLat: ORIGIN.lat, sizeM: 500 };
  const [west, south] = squareGridPoint(0.5, 0.5, spec);
  const [east, north] = squareGridPoint(9.5, 9.5, spec);
  return buildStudyGrid({ west, south, east, north }, 500, { origin: ORIGIN });
}

const T0 = Date.UTC(2023, 0, 10, 19, 0); // 2023-01-10 19:00 CST wall-clock

interface P {
  u: number;
  v: number;
  /** minutes after 19:00 */
  min: number;
  patrol?: number;
  team?: number;
  lonLat?: [number, number];
}

function track(grid: SquareStudyGrid, points: P[], teams = ['一组', '二组']): TrackColumns {
  const at = (p: P) => p.lonLat ?? squareGridPoint(p.u, p.v, grid.spec);
  return {
    patrol: Int32Array.from(points.map((p) => p.patrol ?? 0)),
    team: Int32Array.from(points.map((p) => p.team ?? 0)),
    time: Float64Array.from(points.map((p) => T0 + p.min * 60_000)),
    lon: Float64Array.from(points.map((p) => at(p)[0])),
    lat: Float64Array.from(points.map((p) => at(p)[1])),
    teams,
  };
}

function cellsOf(grid: SquareStudyGrid, passes: PassSet): string[] {
  return [...new Set(Array.from(passes.cell, (c) => grid.ids[c] as string))].sort();
}

describe('segment-to-cell passes on square cells (hand-drawn tracks)', () => {
  const grid = makeGrid();
  const finder = createSquareCellFinder(grid);
  const run = (points: P[]) => computeTrackPasses(track(grid, points), finder);

  it('a lone point passes the cell it lies in', () => {
    expect(cellsOf(grid, run([{ u: 2.5, v: 3.5, min: 0 }]).passes)).toEqual(['2:3']);
  });

  it('a segment along a row passes every cell between its ends', () => {
    const { passes } = run([
      { u: 0.5, v: 0.5, min: 0 },
      { u: 3.5, v: 0.5, min: 5 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['0:0', '1:0', '2:0', '3:0']);
  });

  it('a segment along a cell edge passes only the cells above it (a border point belongs upward)', () => {
    // v = 1 is the border between rows 0 and 1
    const { passes } = run([
      { u: 0.5, v: 1, min: 0 },
      { u: 2.5, v: 1, min: 5 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['0:1', '1:1', '2:1']);
  });

  it('a vertical segment along a column edge passes only the cells to its right', () => {
    const { passes } = run([
      { u: 4, v: 2.2, min: 0 },
      { u: 4, v: 4.7, min: 5 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['4:2', '4:3', '4:4']);
  });

  it('a diagonal through a corner going up-right passes the two diagonal cells only', () => {
    // through corner (1, 1): (0,0) before it, the corner itself and after it in (1,1); never (1,0) or (0,1)
    const { passes } = run([
      { u: 0.5, v: 0.5, min: 0 },
      { u: 1.5, v: 1.5, min: 3 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['0:0', '1:1']);
  });

  it('a diagonal through a corner going up-left touches the corner cell too', () => {
    // from (1.5, 0.5) in cell (1,0) to (0.5, 1.5) in cell (0,1), through corner (1, 1), which is in cell (1,1)
    const { passes } = run([
      { u: 1.5, v: 0.5, min: 0 },
      { u: 0.5, v: 1.5, min: 3 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['0:1', '1:0', '1:1']);
  });

  it('a slanted segment passes the cells its line crosses, in the order crossed', () => {
    // v = 0.3 + 0.5 (u − 0.2): u = 1 at v = 0.7, v = 1 at u = 1.6, u = 2 at v = 1.2
    const { passes } = run([
      { u: 0.2, v: 0.3, min: 0 },
      { u: 2.6, v: 1.5, min: 6 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['0:0', '1:0', '1:1', '2:1']);
  });

  it('joins points at most 15 minutes and 3 km apart, and no further', () => {
    const joined = run([
      { u: 0.5, v: 5.5, min: 0 },
      { u: 2.5, v: 5.5, min: 15 },
    ]);
    expect(cellsOf(grid, joined.passes)).toEqual(['0:5', '1:5', '2:5']);
    expect(joined.report).toMatchObject({ segments: 1, gaps: 0 });
    const late = run([
      { u: 0.5, v: 5.5, min: 0 },
      { u: 2.5, v: 5.5, min: 16 },
    ]);
    expect(cellsOf(grid, late.passes)).toEqual(['0:5', '2:5']);
    expect(late.report).toMatchObject({ segments: 0, gaps: 1 });
    // 6.5 cells = 3.25 km in 10 minutes: a signal gap, not a jump (5.4 m/s)
    const far = run([
      { u: 0.5, v: 7.5, min: 0 },
      { u: 7, v: 7.5, min: 10 },
    ]);
    expect(cellsOf(grid, far.passes)).toEqual(['0:7', '7:7']);
    expect(far.report).toMatchObject({ segments: 0, gaps: 1, jumps: 0 });
  });

  it('never joins points of different patrols', () => {
    const { passes } = run([
      { u: 0.5, v: 8.5, min: 0, patrol: 0 },
      { u: 3.5, v: 8.5, min: 2, patrol: 1 },
    ]);
    expect(cellsOf(grid, passes)).toEqual(['0:8', '3:8']);
  });

  it('drops (0,0) fixes, cold-start jumps and spikes, and counts them', () => {
    const { passes, report } = run([
      { u: 0, v: 0, min: 0, lonLat: [0, 0] },
      // cold start: 40 cells (20 km) away a minute before the real fixes
      { u: 45.5, v: 2.5, min: 1 },
      { u: 5.5, v: 2.5, min: 2 },
      { u: 6.5, v: 2.5, min: 4 },
      // spike: 8 km north for one fix, 2 minutes after and before good fixes
      { u: 6.5, v: 18.5, min: 6 },
      { u: 7.5, v: 2.5, min: 8 },
    ]);
    expect(report).toMatchObject({ points: 6, invalid: 1, jumps: 2 });
    expect(cellsOf(grid, passes)).toEqual(['5:2', '6:2', '7:2']);
  });

  it('counts points outside the grid but still passes the cells their segments cross', () => {
    const { passes, report } = run([
      { u: -0.5, v: 3.5, min: 0 },
      { u: 1.5, v: 3.5, min: 4 },
    ]);
    expect(report.outside).toBe(1);
    expect(cellsOf(grid, passes)).toEqual(['0:3', '1:3']);
  });

  it('gives each cell the hour and day of the moment the patrol was in it', () => {
    // 19:50 → 20:05 over four cells at 5 min a cell: 0 (19:50–52:30) and 1 before 20:00, 2 (19:57:30–20:02:30)
    // across it, 3 after
    const { passes } = run([
      { u: 0.5, v: 6.5, min: 50 },
      { u: 3.5, v: 6.5, min: 65 },
    ]);
    const byCell = new Map<string, number[]>();
    passes.cell.forEach((c, i) =>
      byCell.set(grid.ids[c] as string, [...(byCell.get(grid.ids[c] as string) ?? []), passes.hour[i] as number]),
    );
    expect(byCell.get('0:6')).toEqual([19]);
    expect(byCell.get('1:6')).toEqual([19]);
    expect(byCell.get('2:6')).toEqual([19, 20]);
    expect(byCell.get('3:6')).toEqual([20]);
    expect(new Set(passes.day)).toEqual(new Set([Math.floor(T0 / 86_400_000)]));
  });
});
