import { createPortal } from 'react-dom';
import type { OriginTranslate } from './messages';
import type { SheetModel } from './sheet';
import { formatNumber, type Lang } from '../shared/i18n/format';

interface Props {
  model: SheetModel | null;
  sender: { sender: string; contact: string };
  onSenderChange(v: { sender: string; contact: string }): void;
  onExportXlsx(): void;
  onExportCsv(): void;
  onClose(): void;
  t: OriginTranslate;
  lang: Lang;
}

function ListTable({ header, rows, empty, testId }: { header: string[]; rows: string[][]; empty: string; testId: string }) {
  if (rows.length === 0) return <p data-testid={testId}>{empty}</p>;
  return (
    <table className="sheet-table" data-testid={testId}>
      <thead>
        <tr>{header.map((h) => <th key={h}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
} // prettier-ignore

/**
 * The coordination sheet as an A4 letter (反馈至流出地): a preview over the page, printed alone by the print
 * style sheet (origins.css, @media print). Sender and contact are typed once and remembered.
 */
export function CoordinationSheet({ model, sender, onSenderChange, onExportXlsx, onExportCsv, onClose, t, lang }: Props) {
  return createPortal(
    <div className="sheet-overlay" role="dialog" aria-modal="true" aria-label={t('og.sheet.dialog')}>
      <div className="sheet-toolbar no-print">
        <label>
          {t('og.sheet.sender')}
          <input value={sender.sender} onChange={(e) => onSenderChange({ ...sender, sender: e.target.value })} data-testid="og-sheet-sender" />
        </label>
        <label>
          {t('og.sheet.contactInput')}
          <input value={sender.contact} onChange={(e) => onSenderChange({ ...sender, contact: e.target.value })} data-testid="og-sheet-contact" />
        </label>
        <button type="button" className="primary" disabled={!model} onClick={() => window.print()} data-testid="og-sheet-print">{t('og.sheet.print')}</button>
        <button type="button" disabled={!model} onClick={onExportXlsx} data-testid="og-sheet-xlsx">{t('og.export.xlsx')}</button>
        <button type="button" disabled={!model} onClick={onExportCsv} data-testid="og-sheet-csv">{t('og.export.csv')}</button>
        <button type="button" onClick={onClose} data-testid="og-sheet-close">{t('common.close')}</button>
      </div>
      {model ? (
        <article className="sheet-page" data-testid="og-sheet">
          <h1>{model.title}</h1>
          <p className="sheet-addressee">{model.addressee}</p>
          <p className="sheet-body">{model.body}</p>
          <h2>{t('og.sheet.summaryTitle')}</h2>
          <table className="sheet-table sheet-summary" data-testid="og-sheet-summary">
            <tbody>
              {model.summary.map((s) => (
                <tr key={s.label}><th>{s.label}</th><td>{typeof s.value === 'number' ? `${formatNumber(lang, s.value)}${s.unit ? ` ${s.unit}` : ''}` : s.value}</td></tr>
              ))}
            </tbody>
          </table>
          <h2>{t('og.sheet.returnersTitle')}</h2>
          <ListTable header={model.returnersHeader} rows={model.returners} empty={t('og.sheet.none')} testId="og-sheet-returners" />
          <h2>{t('og.sheet.poorTitle')}</h2>
          <ListTable header={model.poorHeader} rows={model.poor} empty={t('og.sheet.none')} testId="og-sheet-poor" />
          <p className="sheet-request">{t('og.sheet.request')}</p>
          <p className="sheet-contact">{model.contact}</p>
          <p className="sheet-note">{model.note}</p>
        </article>
      ) : (
        <p className="sheet-page">{t('common.loading')}</p>
      )}
    </div>,
    document.body,
  );
} // prettier-ignore
