import { useApp } from '../shared/app-context';
import { formatNumber } from '../shared/i18n/format';
import type { FileImportReport } from '../../core/import/import-report';
import { downloadRejects } from '../import/download-rejects';
import { MappingEditor } from './MappingEditor';
import { useTranslate } from '../shared/use-translate';
import { dataViewMessages } from './messages';
import { runtimeKey } from '../shared/i18n/translate';

/** Everything the import did to one file: counts, reasons, mapping, unmapped labels, coordinates. */
export function FileReport({ report: r }: { report: FileImportReport }) {
  const { lang, coordinator } = useApp();
  const t = useTranslate(dataViewMessages);
  const n = (v: number) => formatNumber(lang, v);
  const converted = Object.entries(r.coordinatesConverted).filter(([crs]) => crs !== 'WGS84');
  const stat = (label: string, value: number) => (
    <div className="stat">
      <span className="filter-label">{label}</span>
      <b>{n(value)}</b>
    </div>
  );
  return (
    <details className="file-report" open>
      <summary>
        <b>{r.fileName}</b> · {t(`import.kind.${r.kind}`)} · {r.format.toUpperCase()}
        {r.encoding && ` · ${r.encoding}`}
        {r.sheet && ` · ${t('import.report.sheet', { sheet: r.sheet, row: r.headerRowNumber ?? 1 })}`}
      </summary>
      <div className="stat-grid">
        {stat(t('import.report.read'), r.rowsRead)}
        {stat(t('import.report.loaded'), r.rowsLoaded)}
        {stat(t('import.report.rejected'), r.rowsRejected)}
        {stat(t('import.report.duplicates'), r.duplicatesSkipped)}
        {stat(t('import.report.unmappable'), r.coordinatesUnmappable)}
      </div>
      {converted.length > 0 && (
        <p>{converted.map(([crs, count]) => t('import.report.converted', { crs, n: n(count ?? 0) })).join('；')}</p>
      )}
      {r.districts && (
        <p data-testid="district-report">
          {t('import.report.districts', { located: n(r.districts.fromCoordinates), fromFile: n(r.districts.fromFile) })}
          {r.districts.disagreements > 0 &&
            `；${t('import.report.districtDisagreements', { file: r.fileName, n: n(r.districts.disagreements) })}`}
        </p>
      )}
      {r.rowsRejected > 0 && (
        <div>
          <h3>{t('import.report.rejectReasons')}</h3>
          <ul>
            {Object.entries(r.rejectReasons).map(([key, count]) => (
              <li key={key}>
                {t(runtimeKey(key))}：{n(count)}
              </li>
            ))}
          </ul>
          <button
            className="ghost small"
            onClick={() => void downloadRejects(coordinator, (k, p) => t(runtimeKey(k), p), r.fileName)}
          >
            {t('import.report.downloadRejects')}
          </button>
        </div>
      )}
      {r.unmappedLabels.length > 0 && (
        <div>
          <h3>{t('import.report.unmappedLabels')}</h3>
          <table className="data-table compact">
            <thead>
              <tr>
                <th>{t('import.report.column')}</th>
                <th>{t('import.report.label')}</th>
                <th className="num">{t('import.report.rows')}</th>
              </tr>
            </thead>
            <tbody>
              {r.unmappedLabels.map((u) => (
                <tr key={`${u.column}:${u.label}`}>
                  <td>{u.column}</td>
                  <td>{u.label}</td>
                  <td className="num">{n(u.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.warnings.length > 0 && (
        <ul className="warnings">
          {r.warnings.map((w, i) => (
            <li key={i}>{t(runtimeKey(w.key), { file: r.fileName, ...w.params })}</li>
          ))}
        </ul>
      )}
      <MappingEditor report={r} />
    </details>
  );
}
