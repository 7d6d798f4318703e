import { useState } from 'react';
import { loadNarrative, saveNarrative } from './briefing-params';
import type { BriefingTranslate } from './messages';

export interface Narrative {
  /** what prints: the user's edit for this briefing link, else the generated text */
  text: string;
  edited: boolean;
  set(text: string | null): void;
}

/** The narrative of a briefing link: generated from the figures, or the user's edit kept on this computer. */
export function useNarrative(linkKey: string, generated: string): Narrative {
  const [edit, setEdit] = useState<{ key: string; text: string | null } | null>(null);
  const stored = edit && edit.key === linkKey ? edit.text : loadNarrative(linkKey);
  return {
    text: stored ?? generated,
    edited: stored !== null,
    set: (text) => {
      saveNarrative(linkKey, text);
      setEdit({ key: linkKey, text });
    },
  };
}

/** The narrative, editable on screen; the printout (and the PNG) show the text as a paragraph. */
export function NarrativeEditor({ narrative, t }: { narrative: Narrative; t: BriefingTranslate }) {
  const { text, edited, set } = narrative;
  return (
    <>
      <textarea
        className="bf-narrative-edit no-print"
        value={text}
        rows={3}
        title={t('bf.narrative.hint')}
        onChange={(e) => set(e.target.value)}
        data-testid="bf-narrative-edit"
      />
      <p className="bf-narrative-text print-only" data-testid="bf-narrative">
        {text}
      </p>
      <div className="bf-narrative-state no-print">
        {edited ? (
          <>
            <span data-testid="bf-narrative-edited">{t('bf.narrative.edited')}</span>{' '}
            <button type="button" className="ghost small" onClick={() => set(null)} data-testid="bf-narrative-reset">
              {t('bf.narrative.reset')}
            </button>
          </>
        ) : (
          <span>{t('bf.narrative.hint')}</span>
        )}
      </div>
    </>
  );
}
