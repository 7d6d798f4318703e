import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { clauseSeparator, formatDate, formatMonth, formatNumber, joinList } from '../shared/i18n/format';
import type { Crs } from '../../core/geo/coords';
import type { LonLatBounds } from '../../core/geo/map-frame';
import { boundsOfMask, extractMaskArea } from '../../core/grid/polygon-mask';
import { parseUserGrid, type UserGridIssue } from '../../core/grid/user-grid';
import { downloadText } from '../shared/download';
import { EmptyState } from '../shared/EmptyState';
import { KpiCard } from '../shared/KpiCard';
import { Panel } from '../shared/Panel';
import { frameCell } from '../../core/hotspots/grid-kinds';
import { toLonLatBounds } from '../../core/hotspots/study-area';
import { CellTrendChart } from './CellTrendChart';
import { HotCellList } from './HotCellList';
import { HotspotControls } from './HotspotControls';
import { getHotspotEngine } from '../../core/hotspots/hotspot-engine';
import {
  HOTSPOT_PARAMS,
  parseHotspotSettings,
  serializeHotspotSetting,
  type HotspotSettings,
} from './hotspot-settings';
import { HotspotMap, type DensityBin } from './HotspotMap';
import { buildCellsGeoJson, buildRankedListCsv, describeSuppression } from './exports';
import {
  buildCellTrendSeries,
  buildHotspotCells,
  formatHotspotTooltip,
  rankHotCells,
  type HotspotCell,
  type RankedCell,
} from './layers';
import { buildDensityQuery } from './queries';
import { buildHotCellProfileQuery, readHotCellProfiles, useHotCellProfiles } from './use-hot-cell-profiles';
import { useHotspotAnalysis, type LoadedUserGrid } from './use-hotspot-analysis';
import './hotspots.css';
import { useTranslate } from '../shared/use-translate';
import { hotspotMessages } from './messages';
import { runtimeKey } from '../shared/i18n/translate';

/** Rows of the ranked list on screen; its CSV export holds every hot cell. */
const LIST_LIMIT = 100;

export function HotspotsView() {
  const { lang, filters, params, setParam, coordinator } = useApp();
  const t = useTranslate(hotspotMessages);
  const settings = useMemo(() => parseHotspotSettings(params), [params]);
  const onChange = useCallback(
    <K extends keyof HotspotSettings>(key: K, value: HotspotSettings[K]) =>
      setParam(HOTSPOT_PARAMS[key], serializeHotspotSetting(key, value)),
    [setParam],
  );

  const [userFile, setUserFile] = useState<{ name: string; json: unknown } | null>(null);
  const [userCrs, setUserCrs] = useState<Crs>('WGS84');
  const [registered, setRegistered] = useState<{ parsed: object; token: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const parsed = useMemo(() => (userFile ? parseUserGrid(userFile.json, userCrs) : null), [userFile, userCrs]);
  useEffect(() => {
    if (!userFile || !parsed?.grid) return;
    let alive = true;
    const token = `${userFile.name}:${userCrs}:${Date.now()}`;
    void getHotspotEngine()
      .registerUserGrid(token, parsed.grid)
      .then(
        () => alive && setRegistered({ parsed, token }),
        (err: Error) => alive && setFileError(err.message),
      );
    return () => {
      alive = false;
    };
  }, [userFile, userCrs, parsed]);
  const userGrid = useMemo<LoadedUserGrid | null>(
    () =>
      parsed?.grid && userFile && registered?.parsed === parsed
        ? { token: registered.token, fileName: userFile.name, grid: parsed.grid }
        : null,
    [parsed, userFile, registered],
  );
  const userIssues: UserGridIssue[] = parsed?.issues ?? [];
  const userFrame = useMemo(() => {
    const b = userGrid
      ? boundsOfMask(extractMaskArea({ type: 'FeatureCollection', features: userGrid.grid.features }))
      : null;
    return b ? toLonLatBounds(b) : null;
  }, [userGrid]);
  const onUserGridFile = useCallback((file: File) => {
    setFileError(null);
    void file.text().then((text) => {
      try {
        setUserFile({ name: file.name, json: JSON.parse(text) as unknown });
      } catch {
        setFileError('hotspots.userGrid.invalidJson');
      }
    });
  }, []);

  const analysis = useHotspotAnalysis(settings, userGrid);
  const { result, geometry, area, period, slices } = analysis;
  // until the emerging categories arrive, the map and the list keep showing the classes
  const shownMode = settings.mode === 'emerging' && !result?.emerging ? 'gi' : settings.mode;
  const cells = useMemo(
    () => (result && geometry ? buildHotspotCells(geometry, result.counts, result, result.bins, result.emerging) : []),
    [result, geometry],
  );
  const totalHot = useMemo(() => cells.filter((c) => c.bin > 0).length, [cells]);
  const ranked = useMemo(
    () => rankHotCells(cells, { total: period?.mapped ?? 0, limit: LIST_LIMIT }),
    [cells, period?.mapped],
  );
  const listedCells = useMemo(() => ranked.map((r) => r.cell), [ranked]);
  const profiles = useHotCellProfiles(listedCells, analysis.kind, geometry);
  const rows = useMemo<RankedCell[]>(
    () => ranked.map((r) => ({ ...r, profile: profiles.profiles?.get(r.cell.id) ?? null })),
    [ranked, profiles.profiles],
  );

  const density = useQuery<DensityBin & Record<string, unknown>>(
    'hotspots:density',
    settings.mode === 'density' ? buildDensityQuery(filters) : null,
  );

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [flyTo, setFlyTo] = useState<{ areaKey: string; bounds: LonLatBounds | null } | null>(null);
  const selected = useMemo(() => cells.find((c) => c.id === selectedId) ?? null, [cells, selectedId]);
  const areaKey = area?.area.key ?? '';
  const onSelectCell = useCallback((cell: HotspotCell) => setSelectedId(cell.id), []);
  const onSelectRow = useCallback(
    (row: RankedCell) => {
      setSelectedId(row.cell.id);
      if (geometry) setFlyTo({ areaKey, bounds: frameCell(geometry, row.cell.index, 6) });
    },
    [geometry, areaKey],
  );

  const series = useMemo(
    () => (selected && result?.emerging ? buildCellTrendSeries(result.emerging, selected.index, slices) : null),
    [selected, result, slices],
  );

  const n = (v: number) => formatNumber(lang, v);
  const sep = clauseSeparator(lang);
  const fileStem = `${t('hotspots.title')}_${filters.from ?? ''}_${filters.to ?? ''}`.replace(/_+$/, '');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportCsv = async () => {
    const total = period?.mapped ?? 0;
    const all = rankHotCells(cells, { total, limit: Infinity });
    const allCells = all.map((r) => r.cell);
    const query = buildHotCellProfileQuery(allCells, analysis.kind, geometry, filters);
    setExporting(true);
    setExportError(null);
    try {
      const found =
        query && geometry && analysis.kind
          ? readHotCellProfiles(await coordinator.query(query), analysis.kind, allCells, geometry)
          : null;
      const withProfiles = all.map((r) => ({ ...r, profile: found?.get(r.cell.id) ?? null }));
      downloadText(`${fileStem}_${t('hotspots.list.title')}.csv`, buildRankedListCsv(withProfiles, t, { total }));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };
  const exportGeoJson = () =>
    geometry &&
    downloadText(`${fileStem}.geojson`, JSON.stringify(buildCellsGeoJson(geometry, cells, t)), 'application/geo+json');

  const error = analysis.error;
  const errorParams = error?.params
    ? Object.fromEntries(Object.entries(error.params).map(([k, v]) => [k, n(v)]))
    : undefined;
  const errorText = error
    ? error.key
      ? t(runtimeKey(error.key), errorParams)
      : t('common.error', { message: error.message })
    : null;
  const counted = useMemo(() => cells.reduce((s, c) => s + c.count, 0), [cells]);
  const patterns = useMemo(() => cells.filter((c) => c.category !== null && c.category !== 'none').length, [cells]);
  const cold = useMemo(() => cells.filter((c) => c.bin < 0).length, [cells]);
  const unmapped = period ? period.total - period.mapped : 0;
  const areaText =
    settings.grid === 'user'
      ? t('hotspots.area.userGrid')
      : !area
        ? null
        : area.districts.length
          ? t('hotspots.area.districts', { districts: joinList(lang, area.districts) })
          : area.level === 'beijing'
            ? t('hotspots.area.beijing')
            : t('hotspots.area.bounds');
  const formatSlice = (ms: number) => (settings.slice === 'month' ? formatMonth(lang, ms) : formatDate(lang, ms));

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
          userGrid={userGrid}
          userCrs={userCrs}
          onUserCrs={setUserCrs}
          onUserGridFile={onUserGridFile}
          t={t}
          lang={lang}
        />
        <div className="hs-notes">
          {analysis.needsUserGrid && <p className="banner demo">{t('hotspots.userGrid.prompt')}</p>}
          {userIssues.map((issue) => (
            <p key={issue.key} className="note">
              {t(runtimeKey(issue.key), issue.params)}
            </p>
          ))}
          {!analysis.loading && !area && settings.grid !== 'user' && <p className="note">{t('hotspots.area.none')}</p>}
          {areaText && result && (
            <p className="note">
              {areaText}
              {sep}
              {t('hotspots.grid.cells', { cells: n(result.ids.length) })}
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
          actions={
            <button
              type="button"
              className="small"
              disabled={!geometry}
              onClick={exportGeoJson}
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
            level={area?.level ?? 'beijing'}
            bounds={
              (flyTo?.areaKey === areaKey ? flyTo.bounds : null) ??
              (settings.grid === 'user' ? userFrame : (area?.frame ?? null))
            }
            includeNone={settings.grid === 'user'}
            loading={analysis.loading || (settings.mode === 'density' && density.loading)}
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
                <p className="hs-selected-lines">{formatHotspotTooltip(selected, t)}</p>
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
        actions={
          <button
            type="button"
            className="small"
            disabled={rows.length === 0 || exporting}
            onClick={() => void exportCsv()}
            data-testid="hs-export-csv"
          >
            {t('hotspots.export.csv')}
          </button>
        }
      >
        {result && rows.length === 0 && <p className="note">{t('hotspots.list.empty')}</p>}
        {rows.length > 0 && (
          <>
            <p className="note">
              {t('hotspots.list.count', { total: n(totalHot), shown: n(rows.length) })}
              {sep}
              {describeSuppression(t)}
            </p>
            <HotCellList
              rows={rows}
              mode={shownMode}
              selectedId={selectedId}
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
