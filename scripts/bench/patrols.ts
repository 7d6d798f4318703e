/**
 * The patrol coverage benchmark of issue 12 in headless Chromium: 5M track points and 1M episodes, a season's
 * coverage per 500 m cell (target ≤ 1 s in the page), a plan of k = 20 over 50,000+ cells (≤ 500 ms) and a
 * re-plan after pinning (≤ 200 ms). Run by `npm run bench` after the main table, or alone:
 *   node --import tsx scripts/bench/patrols.ts [--points 5000000] [--episodes 1000000] [--runs 3]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBenchPage } from './page-build';
import { REPO_ROOT } from './bench-files';
import { launchChromium, serveFolders } from './chromium';
import type { BenchResult } from './measure';

const TARGETS: Record<string, number> = { 'patrols.season': 1000, 'patrols.plan': 500, 'patrols.plan.pin': 200 };

function argOf(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(String(process.argv[i + 1]).replaceAll('_', '')) : fallback;
}

async function main(): Promise<void> {
  const config = {
    points: argOf('--points', 5_000_000),
    episodes: argOf('--episodes', 1_000_000),
    runs: argOf('--runs', 3),
  };
  const dist = path.join(REPO_ROOT, 'bench-data/patrols-page-dist');
  await buildBenchPage('patrols-page', dist);
  const server = await serveFolders([
    ['/public/', path.join(REPO_ROOT, 'public')],
    ['/', dist],
  ]);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error(m.text()));
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.__runPatrolBench === 'function');
    console.log(
      `patrol coverage bench: ${config.points.toLocaleString('en')} points, ${config.episodes.toLocaleString('en')} episodes`,
    );
    const result = (await page.evaluate((c) => window.__runPatrolBench(c), config)) as BenchResult;
    const lines = result.measurements.map((m) => {
      const target = TARGETS[m.id];
      const verdict = target === undefined ? '' : m.ms <= target ? `pass (≤ ${target} ms)` : `MISS (≤ ${target} ms)`;
      return `| ${m.id} | ${m.ms} ms | ${(m.runs ?? []).join(', ')} | ${m.rows ?? ''} | ${m.note ?? ''} | ${verdict} |`;
    });
    const md = [
      '| figure | median | runs (ms) | rows | what | target |',
      '| --- | --- | --- | --- | --- | --- |',
      ...lines,
      '',
      ...result.notes.map((n) => `- ${n}`),
    ].join('\n');
    console.log(md);
    mkdirSync(path.join(REPO_ROOT, 'bench-data'), { recursive: true });
    writeFileSync(
      path.join(REPO_ROOT, 'bench-data/results-patrols.json'),
      `${JSON.stringify({ config, result }, null, 2)}\n`,
    );
    writeFileSync(path.join(REPO_ROOT, 'bench-data/results-patrols.md'), `${md}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
