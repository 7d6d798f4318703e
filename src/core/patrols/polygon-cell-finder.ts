import type { StudyGrid } from '../grid/study-grid';
import type { CellFinder } from './cell-finder';

/** Crossings closer than this (in the segment parameter) are one: a segment through a shared vertex. */
const MERGE_EPS = 1e-12;

interface EdgeIndex {
  /** every cell's edges as x0, y0, x1, y1 (lon/lat), cell c's at edges[4 · edgeStart[c] …] */
  edges: Float64Array;
  edgeStart: Int32Array;
  boxes: Float64Array;
  buckets: Map<number, number[]>;
  bucketSize: number;
}

/**
 * The pass rules on a grid of polygons (H3 hexagons, the user's 网格). A segment is cut where it crosses any
 * edge of a nearby cell; within a piece it crosses no border, so the cells it passes are those of the
 * pieces' midpoints and of the cut points themselves, each found by the grid's own `locate`. Points on a
 * shared border thus go where a track point there would go (the first polygon in file order, H3's own
 * rule), and a segment along a border passes one cell, not both. Edges are straight in longitude/latitude,
 * as the cells are drawn.
 */
export function createPolygonCellFinder(grid: StudyGrid): CellFinder {
  let index: EdgeIndex | null = null;
  return {
    cellCount: grid.ids.length,
    locate: (lon, lat) => grid.locate(lon, lat),
    forEachSegmentCell: (lonA, latA, lonB, latB, visit) => {
      index ??= buildEdgeIndex(grid);
      const ts = [0, 1];
      const dx = lonB - lonA;
      const dy = latB - latA;
      for (const c of candidateCells(index, lonA, latA, lonB, latB)) {
        const from = index.edgeStart[c] as number;
        const to = index.edgeStart[c + 1] as number;
        for (let e = from; e < to; e++) {
          const t = crossSegment(lonA, latA, dx, dy, index.edges, 4 * e);
          if (t !== null) ts.push(t);
        }
      }
      ts.sort((a, b) => a - b);
      const cuts = ts.filter((t, k) => k === 0 || t - (ts[k - 1] as number) > MERGE_EPS);
      for (let k = 0; k < cuts.length; k++) {
        const t = cuts[k] as number;
        const next = cuts[k + 1];
        const at = grid.locate(lonA + t * dx, latA + t * dy);
        if (at >= 0) visit(at, t, t);
        if (next === undefined) continue;
        const mid = (t + next) / 2;
        const inside = grid.locate(lonA + mid * dx, latA + mid * dy);
        if (inside >= 0) visit(inside, t, next);
      }
    },
  };
}

/** Where segment A + t·(dx, dy) meets edge k, t ∈ [0, 1], or null (parallel edges never cut it). */
function crossSegment(ax: number, ay: number, dx: number, dy: number, edges: Float64Array, k: number): number | null {
  const x0 = edges[k] as number;
  const y0 = edges[k + 1] as number;
  const ex = (edges[k + 2] as number) - x0;
  const ey = (edges[k + 3] as number) - y0;
  const denom = dx * ey - dy * ex;
  if (denom === 0) return null;
  const wx = x0 - ax;
  const wy = y0 - ay;
  const t = (wx * ey - wy * ex) / denom;
  const s = (wx * dy - wy * dx) / denom;
  return t >= 0 && t <= 1 && s >= 0 && s <= 1 ? t : null;
}

function buildEdgeIndex(grid: StudyGrid): EdgeIndex {
  const n = grid.ids.length;
  const edgeStart = new Int32Array(n + 1);
  const boxes = new Float64Array(4 * n);
  const edgeList: number[] = [];
  let size = 0;
  for (let c = 0; c < n; c++) {
    let w = Infinity;
    let s = Infinity;
    let e = -Infinity;
    let north = -Infinity;
    for (const polygon of grid.cellPolygons(c)) {
      for (const ring of polygon) {
        for (let k = 0; k < ring.length; k++) {
          const p = ring[k] as number[];
          const q = ring[(k + 1) % ring.length] as number[];
          const px = p[0] as number;
          const py = p[1] as number;
          if (px !== q[0] || py !== q[1]) edgeList.push(px, py, q[0] as number, q[1] as number);
          w = Math.min(w, px);
          e = Math.max(e, px);
          s = Math.min(s, py);
          north = Math.max(north, py);
        }
      }
    }
    edgeStart[c + 1] = edgeList.length / 4;
    boxes.set([w, s, e, north], 4 * c);
    size = Math.max(size, e - w, north - s);
  }
  const bucketSize = size > 0 && Number.isFinite(size) ? size : 1;
  const buckets = new Map<number, number[]>();
  for (let c = 0; c < n; c++) {
    forEachBucket(boxes, 4 * c, bucketSize, (key) => {
      const list = buckets.get(key);
      if (list) list.push(c);
      else buckets.set(key, [c]);
    });
  }
  return { edges: Float64Array.from(edgeList), edgeStart, boxes, buckets, bucketSize };
}

function forEachBucket(box: ArrayLike<number>, k: number, size: number, f: (key: number) => void): void {
  const x0 = Math.floor((box[k] as number) / size);
  const y0 = Math.floor((box[k + 1] as number) / size);
  const x1 = Math.floor((box[k + 2] as number) / size);
  const y1 = Math.floor((box[k + 3] as number) / size);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) f(y * 1_000_003 + x);
}

function candidateCells(index: EdgeIndex, ax: number, ay: number, bx: number, by: number): Set<number> {
  const box = [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
  const out = new Set<number>();
  forEachBucket(box, 0, index.bucketSize, (key) => {
    for (const c of index.buckets.get(key) ?? []) {
      const b = 4 * c;
      const overlaps =
        (index.boxes[b] as number) <= (box[2] as number) &&
        (index.boxes[b + 2] as number) >= (box[0] as number) &&
        (index.boxes[b + 1] as number) <= (box[3] as number) &&
        (index.boxes[b + 3] as number) >= (box[1] as number);
      if (overlaps) out.add(c);
    }
  });
  return out;
}
