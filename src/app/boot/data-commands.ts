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
  const emptyTables = () =>
    coordinator.mutate(async (db) => {
      for (const s of CLEAR_DATA_STATEMENTS) await db.exec(s);
    });
  return {
    async clearAll() {
      await emptyTables();
      await clearSavedData();
      const next: DatasetMeta = { demo: false, reports: [] };
      await saveTables(coordinator.db, next);
      onDataChanged(next);
    },
    async reloadDemo() {
      await emptyTables();
      onDataChanged(await loadDemoData(coordinator));
    },
  };
}
