import { shellMessages } from './shell-messages';
import { importMessages } from './import-messages';
import { mergeCatalogues } from './translate';
import { overviewMessages } from '../../views/overview/overview-messages';
import { sqlConsoleMessages } from '../../views/sql-console/sql-console-messages';
import { hotspotMessages } from '../../views/hotspots/messages';
import { repeatReturnMessages } from '../../views/repeat-returns/messages';
import { originMessages } from '../../views/origins/messages';

export const catalogues = mergeCatalogues(
  shellMessages,
  importMessages,
  overviewMessages,
  sqlConsoleMessages,
  hotspotMessages,
  repeatReturnMessages,
  originMessages,
);
