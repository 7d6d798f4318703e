import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage } from '../helpers/browser';
import { SHOTS, useServedApp } from '../helpers/served-app';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const DAMAGED = ['truncated-workbook.xlsx', 'unclosed-quote.csv', 'nul-bytes.csv'];

// What each fixture holds (scripts/make-fixtures.ts): the workbook is cut at 60 % of its bytes; the quote
// opens on data row 2 (file line 3) with 2 rows after it; 3 NUL bytes in data rows 2 and 4.
const EXPECTED = {
  zh: {
    xlsx: ['“truncated-workbook.xlsx”是 Excel 工作簿', '已损坏或不完整'],
    quote: ['“unclosed-quote.csv”第 2 行（文件第 3 行）有一个引号在该行内没有闭合', '其后的 2 行照常逐行导入'],
    nul: ['“nul-bytes.csv”含有 3 个空字符', '分布在 2 行，首个在第 2 行（文件第 3 行）', '已删除'],
  },
  en: {
    xlsx: ['"truncated-workbook.xlsx" is an Excel workbook', 'damaged or incomplete'],
    quote: ['a quote opens on row 2 (line 3 of the file)', 'the 2 rows after it were imported row by row as usual'],
    nul: ['"nul-bytes.csv" holds 3 NUL characters', 'in 2 row(s), the first on row 2 (line 3 of the file)', 'removed'],
  },
};

describe('damaged files through the real import, in headless Chromium', () => {
  const app = useServedApp();

  it.each(['zh', 'en'] as const)(
    'a truncated workbook, an unclosed quote and NUL bytes, each named (%s)',
    async (lang) => {
      const { page, log } = await newAppPage(app.browser, app.url);
      await page.goto(`${app.url}?view=data&lang=${lang}`);
      await page.getByTestId('loaded-datasets').waitFor({ timeout: 90_000 });
      await page.getByTestId('file-input').setInputFiles(DAMAGED.map((f) => path.join(FIXTURES, f)));
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByTestId('import-start').click();
      await dialog.getByTestId('import-summary').waitFor({ timeout: 120_000 });

      const expected = EXPECTED[lang];
      const error = dialog.locator('.banner.error', { hasText: 'truncated-workbook.xlsx' });
      for (const part of expected.xlsx) await expect.poll(() => error.innerText()).toContain(part);
      const warnings = await dialog.getByTestId('import-warnings').innerText();
      for (const part of [...expected.quote, ...expected.nul]) expect(warnings).toContain(part);

      // Nothing was lost: both damaged CSVs loaded all four of their rows.
      const rowOf = (file: string) => dialog.locator('tr', { hasText: file }).locator('td');
      expect((await rowOf('unclosed-quote.csv').allInnerTexts()).slice(2, 4)).toEqual(['4', '4']);
      expect((await rowOf('nul-bytes.csv').allInnerTexts()).slice(2, 4)).toEqual(['4', '4']);
      await page.screenshot({ path: path.join(SHOTS, `damaged-files-${lang}.png`), fullPage: true });
      expect(log.foreign).toEqual([]);
      await page.context().close();
    },
  );
});
