import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { DataCommands } from '../../views/data/DataView';
import { CLEAR_DATA_STATEMENTS } from '../../views/data/queries';
import type { DatasetMeta } from '../../views/shared/dataset-meta';
import { clearSavedData, saveTables } from '../storage/persist-tables';
import { loadDemoData } from './boot-data';

/** The Data view's commands over the loaded tables, their saved copy and the demo set. */
export function createDataCommands(
  coordinator: QueryCoordinator,
  onDataChanged: (meta: DatasetMeta) => void,
): DataCommands {
  return {
    async clearAll() {
      const next: DatasetMeta = { demo: false, reports: [] };
      // One exclusive section: no save slips in between emptying the tables and deleting the database. The
      // new database holds only an empty manifest, so a reload starts empty instead of with the demo set.
      await coordinator.mutate(async (db) => {
        for (const s of CLEAR_DATA_STATEMENTS) await db.exec(s);
        await clearSavedData();
        await saveTables(db, next);
      }, 'clear');
      onDataChanged(next);
    },
    async reloadDemo() {
      await coordinator.mutate(async (db) => {
        for (const s of CLEAR_DATA_STATEMENTS) await db.exec(s);
      }, 'clear');
      onDataChanged(await loadDemoData(coordinator));
    },
  };
}
