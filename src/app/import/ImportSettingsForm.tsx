import { useState } from 'react';
import type { Crs } from '../../core/geo/coords';
import type { MemoryFit } from '../../core/import/memory-fit';
import type { SourceFile, StageEncoding } from '../../core/import/source-file';
import type { Translate } from '../i18n/translate';
import type { ImportSettings } from './use-import';

const DATUMS: Crs[] = ['WGS84', 'GCJ02', 'BD09'];
const ENCODINGS: StageEncoding[] = ['auto', 'utf-8', 'gb18030', 'utf-16le'];

/** The one thing a file cannot tell us: which datum its coordinates are in when it has no 坐标系 column. */
export function ImportSettingsForm({
  t,
  files,
  memory,
  onConfirm,
  onCancel,
}: {
  t: Translate;
  files: readonly SourceFile[];
  /** by file name: whether the file fits in the engine's memory (see checkImportFits) */
  memory?: Readonly<Record<string, MemoryFit>>;
  onConfirm(settings: ImportSettings): void;
  onCancel(): void;
}) {
  const [crs, setCrs] = useState<Record<string, Crs>>(() => Object.fromEntries(files.map((f) => [f.name, 'WGS84'])));
  const [encoding, setEncoding] = useState<StageEncoding>('auto');
  return (
    <form
      data-testid="import-settings"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm({ crsByFile: crs, encoding });
      }}
    >
      <p className="note">{t('import.settings.crsHint')}</p>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>{t('import.report.file')}</th>
            <th>{t('import.settings.crs')}</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.name}>
              <td>
                {f.name}
                {memory?.[f.name] && !memory[f.name]!.fits && (
                  <div className="banner error" data-testid="import-too-large">
                    {t('import.settings.tooLarge', {
                      needed: Math.ceil(memory[f.name]!.needed / 2 ** 20),
                      available: Math.floor(memory[f.name]!.available / 2 ** 20),
                    })}
                  </div>
                )}
              </td>
              <td>
                <select
                  aria-label={`${t('import.settings.crs')} ${f.name}`}
                  value={crs[f.name]}
                  onChange={(e) => setCrs({ ...crs, [f.name]: e.target.value as Crs })}
                >
                  {DATUMS.map((d) => (
                    <option key={d} value={d}>
                      {t(`import.settings.crs.${d}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="filter">
        <span className="filter-label">{t('import.settings.encoding')}</span>
        <select value={encoding} onChange={(e) => setEncoding(e.target.value as StageEncoding)}>
          {ENCODINGS.map((enc) => (
            <option key={enc} value={enc}>
              {t(`import.settings.encoding.${enc}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <button type="submit" className="primary" data-testid="import-start" autoFocus>
          {t('import.settings.start')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
