import { useCallback, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { clauseSeparator, formatDate, formatMonth, formatNumber } from '../shared/i18n/format';
import type { LonLatBounds } from '../../core/geo/map-frame';
import { downloadText } from '../shared/download';
import { EmptyState } from '../shared/EmptyState';
import { KpiCard } from '../shared/KpiCard';
import { Panel } from '../shared/Panel';
import { SegmentedControl } from '../shared/SegmentedControl';
import { frameCell } from '../../core/hotspots/grid-kinds';
import { CellTrendChart } from './CellTrendChart';
import { HotCellList } from './HotCellList';
import { HotspotControls } from './HotspotControls';
import { MethodHelp, RankingHelp } from './HotspotHelp';
import {
  HOTSPOT_PARAMS,
  parseHotspotSettings,
  serializeHotspotSetting,
  type HotCellSort,
  type HotspotSettings,
} from './hotspot-settings';
import { HotspotMap, type DensityBin } from './HotspotMap';
import { buildCellsGeoJson, buildRankedListCsv, describeSuppression, listExportedCells } from './exports';
import {
  buildCellTrendSeries,
  buildHotspotCells,
  formatHotspotTooltip,
  type HotspotCell,
  type PlaceLookup,
} from './layers';
import { attachProfiles, listProfiledCells, rankHotCells, type RankedCell } from './ranking';
import { buildDensityQuery } from './queries';
import { describeStudyArea } from './study-area-text';
import { useBoundaryFile, useUserGridFile } from './use-geojson-files';
import { useHotCellProfiles, useProfileFetcher } from './use-hot-cell-profiles';
import { useHotspotAnalysis } from './use-hotspot-analysis';
import '../shared/analysis-layout.css';
import './hotspots.css';
import { useTranslate } from '../shared/use-translate';
import { hotspotMessages } from './messages';
import { runtimeKey } from '../shared/i18n/translate';

/** Rows of the ranked list on screen; its CSV export holds every hot cell. */
const LIST_LIMIT = 100;
/** Hot cells whose places the page asks for (the list, the tooltips); the exports ask for all. */
const PROFILE_LIMIT = 500;
const SORTS: HotCellSort[] = ['finds', 'z'];
/** A row's cell is shown with its surroundings: 4 cells and at least 2 km on each side. */
const ROW_FRAME = { context: 4, minMetres: 2000 };

export function HotspotsView() {
  const { lang, filters, params, setParam } = useApp();
  const t = useTranslate(hotspotMessages);
  const settings = useMemo(() => parseHotspotSettings(params), [params]);
  const onChange = useCallback(
    <K extends keyof HotspotSettings>(key: K, value: HotspotSettings[K]) =>
      setParam(HOTSPOT_PARAMS[key], serializeHotspotSetting(key, value)),
    [setParam],
  );

  const userGridFile = useUserGridFile();
  const boundaryFile = useBoundaryFile();
  const analysis = useHotspotAnalysis(settings, userGridFile.grid, boundaryFile.boundary);
  const { result, geometry, period, slices } = analysis;
  // until the emerging categories arrive, the map and the list keep showing the classes
  const shownMode = settings.mode === 'emerging' && !result?.emerging ? 'gi' : settings.mode;
  const cells = useMemo(
    () => (result && geometry ? buildHotspotCells(geometry, result.counts, result, result.bins, result.emerging) : []),
    [result, geometry],
  );
  const total = period?.mapped ?? 0;
  const allRanked = useMemo(() => rankHotCells(cells, { total, sort: settings.sort }), [cells, total, settings.sort]);
  const ranked = useMemo(() => allRanked.slice(0, LIST_LIMIT), [allRanked]);
  const profiledCells = useMemo(() => listProfiledCells(allRanked.slice(0, PROFILE_LIMIT)), [allRanked]);
  const profiles = useHotCellProfiles(profiledCells, analysis.kind, geometry);
  const rows = useMemo(() => attachProfiles(ranked, profiles.profiles), [ranked, profiles.profiles]);
  const places = useMemo<PlaceLookup>(
    () => ({ profileOf: (id) => profiles.profiles?.get(id) ?? null, cellAt: (i) => cells[i] }),
    [profiles.profiles, cells],
  );

  const density = useQuery<DensityBin & Record<string, unknown>>(
    'hotspots:density',
    settings.mode === 'density' ? buildDensityQuery(filters) : null,
  );

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [flyTo, setFlyTo] = useState<{ geometry: unknown; bounds: LonLatBounds | null } | null>(null);
  const selected = useMemo(() => cells.find((c) => c.id === selectedId) ?? null, [cells, selectedId]);
  const onSelectCell = useCallback((cell: HotspotCell) => setSelectedId(cell.id), []);
  const onSelectRow = useCallback(
    (row: RankedCell) => {
      setSelectedId(row.cell.id);
      if (geometry) setFlyTo({ geometry, bounds: frameCell(geometry, row.cell.index, ROW_FRAME) });
    },
    [geometry],
  );
  const series = useMemo(
    () => (selected && result?.emerging ? buildCellTrendSeries(result.emerging, selected.index, slices) : null),
    [selected, result, slices],
  );

  const n = (v: number) => formatNumber(lang, v);
  const sep = clauseSeparator(lang);
  const fileStem = `${t('hotspots.title')}_${filters.from ?? ''}_${filters.to ?? ''}`.replace(/_+$/, '');
  const fetchProfiles = useProfileFetcher(analysis.kind, geometry);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const runExport = async (write: () => Promise<void>) => {
    setExporting(true);
    setExportError(null);
    try {
      await write();
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const exportCsv = () =>
    runExport(async () => {
      const found = await fetchProfiles(listProfiledCells(allRanked));
      const csv = buildRankedListCsv(attachProfiles(allRanked, found), t, { total });
      downloadText(`${fileStem}_${t('hotspots.list.title')}.csv`, csv);
    });
  const exportGeoJson = () =>
    runExport(async () => {
      if (!geometry) return;
      const found = await fetchProfiles(listExportedCells(cells));
      const json = JSON.stringify(buildCellsGeoJson(geometry, cells, t, { profiles: found }));
      downloadText(`${fileStem}.geojson`, json, 'application/geo+json');
    });

  const error = analysis.error;
  const errorParams = error?.params
    ? Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, n(v)]))
    : undefined;
  const errorText = error
    ? error.key
      ? t(runtimeKey(error.key), errorParams)
      : t('common.error', { message: error.message })
    : null;
  const fileError = userGridFile.error ?? boundaryFile.error;
  const counted = useMemo(() => cells.reduce((s, c) => s + c.count, 0), [cells]);
  const totalHot = allRanked.length;
  const hotWithFinds = useMemo(() => allRanked.filter((r) => r.rank !== null).length, [allRanked]);
  const patterns = useMemo(() => cells.filter((c) => c.category !== null && c.category !== 'none').length, [cells]);
  const cold = useMemo(() => cells.filter((c) => c.bin < 0).length, [cells]);
  const unmapped = period ? period.total - period.mapped : 0;
  const areaText = describeStudyArea(analysis.area, result ? n(result.ids.length) : null, {
    districts: filters.districts,
    userGrid: userGridFile.grid,
    boundary: boundaryFile.boundary,
    t,
  });
  const formatSlice = (ms: number) => (settings.slice === 'month' ? formatMonth(lang, ms) : formatDate(lang, ms));
  const openingFrame =
    settings.grid === 'user'
      ? userGridFile.frame
      : settings.area === 'boundary'
        ? boundaryFile.frame
        : (analysis.frame?.frame ?? null);

  return (
    <div className="hotspots" data-testid="hotspots-view">
      {errorText && (
        <div className="banner error" role="alert" data-testid="hs-error">
          {errorText}
        </div>
      )}
      {fileError && <div className="banner error">{t(runtimeKey(fileError))}</div>}
      <Panel title={t('hotspots.title')} className="hs-settings">
        <HotspotControls
          settings={settings}
          onChange={onChange}
          userGrid={userGridFile.grid}
          userGridFile={{ crs: userGridFile.crs, onCrs: userGridFile.setCrs, onFile: userGridFile.onFile }}
          boundary={boundaryFile.boundary}
          boundaryFile={{ crs: boundaryFile.crs, onCrs: boundaryFile.setCrs, onFile: boundaryFile.onFile }}
          t={t}
          lang={lang}
        />
        <div className="hs-notes">
          {analysis.needsUserGrid && <p className="banner demo">{t('hotspots.userGrid.prompt')}</p>}
          {analysis.needsBoundary && <p className="banner demo">{t('hotspots.area.boundaryPrompt')}</p>}
          {userGridFile.issues.map((issue) => (
            <p key={issue.key} className="note">
              {t(runtimeKey(issue.key), issue.params)}
            </p>
          ))}
          {!analysis.loading && !analysis.frame && period !== null && period.total > 0 && (
            <p className="note">{t('hotspots.area.none')}</p>
          )}
          {areaText && (
            <p className="note" data-testid="hs-area-text">
              {areaText}
            </p>
          )}
          {settings.mode === 'emerging' && slices.length > 0 && (
            <p className="note">
              {t('hotspots.emerging.period', {
                count: n(slices.length),
                from: formatSlice(slices[0] ?? 0),
                to: formatSlice(slices[slices.length - 1] ?? 0),
              })}
              {slices.length < 2 && ` ${t('hotspots.emerging.needsSlices', { count: slices.length })}`}
            </p>
          )}
          {settings.mode === 'density' && <p className="note">{t('hotspots.density.note')}</p>}
        </div>
      </Panel>

      {period?.total === 0 && <EmptyState />}
      <div className="hs-layout">
        <Panel
          title={t('hotspots.map.title')}
          className="hs-map-panel"
          help={<MethodHelp t={t} />}
          actions={
            <button
              type="button"
              className="small"
              disabled={!geometry || exporting}
              onClick={() => void exportGeoJson()}
              data-testid="hs-export-geojson"
            >
              {t('hotspots.export.geojson')}
            </button>
          }
        >
          <HotspotMap
            mode={shownMode}
            cells={cells}
            geometry={geometry}
            density={settings.mode === 'density' ? density.rows : null}
            selected={selected}
            onSelect={onSelectCell}
            level={analysis.frame?.level ?? 'beijing'}
            bounds={(flyTo?.geometry === geometry ? flyTo?.bounds : null) ?? openingFrame}
            includeNone={settings.grid === 'user'}
            loading={analysis.loading || (settings.mode === 'density' && density.loading)}
            places={places}
            t={t}
            lang={lang}
          />
          {result && (
            <p className="note">
              {t('hotspots.note.method')}
              {unmapped > 0 && `${sep}${t('hotspots.note.unmapped', { count: n(unmapped) })}`}
              {result.outside > 0 && `${sep}${t('hotspots.note.outside', { count: n(result.outside) })}`}
            </p>
          )}
          {result?.zeroVariance && <p className="banner demo">{t('hotspots.note.zeroVariance')}</p>}
        </Panel>

        <div className="hs-side">
          <Panel title={t('hotspots.summary.title')}>
            <div className="hs-kpis">
              <KpiCard
                label={t('hotspots.summary.cells')}
                value={result ? n(result.ids.length) : '—'}
                unit={t('hotspots.unit.cells')}
              />
              <KpiCard
                testId="hs-kpi-hot"
                label={t('hotspots.summary.hot')}
                value={result ? n(totalHot) : '—'}
                unit={t('hotspots.unit.cells')}
              />
              <KpiCard
                label={t('hotspots.summary.cold')}
                value={result ? n(cold) : '—'}
                unit={t('hotspots.unit.cells')}
              />
              <KpiCard
                label={t('hotspots.summary.counted')}
                value={result ? n(counted) : '—'}
                unit={t('common.episodes')}
              />
              {settings.mode === 'emerging' && result?.emerging && (
                <KpiCard label={t('hotspots.summary.patterns')} value={n(patterns)} unit={t('hotspots.unit.cells')} />
              )}
            </div>
            {result && <p className="note">{t('hotspots.note.timing', { ms: n(Math.round(result.ms)) })}</p>}
          </Panel>
          <Panel title={t('hotspots.selected.title')}>
            {selected ? (
              <div data-testid="hs-selected">
                <p className="hs-selected-lines">{formatHotspotTooltip(selected, t, places)}</p>
                {series && series.length > 0 && (
                  <CellTrendChart series={series} unit={settings.slice} t={t} lang={lang} />
                )}
              </div>
            ) : (
              <p className="note">{t('hotspots.selected.hint')}</p>
            )}
          </Panel>
        </div>
      </div>

      <Panel
        title={t('hotspots.list.title')}
        help={<RankingHelp t={t} />}
        actions={
          <>
            <SegmentedControl
              label={t('hotspots.list.sort')}
              options={SORTS}
              value={settings.sort}
              labelOf={(s) => t(`hotspots.list.sort.${s}`)}
              testIdPrefix="hs-sort"
              onSelect={(s) => onChange('sort', s)}
            />
            <button
              type="button"
              className="small"
              disabled={rows.length === 0 || exporting}
              onClick={() => void exportCsv()}
              data-testid="hs-export-csv"
            >
              {t('hotspots.export.csv')}
            </button>
          </>
        }
      >
        {result && rows.length === 0 && <p className="note">{t('hotspots.list.empty')}</p>}
        {rows.length > 0 && (
          <>
            <p className="note" data-testid="hs-list-count">
              {t('hotspots.list.count', { total: n(totalHot), places: n(hotWithFinds), shown: n(rows.length) })}
              {sep}
              {describeSuppression(t)}
            </p>
            <HotCellList
              rows={rows}
              mode={shownMode}
              selectedId={selectedId}
              profiles={profiles.profiles}
              profilesLoading={profiles.loading}
              onSelect={onSelectRow}
              t={t}
              lang={lang}
            />
          </>
        )}
        {profiles.error && <p className="note">{t('common.error', { message: profiles.error })}</p>}
        {exportError && <p className="note">{t('common.error', { message: exportError })}</p>}
      </Panel>
    </div>
  );
}
