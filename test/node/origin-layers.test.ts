import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { ARC_WIDTH_PX, arcWidthOf, arcWidthSamples, buildArcs } from '../../src/views/origins/layers';
import type { OriginFlowRow } from '../../src/views/origins/queries';

const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));

const flow = (region: string | null, episodes: number, lonLat: [number, number] | null = [116.4, 39.9]) =>
  ({
    kind: 'flow',
    region,
    target: '东城区',
    episodes,
    persons: episodes,
    pairs: 1,
    target_lon: lonLat?.[0] ?? null,
    target_lat: lonLat?.[1] ?? null,
  }) satisfies OriginFlowRow;

describe('origin-flow arc widths (pixels, by √count, capped)', () => {
  it('runs from the minimum to the cap, by the square root of the share of the largest flow', () => {
    expect(ARC_WIDTH_PX).toEqual({ min: 1, max: 8 });
    expect(arcWidthOf(400, 400)).toBe(8);
    // a quarter of the largest flow: √0.25 = 0.5 of the range, 1 + 7 × 0.5
    expect(arcWidthOf(100, 400)).toBe(4.5);
    // a hundredth: 1 + 7 × 0.1
    expect(arcWidthOf(4, 400)).toBeCloseTo(1.7, 10);
    expect(arcWidthOf(0, 400)).toBe(1);
    // never wider than the cap, whatever is passed
    expect(arcWidthOf(900, 400)).toBe(8);
    expect(arcWidthOf(5, 0)).toBe(1);
  });

  it('the legend samples round counts and draws them with the arcs’ own widths', () => {
    // 1,234 / 4 = 308.5 → 300; 1,234 / 25 = 49.4 → 50
    expect(arcWidthSamples(1234).map((s) => s.episodes)).toEqual([1234, 300, 50]);
    for (const s of arcWidthSamples(1234)) expect(s.width).toBe(arcWidthOf(s.episodes, 1234));
    // small maxima: 6 / 4 = 1.5 → 2; 6 / 25 = 0.24 → 0.2, below one person-time, left out
    expect(arcWidthSamples(6).map((s) => s.episodes)).toEqual([6, 2]);
    expect(arcWidthSamples(1).map((s) => s.episodes)).toEqual([1]);
    expect(arcWidthSamples(0)).toEqual([]);
  });

  it('buildArcs scales to the largest arc it can draw (a flow without a centroid or a target is left out)', () => {
    const arcs = buildArcs(
      [
        flow('410100', 90),
        flow('130100', 10),
        // no coordinates for the place found: not drawn, and not the width's reference
        flow('340100', 500, null),
        // a code the index does not know: no centroid
        flow('999999', 800),
        { ...flow(null, 30), kind: 'unknown' },
      ],
      index,
    );
    expect(arcs.map((a) => a.region)).toEqual(['410100', '130100']);
    expect(arcs[0]!.width).toBe(ARC_WIDTH_PX.max);
    // √(10 / 90) = 1/3 of the range: 1 + 7 / 3
    expect(arcs[1]!.width).toBeCloseTo(1 + 7 / 3, 10);
    expect(arcs[0]!.source).toEqual(index.get('410100')!.centroid);
  });
});
