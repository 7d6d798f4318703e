import { booleanIntersects, booleanPointInPolygon, centerOfMass, point, simplify } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import {
  buildDistanceBandNeighbours,
  buildNeighboursFromLists,
  type Neighbourhood,
  type Neighbours,
} from '../analytics/neighbours';
import { toWgs84, type Crs } from '../geo/coords';
import { extractMaskArea, type PolygonRings } from './polygon-mask';
import { createLocalProjection, memoizeNeighbours, projectCentres, type StudyGrid } from './study-grid';

/** The user's management grid (网格), imported as GeoJSON polygons with ids and names. */
export interface UserStudyGrid extends StudyGrid {
  kind: 'user';
  features: Feature<Polygon | MultiPolygon>[];
}

export interface UserGridIssue {
  key: string;
  params?: Record<string, string | number>;
}

const ID_KEYS = ['网格编号', 'grid_id', 'id'];
const NAME_KEYS = ['名称', 'name'];

/**
 * Reads a FeatureCollection of Polygon/MultiPolygon features. Id from 网格编号, grid_id or id (any
 * case), else the feature's own id, else its 1-based position; name from 名称 or name. Duplicate ids
 * get a suffix. Coordinates are converted from `crs` to WGS-84.
 */
export function parseUserGrid(
  geojson: unknown,
  crs: Crs = 'WGS84',
): { grid: UserStudyGrid | null; issues: UserGridIssue[] } {
  const issues: UserGridIssue[] = [];
  const fc = geojson as { type?: string; features?: unknown[] } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { grid: null, issues: [{ key: 'hotspots.userGrid.notFeatureCollection' }] };
  }
  const features: Feature<Polygon | MultiPolygon>[] = [];
  const ids: string[] = [];
  const names: (string | null)[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let generated = 0;
  let duplicates = 0;
  fc.features.forEach((raw, k) => {
    const f = raw as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: unknown };
    const polygons = extractMaskArea(f?.geometry ?? null).polygons;
    if (!f || polygons.length === 0) {
      skipped++;
      return;
    }
    const props = f.properties ?? {};
    let id = pickProperty(props, ID_KEYS) ?? (f.id !== undefined && f.id !== null ? String(f.id) : null);
    if (id === null) {
      id = String(k + 1);
      generated++;
    }
    if (seen.has(id)) {
      duplicates++;
      let n = 2;
      while (seen.has(`${id}-${n}`)) n++;
      id = `${id}-${n}`;
    }
    seen.add(id);
    const converted = polygons.map((rings) =>
      rings.map((ring) => ring.map(([lon, lat]) => [...toWgs84(lon as number, lat as number, crs)])),
    );
    const geometry: Polygon | MultiPolygon =
      converted.length === 1
        ? { type: 'Polygon', coordinates: converted[0] as PolygonRings }
        : { type: 'MultiPolygon', coordinates: converted };
    features.push({ type: 'Feature', properties: { id, name: pickProperty(props, NAME_KEYS) }, geometry });
    ids.push(id);
    names.push(pickProperty(props, NAME_KEYS));
  });
  if (skipped) issues.push({ key: 'hotspots.userGrid.skippedFeatures', params: { count: skipped } });
  if (generated) issues.push({ key: 'hotspots.userGrid.generatedIds', params: { count: generated } });
  if (duplicates) issues.push({ key: 'hotspots.userGrid.duplicateIds', params: { count: duplicates } });
  if (features.length === 0) return { grid: null, issues: [...issues, { key: 'hotspots.userGrid.noPolygons' }] };
  return { grid: createUserStudyGrid(features, ids, names), issues };
}

function pickProperty(props: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const found = Object.keys(props).find((k) => k.trim().toLowerCase() === key);
    const v = found === undefined ? undefined : props[found];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return null;
}

/**
 * The study grid of features that parseUserGrid produced (WGS-84, properties id and name): what the
 * hot spot worker builds from the page's parsed grid, without parsing the file again.
 */
export function userStudyGridOf(features: Feature<Polygon | MultiPolygon>[]): UserStudyGrid {
  const prop = (f: Feature, key: string) => {
    const v = (f.properties as Record<string, unknown> | null)?.[key];
    return v === undefined || v === null ? null : String(v);
  };
  return createUserStudyGrid(
    features,
    features.map((f, i) => prop(f, 'id') ?? String(i + 1)),
    features.map((f) => prop(f, 'name')),
  );
}

type Box = [number, number, number, number];

function createUserStudyGrid(
  features: Feature<Polygon | MultiPolygon>[],
  ids: string[],
  names: (string | null)[],
): UserStudyGrid {
  const boxes = features.map(boxOf);
  const index = createBoxIndex(boxes);
  const centres = new Float64Array(2 * features.length);
  features.forEach((f, i) => {
    const [lon, lat] = centerOfMass(f).geometry.coordinates as [number, number];
    centres[2 * i] = lon;
    centres[2 * i + 1] = lat;
  });
  const polygonsOf = (i: number): number[][][][] => {
    const g = (features[i] as Feature<Polygon | MultiPolygon>).geometry;
    return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  };
  return {
    kind: 'user',
    features,
    ids,
    names,
    centres,
    cellPolygons: polygonsOf,
    /** The first polygon in file order holding the point; a point on a shared border goes to it. */
    locate: (lon, lat) => {
      const pt = point([lon, lat]);
      for (const i of index.query([lon, lat, lon, lat])) {
        const b = boxes[i] as Box;
        if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
        if (booleanPointInPolygon(pt, features[i] as Feature<Polygon | MultiPolygon>)) return i;
      }
      return -1;
    },
    neighbours: memoizeNeighbours((hood: Neighbourhood): Neighbours => {
      if (hood.kind === 'queen') return buildQueenNeighbours(features, boxes, index);
      const { x, y } = projectCentres(centres, createLocalProjection(centres[0] ?? 0, centres[1] ?? 0));
      return buildDistanceBandNeighbours(x, y, hood.distanceM);
    }),
  };
}

/** Drops near-collinear vertices (≈ 0.1 m) before the pairwise tests. */
const SIMPLIFY_TOLERANCE_DEG = 1e-6;
/** Vertices closer than this (≈ 1 cm) are the same vertex. */
const VERTEX_SNAP_DEG = 1e-7;

/**
 * Queen contiguity: polygons sharing a vertex (snapped; PySAL's rule) or, failing that, whose
 * simplified and snapped outlines intersect (turf booleanIntersects: a shared edge or vertex, or an
 * overlap), which catches T-junctions where a neighbour's corner lies mid-edge.
 * Only pairs with overlapping bounding boxes are tested.
 */
function buildQueenNeighbours(features: Feature<Polygon | MultiPolygon>[], boxes: Box[], index: BoxIndex): Neighbours {
  const lists: number[][] = features.map(() => []);
  const linked = new Set<string>();
  const link = (i: number, j: number) => {
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (linked.has(key)) return;
    linked.add(key);
    (lists[i] as number[]).push(j);
    (lists[j] as number[]).push(i);
  };
  const byVertex = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const [lon, lat] of verticesOf(f) as [number, number][]) {
      const key = `${Math.round(lon / VERTEX_SNAP_DEG)},${Math.round(lat / VERTEX_SNAP_DEG)}`;
      const list = byVertex.get(key);
      if (!list) byVertex.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  for (const list of byVertex.values()) {
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) link(list[a] as number, list[b] as number);
  }
  const simplified = features.map((f) =>
    snapFeature(simplify(f, { tolerance: SIMPLIFY_TOLERANCE_DEG, highQuality: false, mutate: false })),
  );
  boxes.forEach((box, i) => {
    for (const j of index.query(grow(box, VERTEX_SNAP_DEG))) {
      if (j <= i || linked.has(`${i},${j}`) || !overlaps(box, boxes[j] as Box, VERTEX_SNAP_DEG)) continue;
      if (
        booleanIntersects(
          simplified[i] as Feature<Polygon | MultiPolygon>,
          simplified[j] as Feature<Polygon | MultiPolygon>,
        )
      )
        link(i, j);
    }
  });
  return buildNeighboursFromLists(lists);
}

/** Rounds coordinates to VERTEX_SNAP_DEG, so that borders equal up to rounding noise touch. */
function snapFeature(f: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  const snap = (v: number) => Math.round(v / VERTEX_SNAP_DEG) * VERTEX_SNAP_DEG;
  const ring = (r: number[][]) => r.map(([lon, lat]) => [snap(lon as number), snap(lat as number)]);
  const g = f.geometry;
  const geometry: Polygon | MultiPolygon =
    g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
  return { ...f, geometry };
}

function verticesOf(f: Feature<Polygon | MultiPolygon>): number[][] {
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polys.flat(2);
}

function boxOf(f: Feature<Polygon | MultiPolygon>): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of verticesOf(f) as [number, number][]) {
    b[0] = Math.min(b[0], lon);
    b[1] = Math.min(b[1], lat);
    b[2] = Math.max(b[2], lon);
    b[3] = Math.max(b[3], lat);
  }
  return b;
}

function grow(b: Box, d: number): Box {
  return [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
}

function overlaps(a: Box, b: Box, tol: number): boolean {
  return a[0] <= b[2] + tol && b[0] <= a[2] + tol && a[1] <= b[3] + tol && b[1] <= a[3] + tol;
}

interface BoxIndex {
  /** indices whose boxes may overlap `box`, ascending, each once */
  query(box: Box): number[];
}

/** A uniform bucket grid over the boxes' extent, about one box per bucket. */
function createBoxIndex(boxes: Box[]): BoxIndex {
  const all: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    all[0] = Math.min(all[0], b[0]);
    all[1] = Math.min(all[1], b[1]);
    all[2] = Math.max(all[2], b[2]);
    all[3] = Math.max(all[3], b[3]);
  }
  const side = Math.max(1, Math.ceil(Math.sqrt(boxes.length)));
  const w = (all[2] - all[0]) / side || 1;
  const h = (all[3] - all[1]) / side || 1;
  const col = (lon: number) => Math.min(side - 1, Math.max(0, Math.floor((lon - all[0]) / w)));
  const row = (lat: number) => Math.min(side - 1, Math.max(0, Math.floor((lat - all[1]) / h)));
  const buckets: number[][] = Array.from({ length: side * side }, () => []);
  boxes.forEach((b, i) => {
    for (let r = row(b[1]); r <= row(b[3]); r++)
      for (let c = col(b[0]); c <= col(b[2]); c++) (buckets[r * side + c] as number[]).push(i);
  });
  return {
    query: (b) => {
      if (b[2] < all[0] || b[0] > all[2] || b[3] < all[1] || b[1] > all[3]) return [];
      const out = new Set<number>();
      for (let r = row(b[1]); r <= row(b[3]); r++)
        for (let c = col(b[0]); c <= col(b[2]); c++) for (const i of buckets[r * side + c] ?? []) out.add(i);
      return [...out].sort((x, y) => x - y);
    },
  };
}
