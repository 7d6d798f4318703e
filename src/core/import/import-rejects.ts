import type { DbConnector } from '../db/connector';
import { CREATE_IMPORT_REJECTS } from '../schema';
import { sql } from '../sql/sql';

/** A file imported again replaces its earlier rejects rather than listing them twice. */
export async function clearRejects(db: DbConnector, fileName: string): Promise<void> {
  await db.exec(CREATE_IMPORT_REJECTS);
  await db.exec(sql`DELETE FROM import_rejects WHERE file = ${fileName}`.text);
}

export async function countRejectReasons(db: DbConnector, fileName: string): Promise<Record<string, number>> {
  const rows = await db.query<{ reason_key: string; n: number }>(
    sql`SELECT reason_key, count(*) AS n FROM import_rejects WHERE file = ${fileName} GROUP BY 1 ORDER BY 1`.text,
  );
  return Object.fromEntries(rows.map((r) => [r.reason_key, r.n]));
}
