/** Props of a recharts y-axis label: the title turned to read upwards, centred, `offset` px left of the ticks. */
export function yAxisTitle(value: string, offset = 6) {
  return { value, angle: -90, position: 'left', offset, style: { textAnchor: 'middle' } } as const;
}

/**
 * Width in pixels for a category axis whose ticks are `labels` (12 px text): CJK characters take a full
 * em, others about 0.58 em, so English labels get the room they need without a canvas measurement.
 */
export function categoryAxisWidth(labels: readonly string[], min = 48, max = 180): number {
  const widest = labels.reduce((w, label) => {
    let px = 0;
    for (const ch of label) px += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 12 : 7;
    return Math.max(w, px);
  }, 0);
  return Math.max(min, Math.min(max, widest + 12));
}
