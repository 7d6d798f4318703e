/**
 * Benjamini–Hochberg step-up procedure (Benjamini & Hochberg 1995): with the m p-values sorted,
 * p_(1) ≤ … ≤ p_(m), find the largest k with p_(k) ≤ k·α/m; the k smallest are significant.
 * Returns that p_(k), the cut-off (every p ≤ it is significant), or −1 when nothing is.
 */
export function findBhCutoff(p: ArrayLike<number>, alpha: number, sorted?: Float64Array): number {
  const s = sorted ?? sortPValues(p);
  const m = s.length;
  for (let k = m; k >= 1; k--) {
    const pk = s[k - 1] as number;
    if (pk <= (k * alpha) / m) return pk;
  }
  return -1;
}

/** Ascending copy with NaN read as 1. */
export function sortPValues(p: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(p, (v) => (Number.isNaN(v) ? 1 : v));
  return s.sort();
}

/** The confidence levels of the hot spot classes, strictest first, with their α. */
export const CONFIDENCE_LEVELS = [
  { level: 99, alpha: 0.01 },
  { level: 95, alpha: 0.05 },
  { level: 90, alpha: 0.1 },
] as const;

/**
 * The highest confidence level at which each p is significant: 99, 95, 90 or 0. Without FDR, p < α;
 * with FDR, p ≤ the BH cut-off at that α over all m cells, one cut-off per level, as ArcGIS's hot spot
 * tools apply the correction to each of their 90/95/99 % bins.
 */
export function computeConfidenceLevels(p: ArrayLike<number>, fdr: boolean): Uint8Array {
  const out = new Uint8Array(p.length);
  const sorted = fdr ? sortPValues(p) : null;
  const tests = CONFIDENCE_LEVELS.map(({ level, alpha }) => {
    if (!sorted) return { level, pass: (v: number) => v < alpha };
    const cut = findBhCutoff(p, alpha, sorted);
    return { level, pass: (v: number) => cut >= 0 && v <= cut };
  });
  for (let i = 0; i < p.length; i++) {
    const v = p[i] as number;
    for (const t of tests) {
      if (t.pass(v)) {
        out[i] = t.level;
        break;
      }
    }
  }
  return out;
}
