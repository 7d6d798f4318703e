import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the background services that would try the internet turned off. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface RequestLog {
  sameOrigin: string[];
  foreign: string[];
}

/**
 * Records every request the page makes; anything not to the app's own origin is recorded as
 * foreign and aborted, as a closed intranet would.
 */
export async function recordRequests(page: Page, origin: string): Promise<RequestLog> {
  const log: RequestLog = { sameOrigin: [], foreign: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
      log.sameOrigin.push(url);
      return route.continue();
    }
    log.foreign.push(url);
    return route.abort();
  });
  return log;
}

export async function newAppPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; log: RequestLog; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const log = await recordRequests(page, origin);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, log, errors };
}
