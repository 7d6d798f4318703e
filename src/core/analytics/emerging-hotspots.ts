import { computeGiStarZ } from './gi-star';
import { computeMannKendall } from './mann-kendall';
import type { Neighbours } from './neighbours';

export type EmergingCategory =
  | 'new_hot'
  | 'consecutive_hot'
  | 'intensifying_hot'
  | 'persistent_hot'
  | 'diminishing_hot'
  | 'sporadic_hot'
  | 'oscillating_hot'
  | 'historical_hot'
  | 'new_cold'
  | 'consecutive_cold'
  | 'intensifying_cold'
  | 'persistent_cold'
  | 'diminishing_cold'
  | 'sporadic_cold'
  | 'oscillating_cold'
  | 'historical_cold'
  | 'none';

/** Legend order. */
export const EMERGING_CATEGORIES: readonly EmergingCategory[] = [
  'new_hot',
  'consecutive_hot',
  'intensifying_hot',
  'persistent_hot',
  'diminishing_hot',
  'sporadic_hot',
  'oscillating_hot',
  'historical_hot',
  'new_cold',
  'consecutive_cold',
  'intensifying_cold',
  'persistent_cold',
  'diminishing_cold',
  'sporadic_cold',
  'oscillating_cold',
  'historical_cold',
  'none',
];

/**
 * A slice is hot for a cell when z > 0 and raw p < 0.05, cold when z < 0 and p < 0.05; two-sided
 * p < 0.05 is |z| > 1.959963984540054, the normal quantile z_0.975, which spares a normal tail per
 * cell and slice.
 */
export const EMERGING_Z_CRITICAL = 1.959963984540054;
/** Mann–Kendall trend significance. */
export const TREND_ALPHA = 0.05;

export interface EmergingResult {
  slices: number;
  cells: number;
  /** slice-major cube of Gi* z: slice t of cell i at t · cells + i (p = normalTwoSidedP(z)) */
  z: Float64Array;
  /** +1 hot, −1 cold, 0 neither */
  state: Int8Array;
  nHot: Int32Array;
  nCold: Int32Array;
  trendS: Float64Array;
  trendZ: Float64Array;
  trendP: Float64Array;
  category: EmergingCategory[];
}

/**
 * Emerging hot spots (metrics.md, Hotspots): Gi* per slice over spatial neighbours only, each slice
 * with its own x̄, s and n; then per cell the hot/cold history and Mann–Kendall on its z series.
 * `counts` is slice-major (slice t of cell i at t · cells + i). A slice without data has zero
 * variance: z = 0, p = 1, neither hot nor cold.
 */
export function computeEmergingHotspots(counts: Float64Array, slices: number, nb: Neighbours): EmergingResult {
  const cells = nb.offsets.length - 1;
  if (counts.length !== slices * cells) throw new RangeError(`expected ${slices * cells} counts, got ${counts.length}`);
  const z = new Float64Array(counts.length);
  for (let t = 0; t < slices; t++) {
    const from = t * cells;
    const to = from + cells;
    computeGiStarZ(counts.subarray(from, to), nb, z.subarray(from, to));
  }
  return classifyEmergingCube(z, slices, cells);
}

/** The per-cell analysis of a slice-major cube of Gi* z-scores (the second half of the method). */
export function classifyEmergingCube(z: Float64Array, slices: number, cells: number): EmergingResult {
  const state = new Int8Array(slices * cells);
  for (let k = 0; k < state.length; k++) {
    const zk = z[k] as number;
    if (zk > EMERGING_Z_CRITICAL) state[k] = 1;
    else if (zk < -EMERGING_Z_CRITICAL) state[k] = -1;
  }
  const nHot = new Int32Array(cells);
  const nCold = new Int32Array(cells);
  const trendS = new Float64Array(cells);
  const trendZ = new Float64Array(cells);
  const trendP = new Float64Array(cells);
  const category: EmergingCategory[] = new Array<EmergingCategory>(cells);
  const series = new Int8Array(slices);
  // a cell's z series copied out of the slice-major cube: the O(T²) test then reads contiguous memory
  const zSeries = new Float64Array(slices);
  for (let i = 0; i < cells; i++) {
    let h = 0;
    let c = 0;
    for (let t = 0; t < slices; t++) {
      const st = state[t * cells + i] as number;
      series[t] = st;
      zSeries[t] = z[t * cells + i] as number;
      if (st > 0) h++;
      else if (st < 0) c++;
    }
    const mk = computeMannKendall(zSeries);
    nHot[i] = h;
    nCold[i] = c;
    trendS[i] = mk.s;
    trendZ[i] = mk.z;
    trendP[i] = mk.p;
    category[i] = categorizeEmergingCell(series, mk.s, mk.p);
  }
  return { slices, cells, z, state, nHot, nCold, trendS, trendZ, trendP, category };
}

/**
 * The category rules of metrics.md in their order; the first that matches wins (after Esri, "How
 * Emerging Hot Spot Analysis works", with metrics.md settling its ambiguities). `states` is the
 * cell's +1/−1/0 series in time order; `s` and `p` its Mann–Kendall S and p.
 */
export function categorizeEmergingCell(states: ArrayLike<number>, s: number, p: number): EmergingCategory {
  const slices = states.length;
  if (slices === 0) return 'none';
  let nHot = 0;
  let nCold = 0;
  for (let t = 0; t < slices; t++) {
    const st = states[t] as number;
    if (st > 0) nHot++;
    else if (st < 0) nCold++;
  }
  const ninety = (k: number) => 10 * k >= 9 * slices;
  const significant = p < TREND_ALPHA;
  const last = states[slices - 1] as number;
  if (last !== 0) {
    const sign = last > 0 ? 1 : -1;
    const kind = sign > 0 ? 'hot' : 'cold';
    const same = sign > 0 ? nHot : nCold;
    const opposite = sign > 0 ? nCold : nHot;
    if (ninety(same)) {
      if (significant && s * sign > 0) return `intensifying_${kind}`;
      if (significant && s * sign < 0) return `diminishing_${kind}`;
      return `persistent_${kind}`;
    }
    if (opposite > 0) return `oscillating_${kind}`;
    if (same === 1) return `new_${kind}`;
    if (isTrailingRun(states, sign, same)) return `consecutive_${kind}`;
    return `sporadic_${kind}`;
  }
  if (ninety(nHot)) return 'historical_hot';
  if (ninety(nCold)) return 'historical_cold';
  return 'none';
}

/** True when the slices with state `sign` are exactly the last `count`. */
function isTrailingRun(states: ArrayLike<number>, sign: number, count: number): boolean {
  const slices = states.length;
  for (let t = slices - count; t < slices; t++) if (states[t] !== sign) return false;
  return true;
}
