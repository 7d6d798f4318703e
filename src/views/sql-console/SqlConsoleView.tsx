import { useState } from 'react';
import { useApp } from '../shared/app-context';
import { formatNumber } from '../shared/i18n/format';
import { toCsv } from '../../core/export/csv';
import { downloadText } from '../shared/download';
import { Panel } from '../shared/Panel';
import { buildLimitedQuery, checkReadOnlySql, SQL_EXAMPLES } from './queries';
import { useTranslate } from '../shared/use-translate';
import { sqlConsoleMessages } from './messages';

const LIMIT = 10_000;
const SHOWN = 500;

export function SqlConsoleView() {
  const { coordinator, lang } = useApp();
  const t = useTranslate(sqlConsoleMessages);
  const [text, setText] = useState(SQL_EXAMPLES[0]!);
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    const checked = checkReadOnlySql(text);
    if (!checked.ok) {
      setError(t(`sql.error.${checked.reason}`));
      return;
    }
    setRunning(true);
    setError(null);
    try {
      setRows(await coordinator.db.query(buildLimitedQuery(checked.sql, LIMIT)));
    } catch (err) {
      setRows(null);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(false);
    }
  };

  const columns = rows && rows.length ? Object.keys(rows[0]!) : [];
  return (
    <div className="sql-console">
      <Panel title={t('sql.title')}>
        <p className="note">{t('sql.hint', { limit: formatNumber(lang, LIMIT) })}</p>
        <textarea
          className="sql-input"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
          }}
          aria-label={t('sql.title')}
        />
        <div className="row">
          <button className="primary" onClick={() => void run()} disabled={running}>
            {t('sql.run')}
          </button>
          <span className="filter-label">{t('sql.examples')}</span>
          {SQL_EXAMPLES.map((ex, i) => (
            <button key={ex} className="ghost small" onClick={() => setText(ex)}>
              {i + 1}
            </button>
          ))}
        </div>
        {error && <div className="banner error">{error}</div>}
      </Panel>
      {rows && (
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
                    rows.map((r) => columns.map((c) => r[c])),
                  ),
                )
              }
            >
              {t('common.downloadCsv')}
            </button>
          }
        >
          <div className="table-scroll">
            <table className="data-table">
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
                      <td key={c}>{formatCell(r[c])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      )}
    </div>
  );
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
