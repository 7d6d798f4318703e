import { normalTwoSidedP } from './normal';

export interface MannKendallResult {
  n: number;
  /** S = Σ_{i<j} sign(x_j − x_i) */
  s: number;
  /** Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)] / 18 over groups of tied values. */
  varS: number;
  /** (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, else 0 (continuity correction). */
  z: number;
  /** two-sided, standard normal */
  p: number;
}

/**
 * Mann–Kendall trend test (Mann 1945, Kendall 1975; the tie correction as in Gilbert 1987, §16.4)
 * on `length` values of `x` starting at `start`, `stride` apart (a cell's series in a slice-major
 * cube). Tied values are exactly equal numbers. O(n²) without allocation: a value with r equal values
 * before it adds 6r(r + 2) to the tie sum, which adds up to t(t−1)(2t+5) over a group of t.
 */
export function computeMannKendall(
  x: ArrayLike<number>,
  start = 0,
  length = x.length - start,
  stride = 1,
): MannKendallResult {
  const n = Math.max(0, length);
  let s = 0;
  let ties = 0;
  for (let j = 1; j < n; j++) {
    const xj = x[start + j * stride] as number;
    let equalBefore = 0;
    for (let i = 0; i < j; i++) {
      const xi = x[start + i * stride] as number;
      // branch-free: random series defeat the branch predictor
      s += +(xj > xi) - +(xj < xi);
      equalBefore += +(xj === xi);
    }
    ties += 6 * equalBefore * (equalBefore + 2);
  }
  const varS = n < 2 ? 0 : (n * (n - 1) * (2 * n + 5) - ties) / 18;
  let z = 0;
  if (varS > 0) {
    if (s > 0) z = (s - 1) / Math.sqrt(varS);
    else if (s < 0) z = (s + 1) / Math.sqrt(varS);
  }
  return { n, s, varS, z, p: normalTwoSidedP(z) };
}
