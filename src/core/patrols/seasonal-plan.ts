import type { Neighbours } from '../analytics/neighbours';
import { findBestHours } from './best-hours';
import { planMaximalCovering, type CoveringCandidates } from './maximal-covering';
import { buildBeatCandidates, buildCellCandidates } from './patrol-candidates';

export interface SeasonalPlanInput {
  /** expected demand per season, cell-major by hour of day: expected[c · 24 + h] */
  expected: Float64Array;
  cellCount: number;
  /** hours of day the plan is for (a team's working hours); null = all */
  hours: readonly number[] | null;
  /** cells today's patrols already cover: their demand is not the plan's to cover */
  alreadyCovered: Uint8Array;
  neighbours: Neighbours;
  mode: 'cells' | 'beats';
  k: number;
  /** cells mode: 0 = the cell, 1 = the cell and its neighbours */
  reach: 0 | 1;
  beatSize: number;
  /** shift length in hours, for the best hours of each item */
  shiftHours: number;
  pinned: readonly number[];
  removed: readonly number[];
}

export interface PlanItem {
  /** the cells the team is sent to (one cell, or a beat) */
  cells: number[];
  /** the cells whose demand it covers (with reach) */
  covers: number[];
  pinned: boolean;
  /** expected demand it adds beyond today's patrols and the items before it */
  gain: number;
  /** expected demand in the cells it covers, all of it */
  expected: number;
  bestStart: number;
  bestHours: number;
  /** expected demand inside the best hours */
  bestDemand: number;
}

export interface SeasonalPlan {
  items: PlanItem[];
  /** expected demand of the season over every cell (in the plan's hours) */
  total: number;
  /** of it, in cells today's patrols cover */
  today: number;
  /** of it, in cells today's patrols or the plan cover */
  withPlan: number;
}

/** Expected demand per cell summed over the plan's hours. */
export function sumExpectedByCell(
  expected: Float64Array,
  cellCount: number,
  hours: readonly number[] | null,
): Float64Array {
  const hs = hours ?? Array.from({ length: 24 }, (_, h) => h);
  const out = new Float64Array(cellCount);
  for (let c = 0; c < cellCount; c++) {
    let s = 0;
    for (const h of hs) s += expected[c * 24 + h] as number;
    out[c] = s;
  }
  return out;
}

/**
 * A seasonal patrol plan (metrics.md, Seasonal targeting): k cells or beats chosen greedily to cover the most
 * expected demand that today's patrols leave uncovered (planMaximalCovering), pinned cells first, removed
 * cells never, and for each item the shift of `shiftHours` consecutive hours with the most expected demand.
 */
export function buildSeasonalPlan(input: SeasonalPlanInput): SeasonalPlan {
  const { cellCount, alreadyCovered } = input;
  const byCell = sumExpectedByCell(input.expected, cellCount, input.hours);
  const weights = byCell.map((w, c) => (alreadyCovered[c] ? 0 : w));
  const removed = new Set(input.removed);
  let candidates: CoveringCandidates;
  let candidateOfPinned: (cell: number) => number;
  let cellsOf: (j: number) => number[];
  if (input.mode === 'cells') {
    candidates = buildCellCandidates(cellCount, input.reach, input.neighbours);
    candidateOfPinned = (cell) => cell;
    cellsOf = (j) => [j];
  } else {
    const seeds: number[] = [];
    for (let c = 0; c < cellCount; c++)
      if (((weights[c] as number) > 0 && !removed.has(c)) || input.pinned.includes(c)) seeds.push(c);
    const beats = buildBeatCandidates(weights, input.neighbours, input.beatSize, removed, seeds);
    candidates = beats;
    const seedIndex = new Map(beats.seeds.map((s, j) => [s, j]));
    candidateOfPinned = (cell) => seedIndex.get(cell) ?? -1;
    cellsOf = (j) => Array.from(beats.members.subarray(beats.offsets[j], beats.offsets[j + 1]));
  }
  const excluded = new Set(input.mode === 'cells' ? input.removed : []);
  const pinned = input.pinned.filter((c) => !removed.has(c)).map(candidateOfPinned);
  const plan = planMaximalCovering(weights, candidates, input.k, { pinned, excluded });
  const pinnedSet = new Set(pinned);
  const items = plan.chosen.map((j, r): PlanItem => {
    const covers = Array.from(candidates.members.subarray(candidates.offsets[j], candidates.offsets[j + 1]));
    const hourly = new Float64Array(24);
    let expected = 0;
    for (const c of covers) {
      for (let h = 0; h < 24; h++) hourly[h] = (hourly[h] as number) + (input.expected[c * 24 + h] as number);
      expected += byCell[c] as number;
    }
    if (input.hours) {
      const keep = new Set(input.hours);
      for (let h = 0; h < 24; h++) if (!keep.has(h)) hourly[h] = 0;
    }
    const best = findBestHours(hourly, input.shiftHours);
    return {
      cells: cellsOf(j),
      covers,
      pinned: pinnedSet.has(j),
      gain: plan.gains[r] as number,
      expected,
      bestStart: best.start,
      bestHours: Math.max(1, Math.min(24, Math.round(input.shiftHours))),
      bestDemand: best.demand,
    };
  });
  let total = 0;
  let today = 0;
  for (let c = 0; c < cellCount; c++) {
    total += byCell[c] as number;
    if (alreadyCovered[c]) today += byCell[c] as number;
  }
  return { items, total, today, withPlan: today + plan.covered };
}
