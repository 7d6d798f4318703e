import { describeCoverage } from '../../core/calendar/report-periods';
import type { DataSpan } from '../../core/calendar/periods';
import type { Gb2260Index } from '../../core/geo/gb2260';
import type { XlsxCell } from '../../core/export/xlsx';
import { discloseRate, classifyCount, HIDDEN_MARK } from '../../core/export/suppression';
import { formatPercent } from '../shared/i18n/format';
import type { DatasetMeta } from '../shared/dataset-meta';
import { ATTRIBUTION } from '../shared/map/base-style';
import type { BriefingHotspots } from './hotspot-adapter';
import type { BriefingTranslate } from './messages';
import { buildNarrative, NARRATIVE_TOP, type NarrativeItem } from './narrative';
import {
  describeFilters,
  formatDisclosed,
  labelMonth,
  labelReportPeriod,
  presentTile,
  type TileDisplay,
} from './present';
import type { BriefingScope } from './queries';
import { discloseGroup, discloseListCount } from './suppress';
import type { BriefingData } from './use-briefing-data';
import { findLatestCompleteRate, listTopOrigins } from './view-model';
import type { Tile } from './figures';

export const TOP_HOTSPOTS = 5;
const TOP_ORIGINS = 5;

type Lang = 'zh' | 'en';

export interface ListItem {
  key: string;
  /** what the page and the narrative show */
  text: string[];
  /** what the XLSX holds: numbers where they may leave the unit */
  cells: XlsxCell[];
}

export interface PageModel {
  periodLabel: string;
  periodRange: string;
  comparisons: string;
  filtersText: string | null;
  notes: string[];
  tiles: { tile: Tile; display: TileDisplay }[] | null;
  hot: ListItem[] | null;
  origins: ListItem[] | null;
  sides: string | null;
  narrative: string;
  footer: string[];
}

const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Local time of the last load ("2024-09-02 10:15"); the data's own times are CST wall-clock, this is the user's. */
function formatLoadedAt(iso: string | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return `${day(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const percentOr = (lang: Lang, part: number, whole: number, shown: boolean) =>
  shown && whole > 0 ? formatPercent(lang, part / whole) : HIDDEN_MARK;

interface Inputs {
  scope: BriefingScope;
  data: BriefingData;
  hot: BriefingHotspots;
  index: Gb2260Index | null;
  span: DataSpan;
  meta: DatasetMeta;
  exact: boolean;
  lang: Lang;
  t: BriefingTranslate;
  /** the home province's name (本省), for the 本省籍 / 外省籍 line */
  homeName: string | null;
}

/** Everything the page prints, its narrative and its XLSX, from the figures, disclosed by the one rule. */
export function buildPageModel({ scope, data, hot, index, span, meta, exact, lang, t, homeName }: Inputs): PageModel {
  {
    const range = (p: { from: string; to: string }) => t('bf.range', { from: p.from, to: p.to });
    const tiles = data.tiles?.map((tile) => ({ tile, display: presentTile(tile, exact, lang, t) })) ?? null;
    const total = data.current?.episodes ?? 0;

    const hotItems =
      hot.geometry && !hot.loading
        ? hot.top.map((h): ListItem => {
            const d = discloseListCount(h.episodes, hot.mapped, exact);
            const place = h.place ?? t('bf.hot.unknownPlace', { id: h.cell.id });
            const share = percentOr(lang, h.episodes, hot.mapped, d.share);
            const episodes = formatDisclosed(lang, h.episodes, d.count);
            const cls = t(`bf.hot.class.${h.hotspotClass}`);
            return {
              key: h.cell.id,
              text: [String(h.rank), place, episodes, share, cls],
              cells: [h.rank, place, d.count === 'shown' ? h.episodes : episodes, share, cls],
            };
          })
        : null;

    const hotCells = hot.significant.filter((c) => c.bin > 0).length;
    const top = data.origins ? listTopOrigins(data.origins, index, TOP_ORIGINS, lang) : null;
    const originItems =
      top?.map((o): ListItem => {
        const d = discloseListCount(o.episodes, total, exact);
        const episodes = formatDisclosed(lang, o.episodes, d.count);
        const share = percentOr(lang, o.episodes, total, d.share);
        return {
          key: o.region,
          text: [o.name, episodes, share],
          cells: [o.name, d.count === 'shown' ? o.episodes : episodes, share],
        };
      }) ?? null;

    // 本省籍 / 外省籍 / 无法查明: a share where it may be shown, else "<5" or "—" on the page and words in the text
    let sides: { in: string; out: string; unknown: string } | null = null;
    let sideWords: { in: string; out: string; unknown: string } | null = null;
    if (data.homeSplit) {
      const d = discloseGroup(data.homeSplit, exact);
      const shown = (i: number) => d[i] === 'shown' && total >= 5;
      const page = data.homeSplit.map((v, i) =>
        shown(i) ? percentOr(lang, v, total, true) : d[i] === 'small' ? '<5' : HIDDEN_MARK,
      );
      const words = data.homeSplit.map((v, i) =>
        shown(i)
          ? t('bf.narr.share', { share: percentOr(lang, v, total, true) })
          : t(d[i] === 'small' ? 'bf.narr.shareSmall' : 'bf.narr.shareHidden'),
      );
      sides = { in: page[0]!, out: page[1]!, unknown: page[2]! };
      sideWords = { in: words[0]!, out: words[1]!, unknown: words[2]! };
    }

    const latest = data.rateTrend ? findLatestCompleteRate(data.rateTrend) : null;
    const latestShown =
      latest &&
      (exact || discloseRate(classifyCount(latest.returned), classifyCount(latest.cohort), latest.cohort) === 'shown');
    const periodLabel = labelReportPeriod(scope.spec, t, lang);
    const latestText =
      latest && latestShown
        ? {
            period: labelMonth(new Date(latest.month).toISOString().slice(0, 7), lang),
            rate: formatPercent(lang, latest.rate),
          }
        : null;
    for (const x of tiles ?? []) {
      if (x.tile.id === 'returnRate' && x.tile.current.value === null && latestText) {
        x.display = { ...x.display, note: t('bf.rate.latest', latestText) };
      }
    }
    const byId = new Map((tiles ?? []).map((x) => [x.tile.id, x]));
    const item = (name: string, episodes: string): NarrativeItem => ({ name, episodes });
    const narrative =
      tiles && tiles.length
        ? buildNarrative(
            {
              period: periodLabel,
              tiles: byId,
              latestRate: latestText,
              hotspots: hotItems
                ? { places: hot.top.flatMap((h) => (h.place ? [h.place] : [])), cells: hotCells }
                : null,
              origins: originItems
                ? originItems.slice(0, NARRATIVE_TOP).map((o) => item(o.text[0]!, o.text[1]!))
                : null,
              sides: sideWords,
            },
            t,
            lang,
          )
        : '';

    const coverage = describeCoverage(scope.period, span);
    const notes = [
      ...(coverage.startsBeforeData ? [t('bf.note.startsBeforeData', { first: span.first })] : []),
      ...(coverage.endsAfterData ? [t('bf.note.endsAfterData', { last: span.last })] : []),
      ...(data.current && data.current.episodes === 0 ? [t('bf.note.noData')] : []),
    ];
    const files = meta.reports
      .filter((r) => r.kind === 'cases')
      .map((r) =>
        t('bf.footer.file', { file: r.fileName, n: r.rowsLoaded.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') }),
      );
    const loaded = formatLoadedAt(meta.loadedAt);
    const footer = [
      t('bf.footer.sources', { files: meta.demo ? t('bf.footer.demo') : files.join(lang === 'zh' ? '、' : ', ') }),
      loaded ? t('bf.footer.loaded', { time: loaded }) : t('bf.footer.loadedUnknown'),
      ATTRIBUTION[lang],
      t('bf.footer.method'),
      exact ? t('bf.footer.exact') : t('bf.footer.suppressed'),
    ];
    const previous = { from: scope.previous.from ?? '', to: scope.previous.to ?? '' };
    const colon = lang === 'zh' ? '：' : ': ';
    const lastYear = scope.lastYear ? { from: scope.lastYear.from ?? '', to: scope.lastYear.to ?? '' } : null;
    return {
      periodLabel,
      periodRange: range(scope.period),
      comparisons: [
        `${t('bf.vsPrevious')}${colon}${range(previous)}`,
        lastYear ? `${t('bf.vsLastYear')}${colon}${range(lastYear)}` : t('bf.noLastYear'),
      ].join(lang === 'zh' ? '；' : '; '),
      filtersText: (() => {
        const f = describeFilters(scope.filters, t, lang);
        return f ? t('bf.filters', { filters: f }) : null;
      })(),
      notes,
      tiles,
      hot: hotItems,
      origins: originItems,
      sides: sides ? t('bf.origin.sides', { ...sides, home: homeName ?? '—' }) : null,
      narrative,
      footer,
    };
  }
}

export { day as formatLocalDay };
