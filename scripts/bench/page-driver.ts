/**
 * Drives the bench page in headless Chromium: builds and serves it, picks the files, starts a run and
 * polls window.__bench, sampling the tab's memory at each state the page holds (staged / imported / end).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './bench-files';
import { launchChromium, sampleDescendantMemory, serveFolders } from './chromium';
import type { BenchResult } from './measure';
import { buildBenchPage, PAGE_DIST } from './page-build';

export interface PageRun {
  files: string[];
  timeoutMs: number;
  /** serve the page cross-origin isolated (COOP/COEP), so the engine's threaded build runs */
  isolated?: boolean;
  /** starts the run in the page (without waiting for it) */
  start(page: Page): Promise<void>;
}

export async function drivePage(run: PageRun): Promise<BenchResult | null> {
  const buildMs = await buildBenchPage();
  const server = await serveFolders(
    [
      ['/public/', path.join(REPO_ROOT, 'public')],
      ['/', PAGE_DIST],
    ],
    { isolate: run.isolated },
  );
  const browser = await launchChromium();
  const peaks = { total: 0, renderer: 0 };
  const samples: BenchResult['memory'] = [];
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('crash', () => errors.push('the tab crashed'));
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.__runBench === 'function');
    await page.setInputFiles('#files', run.files);
    await run.start(page);
    const started = Date.now();
    let phase = '';
    for (;;) {
      const state = await page
        .evaluate(() => ({ phase: window.__bench.phase, done: window.__bench.done }))
        .catch((e: unknown) => {
          errors.push(`page unreachable: ${String(e)}`);
          return null;
        });
      if (!state) break;
      const mem = sampleDescendantMemory();
      peaks.total = Math.max(peaks.total, mem.total);
      peaks.renderer = Math.max(peaks.renderer, mem.renderer);
      if (state.phase !== phase) {
        phase = state.phase;
        process.stdout.write(`  [chromium] ${phase}\n`);
      }
      if (/^(staged|imported|end)/.test(phase) && !samples.some((s) => s.id === phase)) {
        samples.push({
          id: phase,
          pss: mem.renderer,
          note: `tab; all Chromium processes ${mb(mem.total)}`,
        });
      }
      if (state.done) break;
      if (Date.now() - started > run.timeoutMs) {
        errors.push(`the page did not finish within ${Math.round(run.timeoutMs / 60000)} min`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const result = await page.evaluate(() => window.__bench.result).catch(() => null);
    if (!result) return null;
    result.errors.push(...errors);
    result.measurements.unshift({ id: 'page.build', ms: Math.round(buildMs), note: 'vite build of the bench page' });
    result.memory.push(...samples, {
      id: 'peak',
      pss: peaks.renderer,
      note: `tab peak; all Chromium processes ${mb(peaks.total)}`,
    });
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}
