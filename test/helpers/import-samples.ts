import path from 'node:path';
import type { Page } from 'playwright-core';

/** The sample exports copied into the repository (test/fixtures/samples/README.md). */
export const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/samples');

/**
 * Imports sample exports through the app as a user does: the Data view's file input, the GBK export
 * declared GCJ-02 (Amap, as the samples' README says), the report read, the dialog closed.
 */
export async function importSamplesInApp(page: Page, url: string, files: readonly string[]): Promise<string> {
  await page.goto(`${url}?view=data`);
  await page.getByTestId('loaded-datasets').waitFor({ timeout: 120_000 });
  await page.getByTestId('file-input').setInputFiles(files.map((f) => path.join(SAMPLES, f)));
  const dialog = page.getByTestId('import-dialog');
  if (files.includes('cases_2023_gbk.csv')) await dialog.getByLabel('坐标系 cases_2023_gbk.csv').selectOption('GCJ02');
  await dialog.getByTestId('import-start').click();
  await dialog.getByTestId('import-summary').waitFor({ timeout: 240_000 });
  const total = await dialog.getByTestId('total-episodes').innerText();
  await dialog.getByRole('button', { name: '关闭' }).click();
  return total;
}
