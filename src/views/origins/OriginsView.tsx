import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useTranslate } from '../shared/use-translate';
import { runtimeKey } from '../shared/i18n/translate';
import { originMessages, type OriginTranslate } from './messages';
import { useQuery } from '../shared/use-query';
import { formatNumber, formatPercent } from '../shared/i18n/format';
import { FLOW_TARGETS } from '../../core/analytics/origin-flows';
import { buildStationCentreQuery, ORIGIN_LEVELS } from '../../core/analytics/origin-regions';
import type { Gb2260Index } from '../../core/geo/gb2260';
import { readPopulationFile, type PopulationProblem } from '../../core/import/population-table';
import { createOriginResolver } from '../../core/geo/origin-resolver';
import { downloadBytes, downloadText } from '../shared/download';
import { KpiCard } from '../shared/KpiCard';
import { Panel } from '../shared/Panel';
import { SegmentedControl } from '../shared/SegmentedControl';
import { usePlaceNames } from '../repeat-returns/use-place-names';
import { CoordinationSheet } from './CoordinationSheet';
import {
  buildArcs,
  buildBreadcrumb,
  buildChoropleth,
  combineFigures,
  detectHomeProvince,
  isInScope,
  isPartialRegion,
  selectScopeRows,
  summarizeFlows,
} from './layers';
import { OriginMap } from './OriginMap';
import { OriginTable } from './OriginTable';
import {
  buildOriginQueries,
  frameOf,
  ORIGIN_METRICS,
  ORIGIN_PARAM_KEYS,
  parseOriginParams,
  serializeOriginParams,
  UNKNOWN_SELECTION,
  type HomeSplitRow,
  type OriginFlowRow,
  type OriginParams,
  type OriginRateRow,
  type OriginTableRow,
  type RateTrendRow,
  type StationCentreRow,
  type TrendRow,
} from './queries';
import { RegionTrend } from './RegionTrend';
import { sheetToCsv, type SheetModel } from './sheet';
import { boundaryFilesOf, useAreas, useOriginUnits, usePopulation, useSheetSender } from './use-origin-setup';
import { buildSheetXlsx, loadSheetModel, useZipExport, type SheetContext } from './use-sheet-export';
import './origins.css';
import { EmptyState } from '../shared/EmptyState';
import { useEpisodeCount } from '../shared/use-episode-count';

type R<T> = T & Record<string, unknown>;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function OriginsView() {
  const { lang, filters, params, setParam, coordinator, span } = useApp();
  const t = useTranslate(originMessages);
  const episodes = useEpisodeCount();
  const settings = useMemo(() => parseOriginParams(params), [params]);
  const change = useCallback(
    (next: Partial<OriginParams>) => {
      const merged = serializeOriginParams({ ...settings, ...next });
      for (const field of Object.keys(next) as (keyof OriginParams)[]) {
        setParam(ORIGIN_PARAM_KEYS[field], merged[ORIGIN_PARAM_KEYS[field]] ?? null);
      }
    },
    [settings, setParam],
  );
  const index = usePlaceNames();
  const ready = useOriginUnits(coordinator, index);
  const frame = useMemo(() => frameOf(settings, index), [settings, index]);
  const provinceAreas = useAreas(['china-provinces.geojson']).areas;

  const stationCentre = useQuery<R<StationCentreRow>>('og.station', buildStationCentreQuery());
  const detected = useMemo(() => {
    const c = stationCentre.rows?.[0];
    return detectHomeProvince(c ? [c.lon, c.lat] : null, provinceAreas ?? []);
  }, [stationCentre.rows, provinceAreas]);
  const home = settings.home ?? detected;

  const q = useMemo(() => buildOriginQueries(filters, settings, frame, home), [filters, settings, frame, home]);
  const on = (s: string | null) => (ready ? s : null);
  const table = useQuery<OriginTableRow>('og.table', on(q.table));
  const rate = useQuery<R<OriginRateRow>>('og.rate', on(q.rate));
  const regionTable = useQuery<OriginTableRow>('og.regionTable', on(q.regionTable));
  const regionRate = useQuery<R<OriginRateRow>>('og.regionRate', on(q.regionRate));
  const flows = useQuery<R<OriginFlowRow>>('og.flows', on(q.flows));
  const homeSplit = useQuery<R<HomeSplitRow>>('og.home', on(q.homeSplit));
  const trend = useQuery<R<TrendRow>>('og.trend', on(q.trend));
  const rateTrend = useQuery<R<RateTrendRow>>('og.rateTrend', on(q.rateTrend));

  const [population, setPopulation] = usePopulation();
  const [popProblems, setPopProblems] = useState<{ file: string; problems: PopulationProblem[]; error: string | null } | null>(null);
  const per10k = settings.per10k && population !== null;

  const nameOf = useCallback(
    (code: string | null) => regionLabel(code, frame.mapLevel, index, t, lang),
    [frame.mapLevel, index, t, lang],
  );
  const figures = useMemo(() => {
    if (!index || !table.rows) return null;
    const rates = new Map((rate.rows ?? []).map((r) => [r.region, r]));
    const { rows, total } = selectScopeRows(table.rows, frame.scope, index);
    return {
      rows: rows.map((r) => combineFigures(r, rates, settings.metric, population, index)),
      total: total ? combineFigures(total, new Map(), settings.metric, population, index) : null,
    };
  }, [index, table.rows, rate.rows, frame.scope, settings.metric, population]);

  const files = useMemo(
    () => boundaryFilesOf(frame.mapLevel, frame.scope, (provinceAreas ?? []).map((p) => p.properties.code)),
    [frame.mapLevel, frame.scope, provinceAreas],
  );
  const areas = useAreas(provinceAreas ? files : ['china-provinces.geojson']);
  const scopedAreas = useMemo(
    () => (index && areas.areas ? areas.areas.filter((a) => isInScope(a.properties.code, frame.scope, index)) : null),
    [areas.areas, frame.scope, index],
  );
  const choropleth = useMemo(
    () => (scopedAreas && figures ? buildChoropleth(scopedAreas, figures.rows, settings.metric, per10k) : null),
    [scopedAreas, figures, settings.metric, per10k],
  );
  const arcs = useMemo(() => (index && flows.rows ? buildArcs(flows.rows, index) : []), [index, flows.rows]);
  const flowTotals = useMemo(() => summarizeFlows(flows.rows ?? [], arcs), [flows.rows, arcs]);

  const selectedFigures = useMemo(() => {
    if (!index || !settings.region) return null;
    if (settings.region === UNKNOWN_SELECTION) return figures?.rows.find((f) => f.row.region === null) ?? null;
    const row = regionTable.rows?.find((r) => !r.is_total && r.region === settings.region);
    if (!row) return null;
    return combineFigures(row, new Map((regionRate.rows ?? []).map((r) => [r.region, r])), settings.metric, population, index);
  }, [index, settings.region, settings.metric, figures, regionTable.rows, regionRate.rows, population]);

  const select = useCallback((code: string | null) => change({ region: code ?? UNKNOWN_SELECTION }), [change]);
  const [sender, setSender] = useSheetSender();
  const [sheet, setSheet] = useState<{ model: SheetModel | null } | null>(null);
  const zip = useZipExport();
  const [exportError, setExportError] = useState<string | null>(null);
  const period = { from: filters.from ?? span?.first ?? '', to: filters.to ?? span?.last ?? '' };
  const ctx: SheetContext = { coordinator, filters, period, sender, nameOf: (c) => nameOf(c), t, lang };

  const plainName = (code: string) => regionLabel(code, 'province', index, t, lang);
  const sheetCtx: SheetContext = { ...ctx, nameOf: plainName };
  const openSheet = () => {
    if (!selectedFigures || !frame.regionLevel) return;
    setSheet({ model: null });
    loadSheetModel(sheetCtx, frame.regionLevel, selectedFigures).then(
      (model) => setSheet({ model }),
      (e: unknown) => {
        setSheet(null);
        setExportError(String(e));
      },
    );
  };
  // the sender typed on the sheet shows at once
  useEffect(() => {
    if (sheet?.model && selectedFigures && frame.regionLevel) {
      void loadSheetModel(sheetCtx, frame.regionLevel, selectedFigures).then((model) =>
        setSheet((s) => (s ? { model } : s)),
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sender.sender, sender.contact]);

  const exportZip = async () => {
    if (!figures) return;
    const regions = figures.rows.filter((f) => f.row.region !== null && f.row.episodes > 0);
    try {
      const bytes = await zip.run(ctx, frame.mapLevel, regions);
      if (bytes) downloadBytes(`${t('og.sheet.zipFile')}_${period.from}_${period.to}.zip`, bytes, 'application/zip');
    } catch (e) {
      setExportError(String(e));
    }
  };

  const importPopulation = async (file: File) => {
    if (!index) return;
    const result = await readPopulationFile(new Uint8Array(await file.arrayBuffer()), file.name, index, createOriginResolver(index));
    setPopProblems({ file: file.name, problems: result.problems, error: result.error });
    if (result.table) {
      setPopulation(result.table);
      change({ per10k: true });
    }
  };

  const n = (v: number | null | undefined, d = 0) => formatNumber(lang, v ?? null, d);
  const inParens = (s: string) => (lang === 'zh' ? `（${s}）` : ` (${s})`);
  const crumbs = index ? buildBreadcrumb(settings.region === UNKNOWN_SELECTION ? null : settings.region, index) : [];
  const split = (side: HomeSplitRow['side']) => homeSplit.rows?.find((r) => r.side === side);
  const error = table.error ?? rate.error ?? flows.error ?? regionTable.error ?? trend.error ?? homeSplit.error ?? exportError;
  const sf = selectedFigures;
  const metricLabel = t(`og.metric.${settings.metric}`);

  return (
    <div className="origins" data-testid="origins-view">
      {error && <div className="banner error" role="alert">{t('common.error', { message: error })}</div>}
      {episodes === 0 && <EmptyState />}
      <Panel title={t('og.title')}>
        <p className="note">{t('og.subtitle')}</p>
        <div className="og-controls">
          <SegmentedControl label={t('og.level')} options={ORIGIN_LEVELS} value={frame.mapLevel} labelOf={(l) => t(`og.level.${l}`)} testIdPrefix="og-level" onSelect={(level) => change({ level, region: null })} />
          <SegmentedControl label={t('og.metric')} options={ORIGIN_METRICS} value={settings.metric} labelOf={(m) => t(`og.metric.${m}`)} testIdPrefix="og-metric" onSelect={(metric) => change({ metric })} />
          <label className="og-check">
            <input type="checkbox" checked={per10k} disabled={!population} onChange={(e) => change({ per10k: e.target.checked })} data-testid="og-per10k" />
            {t('og.per10k')}
          </label>
          <label className="button small">
            {population ? t('og.population.replace') : t('og.population.import')}
            <input type="file" accept=".csv,.txt,.xlsx" hidden data-testid="og-population-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importPopulation(f); e.target.value = ''; }} />
          </label>
          {population && <button type="button" className="small" onClick={() => { setPopulation(null); change({ per10k: false }); }}>{t('og.population.clear')}</button>}
          <SegmentedControl label={t('og.target')} options={FLOW_TARGETS} value={settings.target} labelOf={(x) => t(`og.targetOption.${x}`)} testIdPrefix="og-target" onSelect={(target) => change({ target })} />
        </div>
        {population && <p className="note">{t('og.population.loaded', { file: population.fileName, column: population.column, n: n(Object.keys(population.byCode).length) })}</p>}
        {popProblems && (popProblems.error || popProblems.problems.length > 0) && (
          <div className="banner warning" data-testid="og-population-problems">
            {popProblems.error ? t(runtimeKey(popProblems.error), { file: popProblems.file }) : t('og.population.problems', { file: popProblems.file, n: popProblems.problems.length })}
            <ul>{popProblems.problems.slice(0, 8).map((p) => <li key={p.row}>{t(runtimeKey(p.key), { file: popProblems.file, row: p.row, column: p.column, value: p.value })}</li>)}</ul>
          </div>
        )}
        <nav className="og-breadcrumb" aria-label={t('og.breadcrumb')} data-testid="og-breadcrumb">
          <button type="button" className="link" onClick={() => change({ region: null })}>{t('og.country')}</button>
          {crumbs.map((c) => (
            <span key={c.code}> › <button type="button" className="link" onClick={() => change({ region: c.code })}>{plainName(c.code)}</button></span>
          ))}
          {settings.region === UNKNOWN_SELECTION && <span> › {nameOf(null)}</span>}
        </nav>
      </Panel>

      <div className="kpi-row" data-testid="og-kpis">
        <KpiCard testId="og-kpi-episodes" label={t('og.kpi.episodes', { name: sf ? (sf.row.region ? plainName(sf.row.region) : nameOf(null)) : t('og.all') })} value={sf ? n(sf.row.episodes) : n(figures?.total?.row.episodes)} unit={t('common.episodes')} />
        <KpiCard testId="og-kpi-persons" label={t('og.kpi.persons')} value={sf ? n(sf.row.persons) : n(figures?.total?.row.persons)} unit={t('common.persons')} />
        <KpiCard testId="og-kpi-returned" label={t('og.kpi.returned', { w: 365 })} value={sf?.rate ? n(sf.rate.returned) : '—'} unit={t('common.persons')} note={sf?.rate ? t('og.kpi.returnedNote', { cohort: n(sf.rate.cohort), rate: formatPercent(lang, sf.returnRate) }) : t('og.kpi.selectRegion')} />
        <KpiCard testId="og-kpi-poor" label={t('og.kpi.poor')} value={sf ? n(sf.row.poor) : n(figures?.total?.row.poor)} unit={t('common.persons')} note={t('og.kpi.poorNote')} />
        <KpiCard testId="og-kpi-home" label={t('og.kpi.home', { province: home ? plainName(home) : '—' })} value={split('in') ? `${n(split('in')?.episodes)} / ${n(split('out')?.episodes)} / ${n(split('unknown')?.episodes)}` : '—'} unit={t('common.episodes')} note={t('og.kpi.homeNote')} />
      </div>
      <div className="og-home-setting">
        <label>
          {t('og.home')}{' '}
          <select value={settings.home ?? ''} onChange={(e) => change({ home: e.target.value || null })} data-testid="og-home">
            <option value="">{t('og.home.auto', { province: detected ? plainName(detected) : '—' })}</option>
            {(provinceAreas ?? []).map((p) => <option key={p.properties.code} value={p.properties.code}>{plainName(p.properties.code)}</option>)}
          </select>
        </label>
      </div>

      <div className="og-grid">
        <Panel title={t('og.map.title')} className="map-panel">
          <OriginMap choropleth={choropleth} arcs={arcs} selected={settings.region} focus={frame.scope ? scopedAreas : null} metricLabel={metricLabel} per10k={per10k} nameOf={nameOf} onSelect={select} t={t} lang={lang} />
          {choropleth && figures && (
            <p className="note" data-testid="og-map-note">
              {t('og.map.note', { drawn: n(choropleth.drawnEpisodes), off: n(choropleth.offMap.reduce((s, o) => s + o.episodes, 0)), unknown: n(frame.scope ? 0 : (figures.rows.find((f) => f.row.region === null)?.row.episodes ?? 0)) })}
            </p>
          )}
          <p className="note" data-testid="og-flow-note">
            {t('og.flow.note', { top: n(arcs.length), shown: n(flowTotals.shown), rest: n(flowTotals.rest), pairs: n(flowTotals.restPairs), unknown: n(flowTotals.unknown), undrawn: n(flowTotals.undrawn), target: t(`og.target.${settings.target}`) })}
          </p>
        </Panel>
        <Panel
          title={sf ? (sf.row.region ? plainName(sf.row.region) : nameOf(null)) : t('og.region.none')}
          className="og-region"
          actions={sf && sf.row.region && frame.regionLevel ? <button type="button" className="primary small" onClick={openSheet} data-testid="og-open-sheet">{t('og.sheet.open')}</button> : undefined}
        >
          {!sf && <p className="note">{t('og.region.hint')}</p>}
          {sf && (
            <>
              <dl className="og-facts" data-testid="og-region-facts">
                <dt>{t('og.col.episodes')}</dt><dd>{n(sf.row.episodes)}</dd>
                <dt>{t('og.col.persons')}</dt><dd>{n(sf.row.persons)}</dd>
                <dt>{t('og.fact.sentHome')}</dt><dd>{n(sf.row.sent_home)}</dd>
                <dt>{t('og.col.rate', { w: 365 })}</dt><dd>{sf.rate && sf.rate.cohort ? `${formatPercent(lang, sf.returnRate)}${inParens(`${n(sf.rate.returned)}/${n(sf.rate.cohort)}`)}` : '—'}</dd>
                <dt>{t('og.col.poor')}</dt><dd>{n(sf.row.poor)}{sf.row.poverty_recorded ? inParens(formatPercent(lang, sf.row.poor / sf.row.poverty_recorded)) : ''}</dd>
                <dt>{t('og.col.minors')}</dt><dd>{n(sf.row.minors)}</dd>
              </dl>
              <p className="note">{t('og.region.personsNote')}</p>
              {trend.rows && rateTrend.rows ? <RegionTrend trend={trend.rows} rates={rateTrend.rows} t={t} lang={lang} /> : <p className="note">{t('common.loading')}</p>}
            </>
          )}
        </Panel>
      </div>

      <Panel
        title={t('og.table.title', { level: t(`og.level.${frame.mapLevel}`) })}
        actions={
          zip.state ? (
            <span className="og-progress" data-testid="og-zip-progress">
              <progress max={zip.state.total} value={zip.state.done} /> {t(`og.zip.${zip.state.phase}`, { done: n(zip.state.done), total: n(zip.state.total) })}
              <button type="button" className="small" onClick={zip.cancel} data-testid="og-zip-cancel">{t('common.cancel')}</button>
            </span>
          ) : (
            <button type="button" className="small" disabled={!figures?.rows.length} onClick={() => void exportZip()} data-testid="og-export-zip" title={t('og.export.suppressed')}>{t('og.export.zip')}</button>
          )
        }
      >
        {!figures && <p className="note">{t('common.loading')}</p>}
        {figures && index && (
          <OriginTable figures={figures.rows} total={figures.total} selected={settings.region} showPer10k={population !== null} nameOf={nameOf} onSelect={select} t={t} lang={lang} />
        )}
        <p className="note">{t('og.table.note')}</p>
      </Panel>

      {sheet && (
        <CoordinationSheet
          model={sheet.model}
          sender={sender}
          onSenderChange={setSender}
          onExportXlsx={() => { if (sheet.model) void buildSheetXlsx(sheet.model, t).then((b) => downloadBytes(`${sheet.model!.fileStem}.xlsx`, b, XLSX_MIME)); }}
          onExportCsv={() => { if (sheet.model) downloadText(`${sheet.model.fileStem}.csv`, sheetToCsv(sheet.model)); }}
          onClose={() => setSheet(null)}
          t={t}
          lang={lang}
        />
      )}
    </div>
  );
} // prettier-ignore

/** A region's name in the UI language; a region known only above the map's level says so. */
function regionLabel(
  code: string | null,
  level: (typeof ORIGIN_LEVELS)[number],
  index: Gb2260Index | null,
  t: OriginTranslate,
  lang: 'zh' | 'en',
): string {
  if (code === null || code === UNKNOWN_SELECTION) return t('og.unknown');
  const unit = index?.get(code);
  if (!unit) return code;
  const name = lang === 'en' && unit.nameEn ? unit.nameEn : unit.name;
  return index && isPartialRegion(code, level, index) ? t('og.partial', { name }) : name;
}
