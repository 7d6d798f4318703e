import type { SliceUnit } from '../../core/analytics/time-slices';
import { listTimeSlices } from '../../core/analytics/time-slices';
import { buildCaseFilter, type GlobalFilters } from '../../core/filters';
import { buildBinCountsQuery } from '../../core/hotspots/cell-queries';
import { sql } from '../../core/sql/sql';

export type PeriodExtentRow = {
  first_at: number | null;
  last_at: number | null;
  total: number;
  mapped: number;
};

/** First and last found_at of the filtered episodes, how many there are and how many can be mapped. */
export function buildPeriodExtentQuery(filters: GlobalFilters): string {
  return sql`SELECT min(found_at) AS first_at, max(found_at) AS last_at, count(*) AS total,
count(*) FILTER (WHERE lon IS NOT NULL AND lat IS NOT NULL) AS mapped
FROM cases WHERE ${buildCaseFilter(filters)}`.text;
}

/**
 * The slices of the analysis: those of the filter's period when it has one (empty slices included),
 * else those from the data's first to last episode.
 */
export function listHotspotSlices(filters: GlobalFilters, extent: PeriodExtentRow, unit: SliceUnit): number[] {
  const from = filters.from ? Date.parse(`${filters.from}T00:00:00Z`) : extent.first_at;
  const to = filters.to ? Date.parse(`${filters.to}T00:00:00Z`) : extent.last_at;
  if (from === null || to === null) return [];
  return listTimeSlices(from, to, unit);
}

/** The density layer: episodes per bin of 0.001° (about 100 m). */
export function buildDensityQuery(filters: GlobalFilters): string {
  return buildBinCountsQuery(filters, 3);
}
