import { useCallback, useRef, useState } from 'react';
import type { DbConnector } from '../../core/db/connector';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import {
  continueWithoutColumns,
  discardRefused,
  headerSignature,
  importFiles,
  type ImportOptions,
  type ImportResult,
  type RefusedFile,
} from '../../core/import/import-pipeline';
import { checkImportFits } from '../../core/import/memory-fit';
import type { SourceFile } from '../../core/import/source-file';
import type { Crs } from '../../core/geo/coords';
import type { DatasetMeta } from '../../views/shared/dataset-meta';
import type { Importer, ImportRun, ImportSettings } from '../../views/import/importer';
import { getDistrictBoundaries } from '../boot/district-boundaries';
import { getOriginResolver } from '../boot/origin-resolver';
import { loadSetting, saveRunner, saveSetting, saveTables } from '../storage/persist-tables';
import { redactDroppedColumns } from '../storage/kept-reports';
import { importOverDemo } from './import-over-demo';

type Work = (db: DbConnector, opts: ImportOptions) => Promise<ImportResult>;
type SavedMappings = Record<string, Record<string, number>>;

const MAPPINGS_KEY = 'mappings';

/** An edited mapping is kept by header layout, so next month's export of the same system maps itself. */
async function rememberMapping(headers: readonly string[], mapping: Record<string, number>): Promise<void> {
  const saved = (await loadSetting<SavedMappings>(MAPPINGS_KEY)) ?? {};
  await saveSetting(MAPPINGS_KEY, { ...saved, [headerSignature(headers)]: mapping });
}

/**
 * Runs imports with progress and cancel. Importing real data over the demo set replaces it: synthetic
 * episodes must never mix with a station's own. Every result is saved so a reload keeps it.
 */
export function useImport(
  coordinator: QueryCoordinator | null,
  meta: DatasetMeta,
  onDataChanged: (meta: DatasetMeta) => void,
): Importer {
  const [state, setState] = useState<ImportRun | null>(null);
  const abort = useRef<AbortController | null>(null);
  const files = useRef(new Map<string, SourceFile>());
  const settingsByFile = useRef<Record<string, Crs>>({});

  const run = useCallback(
    (work: Work, replacesDemo: boolean) => {
      if (!coordinator || abort.current) return;
      const controller = new AbortController();
      abort.current = controller;
      const startedAt = performance.now();
      setState({
        pending: null,
        running: true,
        progress: null,
        mbPerSecond: null,
        startedAt,
        result: null,
        error: null,
      });
      void (async () => {
        try {
          const resolveOrigin = await getOriginResolver();
          const districts = await getDistrictBoundaries();
          const savedMappings = (await loadSetting<SavedMappings>(MAPPINGS_KEY).catch(() => undefined)) ?? {};
          const overDemo = replacesDemo && meta.demo;
          const { result, demoKept } = await coordinator.mutate(async (db) => {
            const importFilesNow = () =>
              work(db, {
                signal: controller.signal,
                resolveOrigin,
                districts,
                savedMappings,
                onProgress: (progress) => {
                  const seconds = (performance.now() - startedAt) / 1000;
                  const mbPerSecond = seconds > 0.5 ? progress.bytesDone / (1 << 20) / seconds : null;
                  setState((s) => (s ? { ...s, progress, mbPerSecond } : s));
                },
              });
            // The demo set goes only when a real import loads rows.
            return overDemo
              ? importOverDemo(db, importFilesNow)
              : { result: await importFilesNow(), demoKept: meta.demo };
          });
          const demoGone = overDemo && !demoKept;
          const replaced = new Set(result.reports.map((r) => r.fileName));
          const kept = demoGone ? [] : meta.reports.filter((r) => !replaced.has(r.fileName));
          const next: DatasetMeta = {
            demo: meta.demo && !demoGone,
            reports: [...kept, ...result.reports.map(redactDroppedColumns)],
            loadedAt: new Date().toISOString(),
          };
          onDataChanged(next);
          setState((s) => (s ? { ...s, running: false, result, saving: { rows: 0, total: 0, done: false } } : s));
          abort.current = null;
          // The data are loaded whatever happens here; a failed save only means a reload starts over.
          const onProgress = (rows: number, total: number) =>
            setState((s) => (s?.saving ? { ...s, saving: { rows, total, done: false } } : s));
          const saveError = await saveTables(saveRunner(coordinator), next, undefined, undefined, onProgress).then(
            () => null,
            (e: unknown) => (e instanceof Error ? e.message : String(e)),
          );
          setState((s) => (s?.saving ? { ...s, saving: { ...s.saving, done: true }, saveError } : s));
        } catch (err) {
          setState((s) => (s ? { ...s, running: false, error: err instanceof Error ? err.message : String(err) } : s));
        } finally {
          if (abort.current === controller) abort.current = null;
        }
      })();
    },
    [coordinator, meta, onDataChanged],
  );

  const start = useCallback(
    (picked: SourceFile[]) => {
      if (abort.current) return;
      setState({
        pending: picked,
        running: false,
        progress: null,
        mbPerSecond: null,
        startedAt: 0,
        result: null,
        error: null,
      });
      // Said before anything is read: a file too large for the tab would otherwise fail half-way.
      if (!coordinator) return;
      void Promise.all(
        picked.map(
          async (f) => [f.name, await coordinator.exclusive('import', (db) => checkImportFits(db, f))] as const,
        ),
      ).then(
        (fits) => setState((s) => (s?.pending === picked ? { ...s, memory: Object.fromEntries(fits) } : s)),
        () => undefined,
      );
    },
    [coordinator],
  );

  const confirm = useCallback(
    (settings: ImportSettings) => {
      const picked = state?.pending ?? [];
      for (const f of picked) files.current.set(f.name, f);
      settingsByFile.current = { ...settingsByFile.current, ...settings.crsByFile };
      const stageOptions = { encoding: settings.encoding };
      run((db, opts) => importFiles(db, picked, { ...opts, crsByFile: settings.crsByFile, stageOptions }), true);
    },
    [run, state],
  );

  const dropAndContinue = useCallback(
    (refused: RefusedFile) => {
      const columns = [...new Set(refused.findings.map((f) => f.columnIndex))];
      run((db, opts) => continueWithoutColumns(db, refused, columns, opts), true);
    },
    [run],
  );

  const remap = useCallback(
    (fileName: string, mapping: Record<string, number>) => {
      const file = files.current.get(fileName);
      if (!file) return;
      const headers = meta.reports.find((r) => r.fileName === fileName)?.headers;
      if (headers) void rememberMapping(headers, mapping);
      run(
        (db, opts) =>
          importFiles(db, [file], {
            ...opts,
            mappingOverrides: { [fileName]: mapping },
            crsByFile: settingsByFile.current,
            replaceExisting: true,
          }),
        false,
      );
    },
    [run, meta],
  );

  const dismiss = useCallback(() => {
    const refused = state?.result?.refused ?? [];
    if (coordinator && refused.length)
      void coordinator.mutate((db) => Promise.all(refused.map((r) => discardRefused(db, r))));
    setState(null);
  }, [coordinator, state]);

  return {
    state,
    start,
    confirm,
    dropAndContinue,
    canRemap: (fileName) => files.current.has(fileName),
    remap,
    cancel: () => abort.current?.abort(),
    dismiss,
  };
}
