import type { DbConnector } from '../../core/db/connector';
import { buildRejectsCsv, type TranslateKey } from '../../core/import/import-report';
import { downloadText } from '../shared/download';

/** Saves one file's rejected rows as CSV, with the reasons in the UI language. */
export async function downloadRejects(db: DbConnector, translate: TranslateKey, fileName: string): Promise<void> {
  downloadText(`${fileName}.未导入行.csv`, await buildRejectsCsv(db, translate, fileName));
}
