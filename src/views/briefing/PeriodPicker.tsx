import { useMemo } from 'react';
import type { DataSpan } from '../../core/calendar/periods';
import {
  listReportPeriods,
  REPORT_PERIOD_KINDS,
  resolveReportPeriod,
  serializeReportPeriod,
  type ReportPeriodKind,
  type ReportPeriodSpec,
} from '../../core/calendar/report-periods';
import type { BriefingTranslate } from './messages';
import { labelReportPeriod } from './present';

interface Props {
  spec: ReportPeriodSpec;
  span: DataSpan;
  lang: 'zh' | 'en';
  t: BriefingTranslate;
  onChange(spec: ReportPeriodSpec): void;
}

/** The reporting period: a kind (month, quarter … custom), then one of its periods that touch the data. */
export function PeriodPicker({ spec, span, lang, t, onChange }: Props) {
  const options = useMemo(() => listReportPeriods(spec.kind, span), [spec.kind, span]);
  const current = serializeReportPeriod(spec);
  const pickKind = (kind: ReportPeriodKind) => {
    if (kind === 'custom') {
      const p = resolveReportPeriod(spec);
      onChange({ kind, from: p?.from ?? span.first, to: p?.to ?? span.last });
      return;
    }
    const first = listReportPeriods(kind, span)[0];
    if (first) onChange(first);
  };
  return (
    <div className="bf-period" data-testid="bf-period">
      <label className="filter">
        <span className="filter-label">{t('bf.period')}</span>
        <select
          value={spec.kind}
          onChange={(e) => pickKind(e.target.value as ReportPeriodKind)}
          data-testid="bf-period-kind"
        >
          {REPORT_PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`bf.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {spec.kind === 'custom' ? (
        <>
          <input
            type="date"
            value={spec.from}
            aria-label={t('mr.from')}
            onChange={(e) => e.target.value && onChange({ ...spec, from: e.target.value })}
            data-testid="bf-period-from"
          />
          <input
            type="date"
            value={spec.to}
            aria-label={t('mr.to')}
            onChange={(e) => e.target.value && onChange({ ...spec, to: e.target.value })}
            data-testid="bf-period-to"
          />
        </>
      ) : (
        <select
          value={current}
          aria-label={t('bf.period')}
          onChange={(e) => {
            const next = options.find((o) => serializeReportPeriod(o) === e.target.value);
            if (next) onChange(next);
          }}
          data-testid="bf-period-value"
        >
          {!options.some((o) => serializeReportPeriod(o) === current) && (
            <option value={current}>{labelReportPeriod(spec, t, lang)}</option>
          )}
          {options.map((o) => (
            <option key={serializeReportPeriod(o)} value={serializeReportPeriod(o)}>
              {labelReportPeriod(o, t, lang)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
