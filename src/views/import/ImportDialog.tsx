import { useApp } from '../shared/app-context';
import { formatBytes, formatNumber } from '../shared/i18n/format';
import { useTranslate } from '../shared/use-translate';
import { importMessages } from './messages';
import type { Importer } from './importer';
import { ImportSummary } from './ImportSummary';
import { ImportSettingsForm } from './ImportSettingsForm';

/** Progress while an import runs (with cancel), then its report, wherever the user is. */
export function ImportDialog({ importer }: { importer: Importer }) {
  const { lang } = useApp();
  const t = useTranslate(importMessages);
  const s = importer.state;
  if (!s) return null;
  const p = s.progress;
  const share = p && p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 0;
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label={t('import.dialog.title')}>
      <div className="dialog" data-testid="import-dialog">
        <h2>
          {s.pending ? t('import.settings.title') : s.running ? t('import.dialog.running') : t('import.dialog.title')}
        </h2>
        {s.pending && (
          <ImportSettingsForm
            t={t}
            files={s.pending}
            memory={s.memory}
            onConfirm={importer.confirm}
            onCancel={importer.dismiss}
          />
        )}
        {s.running && (
          <>
            {p && (
              <p>
                {t('import.progress.file', { file: p.fileName, index: p.fileIndex + 1, count: p.fileCount })} ·{' '}
                {t(`import.progress.phase.${p.phase}`)}
              </p>
            )}
            <div className="progress" aria-label={t('import.dialog.running')}>
              <div style={{ width: `${Math.round(share * 100)}%` }} />
            </div>
            {p && (
              <p className="note">
                {formatBytes(lang, p.bytesDone)} / {formatBytes(lang, p.bytesTotal)}
                {s.mbPerSecond !== null && ` · ${formatNumber(lang, s.mbPerSecond, 1)} MB/s`}
                {p.rowsDone !== undefined && ` · ${t('import.progress.rows', { n: formatNumber(lang, p.rowsDone) })}`}
              </p>
            )}
            <button onClick={importer.cancel}>{t('common.cancel')}</button>
          </>
        )}
        {s.error && <div className="banner error">{t('common.error', { message: s.error })}</div>}
        {s.saveError && <div className="banner error">{t('import.saveFailed', { message: s.saveError })}</div>}
        {s.result && <ImportSummary result={s.result} onDropAndContinue={importer.dropAndContinue} />}
        {s.saving && !s.saveError && (
          <p className="note" data-testid={s.saving.done ? 'import-saved' : 'import-saving'}>
            {s.saving.done
              ? t('import.saved')
              : t('import.saving', {
                  share: formatNumber(lang, s.saving.total > 0 ? (100 * s.saving.rows) / s.saving.total : 0),
                })}
          </p>
        )}
        {!s.running && !s.pending && (
          <div className="row">
            <button className="primary" onClick={importer.dismiss}>
              {t('common.close')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
