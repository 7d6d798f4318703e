import { DATA_TABLES, type DataTable } from '../schema';
import type { DbConnector } from './connector';

/**
 * Empties every table of loaded data (the schema stays) and lets the engine give the space back: deleted
 * rows of a compressed in-memory table are only released by a checkpoint. Tables in `keep` stay as they are.
 */
export async function clearTables(db: DbConnector, keep: readonly DataTable[] = []): Promise<void> {
  for (const t of DATA_TABLES) if (!keep.includes(t.name)) await db.exec(`DELETE FROM ${t.name}`);
  // Inside a caller's transaction the checkpoint is refused; the space then comes back at the next one.
  await db.exec('CHECKPOINT').catch(() => undefined);
}
