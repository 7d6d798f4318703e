import { useEffect, useMemo, useState } from 'react';
import {
  defaultReportPeriod,
  parseReportPeriod,
  resolveReportPeriod,
  serializeReportPeriod,
  type ReportPeriodSpec,
} from '../../core/calendar/report-periods';
import type { DataSpan } from '../../core/calendar/periods';
import type { GlobalFilters } from '../../core/filters';
import { AppContext, useApp } from '../shared/app-context';
import type { DatasetMeta } from '../shared/dataset-meta';
import { EmptyState } from '../shared/EmptyState';
import { SegmentedControl } from '../shared/SegmentedControl';
import { useTranslate } from '../shared/use-translate';
import { BriefingBody } from './BriefingBody';
import {
  BRIEFING_PARAM_KEYS,
  loadUnitName,
  parseBriefingParams,
  saveUnitName,
  serializeMonths,
  type BriefingTab,
} from './briefing-params';
import { briefingMessages } from './messages';
import { MonthlyReportPanel } from './MonthlyReportPanel';
import { PeriodPicker } from './PeriodPicker';
import { buildBriefingScope } from './queries';
import { useHomeProvince } from './use-home-province';
import './briefing.css';

const TABS: readonly BriefingTab[] = ['briefing', 'report'];

/** The months of the monthly report by default: those of the briefing's period, within the data. */
function monthsOf(spec: ReportPeriodSpec, span: DataSpan): { from: string; to: string } {
  const p = resolveReportPeriod(spec) ?? { from: span.last, to: span.last };
  const from = (p.from < span.first ? span.first : p.from).slice(0, 7);
  const to = (p.to > span.last ? span.last : p.to).slice(0, 7);
  return from <= to ? { from, to } : { from: span.last.slice(0, 7), to: span.last.slice(0, 7) };
}

/**
 * 工作简报: one printable page for a reporting period, and the monthly statistical report (救助管理月报). The
 * period, tab and report months live in the URL, so a briefing link reopens the same briefing.
 */
export function BriefingView({ meta }: { meta: DatasetMeta }) {
  const app = useApp();
  const { span, params, setParam, filters, lang } = app;
  const t = useTranslate(briefingMessages);
  const settings = useMemo(() => parseBriefingParams(params), [params]);
  const fallback = span ? serializeReportPeriod(defaultReportPeriod(span)) : null;
  const specText = settings.spec ? serializeReportPeriod(settings.spec) : fallback;
  const spec = useMemo(() => parseReportPeriod(specText), [specText]);
  // the link names its period, so that it reopens this briefing when the data have grown
  useEffect(() => {
    if (!settings.spec && fallback) setParam(BRIEFING_PARAM_KEYS.period, fallback);
  }, [settings.spec, fallback, setParam]);

  const [exact, setExact] = useState(false);
  const [unit, setUnit] = useState(loadUnitName);
  const home = useHomeProvince();
  const global = useMemo<GlobalFilters>(() => ({ ...filters, from: null, to: null }), [filters]);
  const scope = useMemo(() => (spec ? buildBriefingScope(global, spec) : null), [global, spec]);
  const nested = useMemo(() => (scope ? { ...app, filters: scope.filters } : null), [app, scope]);

  if (!span || !spec) {
    return (
      <div className="briefing-view" data-testid="briefing-view">
        <EmptyState />
      </div>
    );
  }
  const months = settings.months ?? monthsOf(spec, span);
  return (
    <div className="briefing-view" data-testid="briefing-view">
      <div className="bf-toolbar no-print">
        <SegmentedControl
          label={t('bf.title')}
          options={TABS}
          value={settings.tab}
          labelOf={(tab) => t(`bf.tab.${tab}`)}
          testIdPrefix="bf-tab"
          onSelect={(tab) => setParam(BRIEFING_PARAM_KEYS.tab, tab === 'briefing' ? null : tab)}
        />
        {settings.tab === 'briefing' && (
          <PeriodPicker
            spec={spec}
            span={span}
            lang={lang}
            t={t}
            onChange={(next) => setParam(BRIEFING_PARAM_KEYS.period, serializeReportPeriod(next))}
          />
        )}
        <label className="filter">
          <span className="filter-label">{t('bf.unit')}</span>
          <input
            type="text"
            value={unit}
            placeholder={t('bf.unit.placeholder')}
            onChange={(e) => {
              setUnit(e.target.value);
              saveUnitName(e.target.value);
            }}
            data-testid="bf-unit"
          />
        </label>
        <label className="filter bf-exact" title={t('bf.exact.hint')}>
          <input type="checkbox" checked={exact} onChange={(e) => setExact(e.target.checked)} data-testid="bf-exact" />
          <span>{t('bf.exact')}</span>
        </label>
      </div>
      <p className="note no-print">{t('bf.filtersApply')}</p>
      {settings.tab === 'briefing' && scope && nested ? (
        <AppContext.Provider value={nested}>
          <BriefingBody
            scope={scope}
            global={global}
            span={span}
            meta={meta}
            home={home}
            unit={unit}
            exact={exact}
            t={t}
          />
        </AppContext.Provider>
      ) : (
        <MonthlyReportPanel
          filters={global}
          span={span}
          months={months}
          home={home}
          unit={unit}
          exact={exact}
          t={t}
          onMonths={(m) => setParam(BRIEFING_PARAM_KEYS.months, serializeMonths(m))}
        />
      )}
    </div>
  );
}
