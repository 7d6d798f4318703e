import type { CellProfile, PlaceCount } from '../../core/hotspots/cell-queries';
import type { HotspotCell } from './layers';
import type { HotspotTranslate } from './messages';

/*
 * How a cell is named for people who go there: its most frequent 发现地点 texts first, then its district
 * and street (or the name of the user's grid cell), the cell id last.
 */

/** "北京西站南广场（41）、西站南路（20）"; `count` formats each place's episodes (exports suppress them). */
export function formatPlaceList(
  places: readonly PlaceCount[],
  t: HotspotTranslate,
  count: (place: PlaceCount, i: number) => string | number | null = (p) => p.n,
): string {
  return places
    .map((p, i) => {
      const n = count(p, i);
      return n === null ? p.name : t('hotspots.place.count', { name: p.name, n });
    })
    .join(t('hotspots.place.separator'));
}

/** "西城区 · 广安门外街道" from the episodes' district and street; empty when neither is recorded. */
export function formatProfileWhere(profile: CellProfile | null): string {
  return [profile?.district, profile?.street].filter((v): v is string => !!v).join(' · ');
}

/** As formatProfileWhere, the user's grid cell name standing in for an unrecorded street. */
export function formatCellWhere(cell: HotspotCell, profile: CellProfile | null): string {
  return [profile?.district, profile?.street ?? cell.name].filter((v): v is string => !!v).join(' · ');
}

/** "网格 -15:-5", or "网格 西站社区（G12）" for a named cell of the user's grid. */
export function formatCellId(cell: HotspotCell, t: HotspotTranslate): string {
  return t('hotspots.tooltip.cell', {
    id: cell.name ? t('hotspots.tooltip.named', { name: cell.name, id: cell.id }) : cell.id,
  });
}

/** What a cell hot only through its neighbours says of the busiest: "邻近：北京西站南广场（网格 -15:-5，141 人次）". */
export function describeNeighbour(
  neighbour: HotspotCell | null,
  profile: CellProfile | null,
  t: HotspotTranslate,
): string | null {
  if (!neighbour) return null;
  const name = profile?.places[0]?.name ?? formatCellWhere(neighbour, profile);
  return name
    ? t('hotspots.neighbour.ofNamed', { name, id: neighbour.id, count: neighbour.count })
    : t('hotspots.neighbour.ofCell', { id: neighbour.id, count: neighbour.count });
}
