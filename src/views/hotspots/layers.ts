import type { HotspotKey, HotspotTranslate } from './messages';
import type { EmergingCategory, EmergingResult } from '../../core/analytics/emerging-hotspots';
import { EMERGING_CATEGORIES, TREND_ALPHA } from '../../core/analytics/emerging-hotspots';
import { HOTSPOT_CLASSES, hotspotClassOfBin, type HotspotClass } from '../../core/analytics/hotspot-classes';
import type { StudyGrid } from '../../core/grid/study-grid';
import type { CellProfile } from '../../core/hotspots/cell-queries';
import { describeNeighbour, formatCellId, formatPlaceList, formatProfileWhere } from './place-text';

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
  /** a hot cell without finds: the index of its neighbour with the most (AnalysisResult.busiestNeighbour), else −1 */
  neighbourIndex: number;
}

/** One record per cell of the study grid, from the statistics' per-cell arrays. */
export function buildHotspotCells(
  grid: GridCells,
  counts: ArrayLike<number>,
  gi: { z: ArrayLike<number>; p: ArrayLike<number>; busiestNeighbour?: ArrayLike<number> },
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
    neighbourIndex: gi.busiestNeighbour?.[i] ?? -1,
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

/** Cells under this many pixels across are marked by a dot of twice that size, so that they show at a city's zoom. */
export const CELL_DOT_MIN_PIXELS = 4;

/**
 * Props for a deck.gl ScatterplotLayer drawn under the cells: a dot of the cell's colour at its centre,
 * 2 × CELL_DOT_MIN_PIXELS across, so that a 100 m cell seen over a whole city is still a visible mark
 * (SmallCellDotLayer draws it only while the cells are that small on screen).
 */
export function buildCellDotLayerProps(
  grid: GridCells,
  cells: readonly HotspotCell[],
  mode: HotspotMapMode,
): {
  id: string;
  data: HotspotCell[];
  getPosition: (c: HotspotCell) => [number, number];
  getFillColor: (c: HotspotCell) => Rgba;
  getRadius: number;
  radiusMinPixels: number;
  pickable: boolean;
  updateTriggers: { getFillColor: string };
  cellSizeM: number;
} {
  return {
    cellSizeM: estimateCellSizeM(grid, cells),
    id: `hotspots-dots-${mode}`,
    data: cells.filter((c) => isShown(c, mode)),
    getPosition: (c) => [c.lon, c.lat],
    getFillColor: (c) => {
      const [r, g, b] = colorOfCell(c, mode);
      return [r, g, b, 255];
    },
    getRadius: 0,
    radiusMinPixels: CELL_DOT_MIN_PIXELS,
    pickable: true,
    updateTriggers: { getFillColor: mode },
  };
}

/** The north–south extent of the first cell in metres (cells of one grid are about one size). */
export function estimateCellSizeM(grid: GridCells, cells: readonly HotspotCell[]): number {
  const first = cells[0];
  if (!first) return 0;
  const lats = grid.cellPolygons(first.index).flatMap((polygon) => (polygon[0] ?? []).map((p) => p[1] as number));
  return lats.length ? (Math.max(...lats) - Math.min(...lats)) * METRES_PER_DEGREE_LAT : 0;
}

/** On a sphere of the IUGG mean radius (6371008.8 m). */
const METRES_PER_DEGREE_LAT = (6371008.8 * Math.PI) / 180;

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

/** What the tooltip knows of the cells' places (profiles are asked for the listed cells). */
export interface PlaceLookup {
  profileOf(cellId: string): CellProfile | null;
  cellAt(index: number): HotspotCell | undefined;
}

/**
 * Tooltip lines: where (the cell's places, district and street, or for a cell without finds that it is hot
 * through its neighbours, and the busiest of them), the cell id, count, class, z, p, and with emerging
 * results the pattern and trend.
 */
export function formatHotspotTooltip(cell: HotspotCell, t: HotspotTranslate, places?: PlaceLookup): string {
  const profile = places?.profileOf(cell.id) ?? null;
  const lines: string[] = [];
  if (cell.count === 0 && cell.bin > 0) {
    lines.push(t('hotspots.neighbour.label'));
    const neighbour = places?.cellAt(cell.neighbourIndex) ?? null;
    const text = describeNeighbour(neighbour, neighbour ? (places?.profileOf(neighbour.id) ?? null) : null, t);
    if (text) lines.push(text);
  } else if (profile && profile.places.length > 0) {
    lines.push(t('hotspots.tooltip.places', { places: formatPlaceList(profile.places, t) }));
  }
  const where = formatProfileWhere(profile);
  if (where) lines.push(where);
  lines.push(
    formatCellId(cell, t),
    t('hotspots.tooltip.count', { count: cell.count }),
    t('hotspots.tooltip.class', { label: t(`hotspots.class.${cell.hotspotClass}`) }),
    t('hotspots.tooltip.z', { z: formatZ(cell.z) }),
    t('hotspots.tooltip.p', { p: formatPValue(cell.p) }),
  );
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
