import type { DataSpan } from '../../core/calendar/periods';
import type { DbConnector } from '../../core/db/connector';

/** First and last day of found_at over all loaded episodes, or null when there are none. */
export async function queryDataSpan(db: Pick<DbConnector, 'query'>): Promise<DataSpan | null> {
  const rows = await db.query<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(found_at), '%Y-%m-%d') AS first, strftime(max(found_at), '%Y-%m-%d') AS last FROM cases`,
  );
  const r = rows[0];
  return r?.first && r.last ? { first: r.first, last: r.last } : null;
}

export async function queryDistricts(db: Pick<DbConnector, 'query'>): Promise<string[]> {
  const rows = await db.query<{ d: string }>(
    `SELECT found_district AS d FROM cases WHERE found_district IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC`,
  );
  return rows.map((r) => r.d);
}
