import { describe, expect, it } from 'vitest';
import { buildDenseGridNeighbours, computeGiStar, computeGiStarOnGrid } from '../../src/core/analytics/gi-star';
import { buildDistanceBandNeighbours, buildNeighboursFromLists } from '../../src/core/analytics/neighbours';

// 4 × 4 grid of counts, row iy = 0 first; cell (ix, iy) at index iy · 4 + ix.
//   iy0: 0 1 0 2
//   iy1: 1 5 6 0
//   iy2: 0 7 8 1
//   iy3: 0 0 1 0
// n = 16, Σx = 32, x̄ = 2, Σx² = 1+4+1+25+36+49+64+1+1 = 182,
// s² = Σx²/n − x̄² = 182/16 − 4 = 7.375.
const GRID = Float64Array.from([0, 1, 0, 2, 1, 5, 6, 0, 0, 7, 8, 1, 0, 0, 1, 0]);
const S2 = 7.375;
const at = (ix: number, iy: number) => iy * 4 + ix;

describe('Gi* by hand on a 4 × 4 grid', () => {
  it('queen weights (the cell and its 8 surrounding cells)', () => {
    const r = computeGiStarOnGrid(GRID, 4, 4, { kind: 'queen' });
    expect(r.n).toBe(16);
    expect(r.mean).toBe(2);
    expect(r.sd).toBeCloseTo(Math.sqrt(S2), 12);

    // Corner (0,0): cells (0,0),(1,0),(0,1),(1,1) → Σwx = 0+1+1+5 = 7, Σw = Σw² = 4.
    // numerator = 7 − 2·4 = −1; denominator = s·√((16·4 − 4²)/15) = √(7.375 · 3.2) = √23.6 = 4.857983
    // z = −1/4.857983 = −0.205847
    expect(r.z[at(0, 0)]).toBeCloseTo(-1 / Math.sqrt(23.6), 12);
    expect(r.z[at(0, 0)]).toBeCloseTo(-0.205847, 6);

    // Interior (1,1): the 3 × 3 block ix 0..2, iy 0..2 → Σwx = 0+1+0+1+5+6+0+7+8 = 28, Σw = Σw² = 9.
    // numerator = 28 − 2·9 = 10; denominator = √(7.375 · (16·9 − 81)/15) = √(7.375 · 4.2) = √30.975 = 5.565519
    // z = 10/5.565519 = 1.796778
    expect(r.z[at(1, 1)]).toBeCloseTo(10 / Math.sqrt(30.975), 12);
    expect(r.z[at(1, 1)]).toBeCloseTo(1.796778, 6);

    // Interior (2,1): ix 1..3, iy 0..2 → Σwx = 1+0+2+5+6+0+7+8+1 = 30; numerator 12; z = 12/5.565519 = 2.156133
    expect(r.z[at(2, 1)]).toBeCloseTo(2.156133, 6);
    // two-sided p = 2·(1 − Φ(2.156133)) = 0.031073 (normal table)
    expect(r.p[at(2, 1)]).toBeCloseTo(0.031073, 5);

    // Edge (3,1): ix 2..3, iy 0..2 → Σwx = 0+2+6+0+8+1 = 17, Σw = 6; numerator 17 − 12 = 5;
    // denominator = √(7.375 · (96 − 36)/15) = √29.5 = 5.431390; z = 0.920575
    expect(r.z[at(3, 1)]).toBeCloseTo(0.920575, 6);
  });

  it('distance band of one cell width (the cell and its 4 edge neighbours)', () => {
    const r = computeGiStarOnGrid(GRID, 4, 4, { kind: 'band', radiusCells: 1 });
    // Corner (0,0): (0,0),(1,0),(0,1) → Σwx = 0+1+1 = 2, Σw = 3; numerator 2 − 6 = −4;
    // denominator = √(7.375 · (48 − 9)/15) = √(7.375 · 2.6) = √19.175 = 4.378927; z = −0.913466
    expect(r.z[at(0, 0)]).toBeCloseTo(-4 / Math.sqrt(19.175), 12);
    expect(r.z[at(0, 0)]).toBeCloseTo(-0.913466, 6);
    // (1,1): 5 + 1 (0,1) + 6 (2,1) + 1 (1,0) + 7 (1,2) = 20, Σw = 5; numerator 20 − 10 = 10;
    // denominator = √(7.375 · (80 − 25)/15) = √27.041667 = 5.200160; z = 1.923018
    expect(r.z[at(1, 1)]).toBeCloseTo(1.923018, 6);
  });

  it('a band of 1.5 cell widths is the queen neighbourhood (√2 ≤ 1.5 < 2)', () => {
    const queen = computeGiStarOnGrid(GRID, 4, 4, { kind: 'queen' });
    const band = computeGiStarOnGrid(GRID, 4, 4, { kind: 'band', radiusCells: 1.5 });
    expect(Array.from(band.z)).toEqual(Array.from(queen.z));
    // A band of 2 adds the cells two steps away along the row and column; inside the grid (1,1) gains
    // (3,1) = 0 and (1,3) = 0: Σwx = 28, Σw = 11; numerator = 28 − 22 = 6;
    // denominator = √(7.375 · (176 − 121)/15) = √27.041667 = 5.200160; z = 1.153811
    const band2 = computeGiStarOnGrid(GRID, 4, 4, { kind: 'band', radiusCells: 2 });
    expect(band2.z[at(1, 1)]).toBeCloseTo(1.153811, 6);
  });
});

describe('Gi* on a sparse cell list (second hand computation, other weights)', () => {
  // Five cells in a row, each the neighbour of the next: x = [4, 0, 2, 6, 8].
  // n = 5, x̄ = 4, Σx² = 16+0+4+36+64 = 120, s² = 120/5 − 16 = 8.
  const x = Float64Array.from([4, 0, 2, 6, 8]);
  const nb = buildNeighboursFromLists([[1], [0, 2], [1, 3], [2, 4], [3]]);

  it('matches the hand values', () => {
    const r = computeGiStar(x, nb);
    // cell 4: {4, 3} → Σwx = 14, Σw = 2; numerator 14 − 8 = 6; denominator √(8·(10 − 4)/4) = √12; z = √3
    expect(r.z[4]).toBeCloseTo(Math.sqrt(3), 12);
    // cell 0: {0, 1} → 4; numerator 4 − 8 = −4; z = −4/√12 = −1.154701
    expect(r.z[0]).toBeCloseTo(-1.154701, 6);
    // cell 2: {1, 2, 3} → 8, Σw = 3; numerator 8 − 12 = −4; denominator √(8·(15 − 9)/4) = √12; z = −1.154701
    expect(r.z[2]).toBeCloseTo(-1.154701, 6);
  });

  it('builds the same neighbours from centre distances (band 1.0 on unit spacing)', () => {
    const pos = buildDistanceBandNeighbours(Float64Array.from([0, 1, 2, 3, 4]), new Float64Array(5), 1);
    expect(Array.from(pos.offsets)).toEqual(Array.from(nb.offsets));
    expect(Array.from(pos.indices)).toEqual(Array.from(nb.indices));
  });
});

describe('Gi* where the statistic is undefined', () => {
  it.each([
    ['every count equal', Float64Array.from([3, 3, 3, 3, 3, 3, 3, 3, 3]), 3, 3],
    ['every count zero', new Float64Array(9), 3, 3],
    ['a single cell', Float64Array.from([7]), 1, 1],
    ['a neighbourhood spanning all cells (2 × 2 queen)', Float64Array.from([1, 5, 2, 9]), 2, 2],
  ])('%s gives z = 0 and p = 1', (_name, counts, nx, ny) => {
    const r = computeGiStarOnGrid(counts, nx, ny);
    expect(Array.from(r.z)).toEqual(new Array(counts.length).fill(0));
    expect(Array.from(r.p)).toEqual(new Array(counts.length).fill(1));
  });

  it('an empty grid gives empty arrays', () => {
    const r = computeGiStar(new Float64Array(0), buildDenseGridNeighbours(0, 0, { kind: 'queen' }));
    expect(r.z.length).toBe(0);
  });
});
