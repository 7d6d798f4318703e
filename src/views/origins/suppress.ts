/**
 * Small-number suppression for what leaves the unit (metrics.md, 小数抑制): counts 1…k−1 as "<k", a rate or share
 * whose denominator is under k as "—", and a share beside a suppressed count with it. The one place the
 * coordination sheet asks; to be pointed at the shared module (src/core/export/suppression.ts) once it lands.
 */
export const SUPPRESS_K = 5;

export type Suppressed = number | string;

export function suppressFigure(
  kind: 'count' | 'share',
  value: number | null,
  denominator: number | null = null,
  count: number | null = null,
): Suppressed {
  if (value === null || !Number.isFinite(value)) return '—';
  if (kind === 'count') return value > 0 && value < SUPPRESS_K ? `<${SUPPRESS_K}` : value;
  const hidden =
    (denominator !== null && denominator < SUPPRESS_K) || (count !== null && count > 0 && count < SUPPRESS_K);
  return hidden ? '—' : value;
}
