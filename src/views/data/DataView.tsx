import { useState } from 'react';
import { useApp } from '../../app/app-context';
import { useQuery } from '../../app/hooks/use-query';
import { formatNumber } from '../../app/i18n/format';
import type { DatasetMeta } from '../../app/boot/boot-data';
import { loadDemoData } from '../../app/boot/boot-data';
import type { Importer } from '../../app/import/use-import';
import { clearSavedData, saveTables } from '../../app/storage/persist-tables';
import { Panel } from '../shared/Panel';
import { clearTables } from '../../core/db/clear-tables';
import { LOADED_DATASETS_QUERY, type LoadedDataset } from './queries';
import { FileReport } from './FileReport';
import { RemapContext } from './remap-context';

interface Props {
  meta: DatasetMeta;
  importer: Importer;
  onDataChanged(meta: DatasetMeta): void;
}

export function DataView({ meta, importer, onDataChanged }: Props) {
  const { t, lang, coordinator } = useApp();
  const datasets = useQuery<LoadedDataset & Record<string, unknown>>('data.datasets', LOADED_DATASETS_QUERY);
  const [busy, setBusy] = useState(false);
  const n = (v: number) => formatNumber(lang, v);

  const clearAll = async () => {
    if (!window.confirm(t('data.clear.confirm'))) return;
    setBusy(true);
    try {
      await coordinator.mutate(clearTables);
      await clearSavedData();
      const next: DatasetMeta = { demo: false, reports: [] };
      await saveTables(coordinator.db, next);
      onDataChanged(next);
    } finally {
      setBusy(false);
    }
  };

  const reloadDemo = async () => {
    setBusy(true);
    try {
      await coordinator.mutate(clearTables);
      onDataChanged(await loadDemoData(coordinator));
    } finally {
      setBusy(false);
    }
  };

  const rows = datasets.rows ?? [];
  const episodes = rows.filter((r) => r.kind === 'cases').reduce((s, r) => s + r.rows, 0);
  return (
    <RemapContext.Provider value={importer}>
      <div className="data-view">
        <Panel title={t('data.import.title')}>
          <p>{t('data.import.how')}</p>
          <p className="note">{t('data.import.formats')}</p>
          <div className="row">
            <label className="primary-file">
              <span className="button primary">{t('header.import')}</span>
              <input
                type="file"
                multiple
                hidden
                onChange={(e) => {
                  const files = Array.from(e.target.files ?? []);
                  e.target.value = '';
                  if (files.length) importer.start(files);
                }}
              />
            </label>
            <button onClick={() => void reloadDemo()} disabled={busy}>
              {t('data.demo.load')}
            </button>
            <button className="danger" onClick={() => void clearAll()} disabled={busy} data-testid="clear-all">
              {t('data.clear.button')}
            </button>
          </div>
          <p className="note">{t('data.privacy')}</p>
        </Panel>
        <Panel title={t('data.loaded.title')}>
          <table className="data-table" data-testid="loaded-datasets">
            <thead>
              <tr>
                <th>{t('import.report.file')}</th>
                <th>{t('import.report.kind')}</th>
                <th className="num">{t('data.loaded.rows')}</th>
                <th>{t('data.loaded.span')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}:${r.source_file}`}>
                  <td>{r.source_file}</td>
                  <td>{t(`import.kind.${r.kind}`)}</td>
                  <td className="num">{n(r.rows)}</td>
                  <td>
                    {r.first_day} – {r.last_day}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="dataset-total">{t('import.report.total', { n: n(episodes) })}</p>
        </Panel>
        {meta.reports.length > 0 && (
          <Panel title={t('data.reports.title')}>
            {meta.reports.map((r, i) => (
              <FileReport key={`${r.fileName}-${i}`} report={r} />
            ))}
          </Panel>
        )}
      </div>
    </RemapContext.Provider>
  );
}
