import { useState } from 'react';
import { preselectedCrs } from '../../core/import/guess-crs';
import type { Crs } from '../../core/geo/coords';
import type { MemoryFit } from '../../core/import/memory-fit';
import type { SourceFile, StageEncoding } from '../../core/import/source-file';
import type { ImportTranslate } from './messages';
import type { ImportSettings } from './importer';
import { useCrsGuesses, type FileDatumGuess } from './use-crs-guesses';

const DATUMS: Crs[] = ['WGS84', 'GCJ02', 'BD09'];
const ENCODINGS: StageEncoding[] = ['auto', 'utf-8', 'gb18030', 'utf-16le'];

/**
 * The one thing a file may not tell us: which datum its coordinates are in. Each file is read ahead:
 * a 坐标系 column decides per row, a header or file name naming a source system preselects its datum,
 * and what was detected is shown beside the choice; the user's choice always wins.
 */
export function ImportSettingsForm({
  t,
  files,
  memory,
  onConfirm,
  onCancel,
}: {
  t: ImportTranslate;
  files: readonly SourceFile[];
  /** by file name: whether the file fits in the engine's memory (see checkImportFits) */
  memory?: Readonly<Record<string, MemoryFit>>;
  onConfirm(settings: ImportSettings): void;
  onCancel(): void;
}) {
  // the user's own choices; a file not chosen for follows what was detected in it
  const [chosen, setChosen] = useState<Record<string, Crs>>({});
  const guesses = useCrsGuesses(files);
  const crsOf = (name: string): Crs => {
    const g = guesses?.[name];
    return chosen[name] ?? (g ? preselectedCrs(g.guess) : 'WGS84');
  };
  const [encoding, setEncoding] = useState<StageEncoding>('auto');
  return (
    <form
      data-testid="import-settings"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm({ crsByFile: Object.fromEntries(files.map((f) => [f.name, crsOf(f.name)])), encoding });
      }}
    >
      <p className="note">{t('import.settings.crsHint')}</p>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>{t('import.report.file')}</th>
            <th>{t('import.settings.crs')}</th>
            <th>{t('import.settings.detected')}</th>
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
                  value={crsOf(f.name)}
                  onChange={(e) => setChosen({ ...chosen, [f.name]: e.target.value as Crs })}
                >
                  {DATUMS.map((d) => (
                    <option key={d} value={d}>
                      {t(`import.settings.crs.${d}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td className="note" data-testid={`crs-detected-${f.name}`}>
                {guesses ? describeGuess(guesses[f.name] ?? null, t) : t('import.settings.detecting')}
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
        <button type="submit" className="primary" data-testid="import-start" disabled={!guesses} autoFocus>
          {t('import.settings.start')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function describeGuess(g: FileDatumGuess | null, t: ImportTranslate): string {
  if (!g) return t('import.settings.detect.unreadable');
  const { guess, shape } = g;
  const what =
    guess.source === 'column'
      ? t('import.settings.detect.column', { header: guess.header })
      : guess.source === 'header'
        ? `${t(`import.settings.crs.${guess.crs}`)}：${t('import.settings.detect.header', { header: guess.header })}`
        : guess.source === 'fileName'
          ? `${t(`import.settings.crs.${guess.crs}`)}：${t('import.settings.detect.fileName')}`
          : t('import.settings.detect.none');
  const note =
    shape === 'swapped'
      ? t('import.settings.shape.swapped')
      : shape === 'projected'
        ? t('import.settings.shape.projected')
        : null;
  return note ? `${what}。${note}` : what;
}
