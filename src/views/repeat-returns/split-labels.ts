import type { ReturnSplit } from '../../core/analytics/repeat-returns';
import { SPLIT_ALL, SPLIT_NO_GROUP, SPLIT_UNKNOWN } from '../../core/analytics/repeat-returns';
import type { Gb2260Index } from '../../core/geo/gb2260';
import { labelSplitValue, SPLIT_OTHER } from './layers';
import type { RepeatReturnTranslate } from './messages';
import type { Lang } from '../shared/i18n/format';
import { runtimeKey } from '../shared/i18n/translate';

export type PlaceNames = Pick<Gb2260Index, 'get' | 'nameOf'>;

/**
 * Display names of a split's values: origin codes through the GB/T 2260 table (code itself until it has
 * loaded or when it is not in it), group / sex / age band / outcome codes through the shell's catalogue,
 * stations as they are; 'all', 'unknown', 'other' and "no special group" by labelSplitValue.
 */
export function createSplitLabeler(
  split: ReturnSplit,
  lang: Lang,
  t: RepeatReturnTranslate,
  places: PlaceNames | null,
): (value: string) => string {
  return (value) => {
    if (value === SPLIT_ALL || value === SPLIT_OTHER) return labelSplitValue(value, t);
    switch (split) {
      case 'province':
      case 'prefecture': {
        if (value === SPLIT_UNKNOWN) return labelSplitValue(value, t);
        const unit = places?.get(value);
        if (!unit) return value;
        if (lang === 'en') {
          if (unit.nameEn) return unit.nameEn;
          // prefectures have Chinese names only: add the province's English name
          const province = places?.get(`${value.slice(0, 2)}0000`);
          return province?.nameEn && province.code !== value ? `${unit.name}, ${province.nameEn}` : unit.name;
        }
        return split === 'prefecture' ? (places?.nameOf(value) ?? unit.name) : unit.name;
      }
      case 'group':
        return value === SPLIT_NO_GROUP ? labelSplitValue(value, t) : t(runtimeKey(`group.${value}`));
      case 'sex':
        return t(runtimeKey(`sex.${value}`));
      case 'age_band':
        return t(runtimeKey(`age.${value}`));
      case 'outcome':
        return value === SPLIT_UNKNOWN ? labelSplitValue(value, t) : t(runtimeKey(`outcome.${value}`));
      default:
        return labelSplitValue(value, t);
    }
  };
}
