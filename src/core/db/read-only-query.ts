import type { DbConnector, Row } from './connector';

/**
 * Runs one statement so that it cannot change anything, decided by the engine, not by reading the text:
 * it is prepared first (DuckDB refuses to prepare more than one statement, and binding refuses files and
 * URLs the locked engine may not read), then run inside a READ ONLY transaction (the engine refuses any
 * write) that is rolled back whatever happens. `signal` stops it in the engine.
 * Call inside the coordinator's exclusive section: the transaction must hold the connection alone.
 */
export async function runReadOnlyQuery<T extends Row = Row>(
  db: DbConnector,
  sql: string,
  signal?: AbortSignal,
): Promise<T[]> {
  await db.prepare(sql);
  await db.exec('BEGIN TRANSACTION READ ONLY');
  try {
    return await db.query<T>(sql, signal ? { signal } : undefined);
  } finally {
    await db.exec('ROLLBACK');
  }
}
