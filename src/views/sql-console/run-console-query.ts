import type { Row } from '../../core/db/connector';
import type { GlobalFilters } from '../../core/filters';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import { runReadOnlyQuery } from '../../core/db/read-only-query';
import { buildLimitedQuery, checkReadOnlySql, classifyEngineError, type ConsoleRefusal } from './queries';

/** A result column's name and DuckDB type (TIMESTAMP, DATE, VARCHAR …), to show values as what they are. */
export interface ConsoleColumn {
  name: string;
  type: string;
}

export type ConsoleOutcome =
  { ok: true; rows: Row[]; columns: ConsoleColumn[] } | { ok: false; reason: ConsoleRefusal; detail?: string };

export interface ConsoleRunOptions {
  /** most rows pulled into the page */
  limit: number;
  /** stops the query in the engine; abort with 'timeout' when the time limit is reached */
  signal: AbortSignal;
  /** called when the query leaves the queue and starts in the engine (the time limit counts from here) */
  onStart?: () => void;
  /** the filter bar's filters, offered as `filtered_cases` */
  filters?: GlobalFilters;
}

/**
 * One console query, start to end: the scanner's check, then the engine's, in the coordinator's exclusive
 * section (it waits for an import to finish and sees all of its rows or none). Every refusal becomes a
 * reason the view can put in words; other engine errors (an unknown column…) come back as `detail`.
 */
export async function runConsoleQuery(
  coordinator: QueryCoordinator,
  text: string,
  { limit, signal, onStart, filters }: ConsoleRunOptions,
): Promise<ConsoleOutcome> {
  const checked = checkReadOnlySql(text);
  if (!checked.ok) return checked;
  const wrapped = buildLimitedQuery(checked.sql, limit, filters);
  try {
    const { rows, columns } = await coordinator.exclusive(
      'console',
      async (db) => {
        onStart?.();
        const rows = await runReadOnlyQuery(db, wrapped, signal);
        const described = await runReadOnlyQuery<{ column_name: string; column_type: string }>(
          db,
          `DESCRIBE ${wrapped}`,
          signal,
        );
        return { rows, columns: described.map((c) => ({ name: c.column_name, type: c.column_type })) };
      },
      { signal },
    );
    return { ok: true, rows, columns };
  } catch (err) {
    if (signal.aborted) return { ok: false, reason: signal.reason === 'timeout' ? 'timeout' : 'cancelled' };
    const detail = err instanceof Error ? err.message : String(err);
    const reason = classifyEngineError(detail);
    return { ok: false, reason: reason ?? 'failed', detail };
  }
}
