import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAppPage } from '../helpers/browser';
import { countPixels } from '../helpers/png-pixels';
import { kpiValue, SHOTS, useServedApp } from '../helpers/served-app';

/** The density ramp's orange and red classes (YlOrRd), as drawn over the base map. */
const isDensityRed = (r: number, g: number, b: number) => r > 170 && g < 150 && b < 90;

describe('overview and global filters as users meet them', () => {
  const app = useServedApp();

  it('compares the latest 12 months with the year before, on the cards and the trend', async () => {
    const { page, log } = await newAppPage(app.browser, app.url);
    await page.goto(`${app.url}?v=1&view=overview&period=lastYear`);
    await kpiValue(page, 'kpi-episodes');
    const change = page.getByTestId('kpi-episodes-change');
    await expect.poll(() => change.innerText(), { timeout: 60_000 }).toMatch(/^同比 ([+−]\d+(\.\d)?%|持平)/);
    await expect.poll(() => page.getByText('去年同期人次').count()).toBeGreaterThan(0);
    // 12 months ending on the data's last day: the two date inputs are a year apart less a day
    const [from, to] = await page
      .locator('.filter-bar input[type=date]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const days = (Date.parse(to!) - Date.parse(from!)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(364);
    expect(days).toBeLessThanOrEqual(365);
    await page.screenshot({ path: path.join(SHOTS, 'overview-yoy.png'), fullPage: true });
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });

  it('keeps the density layer when the language changes', async () => {
    const { page } = await newAppPage(app.browser, app.url);
    await page.goto(`${app.url}?v=1&view=overview`);
    await kpiValue(page, 'kpi-episodes');
    const map = page.locator('.map-panel .base-map');
    await expect
      .poll(async () => countPixels(await map.screenshot(), isDensityRed), { timeout: 60_000 })
      .toBeGreaterThan(50);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    await page.waitForTimeout(1500);
    expect(countPixels(await map.screenshot(), isDensityRed)).toBeGreaterThan(50);
    await page.screenshot({ path: path.join(SHOTS, 'overview-en.png'), fullPage: true });
    await page.context().close();
  });

  it('closes a filter dropdown on an outside click, keeps the filter bar in reach, and explains an empty view', async () => {
    const { page } = await newAppPage(app.browser, app.url);
    await page.goto(`${app.url}?v=1&view=overview&from=2001-01-01&to=2001-01-31&d=${encodeURIComponent('丰台区')}`);
    await page.getByTestId('empty-state').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('empty-state').innerText()).toContain('当前时间段和筛选条件下没有记录');
    const district = page.locator('.multi-select').first();
    await district.locator('summary').click();
    await expect.poll(() => district.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.locator('.app-footer').click();
    await expect.poll(() => district.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    for (const view of ['repeat-returns', 'origins']) {
      await page.goto(`${app.url}?v=1&view=${view}&from=2001-01-01&to=2001-01-31`);
      await page.getByTestId('empty-state').waitFor({ timeout: 90_000 });
    }

    await page.goto(`${app.url}?v=1&view=repeat-returns`);
    await page.locator('.filter-bar').waitFor();
    // once the view is long enough to scroll, the filter bar stays at the top of the window
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight), { timeout: 90_000 })
      .toBeGreaterThan(400);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    const box = await page.locator('.filter-bar').boundingBox();
    expect(box && box.y >= 0 && box.y < 5).toBe(true);
    await page.context().close();
  });
});
