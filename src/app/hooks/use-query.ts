import { useEffect, useState } from 'react';
import { useApp } from '../app-context';
import type { Row } from '../../core/db/connector';

export interface QueryState<T> {
  rows: T[] | null;
  error: string | null;
  loading: boolean;
}

/**
 * Runs `sql` through the shared coordinator for view `clientId`; a newer SQL text from the same
 * client supersedes the older one, whose answer is dropped. `sql` null means "nothing to ask yet".
 */
export function useQuery<T extends Row>(clientId: string, sql: string | null): QueryState<T> {
  const { coordinator, dataVersion } = useApp();
  const [state, setState] = useState<QueryState<T>>({ rows: null, error: null, loading: sql !== null });
  useEffect(() => {
    if (sql === null) return;
    let alive = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    coordinator.request<T>(clientId, sql).then(
      (out) => {
        if (alive && out.current) setState({ rows: out.rows, error: null, loading: false });
      },
      (err: unknown) => {
        if (alive) setState({ rows: null, error: err instanceof Error ? err.message : String(err), loading: false });
      },
    );
    return () => {
      alive = false;
    };
  }, [coordinator, clientId, sql, dataVersion]);
  return state;
}
