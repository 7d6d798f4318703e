import { SPLIT_ALL, SPLIT_UNKNOWN } from '../../core/analytics/repeat-returns';
import { SPLIT_OTHER } from './layers';

/** Series colours (ColorBrewer Dark2 + Set1 picks); 'all' dark, 'other' and 'unknown' grey. */
const SERIES_COLORS = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#377eb8'];

export function colorOfSeries(split: string, index: number): string {
  if (split === SPLIT_ALL) return '#b03a2e';
  if (split === SPLIT_OTHER) return '#8c8c8c';
  if (split === SPLIT_UNKNOWN) return '#b5b5b5';
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

/** Fill of incomplete cohorts: grey diagonal hatching, defined once per chart by <HatchPattern />. */
export const HATCH_ID = 'rr-hatch';
export const HATCH_FILL = `url(#${HATCH_ID})`;
