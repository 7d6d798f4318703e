import { computeConfidenceLevels } from './fdr';

export type HotspotClass = 'hot99' | 'hot95' | 'hot90' | 'none' | 'cold90' | 'cold95' | 'cold99';

/** Legend order, hottest first. */
export const HOTSPOT_CLASSES: readonly HotspotClass[] = [
  'hot99',
  'hot95',
  'hot90',
  'none',
  'cold90',
  'cold95',
  'cold99',
];

const CLASS_BY_BIN: Record<number, HotspotClass> = {
  3: 'hot99',
  2: 'hot95',
  1: 'hot90',
  0: 'none',
  [-1]: 'cold90',
  [-2]: 'cold95',
  [-3]: 'cold99',
};

/**
 * Class bins as ArcGIS's Gi_Bin: +3/+2/+1 hot at 99/95/90 %, −1/−2/−3 cold, 0 not significant.
 * The sign is z's; the level comes from p, with or without the Benjamini–Hochberg correction.
 */
export function classifyHotspots(z: ArrayLike<number>, p: ArrayLike<number>, options: { fdr: boolean }): Int8Array {
  const levels = computeConfidenceLevels(p, options.fdr);
  const bins = new Int8Array(z.length);
  for (let i = 0; i < z.length; i++) {
    const level = levels[i] as number;
    const zi = z[i] as number;
    if (level === 0 || zi === 0 || Number.isNaN(zi)) continue;
    const magnitude = level === 99 ? 3 : level === 95 ? 2 : 1;
    bins[i] = zi > 0 ? magnitude : -magnitude;
  }
  return bins;
}

export function hotspotClassOfBin(bin: number): HotspotClass {
  return CLASS_BY_BIN[bin] ?? 'none';
}
