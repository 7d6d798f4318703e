import { useApp } from '../shared/app-context';
import { formatNumber } from '../shared/i18n/format';
import { useTranslate } from '../shared/use-translate';
import { sqlConsoleMessages } from './messages';
import { toCsv } from '../../core/export/csv';
import type { Row } from '../../core/db/connector';
import { downloadText } from '../shared/download';
import { Panel } from '../shared/Panel';
import { csvConsoleCell, formatConsoleCell, typeOf } from './console-cells';
import type { ConsoleColumn } from './run-console-query';

const SHOWN = 500;

/** The console's answer: the first rows as a table, all of them as CSV. */
export function ConsoleResult({ rows, columns: described }: { rows: Row[]; columns: ConsoleColumn[] }) {
  const { lang } = useApp();
  const t = useTranslate(sqlConsoleMessages);
  const columns = rows.length ? Object.keys(rows[0]!) : [];
  return (
    <Panel
      title={`${t('sql.result')} · ${t('sql.rows', { n: formatNumber(lang, rows.length) })}`}
      actions={
        <button
          className="ghost small"
          onClick={() =>
            downloadText(
              'query-result.csv',
              toCsv(
                columns,
                rows.map((r) => columns.map((c) => csvConsoleCell(r[c], typeOf(described, c)))),
              ),
            )
          }
        >
          {t('common.downloadCsv')}
        </button>
      }
    >
      <div className="table-scroll">
        <table className="data-table" data-testid="sql-result">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{formatConsoleCell(r[c], typeOf(described, c), lang)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
