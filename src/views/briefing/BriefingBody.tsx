import { useRef, useState } from 'react';
import { writeXlsx, type XlsxCell } from '../../core/export/xlsx';
import type { DataSpan } from '../../core/calendar/periods';
import type { GlobalFilters } from '../../core/filters';
import { classifyCount, discloseRate } from '../../core/export/suppression';
import { useApp } from '../shared/app-context';
import type { DatasetMeta } from '../shared/dataset-meta';
import { downloadBytes } from '../shared/download';
import { formatPercent } from '../shared/i18n/format';
import { usePlaceNames } from '../repeat-returns/use-place-names';
import { useAreas, useOriginUnits } from '../origins/use-origin-setup';
import { briefingLinkKey } from './briefing-params';
import { BriefingPage, PAGE } from './BriefingPage';
import { buildBriefingSheets, buildTileRow } from './exports';
import { useBriefingHotspots } from './hotspot-adapter';
import { HotspotMiniMap } from './HotspotMiniMap';
import type { BriefingTranslate } from './messages';
import { NarrativeEditor, useNarrative } from './NarrativeEditor';
import { OriginFlowMap } from './OriginFlowMap';
import { renderPagePng } from './page-png';
import { usePatrolCoverageTile } from './patrol-coverage';
import { formatDisclosed, labelMonth } from './present';
import type { BriefingScope } from './queries';
import { useBriefingData } from './use-briefing-data';
import type { HomeProvince } from './use-home-province';
import { buildPageModel, formatLocalDay, TOP_HOTSPOTS } from './page-model';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DISTRICT_FILES = ['beijing-districts.geojson'];
const PROVINCE_FILES = ['china-provinces.geojson'];
const INSET_FILES = ['south-china-sea-inset.geojson'];

interface Props {
  scope: BriefingScope;
  /** the global filters other than the period (what the link key holds) */
  global: GlobalFilters;
  span: DataSpan;
  meta: DatasetMeta;
  home: HomeProvince;
  unit: string;
  exact: boolean;
  t: BriefingTranslate;
}

/** The briefing of one period, inside a context whose filters are the briefing's (the hot spot hooks read them). */
export function BriefingBody({ scope, global, span, meta, home, unit, exact, t }: Props) {
  const { coordinator, lang } = useApp();
  const index = usePlaceNames();
  const originsReady = useOriginUnits(coordinator, index);
  const data = useBriefingData(scope, home.code, originsReady, span);
  const hot = useBriefingHotspots(TOP_HOTSPOTS);
  const patrol = usePatrolCoverageTile(scope.filters, hot.settings, hot.significant);
  const districts = useAreas(DISTRICT_FILES).areas;
  const provinces = useAreas(PROVINCE_FILES).areas;
  const inset = useAreas(INSET_FILES).areas;
  const homeName = home.code ? (index?.get(home.code)?.[lang === 'en' ? 'nameEn' : 'name'] ?? home.code) : null;
  const model = buildPageModel({ scope, data, hot, index, span, meta, exact, lang, t, homeName });
  const linkKey = briefingLinkKey(scope.spec, global, lang);
  const narrative = useNarrative(linkKey, model.narrative);
  const pageBox = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string; link?: string } | null>(null);

  const stem = `${t('bf.title')}_${model.periodLabel}`.replace(/[\\/:*?"<>|\s]+/g, '_');
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      setMessage({ error: true, text: t('common.error', { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };
  const exportPng = () =>
    run(async () => {
      const page = pageBox.current?.querySelector<HTMLElement>('.bf-page');
      if (page) downloadBytes(`${stem}.png`, await renderPagePng(page), 'image/png');
    });
  const exportXlsx = () =>
    run(async () => {
      const trendRows: XlsxCell[][] = (data.trend ?? []).map((p) => {
        const month = new Date(p.month).toISOString().slice(0, 7);
        const cohort = data.rateTrend?.find((r) => new Date(r.month).toISOString().slice(0, 7) === month);
        const rateShown =
          cohort &&
          (exact ||
            discloseRate(classifyCount(cohort.returned), classifyCount(cohort.cohort), cohort.cohort) === 'shown');
        const count = (v: number | null) => (v === null ? null : exact || classifyCount(v) === 'shown' ? v : '<5');
        return [
          labelMonth(month, lang),
          count(p.episodes),
          count(p.lastYear),
          cohort ? count(cohort.cohort) : null,
          cohort?.rate != null && rateShown ? formatPercent(lang, cohort.rate) : cohort?.rate != null ? '—' : null,
          cohort ? t(cohort.rate !== null ? 'bf.xlsx.yes' : 'bf.xlsx.no') : null,
        ];
      });
      const bytes = await writeXlsx(
        buildBriefingSheets(
          {
            head: [
              unit || t('bf.unit.missing'),
              `${t('bf.title')} · ${model.periodLabel}`,
              model.periodRange,
              model.comparisons,
              ...(model.filtersText ? [model.filtersText] : []),
            ],
            tileRows: [
              ...(model.tiles ?? []).map(({ tile, display }) => buildTileRow(tile, display, exact)),
              ...(patrol.coverage?.rate != null
                ? [[t('bf.tile.patrolCoverage'), '%', Math.round(patrol.coverage.rate * 1000) / 10]]
                : []),
            ],
            hotRows: (model.hot ?? []).map((h) => h.cells),
            originRows: [...(model.origins ?? []).map((o) => o.cells), ...(model.sides ? [[model.sides]] : [])],
            trendRows,
            notes: [narrative.text, ...model.notes, ...model.footer],
          },
          t,
        ),
      );
      downloadBytes(`${stem}.xlsx`, bytes, XLSX_MIME);
    });
  const copyLink = () => {
    const link = window.location.href;
    const shown = { error: false, text: t('bf.copied'), link };
    if (!navigator.clipboard) {
      setMessage(shown);
      return;
    }
    navigator.clipboard.writeText(link).then(
      () => setMessage({ error: false, text: t('bf.copied') }),
      () => setMessage(shown),
    );
  };

  const error = data.error ?? hot.error;
  return (
    <>
      <div className="bf-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()} data-testid="bf-print">
          {t('bf.print')}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={() => void exportPng()} data-testid="bf-png">
          {t('bf.png')}
        </button>
        <button
          type="button"
          className="ghost"
          disabled={busy || !model.tiles}
          onClick={() => void exportXlsx()}
          data-testid="bf-xlsx"
        >
          {t('bf.xlsx')}
        </button>
        <button type="button" className="ghost" onClick={copyLink} data-testid="bf-copy-link">
          {t('bf.copyLink')}
        </button>
        {busy && <span className="bf-small">{t('bf.exporting')}</span>}
        {(data.loading || hot.loading || patrol.loading) && (
          <span className="bf-small" data-testid="bf-loading">
            {t('bf.loading')}
          </span>
        )}
        {message && (
          <span className={message.error ? 'bf-small error' : 'bf-small'} role="status">
            {message.text}
            {message.link && <input readOnly value={message.link} onFocus={(e) => e.target.select()} />}
          </span>
        )}
      </div>
      {error && <div className="banner error no-print">{t('common.error', { message: error })}</div>}
      <div className="bf-paper" ref={pageBox}>
        <BriefingPage
          t={t}
          lang={lang}
          exact={exact}
          unit={unit}
          periodLabel={model.periodLabel}
          periodRange={model.periodRange}
          generated={t('bf.generated', { date: formatLocalDay(new Date()) })}
          comparisons={model.comparisons}
          filtersText={model.filtersText}
          notes={model.notes}
          tiles={model.tiles?.map((x) => x.display) ?? null}
          patrolTile={
            patrol.hasPatrols
              ? {
                  value:
                    patrol.coverage?.rate != null
                      ? formatPercent(lang, patrol.coverage.rate)
                      : patrol.loading
                        ? '…'
                        : '—',
                  note: patrol.coverage
                    ? patrol.coverage.hotCells
                      ? t('bf.patrol.note', { hot: patrol.coverage.hotCells, patrolled: patrol.coverage.patrolled })
                      : t('bf.patrol.noHot')
                    : t('bf.loading'),
                }
              : null
          }
          narrative={
            model.tiles ? (
              <NarrativeEditor narrative={narrative} t={t} />
            ) : (
              <p className="bf-small">{t('bf.loading')}</p>
            )
          }
          hotTitle={t('bf.hot.title', { cell: hot.settings.cellM })}
          hotMap={
            <HotspotMiniMap
              significant={hot.significant}
              top={hot.top}
              geometry={hot.geometry}
              districts={districts}
              width={PAGE.column}
              height={PAGE.map}
              lang={lang}
              t={t}
            />
          }
          hotRows={model.hot?.map((h) => ({ key: h.key, cells: h.text })) ?? null}
          hotEmpty={hot.loading ? t('bf.hot.loading') : hot.error ? null : t('bf.hot.none')}
          originMap={
            <OriginFlowMap
              provinces={provinces}
              inset={inset}
              rows={data.origins}
              flows={data.flows}
              index={index}
              exact={exact}
              width={PAGE.column}
              height={PAGE.map}
              lang={lang}
              t={t}
            />
          }
          originRows={model.origins?.map((o) => ({ key: o.key, cells: o.text })) ?? null}
          originSides={model.sides}
          trend={data.trend}
          rateTrend={data.rateTrend}
          footer={model.footer}
        />
      </div>
      <span hidden data-testid="bf-ready">
        {!data.loading && !hot.loading && !patrol.loading && model.tiles
          ? formatDisclosed(lang, model.tiles.length, 'shown')
          : ''}
      </span>
    </>
  );
}
