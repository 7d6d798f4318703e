import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordRequests } from '../helpers/browser';
import { importSamplesInApp } from '../helpers/import-samples';
import { digits, SHOTS, useServedApp } from '../helpers/served-app';

/**
 * Issue 12's "done when": a patrol leader loads the sample tracks and cases, sees which hot areas were rarely
 * patrolled last winter, gets a plan for next winter with hours, adjusts it and prints it, in Chinese.
 */
describe('巡查覆盖 in headless Chromium, offline, at 1280 × 720', () => {
  const app = useServedApp();

  it('loads the samples, shows last winter’s gaps, plans next winter, pins and removes cells, prints per team', async () => {
    const context = await app.browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    const log = await recordRequests(page, new URL(app.url).origin);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // load: the sample cases (GCJ-02, as their README says) and the GPS tracks
    await importSamplesInApp(page, app.url, ['cases_2023_gbk.csv', 'patrol_tracks_2023.csv']);

    // last winter in the samples (they start on 2023-01-01)
    await page.getByRole('tab', { name: '巡查覆盖' }).click();
    const dates = page.locator('.filter-bar input[type=date]');
    await dates.nth(0).fill('2022-12-01');
    await dates.nth(1).fill('2023-02-28');
    await expect.poll(() => page.url()).toContain('to=2023-02-28');
    const gapRows = page.getByTestId('gap-list').locator('tbody tr');
    await gapRows.first().waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('pt-period').innerText()).toContain('2022/12/01 至 2023/02/28');
    // the sample's ten (0,0) fixes are refused at import, so none reach the coverage
    expect(await page.getByTestId('pt-report').innerText()).toMatch(/信号中断.*\d+ 处/);
    expect(digits(await page.getByTestId('pt-kpi-gaps').locator('.kpi-value').innerText())).toBeGreaterThan(0);
    const first = await gapRows.first().locator('td').allInnerTexts();
    expect(first[0]).toBe('1');
    expect(first[2]).toMatch(/区$/);
    expect(Number(first[4])).toBeGreaterThan(0);
    const legend = await page.getByTestId('pt-legend').innerText();
    for (const word of ['巡查覆盖（巡查日）', '需求（发现人次', '巡查盲区']) expect(legend).toContain(word);
    // the summary sits beside the map at 1280 px: the layout's styles come with this view, not with hot spots
    const mapBox = await page.getByTestId('coverage-map').boundingBox();
    const kpiBox = await page.getByTestId('pt-kpi-gaps').boundingBox();
    expect(kpiBox!.x).toBeGreaterThan(mapBox!.x + mapBox!.width);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'patrols-zh.png') });
    await page.screenshot({ path: path.join(SHOTS, 'patrols-zh-full.png'), fullPage: true });

    // a gap row flies the map to its cell and selects it
    await gapRows.first().click();
    await expect.poll(() => page.getByTestId('pt-selected').innerText()).toContain('覆盖率');

    // the gap list as CSV
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pt-export-csv').click()]);
    const text = readFileSync((await csv.path()) ?? '', 'utf8');
    expect(text.startsWith('\uFEFF排名,网格编号,名称,区县,街道,需求（发现人次）')).toBe(true);
    expect(text.trim().split('\r\n').length).toBe((await gapRows.count()) + 1);

    // a plan for next winter, from the winters in the data, with hours
    const plan = page.getByTestId('plan-list').locator('tbody tr');
    await plan.first().waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('pt-target').innerText()).toContain('2024/12/01 – 2025/02/28');
    expect(await plan.count()).toBe(10);
    const row = await plan.first().locator('td').allInnerTexts();
    expect(row[1]).toMatch(/巡查/); // a team
    expect(row[4]).toMatch(/^\d\d:00–\d\d:00$/);
    const today = await page.getByTestId('pt-share-today').locator('.kpi-value').innerText();
    const withPlan = await page.getByTestId('pt-share-plan').locator('.kpi-value').innerText();
    expect(parseFloat(withPlan)).toBeGreaterThan(parseFloat(today));

    // pin the tenth cell: it leads the re-made plan; remove the new second one: it leaves the plan
    const tenth = (await plan.nth(9).locator('td').allInnerTexts())[2] as string;
    await plan.nth(9).getByTestId('pt-pin').click();
    await expect.poll(() => page.url()).toContain('pt.pin=');
    await expect.poll(async () => (await plan.first().locator('td').allInnerTexts())[2]).toBe(tenth);
    expect(await plan.first().getByTestId('pt-pin').innerText()).toBe('取消固定');
    const second = (await plan.nth(1).locator('td').allInnerTexts())[2] as string;
    await plan.nth(1).getByTestId('pt-remove').click();
    await expect.poll(() => page.url()).toContain('pt.drop=');
    await expect
      .poll(async () => (await plan.locator('td:nth-child(3)').allInnerTexts()).includes(second), { timeout: 60_000 })
      .toBe(false);
    expect(await page.getByTestId('pt-removed').innerText()).toContain(second);

    // print: one A4 sheet per team with its cells, districts and hours, and nothing of the app
    const teams = new Set(await plan.locator('td:nth-child(2)').allInnerTexts());
    await page.emulateMedia({ media: 'print' });
    const sheets = page.getByTestId('pt-sheet');
    expect(await sheets.count()).toBe(teams.size);
    const printed = await page.getByTestId('pt-print').innerText();
    expect(printed).toContain('季节性巡查方案 · ');
    for (const team of teams) expect(printed).toContain(team);
    expect(printed).toMatch(/\d\d:00–\d\d:00/);
    expect(printed).toContain('适用时段：2024/12/01 – 2025/02/28');
    expect(printed).toContain(tenth);
    expect(await page.getByTestId('patrols-view').isVisible()).toBe(false);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(teams.size);
    await page.screenshot({ path: path.join(SHOTS, 'patrols-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // English
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('gap-list').innerText()).toContain('never patrolled');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'patrols-en.png') });
    await page.screenshot({ path: path.join(SHOTS, 'patrols-en-full.png'), fullPage: true });

    expect(log.foreign).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
