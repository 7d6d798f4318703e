/** Where the print maps' numbered markers and legend go, so that neither hides the other nor what they point at. */

export type Point = [number, number];

/** Offsets tried around an anchor, nearest first: right, up, up-right, left, … then twice as far. */
const DIRECTIONS: readonly Point[] = [
  [1, 0],
  [0, -1],
  [0.71, -0.71],
  [-1, 0],
  [0.71, 0.71],
  [-0.71, -0.71],
  [0, 1],
  [-0.71, 0.71],
];

/**
 * Places circles of radius `r` in order at their anchors, kept inside width × height; one that would overlap a circle
 * already placed moves to the first free spot around its anchor (one, then two diameters away). When none is free it
 * stays at its anchor. Returns each circle's centre.
 */
export function placeMarkers(anchors: readonly Point[], r: number, width: number, height: number): Point[] {
  const placed: Point[] = [];
  const gap = 2 * r + 1;
  const clamp = ([x, y]: Point): Point => [Math.min(width - r, Math.max(r, x)), Math.min(height - r, Math.max(r, y))];
  const free = ([x, y]: Point) => placed.every(([px, py]) => Math.hypot(x - px, y - py) >= gap);
  for (const anchor of anchors) {
    const candidates: Point[] = [anchor];
    for (const step of [gap, 2 * gap]) {
      for (const [dx, dy] of DIRECTIONS) candidates.push([anchor[0] + dx * step, anchor[1] + dy * step]);
    }
    placed.push(candidates.map(clamp).find(free) ?? clamp(anchor));
  }
  return placed;
}

export type Corner = 'bottom-left' | 'top-left' | 'top-right' | 'bottom-right';

/**
 * The corner for a legend box of w × h (set `margin` px in from the edges) that covers the fewest of `points`; ties
 * go to the earlier corner of `corners` (the usual place first).
 */
export function chooseLegendCorner(
  points: readonly Point[],
  w: number,
  h: number,
  width: number,
  height: number,
  corners: readonly Corner[],
  margin = 4,
): { corner: Corner; x: number; y: number } {
  const boxOf = (corner: Corner) => ({
    x: corner.endsWith('left') ? margin : width - margin - w,
    y: corner.startsWith('top') ? margin : height - margin - h,
  });
  let best: { corner: Corner; x: number; y: number; covered: number } | null = null;
  for (const corner of corners) {
    const { x, y } = boxOf(corner);
    const covered = points.filter(([px, py]) => px >= x && px <= x + w && py >= y && py <= y + h).length;
    if (!best || covered < best.covered) best = { corner, x, y, covered };
  }
  const chosen = best ?? { corner: 'bottom-left' as const, ...boxOf('bottom-left') };
  return { corner: chosen.corner, x: chosen.x, y: chosen.y };
}
