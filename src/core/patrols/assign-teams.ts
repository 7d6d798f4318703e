/**
 * Which team takes each plan item: the team that already patrols nearest to it (the least distance from the
 * item's centre to a cell the team passed in the reference period), so a plan builds on the teams' own
 * areas; each team takes at most ⌈items / teams⌉ so the work is shared. Items are assigned in plan order
 * (the most valuable first); ties go to the lower team index. Positions are in metres on a local plane.
 */
export function assignPlanTeams(
  items: readonly { x: number; y: number }[],
  teamCells: readonly { x: Float64Array; y: Float64Array }[],
): number[] {
  const nTeams = teamCells.length;
  if (nTeams === 0) return items.map(() => -1);
  const cap = Math.ceil(items.length / nTeams);
  const load = new Array<number>(nTeams).fill(0);
  const nearest = (item: { x: number; y: number }, t: number) => {
    const cells = teamCells[t] as { x: Float64Array; y: Float64Array };
    let best = Infinity;
    for (let i = 0; i < cells.x.length; i++) {
      const dx = (cells.x[i] as number) - item.x;
      const dy = (cells.y[i] as number) - item.y;
      best = Math.min(best, dx * dx + dy * dy);
    }
    return best;
  };
  return items.map((item) => {
    let best = -1;
    let bestD = Infinity;
    for (let t = 0; t < nTeams; t++) {
      if ((load[t] as number) >= cap) continue;
      const d = nearest(item, t);
      if (best < 0 || d < bestD) {
        best = t;
        bestD = d;
      }
    }
    load[best] = (load[best] as number) + 1;
    return best;
  });
}
