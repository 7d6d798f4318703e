import { shellMessages } from './shell-messages';
import { importMessages } from '../../views/import/messages';
import { mergeCatalogues } from '../../views/shared/i18n/translate';
import { overviewMessages } from '../../views/overview/overview-messages';
import { sqlConsoleMessages } from '../../views/sql-console/sql-console-messages';
import { hotspotMessages } from '../../views/hotspots/messages';
import { repeatReturnMessages } from '../../views/repeat-returns/messages';

export const catalogues = mergeCatalogues(
  shellMessages,
  importMessages,
  overviewMessages,
  sqlConsoleMessages,
  hotspotMessages,
  repeatReturnMessages,
);
