import { createServer, type Server } from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { countPixels } from '../helpers/png-pixels';
import { SHOTS } from '../helpers/served-app';
import { serveFolder } from '../helpers/static-server';
import { encodeSolidPng, listTiles, writePmtiles } from '../helpers/tiles';

const MAGENTA: [number, number, number] = [255, 0, 255];
const CYAN: [number, number, number] = [0, 200, 200];
const BEIJING: [number, number, number, number] = [115.4, 39.4, 117.5, 41.1];

/** A stand-in for the intranet's tile server: any /tiles/z/x/y.png is one magenta PNG, CORS allowed. */
async function serveTiles(): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const png = encodeSolidPng(256, MAGENTA);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    res.end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Share of the map's pixels within a few levels of `rgb`, from a screenshot. */
async function shareOfColour(page: Page, rgb: [number, number, number]): Promise<number> {
  const shot = await page.getByTestId('coverage-map').screenshot();
  const near = (r: number, g: number, b: number) =>
    Math.abs(r - rgb[0]) < 12 && Math.abs(g - rgb[1]) < 12 && Math.abs(b - rgb[2]) < 12;
  return countPixels(shot, near) / countPixels(shot, () => true);
}

describe('the street basemap from the user’s own tiles', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('draws XYZ tiles from the intranet server and a picked .pmtiles file, asking no other origin', async () => {
    const tiles = await serveTiles();
    // the deployment allows its tile server in the policy on purpose, as docs/geography.md says
    const app = await serveFolder(path.resolve('dist'), { tileOrigins: [tiles.origin] });
    const pmtilesPath = path.join(SHOTS, 'test-basemap.pmtiles');
    writeFileSync(pmtilesPath, writePmtiles(listTiles(BEIJING, 0, 10), encodeSolidPng(256, CYAN), BEIJING));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const appOrigin = new URL(app.url).origin;
    const foreign: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(appOrigin) || url.startsWith(tiles.origin) || /^(data|blob):/.test(url))
        return route.continue();
      foreign.push(url);
      return route.abort();
    });
    try {
      await page.goto(`${app.url}?view=patrols`);
      await page.getByTestId('pt-basemap-note').waitFor({ timeout: 180_000 });
      await page.getByTestId('coverage-map').locator('canvas').first().waitFor();
      expect(await shareOfColour(page, MAGENTA)).toBe(0);

      // XYZ tiles on the intranet (CGCS2000 ≈ WGS-84: drawn as they come)
      await page.getByTestId('basemap-kind').selectOption('xyz');
      await page.getByTestId('basemap-url').fill(`${tiles.origin}/tiles/{z}/{x}/{y}.png`);
      await page.getByTestId('basemap-save').click();
      await expect.poll(() => page.getByTestId('pt-basemap-note').count()).toBe(0);
      await expect.poll(() => tiles.requests.length, { timeout: 60_000 }).toBeGreaterThan(0);
      await expect.poll(() => shareOfColour(page, MAGENTA), { timeout: 60_000, interval: 1000 }).toBeGreaterThan(0.2);
      expect(tiles.requests.every((r) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(r))).toBe(true);
      await page.screenshot({ path: path.join(SHOTS, 'basemap-xyz.png') });

      // a .pmtiles file in GCJ-02: read in the page, redrawn shifted; the tile server is not asked again
      const asked = tiles.requests.length;
      await page.getByTestId('basemap-kind').selectOption('pmtiles');
      await page.getByTestId('basemap-file').setInputFiles(pmtilesPath);
      await page.getByTestId('basemap-datum').selectOption('GCJ02');
      await page.getByTestId('basemap-save').click();
      await expect.poll(() => shareOfColour(page, CYAN), { timeout: 60_000, interval: 1000 }).toBeGreaterThan(0.2);
      expect(await shareOfColour(page, MAGENTA)).toBe(0);
      expect(tiles.requests.length).toBe(asked);
      await page.screenshot({ path: path.join(SHOTS, 'basemap-pmtiles.png') });

      // kept in this browser: a reload draws the file again
      await page.reload();
      await page.getByTestId('coverage-map').locator('canvas').first().waitFor({ timeout: 120_000 });
      await expect.poll(() => shareOfColour(page, CYAN), { timeout: 90_000, interval: 1000 }).toBeGreaterThan(0.2);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
      await tiles.close();
      await app.close();
    }
  });
});
