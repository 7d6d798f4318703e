import { useApp } from '../shared/app-context';
import { formatNumber } from '../shared/i18n/format';
import type { ImportResult, RefusedFile } from '../../core/import/import-pipeline';
import { downloadRejects } from './download-rejects';
import { useTranslate } from '../shared/use-translate';
import { importMessages } from './messages';
import { runtimeKey } from '../shared/i18n/translate';

/** The import report: files, rows read / loaded / rejected, and the episodes now in the dataset. */
export function ImportSummary({
  result,
  onDropAndContinue,
}: {
  result: ImportResult;
  onDropAndContinue?: (r: RefusedFile) => void;
}) {
  const { lang, coordinator } = useApp();
  const t = useTranslate(importMessages);
  const n = (v: number) => formatNumber(lang, v);
  return (
    <div className="import-summary" data-testid="import-summary">
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('import.report.file')}</th>
              <th>{t('import.report.kind')}</th>
              <th className="num">{t('import.report.read')}</th>
              <th className="num">{t('import.report.loaded')}</th>
              <th className="num">{t('import.report.rejected')}</th>
              <th className="num">{t('import.report.duplicates')}</th>
              <th className="num">{t('import.report.unmappable')}</th>
              <th>{t('import.report.coordinates')}</th>
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
                <td className="num">{n(r.coordinatesUnmappable)}</td>
                <td>
                  {Object.entries(r.coordinatesConverted)
                    .filter(([crs, count]) => crs !== 'WGS84' && count)
                    .map(([crs, count]) => t('import.report.convertedShort', { crs, n: n(count ?? 0) }))
                    .join('；')}
                </td>
                <td>
                  {r.rowsRejected > 0 && (
                    <button
                      className="ghost small"
                      onClick={() => void downloadRejects(coordinator, (k, p) => t(runtimeKey(k), p), r.fileName)}
                    >
                      {t('import.report.downloadRejects')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.reports.some((r) => r.unmappedLabels.length > 0) && (
        <div data-testid="import-unmapped-labels">
          <p className="note">{t('import.report.unmappedLabels')}</p>
          <ul className="warnings">
            {result.reports.flatMap((r) =>
              r.unmappedLabels.map((u) => (
                <li key={`${r.fileName}:${u.column}:${u.label}`}>
                  {t('import.report.unmappedLabel', {
                    file: r.fileName,
                    column: u.column,
                    label: u.label,
                    n: n(u.count),
                  })}
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      {result.reports.some((r) => r.warnings.length > 0) && (
        <ul className="warnings" data-testid="import-warnings">
          {result.reports.flatMap((r) =>
            r.warnings.map((w, i) => (
              <li key={`${r.fileName}-${i}`}>{t(runtimeKey(w.key), { file: r.fileName, ...w.params })}</li>
            )),
          )}
        </ul>
      )}
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
          {e.fileName}: {t(runtimeKey(e.message.key), { file: e.fileName, ...e.message.params })}
        </div>
      ))}
    </div>
  );
}
