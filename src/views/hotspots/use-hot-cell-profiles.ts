import { useMemo } from 'react';
import { useApp } from '../../app/app-context';
import { useQuery } from '../../app/hooks/use-query';
import { createSquareGridSpec } from '../../core/grid/square-grid';
import { FINE_BIN_DECIMALS } from '../../core/grid/study-grid';
import type { CellGeometry } from './cell-geometry';
import type { GridRequest } from './hotspot-analysis';
import type { HotspotCell } from './layers';
import {
  boundsOfRing,
  buildBinProfileQuery,
  buildSquareCellProfileQuery,
  summarizeCellProfiles,
  type CellProfile,
  type ProfileRow,
} from './queries';

/**
 * Where and when the listed cells' episodes were found (district, street, peak hours and months):
 * one query for all of them, once the statistics have named them.
 */
export function useHotCellProfiles(
  cells: readonly Pick<HotspotCell, 'id' | 'index'>[],
  grid: GridRequest | null,
  geometry: CellGeometry | null,
): { profiles: Map<string, CellProfile> | null; loading: boolean; error: string | null } {
  const { filters } = useApp();
  const query = useMemo(() => {
    if (!grid || !geometry || cells.length === 0) return null;
    if (grid.kind === 'square') {
      const spec = createSquareGridSpec(grid.sizeM);
      const ixy = cells.map((c) => {
        const [ix, iy] = c.id.split(':').map(Number);
        return { ix: ix ?? 0, iy: iy ?? 0 };
      });
      return { sql: buildSquareCellProfileQuery(filters, spec, ixy), byBin: false };
    }
    const boxes = cells.flatMap((c) => geometry.cellPolygons(c.index).map((p) => boundsOfRing(p[0] ?? [], 1e-4)));
    return { sql: buildBinProfileQuery(filters, boxes), byBin: true };
  }, [cells, grid, geometry, filters]);
  const rows = useQuery<ProfileRow & Record<string, unknown>>('hotspots:profiles', query?.sql ?? null);
  const profiles = useMemo(() => {
    if (!query || !rows.rows || rows.loading || !geometry) return null;
    const wanted = new Set(cells.map((c) => c.id));
    const scale = 10 ** FINE_BIN_DECIMALS;
    const cellOf = (row: ProfileRow): string | null => {
      if (!query.byBin) return row.cell_id !== undefined && wanted.has(row.cell_id) ? row.cell_id : null;
      const i = geometry.locate(Number(row.bx) / scale, Number(row.by) / scale);
      const id = i >= 0 ? geometry.ids[i] : undefined;
      return id !== undefined && wanted.has(id) ? id : null;
    };
    return summarizeCellProfiles(rows.rows, cellOf);
  }, [query, rows.rows, rows.loading, geometry, cells]);
  return { profiles, loading: query !== null && rows.loading, error: query ? rows.error : null };
}
