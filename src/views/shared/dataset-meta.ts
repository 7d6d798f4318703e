import type { FileImportReport } from '../../core/import/import-report';

/** What the shell knows about the loaded data beyond the tables. */
export interface DatasetMeta {
  /** true while the synthetic demo set is what is loaded */
  demo: boolean;
  reports: FileImportReport[];
  /** when the data were last loaded (ISO 8601); absent for data saved before this was recorded */
  loadedAt?: string;
}
