import { describe, expect, it } from 'vitest';
import { buildDenseGridNeighbours } from '../../src/core/analytics/gi-star';
import { listSeasonWindowsInData, nextSeasonWindow, seasonWindow } from '../../src/core/calendar/season-windows';
import { assignPlanTeams } from '../../src/core/patrols/assign-teams';
import { findBestHours } from '../../src/core/patrols/best-hours';
import { planMaximalCovering, type CoveringCandidates } from '../../src/core/patrols/maximal-covering';
import { buildBeatCandidates, buildCellCandidates } from '../../src/core/patrols/patrol-candidates';
import { buildSeasonalPlan } from '../../src/core/patrols/seasonal-plan';

/** The (1 − 1/e) guarantee of the greedy maximal covering plan (Nemhauser, Wolsey & Fisher 1978). */
const GREEDY_BOUND = 1 - 1 / Math.E;

function candidatesOf(sets: number[][]): CoveringCandidates {
  const offsets = new Int32Array(sets.length + 1);
  sets.forEach((s, j) => (offsets[j + 1] = offsets[j]! + s.length));
  return { offsets, members: Int32Array.from(sets.flat()) };
}

/** The optimum by trying every k-subset of candidates. */
function bruteForceOptimum(weights: number[], c: CoveringCandidates, k: number): number {
  const n = c.offsets.length - 1;
  let best = 0;
  const pick = (from: number, left: number, covered: Set<number>) => {
    let sum = 0;
    for (const x of covered) sum += weights[x]!;
    best = Math.max(best, sum);
    if (left === 0) return;
    for (let j = from; j < n; j++) {
      const next = new Set(covered);
      for (let p = c.offsets[j]!; p < c.offsets[j + 1]!; p++) next.add(c.members[p]!);
      pick(j + 1, left - 1, next);
    }
  };
  pick(0, k, new Set());
  return best;
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('greedy maximal covering against the exact optimum', () => {
  it('is beaten on the textbook instance, within its bound', () => {
    // A = {0,1,2,3} takes 4 first, then B or C adds 1: greedy 5; B + C cover all six cells: optimum 6
    const weights = [1, 1, 1, 1, 1, 1];
    const c = candidatesOf([
      [0, 1, 2, 3],
      [0, 1, 4],
      [2, 3, 5],
    ]);
    const plan = planMaximalCovering(weights, c, 2);
    expect(plan.chosen).toEqual([0, 1]);
    expect(plan.covered).toBe(5);
    expect(bruteForceOptimum(weights, c, 2)).toBe(6);
    expect(plan.covered).toBeGreaterThanOrEqual(GREEDY_BOUND * 6);
  });

  it('covers at least (1 − 1/e) of the optimum on random cell-with-neighbours and beat instances', () => {
    const rand = seeded(42);
    let belowOptimum = 0;
    for (let trial = 0; trial < 40; trial++) {
      const nx = 4;
      const ny = 4;
      const weights = Array.from({ length: nx * ny }, () => (rand() < 0.4 ? 0 : Math.floor(rand() * 10)));
      const nb = buildDenseGridNeighbours(nx, ny, { kind: 'queen' });
      const instances = [buildCellCandidates(nx * ny, 1, nb), buildBeatCandidates(weights, nb, 3)];
      for (const c of instances) {
        for (const k of [1, 2, 3]) {
          const plan = planMaximalCovering(weights, c, k);
          const opt = bruteForceOptimum(weights, c, k);
          // the plan's own figure is the weight of the union of its candidates
          const union = new Set<number>();
          for (const j of plan.chosen) for (let p = c.offsets[j]!; p < c.offsets[j + 1]!; p++) union.add(c.members[p]!);
          expect(plan.covered).toBe([...union].reduce((s, x) => s + weights[x]!, 0));
          expect(plan.covered).toBeLessThanOrEqual(opt);
          expect(plan.covered).toBeGreaterThanOrEqual(GREEDY_BOUND * opt - 1e-9);
          if (plan.covered < opt) belowOptimum++;
        }
      }
    }
    // the instances are not all easy ones the greedy solves exactly
    expect(belowOptimum).toBeGreaterThan(0);
  });

  it('takes pinned candidates first and never an excluded one', () => {
    const weights = [5, 1, 9, 2];
    const c = candidatesOf([[0], [1], [2], [3]]);
    expect(planMaximalCovering(weights, c, 2).chosen).toEqual([2, 0]);
    expect(planMaximalCovering(weights, c, 2, { pinned: [1] }).chosen).toEqual([1, 2]);
    expect(planMaximalCovering(weights, c, 2, { excluded: new Set([2]) }).chosen).toEqual([0, 3]);
  });
});

describe('beats', () => {
  it('grow from a seed over the heaviest neighbours into contiguous cells', () => {
    // 3 × 3 grid, cells row-major: 0 1 2 / 3 4 5 / 6 7 8 (row 0 at the bottom)
    const weights = [1, 0, 0, 0, 5, 0, 0, 3, 9];
    const nb = buildDenseGridNeighbours(3, 3, { kind: 'queen' });
    const beats = buildBeatCandidates(weights, nb, 3, new Set([8]), [0]);
    // from 0: neighbours 1, 3, 4 → 4 (5); then neighbours of {0, 4} not taken and not removed: 7 (3) beats 8 (removed)
    expect(Array.from(beats.members)).toEqual([0, 4, 7]);
  });
});

describe('the seasonal plan', () => {
  const cells = 6;
  const expected = new Float64Array(cells * 24);
  // cell c has c expected episodes at 20:00 and one at 03:00; cell 5 is already patrolled
  for (let c = 0; c < cells; c++) {
    expected[c * 24 + 20] = c;
    expected[c * 24 + 3] = 1;
  }
  const neighbours = buildDenseGridNeighbours(6, 1, { kind: 'queen' });
  const base = {
    expected,
    cellCount: cells,
    hours: null,
    alreadyCovered: Uint8Array.from([0, 0, 0, 0, 0, 1]),
    neighbours,
    mode: 'cells' as const,
    k: 2,
    reach: 0 as const,
    beatSize: 2,
    shiftHours: 3,
    pinned: [],
    removed: [],
  };

  it('sends teams where expected demand is not yet covered, at the best hours, and says how much it covers', () => {
    const plan = buildSeasonalPlan(base);
    expect(plan.items.map((i) => i.cells)).toEqual([[4], [3]]);
    // 3-hour window with most demand around 20:00: 18–20 … 20–22 tie at c; earliest start wins
    expect(plan.items[0]).toMatchObject({ gain: 5, bestStart: 18, bestHours: 3, bestDemand: 4 });
    // total = Σ (c + 1) = 21; today: cell 5 = 6; with plan + cells 4 (5) and 3 (4)
    expect(plan.total).toBe(21);
    expect(plan.today).toBe(6);
    expect(plan.withPlan).toBe(15);
  });

  it('keeps pinned cells and leaves removed ones out when re-planned', () => {
    const plan = buildSeasonalPlan({ ...base, pinned: [0], removed: [4] });
    expect(plan.items.map((i) => [i.cells, i.pinned])).toEqual([
      [[0], true],
      [[3], false],
    ]);
    const hoursOnly = buildSeasonalPlan({ ...base, hours: [3] });
    // at 03:00 every cell expects 1: the lowest uncovered cells win the ties
    expect(hoursOnly.items.map((i) => i.cells)).toEqual([[0], [1]]);
    expect(hoursOnly.total).toBe(6);
  });

  it('plans beats of contiguous cells', () => {
    const plan = buildSeasonalPlan({ ...base, mode: 'beats', k: 1, beatSize: 2 });
    // weights c + 1 (cell 5 covered: 0); seeds 3 and 4 both grow {3, 4} = 9, the tie goes to the lower seed
    expect(plan.items[0]?.cells).toEqual([3, 4]);
    expect(plan.withPlan).toBe(6 + 9);
  });
});

describe('best hours and teams', () => {
  it('finds the busiest shift, wrapping past midnight', () => {
    const hourly = new Array<number>(24).fill(0);
    hourly[23] = 4;
    hourly[0] = 4;
    hourly[1] = 1;
    hourly[12] = 6;
    expect(findBestHours(hourly, 2)).toEqual({ start: 23, demand: 8 });
    expect(findBestHours(hourly, 1)).toEqual({ start: 12, demand: 6 });
  });

  it('gives each item to the nearest team that patrols there, sharing the load', () => {
    const teams = [
      { x: Float64Array.from([0]), y: Float64Array.from([0]) },
      { x: Float64Array.from([1000]), y: Float64Array.from([0]) },
    ];
    const items = [
      { x: 100, y: 0 },
      { x: 200, y: 0 },
      { x: 300, y: 0 },
    ];
    // cap ⌈3/2⌉ = 2: the third goes to team 1 even though team 0 is nearer
    expect(assignPlanTeams(items, teams)).toEqual([0, 0, 1]);
  });
});

describe('season windows', () => {
  it('knows winter, the Spring Festival, summer and custom periods', () => {
    expect(seasonWindow({ kind: 'winter' }, 2023)).toEqual({ year: 2023, from: '2023-12-01', to: '2024-02-29' });
    expect(seasonWindow({ kind: 'winter' }, 2022)?.to).toBe('2023-02-28');
    // 2024 lunar new year 02-10, ±15 days
    expect(seasonWindow({ kind: 'springFestival' }, 2024)).toEqual({
      year: 2024,
      from: '2024-01-26',
      to: '2024-02-25',
    });
    expect(seasonWindow({ kind: 'summer' }, 2023)).toEqual({ year: 2023, from: '2023-07-01', to: '2023-08-31' });
    expect(seasonWindow({ kind: 'custom', from: '11-15', to: '01-10' }, 2023)).toEqual({
      year: 2023,
      from: '2023-11-15',
      to: '2024-01-10',
    });
  });

  it('learns from the windows the data reach, with the days they cover, and plans the next one', () => {
    const winter = { kind: 'winter' as const };
    const windows = listSeasonWindowsInData(winter, '2023-01-01', '2023-12-31');
    // winter 2023–24: 2023-12-01…31 of 91 days (2024 is a leap year); winter 2022–23: 2023-01-01…02-28 of 90
    expect(windows.map((w) => [w.year, w.coveredDays, w.days])).toEqual([
      [2023, 31, 91],
      [2022, 59, 90],
    ]);
    expect(nextSeasonWindow(winter, '2025-12-31')?.from).toBe('2026-12-01');
    expect(nextSeasonWindow(winter, '2025-11-30')?.from).toBe('2025-12-01');
  });
});
