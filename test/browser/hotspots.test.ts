import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMERGING_CATEGORIES } from '../../src/core/analytics/emerging-hotspots';
import { hotspotMessages } from '../../src/views/hotspots/messages';
import { newAppPage } from '../helpers/browser';
import { digits, SHOTS, useServedApp } from '../helpers/served-app';

const zh = hotspotMessages.zh as Record<string, string>;
const PATTERN_NAMES = EMERGING_CATEGORIES.filter((c) => c !== 'none').map((c) => zh[`hotspots.emerging.${c}`]);

describe('the hot spot view in headless Chromium, offline', () => {
  const app = useServedApp();

  it('maps and ranks the Gi* hot spots of the demo data, then their emerging patterns, and exports them', async () => {
    const { page, log, errors } = await newAppPage(app.browser, app.url);
    await page.goto(`${app.url}?view=hotspots`);
    const rows = page.getByTestId('hot-cell-list').locator('tbody tr');
    // the first start imports the demo CSVs before the view can count anything
    await rows.first().waitFor({ timeout: 180_000 });
    await page.getByTestId('hotspot-map').locator('canvas').first().waitFor();

    // hot cells are listed, strongest first, with where they lie
    expect(await rows.count()).toBeGreaterThan(0);
    const first = await rows.first().locator('td').allInnerTexts();
    expect(first[0]).toBe('1');
    expect(first[2]).toMatch(/区$/); // the district of a Beijing cell
    expect(first[8]).toContain('热点（');
    expect(digits(await page.getByTestId('hs-kpi-hot').locator('.kpi-value').innerText())).toBeGreaterThan(0);

    // the legend names the hot spot classes at 99/95/90 % and counts the cells in each
    const legend = await page.getByTestId('hs-legend-item').allInnerTexts();
    for (const level of ['99', '95', '90']) expect(legend.join('\n')).toContain(`热点（${level}% 置信度）`);
    const hot99 = legend.find((l) => l.includes('热点（99% 置信度）') && !l.includes('冷点')) ?? '';
    expect(digits(hot99.replace('99%', ''))).toBeGreaterThan(0);

    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'hotspots.png'), fullPage: true });

    // a row selects its cell: z, p and the count in the detail panel
    await rows.first().click();
    const detail = page.getByTestId('hs-selected');
    await expect.poll(() => detail.innerText()).toContain('Gi* z 值');
    expect(await detail.innerText()).toContain('p 值');

    // the ranked list as CSV: BOM, Chinese header, one line per hot cell (all of them, the screen lists 100 at most)
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hs-export-csv').click()]);
    const csv = readFileSync((await csvDownload.path()) ?? '', 'utf8');
    expect(csv.startsWith('\uFEFF排名,网格编号,名称,区县')).toBe(true);
    const hot = digits(await page.getByTestId('hs-kpi-hot').locator('.kpi-value').innerText());
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines.length).toBe(hot);
    // the demo cells have plain ids and names, so fields split on commas: count, share, z, p at 5..8
    for (const line of lines) {
      const [count, share, , p] = line.split(',').slice(5, 9);
      if (count === '<5') expect(share).toBe('—');
      expect(p).toMatch(/^(0\.\d+|1|\d\.\d\de-\d+|<1e-300)$/);
    }
    // where and when, for the cells past the screen's 100 as well
    const past = lines.length > 100 ? lines.slice(100) : lines;
    expect(past.some((line) => /区$/.test(line.split(',')[3] ?? ''))).toBe(true);
    const [geoDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('hs-export-geojson').click(),
    ]);
    const geo = JSON.parse(readFileSync((await geoDownload.path()) ?? '', 'utf8')) as {
      features: { properties: { class: string; count: unknown; suppressed: boolean } }[];
    };
    // count is a number column: null where suppressed, never the text "<5"
    for (const f of geo.features) {
      expect(f.properties.suppressed ? f.properties.count === null : typeof f.properties.count === 'number').toBe(true);
    }
    expect(geo.features.length).toBeGreaterThanOrEqual(await rows.count());
    expect(geo.features.some((f) => f.properties.class === 'hot99')).toBe(true);

    // emerging mode: a category per cell with its Chinese name, and the cell's series on click
    await page.getByTestId('hs-mode-emerging').click();
    await expect.poll(() => page.url()).toContain('p.hs.mode=emerging');
    const category = page.getByTestId('hs-category');
    await category.first().waitFor({ timeout: 120_000 });
    await expect
      .poll(async () => (await category.allInnerTexts()).some((c) => PATTERN_NAMES.includes(c.trim())))
      .toBe(true);
    expect((await page.getByTestId('hs-legend-item').allInnerTexts()).join('\n')).toContain('无明显模式');
    await rows.first().click();
    const chart = page.getByTestId('hs-trend-chart');
    await chart.locator('svg').first().waitFor({ timeout: 30_000 });
    expect(await chart.innerText()).toContain('时间切片（月）');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'hotspots-emerging.png'), fullPage: true });

    // the statistics ran in the view's own worker, fetched from the app's origin like everything else
    expect(log.sameOrigin.some((u) => /hotspot-worker/.test(u))).toBe(true);
    expect(log.foreign).toEqual([]);
    expect(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
    await page.context().close();
  });
});
