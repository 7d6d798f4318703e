import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { OriginLevel, RegionScope } from '../../core/analytics/origin-regions';
import type { Gb2260Index } from '../../core/geo/gb2260';
import type { PopulationTable } from '../../core/import/population-table';
import { populationOf } from '../../core/import/population-table';
import type { OriginFlowRow, OriginMetric, OriginRateRow, OriginTableRow } from './queries';

export type AreaFeature = Feature<Polygon | MultiPolygon, { code: string; name: string; [k: string]: unknown }>;

const DEPTH: Record<OriginLevel, number> = { province: 1, prefecture: 2, county: 3 };

/** Is the region `code` (a key at some level) inside `scope`? */
export function isInScope(code: string, scope: RegionScope | null, index: Gb2260Index): boolean {
  if (!scope) return true;
  return index.rollUpCode(code, scope.level) === scope.code;
}

/** A region key shallower than its level (凉山州 on the county map): its subdivision is not known. */
export function isPartialRegion(code: string, level: OriginLevel, index: Gb2260Index): boolean {
  const unit = index.get(code);
  return !!unit && unit.level < DEPTH[level] && index.childrenOf(code).length > 0;
}

/** The rows of the table in scope (the unknown row only without a scope), the total row apart. */
export function selectScopeRows(
  rows: readonly OriginTableRow[],
  scope: RegionScope | null,
  index: Gb2260Index,
): { rows: OriginTableRow[]; total: OriginTableRow | null } {
  const regions = rows.filter((r) => !r.is_total && (r.region === null ? !scope : isInScope(r.region, scope, index)));
  return { rows: regions, total: scope ? null : (rows.find((r) => r.is_total) ?? null) };
}

export interface RegionFigures {
  row: OriginTableRow;
  rate: OriginRateRow | null;
  /** returned / cohort of the complete cohorts; null without one */
  returnRate: number | null;
  population: number | null;
  /** metric per 10,000 residents, null without a population */
  per10k: number | null;
}

export function combineFigures(
  row: OriginTableRow,
  rates: ReadonlyMap<string, OriginRateRow>,
  metric: OriginMetric,
  population: PopulationTable | null,
  index: Gb2260Index,
): RegionFigures {
  const rate = rates.get(row.region ?? 'unknown') ?? null;
  const pop = row.region && population ? populationOf(row.region, population, index) : null;
  return {
    row,
    rate,
    returnRate: rate && rate.cohort > 0 ? rate.returned / rate.cohort : null,
    population: pop,
    per10k: pop ? (row[metric] / pop) * 10_000 : null,
  };
}

/** ColorBrewer YlOrRd, 5 classes; regions with no one from them are left in the base colour. */
export const CHOROPLETH_COLORS: readonly [number, number, number][] = [
  [255, 255, 178],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

/**
 * Class upper bounds by quantiles of the positive values (skewed counts: a few provinces send most people),
 * made distinct and rounded: integers for counts, 2 significant digits for rates. At most 5 classes.
 */
export function computeBreaks(values: readonly number[], integers: boolean): number[] {
  const v = values.filter((x) => x > 0 && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const round = (x: number) => (integers ? Math.ceil(x) : Number(x.toPrecision(2)));
  const breaks: number[] = [];
  for (let k = 1; k <= CHOROPLETH_COLORS.length; k++) {
    const q = v[Math.min(v.length - 1, Math.ceil((k / CHOROPLETH_COLORS.length) * v.length) - 1)]!;
    const b = k === CHOROPLETH_COLORS.length ? v[v.length - 1]! : round(q);
    if (breaks.length === 0 || b > breaks[breaks.length - 1]!) breaks.push(b);
  }
  return breaks;
}

export function classOfValue(value: number, breaks: readonly number[]): number {
  const i = breaks.findIndex((b) => value <= b);
  return i === -1 ? breaks.length - 1 : i;
}

export interface ChoroplethArea {
  feature: AreaFeature;
  figures: RegionFigures | null;
  value: number | null;
}

export interface Choropleth {
  areas: ChoroplethArea[];
  breaks: number[];
  /** regions of the table with no area on the map (development zones, 新星市; the partial rows), and their episodes */
  offMap: { region: string; episodes: number }[];
  /** episodes drawn on the map; drawn + off map + unknown = the table's episodes */
  drawnEpisodes: number;
}

/** Joins the table's regions to the areas of the map; every region lands on an area or in `offMap`. */
export function buildChoropleth(
  features: readonly AreaFeature[],
  figures: readonly RegionFigures[],
  metric: OriginMetric,
  per10k: boolean,
): Choropleth {
  const byRegion = new Map(figures.filter((f) => f.row.region).map((f) => [f.row.region!, f]));
  const areas = features.map((feature) => {
    const f = byRegion.get(feature.properties.code) ?? null;
    const value = f ? (per10k ? f.per10k : f.row[metric]) : null;
    return { feature, figures: f, value };
  });
  const onMap = new Set(features.map((f) => f.properties.code));
  const offMap = figures
    .filter((f) => f.row.region && !onMap.has(f.row.region))
    .map((f) => ({ region: f.row.region!, episodes: f.row.episodes }));
  const drawnEpisodes = areas.reduce((s, a) => s + (a.figures?.row.episodes ?? 0), 0);
  const values = areas.map((a) => a.value ?? 0);
  return { areas, breaks: computeBreaks(values, !per10k), offMap, drawnEpisodes };
}

export interface Arc {
  region: string;
  target: string | null;
  source: [number, number];
  targetPosition: [number, number];
  episodes: number;
  persons: number;
  width: number;
}

/**
 * Arc widths in screen pixels, by the square root of person-times relative to the largest drawn flow (so the area a
 * flow covers grows with its count), capped: wider lines hid the areas under them once a province filled the map.
 */
export const ARC_WIDTH_PX = { min: 1, max: 8 } as const;

export function arcWidthOf(episodes: number, maxEpisodes: number): number {
  const share = maxEpisodes > 0 ? Math.min(1, Math.max(0, episodes / maxEpisodes)) : 0;
  return ARC_WIDTH_PX.min + (ARC_WIDTH_PX.max - ARC_WIDTH_PX.min) * Math.sqrt(share);
}

/** `v` rounded to one significant digit (1234 → 1000, 308 → 300, 7 → 7). */
function roundToOneDigit(v: number): number {
  const unit = 10 ** Math.floor(Math.log10(v));
  return Math.round(v / unit) * unit;
}

/**
 * The widths the legend shows: the largest flow, then round counts near a quarter and a twenty-fifth of it (half and
 * a fifth of the width range), each drawn with the same function as the arcs.
 */
export function arcWidthSamples(maxEpisodes: number): { episodes: number; width: number }[] {
  if (maxEpisodes < 1) return [];
  const counts = [maxEpisodes, roundToOneDigit(maxEpisodes / 4), roundToOneDigit(maxEpisodes / 25)];
  const distinct = [...new Set(counts.filter((c) => c >= 1 && c <= maxEpisodes))];
  return distinct.map((episodes) => ({ episodes, width: arcWidthOf(episodes, maxEpisodes) }));
}

/** Arcs of the top flows that have both ends; width by `arcWidthOf`, relative to the largest arc drawn. */
export function buildArcs(flows: readonly OriginFlowRow[], index: Gb2260Index): Arc[] {
  const drawable = flows.flatMap((f) => {
    const centroid = f.kind === 'flow' && f.region ? index.get(f.region)?.centroid : undefined;
    return centroid && f.target_lon !== null && f.target_lat !== null ? [{ f, centroid }] : [];
  });
  const max = Math.max(1, ...drawable.map(({ f }) => f.episodes));
  return drawable.map(({ f, centroid }) => ({
    region: f.region!,
    target: f.target,
    source: centroid,
    targetPosition: [f.target_lon!, f.target_lat!],
    episodes: f.episodes,
    persons: f.persons,
    width: arcWidthOf(f.episodes, max),
  }));
}

export interface FlowTotals {
  shown: number;
  rest: number;
  restPairs: number;
  unknown: number;
  /** top flows not drawn: the place was not recorded or has no coordinates */
  undrawn: number;
}

export function summarizeFlows(flows: readonly OriginFlowRow[], arcs: readonly Arc[]): FlowTotals {
  const sum = (kind: OriginFlowRow['kind']) => flows.filter((f) => f.kind === kind).reduce((s, f) => s + f.episodes, 0);
  const drawn = arcs.reduce((s, a) => s + a.episodes, 0);
  return {
    shown: drawn,
    rest: sum('rest'),
    restPairs: flows.find((f) => f.kind === 'rest')?.pairs ?? 0,
    unknown: sum('unknown'),
    undrawn: sum('flow') - drawn,
  };
}

/** The province whose area holds the point (the busiest station's median found position), or null. */
export function detectHomeProvince(point: [number, number] | null, provinces: readonly AreaFeature[]): string | null {
  if (!point) return null;
  return provinces.find((p) => booleanPointInPolygon(point, p))?.properties.code ?? null;
}

/** Breadcrumb from the country down to the selected region (municipalities not repeated). */
export function buildBreadcrumb(region: string | null, index: Gb2260Index): { code: string; name: string }[] {
  const chain: { code: string; name: string }[] = [];
  for (let u = region ? index.get(region) : undefined; u; u = u.parent ? index.get(u.parent) : undefined) {
    if (chain[0]?.name !== u.name) chain.unshift({ code: u.code, name: u.name });
    else chain[0] = { code: u.code, name: u.name };
  }
  return chain;
}
