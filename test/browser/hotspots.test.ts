import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { EMERGING_CATEGORIES } from '../../src/core/analytics/emerging-hotspots';
import { createSquareGridSpec, buildSquareCellSql } from '../../src/core/grid/square-grid';
import { importFiles } from '../../src/core/import/import-pipeline';
import { hotspotMessages } from '../../src/views/hotspots/messages';
import { openTestDb } from '../helpers/db';
import { newAppPage } from '../helpers/browser';
import { digits, SHOTS, useServedApp } from '../helpers/served-app';

const zh = hotspotMessages.zh as Record<string, string>;
const PATTERN_NAMES = EMERGING_CATEGORIES.filter((c) => c !== 'none').map((c) => zh[`hotspots.emerging.${c}`]);
const NEIGHBOUR_LABEL = zh['hotspots.neighbour.label'] as string;

const SAMPLES = path.resolve('test/fixtures/samples');
const FILES = ['cases_2023_gbk.csv', 'cases_2024.xlsx'];
const WINTER = { from: '2023-12-01', to: '2024-02-29' };

/**
 * What plain SQL says of the samples in winter 2023-12-01…2024-02-29, on the 500 m grid (cells as the
 * grid defines them): the cell with the most episodes, its count and most frequent place text, and how
 * many 500 m and 100 m cells have an episode in the whole data (the default study area).
 */
async function expectedWinter() {
  const db = await openTestDb();
  try {
    const files = FILES.map((n) => new File([readFileSync(path.join(SAMPLES, n))], n));
    await importFiles(db, files, { crsByFile: { [FILES[0]!]: 'GCJ02' } });
    const cellOf = (sizeM: number) => {
      const { ix, iy } = buildSquareCellSql(createSquareGridSpec(sizeM));
      return `concat(${ix.text}, ':', ${iy.text})`;
    };
    const winter = `found_at >= DATE '${WINTER.from}' AND found_at < DATE '${WINTER.to}' + INTERVAL 1 DAY`;
    const [top] = await db.query<{ cell: string; n: number }>(
      `SELECT ${cellOf(500)} AS cell, count(*) AS n FROM cases WHERE lon IS NOT NULL AND ${winter}
       GROUP BY 1 ORDER BY n DESC LIMIT 1`,
    );
    const [place] = await db.query<{ place: string; n: number }>(
      `SELECT found_place AS place, count(*) AS n FROM cases
       WHERE lon IS NOT NULL AND ${winter} AND ${cellOf(500)} = '${top!.cell}' GROUP BY 1 ORDER BY n DESC, 1 LIMIT 1`,
    );
    const occupied = async (sizeM: number) =>
      (
        await db.query<{ n: number }>(`SELECT count(DISTINCT ${cellOf(sizeM)}) AS n FROM cases WHERE lon IS NOT NULL`)
      )[0]!.n;
    return {
      cell: top!.cell,
      count: top!.n,
      place: place!.place,
      placeCount: place!.n,
      cells500: await occupied(500),
      cells100: await occupied(100),
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
  await dialog.getByRole('button', { name: '关闭' }).click();
}

/** The cells of each row of the ranked list. */
async function listRows(list: Locator): Promise<string[][]> {
  const rows = list.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).locator('td').allInnerTexts());
  return out;
}

// columns of the ranked list in 热点/冷点 mode
const RANK = 0;
const PLACES = 1;
const WHERE = 2;
const COUNT = 3;
const CLASS = 5;
const CELL = 10;

describe('the hot spot view in headless Chromium, offline', () => {
  const app = useServedApp();

  it('maps and ranks the Gi* hot spots of the demo data, then their emerging patterns, and exports them', async () => {
    const { page, log, errors } = await newAppPage(app.browser, app.url);
    await page.goto(`${app.url}?view=hotspots`);
    const rows = page.getByTestId('hot-cell-list').locator('tbody tr');
    // the first start imports the demo CSVs before the view can count anything
    await rows.first().waitFor({ timeout: 180_000 });
    await page.getByTestId('hotspot-map').locator('canvas').first().waitFor();

    // hot cells are listed, the most finds first, named by where they lie
    expect(await rows.count()).toBeGreaterThan(0);
    await expect.poll(async () => (await rows.first().locator('td').allInnerTexts())[PLACES]).not.toBe('…');
    const first = await rows.first().locator('td').allInnerTexts();
    expect(first[RANK]).toBe('1');
    expect(first[PLACES]).toMatch(/（\d+）/); // places with their episodes
    expect(first[WHERE]).toMatch(/区/); // the district of a Beijing cell
    expect(first[CLASS]).toContain('热点（');
    expect(digits(await page.getByTestId('hs-kpi-hot').locator('.kpi-value').innerText())).toBeGreaterThan(0);

    // the legend names the hot spot classes at 99/95/90 % and counts the cells in each
    const legend = await page.getByTestId('hs-legend-item').allInnerTexts();
    for (const level of ['99', '95', '90']) expect(legend.join('\n')).toContain(`热点（${level}% 置信度）`);
    const hot99 = legend.find((l) => l.includes('热点（99% 置信度）') && !l.includes('冷点')) ?? '';
    expect(digits(hot99.replace('99%', ''))).toBeGreaterThan(0);

    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SHOTS, 'hotspots.png'), fullPage: true });

    // a row selects its cell: its places, z, p and the count in the detail panel
    await rows.first().click();
    const detail = page.getByTestId('hs-selected');
    await expect.poll(() => detail.innerText()).toContain('Gi* z 值');
    expect(await detail.innerText()).toContain('发现地点：');

    // the ranked list as CSV: BOM, Chinese header, one line per hot cell (all of them, the screen lists 100 at most)
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('hs-export-csv').click()]);
    const csv = readFileSync((await csvDownload.path()) ?? '', 'utf8');
    expect(csv.startsWith('\uFEFF排名,类型,发现地点（前3，人次）,区县,街道（乡镇）,网格编号')).toBe(true);
    const hot = digits(await page.getByTestId('hs-kpi-hot').locator('.kpi-value').innerText());
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines.length).toBe(hot);
    // the demo's places have no commas, so fields split on them: count, share, z, p at 7..10
    for (const line of lines) {
      const [count, share, , p] = line.split(',').slice(7, 11);
      if (count === '<5') expect(share).toBe('—');
      expect(p).toMatch(/^(0\.\d+|1|\d\.\d\de-\d+|<1e-300)$/);
    }
    // places and district for the cells past the screen's 100 as well
    const past = lines.length > 100 ? lines.slice(100) : lines;
    expect(past.some((line) => /区$/.test(line.split(',')[3] ?? ''))).toBe(true);
    expect(past.some((line) => /（(\d+|<5|—)）/.test(line.split(',')[2] ?? ''))).toBe(true);
    const [geoDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('hs-export-geojson').click(),
    ]);
    const geo = JSON.parse(readFileSync((await geoDownload.path()) ?? '', 'utf8')) as {
      features: { properties: { class: string; count: unknown; suppressed: boolean; places: string | null } }[];
    };
    // count is a number column: null where suppressed, never the text "<5"
    for (const f of geo.features) {
      expect(f.properties.suppressed ? f.properties.count === null : typeof f.properties.count === 'number').toBe(true);
    }
    expect(geo.features.length).toBeGreaterThanOrEqual(await rows.count());
    expect(geo.features.some((f) => f.properties.class === 'hot99' && !!f.properties.places)).toBe(true);

    // emerging mode: a category per cell with its Chinese name, and the cell's series on click
    await page.getByTestId('hs-mode-emerging').click();
    await expect.poll(() => page.url()).toContain('p.hs.mode=emerging');
    const category = page.getByTestId('hs-category');
    await category.first().waitFor({ timeout: 120_000 });
    await expect
      .poll(async () => (await category.allInnerTexts()).some((c) => PATTERN_NAMES.includes(c.trim())))
      .toBe(true);
    expect((await page.getByTestId('hs-legend-item').allInnerTexts()).join('\n')).toContain('无明显模式');
    // every pattern is explained with its rule
    await page.getByTestId('hs-help-emerging').click();
    const patterns = await page.getByTestId('hs-help-emerging-popover').innerText();
    for (const name of [...PATTERN_NAMES, '无明显模式']) expect(patterns).toContain(`${name}：`);
    await page.keyboard.press('Escape');
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

  it('on the sample exports in winter, leads with the place people were found most, runs 100 m cells, explains its terms', async () => {
    const expected = await expectedWinter();
    const { page, log, errors } = await newAppPage(app.browser, app.url);
    await page.setViewportSize({ width: 1280, height: 720 });
    await importSamples(page, app.url);
    await page.goto(`${app.url}?v=1&view=hotspots&from=${WINTER.from}&to=${WINTER.to}`);
    const list = page.getByTestId('hot-cell-list');
    await list.locator('tbody tr').first().waitFor({ timeout: 120_000 });
    await expect.poll(async () => (await listRows(list))[0]?.[PLACES]).not.toBe('…');

    // the first row: the cell with the most finds, named by its busiest place with its count
    const rows = await listRows(list);
    expect(rows[0]?.[RANK]).toBe('1');
    expect(rows[0]?.[CELL]).toBe(expected.cell);
    expect(digits(rows[0]?.[COUNT] ?? '')).toBe(expected.count);
    expect(rows[0]?.[PLACES]).toContain(`${expected.place}（${expected.placeCount}）`);
    // the study area: the 500 m cells with an episode anywhere in the data, named with their number
    const area = page.getByTestId('hs-area-text');
    expect(await area.innerText()).toContain(`共 ${expected.cells500.toLocaleString('zh-CN')} 个`);
    await page.screenshot({ path: path.join(SHOTS, 'hotspots-samples-winter-1280.png') });

    // the help: a click opens it, Escape closes it and gives the focus back; a click elsewhere closes it too
    const method = page.getByTestId('hs-help-method');
    await method.click();
    const methodText = page.getByTestId('hs-help-method-popover');
    expect(await methodText.innerText()).toContain('Getis-Ord Gi*');
    expect(await methodText.innerText()).toContain('p 值');
    await page.keyboard.press('Escape');
    expect(await methodText.count()).toBe(0);
    expect(await method.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('hs-help-hood').focus();
    await page.keyboard.press('Enter');
    const hood = await page.getByTestId('hs-help-hood-popover').innerText();
    expect(hood).toContain('queen 邻接');
    expect(hood).toContain('距离带');
    await page.getByTestId('hs-help-fdr').click();
    expect(await page.getByTestId('hs-help-hood-popover').count()).toBe(0);
    expect(await page.getByTestId('hs-help-fdr-popover').innerText()).toContain('错误发现率');
    await page.getByTestId('hs-area-text').click();
    expect(await page.getByTestId('hs-help-fdr-popover').count()).toBe(0);

    // 100 m cells over the whole city: they run on the cells with finds; a cell hot only through its
    // neighbours is listed after every place with finds, without a rank, and says so
    await page.getByTestId('hs-cell-size').selectOption('100');
    await expect
      .poll(() => area.innerText(), { timeout: 60_000 })
      .toContain(`共 ${expected.cells100.toLocaleString('zh-CN')} 个`);
    await expect.poll(async () => (await listRows(list))[0]?.[PLACES], { timeout: 60_000 }).not.toBe('…');
    const fine = await listRows(list);
    expect(await page.getByTestId('hs-error').count()).toBe(0);
    const neighbourOnly = fine.filter((r) => r[RANK] === '—');
    expect(neighbourOnly.length).toBeGreaterThan(0);
    for (const r of fine) {
      const zero = digits(r[COUNT] ?? '') === 0;
      expect(r[RANK] === '—').toBe(zero);
      if (zero) expect(r[PLACES]).toContain(NEIGHBOUR_LABEL);
      else expect(r[PLACES]).not.toContain(NEIGHBOUR_LABEL);
    }
    const firstNeighbour = fine.findIndex((r) => r[RANK] === '—');
    expect(fine.slice(firstNeighbour).every((r) => r[RANK] === '—')).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'hotspots-samples-winter-100m.png'), fullPage: true });

    // in English, at 1280 × 720 as well
    await page.goto(`${app.url}?v=1&view=hotspots&from=${WINTER.from}&to=${WINTER.to}&lang=en`);
    await list.locator('tbody tr').first().waitFor({ timeout: 120_000 });
    await expect.poll(async () => (await listRows(list))[0]?.[PLACES]).toContain(expected.place);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: path.join(SHOTS, 'hotspots-samples-winter-1280-en.png') });

    expect(log.foreign).toEqual([]);
    expect(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
    await page.context().close();
  });
});
