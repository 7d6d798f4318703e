/*
 * Small numbers in shared outputs (小数抑制, metrics.md): counts 1..k−1 leave the unit as "<k"; a rate on a
 * denominator under k, and every figure from which a suppressed count could be worked back (a rate or share
 * beside its denominator, a complement within a whole, a total minus the visible rows), as "—".
 * The reader is assumed to know this rule: "<k" means 1..k−1, "—" on a count means k or more (a count
 * hidden to protect another), a shown number is exact. Protection holds when no suppressed count can be
 * pinned to one value from the figures shown (the feasibility-interval test of primary/secondary cell
 * suppression; Hundepool et al., Statistical Disclosure Control, Wiley 2012, §5.2).
 */

/** The threshold k: counts 1..k−1 are small. */
export const SUPPRESSION_K = 5;

/** How a figure leaves the unit: as it is, as a small count ("<k"), or hidden ("—"). */
export type Disclosure = 'shown' | 'small' | 'hidden';

export const HIDDEN_MARK = '—';

/** A count 1..k−1. */
export function isSmallCount(n: number, k = SUPPRESSION_K): boolean {
  return n >= 1 && n < k;
}

/** A count's own disclosure, before any figure beside it is considered. */
export function classifyCount(n: number, k = SUPPRESSION_K): Disclosure {
  return isSmallCount(n, k) ? 'small' : 'shown';
}

/** The one formatter of suppressed figures: the value, "<k" or "—" (null stays empty). */
export function formatSuppressed(
  value: number | null,
  disclosure: Disclosure,
  k = SUPPRESSION_K,
): number | string | null {
  if (disclosure === 'small') return `<${k}`;
  if (disclosure === 'hidden') return HIDDEN_MARK;
  return value;
}

/**
 * A rate or share part / whole: shown only when both counts are shown and the whole is k or more (a rate
 * beside its denominator gives the numerator back; a denominator under k is a small group).
 */
export function discloseRate(part: Disclosure, whole: Disclosure, wholeValue: number, k = SUPPRESSION_K): Disclosure {
  return part === 'shown' && whole === 'shown' && wholeValue >= k ? 'shown' : 'hidden';
}

/**
 * Counts that sum to a total the reader knows (rows of a table whose total is published elsewhere): the
 * total minus the shown rows gives the sum of the suppressed ones. While some suppressed count could be
 * pinned to one value from that sum, the smallest shown non-zero count is hidden too (complementary
 * suppression). `exposed` says the group cannot be protected this way (every count is suppressed and still
 * pinned): the total itself must then not be published.
 */
export function protectGroupTotal(
  values: readonly number[],
  disclosures: readonly Disclosure[],
  k = SUPPRESSION_K,
): { disclosures: Disclosure[]; exposed: boolean } {
  const out = [...disclosures];
  for (;;) {
    const hidden = out.flatMap((d, i) => (d === 'shown' ? [] : [i]));
    if (hidden.length === 0 || !hidden.some((i) => isPinned(i, hidden, values, out, k))) {
      return { disclosures: out, exposed: false };
    }
    let next = -1;
    out.forEach((d, i) => {
      const v = values[i] ?? 0;
      if (d === 'shown' && v > 0 && (next < 0 || v < (values[next] ?? 0))) next = i;
    });
    if (next < 0) return { disclosures: out, exposed: true };
    out[next] = 'hidden';
  }
}

/**
 * Nested counts of one whole, smallest first, the whole last (returned within 30 ⊆ 90 ⊆ 365 days ⊆ the
 * cohort): each difference of two neighbours is a count too (the complement: returned between 31 and 90
 * days, or not returned). Where two shown neighbours differ by 1..k−1, the smaller is hidden, and so on
 * until no shown difference is small and no hidden count is pinned between its shown neighbours; when
 * nothing is left to hide below the whole, the whole is hidden.
 */
export function protectNestedCounts(
  values: readonly number[],
  disclosures: readonly Disclosure[],
  k = SUPPRESSION_K,
): Disclosure[] {
  const out = [...disclosures];
  for (let changed = true; changed;) {
    changed = false;
    const shown = out.flatMap((d, i) => (d === 'shown' ? [i] : []));
    for (let s = 1; s < shown.length && !changed; s++) {
      const lower = shown[s - 1]!;
      if (isSmallCount((values[shown[s]!] ?? 0) - (values[lower] ?? 0), k)) {
        out[lower] = 'hidden';
        changed = true;
      }
    }
    for (let i = 0; i < out.length && !changed; i++) {
      if (out[i] !== 'hidden') continue;
      // Between the shown neighbours: at least k (it is hidden) and the lower neighbour, at most one less
      // than the upper neighbour (it was hidden for a difference of 1..k−1).
      const below = lastShownBefore(out, i);
      const above = firstShownAfter(out, i);
      if (above < 0) continue;
      const low = Math.max(k, below < 0 ? 0 : (values[below] ?? 0));
      if (low >= (values[above] ?? 0) - 1) {
        out[above] = 'hidden';
        changed = true;
      }
    }
  }
  return out;
}

/** Whether suppressed count `i` has a single feasible value given the sum of the suppressed ones. */
function isPinned(
  i: number,
  hidden: readonly number[],
  values: readonly number[],
  disclosures: readonly Disclosure[],
  k: number,
): boolean {
  const sum = hidden.reduce((s, j) => s + (values[j] ?? 0), 0);
  const lowerOf = (j: number) => (disclosures[j] === 'small' ? 1 : k);
  const upperOf = (j: number) => (disclosures[j] === 'small' ? k - 1 : Infinity);
  let othersLow = 0;
  let othersHigh = 0;
  for (const j of hidden) {
    if (j === i) continue;
    othersLow += lowerOf(j);
    othersHigh += upperOf(j);
  }
  const low = Math.max(lowerOf(i), sum - othersHigh);
  const high = Math.min(upperOf(i), sum - othersLow);
  return low >= high;
}

function lastShownBefore(d: readonly Disclosure[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (d[j] === 'shown') return j;
  return -1;
}

function firstShownAfter(d: readonly Disclosure[], i: number): number {
  for (let j = i + 1; j < d.length; j++) if (d[j] === 'shown') return j;
  return -1;
}
