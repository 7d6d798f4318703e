import { toCsv } from '../../core/export/csv';
import { countProperties, toPolygonFeatureCollection, type FeatureCollectionExport } from '../../core/export/geojson';
import { formatPValueText } from '../../core/export/p-value-text';
import {
  classifyCount,
  discloseRate,
  type Disclosure,
  formatSuppressed,
  protectGroupTotal,
  SUPPRESSION_K,
} from '../../core/export/suppression';
import type { CellProfile } from '../../core/hotspots/cell-queries';
import type { GridCells, HotspotCell } from './layers';
import type { HotspotTranslate } from './messages';
import { formatPlaceList } from './place-text';
import type { RankedCell } from './ranking';
import { runtimeKey } from '../shared/i18n/translate';

const LIST_COLUMNS = [
  'rank',
  'kind',
  'places',
  'district',
  'street',
  'cellId',
  'name',
  'count',
  'share',
  'z',
  'p',
  'class',
  'category',
  'neighbour',
  'peakHours',
  'peakMonths',
  'lon',
  'lat',
] as const;

/**
 * The cell's most frequent places with their episodes, suppressed as the cell's count is: when that count
 * is not shown, the names alone (their counts would bound it); otherwise small counts as "<k", and as
 * "—" any count from which a small one could be worked back, the reader being assumed to know the sum of
 * the listed places (as when they are all the cell's places).
 */
export function formatExportedPlaces(
  profile: CellProfile | null,
  cellCount: Disclosure,
  t: HotspotTranslate,
): string | null {
  if (!profile || profile.places.length === 0) return null;
  const names = () => formatPlaceList(profile.places, t, () => null);
  if (cellCount !== 'shown') return names();
  const values = profile.places.map((p) => p.n);
  const { disclosures, exposed } = protectGroupTotal(
    values,
    values.map((v) => classifyCount(v)),
  );
  if (exposed) return names();
  return formatPlaceList(profile.places, t, (p, i) => formatSuppressed(p.n, disclosures[i] ?? 'hidden'));
}

/**
 * The whole ranked list as CSV (core/export/csv: UTF-8 with BOM, formula-safe), places first, suppressed
 * for sharing: counts 1..k−1 as "<k" and their share of `total` (the period's mapped episodes) as "—".
 * A cell hot only through its neighbours has no rank, says so, and names the neighbour.
 */
export function buildRankedListCsv(
  rows: readonly RankedCell[],
  t: HotspotTranslate,
  options: { total: number; bom?: boolean },
): string {
  const header = LIST_COLUMNS.map((key) => t(`hotspots.csv.${key}`));
  const lines = rows.map(({ rank, cell, share, profile, neighbour }) => {
    const count = classifyCount(cell.count);
    return [
      rank,
      t(rank === null ? 'hotspots.neighbour.label' : 'hotspots.csv.kind.place'),
      formatExportedPlaces(profile, count, t),
      profile?.district ?? null,
      profile?.street ?? null,
      cell.id,
      cell.name,
      formatSuppressed(cell.count, count),
      formatSuppressed(round(share, 4), discloseRate(count, 'shown', options.total)),
      round(cell.z, 4),
      formatPValueText(cell.p),
      t(`hotspots.class.${cell.hotspotClass}`),
      cell.category === null ? null : t(`hotspots.emerging.${cell.category}`),
      neighbour?.id ?? null,
      profile ? profile.peakHours.map((hour) => t('hotspots.hour', { hour })).join(' ') : null,
      profile ? profile.peakMonths.map((m) => t(runtimeKey(`hotspots.month.${m}`))).join(' ') : null,
      round(cell.lon, 6),
      round(cell.lat, 6),
    ];
  });
  return toCsv(header, lines, { bom: options.bom });
}

/** The cells a GeoJSON export holds: the significant ones and those with a pattern, or every cell. */
export function listExportedCells(cells: readonly HotspotCell[], includeNone = false): HotspotCell[] {
  return cells.filter((c) => includeNone || c.bin !== 0 || (c.category !== null && c.category !== 'none'));
}

/**
 * The cells as GeoJSON with their statistics, labels and places; `count` is a number (null where
 * suppressed, with `suppressed` true). With `includeNone` every cell of the study area goes out, so their
 * counts add up to the total the view shows: a count that the total minus the others would give back is
 * hidden as well. A hot cell without finds names its busiest neighbour (`neighbour_of`).
 */
export function buildCellsGeoJson(
  grid: GridCells,
  cells: readonly HotspotCell[],
  t: HotspotTranslate,
  options: { includeNone?: boolean; profiles?: ReadonlyMap<string, CellProfile> | null } = {},
): FeatureCollectionExport {
  const chosen = listExportedCells(cells, options.includeNone);
  const counts = chosen.map((c) => c.count);
  const primary = counts.map((n) => classifyCount(n));
  const disclosures = options.includeNone ? protectGroupTotal(counts, primary).disclosures : primary;
  return toPolygonFeatureCollection(
    chosen.map((c, i) => {
      const profile = options.profiles?.get(c.id) ?? null;
      const disclosure = disclosures[i] ?? 'hidden';
      const neighbourOnly = c.bin > 0 && c.count === 0;
      return {
        id: c.id,
        polygons: grid.cellPolygons(c.index),
        properties: {
          cell_id: c.id,
          name: c.name,
          places: formatExportedPlaces(profile, disclosure, t),
          district: profile?.district ?? null,
          street: profile?.street ?? null,
          neighbour_only: neighbourOnly,
          neighbour_of: neighbourOnly ? (cells[c.neighbourIndex]?.id ?? null) : null,
          ...countProperties(c.count, disclosure),
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
      };
    }),
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
