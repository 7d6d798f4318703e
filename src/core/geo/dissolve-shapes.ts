import type { Position } from 'geojson';
import { cleanRing, ringArea, type Ring, type Shape } from './shared-arcs';

const keyOf = (p: Position): string => `${p[0]},${p[1]}`;

function pointInRing(p: Position, ring: Ring): boolean {
  const [x, y] = p as [number, number];
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Union of shapes that share borders vertex for vertex (as the DataV GeoJSON of one parent does): with every
 * outer ring counter-clockwise and every hole clockwise, an inner border is walked once in each direction,
 * so those edge pairs cancel and the remaining directed edges chain into the outline of the union.
 */
export function dissolveShapes(shapes: Shape[]): Shape {
  const edges = new Map<string, number>();
  const points = new Map<string, Position>();
  for (const shape of shapes) {
    for (const poly of shape) {
      poly.forEach((raw, i) => {
        let ring = cleanRing(raw);
        if (ring.length < 4) return;
        if ((i === 0) !== ringArea(ring) > 0) ring = [...ring].reverse();
        for (let k = 0; k < ring.length - 1; k++) {
          const a = keyOf(ring[k]!);
          const b = keyOf(ring[k + 1]!);
          points.set(a, ring[k]!);
          const reverse = `${b}|${a}`;
          const back = edges.get(reverse);
          if (back) {
            if (back === 1) edges.delete(reverse);
            else edges.set(reverse, back - 1);
          } else {
            edges.set(`${a}|${b}`, (edges.get(`${a}|${b}`) ?? 0) + 1);
          }
        }
      });
    }
  }

  const outgoing = new Map<string, string[]>();
  for (const [edge, count] of edges) {
    const [a, b] = edge.split('|') as [string, string];
    let list = outgoing.get(a);
    if (!list) outgoing.set(a, (list = []));
    for (let i = 0; i < count; i++) list.push(b);
  }
  // Deterministic walk order regardless of Map insertion quirks.
  for (const list of outgoing.values()) list.sort();
  const starts = [...outgoing.keys()].sort();

  const rings: Ring[] = [];
  for (const start of starts) {
    while (outgoing.get(start)?.length) {
      const ring: Ring = [points.get(start)!];
      let current = start;
      for (;;) {
        const list = outgoing.get(current);
        const next = list?.shift();
        if (next === undefined) break;
        ring.push(points.get(next)!);
        current = next;
        if (next === start) break;
      }
      if (ring.length >= 4 && current === start) rings.push(ring);
    }
  }

  const outers = rings.filter((r) => ringArea(r) > 0).sort((a, b) => ringArea(b) - ringArea(a));
  const holes = rings.filter((r) => ringArea(r) < 0);
  const polygons: Shape = outers.map((r) => [r]);
  for (const hole of holes) {
    let best = -1;
    for (let i = 0; i < outers.length; i++) {
      // Smallest containing outer ring: outers are sorted by decreasing area, so the last match wins.
      if (pointInRing(hole[0]!, outers[i]!)) best = i;
    }
    if (best >= 0) polygons[best]!.push(hole);
  }
  return polygons;
}
