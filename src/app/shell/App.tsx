import { useCallback, useEffect, useMemo, useState } from 'react';
import { QueryCoordinator } from '../../core/db/query-coordinator';
import { resolvePeriod, type DataSpan } from '../../core/calendar/periods';
import { EMPTY_FILTERS, type GlobalFilters } from '../../core/filters';
import { AppContext, type AppContextValue } from '../../views/shared/app-context';
import { createTranslator, mergeMessages } from '../../views/shared/i18n/translate';
import { sharedMessages } from '../../views/shared/messages';
import { shellMessages } from './messages';
import { openDatabase } from '../boot/open-database';
import { Header } from './Header';
import { FilterBar } from './FilterBar';
import { DropZone } from './DropZone';
import { useUrlState } from './use-url-state';
import { queryDataSpan, queryDistricts } from './data-span';
import { ViewOutlet } from './ViewOutlet';
import { WaitingNote } from './WaitingNote';
import { useImport } from '../import/use-import';
import { ImportDialog } from '../../views/import/ImportDialog';
import { bootData, type BootStep } from '../boot/boot-data';
import { createDataCommands } from '../boot/data-commands';
import type { DatasetMeta } from '../../views/shared/dataset-meta';

interface Ready {
  coordinator: QueryCoordinator;
}

export function App() {
  const [url, setUrl] = useUrlState();
  const t = useMemo(() => createTranslator(mergeMessages(shellMessages, sharedMessages), url.lang), [url.lang]);
  const [ready, setReady] = useState<Ready | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [bootStep, setBootStep] = useState<BootStep>('app.loadingEngine');
  const [dataVersion, setDataVersion] = useState(0);
  const [span, setSpan] = useState<DataSpan | null>(null);
  const [districts, setDistricts] = useState<string[]>([]);
  const [meta, setMeta] = useState<DatasetMeta>({ demo: false, reports: [] });

  useEffect(() => {
    document.documentElement.lang = url.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('app.title')} · Outreach Atlas`;
  }, [url.lang, t]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const db = await openDatabase();
      const coordinator = new QueryCoordinator(db);
      const restored = await bootData(coordinator, setBootStep);
      if (cancelled) return;
      setMeta(restored);
      setReady({ coordinator });
      setDataVersion((v) => v + 1);
    })().catch((err: unknown) => setBootError(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    void queryDataSpan(ready.coordinator).then(setSpan);
    void queryDistricts(ready.coordinator).then(setDistricts);
  }, [ready, dataVersion]);

  const onDataChanged = useCallback((next: DatasetMeta) => {
    setMeta(next);
    setDataVersion((v) => v + 1);
  }, []);

  const importer = useImport(ready?.coordinator ?? null, meta, onDataChanged);
  const commands = useMemo(
    () => (ready ? createDataCommands(ready.coordinator, onDataChanged) : null),
    [ready, onDataChanged],
  );

  const resolved = useMemo(
    () => (url.preset === 'custom' || !span ? null : resolvePeriod(url.preset, span)),
    [url.preset, span],
  );
  const effective: GlobalFilters = useMemo(
    () =>
      url.preset === 'custom' || !span
        ? url.filters
        : { ...url.filters, from: resolved?.from ?? null, to: resolved?.to ?? null },
    [url.preset, url.filters, span, resolved],
  );

  const setParam = useCallback(
    (key: string, value: string | null) =>
      setUrl((s) => {
        const params = { ...s.params };
        if (value === null) delete params[key];
        else params[key] = value;
        return { ...s, params };
      }),
    [setUrl],
  );

  const context: AppContextValue | null =
    ready && commands
      ? {
          coordinator: ready.coordinator,
          lang: url.lang,
          filters: effective,
          dataVersion,
          span,
          params: url.params,
          setParam,
          importFiles: importer.start,
        }
      : null;

  return (
    <div className="app">
      <Header
        t={t}
        view={url.view}
        demo={meta.demo}
        onView={(view) => setUrl((s) => ({ ...s, view }))}
        onToggleLang={() => setUrl((s) => ({ ...s, lang: s.lang === 'zh' ? 'en' : 'zh' }))}
        onFiles={importer.start}
      />
      <DropZone t={t} onFiles={importer.start} />
      {bootError && <div className="banner error">{t('app.engineFailed', { message: bootError })}</div>}
      {!context && !bootError && <div className="boot">{t(bootStep)}</div>}
      {context && commands && (
        <AppContext.Provider value={context}>
          {meta.demo && <div className="banner demo">{t('app.demoNotice')}</div>}
          <FilterBar
            t={t}
            preset={url.preset}
            partial={resolved?.partial ?? false}
            effective={effective}
            districts={districts}
            hidePeriod={url.view === 'briefing'}
            onPreset={(preset) => setUrl((s) => ({ ...s, preset, filters: { ...s.filters, from: null, to: null } }))}
            onChange={(change) =>
              setUrl((s) => {
                const datesChanged = 'from' in change || 'to' in change;
                const base =
                  datesChanged && s.preset !== 'custom'
                    ? { ...s.filters, from: effective.from, to: effective.to }
                    : s.filters;
                return { ...s, preset: datesChanged ? 'custom' : s.preset, filters: { ...base, ...change } };
              })
            }
            onReset={() => setUrl((s) => ({ ...s, preset: 'all', filters: EMPTY_FILTERS }))}
          />
          <WaitingNote coordinator={context.coordinator} t={t} />
          <main className="view">
            <ViewOutlet view={url.view} meta={meta} importer={importer} commands={commands} t={t} />
          </main>
          <ImportDialog importer={importer} />
        </AppContext.Provider>
      )}
      <footer className="app-footer">{t('app.offline')}</footer>
    </div>
  );
}
