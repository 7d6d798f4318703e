import { RANGE_TOTAL } from '../../core/analytics/monthly-report';
import {
  classifyCount,
  discloseRate,
  formatSuppressed,
  SUPPRESSION_K,
  type Disclosure,
} from '../../core/export/suppression';
import type { XlsxCell, XlsxSheet } from '../../core/export/xlsx';
import type { Tile, TileValue } from './figures';
import type { BriefingTranslate } from './messages';
import { FORM_LINES, type ReportGrid } from './monthly-report-form';
import type { TileDisplay } from './present';

/**
 * The briefing's figures and the monthly report as XLSX sheets (core/export/xlsx.ts writes them). Numbers stay
 * numbers; a suppressed figure is the text "<5" or "—", as on the page.
 */

/** A figure as a cell: the number when it may leave the unit, else its mark. */
function cellOf(value: number | null, d: Disclosure, digits = 0): XlsxCell {
  const v = formatSuppressed(value, d);
  if (typeof v !== 'number') return v;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** A tile's figure in a comparison period, disclosed by the rule of the tile's own figure. */
function comparisonCell(tile: Tile, v: TileValue | null, exact: boolean): XlsxCell {
  if (!v || v.value === null) return null;
  if (tile.kind === 'rate') {
    const d = exact ? 'shown' : discloseRate(classifyCount(v.part ?? 0), classifyCount(v.base), v.base);
    return cellOf(v.value * 100, d, 1);
  }
  if (tile.kind === 'days')
    return cellOf(v.value, !exact && v.base > 0 && v.base < SUPPRESSION_K ? 'hidden' : 'shown', 1);
  return cellOf(v.value, exact ? 'shown' : classifyCount(v.value));
}

/** One row of the figures sheet: indicator, unit, this period, 环比, 同比, previous period, last year. */
export function buildTileRow(tile: Tile, display: TileDisplay, exact: boolean): XlsxCell[] {
  const current: XlsxCell =
    display.exactValue && tile.current.value !== null
      ? tile.kind === 'rate'
        ? Math.round(tile.current.value * 1000) / 10
        : Math.round(tile.current.value * (tile.kind === 'days' ? 10 : 1)) / (tile.kind === 'days' ? 10 : 1)
      : display.value;
  return [
    display.label,
    tile.kind === 'rate' ? '%' : (display.unit ?? ''),
    current,
    display.vsPrevious.text,
    display.vsLastYear?.text ?? '',
    comparisonCell(tile, tile.previous, exact),
    comparisonCell(tile, tile.lastYear, exact),
  ];
}

export interface BriefingWorkbook {
  head: string[];
  tileRows: XlsxCell[][];
  hotRows: XlsxCell[][];
  originRows: XlsxCell[][];
  trendRows: XlsxCell[][];
  notes: string[];
}

export function buildBriefingSheets(w: BriefingWorkbook, t: BriefingTranslate): XlsxSheet[] {
  const headRows = w.head.map((h) => [h]);
  return [
    {
      name: t('bf.xlsx.sheet.figures'),
      rows: [
        ...headRows,
        [],
        [
          t('bf.xlsx.indicator'),
          t('bf.xlsx.unit'),
          t('bf.xlsx.current'),
          t('bf.vsPrevious'),
          t('bf.vsLastYear'),
          t('bf.xlsx.previous'),
          t('bf.xlsx.lastYear'),
        ],
        ...w.tileRows,
      ],
      widths: [22, 8, 12, 16, 16, 14, 14],
    },
    {
      name: t('bf.xlsx.sheet.hotspots'),
      rows: [
        [t('bf.hot.rank'), t('bf.hot.place'), t('bf.hot.episodes'), t('bf.hot.share'), t('bf.hot.class')],
        ...w.hotRows,
      ],
      widths: [6, 30, 10, 10, 14],
      stickyRows: 1,
    },
    {
      name: t('bf.xlsx.sheet.origins'),
      rows: [[t('bf.origin.region'), t('bf.origin.episodes'), t('bf.origin.share')], ...w.originRows],
      widths: [24, 10, 10],
      stickyRows: 1,
    },
    {
      name: t('bf.xlsx.sheet.trend'),
      rows: [
        [
          t('bf.xlsx.month'),
          t('bf.trend.current'),
          t('bf.trend.lastYear'),
          t('bf.xlsx.cohort'),
          t('bf.xlsx.rate'),
          t('bf.xlsx.complete'),
        ],
        ...w.trendRows,
      ],
      widths: [10, 10, 12, 12, 16, 10],
      stickyRows: 1,
    },
    { name: t('bf.xlsx.sheet.notes'), rows: w.notes.map((n) => [n]), widths: [120] },
  ];
}

/** The message key of each unit the report's figures are counted in. */
export const UNIT_KEY = {
  episodes: 'mr.unit.episodes',
  persons: 'mr.unit.persons',
  days: 'mr.unit.days',
  personDays: 'mr.unit.personDays',
} as const;

/** The report as the form lays it out: title lines, the header row, one row per section and figure, notes. */
export function buildReportSheet(
  grid: ReportGrid,
  head: readonly string[],
  columnLabels: readonly string[],
  notes: readonly string[],
  t: BriefingTranslate,
): XlsxSheet {
  const rows: XlsxCell[][] = head.map((h) => [h]);
  rows.push([t('mr.col.item'), t('mr.col.unit'), ...columnLabels]);
  for (const line of FORM_LINES) {
    if (line.kind === 'section') {
      rows.push([t(line.label)]);
      continue;
    }
    const values = grid.values.get(line.id)!;
    const d = grid.disclosure.get(line.id)!;
    const digits = line.unit === 'days' || line.unit === 'personDays' ? 1 : 0;
    rows.push([
      `${'  '.repeat(line.indent)}${t(line.label)}`,
      t(UNIT_KEY[line.unit]),
      ...values.map((v, c) => cellOf(v, d[c]!, digits)),
    ]);
  }
  rows.push([], ...notes.map((n) => [n]));
  return {
    name: t('mr.sheet'),
    rows,
    widths: [34, 8, ...grid.periods.map((p) => (p === RANGE_TOTAL ? 14 : 10))],
    stickyRows: head.length + 1,
  };
}
