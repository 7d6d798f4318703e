import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newAppPage } from '../helpers/browser';
import { serveFolder } from '../helpers/static-server';

const SAMPLES = path.resolve(process.cwd(), '../shared/samples');
const SHOTS = path.resolve(process.cwd(), 'test-results');

async function waitForKpi(page: Page): Promise<string> {
  const kpi = page.getByTestId('kpi-episodes').locator('.kpi-value');
  await expect
    .poll(async () => ((await kpi.count()) ? await kpi.innerText() : '—'), { timeout: 90_000 })
    .not.toMatch(/^—/);
  return kpi.innerText();
}

function digits(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

describe('the dashboard in headless Chromium, offline', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveFolder(path.resolve('dist'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts with labelled demo data, every request same-origin', async () => {
    const { page, log, errors } = await newAppPage(browser, server.url);
    await page.goto(server.url);
    const episodes = digits(await waitForKpi(page));
    expect(episodes).toBeGreaterThan(1000);
    await expect.poll(() => page.getByText('演示数据').first().isVisible()).toBe(true);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
    expect(log.foreign).toEqual([]);
    expect(log.sameOrigin.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
    await page.context().close();
  });

  it('imports every sample export, refuses personal data until dropped, and keeps data over a reload', async () => {
    const { page, log } = await newAppPage(browser, server.url);
    await page.goto(`${server.url}?view=data`);
    await page.getByTestId('loaded-datasets').waitFor({ timeout: 90_000 });
    await page
      .getByTestId('file-input')
      .setInputFiles([
        path.join(SAMPLES, 'cases_2023_gbk.csv'),
        path.join(SAMPLES, 'cases_2024.xlsx'),
        path.join(SAMPLES, 'patrol_tracks_2023.csv'),
        path.join(SAMPLES, 'pii_leak.csv'),
      ]);
    const dialog = page.getByTestId('import-dialog');
    // the samples' README: the GBK export is GCJ-02 (Amap) without a datum column; the XLSX says BD09 per row
    await dialog.getByLabel('坐标系 cases_2023_gbk.csv').selectOption('GCJ02');
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('import-summary').waitFor({ timeout: 240_000 });
    const rowOf = (file: string) => dialog.locator('tr', { hasText: file }).locator('td');
    // read / loaded / rejected as the samples' README promises
    await expect
      .poll(async () => (await rowOf('cases_2023_gbk.csv').allInnerTexts()).slice(2, 5))
      .toEqual(['3,009', '3,002', '7']);
    expect((await rowOf('cases_2024.xlsx').allInnerTexts()).slice(2, 5)).toEqual(['2,031', '2,028', '3']);
    expect((await rowOf('patrol_tracks_2023.csv').allInnerTexts()).slice(2, 3)).toEqual(['49,103']);
    const refusal = dialog.getByTestId('pii-refusal');
    await expect.poll(() => refusal.innerText()).toContain('pii_leak.csv');
    const refusalText = await refusal.innerText();
    for (const col of ['姓名', '身份证号', '联系电话']) expect(refusalText).toContain(col);
    expect(refusalText).not.toMatch(/\d{17}[\dX]/);
    expect(digits(await dialog.getByTestId('total-episodes').innerText())).toBe(3002 + 2028);
    await page.screenshot({ path: path.join(SHOTS, 'import-report.png'), fullPage: true });

    await refusal.getByTestId('pii-drop').click();
    await expect
      .poll(async () => (await rowOf('pii_leak.csv').allInnerTexts()).slice(2, 4), { timeout: 60_000 })
      .toEqual(['40', '40']);
    expect(digits(await dialog.getByTestId('total-episodes').innerText())).toBe(3002 + 2028 + 40);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.getByText('演示数据', { exact: true }).count()).toBe(0);

    await page.reload();
    await page.getByTestId('dataset-total').waitFor({ timeout: 90_000 });
    await expect
      .poll(async () => digits(await page.getByTestId('dataset-total').innerText()), { timeout: 60_000 })
      .toBe(5070);
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });

  it('switches to English and runs a read-only query in the SQL console', async () => {
    const { page, log } = await newAppPage(browser, server.url);
    await page.goto(`${server.url}?view=sql&lang=en`);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.locator('.data-table tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.getByRole('tab', { name: 'Overview' }).isVisible()).toBe(true);
    await page.locator('textarea').fill('DROP TABLE cases');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.locator('.banner.error').innerText()).toContain('read-only');
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });
});
