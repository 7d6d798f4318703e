import { describe, expect, it } from 'vitest';
import { computeMannKendall } from '../../src/core/analytics/mann-kendall';

describe('Mann–Kendall', () => {
  it('a short series with ties, by hand', () => {
    // x = [1, 3, 3, 2, 5, 3], n = 6. sign(x_j − x_i) for i < j, row by row:
    //   i=1 (1): 3 +, 3 +, 2 +, 5 +, 3 +      → +5
    //   i=2 (3): 3 0, 2 −, 5 +, 3 0           →  0
    //   i=3 (3): 2 −, 5 +, 3 0                →  0
    //   i=4 (2): 5 +, 3 +                     → +2
    //   i=5 (5): 3 −                          → −1
    // S = 6. Tie groups: {3, 3, 3} (t = 3); the others are single.
    // Var(S) = [6·5·17 − 3·2·11] / 18 = (510 − 66)/18 = 444/18 = 24.6667
    // Z = (S − 1)/√Var = 5/4.966555 = 1.006734; two-sided p = 0.314063
    const r = computeMannKendall([1, 3, 3, 2, 5, 3]);
    expect(r.s).toBe(6);
    expect(r.varS).toBeCloseTo(444 / 18, 12);
    expect(r.z).toBeCloseTo(1.006734, 6);
    expect(r.p).toBeCloseTo(0.314063, 5);
  });

  it('two tie groups and a negative S, by hand', () => {
    // x = [4, 4, 2, 2, 2, 1], n = 6.
    //   i=1 (4): 4 0, 2 −, 2 −, 2 −, 1 −      → −4
    //   i=2 (4): 2 −, 2 −, 2 −, 1 −           → −4
    //   i=3 (2): 2 0, 2 0, 1 −                → −1
    //   i=4 (2): 2 0, 1 −                     → −1
    //   i=5 (2): 1 −                          → −1
    // S = −11. Ties: {4, 4} (t = 2: 2·1·9 = 18) and {2, 2, 2} (t = 3: 3·2·11 = 66).
    // Var(S) = (510 − 18 − 66)/18 = 426/18 = 23.6667; Z = (S + 1)/√Var = −10/4.864840 = −2.055566
    const r = computeMannKendall([4, 4, 2, 2, 2, 1]);
    expect(r.s).toBe(-11);
    expect(r.varS).toBeCloseTo(426 / 18, 12);
    expect(r.z).toBeCloseTo(-10 / Math.sqrt(426 / 18), 12);
    expect(r.z).toBeCloseTo(-2.055566, 6);
    expect(r.p).toBeLessThan(0.05);
  });

  it('matches the published by-hand example (Little, Holy Cross, "A Mann-Kendall Example")', () => {
    // https://mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt: 14 values, 72 pairs +,
    // 18 pairs −, 1 tie (12.9 twice): S = 54, V = 14·13·33/18 − 2·1·9/18, Z = 2.9058; the page's
    // p ≈ .0018 is one-sided, so the two-sided p is about .0037.
    const x = [12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7];
    const r = computeMannKendall(x);
    expect(r.s).toBe(54);
    expect(r.varS).toBeCloseTo((14 * 13 * 33) / 18 - (2 * 1 * 9) / 18, 10);
    expect(r.z).toBeCloseTo(2.9058, 4);
    expect(r.p / 2).toBeCloseTo(0.0018, 4);
  });

  it('no ties: a strictly falling series of four', () => {
    // S = −6 (all 6 pairs fall); Var = 4·3·13/18 = 8.6667; Z = −5/2.943920 = −1.698416
    const r = computeMannKendall([4, 3, 2, 1]);
    expect(r.s).toBe(-6);
    expect(r.varS).toBeCloseTo(156 / 18, 12);
    expect(r.z).toBeCloseTo(-1.698416, 6);
  });

  it.each([
    ['all equal', [2, 2, 2, 2, 2]],
    ['one value', [5]],
    ['no values', []],
  ])('%s: S = 0, Z = 0, p = 1, no NaN', (_name, x) => {
    const r = computeMannKendall(x);
    expect(r.s).toBe(0);
    expect(r.varS).toBe(0);
    expect(r.z).toBe(0);
    expect(r.p).toBe(1);
  });

  it('reads a series out of a slice-major cube with a stride', () => {
    // 3 cells × 4 slices; cell 1's series is [1, 3, 2, 4]: S = +1+1+1 (i=1) −1+1 (i=2) +1 (i=3) = 4
    const cube = [9, 1, 0, 9, 3, 0, 9, 2, 0, 9, 4, 0];
    expect(computeMannKendall(cube, 1, 4, 3).s).toBe(4);
    expect(computeMannKendall(cube, 1, 4, 3)).toEqual(computeMannKendall([1, 3, 2, 4]));
  });
});
