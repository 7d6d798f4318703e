/**
 * Gap cells (巡查盲区, metrics.md): demand in the top quintile and coverage in the bottom quintile. Both
 * quintiles are taken over the cells where people were found (demand > 0): over every cell of a city most
 * have no demand and the top quintile would start at zero. The top quintile is every cell whose demand is at
 * least the ⌈n/5⌉-th largest demand, the bottom quintile every cell whose coverage is at most the ⌈n/5⌉-th
 * smallest coverage (ties stay together, so a quintile can hold more than a fifth).
 */
export function findCoverageGaps(
  demand: ArrayLike<number>,
  coverage: ArrayLike<number>,
): { gap: Uint8Array; demandAtLeast: number; coverageAtMost: number; cellsWithDemand: number } {
  const n = demand.length;
  const withDemand: number[] = [];
  for (let c = 0; c < n; c++) if ((demand[c] as number) > 0) withDemand.push(c);
  const gap = new Uint8Array(n);
  const m = withDemand.length;
  if (m === 0) return { gap, demandAtLeast: Infinity, coverageAtMost: -Infinity, cellsWithDemand: 0 };
  const rank = Math.ceil(m / 5);
  const demands = withDemand.map((c) => demand[c] as number).sort((a, b) => b - a);
  const coverages = withDemand.map((c) => coverage[c] as number).sort((a, b) => a - b);
  const demandAtLeast = demands[rank - 1] as number;
  const coverageAtMost = coverages[rank - 1] as number;
  for (const c of withDemand) {
    if ((demand[c] as number) >= demandAtLeast && (coverage[c] as number) <= coverageAtMost) gap[c] = 1;
  }
  return { gap, demandAtLeast, coverageAtMost, cellsWithDemand: m };
}

/**
 * Gap cells ranked by demand per patrol-day, the most neglected first: never-patrolled cells lead (their
 * ratio has no value), by demand; then by demand ÷ coverage, ties by demand, then by index.
 */
export function rankCoverageGaps(
  gap: ArrayLike<number>,
  demand: ArrayLike<number>,
  coverage: ArrayLike<number>,
): number[] {
  const cells: number[] = [];
  for (let c = 0; c < gap.length; c++) if (gap[c]) cells.push(c);
  const ratio = (c: number) =>
    (coverage[c] as number) > 0 ? (demand[c] as number) / (coverage[c] as number) : Infinity;
  // Infinity − Infinity is NaN, which || passes over like a tie
  return cells.sort((a, b) => ratio(b) - ratio(a) || (demand[b] as number) - (demand[a] as number) || a - b);
}
