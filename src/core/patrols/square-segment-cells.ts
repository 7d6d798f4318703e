interface Crossing {
  t: number;
  axis: 0 | 1;
  /** the grid line crossed (u = m or v = m) */
  m: number;
}

/** Crossings closer than this many cell widths are one (a corner): rounding must not invent a cell. */
const CORNER_EPS_CELLS = 1e-10;

/**
 * Every square cell (ix, iy) that the segment (u0, v0) → (u1, v1) in continuous cell coordinates passes
 * through, with cells half-open, [ix, ix + 1) × [iy, iy + 1), as a point is located (floor). A segment along a
 * grid line therefore passes only the cells on its upper/right side, and one through a corner passes the
 * corner's own cell (the one to its upper right) even when it only touches it there.
 *
 * A grid walk after Amanatides & Woo (1987), "A Fast Voxel Traversal Algorithm for Ray Tracing": the
 * crossings of the segment with the lines u = m and v = m, in order; at a crossing the crossed coordinate is
 * m itself (no floor of a rounded value), after it m when moving up, m − 1 when moving down.
 * `visit(ix, iy, tFrom, tTo)` gets the stretch of the segment (parameters) inside the cell; a cell touched at one
 * point has tFrom = tTo. Consecutive repeats are possible.
 */
export function forEachSquareSegmentCell(
  u0: number,
  v0: number,
  u1: number,
  v1: number,
  visit: (ix: number, iy: number, tFrom: number, tTo: number) => void,
): void {
  const du = u1 - u0;
  const dv = v1 - v0;
  const crossings: Crossing[] = [];
  collectCrossings(u0, u1, 0, crossings);
  collectCrossings(v0, v1, 1, crossings);
  crossings.sort((a, b) => a.t - b.t);
  const eps = CORNER_EPS_CELLS / Math.max(Math.abs(du), Math.abs(dv), 1e-300);
  let cx = Math.floor(u0);
  let cy = Math.floor(v0);
  visit(cx, cy, 0, crossings[0]?.t ?? 1);
  for (let k = 0; k < crossings.length;) {
    const first = crossings[k] as Crossing;
    let end = k;
    while (end < crossings.length && (crossings[end] as Crossing).t - first.t <= eps) end++;
    let atX = cx;
    let atY = cy;
    let afterX = cx;
    let afterY = cy;
    for (let j = k; j < end; j++) {
      const c = crossings[j] as Crossing;
      if (c.axis === 0) {
        atX = c.m;
        afterX = du > 0 ? c.m : c.m - 1;
      } else {
        atY = c.m;
        afterY = dv > 0 ? c.m : c.m - 1;
      }
    }
    const next = crossings[end];
    visit(atX, atY, first.t, first.t);
    cx = afterX;
    cy = afterY;
    if (first.t < 1) visit(cx, cy, first.t, next ? next.t : 1);
    k = end;
  }
}

/** Grid lines m where floor(coordinate) changes between a and b: m ∈ (a, b] moving up, (b, a] moving down. */
function collectCrossings(a: number, b: number, axis: 0 | 1, out: Crossing[]): void {
  if (a === b) return;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (let m = Math.floor(lo) + 1; m <= hi; m++) {
    out.push({ t: (m - a) / (b - a), axis, m });
  }
}
