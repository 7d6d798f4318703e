import type { Row } from '../../core/db/connector';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import { runReadOnlyQuery } from '../../core/db/read-only-query';
import { buildLimitedQuery, checkReadOnlySql, classifyEngineError, type ConsoleRefusal } from './queries';

export type ConsoleOutcome = { ok: true; rows: Row[] } | { ok: false; reason: ConsoleRefusal; detail?: string };

export interface ConsoleRunOptions {
  /** most rows pulled into the page */
  limit: number;
  /** stops the query in the engine; abort with 'timeout' when the time limit is reached */
  signal: AbortSignal;
  /** called when the query leaves the queue and starts in the engine (the time limit counts from here) */
  onStart?: () => void;
}

/**
 * One console query, start to end: the scanner's check, then the engine's, in the coordinator's exclusive
 * section (it waits for an import to finish and sees all of its rows or none). Every refusal becomes a
 * reason the view can put in words; other engine errors (an unknown column…) come back as `detail`.
 */
export async function runConsoleQuery(
  coordinator: QueryCoordinator,
  text: string,
  { limit, signal, onStart }: ConsoleRunOptions,
): Promise<ConsoleOutcome> {
  const checked = checkReadOnlySql(text);
  if (!checked.ok) return checked;
  const wrapped = buildLimitedQuery(checked.sql, limit);
  try {
    const rows = await coordinator.exclusive(
      'console',
      (db) => {
        onStart?.();
        return runReadOnlyQuery(db, wrapped, signal);
      },
      { signal },
    );
    return { ok: true, rows };
  } catch (err) {
    if (signal.aborted) return { ok: false, reason: signal.reason === 'timeout' ? 'timeout' : 'cancelled' };
    const detail = err instanceof Error ? err.message : String(err);
    const reason = classifyEngineError(detail);
    return { ok: false, reason: reason ?? 'failed', detail };
  }
}
