import type { QueryCoordinator } from '../../core/db/query-coordinator';
import { importFiles } from '../../core/import/import-pipeline';
import { restoreTables, saveRunner, saveTables } from '../storage/persist-tables';
import { redactDroppedColumns } from '../storage/kept-reports';
import { getDistrictBoundaries } from './district-boundaries';
import { getOriginResolver } from './origin-resolver';
import type { DatasetMeta } from '../../views/shared/dataset-meta';

// The demo exports in data/ are bundled as assets of the app (served from its own origin).
const DEMO_FILES = import.meta.glob('../../../data/*.csv', { query: '?url', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** Restores what the user loaded last time, or loads the demo set on a first start. */
/** What the page says while it starts (keys of the shell's messages). */
export type BootStep = 'app.loadingEngine' | 'app.restoring' | 'app.loadingDemo';

export async function bootData(coordinator: QueryCoordinator, step: (key: BootStep) => void): Promise<DatasetMeta> {
  step('app.restoring');
  const restored = await coordinator.mutate((db) => restoreTables(db), 'restore').catch(() => null);
  if (restored && isMeta(restored.meta)) {
    return { ...restored.meta, reports: restored.meta.reports.map(redactDroppedColumns) };
  }
  step('app.loadingDemo');
  return loadDemoData(coordinator);
}

/** Imports the synthetic demo exports bundled in data/ and saves them as the loaded data. */
export async function loadDemoData(coordinator: QueryCoordinator): Promise<DatasetMeta> {
  const files = await Promise.all(
    Object.entries(DEMO_FILES).map(async ([path, url]) => {
      const blob = await (await fetch(url)).blob();
      return new File([blob], path.split('/').pop() ?? 'demo.csv');
    }),
  );
  const resolveOrigin = await getOriginResolver();
  const districts = await getDistrictBoundaries();
  const result = await coordinator.mutate((db) => importFiles(db, files, { resolveOrigin, districts }));
  const meta: DatasetMeta = { demo: true, reports: result.reports, loadedAt: new Date().toISOString() };
  // Saved in the background, between the views' first queries: the demo shows as soon as it is loaded.
  void saveTables(saveRunner(coordinator), meta).catch(() => undefined);
  return meta;
}

function isMeta(v: unknown): v is DatasetMeta {
  return typeof v === 'object' && v !== null && 'demo' in v && 'reports' in v;
}
