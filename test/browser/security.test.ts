import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../security-headers';
import { launchBrowser, newAppPage } from '../helpers/browser';
import { digits, kpiValue, SHOTS, useServedApp } from '../helpers/served-app';

declare global {
  interface Window {
    __violations?: string[];
    __injected?: string;
    idbPut(db: string, key: string, value: unknown): Promise<void>;
    idbKeys(db: string): Promise<string[]>;
  }
}

/** Records every Content-Security-Policy violation the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations!.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
}

describe('vite preview sends the policy as a response header, and the app works under it', () => {
  let server: PreviewServer;
  let browser: Browser;
  let url = '';
  beforeAll(async () => {
    server = await preview({ logLevel: 'silent', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    url = server.resolvedUrls!.local[0]!;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on the page, the database worker and the engine', async () => {
    const { page, log } = await newAppPage(browser, url);
    await recordViolations(page);
    const headers = new Map<string, Record<string, string>>();
    page.context().on('response', (r) => headers.set(new URL(r.url()).pathname, r.headers()));
    await page.goto(url);
    expect(digits(await kpiValue(page, 'kpi-episodes', 120_000))).toBeGreaterThan(1000);
    await page.locator('.maplibregl-canvas').first().waitFor({ timeout: 60_000 });
    const worker = [...headers.keys()].find((p) => /duckdb-browser-(eh|mvp)\.worker.*\.js$/.test(p));
    const wasm = [...headers.keys()].find((p) => p.endsWith('.wasm'));
    for (const p of ['/', worker!, wasm!]) {
      expect(headers.get(p)?.['content-security-policy'], p).toBe(CONTENT_SECURITY_POLICY);
      expect(headers.get(p)?.['x-content-type-options'], p).toBe('nosniff');
    }
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(log.foreign).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'under-csp.png') });

    // An injected inline script and an inline event handler do not run.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = "window.__injected = 'script'";
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', "window.__injected = 'handler'");
      img.src = 'data:,not-an-image';
      document.body.append(img);
    });
    await expect.poll(() => page.evaluate(() => window.__violations?.length)).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => window.__injected)).toBeUndefined();
    expect(await page.evaluate(() => window.__violations)).toEqual(
      expect.arrayContaining(['script-src-elem inline', 'script-src-attr inline']),
    );
    await page.context().close();
  });

  it('reads every file format under the policy (Arrow staging, the CSV tokenizer, XLSX unzipping in workers)', async () => {
    const { page } = await newAppPage(browser, url);
    await recordViolations(page);
    await page.goto(`${url}?view=data`);
    await page.getByTestId('loaded-datasets').waitFor({ timeout: 120_000 });
    const files = ['workbook.xlsx', 'rows.parquet', 'rows.json', 'rows.ndjson', 'mismatched-quote.csv'];
    await page.getByTestId('file-input').setInputFiles(files.map((f) => path.resolve('test/fixtures', f)));
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('import-summary').waitFor({ timeout: 120_000 });
    const text = await dialog.innerText();
    for (const f of files) expect(text).toContain(f);
    expect(text).not.toContain('不是支持的表格格式');
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    await page.context().close();
  });
});

describe('clearing data and the demo set', () => {
  const app = useServedApp();

  it('a refused file keeps the demo set; clearing deletes the whole database and keeps the settings apart', async () => {
    const { page, log } = await newAppPage(app.browser, app.url);
    await installIdbHelpers(page);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${app.url}?view=data`);
    await expect
      .poll(async () => digits(await page.getByTestId('dataset-total').innerText()), { timeout: 120_000 })
      .toBeGreaterThan(1000);
    const demoTotal = digits(await page.getByTestId('dataset-total').innerText());

    await page.getByTestId('file-input').setInputFiles({
      name: 'pii.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('救助编号,求助时间,姓名,身份证号\nJZ9,2023/1/5 8:30,张三,110101199003071234\n'),
    });
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('pii-refusal').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => page.getByText('演示数据', { exact: true }).count()).toBe(1);
    expect(digits(await page.getByTestId('dataset-total').innerText())).toBe(demoTotal);

    // A key the app never writes: only deleting the database, not its keys, removes it.
    await page.evaluate(() => window.idbPut('outreach-atlas', 'left-behind', 'x'));
    await page.evaluate(() => window.idbPut('outreach-atlas-settings', 'mappings', { sig: { case_id: 0 } }));
    expect(await page.evaluate(() => window.idbKeys('outreach-atlas'))).toContain('left-behind');
    await page.getByTestId('clear-all').click();
    await expect.poll(async () => digits(await page.getByTestId('dataset-total').innerText())).toBe(0);
    await expect.poll(() => page.evaluate(() => window.idbKeys('outreach-atlas'))).toEqual(['tables']);
    expect(await page.evaluate(() => window.idbKeys('outreach-atlas-settings'))).toEqual(['mappings']);

    await page.reload();
    await page.getByTestId('loaded-datasets').waitFor({ timeout: 90_000 });
    await expect.poll(async () => digits(await page.getByTestId('dataset-total').innerText())).toBe(0);
    expect(log.foreign).toEqual([]);
    await page.context().close();
  });
});

/** Reads and writes the app's IndexedDB databases from the page, closing each connection at once. */
async function installIdbHelpers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name, 1);
        req.onupgradeneeded = () => req.result.createObjectStore('kv');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const inStore = async <T>(name: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>) => {
      const db = await open(name);
      try {
        return await new Promise<T>((resolve, reject) => {
          const tx = db.transaction('kv', mode);
          const req = fn(tx.objectStore('kv'));
          tx.oncomplete = () => resolve(req.result);
          tx.onerror = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    };
    window.idbPut = (name, key, value) => inStore(name, 'readwrite', (s) => s.put(value, key)).then(() => undefined);
    window.idbKeys = (name) => inStore(name, 'readonly', (s) => s.getAllKeys()).then((keys) => keys.map(String).sort());
  });
}
