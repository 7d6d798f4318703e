import path from 'node:path';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { buildOriginRateQuery, buildOriginTableQuery } from '../../src/core/analytics/origin-regions';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { buildCreateOriginUnitsSql } from '../../src/core/geo/origin-units';
import { importFiles } from '../../src/core/import/import-pipeline';
import { openTestDb } from '../helpers/db';
import { newAppPage } from '../helpers/browser';
import { importSamplesInApp, SAMPLES } from '../helpers/import-samples';
import { digits, kpiValue, SHOTS, useServedApp } from '../helpers/served-app';

const FILES = ['cases_2023_gbk.csv', 'cases_2024.xlsx'];

/** What the engine says about 凉山州 in the samples, through the same builders in Node. */
async function expectedLiangshan() {
  const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
  const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
  const db = await openTestDb();
  try {
    const files = FILES.map((n) => new File([readFileSync(path.join(SAMPLES, n))], n));
    await importFiles(db, files, { resolveOrigin: createOriginResolver(index), crsByFile: { [FILES[0]!]: 'GCJ02' } });
    await db.exec(buildCreateOriginUnitsSql(index));
    const table = await db.query<{ region: string; episodes: number; persons: number; poor: number }>(
      buildOriginTableQuery(EMPTY_FILTERS, 'prefecture'),
    );
    const rate = await db.query<{ region: string; returned: number }>(
      buildOriginRateQuery(EMPTY_FILTERS, 'prefecture'),
    );
    const prefectures = table.filter((r) => r.region !== null && r.episodes > 0).length;
    return {
      ...table.find((r) => r.region === '513400')!,
      returned: rate.find((r) => r.region === '513400')!.returned,
      prefectures,
    };
  } finally {
    await db.close();
  }
}

describe('来源地分析 in headless Chromium on the sample exports', () => {
  const app = useServedApp();

  it('四川省 → 凉山州: figures, the printed sheet, and every region’s sheet in one ZIP', async () => {
    const expected = await expectedLiangshan();
    const { page, log, errors } = await newAppPage(app.browser, app.url);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(digits(await importSamplesInApp(page, app.url, FILES))).toBe(3002 + 2028);

    await page.getByRole('tab', { name: '来源地分析' }).click();
    const table = page.getByTestId('og-table');
    await table.locator('tr[data-region="510000"]').click({ timeout: 120_000 });
    await expect.poll(() => new URL(page.url()).searchParams.get('p.og.region')).toBe('510000');
    await table.locator('tr[data-region="513400"]').click({ timeout: 120_000 });
    await expect.poll(() => new URL(page.url()).searchParams.get('p.og.region')).toBe('513400');
    expect(await page.getByTestId('og-breadcrumb').innerText()).toMatch(/全国.*四川省.*凉山彝族自治州/);

    expect(digits(await kpiValue(page, 'og-kpi-episodes'))).toBe(expected.episodes);
    expect(await page.getByTestId('og-kpi-episodes').innerText()).toContain('凉山彝族自治州');
    expect(digits(await kpiValue(page, 'og-kpi-persons'))).toBe(expected.persons);
    expect(digits(await kpiValue(page, 'og-kpi-poor'))).toBe(expected.poor);
    expect(digits(await kpiValue(page, 'og-kpi-returned'))).toBe(expected.returned);
    // the map drills into 凉山's counties and the table lists them
    await expect.poll(() => table.locator('tr[data-region="513431"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('og-trend').locator('.recharts-line-curve').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'origins-liangshan.png') });

    // the coordination sheet, as printed
    await page.getByTestId('og-open-sheet').click();
    const sheet = page.getByTestId('og-sheet');
    await sheet.waitFor({ timeout: 60_000 });
    await page.getByTestId('og-sheet-sender').fill('北京市救助管理站');
    await page.getByTestId('og-sheet-contact').fill('王科长 010-12345678');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('og-table').isVisible()).toBe(false);
    const text = await sheet.innerText();
    expect(text).toContain('关于凉山彝族自治州籍流浪乞讨人员受助情况的信息反馈表');
    expect(text).toContain('凉山彝族自治州民政局、乡村振兴局：');
    expect(text).toContain('2023-01-01 至 2024-08-31');
    expect(text).toContain(`救助人次\t${expected.episodes.toLocaleString('zh-CN')} 人次`);
    expect(text).toContain('屡送屡返人员名单');
    expect(text).toContain('建档立卡贫困户人员名单');
    expect(text).toContain('发函单位：北京市救助管理站');
    expect(text).toContain('王科长 010-12345678');
    expect(await page.getByTestId('og-sheet-returners').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('og-sheet-poor').locator('tbody tr').count()).toBe(expected.poor);
    await page.pdf({ path: path.join(SHOTS, 'origins-sheet.pdf'), format: 'A4' });
    await page.screenshot({ path: path.join(SHOTS, 'origins-sheet-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('og-sheet-close').click();

    // back to the country, prefecture level: every region's sheet in one ZIP
    await page.getByTestId('og-breadcrumb').getByRole('button', { name: '全国' }).click();
    await page.getByTestId('og-level-prefecture').click();
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 60_000 }).toBe(expected.prefectures + 1);
    const downloading = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('og-export-zip').click();
    await page.waitForTimeout(3000);
    const banner = page.locator('.banner.error');
    if (await banner.count()) throw new Error(await banner.innerText());
    const download = await downloading;
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(files);
    expect(names).toHaveLength(expected.prefectures);
    const liangshan = names.find((n) => n.includes('513400'))!;
    expect(liangshan).toBe('凉山彝族自治州_513400.xlsx');
    const sheets = (await readXlsxFile(files[liangshan]!.slice().buffer)) as unknown as {
      sheet: string;
      data: unknown[][];
    }[];
    expect(sheets.map((s) => s.sheet)).toEqual(['汇总', '屡送屡返名单', '建档立卡名单', '救助记录']);
    const summary = sheets[0]!.data;
    expect(summary[0]![0]).toBe('关于凉山彝族自治州籍流浪乞讨人员受助情况的信息反馈表');
    expect(summary.find((r) => r[0] === '救助人次')?.[1]).toBe(expected.episodes);
    expect(summary.find((r) => r[0] === '其中建档立卡贫困户')?.[1]).toBe(expected.poor);
    expect(sheets[2]!.data.length - 1).toBe(expected.poor);
    // a region with fewer than 5 episodes: its counts are suppressed in what leaves the unit
    const small = await Promise.all(
      names.map(async (n) => {
        const s = (await readXlsxFile(files[n]!.slice().buffer)) as unknown as { data: unknown[][] }[];
        return s[0]!.data.find((r) => r[0] === '救助人次')?.[1];
      }),
    );
    expect(small.every((v) => v === '<5' || (typeof v === 'number' && v >= 5))).toBe(true);

    expect(log.foreign).toEqual([]);
    expect(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
    await page.context().close();
  });

  it('opens from a link in English at county level with the flows to stations', async () => {
    const { page, log } = await newAppPage(app.browser, app.url);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${app.url}?view=origins&lang=en&p.og.level=prefecture&p.og.target=station`);
    await page.getByTestId('og-table').locator('tbody tr').first().waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('og-target-station').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('og-table').innerText()).toContain('Unknown (identity unknown / unreadable)');
    await expect.poll(() => page.getByTestId('og-flow-note').innerText(), { timeout: 60_000 }).toContain('Top');
    await page.waitForTimeout(2000);
    await page.screenshot({ path: path.join(SHOTS, 'origins-en.png') });
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });
});
