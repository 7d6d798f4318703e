import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../app/app-context';
import { formatNumber } from '../../app/i18n/format';
import { Panel } from '../shared/Panel';
import { ConsoleResult } from './ConsoleResult';
import { SQL_EXAMPLES } from './queries';
import { runConsoleQuery, type ConsoleOutcome } from './run-console-query';

const LIMIT = 10_000;
const TIME_LIMITS_S = [10, 30, 60, 120, 300];
const DEFAULT_TIME_LIMIT_S = 60;
/** The cancel button appears only for a query that is not answered at once. */
const CANCEL_AFTER_MS = 1000;

type Run = { phase: 'queued' | 'running'; startedAt: number };

export function SqlConsoleView() {
  const { coordinator, t, lang } = useApp();
  const [text, setText] = useState(SQL_EXAMPLES[0]!);
  const [timeLimit, setTimeLimit] = useState(DEFAULT_TIME_LIMIT_S);
  const [outcome, setOutcome] = useState<ConsoleOutcome | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [cancelShown, setCancelShown] = useState(false);
  const [now, setNow] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const active = run !== null;

  useEffect(() => {
    if (!active) return;
    const tick = setInterval(() => setNow(performance.now()), 250);
    const showCancel = setTimeout(() => setCancelShown(true), CANCEL_AFTER_MS);
    return () => {
      clearInterval(tick);
      clearTimeout(showCancel);
    };
  }, [active]);

  // A query left running when the view closes is stopped in the engine.
  useEffect(() => () => controller.current?.abort('cancelled'), []);

  const start = async () => {
    if (controller.current) return;
    const abort = new AbortController();
    controller.current = abort;
    const limitMs = timeLimit * 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setCancelShown(false);
    setRun({ phase: 'queued', startedAt: performance.now() });
    setNow(performance.now());
    try {
      const result = await runConsoleQuery(coordinator, text, {
        limit: LIMIT,
        signal: abort.signal,
        onStart: () => {
          timer = setTimeout(() => abort.abort('timeout'), limitMs);
          setRun((r) => (r ? { ...r, phase: 'running', startedAt: performance.now() } : r));
        },
      });
      setOutcome(result);
    } finally {
      clearTimeout(timer);
      controller.current = null;
      setRun(null);
    }
  };

  const elapsed = run ? Math.max(0, Math.floor((now - run.startedAt) / 1000)) : 0;
  const error =
    outcome && !outcome.ok
      ? t(`sql.error.${outcome.reason}`, { detail: outcome.detail ?? '', limit: timeLimit })
      : null;
  return (
    <div className="sql-console">
      <Panel title={t('sql.title')}>
        <p className="note">{t('sql.hint', { limit: formatNumber(lang, LIMIT) })}</p>
        <textarea
          className="sql-input"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void start();
          }}
          aria-label={t('sql.title')}
        />
        <div className="row">
          <button className="primary" onClick={() => void start()} disabled={run !== null}>
            {t('sql.run')}
          </button>
          {run && cancelShown && (
            <button className="danger" onClick={() => controller.current?.abort('cancelled')} data-testid="sql-cancel">
              {t('sql.cancel')}
            </button>
          )}
          <label className="filter-label">
            {t('sql.timeLimit')}{' '}
            <select
              value={timeLimit}
              onChange={(e) => setTimeLimit(Number(e.target.value))}
              data-testid="sql-time-limit"
              disabled={run !== null}
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
            <button key={ex} className="ghost small" onClick={() => setText(ex)}>
              {i + 1}
            </button>
          ))}
        </div>
        {run && (
          <p className="note" role="status" data-testid="sql-status">
            {run.phase === 'queued' ? t('sql.queued') : t('sql.running', { elapsed, limit: timeLimit })}
          </p>
        )}
        {error && (
          <div className="banner error" data-testid="sql-error">
            {error}
          </div>
        )}
      </Panel>
      {outcome?.ok && <ConsoleResult rows={outcome.rows} />}
    </div>
  );
}
