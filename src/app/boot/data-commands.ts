import { clearTables } from '../../core/db/clear-tables';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { DataCommands } from '../../views/data/DataView';
import type { DatasetMeta } from '../../views/shared/dataset-meta';
import { clearSavedData, saveRunner, saveTables } from '../storage/persist-tables';
import { loadDemoData } from './boot-data';

/** The Data view's commands over the loaded tables, their saved copy and the demo set. */
export function createDataCommands(
  coordinator: QueryCoordinator,
  onDataChanged: (meta: DatasetMeta) => void,
): DataCommands {
  return {
    async clearAll() {
      const next: DatasetMeta = { demo: false, reports: [] };
      // A save under way stops before the database goes; the new database holds only an empty manifest, so
      // a reload starts empty instead of with the demo set.
      await coordinator.mutate(clearTables, 'clear');
      await clearSavedData();
      await saveTables(saveRunner(coordinator), next);
      onDataChanged(next);
    },
    async reloadDemo() {
      await coordinator.mutate(clearTables, 'clear');
      onDataChanged(await loadDemoData(coordinator));
    },
  };
}
