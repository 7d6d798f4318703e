/** A route's lines as [lon, lat] vertices in the file's datum; a MULTILINESTRING has several. */
export type RouteParts = [number, number][][];

export type RouteParse = { parts: RouteParts } | { error: 'reject.routeUnreadable' | 'reject.routeTooFewVertices' };

const WKT = /^\s*(?:SRID=\d+\s*;\s*)?(MULTI)?LINESTRING\s*(?:ZM|Z|M)?\s*(\(.*\))\s*$/is;

/**
 * A route cell: WKT `LINESTRING(lon lat, …)` / `MULTILINESTRING((…), (…))` (Z/M values and an EWKT SRID prefix
 * ignored), or GeoJSON: a LineString, a MultiLineString, or a Feature holding one. Every line needs at least
 * two vertices; a vertex is two finite numbers.
 */
export function parseRoute(text: string): RouteParse {
  const t = text.trim();
  const parts = t.startsWith('{') ? readGeoJson(t) : readWkt(t);
  if (!parts || parts.length === 0) return { error: 'reject.routeUnreadable' };
  for (const part of parts) {
    if (part.length < 2) return { error: 'reject.routeTooFewVertices' };
  }
  return { parts };
}

function readWkt(text: string): RouteParts | null {
  const m = WKT.exec(text);
  if (!m) return null;
  const body = (m[2] as string).trim();
  let lines: string[];
  if (m[1]) {
    const inner = /^\((.*)\)$/s.exec(body)?.[1];
    if (inner === undefined) return null;
    lines = [];
    const re = /\s*\(([^()]*)\)\s*(,|$)/gy;
    let k: RegExpExecArray | null;
    let end = 0;
    while ((k = re.exec(inner)) !== null && k[0] !== '') {
      lines.push(k[1] as string);
      end = re.lastIndex;
    }
    if (end !== inner.length) return null;
  } else {
    const inner = /^\(([^()]*)\)$/.exec(body)?.[1];
    if (inner === undefined) return null;
    lines = [inner];
  }
  const parts: RouteParts = [];
  for (const line of lines) {
    const part: [number, number][] = [];
    if (line.trim() !== '') {
      for (const v of line.split(',')) {
        const nums = v.trim().split(/\s+/);
        if (nums.length < 2 || nums.length > 4) return null;
        const vertex = toVertex(nums[0], nums[1]);
        if (!vertex || nums.slice(2).some((x) => !Number.isFinite(Number(x)))) return null;
        part.push(vertex);
      }
    }
    parts.push(part);
  }
  return parts;
}

function toVertex(x: unknown, y: unknown): [number, number] | null {
  const num = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  const lon = num(x);
  const lat = num(y);
  return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : null;
}

function readLine(coords: unknown): [number, number][] | null {
  if (!Array.isArray(coords)) return null;
  const out: [number, number][] = [];
  for (const c of coords) {
    if (!Array.isArray(c) || c.length < 2 || c.some((x) => typeof x !== 'number')) return null;
    const v = toVertex(c[0], c[1]);
    if (!v) return null;
    out.push(v);
  }
  return out;
}

function readGeoJson(text: string): RouteParts | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  let g = value as { type?: unknown; coordinates?: unknown; geometry?: unknown } | null;
  if (g && g.type === 'Feature') g = g.geometry as typeof g;
  if (!g || typeof g !== 'object') return null;
  if (g.type === 'LineString') {
    const line = readLine(g.coordinates);
    return line ? [line] : null;
  }
  if (g.type === 'MultiLineString' && Array.isArray(g.coordinates)) {
    const lines = g.coordinates.map(readLine);
    return lines.every((l): l is [number, number][] => l !== null) ? lines : null;
  }
  return null;
}
