import type { PeriodChange } from '../../core/analytics/period-change';
import { formatPercent, type Lang } from './i18n/format';
import type { Translate } from './i18n/translate';
import type { SharedKey } from './messages';

export interface ChangeText {
  text: string;
  direction: 'up' | 'down' | 'flat' | 'none';
}

/** A change as it reads on a KPI card or in a briefing: "+12.3%", "持平", "无数据" … */
export function describeChange(change: PeriodChange, lang: Lang, t: Translate<SharedKey>): ChangeText {
  switch (change.kind) {
    case 'noData':
      return { text: t('common.change.noData'), direction: 'none' };
    case 'partialBase':
      return { text: t('common.change.partialBase'), direction: 'none' };
    case 'fromZero':
      return { text: t('common.change.fromZero'), direction: 'up' };
    case 'change': {
      if (Math.abs(change.ratio) < 0.0005) return { text: t('common.change.flat'), direction: 'flat' };
      const sign = change.ratio > 0 ? '+' : '−';
      return {
        text: `${sign}${formatPercent(lang, Math.abs(change.ratio))}`,
        direction: change.ratio > 0 ? 'up' : 'down',
      };
    }
  }
}
