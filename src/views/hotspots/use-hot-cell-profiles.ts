import { useCallback, useMemo } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import type { GlobalFilters } from '../../core/filters';
import { summarizeCellProfiles, type CellProfile, type ProfileRow } from '../../core/hotspots/cell-queries';
import type { CellGeometry, HotspotGridKind } from '../../core/hotspots/grid-kinds';
import type { HotspotCell } from './layers';

/** The one query for the profiles of `cells`; null until the statistics have named them. */
export function buildHotCellProfileQuery(
  cells: readonly Pick<HotspotCell, 'id' | 'index'>[],
  kind: HotspotGridKind | null,
  geometry: CellGeometry | null,
  filters: GlobalFilters,
): string | null {
  if (!kind || !geometry || cells.length === 0) return null;
  return kind.buildProfileQuery(
    filters,
    cells.map((c) => c.index),
    geometry,
  );
}

/** The answer to a profile query, one profile per wanted cell. */
export function readHotCellProfiles(
  rows: readonly ProfileRow[],
  kind: HotspotGridKind,
  cells: readonly Pick<HotspotCell, 'id' | 'index'>[],
  geometry: CellGeometry,
): Map<string, CellProfile> {
  const wanted = new Set(cells.map((c) => c.id));
  const cellOf = (row: ProfileRow): string | null => {
    const id = kind.cellOfProfileRow(row, geometry);
    return id !== null && wanted.has(id) ? id : null;
  };
  return summarizeCellProfiles(rows, cellOf);
}

/**
 * Where and when the given cells' episodes were found (places, district, street, peak hours and months):
 * one query for all of them, once the statistics have named them.
 */
export function useHotCellProfiles(
  cells: readonly Pick<HotspotCell, 'id' | 'index'>[],
  kind: HotspotGridKind | null,
  geometry: CellGeometry | null,
): { profiles: Map<string, CellProfile> | null; loading: boolean; error: string | null } {
  const { filters } = useApp();
  const query = useMemo(
    () => buildHotCellProfileQuery(cells, kind, geometry, filters),
    [cells, kind, geometry, filters],
  );
  const rows = useQuery<ProfileRow & Record<string, unknown>>('hotspots:profiles', query);
  const profiles = useMemo(() => {
    if (!kind || !rows.rows || rows.loading || !geometry) return null;
    return readHotCellProfiles(rows.rows, kind, cells, geometry);
  }, [kind, rows.rows, rows.loading, geometry, cells]);
  return { profiles, loading: query !== null && rows.loading, error: query ? rows.error : null };
}

/** Asks for the profiles of any cells once, through the coordinator (for exports of every cell). */
export function useProfileFetcher(
  kind: HotspotGridKind | null,
  geometry: CellGeometry | null,
): (cells: readonly HotspotCell[]) => Promise<Map<string, CellProfile> | null> {
  const { filters, coordinator } = useApp();
  return useCallback(
    async (cells) => {
      const query = buildHotCellProfileQuery(cells, kind, geometry, filters);
      if (!query || !kind || !geometry) return null;
      return readHotCellProfiles(await coordinator.query<ProfileRow>(query), kind, cells, geometry);
    },
    [kind, geometry, filters, coordinator],
  );
}
