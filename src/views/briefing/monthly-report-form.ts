import {
  columnOf,
  LEAVE_WAYS,
  RANGE_TOTAL,
  REPORT_AGE_BANDS,
  REPORT_GROUPS,
  REPORT_ORIGIN_SIDES,
  REPORT_SEXES,
  type MonthlyReportRow,
} from '../../core/analytics/monthly-report';
import {
  classifyCount,
  protectGroupTotal,
  protectNestedCounts,
  SUPPRESSION_K,
  type Disclosure,
} from '../../core/export/suppression';
import type { BriefingKey } from './messages';

/**
 * The monthly report (救助管理月报) as the form lays it out: sections, rows in the form's order, a column per month
 * and, for a range, a total column. Row definitions are in docs/metrics.md "Monthly report".
 */
export type FormUnit = 'episodes' | 'persons' | 'days' | 'personDays';

export interface FormSection {
  kind: 'section';
  label: BriefingKey;
}

export interface FormFigure {
  kind: 'figure';
  id: string;
  label: BriefingKey;
  unit: FormUnit;
  /** 0 = a row of the section, 1 = a breakdown, 2 = "of which" */
  indent: 0 | 1 | 2;
  /** the report row column it reads */
  column: string;
  /** a count of episodes that adds up with others (suppressed as a count) */
  count: boolean;
}

export type FormLine = FormSection | FormFigure;

const figure = (
  id: string,
  label: BriefingKey,
  column: string,
  indent: 0 | 1 | 2 = 1,
  unit: FormUnit = 'episodes',
  count = true,
): FormFigure => ({ kind: 'figure', id, label, unit, indent, column, count });
const section = (label: BriefingKey): FormSection => ({ kind: 'section', label });

export const FORM_LINES: readonly FormLine[] = [
  section('mr.section.stock'),
  figure('carried', 'mr.row.carried', 'carried_over', 0),
  figure('admitted', 'mr.row.admitted', 'admitted', 0),
  figure('leftTotal', 'mr.row.leftTotal', 'left_total', 0),
  figure('inStation', 'mr.row.inStation', 'in_station_end', 0),
  section('mr.section.admitted'),
  figure('persons', 'mr.row.persons', 'persons', 0, 'persons', false),
  section('mr.section.sex'),
  ...REPORT_SEXES.map((v) => figure(`sex.${v}`, `mr.row.sex.${v}`, columnOf.sex(v))),
  section('mr.section.age'),
  ...REPORT_AGE_BANDS.map((v) => figure(`age.${v}`, `mr.row.age.${v}`, columnOf.age(v))),
  section('mr.section.group'),
  ...REPORT_GROUPS.map((v) => figure(`group.${v}`, `mr.row.group.${v}`, columnOf.group(v))),
  section('mr.section.origin'),
  ...REPORT_ORIGIN_SIDES.map((v) => figure(`origin.${v}`, `mr.row.origin.${v}`, columnOf.origin(v))),
  section('mr.section.leave'),
  ...LEAVE_WAYS.flatMap((v) => [
    figure(`way.${v}`, `mr.row.way.${v}`, columnOf.way(v)),
    ...(v === 'escorted' ? [figure('way.escortedAcross', 'mr.row.way.escortedAcross', 'way_escorted_across', 2)] : []),
  ]),
  section('mr.section.stay'),
  figure('meanStay', 'mr.row.meanStay', 'mean_stay_days', 0, 'days', false),
  figure('personDays', 'mr.row.personDays', 'person_days', 0, 'personDays', false),
];

const FIGURES = FORM_LINES.filter((l): l is FormFigure => l.kind === 'figure');

/**
 * Rows that add up to a whole of the same column, with the row of that whole (null: not printed, as the episodes
 * served, carried over + admitted = left + in station at the end).
 */
const COLUMN_GROUPS: readonly { rows: string[]; whole: string | null }[] = [
  { rows: ['carried', 'admitted'], whole: null },
  { rows: ['leftTotal', 'inStation'], whole: null },
  { rows: REPORT_SEXES.map((v) => `sex.${v}`), whole: 'admitted' },
  { rows: REPORT_AGE_BANDS.map((v) => `age.${v}`), whole: 'admitted' },
  { rows: REPORT_GROUPS.map((v) => `group.${v}`), whole: 'admitted' },
  { rows: REPORT_ORIGIN_SIDES.map((v) => `origin.${v}`), whole: 'admitted' },
  { rows: LEAVE_WAYS.map((v) => `way.${v}`), whole: 'leftTotal' },
];

/** Flows add up over the months to the range's total; stocks (at a moment) and distinct persons do not. */
const NOT_SUMMED_OVER_MONTHS = new Set(['carried', 'inStation', 'persons', 'meanStay', 'personDays']);

export interface ReportGrid {
  /** 'YYYY-MM' of each month column, then RANGE_TOTAL when there are several months */
  periods: string[];
  /** value[figure id][column] */
  values: Map<string, (number | null)[]>;
  disclosure: Map<string, Disclosure[]>;
}

/** The report's rows as a grid of the form's figures; the total column only for a range of months. */
export function buildReportGrid(rows: readonly MonthlyReportRow[], exact: boolean): ReportGrid {
  const months = rows.filter((r) => r.period !== RANGE_TOTAL);
  const columns = months.length > 1 ? rows : months;
  const values = new Map<string, (number | null)[]>();
  for (const f of FIGURES) {
    values.set(
      f.id,
      columns.map((r) => (r[f.column] === null || r[f.column] === undefined ? null : Number(r[f.column]))),
    );
  }
  const disclosure = exact
    ? new Map(FIGURES.map((f) => [f.id, columns.map((): Disclosure => 'shown')]))
    : suppressReport(values, columns, months.length > 1);
  return { periods: columns.map((r) => r.period), values, disclosure };
}

/**
 * Small-number suppression of the report (the one rule, core/export/suppression.ts): counts 1–4 as "<5", then,
 * until nothing changes, complementary suppression within every group that adds up to a whole of its column,
 * along every flow row over the months (they add up to the total column), and for 跨省 within 护送返乡 (its
 * complement, within the province, is a count too). A mean stay of fewer than 5 stays, and the person-days of
 * fewer than 5 episodes served, are hidden: either would be one person's figure.
 */
function suppressReport(
  values: ReadonlyMap<string, (number | null)[]>,
  columns: readonly MonthlyReportRow[],
  withTotal: boolean,
): Map<string, Disclosure[]> {
  const n = columns.length;
  const d = new Map<string, Disclosure[]>();
  const v = (id: string, c: number) => values.get(id)?.[c] ?? 0;
  for (const f of FIGURES) {
    d.set(
      f.id,
      columns.map((r, c) => {
        if (f.count) return classifyCount(v(f.id, c));
        if (f.id === 'persons') return classifyCount(v(f.id, c));
        if (f.id === 'meanStay') return isSmall(r.stays_counted) ? 'hidden' : 'shown';
        return isSmall(r.carried_over + r.admitted) ? 'hidden' : 'shown';
      }),
    );
  }
  const protect = (cells: [string, number][], whole: [string, number] | null): boolean => {
    const before = cells.map(([id, c]) => d.get(id)![c]!);
    const { disclosures, exposed } = protectGroupTotal(
      cells.map(([id, c]) => v(id, c)),
      before,
    );
    let changed = false;
    // every count of the group suppressed and still pinned by the whole: the whole must not be shown either
    if (exposed && whole && d.get(whole[0])![whole[1]] === 'shown') {
      d.get(whole[0])![whole[1]] = 'hidden';
      changed = true;
    }
    cells.forEach(([id, c], i) => {
      if (disclosures[i] !== before[i]) {
        d.get(id)![c] = disclosures[i]!;
        changed = true;
      }
    });
    return changed;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (let c = 0; c < n; c++) {
      for (const g of COLUMN_GROUPS) {
        changed =
          protect(
            g.rows.map((id) => [id, c]),
            g.whole ? [g.whole, c] : null,
          ) || changed;
      }
      const nested = protectNestedCounts(
        [v('way.escortedAcross', c), v('way.escorted', c)],
        [d.get('way.escortedAcross')![c]!, d.get('way.escorted')![c]!],
      );
      for (const [i, id] of (['way.escortedAcross', 'way.escorted'] as const).entries()) {
        if (d.get(id)![c] !== nested[i]) {
          d.get(id)![c] = nested[i]!;
          changed = true;
        }
      }
    }
    if (withTotal) {
      const monthColumns = Array.from({ length: n - 1 }, (_, c) => c);
      for (const f of FIGURES) {
        if (!f.count || NOT_SUMMED_OVER_MONTHS.has(f.id)) continue;
        changed =
          protect(
            monthColumns.map((c) => [f.id, c]),
            [f.id, n - 1],
          ) || changed;
      }
    }
  }
  return d;
}

function isSmall(n: number): boolean {
  return n > 0 && n < SUPPRESSION_K;
}
