import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { recordRequests } from '../helpers/browser';
import { digits, SHOTS, useServedApp } from '../helpers/served-app';

/**
 * Issue 12's other patrol forms through the app: a route file and a file of logs by grid cell are imported with
 * the header's import button while the coverage view shows the user's 网格 file, and the coverage changes.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/patrols');

/** Imports fixtures with the header's import button; rows read, loaded and rejected of each, from the report. */
async function importInApp(page: Page, files: readonly string[]): Promise<string[][]> {
  await page.getByTestId('file-input').setInputFiles(files.map((f) => path.join(FIXTURES, f)));
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-start').click();
  await dialog.getByTestId('import-summary').waitFor({ timeout: 180_000 });
  const rows: string[][] = [];
  for (const f of files)
    rows.push((await dialog.locator('tr', { hasText: f }).locator('td').allInnerTexts()).slice(2, 5));
  await dialog.getByRole('button', { name: '关闭' }).click();
  return rows;
}

const GRID_PROMPT = '请导入网格文件';

/**
 * Picks the 网格 file and waits until the view has taken it (its prompt gone). If the prompt stays, the view and
 * its text are saved for the report before the test fails.
 */
async function loadUserGrid(page: Page): Promise<void> {
  await page.getByTestId('pt-user-grid-file').setInputFiles(path.join(FIXTURES, 'grid-cells.geojson'));
  try {
    await expect.poll(() => page.getByText(GRID_PROMPT).count(), { timeout: 60_000 }).toBe(0);
  } catch (err) {
    await page.screenshot({ path: path.join(SHOTS, 'patrol-forms-grid-not-taken.png'), fullPage: true });
    console.error(await page.getByTestId('patrols-view').innerText());
    throw err;
  }
}

describe('巡查覆盖 with routes and logs by grid cell, in headless Chromium', () => {
  const app = useServedApp();

  it('imports both forms with their report, and counts them in the coverage of the user grid', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const log = await recordRequests(page, new URL(app.url).origin);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${app.url}?view=patrols`);
    await page.getByTestId('patrols-view').waitFor({ timeout: 180_000 });
    // a few episodes (the view counts coverage where there are data) and the routes: rows read / loaded /
    // rejected; four routes load, six are refused, one repeats
    expect(await importInApp(page, ['cases-small.csv', 'routes.csv'])).toEqual([
      ['4', '4', '0'],
      ['11', '4', '6'],
    ]);

    // on 500 m squares the routes' 11 vertices (3 + 2 + 2 × 2 + 2) are walked, and pass cells
    await expect
      .poll(() => page.getByTestId('pt-report').innerText(), { timeout: 180_000 })
      .toContain('轨迹点（含路线折点）11 个');
    const patrolled = page.getByTestId('pt-kpi-patrolled').locator('.kpi-value');
    await expect.poll(async () => digits(await patrolled.innerText()), { timeout: 180_000 }).toBeGreaterThan(3);
    expect(await page.getByTestId('pt-grid-logs').count()).toBe(0);

    // the user's grid: the routes cross RT-001 only
    await page.getByTestId('patrol-controls').locator('select').first().selectOption('user');
    await loadUserGrid(page);
    await expect.poll(async () => digits(await patrolled.innerText()), { timeout: 180_000 }).toBe(1);

    // logs by grid cell: DC-001 and DC-002 are patrolled too; XC-009 is not in the grid file and is reported
    expect(await importInApp(page, ['grid-logs.csv'])).toEqual([['8', '3', '4']]);
    await expect.poll(async () => digits(await patrolled.innerText()), { timeout: 180_000 }).toBe(3);
    const note = await page.getByTestId('pt-grid-logs').innerText();
    expect(note).toContain('网格巡查记录 2 条已按巡查小时计入覆盖');
    expect(note).toContain('1 条网格巡查记录的网格编号不在当前网格文件中');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(SHOTS, 'patrol-forms-user-grid.png'), fullPage: true });

    // back on squares the logs cannot be placed, and the view says why
    await page.getByTestId('patrol-controls').locator('select').first().selectOption('square');
    await expect
      .poll(() => page.getByTestId('pt-grid-logs').innerText(), { timeout: 180_000 })
      .toContain('3 条网格巡查记录未计入');

    await page.getByRole('button', { name: 'English' }).click();
    await expect
      .poll(() => page.getByTestId('pt-grid-logs').innerText())
      .toContain('3 patrol logs by grid cell not counted');
    await page.screenshot({ path: path.join(SHOTS, 'patrol-forms-en.png') });

    expect(log.foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
