import type { CellProfile } from '../../core/hotspots/cell-queries';
import type { HotCellSort } from './hotspot-settings';
import type { HotspotCell } from './layers';

/**
 * The ranked list of hot spots (metrics.md, Hotspots): it leads with where people are found. Significant
 * hot cells are ordered by their episodes in the period, then by z (or by z, then episodes); a hot cell
 * without an episode of its own is hot through its neighbours: it gets no rank, as it is no place to go,
 * and names the neighbour with the most finds.
 */
export interface RankedCell {
  /** the position among the cells with finds, 1 first; null for a cell hot only through its neighbours */
  rank: number | null;
  cell: HotspotCell;
  /** the cell's count over all mapped episodes of the period */
  share: number;
  /** for a cell without finds: its neighbour with the most (null when it has one of its own) */
  neighbour: HotspotCell | null;
  profile: CellProfile | null;
}

const byId = (a: HotspotCell, b: HotspotCell) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const ORDER: Record<HotCellSort, (a: HotspotCell, b: HotspotCell) => number> = {
  finds: (a, b) => b.count - a.count || b.z - a.z || byId(a, b),
  z: (a, b) => b.z - a.z || b.count - a.count || byId(a, b),
};

export function rankHotCells(
  cells: readonly HotspotCell[],
  options: { total: number; sort?: HotCellSort; limit?: number },
): RankedCell[] {
  let rank = 0;
  return cells
    .filter((c) => c.bin > 0)
    .sort(ORDER[options.sort ?? 'finds'])
    .slice(0, options.limit ?? Infinity)
    .map((cell) => ({
      rank: cell.count > 0 ? ++rank : null,
      cell,
      share: options.total > 0 ? cell.count / options.total : 0,
      neighbour: cell.count > 0 ? null : (cells[cell.neighbourIndex] ?? null),
      profile: null,
    }));
}

/** The cells whose profiles a list needs: its own and the neighbours it names, each once. */
export function listProfiledCells(rows: readonly RankedCell[]): HotspotCell[] {
  const out = new Map<string, HotspotCell>();
  for (const r of rows) {
    out.set(r.cell.id, r.cell);
    if (r.neighbour) out.set(r.neighbour.id, r.neighbour);
  }
  return [...out.values()];
}

/** The ranked rows with their cells' profiles (and their neighbours', see describeNeighbour). */
export function attachProfiles(
  rows: readonly RankedCell[],
  profiles: ReadonlyMap<string, CellProfile> | null,
): RankedCell[] {
  return rows.map((r) => ({ ...r, profile: profiles?.get(r.cell.id) ?? null }));
}
