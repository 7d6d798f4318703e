import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon, point } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE, serializeUrlState } from '../../src/app/url-state';
import { EMPTY_FILTERS } from '../../src/core/filters';
import { newAppPage } from '../helpers/browser';
import { digits, kpiValue, SHOTS, useServedApp } from '../helpers/served-app';

/**
 * An export with coordinates and no district column (issue 10): after its import the 区县 filter lists the
 * districts its positions lie in, and a link with d=丰台区 counts the episodes found there.
 */
const FIXTURE = path.resolve('test/fixtures/no-district-column.csv');
const DISTRICTS = JSON.parse(readFileSync('public/geo/beijing-districts.geojson', 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon,
  { name: string }
>;

/** The fixture's districts by an independent point-in-polygon test (turf) on the same bundled boundaries. */
function expectedDistricts(): string[] {
  const [, ...lines] = readFileSync(FIXTURE, 'utf8').trim().split('\n');
  return lines.flatMap((line) => {
    const [lon, lat] = line.split(',').slice(4, 6).map(Number);
    if (!lon || !lat) return [];
    const hit = DISTRICTS.features.find((f) => booleanPointInPolygon(point([lon, lat]), f));
    return hit ? [hit.properties.name] : [];
  });
}

describe('districts from coordinates, in the app', () => {
  const app = useServedApp();

  it('fills the 区县 filter and answers a link with d=丰台区 for an export without a district column', async () => {
    const expected = expectedDistricts();
    const fengtai = expected.filter((d) => d === '丰台区').length;
    expect(fengtai).toBeGreaterThanOrEqual(3);

    const { page, log } = await newAppPage(app.browser, app.url);
    await page.goto(`${app.url}?view=data`);
    await page.getByTestId('loaded-datasets').waitFor({ timeout: 90_000 });
    await page.getByTestId('file-input').setInputFiles([FIXTURE]);
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    await dialog.getByTestId('import-saved').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: '关闭' }).click();

    const report = page.getByTestId('district-report');
    await expect.poll(() => report.innerText()).toContain(`${expected.length} 行按坐标所在区县确定`);

    await page.goto(`${app.url}?${serializeUrlState(DEFAULT_URL_STATE)}`);
    await kpiValue(page, 'kpi-episodes');
    const filter = page.locator('.multi-select', { hasText: '区县' });
    await filter.locator('summary').click();
    const options = await filter.locator('.multi-select-menu label').allInnerTexts();
    expect(options.map((o) => o.trim()).sort()).toEqual([...new Set(expected)].sort());
    await page.screenshot({ path: path.join(SHOTS, 'districts-filter.png') });

    const link = serializeUrlState({ ...DEFAULT_URL_STATE, filters: { ...EMPTY_FILTERS, districts: ['丰台区'] } });
    expect(link).toContain(`d=${encodeURIComponent('丰台区')}`);
    await page.goto(`${app.url}?${link}`);
    expect(digits(await kpiValue(page, 'kpi-episodes'))).toBe(fengtai);
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });
});
