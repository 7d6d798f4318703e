import { useEffect, useState, useSyncExternalStore } from 'react';
import { useApp } from '../shared/app-context';
import { useTranslate } from '../shared/use-translate';
import { sqlConsoleMessages } from './messages';
import { runtimeKey } from '../shared/i18n/translate';
import { formatNumber } from '../shared/i18n/format';
import { Panel } from '../shared/Panel';
import { ConsoleResult } from './ConsoleResult';
import { getConsoleSession, ROW_LIMIT, TIME_LIMITS_S } from './console-session';
import { FILTERED_CASES, SQL_EXAMPLES } from './queries';

/** The cancel button appears only for a query that is not answered at once. */
const CANCEL_AFTER_MS = 1000;

export function SqlConsoleView() {
  const { coordinator, lang, filters } = useApp();
  const t = useTranslate(sqlConsoleMessages);
  const session = getConsoleSession(coordinator);
  const { text, timeLimitS, phase, since, outcome, finished } = useSyncExternalStore(
    session.subscribe,
    session.snapshot,
  );
  const [now, setNow] = useState(() => performance.now());
  const busy = phase !== null;

  useEffect(() => {
    if (!busy) return;
    const tick = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(tick);
  }, [busy]);

  const waited = Math.max(0, now - since);
  const error =
    outcome && !outcome.ok
      ? t(runtimeKey(`sql.error.${outcome.reason}`), { detail: outcome.detail ?? '', limit: timeLimitS })
      : null;
  return (
    <div className="sql-console" data-finished={finished}>
      <Panel title={t('sql.title')}>
        <p className="note">{t('sql.hint', { limit: formatNumber(lang, ROW_LIMIT) })}</p>
        <p className="note" data-testid="sql-filters-note">
          {t('sql.filtersNote', { table: FILTERED_CASES })}
        </p>
        <textarea
          className="sql-input"
          value={text}
          spellCheck={false}
          onChange={(e) => session.edit({ text: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void session.run(filters);
          }}
          aria-label={t('sql.title')}
        />
        <div className="row">
          <button className="primary" onClick={() => void session.run(filters)} disabled={busy}>
            {t('sql.run')}
          </button>
          {busy && (phase === 'queued' || waited >= CANCEL_AFTER_MS) && (
            <button className="danger" onClick={() => session.cancel()} data-testid="sql-cancel">
              {t('sql.cancel')}
            </button>
          )}
          <label className="filter-label">
            {t('sql.timeLimit')}{' '}
            <select
              value={timeLimitS}
              onChange={(e) => session.edit({ timeLimitS: Number(e.target.value) })}
              data-testid="sql-time-limit"
              disabled={busy}
            >
              {TIME_LIMITS_S.map((s) => (
                <option key={s} value={s}>
                  {t('sql.seconds', { n: s })}
                </option>
              ))}
            </select>
          </label>
          <span className="filter-label">{t('sql.examples')}</span>
          {SQL_EXAMPLES.map((ex, i) => (
            <button key={ex} className="ghost small" onClick={() => session.edit({ text: ex })}>
              {i + 1}
            </button>
          ))}
        </div>
        {busy && (
          <p className="note" role="status" data-testid="sql-status">
            {phase === 'queued'
              ? t('sql.queued')
              : t('sql.running', { elapsed: Math.floor(waited / 1000), limit: timeLimitS })}
          </p>
        )}
        {error && (
          <div className="banner error" data-testid="sql-error">
            {error}
          </div>
        )}
      </Panel>
      {outcome?.ok && <ConsoleResult rows={outcome.rows} columns={outcome.columns} />}
    </div>
  );
}
