import { installCoordinateMacros } from '../geo/coords-sql';
import { DATA_CATALOG, DATA_TABLES } from '../schema';
import type { DbConnector } from './connector';

/**
 * Tables and macros every session needs, created once when the engine opens: the data catalog (compressed,
 * in memory) becomes the default, so unqualified names (`cases`, …) resolve there.
 */
export async function prepareDatabase(db: DbConnector): Promise<void> {
  const [attached] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_databases() WHERE database_name = '${DATA_CATALOG}'`,
  );
  if (!attached?.n) await db.exec(`ATTACH ':memory:' AS ${DATA_CATALOG} (COMPRESS)`);
  await db.exec(`USE ${DATA_CATALOG}`);
  for (const t of DATA_TABLES) await db.exec(t.create);
  await installCoordinateMacros(db);
}
