import { CREATE_CASES, CREATE_PATROL_POINTS } from '../schema';
import { installCoordinateMacros } from '../geo/coords-sql';
import type { DbConnector } from './connector';

export const CREATE_IMPORT_REJECTS = `CREATE TABLE IF NOT EXISTS import_rejects (
  file VARCHAR, row INTEGER, column_header VARCHAR, reason_key VARCHAR, raw_value VARCHAR)`;

/** Tables and macros every session needs, created once when the engine opens. */
export async function prepareDatabase(db: DbConnector): Promise<void> {
  await db.exec(CREATE_CASES);
  await db.exec(CREATE_PATROL_POINTS);
  await db.exec(CREATE_IMPORT_REJECTS);
  await installCoordinateMacros(db);
}

export const PERSISTED_TABLES = ['cases', 'patrol_points', 'import_rejects'] as const;
