import { buildOriginFlowsQuery, FLOW_TARGETS, type FlowTarget } from '../../core/analytics/origin-flows';
import {
  buildHomeProvinceSplitQuery,
  buildOriginRateQuery,
  buildOriginRateTrendQuery,
  buildOriginTableQuery,
  buildOriginTrendQuery,
  ORIGIN_LEVELS,
  type OriginLevel,
  type RegionScope,
} from '../../core/analytics/origin-regions';
import type { GlobalFilters } from '../../core/filters';
import type { Gb2260Index } from '../../core/geo/gb2260';

export const ORIGIN_METRICS = ['episodes', 'persons'] as const;
export type OriginMetric = (typeof ORIGIN_METRICS)[number];
export const UNKNOWN_SELECTION = 'unknown';
export const RETURN_WINDOW_DAYS = 365;
export const TOP_FLOWS = 30;

/** The view's settings; they live in the URL under ORIGIN_PARAM_KEYS. */
export interface OriginParams {
  /** the map's level when no region is selected (the level switch) */
  level: OriginLevel;
  /** selected region (drill-down focus): a GB/T 2260 code, 'unknown', or null for the whole country */
  region: string | null;
  target: FlowTarget;
  metric: OriginMetric;
  per10k: boolean;
  /** home province for 本省籍/外省籍 (XX0000); null = taken from the data's stations */
  home: string | null;
}

export const DEFAULT_ORIGIN_PARAMS: OriginParams = {
  level: 'province',
  region: null,
  target: 'district',
  metric: 'episodes',
  per10k: false,
  home: null,
};

export const ORIGIN_PARAM_KEYS: Record<keyof OriginParams, string> = {
  level: 'og.level',
  region: 'og.region',
  target: 'og.target',
  metric: 'og.metric',
  per10k: 'og.per10k',
  home: 'og.home',
};

export function parseOriginParams(params: Record<string, string>): OriginParams {
  const d = DEFAULT_ORIGIN_PARAMS;
  const k = ORIGIN_PARAM_KEYS;
  const region = params[k.region];
  const home = params[k.home];
  return {
    level: ORIGIN_LEVELS.find((l) => l === params[k.level]) ?? d.level,
    region: region === UNKNOWN_SELECTION || (region && /^\d{6}$/.test(region)) ? region : null,
    target: FLOW_TARGETS.find((x) => x === params[k.target]) ?? d.target,
    metric: ORIGIN_METRICS.find((m) => m === params[k.metric]) ?? d.metric,
    per10k: params[k.per10k] === '1',
    home: home && /^\d{2}0000$/.test(home) ? home : null,
  };
}

/** Only what differs from the defaults, so links stay short. */
export function serializeOriginParams(p: OriginParams): Record<string, string | null> {
  const d = DEFAULT_ORIGIN_PARAMS;
  return {
    [ORIGIN_PARAM_KEYS.level]: p.level !== d.level ? p.level : null,
    [ORIGIN_PARAM_KEYS.region]: p.region,
    [ORIGIN_PARAM_KEYS.target]: p.target !== d.target ? p.target : null,
    [ORIGIN_PARAM_KEYS.metric]: p.metric !== d.metric ? p.metric : null,
    [ORIGIN_PARAM_KEYS.per10k]: p.per10k ? '1' : null,
    [ORIGIN_PARAM_KEYS.home]: p.home,
  };
}

const LEVEL_OF_UNIT: Record<1 | 2 | 3, OriginLevel> = { 1: 'province', 2: 'prefecture', 3: 'county' };
const DEPTH: Record<OriginLevel, number> = { province: 1, prefecture: 2, county: 3 };

/** What the map shows: its level, the region it is limited to, and the selected region's own level. */
export interface OriginFrame {
  mapLevel: OriginLevel;
  scope: RegionScope | null;
  /** the selected region's level (its own figures), null without a selected place */
  regionLevel: OriginLevel | null;
}

/**
 * Drill-down: a province shows its prefectures (or counties, with the switch on county), a prefecture its
 * counties, a county (or a unit without subdivisions, 济源, 东莞) its siblings with itself selected.
 */
export function frameOf(p: OriginParams, index: Gb2260Index | null): OriginFrame {
  const region = p.region && p.region !== UNKNOWN_SELECTION ? p.region : null;
  const unit = region && index ? index.get(region) : undefined;
  if (!index || !unit) return { mapLevel: p.level, scope: null, regionLevel: null };
  const own = LEVEL_OF_UNIT[unit.level];
  if (index.childrenOf(unit.code).length > 0) {
    const deeper = DEPTH[p.level] > DEPTH[own] ? p.level : own === 'province' ? 'prefecture' : 'county';
    return { mapLevel: deeper, scope: { level: own, code: unit.code }, regionLevel: own };
  }
  const parent = unit.parent ? index.get(unit.parent) : undefined;
  const parentLevel = parent ? LEVEL_OF_UNIT[parent.level] : null;
  return {
    mapLevel: own,
    scope: parent && parentLevel ? { level: parentLevel, code: parent.code } : null,
    regionLevel: own,
  };
}

export interface OriginQueries {
  table: string;
  rate: string;
  /** the selected region's own level (same SQL as table/rate when the levels agree) */
  regionTable: string | null;
  regionRate: string | null;
  flows: string;
  homeSplit: string | null;
  trend: string | null;
  rateTrend: string | null;
}

export function buildOriginQueries(
  filters: GlobalFilters,
  p: OriginParams,
  frame: OriginFrame,
  home: string | null,
): OriginQueries {
  const selected = p.region === UNKNOWN_SELECTION ? null : p.region;
  const trendLevel = frame.regionLevel ?? frame.mapLevel;
  return {
    table: buildOriginTableQuery(filters, frame.mapLevel),
    rate: buildOriginRateQuery(filters, frame.mapLevel, RETURN_WINDOW_DAYS),
    regionTable: frame.regionLevel ? buildOriginTableQuery(filters, frame.regionLevel) : null,
    regionRate: frame.regionLevel ? buildOriginRateQuery(filters, frame.regionLevel, RETURN_WINDOW_DAYS) : null,
    flows: buildOriginFlowsQuery(filters, frame.mapLevel, p.target, TOP_FLOWS, frame.scope),
    homeSplit: home ? buildHomeProvinceSplitQuery(filters, home) : null,
    trend: p.region ? buildOriginTrendQuery(filters, trendLevel, selected) : null,
    rateTrend: p.region ? buildOriginRateTrendQuery(filters, trendLevel, selected, RETURN_WINDOW_DAYS) : null,
  };
}

/* Rows as the connector returns them (DATE and TIMESTAMP as epoch ms). */

export type OriginTableRow = {
  is_total: boolean;
  region: string | null;
  episodes: number;
  persons: number;
  minors: number;
  elderly: number;
  mental: number;
  poor: number;
  poverty_recorded: number;
  sent_home: number;
  median_stay_days: number | null;
  first_found: number | null;
  last_found: number | null;
  unknown_identity: number;
} & Record<string, unknown>;

export type OriginRateRow = {
  region: string;
  cohort: number;
  returned: number;
  sent_home_cohort: number;
  complete_periods: number;
  periods: number;
  not_linkable: number;
};

export type OriginFlowRow = {
  kind: 'flow' | 'rest' | 'unknown';
  region: string | null;
  target: string | null;
  episodes: number;
  persons: number;
  pairs: number;
  target_lon: number | null;
  target_lat: number | null;
};

export type HomeSplitRow = { side: 'in' | 'out' | 'unknown'; episodes: number; persons: number };
export type StationCentreRow = { station: string | null; episodes: number; lon: number; lat: number };
export type TrendRow = { month: number; episodes: number; persons: number };
export type RateTrendRow = { period_start: number; cohort: number; returned: number; complete: boolean };
