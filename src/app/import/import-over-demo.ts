import type { DbConnector } from '../../core/db/connector';
import { clearTables } from '../../core/db/clear-tables';
import type { ImportResult } from '../../core/import/import-pipeline';
import { PERSISTED_TABLES } from '../../core/schema';
import { ident } from '../../core/sql/sql';

/**
 * Runs an import over the demo set. The demo rows are set aside first (synthetic episodes must never mix
 * with a station's own, and a real case id equal to a demo one would count as a duplicate) and come back
 * when the import loaded no row: a refused, empty or unreadable file keeps the demo set.
 * Call inside the coordinator's exclusive section.
 */
export async function importOverDemo(
  db: DbConnector,
  work: () => Promise<ImportResult>,
): Promise<{ result: ImportResult; demoKept: boolean }> {
  const aside = (t: string) => ident(`demo_aside_${t}`).text;
  for (const t of PERSISTED_TABLES) await db.exec(`CREATE OR REPLACE TEMP TABLE ${aside(t)} AS FROM ${ident(t).text}`);
  try {
    await clearTables(db);
    let result: ImportResult;
    try {
      result = await work();
    } catch (err) {
      await restoreDemo(db, aside);
      throw err;
    }
    if (result.reports.some((r) => r.rowsLoaded > 0)) return { result, demoKept: false };
    await restoreDemo(db, aside);
    const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM cases');
    return { result: { ...result, totalEpisodes: row?.n ?? 0 }, demoKept: true };
  } finally {
    for (const t of PERSISTED_TABLES) await db.exec(`DROP TABLE IF EXISTS ${aside(t)}`);
  }
}

/** Nothing was loaded, so the data tables are empty; the new file's rejected rows stay. */
async function restoreDemo(db: DbConnector, aside: (t: string) => string): Promise<void> {
  await clearTables(db, ['import_rejects']);
  for (const t of PERSISTED_TABLES) await db.exec(`INSERT INTO ${ident(t).text} SELECT * FROM ${aside(t)}`);
}
