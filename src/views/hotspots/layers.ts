import type { HotspotKey, HotspotTranslate } from './messages';
import type { EmergingCategory, EmergingResult } from '../../core/analytics/emerging-hotspots';
import { EMERGING_CATEGORIES, TREND_ALPHA } from '../../core/analytics/emerging-hotspots';
import { HOTSPOT_CLASSES, hotspotClassOfBin, type HotspotClass } from '../../core/analytics/hotspot-classes';
import type { StudyGrid } from '../../core/grid/study-grid';
import type { CellProfile } from '../../core/hotspots/cell-queries';

/** What the layers need of a grid: a whole StudyGrid, or the view's lighter CellGeometry. */
export type GridCells = Pick<StudyGrid, 'ids' | 'names' | 'centres' | 'cellPolygons'>;

export type Rgba = [number, number, number, number];

/** ColorBrewer RdBu, 7 classes (Brewer 2002): hot spots at the red end, cold at the blue. */
export const HOTSPOT_CLASS_COLORS: Record<HotspotClass, Rgba> = {
  hot99: [178, 24, 43, 220],
  hot95: [239, 138, 98, 220],
  hot90: [253, 219, 199, 220],
  none: [247, 247, 247, 90],
  cold90: [209, 229, 240, 220],
  cold95: [103, 169, 207, 220],
  cold99: [33, 102, 172, 220],
};

/** Warm hues for hot patterns, cool for cold, the strongest darkest (after ColorBrewer RdYlBu/PuOr). */
export const EMERGING_CATEGORY_COLORS: Record<EmergingCategory, Rgba> = {
  intensifying_hot: [165, 0, 38, 220],
  persistent_hot: [215, 48, 39, 220],
  new_hot: [244, 109, 67, 220],
  consecutive_hot: [253, 174, 97, 220],
  sporadic_hot: [254, 224, 144, 220],
  oscillating_hot: [197, 27, 125, 220],
  diminishing_hot: [241, 182, 218, 220],
  historical_hot: [191, 129, 45, 220],
  intensifying_cold: [49, 54, 149, 220],
  persistent_cold: [69, 117, 180, 220],
  new_cold: [116, 173, 209, 220],
  consecutive_cold: [171, 217, 233, 220],
  sporadic_cold: [224, 243, 248, 220],
  oscillating_cold: [118, 42, 131, 220],
  diminishing_cold: [194, 165, 207, 220],
  historical_cold: [53, 151, 143, 220],
  none: [247, 247, 247, 90],
};

export interface HotspotCell {
  index: number;
  id: string;
  name: string | null;
  lon: number;
  lat: number;
  count: number;
  z: number;
  p: number;
  /** ArcGIS Gi_Bin: ±3/±2/±1 at 99/95/90 %, 0 not significant */
  bin: number;
  hotspotClass: HotspotClass;
  category: EmergingCategory | null;
  nHot: number | null;
  nCold: number | null;
  slices: number | null;
  trendS: number | null;
  trendZ: number | null;
  trendP: number | null;
}

/** One record per cell of the study grid, from the statistics' per-cell arrays. */
export function buildHotspotCells(
  grid: GridCells,
  counts: ArrayLike<number>,
  gi: { z: ArrayLike<number>; p: ArrayLike<number> },
  bins: ArrayLike<number>,
  emerging: EmergingResult | null = null,
): HotspotCell[] {
  return grid.ids.map((id, i) => ({
    index: i,
    id,
    name: grid.names?.[i] ?? null,
    lon: grid.centres[2 * i] as number,
    lat: grid.centres[2 * i + 1] as number,
    count: counts[i] ?? 0,
    z: gi.z[i] ?? 0,
    p: gi.p[i] ?? 1,
    bin: bins[i] ?? 0,
    hotspotClass: hotspotClassOfBin(bins[i] ?? 0),
    category: emerging ? (emerging.category[i] ?? 'none') : null,
    nHot: emerging ? (emerging.nHot[i] ?? 0) : null,
    nCold: emerging ? (emerging.nCold[i] ?? 0) : null,
    slices: emerging ? emerging.slices : null,
    trendS: emerging ? (emerging.trendS[i] ?? 0) : null,
    trendZ: emerging ? (emerging.trendZ[i] ?? 0) : null,
    trendP: emerging ? (emerging.trendP[i] ?? 1) : null,
  }));
}

export type HotspotMapMode = 'classes' | 'emerging';

export interface PolygonDatum {
  polygon: number[][][];
  fillColor: Rgba;
  cell: HotspotCell;
}

/** Props for a deck.gl PolygonLayer (plain data and accessors; the view adds the layer class). */
export interface HotspotPolygonLayerProps {
  id: string;
  data: PolygonDatum[];
  pickable: boolean;
  filled: boolean;
  stroked: boolean;
  getPolygon: (d: PolygonDatum) => number[][][];
  getFillColor: (d: PolygonDatum) => Rgba;
  getLineColor: Rgba;
  lineWidthMinPixels: number;
  updateTriggers: { getFillColor: string };
}

export function colorOfCell(cell: HotspotCell, mode: HotspotMapMode): Rgba {
  return mode === 'emerging'
    ? EMERGING_CATEGORY_COLORS[cell.category ?? 'none']
    : HOTSPOT_CLASS_COLORS[cell.hotspotClass];
}

function isShown(cell: HotspotCell, mode: HotspotMapMode): boolean {
  return mode === 'emerging' ? (cell.category ?? 'none') !== 'none' : cell.bin !== 0;
}

/**
 * The cells as PolygonLayer props, one datum per polygon (a MultiPolygon cell gives several).
 * By default only significant cells (or cells with a pattern) are drawn: tens of thousands of
 * "not significant" cells would hide the map.
 */
export function buildHotspotLayerProps(
  grid: GridCells,
  cells: readonly HotspotCell[],
  options: { mode: HotspotMapMode; includeNone?: boolean; id?: string },
): HotspotPolygonLayerProps {
  const data: PolygonDatum[] = [];
  for (const cell of cells) {
    if (!options.includeNone && !isShown(cell, options.mode)) continue;
    const fillColor = colorOfCell(cell, options.mode);
    for (const polygon of grid.cellPolygons(cell.index)) data.push({ polygon, fillColor, cell });
  }
  return {
    id: options.id ?? `hotspots-${options.mode}`,
    data,
    pickable: true,
    filled: true,
    stroked: true,
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => d.fillColor,
    getLineColor: [255, 255, 255, 160],
    lineWidthMinPixels: 0.5,
    updateTriggers: { getFillColor: options.mode },
  };
}

export interface DensityDatum {
  position: [number, number];
  weight: number;
}

/** Props for a deck.gl HeatmapLayer from fine-bin counts (the plain density view). */
export function buildDensityLayerProps(
  bins: readonly { bx: number; by: number; n: number }[],
  decimals: number,
  id = 'hotspots-density',
): {
  id: string;
  data: DensityDatum[];
  getPosition: (d: DensityDatum) => [number, number];
  getWeight: (d: DensityDatum) => number;
  radiusPixels: number;
  aggregation: 'SUM';
} {
  const scale = 10 ** decimals;
  return {
    id,
    data: bins.map((b) => ({ position: [Number(b.bx) / scale, Number(b.by) / scale], weight: Number(b.n) })),
    getPosition: (d) => d.position,
    getWeight: (d) => d.weight,
    radiusPixels: 30,
    aggregation: 'SUM',
  };
}

export interface LegendEntry {
  key: string;
  label: string;
  color: Rgba;
  count: number;
}

/** Legend rows in legend order with the number of cells in each. */
export function buildHotspotLegend(
  cells: readonly HotspotCell[],
  mode: HotspotMapMode,
  t: HotspotTranslate,
): LegendEntry[] {
  if (mode === 'classes') {
    return HOTSPOT_CLASSES.map((c) => ({
      key: c,
      label: t(`hotspots.class.${c}`),
      color: HOTSPOT_CLASS_COLORS[c],
      count: cells.filter((cell) => cell.hotspotClass === c).length,
    }));
  }
  return EMERGING_CATEGORIES.map((c) => ({
    key: c,
    label: t(`hotspots.emerging.${c}`),
    color: EMERGING_CATEGORY_COLORS[c],
    count: cells.filter((cell) => (cell.category ?? 'none') === c).length,
  }));
}

export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

export function formatZ(z: number): string {
  return Number.isFinite(z) ? z.toFixed(2) : '—';
}

function trendKey(cell: HotspotCell): HotspotKey {
  if (cell.trendP === null || cell.trendS === null || !(cell.trendP < TREND_ALPHA)) return 'hotspots.trend.none';
  return cell.trendS > 0 ? 'hotspots.trend.up' : 'hotspots.trend.down';
}

/** Tooltip lines: cell, count, class, z, p, and with emerging results the pattern and trend. */
export function formatHotspotTooltip(cell: HotspotCell, t: HotspotTranslate): string {
  const lines = [
    t('hotspots.tooltip.cell', {
      id: cell.name ? t('hotspots.tooltip.named', { name: cell.name, id: cell.id }) : cell.id,
    }),
    t('hotspots.tooltip.count', { count: cell.count }),
    t('hotspots.tooltip.class', { label: t(`hotspots.class.${cell.hotspotClass}`) }),
    t('hotspots.tooltip.z', { z: formatZ(cell.z) }),
    t('hotspots.tooltip.p', { p: formatPValue(cell.p) }),
  ];
  if (cell.category !== null) {
    lines.push(t('hotspots.tooltip.category', { label: t(`hotspots.emerging.${cell.category}`) }));
    lines.push(
      t('hotspots.tooltip.hotSlices', { hot: cell.nHot ?? 0, cold: cell.nCold ?? 0, slices: cell.slices ?? 0 }),
    );
    lines.push(
      t('hotspots.tooltip.trend', {
        trend: t(trendKey(cell)),
        z: formatZ(cell.trendZ ?? 0),
        p: formatPValue(cell.trendP ?? 1),
      }),
    );
  }
  return lines.join('\n');
}

export interface RankedCell {
  rank: number;
  cell: HotspotCell;
  /** the cell's count over all mapped episodes of the period */
  share: number;
  profile: CellProfile | null;
}

/** Hot cells, strongest class first, then by z and count (ties by id, for a stable order). */
export function rankHotCells(
  cells: readonly HotspotCell[],
  options: { total: number; limit?: number; profiles?: ReadonlyMap<string, CellProfile> },
): RankedCell[] {
  return cells
    .filter((c) => c.bin > 0)
    .sort((a, b) => b.bin - a.bin || b.z - a.z || b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, options.limit ?? 50)
    .map((cell, k) => ({
      rank: k + 1,
      cell,
      share: options.total > 0 ? cell.count / options.total : 0,
      profile: options.profiles?.get(cell.id) ?? null,
    }));
}

export interface TrendPoint {
  sliceStart: number;
  z: number;
  /** +1 hot, −1 cold, 0 neither */
  state: number;
}

/** A cell's Gi* z series for the small chart shown on click. */
export function buildCellTrendSeries(
  emerging: EmergingResult,
  cellIndex: number,
  sliceStarts: readonly number[],
): TrendPoint[] {
  return Array.from({ length: emerging.slices }, (_, t) => ({
    sliceStart: sliceStarts[t] ?? Number.NaN,
    z: emerging.z[t * emerging.cells + cellIndex] ?? 0,
    state: emerging.state[t * emerging.cells + cellIndex] ?? 0,
  }));
}
