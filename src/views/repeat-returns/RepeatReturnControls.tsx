import type { RepeatReturnTranslate } from './messages';
import {
  COHORT_GRANULARITIES,
  RETURN_SPLITS,
  RETURN_WINDOWS,
  type CohortGranularity,
  type ReturnSplit,
} from '../../core/analytics/repeat-returns';
import { SegmentedControl } from '../shared/SegmentedControl';
import type { RepeatReturnParams } from './queries';

interface Props {
  params: RepeatReturnParams;
  onChange(next: Partial<RepeatReturnParams>): void;
  t: RepeatReturnTranslate;
}

/** Window, cohort granularity and split dimension; every choice goes to the URL through onChange. */
export function RepeatReturnControls({ params, onChange, t }: Props) {
  return (
    <div className="control-bar" data-testid="rr-controls">
      <div className="control-field">
        <span className="filter-label">{t('rr.window')}</span>
        <SegmentedControl
          label={t('rr.window')}
          options={RETURN_WINDOWS}
          value={params.window}
          labelOf={(w) => t('rr.window.days', { w })}
          testIdPrefix="rr-window"
          onSelect={(w) => onChange({ window: w })}
        />
      </div>
      <label className="control-field">
        <span className="filter-label">{t('rr.granularity')}</span>
        <select
          value={params.granularity}
          data-testid="rr-granularity"
          onChange={(e) => onChange({ granularity: e.target.value as CohortGranularity })}
        >
          {COHORT_GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {t(`rr.granularity.${g}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="control-field">
        <span className="filter-label">{t('rr.split')}</span>
        <select
          value={params.split}
          data-testid="rr-split"
          onChange={(e) => onChange({ split: e.target.value as ReturnSplit })}
        >
          {RETURN_SPLITS.map((s) => (
            <option key={s} value={s}>
              {t(`rr.split.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
