import { toCsv } from '../../core/export/csv';
import { countProperties, toPolygonFeatureCollection, type FeatureCollectionExport } from '../../core/export/geojson';
import { formatPValueText } from '../../core/export/p-value-text';
import {
  classifyCount,
  discloseRate,
  formatSuppressed,
  protectGroupTotal,
  SUPPRESSION_K,
} from '../../core/export/suppression';
import type { GridCells, HotspotCell, RankedCell } from './layers';
import type { HotspotTranslate } from './messages';
import { runtimeKey } from '../shared/i18n/translate';

const LIST_COLUMNS = [
  'rank',
  'cellId',
  'name',
  'district',
  'street',
  'count',
  'share',
  'z',
  'p',
  'class',
  'category',
  'peakHours',
  'peakMonths',
  'lon',
  'lat',
] as const;

/**
 * The whole ranked list as CSV (core/export/csv: UTF-8 with BOM, formula-safe), suppressed for sharing:
 * counts 1..k−1 as "<k" and their share of `total` (the period's mapped episodes) as "—".
 */
export function buildRankedListCsv(
  rows: readonly RankedCell[],
  t: HotspotTranslate,
  options: { total: number; bom?: boolean },
): string {
  const header = LIST_COLUMNS.map((key) => t(`hotspots.csv.${key}`));
  const lines = rows.map(({ rank, cell, share, profile }) => {
    const count = classifyCount(cell.count);
    return [
      rank,
      cell.id,
      cell.name,
      profile?.district ?? null,
      profile?.street ?? null,
      formatSuppressed(cell.count, count),
      formatSuppressed(round(share, 4), discloseRate(count, 'shown', options.total)),
      round(cell.z, 4),
      formatPValueText(cell.p),
      t(`hotspots.class.${cell.hotspotClass}`),
      cell.category === null ? null : t(`hotspots.emerging.${cell.category}`),
      profile ? profile.peakHours.map((hour) => t('hotspots.hour', { hour })).join(' ') : null,
      profile ? profile.peakMonths.map((m) => t(runtimeKey(`hotspots.month.${m}`))).join(' ') : null,
      round(cell.lon, 6),
      round(cell.lat, 6),
    ];
  });
  return toCsv(header, lines, { bom: options.bom });
}

/**
 * The cells as GeoJSON with their statistics and labels; `count` is a number (null where suppressed, with
 * `suppressed` true). With `includeNone` every cell of the study area goes out, so their counts add up to
 * the total the view shows: a count that the total minus the others would give back is hidden as well.
 */
export function buildCellsGeoJson(
  grid: GridCells,
  cells: readonly HotspotCell[],
  t: HotspotTranslate,
  options: { includeNone?: boolean } = {},
): FeatureCollectionExport {
  const chosen = cells.filter(
    (c) => options.includeNone || c.bin !== 0 || (c.category !== null && c.category !== 'none'),
  );
  const counts = chosen.map((c) => c.count);
  const primary = counts.map((n) => classifyCount(n));
  const disclosures = options.includeNone ? protectGroupTotal(counts, primary).disclosures : primary;
  return toPolygonFeatureCollection(
    chosen.map((c, i) => ({
      id: c.id,
      polygons: grid.cellPolygons(c.index),
      properties: {
        cell_id: c.id,
        name: c.name,
        ...countProperties(c.count, disclosures[i] ?? 'hidden'),
        gi_z: round(c.z, 4),
        gi_p: exportedP(c.p),
        gi_bin: c.bin,
        class: c.hotspotClass,
        class_label: t(`hotspots.class.${c.hotspotClass}`),
        category: c.category,
        category_label: c.category === null ? null : t(`hotspots.emerging.${c.category}`),
        trend_z: c.trendZ === null ? null : round(c.trendZ, 4),
        trend_p: c.trendP === null ? null : exportedP(c.trendP),
      },
    })),
  );
}

/** The note beside the export buttons: which figures the files suppress. */
export function describeSuppression(t: HotspotTranslate): string {
  return t('hotspots.export.suppressed', { k: SUPPRESSION_K, k1: SUPPRESSION_K - 1 });
}

/** Four significant digits; a p that underflowed the doubles goes out as the smallest one, never 0. */
function exportedP(p: number): number {
  return p > 0 ? Number(p.toPrecision(4)) : Number.MIN_VALUE;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
