import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import type { Row } from '../../core/db/connector';

export interface QueryState<T> {
  rows: T[] | null;
  error: string | null;
  loading: boolean;
}

interface Answer<T> {
  key: string;
  rows: T[] | null;
  error: string | null;
}

/**
 * Runs `sql` through the shared coordinator for view `clientId`; a newer SQL text from the same
 * client supersedes the older one, whose answer is dropped. `sql` null means "nothing to ask yet".
 * While a new answer is on its way the previous rows stay on screen, marked loading.
 */
export function useQuery<T extends Row>(clientId: string, sql: string | null): QueryState<T> {
  const { coordinator, dataVersion } = useApp();
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const key = `${dataVersion}\n${sql}`;
  useEffect(() => {
    if (sql === null) return;
    let alive = true;
    coordinator.request<T>(clientId, sql).then(
      (out) => {
        if (alive && out.current) setAnswer({ key, rows: out.rows, error: null });
      },
      (err: unknown) => {
        if (alive) setAnswer({ key, rows: null, error: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      alive = false;
    };
  }, [coordinator, clientId, sql, key]);
  return {
    rows: answer?.rows ?? null,
    error: answer?.key === key ? answer.error : null,
    loading: sql !== null && answer?.key !== key,
  };
}
