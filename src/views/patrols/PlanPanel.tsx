import type { PatrolTranslate } from './messages';
import { formatDate, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { SeasonKind, SeasonWindow } from '../../core/calendar/season-windows';
import { KpiCard } from '../shared/KpiCard';
import { SegmentedControl } from '../shared/SegmentedControl';
import { HourRange } from './HourRange';
import { formatShift, type PlanRow } from './layers';
import { BEAT_SIZES, PLAN_SIZES, SHIFT_HOURS, type PatrolSettings } from './patrol-settings';
import type { PatrolPlanState } from './use-patrol-plan';

interface Props {
  settings: PatrolSettings;
  onChange<K extends keyof PatrolSettings>(key: K, value: PatrolSettings[K]): void;
  plan: PatrolPlanState;
  rows: readonly PlanRow[];
  selectedId: string | null;
  onSelectRow(row: PlanRow): void;
  t: PatrolTranslate;
  lang: Lang;
}

const SEASONS: SeasonKind[] = ['winter', 'springFestival', 'summer', 'custom'];

export function formatWindow(w: SeasonWindow, lang: Lang): string {
  const d = (iso: string) => formatDate(lang, Date.parse(`${iso}T00:00:00Z`));
  return `${d(w.from)} – ${d(w.to)}`;
}

/** Season, past years, k cells or beats, hours; the plan's share against today's patrols; pin and remove. */
export function PlanPanel({ settings, onChange, plan, rows, selectedId, onSelectRow, t, lang }: Props) {
  const n = (v: number, d = 0) => formatNumber(lang, v, d);
  const result = plan.result?.plan ?? null;
  const chosenYears = new Set(plan.chosen.map((w) => w.year));
  const toggleYear = (year: number) => {
    const next = plan.windows.filter((w) => (w.year === year ? !chosenYears.has(w.year) : chosenYears.has(w.year)));
    onChange(
      'years',
      next.map((w) => w.year),
    );
  };
  const pin = (row: PlanRow) => {
    const id = row.ids[0] as string;
    onChange(
      'pinned',
      settings.pinned.includes(id) ? settings.pinned.filter((x) => x !== id) : [...settings.pinned, id],
    );
  };
  const remove = (row: PlanRow) => {
    const id = row.ids[0] as string;
    onChange(
      'pinned',
      settings.pinned.filter((x) => x !== id),
    );
    onChange('removed', [...settings.removed, id]);
  };
  return (
    <div className="pt-plan" data-testid="pt-plan">
      <div className="control-bar">
        <SegmentedControl
          label={t('patrols.plan.season')}
          options={SEASONS}
          value={settings.season}
          labelOf={(s) => t(`patrols.season.${s}`)}
          testIdPrefix="pt-season"
          onSelect={(s) => onChange('season', s)}
        />
        {settings.season === 'custom' && (
          <span className="control-field">
            <input
              className="pt-monthday"
              aria-label={t('patrols.plan.customFrom')}
              defaultValue={settings.customFrom}
              placeholder="MM-DD"
              onBlur={(e) => onChange('customFrom', e.target.value)}
            />
            –
            <input
              className="pt-monthday"
              aria-label={t('patrols.plan.customTo')}
              defaultValue={settings.customTo}
              placeholder="MM-DD"
              onBlur={(e) => onChange('customTo', e.target.value)}
            />
          </span>
        )}
        <SegmentedControl
          label={t('patrols.plan.mode')}
          options={['cells', 'beats'] as const}
          value={settings.mode}
          labelOf={(m) => t(`patrols.plan.mode.${m}`)}
          testIdPrefix="pt-mode"
          onSelect={(m) => onChange('mode', m)}
        />
        <label className="control-field">
          <span className="filter-label">
            {t(settings.mode === 'cells' ? 'patrols.plan.kCells' : 'patrols.plan.kBeats')}
          </span>
          <select value={settings.k} onChange={(e) => onChange('k', Number(e.target.value))} data-testid="pt-k">
            {PLAN_SIZES.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {settings.mode === 'cells' ? (
          <label className="control-field" title={t('patrols.plan.reachHint')}>
            <span className="filter-label">{t('patrols.plan.reach')}</span>
            <select value={settings.reach} onChange={(e) => onChange('reach', e.target.value === '1' ? 1 : 0)}>
              <option value={0}>{t('patrols.plan.reach0')}</option>
              <option value={1}>{t('patrols.plan.reach1')}</option>
            </select>
          </label>
        ) : (
          <label className="control-field">
            <span className="filter-label">{t('patrols.plan.beatSize')}</span>
            <select value={settings.beatSize} onChange={(e) => onChange('beatSize', Number(e.target.value))}>
              {BEAT_SIZES.map((b) => (
                <option key={b} value={b}>
                  {t('patrols.plan.beatCells', { n: b })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="control-field">
          <span className="filter-label">{t('patrols.plan.shift')}</span>
          <select value={settings.shiftHours} onChange={(e) => onChange('shiftHours', Number(e.target.value))}>
            {SHIFT_HOURS.map((h) => (
              <option key={h} value={h}>
                {t('patrols.plan.shiftHours', { n: h })}
              </option>
            ))}
          </select>
        </label>
        <HourRange
          label={t('patrols.plan.hours')}
          hours={settings.planHours}
          onChange={(h) => onChange('planHours', h)}
          testId="pt-plan-hours"
          t={t}
        />
      </div>
      <div className="pt-years" data-testid="pt-years">
        <span className="filter-label">{t('patrols.plan.learnFrom')}</span>
        {plan.windows.length === 0 && <span className="note">{t('patrols.plan.noWindows')}</span>}
        {plan.windows.map((w) => (
          <label key={w.year} className="pt-team">
            <input type="checkbox" checked={chosenYears.has(w.year)} onChange={() => toggleYear(w.year)} />
            {formatWindow(w, lang)}
            {w.coveredDays < w.days && ` ${t('patrols.plan.partial', { days: n(w.coveredDays), of: n(w.days) })}`}
          </label>
        ))}
      </div>
      {plan.target && (
        <p className="note" data-testid="pt-target">
          {t('patrols.plan.target', { window: formatWindow(plan.target, lang) })}
        </p>
      )}
      {result && (
        <div className="hs-kpis pt-kpis">
          <KpiCard
            label={t('patrols.plan.expected')}
            value={n(result.total, 1)}
            unit={t('common.episodes')}
            note={t('patrols.plan.expectedNote')}
          />
          <KpiCard
            testId="pt-share-today"
            label={t('patrols.plan.shareToday')}
            value={formatPercent(lang, result.total > 0 ? result.today / result.total : null)}
          />
          <KpiCard
            testId="pt-share-plan"
            label={t('patrols.plan.shareWithPlan')}
            value={formatPercent(lang, result.total > 0 ? result.withPlan / result.total : null)}
          />
        </div>
      )}
      {plan.error && <p className="banner error">{t('common.error', { message: plan.error })}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table compact" data-testid="plan-list">
            <thead>
              <tr>
                <th className="num">{t('patrols.planCsv.rank')}</th>
                <th>{t('patrols.planCsv.team')}</th>
                <th>{t('patrols.planCsv.cells')}</th>
                <th>{t('patrols.planCsv.district')}</th>
                <th>{t('patrols.planCsv.hours')}</th>
                <th className="num">{t('patrols.planCsv.expected')}</th>
                <th className="num">{t('patrols.planCsv.gain')}</th>
                <th>{t('patrols.plan.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={`${row.rank}:${row.ids[0]}`}
                  className={row.ids.includes(selectedId ?? '') ? 'hs-row selected' : 'hs-row'}
                  onClick={() => onSelectRow(row)}
                >
                  <td className="num">{row.rank}</td>
                  <td>{row.team ?? '—'}</td>
                  <td className="pt-cells">{row.ids.join(' ')}</td>
                  <td>{row.district ?? '—'}</td>
                  <td>{formatShift(row.bestStart, row.bestHours)}</td>
                  <td className="num">{n(row.expected, 1)}</td>
                  <td className="num">{n(row.gain, 1)}</td>
                  <td className="pt-actions" onClick={(e) => e.stopPropagation()}>
                    <button type="button" className="small" data-testid="pt-pin" onClick={() => pin(row)}>
                      {row.pinned ? t('patrols.plan.unpin') : t('patrols.plan.pin')}
                    </button>
                    <button type="button" className="small" data-testid="pt-remove" onClick={() => remove(row)}>
                      {t('patrols.plan.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {settings.removed.length > 0 && (
        <p className="note" data-testid="pt-removed">
          {t('patrols.plan.removedCells', { cells: settings.removed.join(' ') })}{' '}
          <button type="button" className="small" onClick={() => onChange('removed', [])}>
            {t('patrols.plan.restore')}
          </button>
        </p>
      )}
    </div>
  );
}
