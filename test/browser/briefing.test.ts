import path from 'node:path';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildMonthlyReportQuery, type MonthlyReportRow } from '../../src/core/analytics/monthly-report';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { loadGb2260 } from '../../src/core/geo/gb2260';
import { createOriginResolver } from '../../src/core/geo/origin-resolver';
import { buildCreateOriginUnitsSql } from '../../src/core/geo/origin-units';
import { importFiles } from '../../src/core/import/import-pipeline';
import { formatSuppressed } from '../../src/core/export/suppression';
import { buildKpiQuery } from '../../src/views/overview/queries';
import { buildReportGrid } from '../../src/views/briefing/monthly-report-form';
import { openTestDb } from '../helpers/db';
import { newAppPage } from '../helpers/browser';
import { digits, SHOTS, useServedApp } from '../helpers/served-app';

const SAMPLES = path.resolve('test/fixtures/samples');
const FILES = ['cases_2023_gbk.csv', 'cases_2024.xlsx'];
const HOME = '110000';

/** What the engine says about August 2024 in the samples, through the views' builders in Node. */
async function expectedAugust() {
  const readJson = (file: string): unknown => JSON.parse(readFileSync(`public/geo/${file}`, 'utf8'));
  const index = loadGb2260(readJson('gb2260.json'), readJson('gb2260-changes.json'));
  const db = await openTestDb();
  try {
    const files = FILES.map((n) => new File([readFileSync(path.join(SAMPLES, n))], n));
    await importFiles(db, files, { resolveOrigin: createOriginResolver(index), crsByFile: { [FILES[0]!]: 'GCJ02' } });
    await db.exec(buildCreateOriginUnitsSql(index));
    const [kpi] = await db.query<{ episodes: number; persons: number; returned_home: number }>(
      buildKpiQuery({ ...EMPTY_FILTERS, from: '2024-08-01', to: '2024-08-31' }),
    );
    const [lastYear] = await db.query<{ episodes: number }>(
      buildKpiQuery({ ...EMPTY_FILTERS, from: '2023-08-01', to: '2023-08-31' }),
    );
    const report = (months: string[]) =>
      db.query<MonthlyReportRow>(buildMonthlyReportQuery(EMPTY_FILTERS, months, HOME));
    return {
      kpi: kpi!,
      lastYear: lastYear!,
      august: await report(['2024-08']),
      summer: await report(['2024-06', '2024-07', '2024-08']),
    };
  } finally {
    await db.close();
  }
}

async function importSamples(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?view=data`);
  await page.getByTestId('loaded-datasets').waitFor({ timeout: 90_000 });
  await page.getByTestId('file-input').setInputFiles(FILES.map((f) => path.join(SAMPLES, f)));
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByLabel('坐标系 cases_2023_gbk.csv').selectOption('GCJ02');
  await dialog.getByTestId('import-start').click();
  await dialog.getByTestId('import-summary').waitFor({ timeout: 240_000 });
  await expect.poll(async () => digits(await dialog.getByTestId('total-episodes').innerText())).toBe(3002 + 2028);
  await dialog.getByRole('button', { name: '关闭' }).click();
}

/** Once every figure, the hot spots included, has arrived. */
async function waitForBriefing(page: Page): Promise<void> {
  await expect
    .poll(async () => (await page.getByTestId('bf-ready').textContent()) ?? '', { timeout: 240_000, interval: 1000 })
    .toMatch(/\d/);
  await page.waitForTimeout(800);
}

/** Pages of a PDF Chromium wrote: its page objects and its page tree's count. */
function countPdfPages(pdf: Buffer): { objects: number; count: number } {
  const text = pdf.toString('latin1');
  return {
    objects: (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length,
    count: Number(/\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)/.exec(text)?.[1] ?? /\/Count\s+(\d+)/.exec(text)?.[1]),
  };
}

type Sheet = { sheet: string; data: unknown[][] };
const readSheets = async (file: string) => (await readXlsxFile(readFileSync(file).buffer)) as unknown as Sheet[];
const rowOf = (data: unknown[][], label: string) => data.find((r) => String(r[0]).trim() === label);

describe('工作简报 and 救助管理月报 in headless Chromium on the sample exports', () => {
  const app = useServedApp();

  it('this month’s briefing: figures, edited text, one printed A4 page, PNG, XLSX, a link that reopens it', async () => {
    const expected = await expectedAugust();
    const { page, log, errors } = await newAppPage(app.browser, app.url);
    await importSamples(page, app.url);

    await page.getByRole('tab', { name: '工作简报' }).click();
    await waitForBriefing(page);
    // the data end on 2024-08-31: this month's briefing, the period written into the link
    expect(await page.getByTestId('bf-period-label').innerText()).toBe('2024年8月');
    expect(new URL(page.url()).searchParams.get('p.bf.period')).toBe('month:2024-08');
    const tile = (id: string) => page.getByTestId(`bf-tile-${id}`).locator('.bf-tile-number').innerText();
    expect(digits(await tile('episodes'))).toBe(expected.kpi.episodes);
    expect(digits(await tile('persons'))).toBe(expected.kpi.persons);
    expect(digits(await tile('returnedHome'))).toBe(expected.kpi.returned_home);
    const yoy = ((expected.kpi.episodes - expected.lastYear.episodes) / expected.lastYear.episodes) * 100;
    expect(await page.getByTestId('bf-tile-episodes-yoy').innerText()).toContain(`${Math.abs(yoy).toFixed(1)}%`);
    expect(await page.getByTestId('bf-tile-returnRate').innerText()).toContain('随访期未满');
    expect(await page.getByTestId('bf-hot-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('bf-origin-table').locator('tbody tr').count()).toBe(5);

    // the unit's name, and the narrative edited before printing
    await page.getByTestId('bf-unit').fill('北京市救助管理站');
    const editor = page.getByTestId('bf-narrative-edit');
    const generated = await editor.inputValue();
    expect(generated).toMatch(
      new RegExp(`^2024年8月，共救助流浪乞讨人员${expected.kpi.episodes.toLocaleString('zh-CN')}人次`),
    );
    const edited = `${generated}下一步将加强冬季街面巡查。`;
    await editor.fill(edited);
    await expect.poll(() => page.getByTestId('bf-narrative-edited').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'briefing-zh.png'), fullPage: true });

    // printed: the page alone, its text as the print media show it, one A4 page
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('bf-narrative-edit').isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    const printed = await page.getByTestId('bf-page').innerText();
    for (const text of [
      '北京市救助管理站',
      '工作简报',
      '2024年8月',
      '2024-08-01 至 2024-08-31',
      '下一步将加强冬季街面巡查。',
      '数据来源：cases_2023_gbk.csv（3,002条）、cases_2024.xlsx（2,028条）',
      '数据载入时间：',
      '行政区划边界：DataV.GeoAtlas',
      '小数抑制',
      '发现热点',
      '受助人员来源地',
    ]) {
      expect(printed, text).toContain(text);
    }
    await page.screenshot({ path: path.join(SHOTS, 'briefing-zh-print.png'), fullPage: true });
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      path: path.join(SHOTS, 'briefing-zh.pdf'),
    });
    expect(countPdfPages(pdf)).toEqual({ objects: 1, count: 1 });
    // maps and charts are vector drawings in the PDF, not pictures of a canvas
    expect(pdf.toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
    await page.emulateMedia({ media: 'screen' });

    // PNG of the page, at twice its CSS pixels
    const pngDownload = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('bf-png').click();
    const pngFile = path.join(SHOTS, 'briefing-export.png');
    await (await pngDownload).saveAs(pngFile);
    const png = PNG.sync.read(readFileSync(pngFile));
    const box = (await page.getByTestId('bf-page').boundingBox())!;
    expect(png.width).toBe(Math.ceil(box.width) * 2);
    expect(png.height).toBe(Math.ceil(box.height) * 2);
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 80 && png.data[i + 1]! < 80) dark++;
    expect(dark).toBeGreaterThan(5000); // text was drawn, not a blank page

    // the figures as XLSX
    const xlsxDownload = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('bf-xlsx').click();
    const figures = await readSheets(await (await xlsxDownload).path());
    expect(figures.map((s) => s.sheet)).toEqual(['简报数据', '热点', '来源地', '月度趋势', '说明']);
    expect(rowOf(figures[0]!.data, '救助人次')?.slice(1, 3)).toEqual(['人次', expected.kpi.episodes]);
    expect(figures[4]!.data[0]![0]).toBe(edited);

    // the link reopens the same briefing, with the edited text (kept on this computer)
    const link = page.url();
    const again = await page.context().newPage();
    await again.goto(link);
    await waitForBriefing(again);
    expect(await again.getByTestId('bf-period-label').innerText()).toBe('2024年8月');
    expect(await again.getByTestId('bf-narrative-edit').inputValue()).toBe(edited);
    await again.close();

    // in English
    await page.getByRole('button', { name: 'English' }).click();
    await waitForBriefing(page);
    expect(await page.getByTestId('bf-period-label').innerText()).toBe('August 2024');
    expect(await page.getByTestId('bf-narrative-edit').inputValue()).toMatch(/^In August 2024 the station helped/);
    await page.screenshot({ path: path.join(SHOTS, 'briefing-en.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'briefing-en-print.png'), fullPage: true });
    const pdfEn = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      path: path.join(SHOTS, 'briefing-en.pdf'),
    });
    expect(countPdfPages(pdfEn)).toEqual({ objects: 1, count: 1 });
    await page.emulateMedia({ media: 'screen' });

    expect(log.foreign).toEqual([]);
    expect(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
    await page.context().close();
  });

  it('the monthly report: the form for a month and for a range of months, as XLSX with the form’s layout', async () => {
    const expected = await expectedAugust();
    const { page, log } = await newAppPage(app.browser, app.url);
    await importSamples(page, app.url);
    await page.goto(`${app.url}?view=briefing&p.bf.tab=report`);
    const table = page.getByTestId('mr-table');
    await table.waitFor({ timeout: 240_000 });
    const grid = buildReportGrid(expected.august, false);
    const shown = (id: string, c = 0) => formatSuppressed(grid.values.get(id)![c]!, grid.disclosure.get(id)![c]!);
    expect(digits(await table.locator('tr[data-row="admitted"] td.num').innerText())).toBe(expected.kpi.episodes);
    await page.screenshot({ path: path.join(SHOTS, 'monthly-report.png'), fullPage: true });

    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('mr-export').click();
    const [sheet] = await readSheets(await (await download).path());
    const data = sheet!.data;
    expect(data[0]![0]).toBe('救助管理月报');
    expect(data[2]![0]).toBe('统计期：2024年8月');
    expect(data[3]![0]).toMatch(/^本省：北京市/);
    expect(data[4]).toEqual(['项目', '计量单位', '2024年8月']);
    expect(rowOf(data, '一、在站与离站')).toBeDefined();
    for (const [label, id] of [
      ['上期末在站', 'carried'],
      ['本期救助（新入站）', 'admitted'],
      ['本期离站', 'leftTotal'],
      ['期末在站（最后一日24时）', 'inStation'],
      ['男', 'sex.m'],
      ['外省籍', 'origin.out'],
      ['护送返乡', 'way.escorted'],
      ['其中：跨省护送', 'way.escortedAcross'],
      ['购票返乡', 'way.ticket'],
      ['亲属接回', 'way.family'],
      ['自行离站（含自愿、擅自离站）', 'way.left'],
      ['死亡', 'way.died'],
    ] as const) {
      expect(rowOf(data, label)?.[2], label).toBe(shown(id));
    }
    const admitted = rowOf(data, '本期救助（新入站）')![2];
    expect(admitted).toBe(expected.kpi.episodes);
    // the stock reconciles in the file
    const n = (label: string) => Number(rowOf(data, label)![2]);
    expect(n('上期末在站') + n('本期救助（新入站）')).toBe(n('本期离站') + n('期末在站（最后一日24时）'));

    // June to August: a column per month and the range's total
    await page.getByTestId('mr-from').selectOption('2024-06');
    await expect.poll(() => table.locator('thead th').count(), { timeout: 120_000 }).toBe(2 + 4);
    const rangeDownload = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('mr-export').click();
    const [range] = await readSheets(await (await rangeDownload).path());
    expect(range!.data[4]).toEqual([
      '项目',
      '计量单位',
      '2024年6月',
      '2024年7月',
      '2024年8月',
      '2024年6月—2024年8月合计',
    ]);
    const summer = buildReportGrid(expected.summer, false);
    expect(rowOf(range!.data, '本期救助（新入站）')?.slice(2)).toEqual(
      summer.values.get('admitted')!.map((v, c) => formatSuppressed(v, summer.disclosure.get('admitted')![c]!)),
    );
    expect(new URL(page.url()).searchParams.get('p.bf.months')).toBe('2024-06..2024-08');
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });
});
