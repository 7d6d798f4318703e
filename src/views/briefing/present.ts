import type { PeriodChange } from '../../core/analytics/period-change';
import type { ReportPeriodSpec } from '../../core/calendar/report-periods';
import type { GlobalFilters } from '../../core/filters';
import { runtimeKey } from '../shared/i18n/translate';
import { formatSuppressed, HIDDEN_MARK, type Disclosure } from '../../core/export/suppression';
import { formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import { describeChange, type ChangeText } from '../shared/period-change-text';
import type { Tile, TileId } from './figures';
import type { BriefingTranslate } from './messages';
import { discloseTile } from './suppress';

/** The words of a period: 2024年8月, 2024年第二季度, 2023—2024年冬季 … */
export function labelReportPeriod(spec: ReportPeriodSpec, t: BriefingTranslate, lang: Lang): string {
  switch (spec.kind) {
    case 'month': {
      const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
        new Date(Date.UTC(spec.year, spec.month - 1, 1)),
      );
      return t('bf.label.month', { year: spec.year, month: spec.month, monthName: lang === 'en' ? monthName : '' });
    }
    case 'quarter':
      return t('bf.label.quarter', {
        year: spec.year,
        quarter: lang === 'zh' ? '一二三四'[spec.quarter - 1]! : spec.quarter,
      });
    case 'winter':
      return t('bf.label.winter', {
        year: spec.year,
        next: lang === 'zh' ? spec.year + 1 : String(spec.year + 1).slice(2),
      });
    case 'custom':
      return t('bf.label.custom', { from: spec.from, to: spec.to });
    default:
      return t(`bf.label.${spec.kind}`, { year: spec.year });
  }
}

/** A number as it leaves the unit: the value, "<5" or "—". */
export function formatDisclosed(lang: Lang, value: number | null, d: Disclosure, digits = 0): string {
  const v = formatSuppressed(value, d);
  return typeof v === 'number' ? formatNumber(lang, v, digits) : (v ?? HIDDEN_MARK);
}

export interface TileDisplay {
  id: TileId;
  label: string;
  value: string;
  unit: string | null;
  vsPrevious: ChangeText;
  vsLastYear: ChangeText | null;
  /** the value is the number itself (not "<5", "—" or a word), for tests and the narrative */
  exactValue: boolean;
  /** said instead of the changes (the rate still in follow-up: the latest complete cohort's) */
  note?: string;
}

const HIDDEN_CHANGE: ChangeText = { text: HIDDEN_MARK, direction: 'none' };

/** A rate's change, in percentage points. */
function describePoints(change: PeriodChange, lang: Lang, t: BriefingTranslate): ChangeText {
  if (change.kind !== 'change') return describeChange(change, lang, t);
  const points = change.ratio * 100;
  if (Math.abs(points) < 0.05) return { text: t('common.change.flat'), direction: 'flat' };
  return {
    text: t('bf.change.points', { sign: points > 0 ? '+' : '−', value: formatNumber(lang, Math.abs(points), 1) }),
    direction: points > 0 ? 'up' : 'down',
  };
}

const UNIT: Record<TileId, 'episodes' | 'persons' | 'days' | null> = {
  episodes: 'episodes',
  persons: 'persons',
  newPersons: 'persons',
  minors: 'episodes',
  elderly: 'episodes',
  mental: 'episodes',
  returnedHome: 'episodes',
  returnRate: null,
  medianStay: 'days',
};

export function presentTile(tile: Tile, exact: boolean, lang: Lang, t: BriefingTranslate): TileDisplay {
  const d = discloseTile(tile, exact);
  const v = tile.current.value;
  let value: string;
  if (tile.kind === 'rate') {
    value = v === null ? t('bf.rate.pending') : d.value === 'shown' ? formatPercent(lang, v) : HIDDEN_MARK;
  } else {
    value = formatDisclosed(lang, v, d.value, tile.kind === 'days' ? 1 : 0);
  }
  const change = (c: PeriodChange, shown: boolean) =>
    !shown ? HIDDEN_CHANGE : tile.kind === 'rate' ? describePoints(c, lang, t) : describeChange(c, lang, t);
  const unit = UNIT[tile.id];
  return {
    id: tile.id,
    label: t(`bf.tile.${tile.id}`),
    value,
    unit: unit && t(`bf.unit.${unit}`),
    vsPrevious: change(tile.vsPrevious, d.vsPrevious),
    vsLastYear: tile.vsLastYear ? change(tile.vsLastYear, d.vsLastYear) : null,
    exactValue: v !== null && d.value === 'shown',
  };
}

/** A change as the narrative says it: 上升12.3% / 下降4.5个百分点 / 持平 / 无可比数据. */
export function narrateChange(
  tile: Tile,
  which: 'vsPrevious' | 'vsLastYear',
  display: TileDisplay,
  t: BriefingTranslate,
) {
  const change = tile[which];
  const text = display[which];
  if (!change || !text) return t('bf.narr.noBase');
  if (text.text === HIDDEN_MARK) return HIDDEN_MARK;
  switch (change.kind) {
    case 'noData':
      return t('bf.narr.noBase');
    case 'partialBase':
      return t('bf.narr.partialBase');
    case 'fromZero':
      return t('bf.narr.fromZero');
    case 'change': {
      if (text.direction === 'flat') return t('bf.narr.flat');
      const value = text.text.replace(/^[+−]/, '');
      return t(text.direction === 'up' ? 'bf.narr.up' : 'bf.narr.down', { value });
    }
  }
}

/** The global filters other than the period, in words ("朝阳区；街面巡查；女"), or null when there are none. */
export function describeFilters(f: GlobalFilters, t: BriefingTranslate, lang: Lang): string | null {
  const parts = [
    f.districts.join(lang === 'zh' ? '、' : ', '),
    f.channels.map((c) => t(runtimeKey(`channel.${c}`))).join(lang === 'zh' ? '、' : ', '),
    f.groups.map((g) => t(runtimeKey(`group.${g}`))).join(lang === 'zh' ? '、' : ', '),
    f.sexes.map((s) => t(runtimeKey(`sex.${s}`))).join(lang === 'zh' ? '、' : ', '),
    f.ageBands.map((a) => t(runtimeKey(`age.${a}`))).join(lang === 'zh' ? '、' : ', '),
    f.identity.map((i) => t(runtimeKey(`identity.${i}`))).join(lang === 'zh' ? '、' : ', '),
  ].filter(Boolean);
  return parts.length ? parts.join(lang === 'zh' ? '；' : '; ') : null;
}

/** A month 'YYYY-MM' as a column heads it: 2024年8月 / Aug 2024. */
export function labelMonth(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (lang === 'zh') return `${y}年${m}月`;
  const name = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  return `${name} ${y}`;
}
