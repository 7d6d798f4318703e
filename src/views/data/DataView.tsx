import { useState } from 'react';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { formatNumber } from '../shared/i18n/format';
import type { DatasetMeta } from '../shared/dataset-meta';
import type { Importer } from '../import/importer';
import { Panel } from '../shared/Panel';
import { ImportButton } from '../shared/ImportButton';
import { LOADED_DATASETS_QUERY, type LoadedDataset } from './queries';
import { FileReport } from './FileReport';
import { RemapContext } from './remap-context';
import { useTranslate } from '../shared/use-translate';
import { dataViewMessages } from './messages';

/** What the Data view may do to the loaded data; the shell carries it out (tables, saved copy, demo set). */
export interface DataCommands {
  clearAll(): Promise<void>;
  reloadDemo(): Promise<void>;
}

interface Props {
  meta: DatasetMeta;
  importer: Importer;
  commands: DataCommands;
}

export function DataView({ meta, importer, commands }: Props) {
  const { lang } = useApp();
  const t = useTranslate(dataViewMessages);
  const datasets = useQuery<LoadedDataset & Record<string, unknown>>('data.datasets', LOADED_DATASETS_QUERY);
  const [busy, setBusy] = useState(false);
  const n = (v: number) => formatNumber(lang, v);

  const runBusy = async (command: () => Promise<void>) => {
    setBusy(true);
    try {
      await command();
    } finally {
      setBusy(false);
    }
  };
  const clearAll = () => {
    if (window.confirm(t('data.clear.confirm'))) void runBusy(commands.clearAll);
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
            <ImportButton label={t('common.import')} onFiles={importer.start} />
            <button onClick={() => void runBusy(commands.reloadDemo)} disabled={busy}>
              {t('data.demo.load')}
            </button>
            <button className="danger" onClick={clearAll} disabled={busy} data-testid="clear-all">
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
