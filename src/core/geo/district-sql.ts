import type { DbConnector } from '../db/connector';
import { joinSql, raw, sql, type SqlFragment } from '../sql/sql';

/**
 * Point in polygon for the district boundaries (区县) bundled in public/geo, in plain SQL: DuckDB-WASM has no
 * spatial extension offline. Even–odd ray casting (a horizontal ray to the east crosses a polygon's edges an
 * odd number of times iff the point is inside; holes and multi-polygons need nothing more), made set-based:
 *
 * - edges are kept per latitude band of CELL degrees, so a point only meets the edges of its own band;
 * - cells of CELL × CELL degrees that no edge's bounding box touches lie wholly in one district (or none):
 *   their points take the district of the cell's centre, tested once per cell. Only points in cells an
 *   edge passes near (about 3 % of Beijing's area) are tested one by one.
 *
 * A point exactly on a border may be counted in either district; a point in no polygon gets none.
 */
export const DISTRICT_CELL_DEGREES = 0.002;

export interface DistrictBoundaries {
  districts: { code: string; name: string }[];
  /** [district index, x1, y1, x2, y2] of every polygon edge that is not horizontal */
  edges: [number, number, number, number, number][];
  bbox: { west: number; south: number; east: number; north: number };
}

type Position = number[];
interface Feature {
  properties?: { code?: unknown; name?: unknown } | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}

/** The edges of a FeatureCollection of (Multi)Polygons with `code` and `name` properties (beijing-districts.geojson). */
export function readDistrictBoundaries(geojson: unknown): DistrictBoundaries {
  const features = ((geojson as { features?: Feature[] } | null)?.features ?? []).filter(
    (f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  const out: DistrictBoundaries = {
    districts: [],
    edges: [],
    bbox: { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity },
  };
  for (const f of features) {
    const id = out.districts.length;
    out.districts.push({ code: String(f.properties?.code ?? ''), name: String(f.properties?.name ?? '') });
    const coords = f.geometry?.coordinates as Position[][] | Position[][][];
    const polygons = (f.geometry?.type === 'Polygon' ? [coords] : coords) as Position[][][];
    for (const ring of polygons.flat()) {
      for (let i = 1; i < ring.length; i++) {
        const [x1, y1] = ring[i - 1] as [number, number];
        const [x2, y2] = ring[i] as [number, number];
        const b = out.bbox;
        b.west = Math.min(b.west, x1);
        b.east = Math.max(b.east, x1);
        b.south = Math.min(b.south, y1);
        b.north = Math.max(b.north, y1);
        if (y1 !== y2) out.edges.push([id, x1, y1, x2, y2]);
      }
    }
  }
  return out;
}

const CHUNK = 1000;
const cellOf = (v: string) => `CAST(floor(${v} / ${DISTRICT_CELL_DEGREES}) AS INTEGER)`;

/** The tables installDistrictBoundaries creates; whoever installs them drops them when done. */
export const DISTRICT_LOOKUP_TABLES = ['__district_names', '__district_edges', '__district_cells'] as const;

/**
 * Creates the lookup tables (temporary, for this session): __district_names (id, code, name, short),
 * __district_edges (band, id, x1, y1, x2, y2) and __district_cells (ix, iy) of the cells edges pass near.
 */
export async function installDistrictBoundaries(db: DbConnector, b: DistrictBoundaries): Promise<void> {
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE __district_names (id SMALLINT, code VARCHAR, name VARCHAR, short VARCHAR)`,
  );
  if (b.districts.length > 0) {
    const rows = b.districts.map((d, id) => sql`(${id}, ${d.code}, ${d.name}, ${d.name.replace(/(区|县)$/u, '')})`);
    await db.exec(sql`INSERT INTO __district_names VALUES ${joinSql(rows)}`.text);
  }
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE __district_edge_list (id SMALLINT, x1 DOUBLE, y1 DOUBLE, x2 DOUBLE, y2 DOUBLE)`,
  );
  for (let i = 0; i < b.edges.length; i += CHUNK) {
    const rows = b.edges.slice(i, i + CHUNK).map((e) => sql`(${e[0]}, ${e[1]}, ${e[2]}, ${e[3]}, ${e[4]})`);
    await db.exec(sql`INSERT INTO __district_edge_list VALUES ${joinSql(rows)}`.text);
  }
  await db.exec(`CREATE OR REPLACE TEMP TABLE __district_edges AS
    SELECT CAST(unnest(range(${cellOf('least(y1, y2)')}, ${cellOf('greatest(y1, y2)')} + 1)) AS INTEGER) AS band,
      id, x1, y1, x2, y2
    FROM __district_edge_list`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE __district_cells AS
    SELECT DISTINCT ix, CAST(unnest(range(iy0, iy1 + 1)) AS INTEGER) AS iy FROM (
      SELECT CAST(unnest(range(${cellOf('least(x1, x2)')}, ${cellOf('greatest(x1, x2)')} + 1)) AS INTEGER) AS ix,
        ${cellOf('least(y1, y2)')} AS iy0, ${cellOf('greatest(y1, y2)')} AS iy1
      FROM __district_edge_list)`);
  await db.exec('DROP TABLE __district_edge_list');
}

/** (k, id) of the probes (k, x, y) inside a district polygon: an odd number of edge crossings to the east. */
function rayCastSql(probes: string): string {
  return `SELECT k, min(id) AS id FROM (
      SELECT p.k, e.id FROM ${probes} p JOIN __district_edges e ON e.band = ${cellOf('p.y')}
      WHERE (e.y1 > p.y) <> (e.y2 > p.y) AND p.x < e.x1 + (p.y - e.y1) * (e.x2 - e.x1) / (e.y2 - e.y1)
      GROUP BY p.k, e.id HAVING count(*) % 2 = 1
    ) GROUP BY k`;
}

/**
 * SELECT (k, district_id) for the points (k, x, y) of `points` (WGS-84) that lie in a district: needs
 * installDistrictBoundaries. Points outside every polygon have no row.
 */
export function buildPointDistrictSql(points: SqlFragment, b: DistrictBoundaries): SqlFragment {
  const { west, south, east, north } = b.bbox;
  const key = `CAST(ix AS BIGINT) * 1000000 + iy`;
  return raw(`WITH __pts AS MATERIALIZED (
      SELECT k, x, y, ${cellOf('x')} AS ix, ${cellOf('y')} AS iy FROM ${points.text}
      WHERE x BETWEEN ${west} AND ${east} AND y BETWEEN ${south} AND ${north}
    ),
    __near AS (SELECT p.k, p.x, p.y FROM __pts p SEMI JOIN __district_cells c ON c.ix = p.ix AND c.iy = p.iy),
    __inner AS (
      SELECT DISTINCT ix, iy FROM __pts p ANTI JOIN __district_cells c ON c.ix = p.ix AND c.iy = p.iy
    ),
    __centres AS (
      SELECT ${key} AS k, (ix + 0.5) * ${DISTRICT_CELL_DEGREES} AS x, (iy + 0.5) * ${DISTRICT_CELL_DEGREES} AS y
      FROM __inner
    ),
    __cell_district AS (${rayCastSql('__centres')})
    SELECT k, id AS district_id FROM (${rayCastSql('__near')})
    UNION ALL
    SELECT p.k, c.id FROM __pts p JOIN __cell_district c ON c.k = ${key.replace(/ix|iy/g, (v) => `p.${v}`)}`);
}
