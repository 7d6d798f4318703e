import { lazy, Suspense } from 'react';
import type { ViewId } from '../url-state';
import type { DatasetMeta } from '../../views/shared/dataset-meta';
import type { Importer } from '../../views/import/importer';
import type { DataCommands } from '../../views/data/DataView';
import type { ShellTranslate } from './messages';

// Each view is its own chunk, fetched from the app's origin when first opened (the first paint
// does not wait for the maps and charts of views the user has not asked for).
const OverviewView = lazy(() => import('../../views/overview/OverviewView').then((m) => ({ default: m.OverviewView })));
const BriefingView = lazy(() => import('../../views/briefing/BriefingView').then((m) => ({ default: m.BriefingView })));
const HotspotsView = lazy(() => import('../../views/hotspots/HotspotsView').then((m) => ({ default: m.HotspotsView })));
const PatrolsView = lazy(() => import('../../views/patrols/PatrolsView').then((m) => ({ default: m.PatrolsView })));
const RepeatReturnsView = lazy(() =>
  import('../../views/repeat-returns/RepeatReturnsView').then((m) => ({ default: m.RepeatReturnsView })),
);
const OriginsView = lazy(() => import('../../views/origins/OriginsView').then((m) => ({ default: m.OriginsView })));
const DataView = lazy(() => import('../../views/data/DataView').then((m) => ({ default: m.DataView })));
const SqlConsoleView = lazy(() =>
  import('../../views/sql-console/SqlConsoleView').then((m) => ({ default: m.SqlConsoleView })),
);

interface Props {
  view: ViewId;
  meta: DatasetMeta;
  importer: Importer;
  commands: DataCommands;
  t: ShellTranslate;
}

export function ViewOutlet({ view, meta, importer, commands, t }: Props) {
  return (
    <Suspense fallback={<div className="boot">{t('app.loadingView')}</div>}>
      {renderView(view, meta, importer, commands)}
    </Suspense>
  );
}

function renderView(view: ViewId, meta: DatasetMeta, importer: Importer, commands: DataCommands) {
  switch (view) {
    case 'overview':
      return <OverviewView />;
    case 'briefing':
      return <BriefingView meta={meta} />;
    case 'hotspots':
      return <HotspotsView />;
    case 'patrols':
      return <PatrolsView />;
    case 'repeat-returns':
      return <RepeatReturnsView />;
    case 'origins':
      return <OriginsView />;
    case 'data':
      return <DataView meta={meta} importer={importer} commands={commands} />;
    case 'sql':
      return <SqlConsoleView />;
  }
}
