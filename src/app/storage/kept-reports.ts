import type { FileImportReport } from '../../core/import/import-report';

/**
 * An import report as the Data view keeps it (in memory and in IndexedDB): the names of personal-data
 * columns the user dropped are replaced by their number. The import dialog still names them once, while
 * the user decides; nothing kept afterwards does.
 */
export function redactDroppedColumns(report: FileImportReport): FileImportReport {
  return {
    ...report,
    warnings: report.warnings.map((w) => {
      if (w.key !== 'import.warning.columnsDropped') return w;
      const columns = String(w.params?.columns ?? '');
      const n = columns ? columns.split('、').length : 0;
      return { key: 'import.warning.personalColumnsDropped', params: { file: report.fileName, n } };
    }),
  };
}
