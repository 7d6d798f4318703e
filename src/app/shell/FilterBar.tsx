import type { GlobalFilters } from '../../core/filters';
import { PERIOD_PRESETS, type PeriodPreset } from '../../core/calendar/periods';
import { AGE_BANDS, CHANNELS, GROUPS, IDENTITY_STATUSES, SEXES } from '../../core/schema';
import type { ShellKey, ShellTranslate } from './messages';
import { runtimeKey } from '../../views/shared/i18n/translate';
import { MultiSelect } from './MultiSelect';

interface Props {
  t: ShellTranslate;
  preset: PeriodPreset;
  /** the preset's season has not ended by the data's last day (its `to`) */
  partial: boolean;
  /** the filters in force: for a preset, its resolved dates */
  effective: GlobalFilters;
  districts: string[];
  /** the view has its own period (the briefing's reporting period): the period controls are not shown */
  hidePeriod?: boolean;
  onPreset(preset: PeriodPreset): void;
  onChange(filters: Partial<GlobalFilters>): void;
  onReset(): void;
}

export function FilterBar({
  t,
  preset,
  partial,
  effective,
  districts,
  hidePeriod,
  onPreset,
  onChange,
  onReset,
}: Props) {
  const opts = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(runtimeKey(`${prefix}.${v}`)) }));
  const multi = (
    key: Exclude<keyof GlobalFilters, 'from' | 'to'>,
    label: ShellKey,
    options: { value: string; label: string }[],
  ) => (
    <MultiSelect
      label={t(label)}
      allLabel={t('filters.all')}
      missingLabel={(value) => t('filters.notInData', { value })}
      options={options}
      selected={effective[key]}
      onChange={(values) => onChange({ [key]: values })}
    />
  );
  return (
    <section className="filter-bar" aria-label={t('filters.period')}>
      {!hidePeriod && (
        <>
          <label className="filter">
            <span className="filter-label">{t('filters.period')}</span>
            <select
              value={preset}
              title={t('filters.presetHint')}
              onChange={(e) => onPreset(e.target.value as PeriodPreset)}
              data-testid="period-preset"
            >
              {PERIOD_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`filters.preset.${p}`)}
                </option>
              ))}
            </select>
          </label>
          {partial && (
            <span className="filter-note" data-testid="period-partial">
              {t('filters.partial', { to: effective.to ?? '' })}
            </span>
          )}
          <label className="filter">
            <span className="filter-label">{t('filters.from')}</span>
            <input
              type="date"
              value={effective.from ?? ''}
              onChange={(e) => onChange({ from: e.target.value || null })}
            />
          </label>
          <label className="filter">
            <span className="filter-label">{t('filters.to')}</span>
            <input type="date" value={effective.to ?? ''} onChange={(e) => onChange({ to: e.target.value || null })} />
          </label>
        </>
      )}
      {multi(
        'districts',
        'filters.district',
        districts.map((d) => ({ value: d, label: d })),
      )}
      {multi('channels', 'filters.channel', opts(CHANNELS, 'channel'))}
      {multi('groups', 'filters.group', opts(GROUPS, 'group'))}
      {multi('sexes', 'filters.sex', opts(SEXES, 'sex'))}
      {multi('ageBands', 'filters.age', opts(AGE_BANDS, 'age'))}
      {multi('identity', 'filters.identity', opts(IDENTITY_STATUSES, 'identity'))}
      <button className="ghost small" onClick={onReset}>
        {t('filters.reset')}
      </button>
    </section>
  );
}
