import { lineString, simplify } from '@turf/turf';
import type { Position } from 'geojson';

/** Polygon rings, outer ring first; a shape is the list of polygons of one feature (a MultiPolygon body). */
export type Ring = Position[];
export type PolygonRings = Ring[];
export type Shape = PolygonRings[];

const keyOf = (p: Position): string => `${p[0]},${p[1]}`;

/** Drop consecutive repeated vertices; the ring stays closed. */
export function cleanRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push(first);
  return out;
}

/**
 * Vertices where borders branch: a vertex whose neighbours, over every ring that passes through it, are
 * more than two. Splitting rings there gives arcs that each border between the same two areas
 * (the TopoJSON idea, Bostock's topojson-server "join"/"cut" steps), so both sides simplify identically.
 */
function findJunctions(rings: Ring[]): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  for (const ring of rings) {
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      const k = keyOf(ring[i]!);
      const prev = keyOf(ring[(i - 1 + n) % n]!);
      const next = keyOf(ring[i + 1]!);
      let set = neighbours.get(k);
      if (!set) neighbours.set(k, (set = new Set()));
      set.add(prev).add(next);
    }
  }
  const junctions = new Set<string>();
  for (const [k, set] of neighbours) if (set.size > 2) junctions.add(k);
  return junctions;
}

/** Arcs of one closed ring: cut at junctions, or the whole ring from a canonical start when it has none. */
function cutRing(ring: Ring, junctions: Set<string>): Position[][] {
  const n = ring.length - 1;
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (junctions.has(keyOf(ring[i]!))) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    // A ring without junctions (an island, or an enclave shared whole): start at its smallest vertex.
    let best = 0;
    for (let i = 1; i < n; i++) if (keyOf(ring[i]!) < keyOf(ring[best]!)) best = i;
    const rotated = [...ring.slice(best, n), ...ring.slice(0, best)];
    return [[...rotated, rotated[0]!]];
  }
  const rotated = [...ring.slice(start, n), ...ring.slice(0, start), ring[start]!];
  const arcs: Position[][] = [];
  let current: Position[] = [rotated[0]!];
  for (let i = 1; i < rotated.length; i++) {
    const p = rotated[i]!;
    current.push(p);
    if (i === rotated.length - 1 || junctions.has(keyOf(p))) {
      arcs.push(current);
      current = [p];
    }
  }
  return arcs;
}

function simplifyLine(coords: Position[], tolerance: number): Position[] {
  if (coords.length <= 2) return coords;
  const closed = keyOf(coords[0]!) === keyOf(coords[coords.length - 1]!);
  if (closed) {
    // Douglas–Peucker needs two distinct anchors: split a closed loop at its farthest vertex.
    const a = coords[0]!;
    let far = 1;
    let farD = -1;
    for (let i = 1; i < coords.length - 1; i++) {
      const d = (coords[i]![0]! - a[0]!) ** 2 + (coords[i]![1]! - a[1]!) ** 2;
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    const first = simplifyLine(coords.slice(0, far + 1), tolerance);
    const second = simplifyLine(coords.slice(far), tolerance);
    return [...first, ...second.slice(1)];
  }
  return simplify(lineString(coords), { tolerance, highQuality: true }).geometry.coordinates;
}

export function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return s / 2;
}

/**
 * Simplify every shape with Douglas–Peucker (turf.simplify, high quality) arc by arc, so that borders shared
 * by two shapes, or by a shape and its dissolved parent, stay identical and no gaps or overlaps appear.
 * Coordinates must already be exactly equal where borders are shared. Holes that collapse are dropped;
 * outer rings that collapse (small islands) are kept at a smaller tolerance so no island vanishes.
 */
export function simplifySharedBorders(shapes: Shape[], tolerance: number): Shape[] {
  const cleaned = shapes.map((shape) => shape.map((poly) => poly.map(cleanRing).filter((r) => r.length >= 4)));
  const junctions = findJunctions(cleaned.flatMap((s) => s.flat()));
  const cache = new Map<string, Position[]>();

  const simplifyArc = (arc: Position[]): Position[] => {
    const keys = arc.map(keyOf);
    const forward = keys.join(';');
    const backward = [...keys].reverse().join(';');
    const canonicalForward = forward <= backward;
    const canonical = canonicalForward ? forward : backward;
    let simplified = cache.get(canonical);
    if (!simplified) {
      simplified = simplifyLine(canonicalForward ? arc : [...arc].reverse(), tolerance);
      cache.set(canonical, simplified);
    }
    return canonicalForward ? simplified : [...simplified].reverse();
  };

  const simplifyRing = (ring: Ring): Ring => {
    const out: Ring = [];
    for (const arc of cutRing(ring, junctions)) {
      const s = simplifyArc(arc);
      out.push(...(out.length ? s.slice(1) : s));
    }
    return cleanRing(out);
  };

  return cleaned.map((shape) =>
    shape
      .map((poly) => {
        const rings: Ring[] = [];
        poly.forEach((ring, i) => {
          let s = simplifyRing(ring);
          if (s.length < 4 || Math.abs(ringArea(s)) === 0) {
            if (i > 0) return;
            s = simplifyLine(ring, tolerance / 10);
            if (s.length < 4) s = ring;
          }
          rings.push(s);
        });
        return rings;
      })
      .filter((poly) => poly.length > 0),
  );
}

/** Round coordinates (5 decimals ≈ 1 m) and drop vertices that become repeats. */
export function roundShape(shape: Shape, decimals = 5): Shape {
  const f = 10 ** decimals;
  return shape
    .map((poly) =>
      poly.map((ring) => cleanRing(ring.map((p) => [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f]))),
    )
    .map((poly) => (poly[0] && poly[0].length >= 4 ? poly.filter((r) => r.length >= 4) : []))
    .filter((poly) => poly.length > 0);
}
