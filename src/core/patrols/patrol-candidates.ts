import type { Neighbours } from '../analytics/neighbours';
import type { CoveringCandidates } from './maximal-covering';

/**
 * One candidate per cell: the cell itself (reach 0), or the cell and its neighbours (reach 1: a team
 * working a cell also sees the edge of the cells around it). Candidate j is cell j; `removed` cells are
 * left out as candidates (their demand can still be covered from a neighbour).
 */
export function buildCellCandidates(cellCount: number, reach: 0 | 1, nb: Neighbours | null): CoveringCandidates {
  const offsets = new Int32Array(cellCount + 1);
  const members: number[] = [];
  for (let c = 0; c < cellCount; c++) {
    members.push(c);
    if (reach === 1 && nb) {
      for (let p = nb.offsets[c] as number; p < (nb.offsets[c + 1] as number); p++)
        members.push(nb.indices[p] as number);
    }
    offsets[c + 1] = members.length;
  }
  return { offsets, members: Int32Array.from(members) };
}

/**
 * Beats (巡查路段): contiguous cells one team can walk in a shift. One candidate beat per seed cell with
 * weight: from the seed, the beat grows by the neighbouring cell of most weight (ties: lower index) until it
 * has `size` cells or no neighbour is left. Removed cells never join a beat. Candidate j is the beat grown
 * from seeds[j]; its cells are in the order they joined.
 */
export function buildBeatCandidates(
  weights: ArrayLike<number>,
  nb: Neighbours,
  size: number,
  removed: ReadonlySet<number> = new Set(),
  seeds?: readonly number[],
): CoveringCandidates & { seeds: number[] } {
  const n = weights.length;
  const seedList = seeds ? [...seeds] : [];
  if (!seeds) for (let c = 0; c < n; c++) if ((weights[c] as number) > 0 && !removed.has(c)) seedList.push(c);
  const offsets = new Int32Array(seedList.length + 1);
  const members: number[] = [];
  const inBeat = new Uint8Array(n);
  seedList.forEach((seed, j) => {
    const beat = [seed];
    inBeat[seed] = 1;
    while (beat.length < size) {
      let best = -1;
      let bestW = -Infinity;
      for (const c of beat) {
        for (let p = nb.offsets[c] as number; p < (nb.offsets[c + 1] as number); p++) {
          const d = nb.indices[p] as number;
          if (inBeat[d] || removed.has(d)) continue;
          const w = weights[d] as number;
          if (w > bestW || (w === bestW && d < best)) {
            best = d;
            bestW = w;
          }
        }
      }
      if (best < 0) break;
      beat.push(best);
      inBeat[best] = 1;
    }
    for (const c of beat) inBeat[c] = 0;
    members.push(...beat);
    offsets[j + 1] = members.length;
  });
  return { offsets, members: Int32Array.from(members), seeds: seedList };
}
