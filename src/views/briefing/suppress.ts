import {
  classifyCount,
  discloseRate,
  protectGroupTotal,
  SUPPRESSION_K,
  type Disclosure,
} from '../../core/export/suppression';
import type { Tile, TileValue } from './figures';

/**
 * What of the briefing may leave the unit (metrics.md, small numbers): the one rule of core/export/suppression.ts
 * applied to the page's figures. With `exact` (internal use) everything is shown.
 *
 * - a count 1–4 is "<5"; a rate on a cohort under 5, or beside a small count returned, is "—"; a median stay of
 *   fewer than 5 episodes is "—" (it would be one person's stay);
 * - a change (同比, 环比) is shown only when both figures it compares are shown: a change beside a shown figure
 *   gives the other back;
 * - a share is shown only beside a shown count of a shown whole of at least 5; the three origin sides add up to the
 *   period's episodes, shown on the page, so they are protected as a group (protectGroupTotal).
 */
export interface TileDisclosure {
  value: Disclosure;
  vsPrevious: boolean;
  vsLastYear: boolean;
}

function discloseValue(tile: Tile, v: TileValue): Disclosure {
  switch (tile.kind) {
    case 'count':
      return classifyCount(v.base);
    case 'rate':
      return v.value === null ? 'shown' : discloseRate(classifyCount(v.part ?? 0), classifyCount(v.base), v.base);
    case 'days':
      return v.base > 0 && v.base < SUPPRESSION_K ? 'hidden' : 'shown';
  }
}

export function discloseTile(tile: Tile, exact: boolean): TileDisclosure {
  if (exact) return { value: 'shown', vsPrevious: true, vsLastYear: true };
  const value = discloseValue(tile, tile.current);
  const against = (base: TileValue | null) => value === 'shown' && (!base || discloseValue(tile, base) === 'shown');
  return { value, vsPrevious: against(tile.previous), vsLastYear: against(tile.lastYear) };
}

/** A count in a list (a hot cell, an origin region) and its share of a whole. */
export function discloseListCount(count: number, whole: number, exact: boolean): { count: Disclosure; share: boolean } {
  if (exact) return { count: 'shown', share: true };
  const d = classifyCount(count);
  return { count: d, share: d === 'shown' && whole >= SUPPRESSION_K };
}

/** Counts that add up to a whole shown on the page (本省籍 / 外省籍 / 无法查明 of the period's episodes). */
export function discloseGroup(values: readonly number[], exact: boolean): Disclosure[] {
  if (exact) return values.map(() => 'shown');
  const { disclosures, exposed } = protectGroupTotal(
    values,
    values.map((v) => classifyCount(v)),
  );
  return exposed ? values.map(() => 'hidden') : disclosures;
}
