import type { ViewId } from '../url-state';
import type { DatasetMeta } from '../boot/boot-data';
import type { Importer } from '../import/use-import';
import { OverviewView } from '../../views/overview/OverviewView';
import { SqlConsoleView } from '../../views/sql-console/SqlConsoleView';
import { DataView } from '../../views/data/DataView';
import { HotspotsView } from '../../views/hotspots/HotspotsView';
import { PatrolsView } from '../../views/patrols/PatrolsView';
import { RepeatReturnsView } from '../../views/repeat-returns/RepeatReturnsView';

interface Props {
  view: ViewId;
  meta: DatasetMeta;
  importer: Importer;
  onDataChanged(meta: DatasetMeta): void;
}

export function ViewOutlet({ view, meta, importer, onDataChanged }: Props) {
  switch (view) {
    case 'overview':
      return <OverviewView />;
    case 'hotspots':
      return <HotspotsView />;
    case 'patrols':
      return <PatrolsView />;
    case 'repeat-returns':
      return <RepeatReturnsView />;
    case 'data':
      return <DataView meta={meta} importer={importer} onDataChanged={onDataChanged} />;
    case 'sql':
      return <SqlConsoleView />;
  }
}
