/**
 * Binary spatial neighbourhoods in compressed-row form: the neighbours of cell i (itself excluded)
 * are indices[offsets[i] .. offsets[i + 1]). Gi* adds the cell itself (metrics.md, Hotspots).
 */
export interface Neighbours {
  offsets: Int32Array;
  indices: Int32Array;
}

export type Neighbourhood = { kind: 'queen' } | { kind: 'band'; distanceM: number };

export const QUEEN: Neighbourhood = { kind: 'queen' };

/** Neighbour lists (any order, duplicates and self allowed) → compressed rows, sorted and unique. */
export function buildNeighboursFromLists(lists: readonly (readonly number[])[]): Neighbours {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  const clean = lists.map((list, i) =>
    [...new Set(list)].filter((j) => j !== i && j >= 0 && j < n).sort((a, b) => a - b),
  );
  clean.forEach((list, i) => (offsets[i + 1] = (offsets[i] ?? 0) + list.length));
  const indices = new Int32Array(offsets[n] ?? 0);
  clean.forEach((list, i) => indices.set(list, offsets[i] ?? 0));
  return { offsets, indices };
}

/**
 * Neighbours on integer cell coordinates (square cells): queen = the 8 surrounding cells; a band of
 * `radiusCells` = every cell whose centre lies within that many cell widths (inclusive). Cells not in
 * the list (outside the study area) are never neighbours. O(n · stencil) with one lookup array over
 * the cells' bounding rectangle.
 */
export function buildSquareNeighbours(
  cellX: Int32Array,
  cellY: Int32Array,
  hood: { kind: 'queen' } | { kind: 'band'; radiusCells: number },
): Neighbours {
  const n = cellX.length;
  if (n === 0) return { offsets: new Int32Array(1), indices: new Int32Array(0) };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = cellX[i] as number;
    const y = cellY[i] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const slot = new Int32Array(w * h).fill(-1);
  for (let i = 0; i < n; i++) slot[((cellY[i] as number) - minY) * w + ((cellX[i] as number) - minX)] = i;

  const stencil = buildStencil(hood);
  const neighbourOf = (i: number, s: number): number => {
    const nx = (cellX[i] as number) - minX + (stencil[s] as number);
    const ny = (cellY[i] as number) - minY + (stencil[s + 1] as number);
    if (nx < 0 || ny < 0 || nx >= w || ny >= h) return -1;
    return slot[ny * w + nx] as number;
  };
  // two passes (count, then fill) so that a wide band does not allocate n × stencil up front
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let s = 0; s < stencil.length; s += 2) if (neighbourOf(i, s) >= 0) k++;
    offsets[i + 1] = (offsets[i] as number) + k;
  }
  const indices = new Int32Array(offsets[n] as number);
  for (let i = 0, k = 0; i < n; i++) {
    for (let s = 0; s < stencil.length; s += 2) {
      const j = neighbourOf(i, s);
      if (j >= 0) indices[k++] = j;
    }
  }
  return { offsets, indices };
}

/** (dx, dy) pairs, the centre excluded, in row-major order. */
function buildStencil(hood: { kind: 'queen' } | { kind: 'band'; radiusCells: number }): Int32Array {
  if (hood.kind === 'queen') return Int32Array.from([-1, -1, 0, -1, 1, -1, -1, 0, 1, 0, -1, 1, 0, 1, 1, 1]);
  const r = Math.max(0, hood.radiusCells);
  const reach = Math.floor(r + 1e-9);
  const limit = r * r * (1 + 1e-12);
  const out: number[] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      if ((dx !== 0 || dy !== 0) && dx * dx + dy * dy <= limit) out.push(dx, dy);
    }
  }
  return Int32Array.from(out);
}

/**
 * Every pair of points within `band` of each other (inclusive), coordinates in metres. A spatial hash
 * with buckets of the band's size keeps it near O(n · neighbours).
 */
export function buildDistanceBandNeighbours(x: Float64Array, y: Float64Array, band: number): Neighbours {
  const n = x.length;
  const lists: number[][] = Array.from({ length: n }, () => []);
  if (n === 0 || !(band > 0)) return buildNeighboursFromLists(lists);
  const buckets = new Map<string, number[]>();
  const key = (bx: number, by: number) => `${bx},${by}`;
  for (let i = 0; i < n; i++) {
    const k = key(Math.floor((x[i] as number) / band), Math.floor((y[i] as number) / band));
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  }
  const limit = band * band * (1 + 1e-12);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    const bx = Math.floor(xi / band);
    const by = Math.floor(yi / band);
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        for (const j of buckets.get(key(bx + dx, by + dy)) ?? []) {
          if (j === i) continue;
          const ddx = (x[j] as number) - xi;
          const ddy = (y[j] as number) - yi;
          if (ddx * ddx + ddy * ddy <= limit) (lists[i] as number[]).push(j);
        }
      }
    }
  }
  return buildNeighboursFromLists(lists);
}
