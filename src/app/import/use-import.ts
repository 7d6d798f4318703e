import { useCallback, useRef, useState } from 'react';
import type { DbConnector } from '../../core/db/connector';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import {
  continueWithoutColumns,
  discardRefused,
  headerSignature,
  importFiles,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  type RefusedFile,
} from '../../core/import/import-pipeline';
import { checkImportFits, type MemoryFit } from '../../core/import/memory-fit';
import type { SourceFile, StageEncoding } from '../../core/import/source-file';
import type { Crs } from '../../core/geo/coords';
import type { DatasetMeta } from '../boot/boot-data';
import { getDistrictBoundaries } from '../boot/district-boundaries';
import { getOriginResolver } from '../boot/origin-resolver';
import { loadSetting, saveSetting, saveTables } from '../storage/persist-tables';
import { clearTables } from '../../core/db/clear-tables';

/** What the user says about the files before they are read: the datum of coordinates without a 坐标系 column. */
export interface ImportSettings {
  crsByFile: Record<string, Crs>;
  encoding: StageEncoding;
}

export interface ImportRun {
  /** files picked, waiting for the user to confirm the settings */
  pending: SourceFile[] | null;
  /** by file name, once known: whether each picked file fits in the engine's memory */
  memory?: Record<string, MemoryFit>;
  running: boolean;
  progress: ImportProgress | null;
  /** megabytes read per second so far */
  mbPerSecond: number | null;
  startedAt: number;
  result: ImportResult | null;
  error: string | null;
  /** set when the loaded data could not be kept for the next visit */
  saveError?: string | null;
  /**
   * Saving for the next visit, which runs after the report is shown: rows saved of the total, and `done`
   * when finished. The data are in use meanwhile; closing the dialog does not stop the save.
   */
  saving?: { rows: number; total: number; done: boolean } | null;
}

export interface Importer {
  state: ImportRun | null;
  /** shows the settings step for the picked files */
  start(files: SourceFile[]): void;
  confirm(settings: ImportSettings): void;
  /** goes on with a file the personal-data guard refused, without its flagged columns */
  dropAndContinue(refused: RefusedFile): void;
  canRemap(fileName: string): boolean;
  remap(fileName: string, mapping: Record<string, number>): void;
  cancel(): void;
  dismiss(): void;
}

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
          const clearDemo = replacesDemo && meta.demo;
          const result = await coordinator.mutate(async (db) => {
            if (clearDemo) await clearTables(db);
            return work(db, {
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
          });
          const replaced = new Set(result.reports.map((r) => r.fileName));
          const kept = clearDemo ? [] : meta.reports.filter((r) => !replaced.has(r.fileName));
          const next: DatasetMeta = { demo: meta.demo && !clearDemo, reports: [...kept, ...result.reports] };
          onDataChanged(next);
          setState((s) => (s ? { ...s, running: false, result, saving: { rows: 0, total: 0, done: false } } : s));
          // The data are loaded whatever happens here; a failed save only means a reload starts over.
          const saveError = await saveTables(coordinator.db, next, undefined, undefined, {
            run: (work) => coordinator.schedule(work),
            onProgress: (rows, total) =>
              setState((s) => (s?.saving ? { ...s, saving: { rows, total, done: false } } : s)),
          }).then(
            () => null,
            (e: unknown) => (e instanceof Error ? e.message : String(e)),
          );
          setState((s) => (s?.saving ? { ...s, saving: { ...s.saving, done: true }, saveError } : s));
        } catch (err) {
          setState((s) => (s ? { ...s, running: false, error: err instanceof Error ? err.message : String(err) } : s));
        } finally {
          abort.current = null;
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
        picked.map(async (f) => [f.name, await coordinator.schedule((db) => checkImportFits(db, f))] as const),
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
