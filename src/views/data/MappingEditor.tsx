import { useMemo, useState } from 'react';
import type { FileImportReport } from '../../core/import/import-report';
import { CASE_FIELDS, PATROL_FIELDS } from '../../core/import/header-aliases';
import { useRemap } from './remap-context';
import { useTranslate } from '../shared/use-translate';
import { importMessages } from '../import/messages';
import { runtimeKey } from '../shared/i18n/translate';

/**
 * Header → canonical column, editable. Re-importing with the edited mapping replaces this file's rows;
 * it needs the file itself, which the page keeps only for files imported in this session.
 */
export function MappingEditor({ report }: { report: FileImportReport }) {
  const t = useTranslate(importMessages);
  const remap = useRemap();
  const fields: readonly string[] = report.kind === 'patrols' ? PATROL_FIELDS : CASE_FIELDS;
  const initial = useMemo(() => {
    const m: Record<string, string> = {};
    for (const h of report.headers) m[h] = report.columnsMapped[h] ?? '';
    return m;
  }, [report]);
  const [draft, setDraft] = useState(initial);
  const changed = report.headers.some((h) => draft[h] !== initial[h]);
  const canRemap = remap?.canRemap(report.fileName) ?? false;
  if (report.kind === 'unknown') return null;
  return (
    <details className="mapping-editor">
      <summary>{t('import.mapping.title')}</summary>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>{t('import.mapping.header')}</th>
            <th>{t('import.mapping.field')}</th>
          </tr>
        </thead>
        <tbody>
          {report.headers.map((h) => (
            <tr key={h}>
              <td>{h}</td>
              <td>
                <select value={draft[h] ?? ''} onChange={(e) => setDraft({ ...draft, [h]: e.target.value })}>
                  <option value="">{t('import.mapping.ignore')}</option>
                  {fields.map((f) => (
                    <option key={f} value={f}>
                      {t(runtimeKey(`field.${f}`))}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button
          className="primary"
          disabled={!changed || !canRemap}
          onClick={() => {
            const mapping: Record<string, number> = {};
            report.headers.forEach((h, i) => {
              const f = draft[h];
              if (f) mapping[f] = i;
            });
            remap?.remap(report.fileName, mapping);
          }}
        >
          {t('import.mapping.apply')}
        </button>
        {!canRemap && <span className="note">{t('import.mapping.needFile')}</span>}
      </div>
    </details>
  );
}
