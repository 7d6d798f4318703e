import { useMemo } from 'react';
import type { HotspotClass } from '../../core/analytics/hotspot-classes';
import type { CellProfile } from '../../core/hotspots/cell-queries';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import type { AnalysisResult } from '../../core/hotspots/hotspot-analysis';
import { useApp } from '../shared/app-context';
import { parseHotspotSettings, type HotspotSettings } from '../hotspots/hotspot-settings';
import { buildHotspotCells, rankHotCells, type HotspotCell } from '../hotspots/layers';
import { useHotCellProfiles } from '../hotspots/use-hot-cell-profiles';
import { useHotspotAnalysis } from '../hotspots/use-hotspot-analysis';

/*
 * The one file through which the briefing uses the hot spot view (src/views/hotspots, src/core/hotspots), so that
 * the view's coming changes (the ranked list leading with cells by finds, named places) are followed here only.
 * The briefing shows what the hot spot view shows for the same filters and the user's hot spot settings (the hs.*
 * URL params), in Gi* mode on the view's own grid kinds (a grid file of the user's lives only in that view's page,
 * so the briefing then uses square cells).
 */

export interface BriefingHotspot {
  rank: number;
  cell: HotspotCell;
  episodes: number;
  /** of the period's mapped episodes */
  share: number;
  hotspotClass: HotspotClass;
  /** the most frequent district and street of the cell's episodes, or the cell's own name */
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

/** The settings the briefing analyses with: the user's, in Gi* mode, never the user's grid file. */
export function briefingHotspotSettings(params: Readonly<Record<string, string>>): HotspotSettings {
  const s = parseHotspotSettings(params);
  return { ...s, mode: 'gi', grid: s.grid === 'user' ? 'square' : s.grid };
}

/**
 * The hot spot view's ranked list from an analysis result: its first `limit` cells where people were found in the
 * period. A hot cell without an episode of its own is hot for its neighbours' sake (metrics.md lists it only as the
 * neighbour of one); a one-page list names places where people are found, so it leaves those out.
 */
export function rankBriefingHotspots(
  result: AnalysisResult,
  geometry: CellGeometry,
  mapped: number,
  limit: number,
): { significant: HotspotCell[]; ranked: ReturnType<typeof rankHotCells> } {
  const cells = buildHotspotCells(geometry, result.counts, result, result.bins, null);
  const ranked = rankHotCells(cells, { total: mapped, limit: Infinity })
    .filter((r) => r.cell.count > 0)
    .slice(0, limit);
  return { significant: cells.filter((c) => c.bin !== 0), ranked };
}

export function placeOfHotspot(cell: HotspotCell, profile: CellProfile | null): string | null {
  if (cell.name) return cell.name;
  const parts = [profile?.district, profile?.street].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : null;
}

/** The top hot spots of the filters in the surrounding context (the briefing's period). */
export function useBriefingHotspots(limit: number): BriefingHotspots {
  const { params } = useApp();
  const settings = useMemo(() => briefingHotspotSettings(params), [params]);
  const analysis = useHotspotAnalysis(settings, null);
  const { result, geometry, period } = analysis;
  const ranked = useMemo(
    () => (result && geometry ? rankBriefingHotspots(result, geometry, period?.mapped ?? 0, limit) : null),
    [result, geometry, period?.mapped, limit],
  );
  const listed = useMemo(() => ranked?.ranked.map((r) => r.cell) ?? [], [ranked]);
  const profiles = useHotCellProfiles(listed, analysis.kind, geometry);
  const top = useMemo<BriefingHotspot[]>(
    () =>
      // numbered 1…n on the page: the cells are the view's, in its order, without those nobody was found in
      (ranked?.ranked ?? []).map((r, i) => ({
        rank: i + 1,
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
