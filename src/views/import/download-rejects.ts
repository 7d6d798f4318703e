import type { QueryCoordinator } from '../../core/db/query-coordinator';
import { buildRejectsCsv, type TranslateKey } from '../../core/import/import-report';
import { downloadText } from '../shared/download';

/** Saves one file's rejected rows as CSV, with the reasons in the UI language. */
export async function downloadRejects(
  coordinator: QueryCoordinator,
  translate: TranslateKey,
  fileName: string,
): Promise<void> {
  const csv = await coordinator.exclusive('export', (db) => buildRejectsCsv(db, translate, fileName));
  downloadText(`${fileName}.未导入行.csv`, csv);
}
