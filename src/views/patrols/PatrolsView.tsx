import { useCallback, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { formatDate, formatNumber, formatPercent } from '../shared/i18n/format';
import type { LonLatBounds } from '../../core/geo/map-frame';
import { frameCell, gridKindOf } from '../../core/hotspots/grid-kinds';
import { useTranslate } from '../shared/use-translate';
import { runtimeKey } from '../shared/i18n/translate';
import { patrolViewMessages } from './messages';
import {
  HOTSPOT_PARAMS,
  parseHotspotSettings,
  serializeHotspotSetting,
  type HotspotSettings,
} from '../hotspots/hotspot-settings';
import { useHotCellProfiles } from '../hotspots/use-hot-cell-profiles';
import { downloadText } from '../shared/download';
import { KpiCard } from '../shared/KpiCard';
import { BasemapSettings } from '../shared/map/BasemapSettings';
import { useBasemap } from '../shared/map/basemap-store';
import { Panel } from '../shared/Panel';
import { CoverageMap } from './CoverageMap';
import { CoverageTrendChart } from './CoverageTrendChart';
import { GapList } from './GapList';
import {
  buildCoverageBreaks,
  buildCoverageCells,
  buildGapGeoJson,
  buildGapListCsv,
  buildPlanCsv,
  buildPlanGeoJson,
  buildPlanRows,
  buildTrendData,
  formatCoverageTooltip,
  nameDistrictAt,
  type CoverageCell,
  type GapRow,
  type PlanRow,
} from './layers';
import { PATROL_PARAMS, parsePatrolSettings, serializePatrolSetting, type PatrolSettings } from './patrol-settings';
import { PatrolControls } from './PatrolControls';
import { formatWindow, PlanPanel } from './PlanPanel';
import { PlanPrintSheets } from './PlanPrintSheets';
import { useDistrictOutlines, usePatrolBasis, usePatrolCoverage } from './use-patrol-coverage';
import { useUserGridFile } from './use-user-grid-file';
import { usePatrolPlan } from './use-patrol-plan';
import '../shared/analysis-layout.css';
import './patrols.css';

/** metrics.md, 小数抑制: exports may leave the unit. */
const SUPPRESS_BELOW = 5;
const GAP_LIST_LIMIT = 50;

export function PatrolsView() {
  const { lang, params, setParam, filters } = useApp();
  const t = useTranslate(patrolViewMessages);
  const settings = useMemo(() => parsePatrolSettings(params), [params]);
  const hs = useMemo(() => parseHotspotSettings(params), [params]);
  const onChange = useCallback(
    <K extends keyof PatrolSettings>(key: K, value: PatrolSettings[K]) =>
      setParam(PATROL_PARAMS[key], serializePatrolSetting(key, value)),
    [setParam],
  );
  const onGrid = useCallback(
    <K extends 'grid' | 'cellM' | 'h3Resolution'>(key: K, value: HotspotSettings[K]) =>
      setParam(HOTSPOT_PARAMS[key], serializeHotspotSetting(key, value)),
    [setParam],
  );

  const { userGrid, userCrs, setUserCrs, onUserGridFile, fileError, parseFailed } = useUserGridFile();
  const basis = usePatrolBasis(hs, userGrid);
  const coverage = usePatrolCoverage(basis, settings, userGrid);
  const plan = usePatrolPlan(basis, settings);
  const { result, geometry } = coverage;
  const { districts } = useDistrictOutlines();
  const basemap = useBasemap();

  const cells = useMemo(() => (result ? buildCoverageCells(result, basis.teams) : []), [result, basis.teams]);
  const breaks = useMemo(() => buildCoverageBreaks(cells), [cells]);
  const byIndex = useMemo(() => new Map(cells.map((c) => [c.index, c])), [cells]);
  const gapCells = useMemo(
    () =>
      (result?.ranked ?? [])
        .slice(0, GAP_LIST_LIMIT)
        .map((i) => byIndex.get(i))
        .filter((c): c is CoverageCell => c !== undefined),
    [result, byIndex],
  );
  const gridKind = useMemo(
    () => (basis.grid ? gridKindOf(basis.grid, userGrid?.grid ?? null) : null),
    [basis.grid, userGrid],
  );
  const profiles = useHotCellProfiles(gapCells, gridKind, geometry);
  const districtAt = useCallback(
    (lon: number, lat: number) => nameDistrictAt(districts, lon, lat, lang),
    [districts, lang],
  );
  const gapRows = useMemo<GapRow[]>(
    () =>
      gapCells.map((cell, i) => {
        const profile = profiles.profiles?.get(cell.id) ?? null;
        return {
          rank: i + 1,
          cell,
          profile: {
            district: profile?.district ?? districtAt(cell.lon, cell.lat),
            street: profile?.street ?? cell.name ?? null,
          },
        };
      }),
    [gapCells, profiles.profiles, districtAt],
  );
  const planRows = useMemo<PlanRow[]>(
    () =>
      plan.result && geometry && plan.result.plan.items.length
        ? buildPlanRows(plan.result, geometry, basis.teams, districtAt)
        : [],
    [plan.result, geometry, basis.teams, districtAt],
  );

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [flyTo, setFlyTo] = useState<LonLatBounds | null>(null);
  const selected = useMemo(() => cells.find((c) => c.id === selectedId) ?? null, [cells, selectedId]);
  const onSelectCell = useCallback((cell: CoverageCell) => setSelectedId(cell.id), []);
  const flyToCell = (index: number, id: string) => {
    setSelectedId(id);
    if (geometry) setFlyTo(frameCell(geometry, index, { context: 4, minMetres: 2000 }));
  };
  const togglePin = (id: string) =>
    onChange(
      'pinned',
      settings.pinned.includes(id) ? settings.pinned.filter((x) => x !== id) : [...settings.pinned, id],
    );
  const removeCell = (id: string) => {
    onChange(
      'pinned',
      settings.pinned.filter((x) => x !== id),
    );
    onChange('removed', settings.removed.includes(id) ? settings.removed : [...settings.removed, id]);
  };

  const n = (v: number, d = 0) => formatNumber(lang, v, d);
  const sep = lang === 'zh' ? '；' : '; ';
  const range = basis.range;
  const stem = `${t('patrols.title')}_${range?.from ?? ''}_${range?.to ?? ''}`;
  const exportGapCsv = () =>
    downloadText(`${stem}_${t('patrols.gaps.title')}.csv`, buildGapListCsv(gapRows, settings.unit, t, SUPPRESS_BELOW));
  const exportGapGeoJson = () =>
    geometry &&
    downloadText(
      `${stem}_${t('patrols.gaps.title')}.geojson`,
      JSON.stringify(buildGapGeoJson(geometry, gapRows, t, SUPPRESS_BELOW)),
      'application/geo+json',
    );
  const planTitle = t('patrols.plan.title');
  const planStem = `${planTitle}_${plan.target?.from ?? ''}_${plan.target?.to ?? ''}`;
  const exportPlanCsv = () => downloadText(`${planStem}.csv`, buildPlanCsv(planRows, t));
  const exportPlanGeoJson = () =>
    geometry &&
    downloadText(`${planStem}.geojson`, JSON.stringify(buildPlanGeoJson(geometry, planRows)), 'application/geo+json');

  const gapsTotal = result ? result.gap.reduce((a, b) => a + b, 0) : 0;
  const patrolled = useMemo(() => cells.filter((c) => c.coverage > 0).length, [cells]);
  const demandTotal = useMemo(() => cells.reduce((s, c) => s + c.demand, 0), [cells]);
  const demandPatrolled = useMemo(() => cells.reduce((s, c) => s + (c.coverage > 0 ? c.demand : 0), 0), [cells]);
  const trendSeries = useMemo(() => [...basis.teams, t('patrols.trend.allTeams')], [basis.teams, t]);
  const trendData = useMemo(
    () => (result ? buildTrendData(result, basis.teams, t('patrols.trend.allTeams')) : []),
    [result, basis.teams, t],
  );
  const day = (iso: string) => formatDate(lang, Date.parse(`${iso}T00:00:00Z`));
  const noPatrols = basis.patrolSpan !== null && !(basis.patrolSpan.points > 0);
  const report = result?.report;
  const error = basis.error ?? coverage.error;
  const printSubtitle = plan.target
    ? t('patrols.print.subtitle', {
        window: formatWindow(plan.target, lang),
        learnt: plan.chosen.map((w) => formatWindow(w, lang)).join(lang === 'zh' ? '、' : '; '),
      })
    : '';

  return (
    <div className="patrols" data-testid="patrols-view">
      {error && (
        <div className="banner error" role="alert">
          {t('common.error', { message: error })}
        </div>
      )}
      {fileError && <div className="banner error">{t(runtimeKey(fileError))}</div>}
      {parseFailed && <div className="banner error">{t('hotspots.userGrid.noPolygons')}</div>}
      {noPatrols && <div className="banner demo">{t('patrols.noPatrols')}</div>}
      <Panel title={t('patrols.title')} className="hs-settings">
        <PatrolControls
          settings={settings}
          onChange={onChange}
          grid={hs}
          onGrid={onGrid}
          teams={basis.teams}
          userGrid={userGrid}
          userCrs={userCrs}
          onUserCrs={setUserCrs}
          onUserGridFile={onUserGridFile}
          t={t}
          lang={lang}
        />
        {hs.grid === 'user' && !userGrid && <p className="banner demo">{t('hotspots.userGrid.prompt')}</p>}
        {range && (
          <p className="note" data-testid="pt-period">
            {t('patrols.period', { from: day(range.from), to: day(range.to), days: n(result?.days ?? 0) })}
            {!filters.from && !filters.to && ` ${t('patrols.periodHint')}`}
          </p>
        )}
        {report && (
          <p className="note" data-testid="pt-report">
            {t('patrols.report', {
              points: n(report.points),
              invalid: n(report.invalid),
              jumps: n(report.jumps),
              gaps: n(report.gaps),
              outside: n(report.outside),
            })}
          </p>
        )}
        {report && report.gridLogs > 0 && (
          <p className="note" data-testid="pt-grid-logs">
            {report.gridLogsNeedUserGrid > 0
              ? t('patrols.gridLogs.needUserGrid', { count: n(report.gridLogsNeedUserGrid) })
              : t('patrols.gridLogs.counted', { count: n(report.gridLogs - report.gridLogsUnknownId) })}
            {report.gridLogsUnknownId > 0 &&
              ` ${t('patrols.gridLogs.unknownId', { count: n(report.gridLogsUnknownId) })}`}
          </p>
        )}
      </Panel>

      <div className="hs-layout">
        <Panel title={t('patrols.map.title')} className="hs-map-panel">
          {!basemap.source && (
            <p className="note pt-basemap-note" data-testid="pt-basemap-note">
              {t('patrols.basemap.none')}
            </p>
          )}
          <CoverageMap
            cells={cells}
            geometry={geometry}
            breaks={breaks}
            unit={settings.unit}
            plan={planRows}
            selectedId={selectedId}
            onSelect={onSelectCell}
            level={basis.area?.level ?? 'beijing'}
            bounds={flyTo ?? basis.area?.frame ?? null}
            basemap={basemap.source}
            loading={coverage.loading}
            progress={basis.progress}
            t={t}
            lang={lang}
          />
          {result && (
            <p className="note">
              {t('patrols.note.method')}
              {result.demandOutside > 0 && `${sep}${t('patrols.note.outside', { count: n(result.demandOutside) })}`}
            </p>
          )}
        </Panel>
        <div className="hs-side">
          <Panel title={t('patrols.summary.title')}>
            <div className="hs-kpis">
              <KpiCard
                testId="pt-kpi-patrolled"
                label={t('patrols.summary.patrolled')}
                value={result ? n(patrolled) : '—'}
                unit={t('hotspots.unit.cells')}
              />
              <KpiCard
                testId="pt-kpi-gaps"
                label={t('patrols.summary.gaps')}
                value={result ? n(gapsTotal) : '—'}
                unit={t('hotspots.unit.cells')}
              />
              <KpiCard
                label={t('patrols.summary.demand')}
                value={result ? n(demandTotal) : '—'}
                unit={t('common.episodes')}
              />
              <KpiCard
                label={t('patrols.summary.demandPatrolled')}
                value={result ? formatPercent(lang, demandTotal > 0 ? demandPatrolled / demandTotal : null) : '—'}
              />
            </div>
            {result && <p className="note">{t('patrols.summary.timing', { ms: n(Math.round(result.ms)) })}</p>}
          </Panel>
          <Panel title={t('patrols.selected.title')}>
            {selected ? (
              <div data-testid="pt-selected">
                <p className="hs-selected-lines">{formatCoverageTooltip(selected, settings.unit, t, lang)}</p>
                <button
                  type="button"
                  className="small"
                  data-testid="pt-selected-pin"
                  onClick={() => togglePin(selected.id)}
                >
                  {settings.pinned.includes(selected.id) ? t('patrols.plan.unpin') : t('patrols.plan.pin')}
                </button>{' '}
                <button
                  type="button"
                  className="small"
                  data-testid="pt-selected-remove"
                  onClick={() => removeCell(selected.id)}
                >
                  {t('patrols.plan.remove')}
                </button>
              </div>
            ) : (
              <p className="note">{t('patrols.selected.hint')}</p>
            )}
          </Panel>
        </div>
      </div>

      <Panel
        title={t('patrols.gaps.title')}
        actions={
          <>
            <button
              type="button"
              className="small"
              disabled={!gapRows.length}
              onClick={exportGapCsv}
              data-testid="pt-export-csv"
            >
              {t('patrols.export.csv')}
            </button>
            <button
              type="button"
              className="small"
              disabled={!gapRows.length}
              onClick={exportGapGeoJson}
              data-testid="pt-export-geojson"
            >
              {t('patrols.export.geojson')}
            </button>
          </>
        }
      >
        {result && (
          <p className="note">
            {t('patrols.gaps.rule', {
              demand: n(result.gapDemandAtLeast),
              coverage: n(result.gapCoverageAtMost),
              total: n(gapsTotal),
              shown: n(gapRows.length),
            })}
            {sep}
            {t('patrols.export.suppressed')}
          </p>
        )}
        {result && gapRows.length === 0 && <p className="note">{t('patrols.gaps.empty')}</p>}
        {gapRows.length > 0 && (
          <GapList
            rows={gapRows}
            unit={settings.unit}
            selectedId={selectedId}
            onSelect={(row) => flyToCell(row.cell.index, row.cell.id)}
            t={t}
            lang={lang}
          />
        )}
      </Panel>

      <Panel title={t('patrols.trend.title')}>
        {result && trendData.length > 0 ? (
          <CoverageTrendChart
            data={trendData}
            series={trendSeries}
            total={t('patrols.trend.allTeams')}
            cells={result.trend.cells.length}
            t={t}
            lang={lang}
          />
        ) : (
          <p className="note">{t('common.loading')}</p>
        )}
      </Panel>

      <Panel
        title={planTitle}
        actions={
          <>
            <button
              type="button"
              className="small"
              disabled={!planRows.length}
              onClick={exportPlanCsv}
              data-testid="pt-plan-csv"
            >
              {t('patrols.export.csv')}
            </button>
            <button
              type="button"
              className="small"
              disabled={!planRows.length}
              onClick={exportPlanGeoJson}
              data-testid="pt-plan-geojson"
            >
              {t('patrols.export.geojson')}
            </button>
            <button
              type="button"
              className="small"
              disabled={!planRows.length}
              onClick={() => window.print()}
              data-testid="pt-print-button"
            >
              {t('patrols.export.print')}
            </button>
          </>
        }
      >
        <PlanPanel
          settings={settings}
          onChange={onChange}
          plan={plan}
          rows={planRows}
          selectedId={selectedId}
          onSelectRow={(row) => row.cells[0] !== undefined && flyToCell(row.cells[0], row.ids[0] as string)}
          t={t}
          lang={lang}
        />
      </Panel>

      <Panel title={t('basemap.title')}>
        <BasemapSettings />
      </Panel>

      {geometry && planRows.length > 0 && (
        <PlanPrintSheets
          rows={planRows}
          geometry={geometry}
          districts={districts}
          title={planTitle}
          subtitle={printSubtitle}
          t={t}
          lang={lang}
        />
      )}
    </div>
  );
}
