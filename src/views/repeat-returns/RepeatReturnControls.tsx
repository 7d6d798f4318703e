import type { Translate } from '../../app/i18n/translate';
import {
  COHORT_GRANULARITIES,
  RETURN_SPLITS,
  RETURN_WINDOWS,
  type CohortGranularity,
  type ReturnSplit,
} from '../../core/analytics/repeat-returns';
import type { RepeatReturnParams } from './queries';

interface Props {
  params: RepeatReturnParams;
  onChange(next: Partial<RepeatReturnParams>): void;
  t: Translate;
}

/** Window, cohort granularity and split dimension; every choice goes to the URL through onChange. */
export function RepeatReturnControls({ params, onChange, t }: Props) {
  return (
    <div className="rr-controls" data-testid="rr-controls">
      <div className="rr-field">
        <span className="filter-label">{t('rr.window')}</span>
        <div className="rr-segments" role="radiogroup" aria-label={t('rr.window')}>
          {RETURN_WINDOWS.map((w) => (
            <button
              key={w}
              type="button"
              role="radio"
              aria-checked={params.window === w}
              className={params.window === w ? 'rr-segment active' : 'rr-segment'}
              data-testid={`rr-window-${w}`}
              onClick={() => onChange({ window: w })}
            >
              {t('rr.window.days', { w })}
            </button>
          ))}
        </div>
      </div>
      <label className="rr-field">
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
      <label className="rr-field">
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
