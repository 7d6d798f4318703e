import { buildCaseFilter } from '../../core/filters';
import { sql } from '../../core/sql/sql';
import { useApp } from './app-context';
import { useQuery } from './use-query';

/** Episodes under the global filters (null until answered): a view with none shows EmptyState instead of blank axes. */
export function useEpisodeCount(): number | null {
  const { filters } = useApp();
  const answer = useQuery<{ n: number }>(
    'shared:episodeCount',
    sql`SELECT count(*) AS n FROM cases WHERE ${buildCaseFilter(filters)}`.text,
  );
  return answer.rows?.[0]?.n ?? null;
}
