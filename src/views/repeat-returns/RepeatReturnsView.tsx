import { useCallback, useMemo } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { formatDate, formatNumber, formatPercent } from '../shared/i18n/format';
import { RETURN_WINDOWS } from '../../core/analytics/repeat-returns';
import { downloadText } from '../shared/download';
import { HelpPopover } from '../shared/HelpPopover';
import { KpiCard } from '../shared/KpiCard';
import { Panel } from '../shared/Panel';
import { CohortChart } from './CohortChart';
import { FrequentReturners } from './FrequentReturners';
import { buildCohortCsv, buildKaplanMeierCsv, suppressionNoteParams } from './exports';
import { buildCohortCells, buildCohortChartData, buildHistogramData, buildSurvivalSeries } from './layers';
import {
  buildRepeatReturnQueries,
  HISTOGRAM_BIN_DAYS,
  parseRepeatReturnParams,
  REPEAT_RETURN_PARAM_KEYS,
  RETURN_HORIZON_DAYS,
  serializeRepeatReturnParams,
  type CohortRateRow,
  type FrequentPlaceBinRow,
  type FrequentProfileRow,
  type FrequentSummaryRow,
  type FrequentTrendRow,
  type RepeatReturnParams,
  type ReturnHistogramRow,
  type TimeToReturnRow,
} from './queries';
import { PeriodSelect } from './PeriodSelect';
import { RepeatReturnControls } from './RepeatReturnControls';
import { ReturnHistogram } from './ReturnHistogram';
import { createSplitLabeler } from './split-labels';
import { SurvivalChart } from './SurvivalChart';
import { usePlaceNames } from './use-place-names';
import { listCohortPeriods, pickSurvivalSeries, summarizeCohorts } from './view-data';
import './repeat-returns.css';
import { useTranslate } from '../shared/use-translate';
import { repeatReturnMessages } from './messages';
import { EmptyState } from '../shared/EmptyState';
import { useEpisodeCount } from '../shared/use-episode-count';

const MAX_COHORT_SERIES = 8;
const MAX_KM_SPLITS = 4;
const MIN_KM_PERSONS = 30;

type R<T> = T & Record<string, unknown>;

export function RepeatReturnsView() {
  const { lang, filters, params, setParam } = useApp();
  const t = useTranslate(repeatReturnMessages);
  const episodes = useEpisodeCount();
  const settings = useMemo(() => parseRepeatReturnParams(params), [params]);
  const onChange = useCallback(
    (next: Partial<RepeatReturnParams>) => {
      const merged = serializeRepeatReturnParams({ ...settings, ...next });
      for (const field of Object.keys(next) as (keyof RepeatReturnParams)[]) {
        const key = REPEAT_RETURN_PARAM_KEYS[field];
        setParam(key, merged[key] ?? null);
      }
    },
    [settings, setParam],
  );

  const q = useMemo(() => buildRepeatReturnQueries(filters, settings), [filters, settings]);
  const split = settings.split !== 'none';
  const cohorts = useQuery<R<CohortRateRow>>('rr.cohorts', q.cohorts);
  const overall = useQuery<R<CohortRateRow>>('rr.cohortsOverall', q.cohortsOverall);
  const ttr = useQuery<R<TimeToReturnRow>>('rr.ttr', q.timeToReturn);
  const ttrOverall = useQuery<R<TimeToReturnRow>>('rr.ttrOverall', q.timeToReturnOverall);
  const histogram = useQuery<R<ReturnHistogramRow>>('rr.histogram', q.histogram);
  const frequent = useQuery<R<FrequentSummaryRow>>('rr.frequent', q.frequentSummary);
  const frequentTrend = useQuery<R<FrequentTrendRow>>('rr.frequentTrend', q.frequentTrend);
  const frequentOrigins = useQuery<R<FrequentProfileRow>>('rr.frequentOrigins', q.frequentOrigins);
  const frequentGroups = useQuery<R<FrequentProfileRow>>('rr.frequentGroups', q.frequentGroups);
  const frequentPlaces = useQuery<R<FrequentPlaceBinRow>>('rr.frequentPlaces', q.frequentPlaces);

  const places = usePlaceNames();
  const labelOf = useMemo(() => createSplitLabeler(settings.split, lang, t, places), [settings.split, lang, t, places]);
  const originLabel = useMemo(() => createSplitLabeler('province', lang, t, places), [lang, t, places]);
  const groupLabel = useMemo(() => createSplitLabeler('group', lang, t, null), [lang, t]);

  const w = settings.window;
  const overallCells = useMemo(() => buildCohortCells(overall.rows ?? [], w), [overall.rows, w]);
  const summary = useMemo(() => summarizeCohorts(overallCells), [overallCells]);
  const cells = useMemo(
    () => (split ? buildCohortCells(cohorts.rows ?? [], w) : overallCells),
    [split, cohorts.rows, w, overallCells],
  );
  const chart = useMemo(() => buildCohortChartData(cells, MAX_COHORT_SERIES), [cells]);
  const periods = useMemo(() => listCohortPeriods(overall.rows ?? []), [overall.rows]);
  const dataEnd = overall.rows?.[0]?.data_last_day ?? null;

  const overallSeries = useMemo(() => buildSurvivalSeries(ttrOverall.rows ?? []), [ttrOverall.rows]);
  const splitSeries = useMemo(() => (split ? buildSurvivalSeries(ttr.rows ?? []) : null), [split, ttr.rows]);
  const shownSeries = useMemo(
    () => pickSurvivalSeries(overallSeries, splitSeries, MAX_KM_SPLITS, MIN_KM_PERSONS),
    [overallSeries, splitSeries],
  );
  const hist = useMemo(
    () => buildHistogramData(histogram.rows ?? [], HISTOGRAM_BIN_DAYS, RETURN_HORIZON_DAYS, t),
    [histogram.rows, t],
  );
  const returnedWithinHorizon = (histogram.rows ?? []).reduce((s, r) => s + r.persons, 0);

  const n = (v: number | null | undefined) => formatNumber(lang, v ?? null);
  const stem = [filters.from, filters.to].filter(Boolean).join('_');
  const csvOptions = { t, splitLabel: labelOf };
  const exportCohorts = () => {
    const all = RETURN_WINDOWS.flatMap((win) => buildCohortCells((split ? cohorts.rows : overall.rows) ?? [], win));
    all.sort((a, b) => a.periodStart - b.periodStart || a.split.localeCompare(b.split) || a.windowDays - b.windowDays);
    downloadText(`${t('rr.export.file.cohort')}_${stem}.csv`, buildCohortCsv(all, csvOptions));
  };
  const exportKm = () =>
    downloadText(
      `${t('rr.export.file.km')}_${stem}.csv`,
      buildKaplanMeierCsv([...overallSeries, ...(splitSeries ?? [])], csvOptions),
    );
  const suppressedNote = t('rr.export.suppressed', suppressionNoteParams());

  const error =
    cohorts.error ??
    overall.error ??
    ttr.error ??
    ttrOverall.error ??
    histogram.error ??
    frequent.error ??
    frequentTrend.error ??
    frequentOrigins.error ??
    frequentGroups.error ??
    frequentPlaces.error;
  const cohortRows = split ? cohorts.rows : overall.rows;
  const loading = (rows: unknown[] | null) => rows === null && !error;
  const frequentPersons = frequent.rows?.[0]?.persons ?? null;

  return (
    <div className="repeat-returns" data-testid="repeat-returns-view">
      {error && (
        <div className="banner error" role="alert">
          {t('common.error', { message: error })}
        </div>
      )}
      {episodes === 0 && <EmptyState />}
      <Panel title={t('rr.title')} className="rr-settings">
        <p className="rr-subtitle">{t('rr.subtitle')}</p>
        <RepeatReturnControls params={settings} onChange={onChange} t={t} />
        <p className="note">
          {t('rr.cohort.definition', { w })} {t('rr.filters.note')}
        </p>
      </Panel>

      <div className="kpi-row" data-testid="rr-kpis">
        <KpiCard
          testId="rr-kpi-sent-home"
          label={t('rr.kpi.sentHome')}
          value={overall.rows ? n(summary.sentHome) : '—'}
          unit={t('common.persons')}
          note={t('rr.kpi.sentHomeNote')}
        />
        <KpiCard
          testId="rr-kpi-returned"
          label={t('rr.kpi.returned', { w })}
          value={overall.rows && summary.completePeriods ? n(summary.returned) : '—'}
          unit={t('common.persons')}
          note={
            summary.completePeriods
              ? t('rr.kpi.returnedNote', { n: n(summary.completePeriods), cohort: n(summary.completeCohort) })
              : t('rr.kpi.noComplete', { w })
          }
        />
        <KpiCard
          testId="rr-kpi-rate"
          label={t('rr.kpi.rate', { w })}
          value={formatPercent(lang, summary.rate)}
          note={summary.completePeriods ? t('rr.kpi.rateNote') : t('rr.kpi.noComplete', { w })}
        />
        <KpiCard
          testId="rr-kpi-not-linkable"
          label={t('rr.kpi.notLinkable')}
          value={overall.rows ? n(summary.notLinkable) : '—'}
          unit={t('common.episodes')}
          note={t('rr.kpi.notLinkableNote')}
        />
        <KpiCard
          testId="rr-kpi-frequent"
          label={t('rr.kpi.frequent')}
          value={frequent.rows ? n(frequentPersons) : '—'}
          unit={t('common.persons')}
          note={t('rr.kpi.frequentNote')}
        />
      </div>

      <Panel
        title={t('rr.cohort.title', { w })}
        help={
          <HelpPopover topic={t('rr.help.cohort.title')} testId="rr-help-cohort">
            <p>{t('rr.help.cohort', { w })}</p>
            <p>{t('rr.help.incomplete', { w })}</p>
          </HelpPopover>
        }
        actions={
          <button
            type="button"
            className="small"
            disabled={!cohortRows?.length}
            onClick={exportCohorts}
            data-testid="rr-export-cohorts"
            title={suppressedNote}
          >
            {t('rr.export.cohort')}
          </button>
        }
      >
        {loading(cohortRows) && <p className="note">{t('common.loading')}</p>}
        {cohortRows && cohortRows.length === 0 && <p className="note">{t('rr.empty')}</p>}
        {cohortRows && cohortRows.length > 0 && (
          <CohortChart data={chart} cells={cells} windowDays={w} split={split} labelOf={labelOf} t={t} lang={lang} />
        )}
        {dataEnd !== null && <p className="note">{t('rr.cohort.dataEnd', { date: formatDate(lang, dataEnd) })}</p>}
        {chart.notLinkable > 0 && <p className="note">{t('rr.cohort.notLinkable', { n: n(chart.notLinkable) })}</p>}
        {split && <p className="note">{t('rr.cohort.splitNote')}</p>}
        <p className="note">{suppressedNote}</p>
      </Panel>

      <Panel
        title={t('rr.km.title')}
        help={
          <HelpPopover topic={t('rr.help.km.title')} testId="rr-help-km">
            <p>{t('rr.help.km')}</p>
            <p>{t('rr.help.censoring')}</p>
          </HelpPopover>
        }
        actions={
          <button
            type="button"
            className="small"
            disabled={overallSeries.length === 0}
            onClick={exportKm}
            data-testid="rr-export-km"
            title={suppressedNote}
          >
            {t('rr.export.km')}
          </button>
        }
      >
        <div className="rr-range">
          <span className="filter-label">{t('rr.ttr.periods')}</span>
          <PeriodSelect
            label={t('rr.ttr.from')}
            noneLabel={t('rr.ttr.first')}
            value={settings.periodFrom}
            periods={periods}
            testId="rr-period-from"
            onSelect={(periodFrom) => onChange({ periodFrom })}
          />
          <PeriodSelect
            label={t('rr.ttr.to')}
            noneLabel={t('rr.ttr.last')}
            value={settings.periodTo}
            periods={periods}
            testId="rr-period-to"
            onSelect={(periodTo) => onChange({ periodTo })}
          />
        </div>
        {loading(ttrOverall.rows) && <p className="note">{t('common.loading')}</p>}
        {ttrOverall.rows && (
          <div className="rr-ttr-grid">
            <div>
              {shownSeries.length > 0 ? (
                <SurvivalChart
                  series={shownSeries}
                  maxDay={RETURN_HORIZON_DAYS}
                  windowDays={w}
                  labelOf={labelOf}
                  t={t}
                  lang={lang}
                />
              ) : (
                <p className="note">{t('rr.empty')}</p>
              )}
              <p className="note">
                {t('rr.km.note')}
                {split && ` ${t('rr.km.shown', { n: MAX_KM_SPLITS, min: MIN_KM_PERSONS })}`}
              </p>
            </div>
            <div>
              <div className="rr-figure-title">{t('rr.hist.title')}</div>
              <ReturnHistogram points={hist.points} dataKey={hist.series[0]?.key ?? 'n_0'} t={t} lang={lang} />
              {overallSeries[0] && (
                <p className="note">
                  {t('rr.ttr.note', {
                    persons: n(overallSeries[0].persons),
                    returned: n(returnedWithinHorizon),
                    max: RETURN_HORIZON_DAYS,
                  })}
                </p>
              )}
            </div>
          </div>
        )}
        <p className="note">{suppressedNote}</p>
      </Panel>

      <Panel
        title={t('rr.frequent.title')}
        help={
          <HelpPopover topic={t('rr.help.frequent.title')} testId="rr-help-frequent">
            <p>{t('rr.help.frequent')}</p>
          </HelpPopover>
        }
      >
        {frequent.rows && frequentPersons === 0 ? (
          <p className="note">{t('rr.frequent.none')}</p>
        ) : (
          <FrequentReturners
            persons={frequentPersons}
            trend={frequentTrend.rows}
            origins={frequentOrigins.rows}
            groups={frequentGroups.rows}
            places={frequentPlaces.rows}
            originLabel={originLabel}
            groupLabel={groupLabel}
            t={t}
            lang={lang}
          />
        )}
      </Panel>
    </div>
  );
}
