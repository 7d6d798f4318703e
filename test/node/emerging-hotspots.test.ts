import { describe, expect, it } from 'vitest';
import {
  classifyEmergingCube,
  computeEmergingHotspots,
  type EmergingCategory,
} from '../../src/core/analytics/emerging-hotspots';
import { buildDenseGridNeighbours } from '../../src/core/analytics/gi-star';
import { normalTwoSidedP } from '../../src/core/analytics/normal';

// Ten slices. A slice is hot when z > 0 and p < 0.05 (|z| > 1.96), cold when z < 0 and p < 0.05.
// "ninety" with T = 10 means 10·k ≥ 90, i.e. k ≥ 9. Mann–Kendall on 10 distinct values has
// Var(S) = 10·9·25/18 = 125, so the trend is significant when |S| − 1 > 1.96·√125 = 21.9, |S| ≥ 23.
// Row sums below are Σ_{j>i} sign(z_j − z_i) for i = 1..10.
const DESIGNED: [EmergingCategory, number[], string][] = [
  [
    'intensifying_hot',
    [2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0],
    'all 10 hot (ninety), last hot; strictly rising: S = 45, Z = 44/√125 = 3.94, p < 0.05, S > 0',
  ],
  [
    'persistent_hot',
    [2.5, 2.9, 2.1, 2.7, 2.3, 2.6, 2.2, 2.8, 2.4, 2.55],
    'all hot, last hot; rows 1 −8 7 −4 3 −2 3 −2 1 0 → S = −1, Z = 0: no trend',
  ],
  [
    'diminishing_hot',
    [3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3, 2.2, 2.1],
    'all hot, last hot; strictly falling: S = −45, significant with S < 0',
  ],
  [
    'new_hot',
    [0.2, -0.3, 0.5, 0.1, -0.1, 0.4, 0.0, 0.3, -0.2, 2.5],
    'last hot, nH = 1 (not ninety), never cold, so new',
  ],
  [
    'consecutive_hot',
    [0.2, 0.1, -0.4, 0.3, 0.0, 0.2, 0.1, 2.2, 2.6, 3.1],
    'last hot, nH = 3, never cold, hot slices are exactly the last 3 (the trend is not asked)',
  ],
  [
    'sporadic_hot',
    [0.2, 2.4, 0.1, 0.3, 2.2, 0.0, 0.1, -0.2, 0.3, 2.5],
    'last hot, nH = 3, never cold, hot slices 2, 5, 10 are not a trailing run',
  ],
  [
    'oscillating_hot',
    [-2.3, 0.1, 0.2, 0.0, -0.1, 0.3, 2.2, 0.1, 0.2, 2.4],
    'last hot, nH = 2 (not ninety), slice 1 cold, so oscillating before new/consecutive',
  ],
  [
    'historical_hot',
    [2.6, 2.2, 2.9, 2.4, 2.3, 2.8, 2.1, 2.7, 2.5, 0.4],
    'last slice neither; nH = 9, 10·9 ≥ 9·10: ninety, so historical',
  ],
  [
    'persistent_hot',
    [-2.5, 2.5, 2.2, 2.6, 2.3, 2.4, 2.1, 2.7, 2.25, 2.45],
    'rule order: one cold slice, but nH = 9 is ninety, tested first; rows 9 −4 5 −4 1 0 3 −2 1 0 → S = 9, ' +
      'Z = 8/√125 = 0.72: persistent, not oscillating',
  ],
  [
    'none',
    [2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 0.5, 0.4],
    'last slice neither; nH = 8 (80 < 90), nC = 0: no pattern',
  ],
  ['none', [0.1, -0.2, 0.3, 0.0, 0.5, -1.0, 1.5, -1.9, 1.9, 0.2], 'never hot or cold (|z| < 1.96)'],
];

/** Cold designs: the hot ones negated (S changes sign with z, so intensifying cold has S < 0). */
const MIRRORED: [EmergingCategory, number[], string][] = DESIGNED.filter(([c]) => c.endsWith('_hot')).map(
  ([c, z, why]) => [c.replace('_hot', '_cold') as EmergingCategory, z.map((v) => -v), `mirror of: ${why}`],
);

function buildCube(series: number[][]): { z: Float64Array; slices: number; cells: number } {
  const cells = series.length;
  const slices = (series[0] as number[]).length;
  const z = new Float64Array(cells * slices);
  series.forEach((s, i) => s.forEach((v, t) => (z[t * cells + i] = v)));
  return { z, slices, cells };
}

describe('emerging hot spot categories on a constructed cube', () => {
  const designs = [...DESIGNED, ...MIRRORED];
  const cube = buildCube(designs.map(([, z]) => z));
  const result = classifyEmergingCube(cube.z, cube.slices, cube.cells);

  it('covers every category', () => {
    expect(new Set(designs.map(([c]) => c)).size).toBe(17);
  });

  it.each(designs.map(([c, , why], i) => [c, why, i] as const))('%s: %s', (category, _why, i) => {
    expect(result.category[i]).toBe(category);
  });

  it('a slice is hot exactly when z > 0 and the two-sided p < 0.05', () => {
    const zs = [1.9599, 1.95996, 1.95997, 1.96, 2.5, -1.9599, -1.96, 0];
    const r = classifyEmergingCube(Float64Array.from(zs), 1, zs.length);
    const expected = zs.map((z) => (normalTwoSidedP(z) < 0.05 ? Math.sign(z) : 0));
    expect(expected).toEqual([0, 0, 1, 1, 1, 0, -1, 0]);
    expect(Array.from(r.state)).toEqual(expected);
  });

  it('counts hot and cold slices and keeps the Mann–Kendall result per cell', () => {
    expect(result.nHot[0]).toBe(10);
    expect(result.trendS[0]).toBe(45);
    expect(result.trendS[1]).toBe(-1);
    expect(result.nHot[6]).toBe(2);
    expect(result.nCold[6]).toBe(1);
    expect(result.state[0 * cube.cells + 6]).toBe(-1);
  });
});

describe('emerging hot spots from counts', () => {
  // 7 × 7 grid, queen weights. A 3 × 3 block of 10 at the centre, zeros elsewhere:
  // n = 49, x̄ = 90/49, s² = 900/49 − (90/49)² = 36000/2401.
  // Centre (3,3): Σwx = 90, Σw = 9; numerator = 90 − 9·90/49 = 3600/49;
  // denominator = (√36000/49)·√((49·9 − 81)/48) = √270000/49; z = 3600/√270000 = √48 = 6.928 (hot).
  // Corner (0,0): numerator = −4·90/49; denominator = (√36000/49)·√((196 − 16)/48) = √135000/49;
  // z = −360/√135000 = −0.980 (neither).
  const nb = buildDenseGridNeighbours(7, 7, { kind: 'queen' });
  const block = new Float64Array(49);
  for (let iy = 2; iy <= 4; iy++) for (let ix = 2; ix <= 4; ix++) block[iy * 7 + ix] = 10;
  const centre = 3 * 7 + 3;

  it('one slice: the hot centre is persistent (1 of 1 is ninety; S = 0 is no trend); the corner none', () => {
    const r = computeEmergingHotspots(block, 1, nb);
    expect(r.z[centre]).toBeCloseTo(Math.sqrt(48), 10);
    expect(r.z[0]).toBeCloseTo(-360 / Math.sqrt(135000), 10);
    expect(r.category[centre]).toBe('persistent_hot');
    expect(r.category[0]).toBe('none');
    expect(r.trendP[centre]).toBe(1);
  });

  it('three empty slices then the block: new hot at the centre; empty slices are z = 0, neither hot nor cold', () => {
    const counts = new Float64Array(4 * 49);
    counts.set(block, 3 * 49);
    const r = computeEmergingHotspots(counts, 4, nb);
    // centre series z = [0, 0, 0, 6.93]: S = 3; ties {0,0,0}: Var = (4·3·13 − 3·2·11)/18 = 5;
    // nH = 1, 10·1 < 9·4, never cold → new hot.
    expect(r.trendS[centre]).toBe(3);
    expect(r.category[centre]).toBe('new_hot');
    expect(Array.from(r.z.subarray(0, 3 * 49)).every((v) => v === 0)).toBe(true);
    expect(r.state.subarray(0, 3 * 49).every((v) => v === 0)).toBe(true);
    expect(r.category.filter((c) => c !== 'none' && c !== 'new_hot')).toEqual([]);
  });

  it('all counts equal in every slice: no cell is anything, nothing is NaN', () => {
    const r = computeEmergingHotspots(new Float64Array(3 * 49).fill(4), 3, nb);
    expect(new Set(r.category)).toEqual(new Set(['none']));
    expect([...r.z, ...r.trendZ, ...r.trendP].some((v) => Number.isNaN(v))).toBe(false);
  });

  it('no slices and no cells give empty results', () => {
    expect(computeEmergingHotspots(new Float64Array(0), 0, nb).category).toEqual(new Array(49).fill('none'));
    const none = buildDenseGridNeighbours(0, 0, { kind: 'queen' });
    expect(computeEmergingHotspots(new Float64Array(0), 5, none).category).toEqual([]);
  });

  it('rejects a cube of the wrong size', () => {
    expect(() => computeEmergingHotspots(new Float64Array(10), 2, nb)).toThrow(RangeError);
  });
});
