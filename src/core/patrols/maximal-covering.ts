/**
 * Candidate patrol assignments in compressed rows: candidate j covers the cells
 * members[offsets[j] .. offsets[j + 1]) (a cell with its reach, or a beat of contiguous cells).
 */
export interface CoveringCandidates {
  offsets: Int32Array;
  members: Int32Array;
}

export interface CoveringPlan {
  /** chosen candidates in the order taken (pinned ones first) */
  chosen: number[];
  /** the weight each added that was not covered before it */
  gains: number[];
  /** total weight covered by the plan */
  covered: number;
}

/**
 * The maximal covering location problem (Church & ReVelle 1974, "The maximal covering location problem",
 * Papers of the Regional Science Association 32): choose k candidates covering the most weight, a cell's
 * weight counted once however many candidates cover it. Solved greedily, each step taking the candidate that
 * adds the most uncovered weight (ties: the lower index). Coverage is monotone submodular, so the greedy plan
 * covers at least (1 − 1/e) ≈ 63 % of the optimum (Nemhauser, Wolsey & Fisher 1978, "An analysis of
 * approximations for maximizing submodular set functions", Math. Programming 14). Gains only shrink, so a
 * stale gain is an upper bound and is re-evaluated only when it reaches the top of the queue (Minoux 1978's
 * accelerated greedy). `pinned` candidates are taken first and count towards k; `excluded` are never taken.
 */
export function planMaximalCovering(
  weights: ArrayLike<number>,
  candidates: CoveringCandidates,
  k: number,
  options: { pinned?: readonly number[]; excluded?: ReadonlySet<number> } = {},
): CoveringPlan {
  const covered = new Uint8Array(weights.length);
  const nCand = candidates.offsets.length - 1;
  const gainOf = (j: number) => {
    let g = 0;
    for (let p = candidates.offsets[j] as number; p < (candidates.offsets[j + 1] as number); p++) {
      const c = candidates.members[p] as number;
      if (!covered[c]) g += weights[c] as number;
    }
    return g;
  };
  const take = (j: number) => {
    for (let p = candidates.offsets[j] as number; p < (candidates.offsets[j + 1] as number); p++)
      covered[candidates.members[p] as number] = 1;
  };
  const plan: CoveringPlan = { chosen: [], gains: [], covered: 0 };
  const taken = new Set<number>();
  for (const j of options.pinned ?? []) {
    if (j < 0 || j >= nCand || taken.has(j)) continue;
    const g = gainOf(j);
    take(j);
    taken.add(j);
    plan.chosen.push(j);
    plan.gains.push(g);
    plan.covered += g;
  }
  const heap = new GainHeap();
  for (let j = 0; j < nCand; j++) {
    if (taken.has(j) || options.excluded?.has(j)) continue;
    const g = gainOf(j);
    if (g > 0) heap.push(j, g);
  }
  const round = () => plan.chosen.length;
  const fresh = new Int32Array(nCand).fill(-1);
  while (round() < k && heap.size > 0) {
    const top = heap.pop();
    if (fresh[top.j] === round()) {
      take(top.j);
      plan.chosen.push(top.j);
      plan.gains.push(top.gain);
      plan.covered += top.gain;
      continue;
    }
    const g = gainOf(top.j);
    fresh[top.j] = round();
    if (g > 0) heap.push(top.j, g);
  }
  return plan;
}

/** A max-heap of (candidate, gain); ties pop the lower candidate first. */
class GainHeap {
  private js: number[] = [];
  private gains: number[] = [];

  get size(): number {
    return this.js.length;
  }

  private above(a: number, b: number): boolean {
    const ga = this.gains[a] as number;
    const gb = this.gains[b] as number;
    return ga > gb || (ga === gb && (this.js[a] as number) < (this.js[b] as number));
  }

  private swap(a: number, b: number): void {
    [this.js[a], this.js[b]] = [this.js[b] as number, this.js[a] as number];
    [this.gains[a], this.gains[b]] = [this.gains[b] as number, this.gains[a] as number];
  }

  push(j: number, gain: number): void {
    this.js.push(j);
    this.gains.push(gain);
    let i = this.js.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): { j: number; gain: number } {
    const out = { j: this.js[0] as number, gain: this.gains[0] as number };
    const lastJ = this.js.pop() as number;
    const lastG = this.gains.pop() as number;
    if (this.js.length > 0) {
      this.js[0] = lastJ;
      this.gains[0] = lastG;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.js.length && this.above(l, m)) m = l;
        if (r < this.js.length && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return out;
  }
}
