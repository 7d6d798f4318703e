import type { Feature, MultiPolygon } from 'geojson';
import type { CodeChange } from '../../src/core/geo/code-changes';
import { dissolveShapes } from '../../src/core/geo/dissolve-shapes';
import type { Gb2260Unit } from '../../src/core/geo/gb2260';
import { roundShape, simplifySharedBorders, type Shape } from '../../src/core/geo/shared-arcs';

export interface CountyArea {
  code: string;
  name: string;
  /** the prefecture it rolls up to (itself for a county-level unit under its province, see gb2260.ts) */
  prefecture: string;
  province: string;
  shape: Shape;
}

/**
 * The areas of the county-level map: every leaf of the code table (a unit without subdivisions), so that
 * `rollUpCode(code, 'county')` of any origin finds its area. Counties come from DataV's prefecture files;
 * a DataV county still under a retired code is filed under the current one (merged ones dissolved, e.g.
 * 梅列区 + 三元区 → 三元区 350404); leaves above county level (东莞, 中山, 儋州, 嘉峪关, 济源 and the other
 * county-level units under their province, 香港, 澳门, 台湾) take their prefecture-level area.
 */
export function collectCountyAreas(
  units: readonly Omit<Gb2260Unit, 'centroid'>[],
  changes: readonly CodeChange[],
  countyShapes: ReadonlyMap<string, Shape>,
  prefectureShapes: ReadonlyMap<string, Shape>,
): { areas: CountyArea[]; missing: string[] } {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const current = new Map(changes.map((c) => [c.code, c.current]));
  const parts = new Map<string, Shape[]>();
  for (const [code, shape] of [...countyShapes].sort((a, b) => a[0].localeCompare(b[0]))) {
    let target = code;
    for (let hops = 0; hops < 5 && !byCode.has(target) && current.has(target); hops++) target = current.get(target)!;
    if (byCode.get(target)?.level !== 3) continue;
    let list = parts.get(target);
    if (!list) parts.set(target, (list = []));
    list.push(shape);
  }
  const hasChildren = new Set(units.map((u) => u.parent));
  const prefectureOf = (u: Omit<Gb2260Unit, 'centroid'>): string => {
    const parent = u.parent ? byCode.get(u.parent) : undefined;
    return u.level === 3 && parent?.level === 2 ? parent.code : u.code;
  };
  const areas: CountyArea[] = [];
  const missing: string[] = [];
  for (const u of units) {
    if (hasChildren.has(u.code)) continue;
    const own = parts.get(u.code);
    const shape = own ? (own.length > 1 ? dissolveShapes(own) : own[0]!) : prefectureShapes.get(u.code);
    if (!shape) {
      missing.push(u.code);
      continue;
    }
    areas.push({
      code: u.code,
      name: u.name,
      prefecture: prefectureOf(u),
      province: `${u.code.slice(0, 2)}0000`,
      shape,
    });
  }
  return { areas, missing };
}

/** One collection per province, borders simplified together (neighbours keep one common border). */
export function buildCountyCollections(
  areas: readonly CountyArea[],
  tolerance: number,
  decimals: number,
): Map<string, Feature<MultiPolygon>[]> {
  const byProvince = new Map<string, CountyArea[]>();
  for (const a of areas) {
    let list = byProvince.get(a.province);
    if (!list) byProvince.set(a.province, (list = []));
    list.push(a);
  }
  const out = new Map<string, Feature<MultiPolygon>[]>();
  for (const [province, list] of [...byProvince].sort((a, b) => a[0].localeCompare(b[0]))) {
    const shapes = simplifySharedBorders(
      list.map((a) => a.shape),
      tolerance,
    ).map((s) => roundShape(s, decimals));
    out.set(
      province,
      list.map((a, i) => ({
        type: 'Feature',
        properties: { code: a.code, name: a.name, prefecture: a.prefecture },
        geometry: { type: 'MultiPolygon', coordinates: shapes[i]! },
      })),
    );
  }
  return out;
}
