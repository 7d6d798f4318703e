import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { PatrolTranslate } from './messages';
import { runtimeKey } from '../shared/i18n/translate';
import { formatDate, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import { toCsv } from '../../core/export/csv';
import type { CoverageResult, PlanResult } from '../../core/patrols/patrol-analysis';
import type { PlanItem } from '../../core/patrols/seasonal-plan';
import { DAY_MS } from '../../core/patrols/patrol-passes';
import type { CellGeometry } from '../../core/hotspots/grid-kinds';
import type { DistrictCollection } from '../../core/patrols/patrol-area';
import type { CellProfile } from '../../core/hotspots/cell-queries';

export type Rgba = [number, number, number, number];

/** ColorBrewer Blues, 5 classes (Brewer 2002): more patrols, darker. */
export const COVERAGE_COLORS: Rgba[] = [
  [239, 243, 255, 200],
  [189, 215, 231, 210],
  [107, 174, 214, 215],
  [49, 130, 189, 220],
  [8, 81, 156, 225],
];
export const UNPATROLLED: Rgba = [250, 250, 250, 140];
export const DEMAND_COLOR: Rgba = [230, 85, 13, 200];
export const GAP_OUTLINE: Rgba = [204, 0, 0, 255];
export const PLAN_OUTLINE: Rgba = [106, 61, 154, 255];

export interface CoverageCell {
  index: number;
  id: string;
  name: string | null;
  lon: number;
  lat: number;
  coverage: number;
  rate: number;
  demand: number;
  /** demand ÷ patrol-days (or hours); null when never patrolled */
  perPatrol: number | null;
  /** CST day number of the last pass, or null */
  lastDay: number | null;
  teams: string[];
  gap: boolean;
}

/** The cells worth drawing (patrolled or with demand), one record each. */
export function buildCoverageCells(result: CoverageResult, teams: readonly string[]): CoverageCell[] {
  const out: CoverageCell[] = [];
  const nTeams = teams.length;
  for (let i = 0; i < result.ids.length; i++) {
    const coverage = result.coverage[i] as number;
    const demand = result.demand[i] as number;
    if (coverage === 0 && demand === 0) continue;
    const lastDay = result.lastDay[i] as number;
    out.push({
      index: i,
      id: result.ids[i] as string,
      name: result.names?.[i] ?? null,
      lon: result.centres[2 * i] as number,
      lat: result.centres[2 * i + 1] as number,
      coverage,
      rate: result.rate[i] as number,
      demand,
      perPatrol: coverage > 0 ? demand / coverage : null,
      lastDay: lastDay >= 0 ? lastDay : null,
      teams: teams.filter((_, t) => result.teamFlags[i * nTeams + t]),
      gap: result.gap[i] === 1,
    });
  }
  return out;
}

/**
 * Class breaks of the coverage colours: the quintiles of the patrolled cells' coverage, rounded up to whole
 * patrol-days (or hours) and made strictly increasing. Class c holds coverage in [breaks[c], breaks[c + 1]).
 */
export function buildCoverageBreaks(cells: readonly CoverageCell[]): number[] {
  const values = cells
    .map((c) => c.coverage)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  if (values.length === 0) return [1];
  const breaks = [1];
  for (const q of [0.2, 0.4, 0.6, 0.8]) {
    const v = Math.ceil(values[Math.min(values.length - 1, Math.floor(q * values.length))] as number);
    if (v > (breaks[breaks.length - 1] as number)) breaks.push(v);
  }
  return breaks;
}

export function coverageColor(coverage: number, breaks: readonly number[]): Rgba {
  if (coverage <= 0) return UNPATROLLED;
  let c = 0;
  while (c + 1 < breaks.length && coverage >= (breaks[c + 1] as number)) c++;
  return COVERAGE_COLORS[Math.min(c + (COVERAGE_COLORS.length - breaks.length), COVERAGE_COLORS.length - 1)] as Rgba;
}

/** Pixel radius of a demand circle: area proportional to the episodes, small enough to leave the cells visible. */
export function demandRadius(demand: number, maxDemand: number): number {
  return maxDemand > 0 ? 1.5 + 8.5 * Math.sqrt(demand / maxDemand) : 0;
}

export function formatDay(lang: Lang, day: number | null): string {
  return day === null ? '—' : formatDate(lang, day * DAY_MS);
}

export function unitLabel(t: PatrolTranslate, unit: 'day' | 'hour'): string {
  return t(unit === 'day' ? 'patrols.unit.patrolDays' : 'patrols.unit.patrolHours');
}

/** Tooltip lines of a cell: coverage rate, demand, demand per patrol-day, last patrol date, teams. */
export function formatCoverageTooltip(
  cell: CoverageCell,
  unit: 'day' | 'hour',
  t: PatrolTranslate,
  lang: Lang,
): string {
  const n = (v: number, d = 0) => formatNumber(lang, v, d);
  const lines = [
    `${t('patrols.tooltip.cell')} ${cell.name ?? cell.id}${cell.gap ? ` · ${t('patrols.gap')}` : ''}`,
    `${t('patrols.tooltip.coverage')}: ${n(cell.coverage)} ${unitLabel(t, unit)}`,
    `${t('patrols.tooltip.rate')}: ${formatPercent(lang, cell.rate)}`,
    `${t('patrols.tooltip.demand')}: ${n(cell.demand)} ${t('common.episodes')}`,
    `${t(unit === 'day' ? 'patrols.tooltip.perDay' : 'patrols.tooltip.perHour')}: ${
      cell.perPatrol === null ? t('patrols.neverPatrolled') : n(cell.perPatrol, 2)
    }`,
    `${t('patrols.tooltip.last')}: ${formatDay(lang, cell.lastDay)}`,
    `${t('patrols.tooltip.teams')}: ${cell.teams.length ? cell.teams.join(lang === 'zh' ? '、' : ', ') : '—'}`,
  ];
  return lines.join('\n');
}

export interface GapRow {
  rank: number;
  cell: CoverageCell;
  /** district and street of the cell's episodes (or of its position), null where unknown */
  profile: Pick<CellProfile, 'district' | 'street'> | null;
}

/** metrics.md 小数抑制: 1 … k−1 as "<k" in outputs that leave the unit (joins src/core/export/suppression.ts). */
function suppressed(n: number, k: number, t: PatrolTranslate): string | number {
  return k > 0 && n > 0 && n < k ? t('patrols.suppressed', { k }) : n;
}

/** The ranked gap list as CSV (src/core/export/csv.ts), demand counts suppressed below k. */
export function buildGapListCsv(rows: readonly GapRow[], unit: 'day' | 'hour', t: PatrolTranslate, k: number): string {
  const columns = [
    'rank',
    'cellId',
    'name',
    'district',
    'street',
    'demand',
    'coverage',
    'perPatrol',
    'rate',
    'last',
    'teams',
    'lon',
    'lat',
  ].map((c) => t(runtimeKey(`patrols.csv.${c}`), { unit: unitLabel(t, unit) }));
  return toCsv(
    columns,
    rows.map(({ rank, cell, profile }) => {
      const small = k > 0 && cell.demand > 0 && cell.demand < k;
      return [
        rank,
        cell.id,
        cell.name,
        profile?.district ?? null,
        profile?.street ?? null,
        suppressed(cell.demand, k, t),
        cell.coverage,
        small || cell.perPatrol === null ? null : round(cell.perPatrol, 3),
        round(cell.rate, 4),
        cell.lastDay === null ? null : new Date(cell.lastDay * DAY_MS).toISOString().slice(0, 10),
        cell.teams,
        round(cell.lon, 6),
        round(cell.lat, 6),
      ];
    }),
  );
}

function geometryOf(geometry: CellGeometry, index: number): { type: string; coordinates: unknown } {
  const polygons = geometry.cellPolygons(index);
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** The gap cells as GeoJSON (WGS-84), with the list's figures. */
export function buildGapGeoJson(geometry: CellGeometry, rows: readonly GapRow[], t: PatrolTranslate, k: number) {
  return {
    type: 'FeatureCollection',
    features: rows.map(({ rank, cell, profile }) => ({
      type: 'Feature',
      id: cell.id,
      properties: {
        rank,
        cell_id: cell.id,
        name: cell.name,
        district: profile?.district ?? null,
        street: profile?.street ?? null,
        demand: suppressed(cell.demand, k, t),
        coverage: cell.coverage,
        coverage_rate: round(cell.rate, 4),
        last_patrol: cell.lastDay === null ? null : new Date(cell.lastDay * DAY_MS).toISOString().slice(0, 10),
        teams: cell.teams,
      },
      geometry: geometryOf(geometry, cell.index),
    })),
  };
}

export interface PlanRow extends Pick<
  PlanItem,
  'cells' | 'pinned' | 'gain' | 'expected' | 'bestStart' | 'bestHours' | 'bestDemand'
> {
  rank: number;
  ids: string[];
  team: string | null;
  lon: number;
  lat: number;
  /** the district of its centre, when the outlines are loaded */
  district: string | null;
}

export function buildPlanRows(
  plan: PlanResult,
  geometry: CellGeometry,
  teams: readonly string[],
  districtAt: (lon: number, lat: number) => string | null = () => null,
): PlanRow[] {
  return plan.plan.items.map((item, r) => {
    let lon = 0;
    let lat = 0;
    for (const c of item.cells) {
      lon += geometry.centres[2 * c] as number;
      lat += geometry.centres[2 * c + 1] as number;
    }
    const team = plan.teamOf[r] ?? -1;
    return {
      rank: r + 1,
      cells: item.cells,
      ids: item.cells.map((c) => geometry.ids[c] as string),
      team: team >= 0 ? (teams[team] ?? null) : null,
      pinned: item.pinned,
      gain: item.gain,
      expected: item.expected,
      bestStart: item.bestStart,
      bestHours: item.bestHours,
      bestDemand: item.bestDemand,
      lon: lon / item.cells.length,
      lat: lat / item.cells.length,
      district: districtAt(lon / item.cells.length, lat / item.cells.length),
    };
  });
}

/** '19:00–22:00' for a shift starting at 19 of 3 hours (wrapping past midnight). */
export function formatShift(start: number, hours: number): string {
  const end = (start + hours) % 24;
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return `${hh(start)}–${hh(end === 0 && start + hours === 24 ? 24 : end)}`;
}

export function buildPlanCsv(rows: readonly PlanRow[], t: PatrolTranslate): string {
  const columns = ['rank', 'team', 'cells', 'district', 'hours', 'expected', 'gain', 'pinned', 'lon', 'lat'].map((c) =>
    t(runtimeKey(`patrols.planCsv.${c}`)),
  );
  return toCsv(
    columns,
    rows.map((r) => [
      r.rank,
      r.team,
      r.ids.join(' '),
      r.district,
      formatShift(r.bestStart, r.bestHours),
      round(r.expected, 2),
      round(r.gain, 2),
      r.pinned ? t('patrols.plan.pinnedYes') : '',
      round(r.lon, 6),
      round(r.lat, 6),
    ]),
  );
}

export function buildPlanGeoJson(geometry: CellGeometry, rows: readonly PlanRow[]) {
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.rank,
      properties: {
        rank: r.rank,
        team: r.team,
        cells: r.ids,
        district: r.district,
        hours: formatShift(r.bestStart, r.bestHours),
        expected_demand: round(r.expected, 3),
        added_demand: round(r.gain, 3),
        pinned: r.pinned,
      },
      geometry: {
        type: 'MultiPolygon',
        coordinates: r.cells.flatMap((c) => geometry.cellPolygons(c)),
      },
    })),
  };
}

export interface TrendDatum {
  week: number;
  [series: string]: number;
}

/** Weekly coverage rates (percent) of the top-demand cells, one series per team plus all teams. */
export function buildTrendData(result: CoverageResult, teams: readonly string[], allLabel: string): TrendDatum[] {
  const names = [...teams, allLabel];
  return result.trend.weeks.map((week, w) => {
    const row: TrendDatum = { week: week * DAY_MS };
    names.forEach((name, s) => (row[name] = round(100 * ((result.trend.rates[s]?.[w] as number) ?? 0), 2)));
    return row;
  });
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** The name of the district polygon holding a point (the bundled outlines), for cells whose episodes name none. */
export function nameDistrictAt(
  districts: DistrictCollection | null,
  lon: number,
  lat: number,
  lang: Lang,
): string | null {
  for (const f of districts?.features ?? []) {
    if (booleanPointInPolygon([lon, lat], f as unknown as Feature<Polygon | MultiPolygon>)) {
      return (lang === 'en' ? f.properties?.name_en : null) ?? f.properties?.name ?? null;
    }
  }
  return null;
}
