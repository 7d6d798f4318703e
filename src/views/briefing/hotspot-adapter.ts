import { useMemo } from 'react';
import type { HotspotClass } from '../../core/analytics/hotspot-classes';
import type { CellProfile } from '../../core/hotspots/cell-queries';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import type { AnalysisResult } from '../../core/hotspots/hotspot-analysis';
import { useApp } from '../shared/app-context';
import { parseHotspotSettings, type HotspotSettings } from '../hotspots/hotspot-settings';
import { buildHotspotCells, type HotspotCell } from '../hotspots/layers';
import { formatCellWhere } from '../hotspots/place-text';
import { rankHotCells, type RankedCell } from '../hotspots/ranking';
import { useHotCellProfiles } from '../hotspots/use-hot-cell-profiles';
import { useHotspotAnalysis } from '../hotspots/use-hotspot-analysis';

/*
 * The one file through which the briefing uses the hot spot view (src/views/hotspots, src/core/hotspots), so that
 * the view's changes are followed here only. The briefing shows what the hot spot view shows for the same filters
 * and the user's hot spot settings (the hs.* URL params), in Gi* mode: its study area of occupied cells (a grid
 * file or a boundary of the user's lives only in that view's page, so the briefing then uses square cells and the
 * occupied cells), its ranked list's first rows with finds, each named by its busiest place.
 */

export interface BriefingHotspot {
  rank: number;
  cell: HotspotCell;
  episodes: number;
  /** of the period's mapped episodes */
  share: number;
  hotspotClass: HotspotClass;
  /** the cell's busiest 发现地点, else its district and street, else null */
  place: string | null;
}

export interface BriefingHotspots {
  loading: boolean;
  error: string | null;
  settings: HotspotSettings;
  /** every significant cell (hot or cold), for the map */
  significant: HotspotCell[];
  top: BriefingHotspot[];
  geometry: CellGeometry | null;
  /** the period's episodes with coordinates (the whole of the shares) */
  mapped: number;
}

/** The settings the briefing analyses with: the user's, in Gi* mode, never a file of the user's. */
export function briefingHotspotSettings(params: Readonly<Record<string, string>>): HotspotSettings {
  const s = parseHotspotSettings(params);
  return { ...s, mode: 'gi', grid: s.grid === 'user' ? 'square' : s.grid, area: 'occupied' };
}

/**
 * The hot spot view's ranked list from an analysis result: its first `limit` ranked rows (cells where people were
 * found; a cell hot only through its neighbours has no rank and is left out of a one-page list).
 */
export function rankBriefingHotspots(
  result: AnalysisResult,
  geometry: CellGeometry,
  mapped: number,
  limit: number,
  settings: Pick<HotspotSettings, 'sort'> = { sort: 'finds' },
): { significant: HotspotCell[]; ranked: RankedCell[] } {
  const cells = buildHotspotCells(geometry, result.counts, result, result.bins, null);
  const ranked = rankHotCells(cells, { total: mapped, sort: settings.sort })
    .filter((r) => r.rank !== null)
    .slice(0, limit);
  return { significant: cells.filter((c) => c.bin !== 0), ranked };
}

export function placeOfHotspot(cell: HotspotCell, profile: CellProfile | null): string | null {
  return profile?.places[0]?.name ?? (formatCellWhere(cell, profile) || null);
}

/** The top hot spots of the filters in the surrounding context (the briefing's period). */
export function useBriefingHotspots(limit: number): BriefingHotspots {
  const { params } = useApp();
  const settings = useMemo(() => briefingHotspotSettings(params), [params]);
  const analysis = useHotspotAnalysis(settings, null, null);
  const { result, geometry, period } = analysis;
  const ranked = useMemo(
    () => (result && geometry ? rankBriefingHotspots(result, geometry, period?.mapped ?? 0, limit, settings) : null),
    [result, geometry, period?.mapped, limit, settings],
  );
  const listed = useMemo(() => ranked?.ranked.map((r) => r.cell) ?? [], [ranked]);
  const profiles = useHotCellProfiles(listed, analysis.kind, geometry);
  const top = useMemo<BriefingHotspot[]>(
    () =>
      (ranked?.ranked ?? []).map((r) => ({
        rank: r.rank ?? 0,
        cell: r.cell,
        episodes: r.cell.count,
        share: r.share,
        hotspotClass: r.cell.hotspotClass,
        place: placeOfHotspot(r.cell, profiles.profiles?.get(r.cell.id) ?? null),
      })),
    [ranked, profiles.profiles],
  );
  return {
    loading: analysis.loading || profiles.loading,
    error: analysis.error?.message ?? profiles.error,
    settings,
    significant: ranked?.significant ?? [],
    top,
    geometry,
    mapped: period?.mapped ?? 0,
  };
}
