import type { Lang } from '../shared/i18n/format';
import { joinList } from '../shared/i18n/format';
import type { Tile, TileId } from './figures';
import type { BriefingTranslate } from './messages';
import { narrateChange, type TileDisplay } from './present';

/** A named place or region with its episodes, as the page shows them ("<5" when suppressed). */
export interface NarrativeItem {
  name: string;
  episodes: string;
}

export interface NarrativeInput {
  period: string;
  tiles: ReadonlyMap<TileId, { tile: Tile; display: TileDisplay }>;
  /** the latest monthly cohort whose follow-up is complete, when the period's own rate is not known yet */
  latestRate: { period: string; rate: string } | null;
  /**
   * the places of the listed hot cells in their order (each once) and how many hot cells there are; null while
   * they are computed (the sentence is left out)
   */
  hotspots: { places: readonly string[]; cells: number } | null;
  origins: readonly NarrativeItem[] | null;
  sides: { in: string; out: string; unknown: string } | null;
}

/** How many places and regions the narrative names. */
export const NARRATIVE_TOP = 3;

/**
 * The briefing's short text ("本期共救助 … 人次，同比上升 …%"), from the very strings the tiles, the hot spot list
 * and the origin table show, so the text and the figures cannot disagree (test/node/briefing-narrative.test.ts
 * parses it back). The user may edit it before printing.
 */
export function buildNarrative(input: NarrativeInput, t: BriefingTranslate, lang: Lang): string {
  const shown = (id: TileId) => input.tiles.get(id)!;
  const value = (id: TileId) => shown(id).display.value;
  const change = (id: TileId, which: 'vsPrevious' | 'vsLastYear') => {
    const { tile, display } = shown(id);
    return narrateChange(tile, which, display, t);
  };
  const sentences = [
    t('bf.narr.lead', {
      period: input.period,
      episodes: value('episodes'),
      persons: value('persons'),
      yoy: change('episodes', 'vsLastYear'),
      mom: change('episodes', 'vsPrevious'),
    }),
    t('bf.narr.groups', {
      newPersons: value('newPersons'),
      minors: value('minors'),
      elderly: value('elderly'),
      mental: value('mental'),
    }),
    t('bf.narr.home', { returned: value('returnedHome'), stay: value('medianStay') }),
  ];
  const rate = shown('returnRate');
  if (rate.tile.current.value !== null) {
    sentences.push(t('bf.narr.rate', { rate: rate.display.value }));
  } else {
    const latest = input.latestRate ? t('bf.narr.rateLatest', input.latestRate) : '';
    sentences.push(t('bf.narr.ratePending', { latest }));
  }
  const items = (list: readonly NarrativeItem[]) =>
    joinList(
      lang,
      list.slice(0, NARRATIVE_TOP).map((i) => t('bf.narr.item', { name: i.name, n: i.episodes })),
    );
  if (input.hotspots) {
    const places = [...new Set(input.hotspots.places)].slice(0, NARRATIVE_TOP);
    const { cells } = input.hotspots;
    sentences.push(
      cells === 0
        ? t('bf.narr.noHotspots')
        : places.length
          ? t('bf.narr.hotspots', { places: joinList(lang, places), cells })
          : t('bf.narr.hotspotCells', { cells }),
    );
  }
  if (input.origins?.length && input.sides) {
    const count = Math.min(input.origins.length, NARRATIVE_TOP);
    sentences.push(
      count === 1
        ? t('bf.narr.originsOne', { regions: items(input.origins), ...input.sides })
        : t('bf.narr.origins', {
            regions: items(input.origins),
            count: t(`bf.narr.count.${count as 2 | 3}`),
            ...input.sides,
          }),
    );
  }
  return sentences.join(lang === 'zh' ? '' : ' ');
}
