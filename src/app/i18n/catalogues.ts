import { shellMessages } from './shell-messages';
import { importMessages } from './import-messages';
import { mergeCatalogues } from './translate';
import { overviewMessages } from '../../views/overview/overview-messages';
import { sqlConsoleMessages } from '../../views/sql-console/sql-console-messages';
import { hotspotMessages } from '../../views/hotspots/messages';
import { repeatReturnMessages } from '../../views/repeat-returns/messages';
import { patrolMessages } from '../../views/patrols/messages';
import { basemapMessages } from '../../views/shared/map/basemap-messages';

export const catalogues = mergeCatalogues(
  shellMessages,
  importMessages,
  overviewMessages,
  sqlConsoleMessages,
  hotspotMessages,
  repeatReturnMessages,
  patrolMessages,
  basemapMessages,
);
