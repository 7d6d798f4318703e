/** The page's scale run: every picked part imported into one database in this tab, then queries. */
import { openDatabase } from '../../../src/app/boot/open-database';
import { loadOriginResolver } from '../import-step';
import { createResult, describeError, type BenchResult } from '../measure';
import { runScale } from '../scale-run';
import { fetchJson, hold, pageMemory, pickedFiles, setPhase, type RunConfig } from './page-state';

export async function runScaleInPage(config: RunConfig): Promise<void> {
  const result: BenchResult = createResult(
    'browser',
    `DuckDB-WASM in a Web Worker, ${navigator.userAgent}`,
    config.episodes,
  );
  try {
    setPhase('engine open');
    const db = await openDatabase();
    const resolve = await loadOriginResolver(fetchJson);
    const mask = await fetchJson('public/geo/beijing-districts.geojson');
    const files = pickedFiles();
    setPhase(`importing 1/${files.length}`);
    await runScale(db, files, resolve, result, {
      mask,
      afterPart: async (part, parts) => {
        result.memory.push(pageMemory(`imported ${part}/${parts}`));
        setPhase(`imported ${part}/${parts}`);
        await hold();
        if (part < parts) setPhase(`importing ${part + 1}/${parts}`);
      },
    });
    result.memory.push(pageMemory('end'));
    setPhase('end');
    await hold();
    await db.close();
  } catch (e) {
    result.errors.push(describeError(e));
  } finally {
    window.__bench.result = result;
    window.__bench.done = true;
  }
}
