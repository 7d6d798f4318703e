/**
 * How the hotspot statistics scale with cells and slices (issue 3 asks docs/benchmarks.md to say so):
 * Gi* and the emerging analysis over Beijing's study grid at 1000 / 500 / 250 m, with 12 … 156 slices,
 * on seeded synthetic counts (their values do not change the work, only its size). Pure JS, no engine.
 */
import { computeEmergingHotspots } from '../../src/core/analytics/emerging-hotspots';
import { computeGiStar } from '../../src/core/analytics/gi-star';
import { classifyHotspots } from '../../src/core/analytics/hotspot-classes';
import { QUEEN } from '../../src/core/analytics/neighbours';
import { buildStudyGrid } from '../../src/core/grid/square-grid';
import { record, timeMedian, timeOnce, type BenchResult } from './measure';

const CASES: readonly [sizeM: number, slices: readonly number[]][] = [
  [1000, [12, 36]],
  [500, [12, 36, 72, 156]],
  [250, [12, 36]],
];

/** Counts a little like episodes: mostly 0, some 1–3, a few busy cells (mulberry32, seeded). */
function fillCounts(n: number, seed: number): Float64Array {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = next();
    out[i] = u < 0.85 ? 0 : u < 0.99 ? 1 + Math.floor(next() * 3) : 5 + Math.floor(next() * 60);
  }
  return out;
}

export async function benchScaling(mask: unknown, result: BenchResult): Promise<void> {
  for (const [sizeM, sliceCounts] of CASES) {
    const grid = await record(
      result,
      `scaling.grid.${sizeM}`,
      () => timeOnce(() => buildStudyGrid(null, sizeM, { mask })),
      (g) => ({ rows: g.ids.length, note: `${sizeM} m study grid` }),
    );
    if (!grid) continue;
    const cells = grid.ids.length;
    const nb = grid.neighbours(QUEEN);
    const x = fillCounts(cells, sizeM);
    await record(
      result,
      `scaling.gistar.${sizeM}`,
      () =>
        timeMedian(() => {
          const g = computeGiStar(x, nb);
          return classifyHotspots(g.z, g.p, { fdr: true });
        }),
      () => ({ rows: cells, note: `Gi* + FDR classes, ${cells} cells` }),
    );
    for (const slices of sliceCounts) {
      const cube = fillCounts(cells * slices, sizeM + slices);
      const run = () => computeEmergingHotspots(cube, slices, nb);
      // the largest cubes take seconds: one run, no warm-up
      const big = cells * slices > 5_000_000;
      await record(
        result,
        `scaling.emerging.${sizeM}.${slices}`,
        () => (big ? timeOnce(run) : timeMedian(run)),
        () => ({ rows: cells * slices, note: `emerging statistics, ${cells} cells × ${slices} slices` }),
      );
    }
  }
}
