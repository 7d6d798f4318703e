import type { MapLabel } from './BaseMap';

type Box = [number, number, number, number];

/**
 * The labels that fit without overlapping at the map's current view: larger labels first (then in
 * the given order), each kept only when its box, grown by `gap` pixels, touches no kept one. Boxes
 * are estimated from the text (a CJK character is one em wide, others about 0.6 em), centred on the
 * label's point as the TextLayer draws it.
 */
export function declutterLabels(
  labels: readonly MapLabel[],
  project: (position: [number, number]) => { x: number; y: number },
  gap = 4,
): MapLabel[] {
  const order = labels
    .map((label, i) => ({ label, i }))
    .sort((a, b) => (b.label.size ?? 12) - (a.label.size ?? 12) || a.i - b.i);
  const kept: Box[] = [];
  const keep = new Set<MapLabel>();
  for (const { label } of order) {
    const size = label.size ?? 12;
    const { x, y } = project(label.position);
    const halfW = textWidth(label.text, size) / 2 + gap;
    const halfH = size / 2 + gap;
    const box: Box = [x - halfW, y - halfH, x + halfW, y + halfH];
    if (kept.some((k) => box[0] < k[2] && k[0] < box[2] && box[1] < k[3] && k[1] < box[3])) continue;
    kept.push(box);
    keep.add(label);
  }
  return labels.filter((l) => keep.has(l));
}

function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 1 : 0.6;
  return em * size;
}
