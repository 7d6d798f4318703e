import { describe, expect, it } from 'vitest';
import { computeConfidenceLevels, findBhCutoff } from '../../src/core/analytics/fdr';
import { classifyHotspots, hotspotClassOfBin } from '../../src/core/analytics/hotspot-classes';

// m = 10 p-values, given unsorted; sorted: rank k → p_(k)
//   k:      1       2      3      4      5      6      7      8      9    10
//   p:  0.0005  0.004  0.006  0.012  0.024  0.031  0.034  0.075  0.3   0.8
const P = [0.3, 0.024, 0.0005, 0.075, 0.031, 0.8, 0.006, 0.034, 0.012, 0.004];

describe('Benjamini–Hochberg', () => {
  it('α = 0.01: thresholds k·0.001; only rank 1 (0.0005 ≤ 0.001) passes, rank 2 0.004 > 0.002 …', () => {
    expect(findBhCutoff(P, 0.01)).toBe(0.0005);
  });

  it('α = 0.05: thresholds k·0.005; rank 6 fails (0.031 > 0.030) but rank 7 passes (0.034 ≤ 0.035), ranks 8–10 fail', () => {
    // step-up: the largest passing rank is 7, so ranks 1–7 are all significant
    expect(findBhCutoff(P, 0.05)).toBe(0.034);
  });

  it('α = 0.10: thresholds k·0.01; rank 8 passes (0.075 ≤ 0.08), rank 9 fails (0.3 > 0.09)', () => {
    expect(findBhCutoff(P, 0.1)).toBe(0.075);
  });

  it('nothing significant, ties and an empty vector', () => {
    expect(findBhCutoff([0.2, 0.5, 0.9], 0.05)).toBe(-1);
    // tied p = 0.02 ×3 with m = 3: rank 3 threshold 0.05 ≥ 0.02, all three pass
    expect(findBhCutoff([0.02, 0.02, 0.02], 0.05)).toBe(0.02);
    expect(findBhCutoff([], 0.05)).toBe(-1);
  });

  it('confidence level per p, with and without the correction', () => {
    // with FDR: cut-offs 0.0005 (99 %), 0.034 (95 %), 0.075 (90 %)
    expect(Array.from(computeConfidenceLevels(P, true))).toEqual([0, 95, 99, 90, 95, 0, 95, 95, 95, 95]);
    // raw: p < 0.01 → 99, < 0.05 → 95, < 0.10 → 90
    expect(Array.from(computeConfidenceLevels(P, false))).toEqual([0, 95, 99, 90, 95, 0, 99, 95, 95, 99]);
  });
});

describe('hot spot classes', () => {
  it('signs the level by z, as ArcGIS Gi_Bin', () => {
    const z = [-0.9, 2.3, 3.6, 1.8, -2.2, 0.2, -2.9, 2.1, -2.6, 3.0];
    const fdr = Array.from(classifyHotspots(z, P, { fdr: true }));
    expect(fdr).toEqual([0, 2, 3, 1, -2, 0, -2, 2, -2, 2]);
    expect(fdr.map(hotspotClassOfBin)).toEqual([
      'none',
      'hot95',
      'hot99',
      'hot90',
      'cold95',
      'none',
      'cold95',
      'hot95',
      'cold95',
      'hot95',
    ]);
    expect(Array.from(classifyHotspots(z, P, { fdr: false }))).toEqual([0, 2, 3, 1, -2, 0, -3, 2, -2, 3]);
  });

  it('z = 0 is never a class, whatever p says', () => {
    expect(Array.from(classifyHotspots([0, 0], [0.001, 1], { fdr: false }))).toEqual([0, 0]);
  });
});
