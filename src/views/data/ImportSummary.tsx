import { useApp } from '../../app/app-context';
import { formatNumber } from '../../app/i18n/format';
import type { ImportResult, RefusedFile } from '../../core/import/import-pipeline';
import { downloadRejects } from './download-rejects';

/** The import report: files, rows read / loaded / rejected, and the episodes now in the dataset. */
export function ImportSummary({
  result,
  onDropAndContinue,
}: {
  result: ImportResult;
  onDropAndContinue?: (r: RefusedFile) => void;
}) {
  const { t, lang, coordinator } = useApp();
  const n = (v: number) => formatNumber(lang, v);
  return (
    <div className="import-summary" data-testid="import-summary">
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('import.report.file')}</th>
            <th>{t('import.report.kind')}</th>
            <th className="num">{t('import.report.read')}</th>
            <th className="num">{t('import.report.loaded')}</th>
            <th className="num">{t('import.report.rejected')}</th>
            <th className="num">{t('import.report.duplicates')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {result.reports.map((r) => (
            <tr key={r.fileName}>
              <td>{r.fileName}</td>
              <td>{t(`import.kind.${r.kind}`)}</td>
              <td className="num">{n(r.rowsRead)}</td>
              <td className="num">{n(r.rowsLoaded)}</td>
              <td className="num">{n(r.rowsRejected)}</td>
              <td className="num">{n(r.duplicatesSkipped)}</td>
              <td>
                {r.rowsRejected > 0 && (
                  <button
                    className="ghost small"
                    onClick={() => void downloadRejects(coordinator.db, (k, p) => t(k, p), r.fileName)}
                  >
                    {t('import.report.downloadRejects')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="total-episodes" data-testid="total-episodes">
        {t('import.report.total', { n: n(result.totalEpisodes) })}
      </p>
      {result.reports
        .filter((r) => (r.districts?.disagreements ?? 0) > 0)
        .map((r) => (
          <p key={r.fileName} className="note" data-testid="district-disagreements">
            {t('import.report.districtDisagreements', { file: r.fileName, n: n(r.districts?.disagreements ?? 0) })}
          </p>
        ))}
      {result.refused.map((r) => (
        <div key={r.fileName} className="banner error" data-testid="pii-refusal">
          <b>{t('import.pii.refused', { file: r.fileName })}</b>
          <ul>
            {r.findings.map((f) => (
              <li key={`${f.columnIndex}-${f.rule}`}>
                {t(`import.pii.rule.${f.rule}`, { column: f.header, rows: n(f.matchedRows) })}
              </li>
            ))}
          </ul>
          <p className="note">{t('import.pii.howTo')}</p>
          {onDropAndContinue && (
            <button className="primary" onClick={() => onDropAndContinue(r)} data-testid="pii-drop">
              {t('import.pii.drop')}
            </button>
          )}
        </div>
      ))}
      {result.errors.map((e) => (
        <div key={e.fileName} className="banner error">
          {e.fileName}: {t(e.message.key, { file: e.fileName, ...e.message.params })}
        </div>
      ))}
    </div>
  );
}
