import { describe, expect, it } from 'vitest';
import type { MapLabel } from '../../src/views/shared/map/BaseMap';
import { declutterLabels } from '../../src/views/shared/map/declutter-labels';

/** A flat projection: one degree = 100 pixels. */
const project = ([lon, lat]: [number, number]) => ({ x: lon * 100, y: -lat * 100 });
const label = (text: string, lon: number, lat: number, size = 12): MapLabel => ({ position: [lon, lat], text, size });

describe('map labels without overlaps', () => {
  it('drops a name whose box would cover a kept one, and keeps names apart', () => {
    // 西城区 and 东城区 are 3 CJK characters (36 px wide at 12 px) with centres 25 px apart: they collide
    const xicheng = label('西城区', 1, 1);
    const dongcheng = label('东城区', 1.25, 1);
    const chaoyang = label('朝阳区', 2, 1);
    expect(declutterLabels([xicheng, dongcheng, chaoyang], project)).toEqual([xicheng, chaoyang]);
  });

  it('lets a larger label win over an earlier smaller one, and keeps the given order', () => {
    const small = label('小', 1, 1, 10);
    const big = label('北京市', 1.1, 1, 16);
    const far = label('far', 5, 5);
    expect(declutterLabels([small, far, big], project)).toEqual([far, big]);
  });

  it('sizes Latin text narrower than Chinese', () => {
    // half widths with the 4 px gap: 'Dongcheng' 9 × 0.6 × 12 / 2 + 4 = 36.4 px, 'Xicheng' 7 × 0.6 × 12 / 2 + 4 = 29.2 px;
    // together 65.6 px: centres 60 px apart collide, 70 px apart do not (3 CJK characters would need 44 + 40)
    const a = label('Dongcheng', 1, 1);
    expect(declutterLabels([a, label('Xicheng', 1.6, 1)], project)).toEqual([a]);
    expect(declutterLabels([a, label('Xicheng', 1.7, 1)], project)).toHaveLength(2);
    expect(declutterLabels([label('东城区', 1, 1), label('西城区', 1.7, 1)], project)).toHaveLength(2);
    expect(declutterLabels([label('东城区', 1, 1), label('西城区', 1.4, 1)], project)).toHaveLength(1);
  });
});
