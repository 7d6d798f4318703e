import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { serveFolder } from './static-server';

/** Where the browser tests leave their screenshots. */
export const SHOTS = path.resolve(process.cwd(), 'test-results');

export interface ServedApp {
  readonly browser: Browser;
  /** the served app's address, ending in '/' */
  readonly url: string;
}

/** Call in a describe: serves the built app (dist/) and launches Chromium before its tests, closes both after. */
export function useServedApp(): ServedApp {
  let browser: Browser | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await serveFolder(path.resolve('dist'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser is launched in beforeAll');
      return browser;
    },
    get url() {
      if (!server) throw new Error('the app is served in beforeAll');
      return server.url;
    },
  };
}

/** The number in a formatted text ('12,345 人' → 12345). */
export function digits(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

/** The KPI's value once its query has answered (a dash until then). */
export async function kpiValue(page: Page, testId: string, timeout = 180_000): Promise<string> {
  const value = page.getByTestId(testId).locator('.kpi-value');
  await expect
    .poll(async () => ((await value.count()) ? await value.innerText() : '—'), { timeout, interval: 1000 })
    .not.toMatch(/^—/);
  return value.innerText();
}
