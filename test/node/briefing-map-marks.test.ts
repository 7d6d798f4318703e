import { describe, expect, it } from 'vitest';
import { chooseLegendCorner, placeMarkers, type Point } from '../../src/views/briefing/map-marks';

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('numbered markers on the print hot spot map', () => {
  it('keep their anchors when they do not touch', () => {
    const anchors: Point[] = [
      [50, 50],
      [80, 50],
      [50, 90],
    ];
    expect(placeMarkers(anchors, 6.5, 200, 150)).toEqual(anchors);
  });

  it('move a marker that would overlap an earlier one one diameter (+1 px) aside, to the right first', () => {
    // two neighbouring listed cells, corners 3 px apart: the second marker goes 14 px right of its anchor
    const placed = placeMarkers(
      [
        [100, 60],
        [103, 60],
      ],
      6.5,
      200,
      150,
    );
    expect(placed[0]).toEqual([100, 60]);
    expect(placed[1]).toEqual([117, 60]);
    expect(distance(placed[0]!, placed[1]!)).toBeGreaterThanOrEqual(14);
  });

  it('never overlap while there is room, and stay inside the frame', () => {
    // five markers on one spot at the right edge: nothing may leave the 120 × 80 frame
    const anchors: Point[] = Array.from({ length: 5 }, () => [115, 40] as Point);
    const placed = placeMarkers(anchors, 6.5, 120, 80);
    for (const [x, y] of placed) {
      expect(x).toBeGreaterThanOrEqual(6.5);
      expect(x).toBeLessThanOrEqual(120 - 6.5);
      expect(y).toBeGreaterThanOrEqual(6.5);
      expect(y).toBeLessThanOrEqual(80 - 6.5);
    }
    for (let i = 0; i < placed.length; i++) {
      for (let j = 0; j < i; j++) expect(distance(placed[i]!, placed[j]!)).toBeGreaterThanOrEqual(14);
    }
  });
});

describe('the legend goes to the corner that hides the fewest cells', () => {
  const frame = { w: 72, h: 39, width: 300, height: 200 };
  const corners = ['bottom-left', 'top-left', 'top-right'] as const;

  it('the usual corner (bottom left) when it is empty or every corner is as full', () => {
    expect(chooseLegendCorner([[150, 100]], frame.w, frame.h, frame.width, frame.height, corners)).toEqual({
      corner: 'bottom-left',
      x: 4,
      y: 200 - 4 - 39,
    });
  });

  it('another corner when cells lie under the bottom left one', () => {
    // two cells in the bottom-left box (x 4–76, y 157–196), one in the top-left box
    const points: Point[] = [
      [20, 180],
      [60, 170],
      [30, 20],
    ];
    expect(chooseLegendCorner(points, frame.w, frame.h, frame.width, frame.height, corners)).toEqual({
      corner: 'top-right',
      x: 300 - 4 - 72,
      y: 4,
    });
  });
});
