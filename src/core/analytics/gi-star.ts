import { buildSquareNeighbours, type Neighbours } from './neighbours';
import { normalTwoSidedP } from './normal';

export interface GiStarResult {
  z: Float64Array;
  p: Float64Array;
  n: number;
  mean: number;
  /** s = sqrt(Σx²/n − x̄²); 0 when every cell has the same count. */
  sd: number;
}

/**
 * Getis–Ord Gi* with binary weights that include the cell itself (Ord & Getis 1995, eq. 14; the form
 * ArcGIS documents): z_i = (Σ_j w_ij x_j − x̄ Σ_j w_ij) / (s √((n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1))).
 * With binary weights Σw = Σw² = k_i, the cell plus its neighbours. Where the statistic is undefined
 * (every count equal, a single cell, or a neighbourhood spanning all n cells) z = 0 and p = 1.
 * O(n + Σ k_i). Writes into `out` when given (e.g. subarrays of a space-time cube).
 */
export function computeGiStar(
  x: Float64Array,
  nb: Neighbours,
  out?: { z: Float64Array; p: Float64Array },
): GiStarResult {
  const z = out?.z ?? new Float64Array(x.length);
  const p = out?.p ?? new Float64Array(x.length);
  const stats = computeGiStarZ(x, nb, z);
  for (let i = 0; i < x.length; i++) p[i] = normalTwoSidedP(z[i] as number);
  return { z, p, ...stats };
}

/** computeGiStar without the p-values (the normal tail is most of the cost over a space-time cube). */
export function computeGiStarZ(
  x: Float64Array,
  nb: Neighbours,
  z: Float64Array = new Float64Array(x.length),
): { n: number; mean: number; sd: number } {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] as number;
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - mean;
    ss += d * d;
  }
  const sd = n > 0 ? Math.sqrt(ss / n) : 0;
  if (!(sd > 1e-12 * Math.max(1, Math.abs(mean))) || n < 2) {
    z.fill(0, 0, n);
    return { n, mean, sd: 0 };
  }
  const { offsets, indices } = nb;
  for (let i = 0; i < n; i++) {
    const from = offsets[i] as number;
    const to = offsets[i + 1] as number;
    let lag = x[i] as number;
    for (let k = from; k < to; k++) lag += x[indices[k] as number] as number;
    const w = to - from + 1;
    const spread = (n * w - w * w) / (n - 1);
    z[i] = spread > 0 ? (lag - mean * w) / (sd * Math.sqrt(spread)) : 0;
  }
  return { n, mean, sd };
}

/** Neighbours of a dense nx × ny grid stored row-major (cell (ix, iy) at iy · nx + ix). */
export function buildDenseGridNeighbours(
  nx: number,
  ny: number,
  hood: { kind: 'queen' } | { kind: 'band'; radiusCells: number },
): Neighbours {
  const cellX = new Int32Array(nx * ny);
  const cellY = new Int32Array(nx * ny);
  for (let iy = 0, i = 0; iy < ny; iy++) {
    for (let ix = 0; ix < nx; ix++, i++) {
      cellX[i] = ix;
      cellY[i] = iy;
    }
  }
  return buildSquareNeighbours(cellX, cellY, hood);
}

/** Gi* over a dense row-major grid of counts, empty cells included. */
export function computeGiStarOnGrid(
  counts: Float64Array,
  nx: number,
  ny: number,
  hood: { kind: 'queen' } | { kind: 'band'; radiusCells: number } = { kind: 'queen' },
): GiStarResult {
  if (counts.length !== nx * ny) throw new RangeError(`expected ${nx * ny} counts, got ${counts.length}`);
  return computeGiStar(counts, buildDenseGridNeighbours(nx, ny, hood));
}
