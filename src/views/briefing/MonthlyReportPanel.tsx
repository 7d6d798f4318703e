import { useMemo, useState } from 'react';
import { buildMonthlyReportQuery, RANGE_TOTAL, type MonthlyReportRow } from '../../core/analytics/monthly-report';
import type { DataSpan } from '../../core/calendar/periods';
import { listMonths, listReportPeriods } from '../../core/calendar/report-periods';
import { writeXlsx } from '../../core/export/xlsx';
import type { GlobalFilters } from '../../core/filters';
import { useApp } from '../shared/app-context';
import { downloadBytes } from '../shared/download';
import { formatNumber } from '../shared/i18n/format';
import { useQuery } from '../shared/use-query';
import { usePlaceNames } from '../repeat-returns/use-place-names';
import { useOriginUnits } from '../origins/use-origin-setup';
import { buildReportSheet, UNIT_KEY } from './exports';
import type { BriefingTranslate } from './messages';
import { buildReportGrid, FORM_LINES } from './monthly-report-form';
import { describeFilters, formatDisclosed, labelMonth } from './present';
import type { HomeProvince } from './use-home-province';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Props {
  filters: GlobalFilters;
  span: DataSpan;
  months: { from: string; to: string };
  home: HomeProvince;
  unit: string;
  exact: boolean;
  t: BriefingTranslate;
  onMonths(months: { from: string; to: string }): void;
}

/** 救助管理月报: the form as a table for a month or a range of months, exported as XLSX in the same layout. */
export function MonthlyReportPanel({ filters, span, months, home, unit, exact, t, onMonths }: Props) {
  const { coordinator, lang } = useApp();
  const index = usePlaceNames();
  const ready = useOriginUnits(coordinator, index);
  const list = useMemo(() => listMonths(months.from, months.to), [months]);
  const query = ready && home.code ? buildMonthlyReportQuery(filters, list, home.code) : null;
  const report = useQuery<MonthlyReportRow>('bf.report', query);
  const grid = useMemo(() => (report.rows ? buildReportGrid(report.rows, exact) : null), [report.rows, exact]);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(
    () =>
      listReportPeriods('month', span).map((s) =>
        s.kind === 'month' ? `${s.year}-${String(s.month).padStart(2, '0')}` : '',
      ),
    [span],
  );

  const periodLabel =
    months.from === months.to
      ? labelMonth(months.from, lang)
      : `${labelMonth(months.from, lang)}${lang === 'zh' ? '—' : '–'}${labelMonth(months.to, lang)}`;
  const province = home.code ? (index?.get(home.code)?.[lang === 'en' ? 'nameEn' : 'name'] ?? home.code) : null;
  const head = [
    t('mr.title'),
    t('mr.unit', { unit: unit || t('bf.unit.missing') }),
    t('mr.period', { period: periodLabel }),
    ...(province ? [t('mr.home', { province, how: t(home.how === 'set' ? 'mr.home.set' : 'mr.home.auto') })] : []),
  ];
  const filtersText = describeFilters(filters, t, lang);
  const notes = [
    t('mr.check'),
    ...(list.length > 1 ? [t('mr.note.persons')] : []),
    t('mr.note.stay'),
    exact ? t('bf.footer.exact') : t('bf.footer.suppressed'),
    ...(filtersText ? [t('mr.note.filters', { filters: filtersText })] : []),
  ];
  const columnLabels = (grid?.periods ?? []).map((p) =>
    p === RANGE_TOTAL
      ? t('mr.col.range', { from: labelMonth(months.from, lang), to: labelMonth(months.to, lang) })
      : labelMonth(p, lang),
  );

  const exportXlsx = async () => {
    if (!grid) return;
    setError(null);
    try {
      const bytes = await writeXlsx([buildReportSheet(grid, head, columnLabels, notes, t)]);
      downloadBytes(
        `${t('mr.title')}_${months.from}${months.to !== months.from ? `_${months.to}` : ''}.xlsx`,
        bytes,
        XLSX_MIME,
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const monthSelect = (value: string, label: string, testId: string, set: (v: string) => void) => (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {!options.includes(value) && <option value={value}>{labelMonth(value, lang)}</option>}
        {options.map((m) => (
          <option key={m} value={m}>
            {labelMonth(m, lang)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="mr-panel" data-testid="mr-panel">
      <div className="bf-actions no-print">
        {monthSelect(months.from, t('mr.from'), 'mr-from', (from) =>
          onMonths({ from, to: months.to < from ? from : months.to }),
        )}
        {monthSelect(months.to, t('mr.to'), 'mr-to', (to) =>
          onMonths({ from: months.from > to ? to : months.from, to }),
        )}
        <button
          type="button"
          className="primary"
          disabled={!grid}
          onClick={() => void exportXlsx()}
          data-testid="mr-export"
        >
          {t('mr.export')}
        </button>
        <button type="button" className="ghost" disabled={!grid} onClick={() => window.print()} data-testid="mr-print">
          {t('mr.print')}
        </button>
        <span className="bf-small">{exact ? t('bf.exact.banner') : t('bf.footer.suppressed')}</span>
      </div>
      {(report.error ?? error) && (
        <div className="banner error">{t('common.error', { message: report.error ?? error ?? '' })}</div>
      )}
      {!home.code && !home.loading && <div className="banner error">{t('mr.home.missing')}</div>}
      <article
        className={`mr-page${exact ? ' exact' : ''}${columnLabels.length > 6 ? ' wide' : ''}`}
        data-testid="mr-page"
      >
        {exact && <div className="bf-exact-banner">{t('bf.exact.banner')}</div>}
        <h1 className="mr-title">{head[0]}</h1>
        <div className="mr-head">
          {head.slice(1).map((h) => (
            <span key={h}>{h}</span>
          ))}
        </div>
        {!grid ? (
          <p className="bf-small">{t('mr.loading')}</p>
        ) : (
          <table className="mr-table" data-testid="mr-table">
            <thead>
              <tr>
                <th>{t('mr.col.item')}</th>
                <th>{t('mr.col.unit')}</th>
                {columnLabels.map((l) => (
                  <th key={l} className="num">
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {FORM_LINES.map((line, i) =>
                line.kind === 'section' ? (
                  <tr key={`s${i}`} className="mr-section">
                    <th colSpan={2 + columnLabels.length}>{t(line.label)}</th>
                  </tr>
                ) : (
                  <tr key={line.id} data-row={line.id}>
                    <td className={`mr-indent-${line.indent}`}>{t(line.label)}</td>
                    <td>{t(UNIT_KEY[line.unit])}</td>
                    {grid.values.get(line.id)!.map((v, c) => (
                      <td key={c} className="num">
                        {formatDisclosed(
                          lang,
                          v,
                          grid.disclosure.get(line.id)![c]!,
                          line.unit === 'days' || line.unit === 'personDays' ? 1 : 0,
                        )}
                      </td>
                    ))}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
        <div className="mr-notes">
          {notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      </article>
      {grid && (
        <span hidden data-testid="mr-ready">
          {formatNumber(lang, grid.periods.length)}
        </span>
      )}
    </div>
  );
}
